"""The demo site read as a resident reads it: what a page says is true and nothing is left to guess.

Findings of a read-through of the built demo (Lakeport, Riverton, Stamford) on a phone and a desktop,
each checked on the built pages (the demo site built once for the session).
"""

from __future__ import annotations

from pathlib import Path

from html_page import Node, article, under


def paragraphs(body: Node) -> list[str]:
    return [node.text() for node in body.find_all("p")]


def items(body: Node) -> list[str]:
    return [node.text() for node in body.find_all("li")]


def rows(body: Node) -> list[list[str]]:
    """The cells of each row of the tables in `body`, header rows included."""
    return [[cell.text() for cell in row.children if isinstance(cell, Node) and cell.tag in ("th", "td")]
            for row in body.find_all("tr")]


# An adopted version that was never released: Lakeport 1.0 is "the plan in force" since 10 June 2025.


def test_an_adopted_version_does_not_tell_residents_it_is_not_released_yet(demo_site: Path) -> None:
    said = paragraphs(article(demo_site, "lakeport/1.0/"))

    assert "The leadership group has adopted this version. It is the plan in force." in said
    assert "Lakeport, Example State · Version 1.0 · Adopted on 10 June 2025" in said
    assert not [p for p in said if "not released yet" in p], said
    assert not [p for p in said if "1 December 2026" in p], "the build date is no fact about an adopted plan"


def test_a_draft_still_says_its_date_is_the_day_the_site_was_built(demo_site: Path) -> None:
    said = paragraphs(article(demo_site, "stamford/0.3/"))

    assert ("Last updated on 1 December 2026: this version is not released yet, so this is the day this site "
            "was built from it.") in said


# An indicator the plan gives no starting point or target for: the goal page says so, as the table does.


def test_a_goal_page_says_an_indicator_has_no_starting_point_and_no_target(demo_site: Path) -> None:
    facts = items(under(article(demo_site, "stamford/0.3/goals/reporting/"), "bias-reports-received"))

    assert "Starting point: Not known" in facts
    assert "Target: Not set yet" in facts
    assert "Progress: Not measured yet" in facts


def test_the_indicators_page_says_it_under_the_indicator_too(demo_site: Path) -> None:
    page = article(demo_site, "stamford/0.3/indicators/")
    table = {row[0]: row for row in rows(page)}
    facts = items(under(page, "bias-reports-received"))

    assert table["Bias incidents reported to city partners"][2:4] == ["Not known", "Not set yet"]
    assert ["Starting point: Not known", "Target: Not set yet"] == [
        fact for fact in facts if fact.startswith(("Starting point:", "Target:"))]


def test_a_known_starting_point_and_target_are_said_as_before(demo_site: Path) -> None:
    facts = items(under(article(demo_site, "lakeport/1.0/goals/intervene/"), "shootings"))

    assert ["Starting point: 120 shootings in 2024", "Target: 80 shootings in 2029"] == facts[2:4]


# The print view, for council and funders: no blank cell where a value is missing.


def test_the_print_view_fills_every_cell_of_a_measures_table(demo_site: Path) -> None:
    lakeport = rows(article(demo_site, "lakeport/1.0/print/"))
    stamford = rows(article(demo_site, "stamford/0.3/print/"))

    assert ["M3: Young people who feel safe in their neighbourhood",
            "Not known yet (The first youth survey runs in spring 2026.)", "70 % in 2029", "Not measured yet",
            "Not measured yet"] in lakeport
    assert ["Bias incidents reported to city partners", "Not known", "Not set yet", "Not measured yet",
            "Not measured yet"] in stamford
    assert not [row for row in lakeport + stamford if "" in row], "a cell of a print table is blank"


# A version that takes no comments: where a resident can still turn.


def test_a_version_without_comments_points_to_the_organizations_that_can_be_told(demo_site: Path) -> None:
    page = article(demo_site, "lakeport/1.0/comment")
    [said] = [p for p in page.find_all("p") if "can still tell" in p.text()]
    assert said.text() == ("This version has been adopted, so it does not take comments. Everyone can still tell "
                           "the organizations of the leadership group what they think: the partners page lists them.")
    [link] = said.find_all("a")
    assert link.attrs["href"] == "../partners/"
    organizations = [node.text() for node in article(demo_site, "lakeport/1.0/partners").find_all("h3")]
    assert "Lakeport Department of Public Health" in organizations


# How often an indicator is measured, when the plan says: the authors gave it, so residents read it.


def test_an_indicator_says_how_often_it_is_measured(demo_site: Path) -> None:
    page = article(demo_site, "lakeport/1.0/goals/intervene")
    facts = items(under(page, "shootings"))
    assert "How often it is measured: Quarterly" in facts
    spanish = items(under(article(demo_site, "riverton/1.1/es/goals/reporting"), "bias-reports"))
    assert "Con qué frecuencia se mide: Trimestral" in spanish
