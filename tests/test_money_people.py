"""Money, people, place and time (issue 10), as a resident reads them on the built pages.

The fixture `tests/fixtures/funded` gives amounts in two currencies (USD by default, EUR named),
amounts for the plan as a whole, a link without an amount, a bare source id, a source nobody
names, every organization role plus one without a role, a horizon with a review cycle, and the
engagement that shaped the plan. `tests/fixtures/minimal` gives none of these, so its pages show
none of them and invent nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from harness import FIXTURE_TODAY, FIXTURES, build_fixtures, built_site, edit_yaml, markdown_as_read
from html_page import Node, article, built_page, under

from framework_builder.model.framework import Engagement, Frequency, FundingLink, Horizon, Role
from framework_builder.site.render.money import data_amounts, money, total
from framework_builder.site.render.words import EXPLANATIONS, NO_ROLE_GROUP, ROLE_GROUPS
from framework_builder.site.theme import Theme
from framework_builder.source.loader import load_framework

FUNDED = "funded/2.0/"
MINIMAL = "minimal/1.0/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The funded and minimal fixtures built once, in a project of their own."""
    return build_fixtures(tmp_path_factory.mktemp("money"), "funded", "minimal")


def texts(node: Node, tag: str) -> list[str]:
    return [found.text() for found in node.find_all(tag)]


def paragraphs(node: Node) -> list[str]:
    """The text of each paragraph among `node`'s children (an article's, or what stands under a heading)."""
    return [child.text() for child in node.children if isinstance(child, Node) and child.tag == "p"]


# -- money: the funding page -----------------------------------------------------------------

def test_a_source_shows_its_amounts_for_the_plan_and_per_action_and_its_total(site: Path) -> None:
    city = under(article(site, FUNDED + "funding"), "city-budget")
    assert "For the plan as a whole:" in paragraphs(city)
    assert texts(city, "li") == [
        "$50,000 (USD, fiscal year 2018) — Planning and engagement",
        "Publish an annual report: amount not given",
        "Open two youth centres: $280,000 (USD, fiscal year 2018)",
    ]
    # The bare source id has no amount, so the total is a floor, and says so.
    assert "Total from this source: at least $330,000 (1 amount not given)." in paragraphs(city)


def test_amounts_in_another_currency_are_never_added_to_the_default_one(site: Path) -> None:
    grant = under(article(site, FUNDED + "funding"), "river-foundation-grant")
    assert texts(grant, "li") == ["€20,000 (EUR, in 2018)", "Open two youth centres: €15,000.50 (EUR)"]
    assert "Total from this source: €35,000.50." in paragraphs(grant)


def test_a_link_without_an_amount_says_so_with_its_fiscal_year_and_note(site: Path) -> None:
    state = under(article(site, FUNDED + "funding"), "state-grant")
    assert texts(state, "li") == [
        "Publish an annual report: $40,000 (USD, in the first half of 2019)",
        "Summer jobs for young people: amount not given (FY2019-20) — Amount decided each year",
    ]
    assert "Total from this source: at least $40,000 (1 amount not given)." in paragraphs(state)


def test_a_source_that_funds_the_plan_itself_is_not_said_to_be_unused(site: Path) -> None:
    body = article(site, FUNDED + "funding")
    community = under(body, "community-fund")
    assert texts(community, "li") == ["$5,000 (USD)"]
    assert not any("No action names this source" in text for text in paragraphs(community))
    unused = under(body, "unused-source")
    assert "No action names this source yet, and the plan gives it no amount for the plan as a whole." in paragraphs(unused)


def test_the_totals_table_has_a_row_per_goal_the_plan_and_everything(site: Path) -> None:
    body = article(site, FUNDED + "funding")
    tables = under(body, "totals").find_all("table")
    assert len(tables) == 1
    header = [cell.text() for cell in tables[0].find_all("th")]
    rows = [[cell.text() for cell in row.find_all("td")] for row in tables[0].find_all("tbody")[0].find_all("tr")]
    assert header == ["Goal", "Funding named"]
    assert rows == [
        ["The plan is coordinated and reviewed", "at least $40,000 (1 amount not given)"],
        ["Young people have safe places to go", "at least $280,000 and €15,000.50 (1 amount not given)"],
        ["The plan as a whole, not tied to an action", "$55,000 and €20,000"],
        ["All funding", "at least $375,000 and €35,000.50 (2 amounts not given)"],
    ]
    goal_links = [a.attrs["href"] for a in tables[0].find_all("a")]
    assert goal_links == ["../goals/coordination/", "../goals/youth/"]


def test_without_any_amount_the_funding_page_invents_no_total(site: Path) -> None:
    body = article(site, MINIMAL + "funding")
    assert not body.find_all("table")
    assert not any("Total" in text or "not given" in text for text in paragraphs(body))
    assert texts(under(body, "city-budget"), "li") == ["Publish a reporting guide"]


def test_an_action_says_how_much_each_source_gives(site: Path) -> None:
    goal = article(site, FUNDED + "goals/youth")
    funding = [li for li in goal.find_all("li") if li.text().startswith("Funding:")]
    assert [li.text() for li in funding] == [
        "Funding: City budget: $280,000 (USD, fiscal year 2018); River Foundation grant: €15,000.50 (EUR)",
        "Funding: State prevention grant: amount not given (FY2019-20)",
    ]
    assert [a.attrs["href"] for a in funding[0].find_all("a")] == [
        "../../funding/#city-budget", "../../funding/#river-foundation-grant"]


def test_the_actions_download_carries_the_amounts(site: Path) -> None:
    data = (site / FUNDED / "downloads" / "actions.csv").read_text(encoding="utf-8")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(data))}
    assert {"goal", "objective", "id", "title", "status", "funding", "funding_amounts"} <= set(rows["youth-centres"])
    assert rows["youth-centres"]["funding"] == "city-budget river-foundation-grant"
    assert rows["youth-centres"]["funding_amounts"] == (
        "city-budget: 280000 USD, fiscal year 2018; river-foundation-grant: 15000.5 EUR")
    assert rows["annual-report"]["funding_amounts"] == (
        "city-budget: amount not given; state-grant: 40000 USD, period 2019-H1")
    downloads = article(site, FUNDED + "downloads")
    assert any("the amounts the plan gives" in li.text() for li in downloads.find_all("li"))


def test_money_is_formatted_the_same_everywhere_and_totals_keep_currencies_apart() -> None:
    assert money(Decimal("1234567"), "USD") == "$1,234,567"
    assert money(Decimal("0.5"), "GBP") == "£0.50"
    assert money(Decimal("1000"), "CHF") == "CHF 1,000"  # no symbol of its own: the code
    assert money(Decimal("1000"), None) == "1,000"
    links = [FundingLink(source="a", amount=1), FundingLink(source="a", amount=2, currency="EUR"),
             FundingLink(source="a", amount=0.1), FundingLink(source="a", amount=0.2)]
    assert total(links, "USD").words() == "$1.30 and €2"
    assert total([FundingLink(source="a")], "USD").words() == "1 amount not given"
    assert total([], "USD").words() == "none named"
    assert data_amounts([FundingLink(source="a", amount=5)], None) == "a: 5"


# -- people: the partners page ---------------------------------------------------------------

def test_partners_are_grouped_by_role_in_order_with_what_each_role_means(site: Path) -> None:
    body = article(site, FUNDED + "partners")
    groups = [h2.text() for h2 in body.find_all("h2")]
    assert groups == [*ROLE_GROUPS.values(), NO_ROLE_GROUP]
    for role in Role:
        group = under(body, f"role-{role.value}")
        assert paragraphs(group)[0] == EXPLANATIONS[role]
    steering = under(body, "role-steering")
    assert texts(steering, "h3") == ["Violence Prevention Steering Committee"]
    assert "Appointed by the mayor in 2017" in paragraphs(steering)
    other = under(body, "role-other")
    assert texts(other, "h3") == ["Fundville Library"]
    # The group of organizations without a role does not give them one.
    assert not any(role.value in paragraphs(other)[0].lower() for role in Role)


def test_links_to_an_organization_still_land_on_it(site: Path) -> None:
    goal = article(site, FUNDED + "goals/coordination")
    lead = next(li for li in goal.find_all("li") if li.text().startswith("Lead:"))
    assert [a.attrs["href"] for a in lead.find_all("a")] == ["../../partners/#steering-committee"]
    partners = built_page(site, FUNDED + "partners")
    assert [n.tag for n in partners.walk() if n.attrs.get("id") == "steering-committee"] == ["h3"]


def test_without_roles_the_partners_page_is_not_grouped(site: Path) -> None:
    body = article(site, MINIMAL + "partners")
    assert [h2.text() for h2 in body.find_all("h2")] == ["City of Testville", "Testville Library"]
    assert not body.find_all("h3")


# -- place and time: the overview ------------------------------------------------------------

def test_the_overview_says_how_long_the_plan_runs_and_who_shaped_it(site: Path) -> None:
    said = paragraphs(article(site, FUNDED))
    assert "This plan runs from 2018 to 2028 and is reviewed every year; the next review is due on 1 March 2027." in said
    assert "Shaped by 1,500 people from 15 January 2017 to 31 October 2017." in said
    described = [node.text() for node in article(site, FUNDED).find_all("div", "fb-text")]
    assert "Listening sessions in every neighbourhood and a survey in four languages." in described


def test_the_overview_says_nothing_of_a_horizon_or_engagement_not_given(site: Path) -> None:
    said = " ".join(paragraphs(article(site, MINIMAL)))
    assert "This plan runs" not in said and "Shaped by" not in said and "engagement" not in said


@pytest.mark.parametrize(("horizon", "engagement", "said"), [
    (Horizon(start=2020, end=2025), None, "This plan runs from 2020 to 2025."),
    (Horizon(start=2020, end=2030, review=Frequency.twice_yearly), None,
     "This plan runs from 2020 to 2030 and is reviewed twice a year."),
    (Horizon(start=2020, end=2030, next_review=dt.date(2026, 5, 1)), None,
     "This plan runs from 2020 to 2030; the next review is due on 1 May 2026."),
    (None, Engagement(participants=1), "Shaped by 1 person."),
    (None, Engagement(participants=300, end=dt.date(2019, 6, 30)), "Shaped by 300 people until 30 June 2019."),
    (None, Engagement(start=dt.date(2019, 1, 1)), "The engagement that shaped this plan ran from 1 January 2019."),
    (None, Engagement(description="Twelve listening sessions."), "Twelve listening sessions."),
])
def test_plan_facts_say_only_what_the_authors_gave(horizon, engagement, said: str) -> None:
    framework = load_framework(FIXTURES / "funded").framework.model_copy(
        update={"horizon": horizon, "engagement": engagement})
    text = Theme.for_project(None).pages.get_template("_plan_facts.md.j2").render(framework=framework)
    lines = [line for line in markdown_as_read(text).splitlines() if line.strip()]
    assert [line.removeprefix("<p>").removesuffix("</p>") for line in lines if not line.startswith("<div")
            and line != "</div>"] == [said]


HOSTILE = "<script>alert(1)</script> | [x](javascript:alert(2)) <img src=x onerror=alert(3)>"


def test_community_text_in_amounts_roles_and_engagement_is_inert(tmp_path: Path) -> None:
    project = tmp_path / "hostile"
    shutil.copytree(FIXTURES / "funded", project / "frameworks" / "funded")
    folder = project / "frameworks" / "funded"

    def hostile_framework(data: dict) -> None:
        data["funding"][0]["for_the_plan"][0]["note"] = HOSTILE
        data["organizations"][1]["role_note"] = HOSTILE
        data["engagement"]["description"] = HOSTILE

    def hostile_goal(data: dict) -> None:
        data["objectives"][0]["actions"][1]["funding"][0]["fiscal_year"] = HOSTILE

    edit_yaml(folder / "framework.yml", hostile_framework)
    edit_yaml(folder / "goals" / "youth.yml", hostile_goal)
    site = built_site(project, today=FIXTURE_TODAY)
    for page, shown in (("funding", 2), ("partners", 1), ("goals/youth", 1), ("", 0)):
        body = article(site, FUNDED + page)
        assert body.find_all("script") == [] and body.find_all("img") == [], page
        for node in body.walk():
            assert not any(name.startswith("on") for name in node.attrs), (page, node.attrs)
            assert not node.attrs.get("href", "").lower().startswith("javascript:"), page
        assert body.text().count("<script>alert(1)</script> | [x](javascript:alert(2))") >= shown, page
    # A table cell keeps its text whole: a "|" in a note does not split the totals table.
    table = article(site, FUNDED + "funding").find_all("table")[0]
    assert {len(row.find_all("td")) for row in table.find_all("tbody")[0].find_all("tr")} == {2}
