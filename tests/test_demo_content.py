"""The demo frameworks: valid with --strict, honest about being illustrative, covering the issues' topics.

Lakeport, the third city, is read on its built pages as a resident reads them (the demo site built once).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from harness import FRAMEWORKS, REPO, cli
from html_page import HEADINGS, Node, article, built_page, parse_file, under

from framework_builder.source.loader import load_framework

STAMFORD = FRAMEWORKS / "stamford"


def test_demo_frameworks_validate_strictly() -> None:
    code, out, err = cli("validate", "--strict", "frameworks/", cwd=REPO)

    assert code == 0, out + err
    assert re.fullmatch(r"\d+ frameworks valid: .*", out.strip()), out
    assert {"lakeport", "riverton", "stamford"} <= set(out.strip().split(": ", 1)[1].split(", "))


@pytest.fixture(scope="module")
def stamford():
    loaded = load_framework(STAMFORD)
    assert loaded.framework is not None, loaded.diagnostics
    return loaded.framework


def test_stamford_says_it_is_illustrative(stamford) -> None:
    notice = stamford.notice or ""

    assert re.search(r"\billustrative\b", notice, re.IGNORECASE), notice
    assert re.search(r"not an official (City of Stamford|city) document", notice, re.IGNORECASE), notice


# Each topic of the issue, and words of which at least one must appear in a goal's id or title.
TOPICS = {
    "coordination": ("coordinat", "working group", "management team", "one team"),
    "reporting": ("report",),
    "awareness": ("awareness", "understand", "aware"),
    "social cohesion": ("cohesion", "ties across", "racial and religious"),
    "threat assessment and intervention": ("threat", "intervention"),
    "services and reintegration": ("services", "at risk", "reintegrat", "returning"),
    "funding": ("fund",),
}


def test_stamford_goals_cover_the_workshop_topics(stamford) -> None:
    goals = [f"{goal.id} {goal.title}".lower() for goal in stamford.goals]

    assert len(goals) >= 7, goals
    missing = [topic for topic, words in TOPICS.items() if not any(w in g for g in goals for w in words)]
    assert missing == [], f"no goal covers: {missing}\ngoals: {goals}"


def test_stamford_names_organizations_and_findings(stamford) -> None:
    assert len(stamford.organizations) >= 5
    assert len(stamford.findings) >= 5
    actions = [action for goal in stamford.goals for objective in goal.objectives for action in objective.actions]
    indicators = [indicator for goal in stamford.goals for indicator in goal.indicators]
    assert len(actions) >= len(stamford.goals) and len(indicators) >= len(stamford.goals)


# -- Lakeport: a plan written as real plans are published (issue 10) -------------------------

LAKEPORT = "lakeport/1.0/"


@pytest.fixture(scope="module")
def lakeport():
    loaded = load_framework(FRAMEWORKS / "lakeport")
    assert loaded.framework is not None, loaded.diagnostics
    return loaded.framework


def texts(body: Node, tag: str) -> list[str]:
    return [node.text() for node in body.find_all(tag)]


def counts(goals: Node, goal: str) -> str:
    """What the goals page counts under one goal: the first paragraph after its summary."""
    return next(node.text() for node in under(goals, goal).children if isinstance(node, Node) and node.tag == "p")


def rows(body: Node) -> list[list[str]]:
    """The cells of each row of the tables in `body`, header rows included."""
    return [[cell.text() for cell in row.children if isinstance(cell, Node)] for row in body.find_all("tr")]


def lakeport_page(site: Path, path: str) -> Node:
    """The <article> of a built page of Lakeport's version 1.0."""
    return article(site, LAKEPORT + path)


def test_lakeport_says_it_is_fictional(lakeport, demo_site: Path) -> None:
    assert re.search(r"\bFictional city\b.*\bdoes not exist\b", lakeport.notice or "", re.DOTALL), lakeport.notice
    notice = lakeport_page(demo_site, "").find_all("div", "fb-notice")[0].text()
    assert "Lakeport does not exist" in notice and "invented" in notice


def test_lakeport_uses_every_shape_of_a_real_plan(lakeport) -> None:
    """The source holds each capability the third demo shows, so the page tests below read real cases."""
    goals = {goal.id: goal for goal in lakeport.goals}
    assert goals["intervene"].objectives and not goals["intervene"].actions  # strategies
    assert goals["youth"].actions and not goals["youth"].objectives  # actions directly under the goal
    assert not goals["measures"].objectives and not goals["measures"].actions and goals["measures"].indicators
    assert lakeport.level_names.objective.singular == "Strategy"


def test_lakeport_calls_its_middle_level_strategies_and_its_indicators_measures(demo_site: Path) -> None:
    goal = lakeport_page(demo_site, "goals/intervene")
    assert texts(goal, "h2") == ["Strategies and actions", "How we measure progress"]
    assert [counts(lakeport_page(demo_site, "goals"), goal) for goal in ("intervene", "youth")] == [
        "2 strategies · 3 actions · 2 measures", "2 actions · 1 measure"]
    assert texts(under(lakeport_page(demo_site, ""), "at-a-glance"), "li")[:4] == [
        "3 goals", "2 strategies", "5 actions", "5 measures"]
    assert texts(under(lakeport_page(demo_site, ""), "progress-on-the-measures"), "p")[0].startswith(
        "3 of 5 measures have been measured against their target.")
    assert texts(lakeport_page(demo_site, "indicators"), "h1") == ["Measures"]
    navigation = built_page(demo_site, LAKEPORT).find_all("nav", "md-nav--primary")[0]
    assert "Measures" in texts(navigation, "a")


def test_lakeport_shows_each_published_reference_before_its_title(demo_site: Path) -> None:
    goal = lakeport_page(demo_site, "goals/intervene")
    assert texts(goal, "h1") == ["Goal 1: Interrupt violence before it spreads"]
    assert texts(goal, "h3") == ["1.1: Meet people injured by violence at the hospital",
                                 "1.2: Mediate conflicts in the streets",
                                 "M1: Shootings with injury", "M2: Injured young people who met a responder"]
    assert texts(goal, "h4")[0] == ("1.1.1: Offer every young person treated for a violent injury a meeting "
                                    "with a trained responder")
    assert texts(lakeport_page(demo_site, "goals"), "h2") == ["Goal 1: Interrupt violence before it spreads",
                                                        "Goal 2: Give young people safe places and paths",
                                                        "Goal 3: Track the city's progress in the open"]


def test_lakeport_lists_a_goals_actions_directly_under_it(demo_site: Path) -> None:
    goal = lakeport_page(demo_site, "goals/youth")
    assert texts(goal, "h2") == ["Actions", "How we measure progress"]
    assert texts(goal, "h3")[:2] == ["2.01: Offer paid summer jobs to young people in the focus neighbourhoods",
                                     "2.02: Open school gyms on Friday and Saturday nights"]


def test_lakeports_measures_only_goal_shows_its_measures_and_no_empty_section(demo_site: Path) -> None:
    goal = lakeport_page(demo_site, "goals/measures")
    assert texts(goal, "h2") == ["How we measure progress"]
    assert texts(goal, "h3") == ["M4: Homicides", "M5: Residents who would call a city service to help stop a conflict"]
    assert counts(lakeport_page(demo_site, "goals"), "measures") == "0 actions · 2 measures"
    overview = under(lakeport_page(demo_site, ""), "dashboard-measures")
    assert texts(overview, "p")[0] == "Actions: none under this goal."


def test_lakeports_decreasing_measure_shows_its_progress(demo_site: Path) -> None:
    shootings = under(lakeport_page(demo_site, "goals/intervene"), "shootings")
    items = texts(shootings, "li")
    assert "Measured as: Count (shootings). Aim: decrease." in items
    assert ["Starting point: 120 shootings in 2024", "Target: 80 shootings in 2029"] == items[2:4]
    assert "40 % of the way to the target" in texts(shootings, "p")  # from 120 down to 104, on the way to 80
    assert texts(shootings, "figcaption") == [
        "Starting point 120 shootings in 2024; latest 104 shootings in 2025; target 80 shootings in 2029. "
        "Aim: decrease (lower is better). Progress: 40 % of the way to the target."]


def test_lakeport_says_a_baseline_and_a_target_are_not_known_yet(demo_site: Path) -> None:
    youth = texts(under(lakeport_page(demo_site, "goals/youth"), "youth-feel-safe"), "li")
    assert "Starting point: Not known yet (The first youth survey runs in spring 2026.)" in youth
    assert "Progress: Not measured yet" in youth
    trust = texts(under(lakeport_page(demo_site, "goals/measures"), "trust-in-services"), "li")
    assert "Target: Not known yet (The steering committee sets it after the 2026 survey.)" in trust


def test_lakeport_shows_values_over_a_period_as_periods(demo_site: Path) -> None:
    goal = lakeport_page(demo_site, "goals/intervene")
    assert rows(under(goal, "shootings")) == [["When", "Value", "Note"],
                                              ["1 October 2024 to 30 September 2025", "109 shootings", ""],
                                              ["2025", "104 shootings", ""]]
    assert rows(under(goal, "responder-reach")) == [["When", "Value", "Note"],
                                                    ["Second quarter of 2025", "45 %", ""],
                                                    ["Third quarter of 2025", "49 %", ""],
                                                    ["Fourth quarter of 2025", "52 %", ""]]


def test_lakeports_funding_page_gives_amounts_and_totals(demo_site: Path) -> None:
    funding = lakeport_page(demo_site, "funding")
    assert texts(under(funding, "city-budget"), "li") == [
        "1.1.1: Offer every young person treated for a violent injury a meeting with a trained responder: "
        "$280,000 (USD, fiscal year 2025)"]
    grant = under(funding, "harbor-grant")
    assert texts(grant, "li")[0] == ("$150,000 (USD, fiscal year 2024) — "
                                     "Paid for the listening sessions and the survey")
    assert texts(grant, "p")[-1] == "Total from this source: $350,000."
    state = under(funding, "state-cvi")
    assert texts(state, "li")[0].endswith("responder: amount not given")
    assert texts(state, "p")[-1] == "Total from this source: at least $450,000 (1 amount not given)."
    totals = rows(under(funding, "totals"))
    assert [row[1] for row in totals] == ["Funding named", "at least $730,000 (1 amount not given)", "$200,000",
                                          "none named", "$150,000", "at least $1,080,000 (1 amount not given)"]
    assert "Interrupt violence before it spreads" in totals[1][0]


def test_lakeports_partners_are_grouped_by_role(demo_site: Path) -> None:
    partners = lakeport_page(demo_site, "partners")
    assert texts(partners, "h2") == ["Conveners", "Steering committee", "Members of the leadership group", "Funders",
                                     "Technical support"]
    assert texts(under(partners, "role-steering"), "h3") == ["Blueprint Steering Committee"]
    steering = texts(under(partners, "role-steering"), "p")
    assert "Fifteen residents and partners appointed by the mayor in 2024" in steering
    assert texts(under(partners, "role-member"), "h3") == [
        "Lakeport Department of Public Health", "Lakeport Unified Schools", "Lakeport Police Department",
        "Safe Streets Outreach Collective"]
    assert texts(under(partners, "role-technical-support"), "h3") == ["Lakeport State University Violence Research Lab"]


def test_lakeports_focus_areas_page_lists_the_actions_in_each_area(demo_site: Path) -> None:
    areas = lakeport_page(demo_site, "areas")
    assert texts(areas, "h1") == ["Focus areas"]
    assert texts(areas, "h2") == ["Eastside", "Harbor Flats", "North End"]
    assert [item.split(":")[0] for item in texts(under(areas, "north-end"), "li")] == ["1.2.1", "2.01"]
    assert texts(under(areas, "harbor-flats"), "li")[-1] == (
        "2.02: Open school gyms on Friday and Saturday nights (Goal 2: Give young people safe places and paths; "
        "not started)")
    bedside = under(lakeport_page(demo_site, "goals/intervene"), "bedside-program")
    assert "Focus areas: Eastside, Harbor Flats" in texts(bedside, "li")


def test_lakeports_overview_gives_its_horizon_and_engagement(demo_site: Path) -> None:
    overview = texts(lakeport_page(demo_site, ""), "p")
    assert ("This plan runs from 2025 to 2034 and is reviewed every year; "
            "the next review is due on 30 June 2026.") in overview
    assert "Shaped by 1,200 people from 1 March 2024 to 15 December 2024." in overview


# The demo in Spanish (issue 11): Riverton translated completely, Stamford's goals and objectives.
def notes(body: Node) -> list[str]:
    """The notes on texts shown in English."""
    return [node.text() for node in body.find_all("p", "fb-untranslated")]


def test_riverton_is_translated_completely_and_its_spanish_pages_have_no_note(demo_site: Path) -> None:
    code, out, err = cli("translations", "riverton", cwd=REPO)

    assert code == 0, out + err
    assert "es (Español): 101 translated, 0 missing, 0 outdated of 101 texts (100%)" in out
    pages = sorted((demo_site / "riverton/1.1/es").rglob("index.html"))
    assert len(pages) > 10
    noted = [str(page) for page in pages if parse_file(page).find_all("p", "fb-untranslated")]
    assert noted == []
    overview = article(demo_site, "riverton/1.1/es/")
    assert overview.find_all("h1")[0].text() == "Plan de Riverton para prevenir el odio y la violencia dirigida"
    assert "Riverton no existe" in overview.find_all("div", "fb-notice")[0].text()


def test_rivertons_spanish_1_0_shows_the_texts_changed_since_in_english_with_a_note(demo_site: Path) -> None:
    """The translation was made from 1.1: the texts 1.0 words differently are not presented as translated."""
    overview = article(demo_site, "riverton/1.0/es/")
    assert notes(overview) == ["Parte de la traducción de este elemento está desactualizada; se muestra en inglés "
                               "hasta que se actualice."]  # under the Spanish title: the summary is the part
    english = [node.text() for node in overview.find_all("div") if node.attrs.get("lang") == "en"]
    assert len(english) == 1 and english[0].startswith("This plan sets out how Riverton"), english
    assert overview.find_all("h1")[0].text() == "Plan de Riverton para prevenir el odio y la violencia dirigida"


def test_stamfords_spanish_goals_and_objectives_with_notes_on_the_rest(demo_site: Path) -> None:
    goal = article(demo_site, "stamford/0.3/es/goals/awareness/")
    assert goal.find_all("h1")[0].text() == "Ayudar a la población a entender la amenaza y saber dónde encontrar ayuda"
    objectives = [node for node in goal.find_all("h3") if node.attrs.get("id") in ("public-awareness", "youth-awareness")]
    assert [node.text() for node in objectives] == ["Dar a conocer el odio y la violencia dirigida",
                                                    "Apoyar a las escuelas y los programas juveniles"]
    assert all("lang" not in node.attrs for node in objectives)
    actions = goal.find_all("h4")
    assert actions and all(node.attrs.get("lang") == "en" for node in actions)
    assert "Este texto aún no está traducido; se muestra en inglés." in notes(goal)


@pytest.mark.parametrize(("page", "items"), [("findings", "findings"), ("partners", "organizations"),
                                             ("funding", "funding"), ("indicators", "indicators")])
def test_stamfords_spanish_lists_note_each_item_shown_in_english(stamford, demo_site: Path, page: str,
                                                                 items: str) -> None:
    """Each finding, partner, funding source and indicator (none translated yet) has the note under its heading,
    and its name, when the heading is one, is marked as English ("Hallazgo 1" for a finding without a title is not)."""
    if items == "indicators":
        ids = {indicator.id for goal in stamford.goals for indicator in goal.indicators}
    else:
        ids = {item.id for item in getattr(stamford, items)}
    body = article(demo_site, f"stamford/0.3/es/{page}/")
    nodes = [node for node in body.children if isinstance(node, Node)]
    headings = [i for i, node in enumerate(nodes) if node.tag in HEADINGS and node.attrs.get("id") in ids]
    assert {nodes[i].attrs["id"] for i in headings} == ids
    for i in headings:
        assert notes(nodes[i + 1]) == ["Este texto aún no está traducido; se muestra en inglés."], nodes[i].text()
        titled = not nodes[i].text().startswith("Hallazgo ")
        assert (nodes[i].attrs.get("lang") == "en") == titled, nodes[i].text()


def test_stamfords_spanish_action_plan_counts_the_names_and_titles_shown_in_english(demo_site: Path) -> None:
    """One note for the page's tables, and its figure is the number of texts marked lang=en in them."""
    body = article(demo_site, "stamford/0.3/es/action-plan/")
    marked = {(node.tag, node.attrs.get("href") or node.text()) for table in body.find_all("table")
              for node in table.walk() if node.attrs.get("lang") == "en"}
    assert notes(body) == [f"{len(marked)} nombres y títulos de esta página se muestran en inglés "
                           "porque sus traducciones faltan o están desactualizadas."]
    goals = {node.text() for node in body.find_all("td")} & {"Fund prevention work for the long term",
                                                             "Financiar el trabajo de prevención a largo plazo"}
    assert goals == {"Financiar el trabajo de prevención a largo plazo"}  # the goals are translated


def test_a_github_comment_from_a_spanish_page_fills_the_issue_forms_fields_language_among_them(demo_site: Path) -> None:
    form = yaml.safe_load((REPO / ".github/ISSUE_TEMPLATE/comment.yml").read_text(encoding="utf-8"))
    fields = {element["id"] for element in form["body"] if "id" in element}
    goal = article(demo_site, "stamford/0.3/es/goals/awareness/")
    links = [node.attrs["href"] for node in goal.find_all("a") if node.attrs.get("href", "").startswith("https://github.com/")]
    assert links
    for link in links:
        query = parse_qs(urlsplit(link).query)
        assert query["language"] == ["es"]
        prefilled = set(query) - {"template", "title", "labels"}
        assert prefilled <= fields, f"the link fills {prefilled - fields}, which the form does not have"
