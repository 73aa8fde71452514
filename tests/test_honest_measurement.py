"""Honest measurement (issue 10): progress only where it means what it says, values with their
units and periods, baselines and targets not known yet said so, indicators linked to the work
they measure and back.

First the rules on single indicators (the view's functions, as every page uses them), then a
built site of tests/fixtures/measured, whose indicators cover each case, read as residents read it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import warnings
from pathlib import Path

import pytest
from harness import build_fixtures
from html_page import Node, article, built_page, parse

from framework_builder.model.framework import Indicator
from framework_builder.model.measurement import direction_agrees, period_bounds
from framework_builder.site.render import indicators as view
from framework_builder.site.render.text import period_words

FEEL_SAFE = {  # the published measure of the issue: the aim is to increase, the target is below the baseline
    "id": "feel-safe", "name": "Residents who feel safe", "type": "outcome", "measure": "percent",
    "direction": "increase", "baseline": {"value": 63, "period": 2024}, "target": {"value": 58, "period": 2026},
    "measurements": [{"period": "2025-Q1", "value": 60}],
}


def indicator(**changes: object) -> Indicator:
    return Indicator.model_validate({**FEEL_SAFE, **changes})


def decreasing(latest: float) -> Indicator:
    return indicator(direction="decrease", baseline={"value": 40, "date": "2024-01-01"},
                     target={"value": 20, "date": "2027-12-31"}, measurements=[{"date": "2025-12-31", "value": latest}])


# Periods and direction, in the model


@pytest.mark.parametrize(("period", "first", "last"), [
    (2024, "2024-01-01", "2024-12-31"),
    ("2024-H2", "2024-07-01", "2024-12-31"),
    ("2024-Q1", "2024-01-01", "2024-03-31"),
    ("2024-02", "2024-02-01", "2024-02-29"),
    ("2023-07-01/2024-06-30", "2023-07-01", "2024-06-30"),
])
def test_a_period_covers_its_days(period: object, first: str, last: str) -> None:
    assert period_bounds(period) == (dt.date.fromisoformat(first), dt.date.fromisoformat(last))


@pytest.mark.parametrize(("direction", "baseline", "target", "agrees"), [
    ("increase", 63, 58, False),
    ("increase", 58, 63, True),
    ("decrease", 40, 20, True),
    ("decrease", 20, 40, False),
    ("decrease", 40, 40, False),
    ("maintain", 40, 30, True),
])
def test_baseline_and_target_are_checked_against_the_direction(direction: str, baseline: float, target: float,
                                                               agrees: bool) -> None:
    case = indicator(direction=direction, baseline={"value": baseline, "period": 2024},
                     target={"value": target, "period": 2026})
    assert direction_agrees(case) is agrees


def test_nothing_to_contradict_when_the_baseline_is_not_known_yet() -> None:
    assert direction_agrees(indicator(baseline={"not_known_yet": True}))


def test_a_value_not_known_yet_is_written_out_as_given_without_a_warning() -> None:
    case = indicator(baseline={"not_known_yet": True, "note": "Set from the 2025 survey"})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert case.model_dump(mode="json")["baseline"] == {"not_known_yet": True, "note": "Set from the 2025 survey"}


# Progress, for every direction


def test_a_target_that_contradicts_the_direction_gives_no_percentage_and_says_why() -> None:
    for latest in (60, 66):
        case = indicator(measurements=[{"period": "2025-Q1", "value": latest}])
        assert view.progress(case) is None
        assert view.progress_words(case) == ("The target (58 %) is below the starting point (63 %) although the "
                                             "aim is to increase, so progress is not worked out")


def test_a_decrease_is_measured_from_its_baseline_down_to_its_target() -> None:
    assert view.progress(decreasing(30)) == 50
    assert view.progress_words(decreasing(30)) == "50 % of the way to the target"


def test_moving_the_wrong_way_says_so_and_gives_no_zero() -> None:
    away = decreasing(44)
    assert view.progress(away) is None and view.standing(away).moved_away
    assert view.progress_words(away) == "Moved away from the target since the starting point"


def test_a_value_past_the_target_is_target_reached_never_more_than_100() -> None:
    past = decreasing(12)
    assert view.progress(past) == 100
    assert view.progress_words(past) == "Target reached"
    [text] = parse(str(view.progress_bar(view.progress(past)))).find_all("span", "fb-progress__text")
    assert text.text() == "Target reached"


@pytest.mark.parametrize(("latest", "words"), [
    (40, "At the target of 40 hours a week"),
    (44, "Above the target of 40 hours a week"),
    (36.5, "Below the target of 40 hours a week"),
])
def test_maintain_says_where_the_value_is_against_the_target_without_a_percentage(latest: float, words: str) -> None:
    case = indicator(measure="count", unit="hours a week", direction="maintain",
                     target={"value": 40, "date": "2027-12-31"}, measurements=[{"period": "2025-03", "value": latest}])
    assert view.progress(case) is None
    assert view.progress_words(case) == words


@pytest.mark.parametrize(("changes", "words"), [
    ({"baseline": {"not_known_yet": True, "note": "Set from the 2025 survey"}, "target": {"value": 70, "period": 2026}},
     "The starting point is not known yet, so progress is not worked out"),
    ({"target": {"not_known_yet": True}}, "The target is not known yet, so progress is not worked out"),
    ({"measurements": []}, "Not measured yet"),
])
def test_no_percentage_without_known_values_or_a_measurement(changes: dict, words: str) -> None:
    case = indicator(**changes)
    assert view.progress(case) is None and view.progress_words(case) == words


# Words: units, periods, not known yet


@pytest.mark.parametrize(("period", "words"), [
    (2024, "in 2024"),
    ("2024-H1", "in the first half of 2024"),
    ("2024-Q1", "in the first quarter of 2024"),
    ("2024-03", "in March 2024"),
    ("2023-07-01/2024-06-30", "from 1 July 2023 to 30 June 2024"),
])
def test_periods_are_written_as_periods(period: object, words: str) -> None:
    assert period_words(period) == words


def test_a_percent_measure_shows_percent_with_every_value_even_without_a_unit() -> None:
    case = indicator()
    assert view.value_words(case, case.baseline) == "63 % in 2024"
    assert view.value_words(case, case.measurements[0]) == "60 % in the first quarter of 2025"
    assert view.value_words(case, case.target, "by") == "58 % in 2026"


def test_the_chart_description_gives_units_periods_and_not_known_yet() -> None:
    case = indicator(baseline={"not_known_yet": True, "note": "Set from the 2025 survey"},
                     target={"value": 70, "period": 2026})
    assert view.describe(case) == (
        "Starting point not known yet (Set from the 2025 survey); latest 60 % in the first quarter of 2025; "
        "target 70 % in 2026. Aim: increase (higher is better). "
        "Progress: the starting point is not known yet, so progress is not worked out.")


def test_values_over_a_period_are_drawn_at_its_middle_and_named_by_it_on_the_axis() -> None:
    [chart] = parse(str(view.chart(indicator()))).find_all("svg")
    dates = [node.text() for node in chart.find_all("text", "fb-chart__date")]
    dots = [float(dot.attrs["cx"]) for dot in chart.find_all("circle")]

    assert dates == ["2024", "Q1 2025", "2026"]
    middle_of_2024 = dt.date(2024, 7, 1).toordinal()
    span = dt.date(2026, 7, 2).toordinal() - middle_of_2024
    q1_2025 = (dt.date(2025, 2, 14).toordinal() - middle_of_2024) / span
    assert dots[0] == view.LEFT
    assert abs(dots[1] - (view.LEFT + q1_2025 * (view.WIDTH - view.RIGHT - view.LEFT))) < 1


# The built site of tests/fixtures/measured


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixtures(tmp_path_factory.mktemp("measured"), "measured") / "measured" / "1.0"


def shown(node: Node) -> str:
    """A cell's text as it reads, a line break read as a space."""
    def raw(n: Node) -> str:
        return "".join(c if isinstance(c, str) else " " if c.tag == "br" else raw(c) for c in n.children)
    return " ".join(raw(node).split())


def table_rows(site: Path) -> dict[str, list[str]]:
    """The indicators table, by indicator id: latest value, starting point, target, progress."""
    [table] = built_page(site, "indicators").find_all("div", "fb-indicators")[0].find_all("table")
    found = {}
    for row in table.find_all("tr"):
        links = row.find_all("a")
        if links:
            cells = [c for c in row.children if isinstance(c, Node) and c.tag == "td"]
            found[links[0].attrs["href"].removeprefix("#")] = [shown(cell) for cell in cells[:4]]
    return found


@pytest.mark.parametrize(("indicator_id", "cells"), [
    ("feel-safe", ["66 % in the second quarter of 2025", "63 % in 2024", "58 % in 2026",
                   "The target (58 %) is below the starting point (63 %) although the aim is to increase, "
                   "so progress is not worked out"]),
    ("shootings", ["30 shootings on 31 December 2025", "40 shootings on 1 January 2024",
                   "20 shootings by 31 December 2027", "50 % of the way to the target"]),
    ("feel-unsafe", ["66 % in 2025", "63 % in 2024", "58 % in 2026",
                     "Moved away from the target since the starting point"]),
    ("clinic-hours", ["40 hours a week in March 2025", "40 hours a week on 1 January 2024",
                      "40 hours a week by 31 December 2027", "At the target of 40 hours a week"]),
    ("youth-trust", ["Not measured yet", "Not known yet (Set from the 2025 youth survey)",
                     "70 % from 1 July 2025 to 30 June 2026", "Not measured yet"]),
])
def test_the_indicators_table_reads_honestly(site: Path, indicator_id: str, cells: list[str]) -> None:
    assert table_rows(site)[indicator_id] == cells


def section(page_node: Node, anchor: str) -> list[Node]:
    """The elements after the heading with id `anchor`, up to the next heading of any level."""
    body = page_node.find_all("article")[0]
    nodes = [child for child in body.children if isinstance(child, Node)]
    start = next(i for i, n in enumerate(nodes) if n.attrs.get("id") == anchor)
    found = []
    for node in nodes[start + 1:]:
        if node.tag in ("h1", "h2", "h3", "h4"):
            break
        found.append(node)
    return found


def items(nodes: list[Node]) -> list[str]:
    return [li.text() for node in nodes for li in node.find_all("li")]


def test_no_bar_where_no_share_is_given(site: Path) -> None:
    indicators = built_page(site, "indicators")
    bars = {anchor: [b.text() for n in section(indicators, anchor) for b in n.find_all("span", "fb-progress__text")]
            for anchor in ("feel-safe", "shootings", "feel-unsafe", "clinic-hours", "youth-trust")}

    assert bars == {"feel-safe": [], "shootings": ["50 % of the way to the target"], "feel-unsafe": [],
                    "clinic-hours": [], "youth-trust": []}


def test_the_body_gives_values_with_units_and_periods(site: Path) -> None:
    goal = built_page(site, "goals/safety")
    facts = items(section(goal, "feel-safe"))

    assert "Starting point: 63 % in 2024" in facts and "Target: 58 % in 2026" in facts
    assert ("Progress: The target (58 %) is below the starting point (63 %) although the aim is to increase, "
            "so progress is not worked out") in facts
    assert "Starting point: Not known yet (Set from the 2025 youth survey)" in items(section(goal, "youth-trust"))


def test_measurements_are_listed_with_their_period_and_unit(site: Path) -> None:
    [table] = [t for node in section(built_page(site, "goals/safety"), "feel-safe") for t in node.find_all("table")]
    rows = [[cell.text() for cell in row.children if isinstance(cell, Node)] for row in table.find_all("tr")]

    assert rows == [["When", "Value", "Note"], ["First quarter of 2025", "60 %", ""],
                    ["Second quarter of 2025", "66 %", ""]]


def links(nodes: list[Node], prefix: str) -> list[tuple[str, str]]:
    """The (text, href) of the links in the list item or paragraph that starts with `prefix`."""
    for node in nodes:
        for part in node.find_all("li") + node.find_all("p"):
            if part.text().startswith(prefix):
                return [(a.text(), a.attrs["href"]) for a in part.find_all("a")]
    return []


def test_an_indicator_names_the_work_it_measures_with_the_frameworks_level_names(site: Path) -> None:
    goal = built_page(site, "goals/safety")
    [facts] = [text for text in items(section(goal, "shootings")) if text.startswith("Measures")]

    assert facts == ("Measures the work of: Street outreach in every neighbourhood (strategy), "
                     "Hire a street outreach team (action)")
    assert links(section(goal, "shootings"), "Measures the work of") == [
        ("Street outreach in every neighbourhood", "./#outreach"), ("Hire a street outreach team", "./#outreach-team")]
    assert links(section(built_page(site, "indicators"), "shootings"), "Measures the work of") == [
        ("Street outreach in every neighbourhood", "../goals/safety/#outreach"),
        ("Hire a street outreach team", "../goals/safety/#outreach-team")]


def test_each_action_and_strategy_names_the_indicators_that_measure_it(site: Path) -> None:
    goal = built_page(site, "goals/safety")

    assert links(section(goal, "outreach-team"), "Measured by") == [
        ("Shootings", "./#shootings"), ("Young people who trust the outreach team", "./#youth-trust")]
    assert links(section(goal, "outreach"), "Measured by") == [("Shootings", "./#shootings")]
    assert links(section(goal, "night-buses"), "Measured by") == [("Residents who feel unsafe at night", "./#feel-unsafe")]


def test_the_overview_does_not_average_an_indicator_that_moved_away(site: Path) -> None:
    text = article(site, "").text()

    assert "1 of 5 measures have been measured against their target." in text
    assert "On average they are 50 % of the way from their starting point to their target." in text
    assert "1 of 5 measures moved away from their target since their starting point" in text


def test_the_csv_keeps_its_columns_and_leaves_unknown_and_misleading_values_empty(site: Path) -> None:
    text = (site / "downloads" / "indicators.csv").read_text(encoding="utf-8")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text))}

    assert next(csv.reader(io.StringIO(text)))[:16] == [
        "goal", "id", "name", "type", "measure", "unit", "direction", "baseline_value", "baseline_date",
        "target_value", "target_date", "latest_value", "latest_date", "progress_percent", "source", "frequency"]
    assert (rows["youth-trust"]["baseline_value"], rows["youth-trust"]["baseline_date"]) == ("", "")
    assert rows["youth-trust"]["target_period"] == "2025-07-01/2026-06-30"
    assert (rows["feel-safe"]["baseline_period"], rows["feel-safe"]["latest_period"]) == ("2024", "2025-Q2")
    assert rows["feel-safe"]["progress_percent"] == "" and rows["feel-unsafe"]["progress_percent"] == ""
    assert float(rows["shootings"]["progress_percent"]) == 50
    assert rows["shootings"]["served_by"] == "outreach outreach-team"  # the work it measures, by id
