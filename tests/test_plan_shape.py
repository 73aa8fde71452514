"""The shape of a real plan on every page: the plan's own level names, published references before
titles, actions directly under a goal, a goal with measures only, "When" as the authors gave it,
focus areas, and links that name what they lead to.

tests/fixtures/shaped calls its levels priorities, strategies, activities and measures; it has
references ("Goal 1", "1.05", "M1", "F1"), two activities directly under a priority (dated, without a
timeframe), a strategy with no activity, a priority with measures only, and three focus areas.
Its site is built once; the tests read the pages a resident gets. tests/fixtures/minimal, which
gives none of this, reads as before.
"""

from __future__ import annotations

import csv

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from harness import build_fixtures
from html_page import Node, article, parse_file

SHAPED = "shaped/2.0/"
MINIMAL = "minimal/1.0/"
YOUTH_STRATEGY = "1.05: Expand youth outreach <after school> & *weekends*"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixtures(tmp_path_factory.mktemp("plan-shape"), "shaped", "minimal")


def texts(node: Node, tag: str, css_class: str = "") -> list[str]:
    return [found.text() for found in node.find_all(tag, css_class)]


def nav_titles(site: Path, version: str) -> list[str]:
    """Every title of a version's navigation, sections and pages, in order (read on its 404 page,
    whose navigation holds no table of contents)."""
    nav = parse_file(site / version / "404.html").find_all("nav", "md-nav--primary")[0]
    return [n.text() for n in nav.walk() if "md-nav__link" in n.attrs.get("class", "").split() and n.tag in ("a", "label")]


def facts(page: Node, action_id: str) -> dict[str, str]:
    """The facts list under an action's heading: {"When": "...", ...}."""
    nodes = [n for n in page.walk()]
    heading = next(n for n in nodes if n.attrs.get("id") == action_id)
    after = nodes[nodes.index(heading):]
    listing = next(n for n in after if n.tag == "ul")
    return dict(li.text().split(": ", 1) for li in listing.find_all("li"))


def test_a_goal_page_uses_the_plans_level_names_and_references(site: Path) -> None:
    page = article(site, SHAPED + "goals/safe-streets")
    assert texts(page, "h1") == ["Goal 1: Safer streets in every neighbourhood"]
    assert texts(page, "h2") == ["Strategies and activities", "How we measure progress"]
    # Activities directly under the priority come first, then each strategy; each title after its reference.
    assert texts(page, "h3") == ["1.01: Street outreach teams", "Night buses from the centres", YOUTH_STRATEGY,
                                 "1.06: Safe passage to school", "M1: People injured on the streets"]
    assert texts(page, "h4") == ["1.05a: Keep youth centres open late"]
    assert "No activities under this strategy yet." in texts(page, "p")


def test_a_goal_with_measures_only_has_no_empty_section(site: Path) -> None:
    page = article(site, SHAPED + "goals/trust")
    assert texts(page, "h1") == ["Goal 2: Residents trust one another"]
    assert texts(page, "h2") == ["How we measure progress"]
    assert texts(page, "h3") == ["2.01: Residents who trust their neighbours"]


def test_when_says_only_what_the_authors_gave(site: Path) -> None:
    page = article(site, SHAPED + "goals/safe-streets")
    assert facts(page, "street-outreach")["When"] == "From 1 March 2018 to 31 December 2027"
    assert facts(page, "night-buses")["When"] == "From 15 January 2024"
    assert facts(page, "late-centres")["When"] == "Near term"
    minimal = article(site, MINIMAL + "goals/reporting")
    assert facts(minimal, "reporting-guide")["When"] == "Near term"


def test_the_action_plan_groups_by_timeframe_then_by_dates_and_says_what_each_group_means(site: Path) -> None:
    page = article(site, SHAPED + "action-plan")
    assert texts(page, "h2") == ["Near term", "Dated work: from 1 March 2018 to 31 December 2027",
                                 "Dated work: from 15 January 2024"]
    paragraphs = texts(page, "p")
    assert "Work planned to start first, usually within the next year or two." in paragraphs
    assert "Work the plan gives dates for instead of a timeframe: from 15 January 2024." in paragraphs
    tables = page.find_all("table")
    assert [texts(t, "th") for t in tables] == [["Activity", "Priority", "Lead", "Partners", "Status"]] * 3
    assert [texts(t.find_all("tbody")[0], "td")[:2] for t in tables] == [
        ["1.05a: Keep youth centres open late", "Goal 1: Safer streets in every neighbourhood"],
        ["1.01: Street outreach teams", "Goal 1: Safer streets in every neighbourhood"],
        ["Night buses from the centres", "Goal 1: Safer streets in every neighbourhood"],
    ]


def test_the_navigation_names_the_levels_and_the_goals_with_their_references(site: Path) -> None:
    titles = nav_titles(site, SHAPED)
    assert "Goals" not in titles
    goals = titles.index("Priorities")
    assert titles[goals:goals + 4] == ["Priorities", "Goal 1: Safer streets in every neighbourhood",
                                       "Goal 2: Residents trust one another", "All priorities"]
    assert titles[titles.index("Action plan") + 1] == "Focus areas"


def test_without_levels_or_focus_areas_a_framework_reads_as_before(site: Path) -> None:
    titles = nav_titles(site, MINIMAL)
    assert "Goals" in titles and "All goals" in titles and "Focus areas" not in titles
    assert not (site / MINIMAL / "areas").exists()
    page = article(site, MINIMAL + "goals/reporting")
    assert texts(page, "h2") == ["Objectives and actions", "How we measure progress"]
    assert texts(article(site, MINIMAL), "li", "")[:4] == ["1 goal", "1 objective", "1 action", "1 indicator"]


def test_comment_links_name_the_item_with_its_level_and_reference(site: Path) -> None:
    page = article(site, SHAPED + "goals/safe-streets")
    links = {a.attrs["data-item"]: a for a in page.find_all("a", "fb-comment__link")}
    assert {item: a.text() for item, a in links.items()} == {
        "safe-streets": "Comment by email on Goal 1: Safer streets in every neighbourhood",
        "street-outreach": "Comment by email on activity 1.01: Street outreach teams",
        "night-buses": "Comment by email on activity: Night buses from the centres",
        "youth-outreach": f"Comment by email on strategy {YOUTH_STRATEGY}",
        "late-centres": "Comment by email on activity 1.05a: Keep youth centres open late",
        "safe-passage": "Comment by email on strategy 1.06: Safe passage to school",
        "injuries": "Comment by email on measure M1: People injured on the streets",
    }
    query = parse_qs(urlsplit(links["youth-outreach"].attrs["href"]).query)
    assert query["subject"] == [f"Comment on Shapeton community safety blueprint 2.0, strategy {YOUTH_STRATEGY}"]
    assert f"Item: strategy {YOUTH_STRATEGY} (youth-outreach)" in query["body"][0]


def test_finding_links_name_the_finding(site: Path) -> None:
    page = article(site, SHAPED + "goals/safe-streets")
    assert facts(page, "late-centres")["Responds to findings"] == (
        "F1: Young people have nowhere to go at night, Few residents report incidents to anyone, and most…")
    findings = article(site, SHAPED + "findings")
    assert texts(findings, "h2") == ["F1: Young people have nowhere to go at night", "Finding 2"]
    assert "Activities that respond to it:" in texts(findings, "p")


def test_focus_areas_page_lists_each_area_with_the_actions_that_name_it(site: Path) -> None:
    page = article(site, SHAPED + "areas")
    assert texts(page, "h1") == ["Focus areas"]
    headings = page.find_all("h2")
    assert [(h.text(), h.attrs["id"]) for h in headings] == [
        ("Eastside", "eastside"), ("Riverside", "riverside"), ("Northgate", "northgate")]
    lists = page.find_all("ul")
    assert [[(a.text(), a.attrs["href"]) for a in ul.find_all("a")] for ul in lists] == [
        [("1.01: Street outreach teams", "../goals/safe-streets/#street-outreach"),
         ("1.05a: Keep youth centres open late", "../goals/safe-streets/#late-centres")],
        [("1.05a: Keep youth centres open late", "../goals/safe-streets/#late-centres")],
    ]
    assert "No activity names this area yet." in texts(page, "p")
    assert "The neighbourhood east of the river, with the most calls for service." in texts(page, "p")


def test_each_action_links_its_focus_areas(site: Path) -> None:
    page = article(site, SHAPED + "goals/safe-streets")
    assert facts(page, "late-centres")["Focus areas"] == "Eastside, Riverside"
    assert facts(page, "street-outreach")["Focus area"] == "Eastside"
    heading = next(n for n in page.walk() if n.attrs.get("id") == "late-centres")
    nodes = list(page.walk())
    hrefs = [a.attrs["href"] for a in nodes[nodes.index(heading):] if a.tag == "a" and "areas/" in a.attrs["href"]]
    assert hrefs[:2] == ["../../areas/#eastside", "../../areas/#riverside"]


def test_overview_and_goals_index_count_with_the_level_names(site: Path) -> None:
    overview = article(site, SHAPED)
    figures = overview.find_all("ul", "fb-figures")[0]
    assert texts(figures, "li") == ["2 priorities", "2 strategies", "3 activities", "2 measures"]
    assert "Goal 2: Residents trust one another" in texts(overview, "h3")
    assert "Activities: none under this priority." in texts(overview, "p")
    index = article(site, SHAPED + "goals")
    assert texts(index, "h1") == ["Priorities"]
    assert texts(index, "h2") == ["Goal 1: Safer streets in every neighbourhood", "Goal 2: Residents trust one another"]


def test_the_print_view_has_the_same_shape(site: Path) -> None:
    page = article(site, SHAPED + "print")
    assert texts(page, "h2") == ["Goal 1: Safer streets in every neighbourhood", "Goal 2: Residents trust one another"]
    assert texts(page, "h3") == ["1.01: Street outreach teams", "Night buses from the centres", YOUTH_STRATEGY,
                                 "1.06: Safe passage to school", "Measures for this priority",
                                 "Measures for this priority"]
    assert texts(page, "h4") == ["1.05a: Keep youth centres open late"]
    minimal = article(site, MINIMAL + "print")
    assert texts(minimal, "h2") == ["Goal 1: Make reporting safe and simple"]


def test_the_downloads_carry_references_and_focus_areas(site: Path) -> None:
    """A spreadsheet of the activities or measures names each one by its published reference, as the pages do."""
    def rows(name: str) -> dict[str, dict[str, str]]:
        with (site / SHAPED / "downloads" / name).open(encoding="utf-8", newline="") as data:
            return {row["id"]: row for row in csv.DictReader(data)}

    activities, measures = rows("actions.csv"), rows("indicators.csv")
    assert (activities["street-outreach"]["reference"], activities["street-outreach"]["areas"]) == ("1.01", "eastside")
    assert (activities["late-centres"]["reference"], activities["late-centres"]["areas"]) == ("1.05a", "eastside riverside")
    assert (activities["night-buses"]["reference"], activities["night-buses"]["areas"]) == ("", "")
    assert measures["injuries"]["reference"] == "M1"
