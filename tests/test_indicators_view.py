"""Indicators as a resident reads them: charts with labelled axes, the baseline and the target
named, the aim in words; and the indicators page opening with a table of every indicator.

The charts are read back through the one HTML parser (the SVG is inline HTML); the table from
a built site of a small framework whose indicators cover every case (measured, not measured,
no baseline, described in words, going down, a hostile name)."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
from harness import FIXTURE_TODAY, FIXTURES, REPO, built_site, edit_yaml
from html_page import Node, parse, parse_file

from framework_builder.model.framework import Indicator
from framework_builder.site.render import indicators as view

REPORTS = {
    "id": "reports-received", "name": "Bias incident reports received", "type": "output", "measure": "count",
    "unit": "reports", "direction": "increase",
    "baseline": {"value": 10, "date": "2025-01-01"}, "target": {"value": 40, "date": "2027-01-01"},
    "measurements": [{"date": "2025-06-30", "value": 14}, {"date": "2025-12-31", "value": 21}],
}


def indicator(**changes: object) -> Indicator:
    return Indicator.model_validate({**REPORTS, **changes})


def svg(markup: str) -> Node:
    [chart] = parse(str(markup)).find_all("svg")
    return chart


def texts(chart: Node, css_class: str = "") -> list[str]:
    return [node.text() for node in chart.find_all("text", css_class)]


def number(text: str) -> float:
    return float(text.replace(",", ""))


# The chart


def test_the_value_axis_has_round_values_covering_every_value_and_the_target() -> None:
    ticks = [number(t) for t in texts(svg(view.chart(indicator())), "fb-chart__tick")
             if not re.search(r"[A-Za-z]", t)]

    assert ticks == [10, 20, 30, 40]


def test_the_date_axis_names_the_first_date_the_latest_value_and_the_target_date() -> None:
    dates = texts(svg(view.chart(indicator())), "fb-chart__date")

    assert dates[0] == "Jan 2025" and dates[-1] == "Jan 2027", dates
    assert "Dec 2025" in dates, "the latest value's date is on the axis"


def test_both_axes_are_named() -> None:
    names = texts(svg(view.chart(indicator())), "fb-chart__axis-name")

    assert names == ["reports", "Date"]
    assert texts(svg(view.chart(indicator(unit=None))), "fb-chart__axis-name")[0] == "Count"


def test_baseline_and_target_are_drawn_and_named_with_their_values() -> None:
    chart = svg(view.chart(indicator()))

    assert chart.find_all("line", "fb-chart__baseline") and chart.find_all("line", "fb-chart__target")
    assert texts(chart, "fb-chart__ref-name") == ["Starting point 10", "Target 40"]
    assert chart.find_all("path", "fb-chart__target-mark"), "the target's date is marked"
    assert texts(chart, "fb-chart__value") == ["21"], "the latest value is written by its dot"


def test_the_accessible_text_names_the_target_the_baseline_and_the_aim() -> None:
    chart = svg(view.chart(indicator()))
    [title], [desc] = chart.find_all("title"), chart.find_all("desc")

    assert chart.attrs["role"] == "img"
    assert chart.attrs["aria-labelledby"].split() == [title.attrs["id"], desc.attrs["id"]]
    assert "Bias incident reports received" in title.text() and "the target" in title.text()
    assert "target 40 reports by 1 January 2027" in desc.text()
    assert "Starting point 10 reports on 1 January 2025" in desc.text()
    assert "Aim: increase (higher is better)" in desc.text()
    assert "Progress: 36.7 % of the way to the target" in desc.text()


def test_the_aim_is_said_in_words_in_the_picture() -> None:
    falling = indicator(direction="decrease", baseline={"value": 40, "date": "2025-01-01"},
                        target={"value": 10, "date": "2027-01-01"})

    assert texts(svg(view.chart(falling)), "fb-chart__aim") == ["Aim: decrease (lower is better)"]
    assert texts(svg(view.chart(indicator(direction="maintain"))), "fb-chart__aim") == [
        "Aim: keep it steady (the aim is to keep it steady)"]


def test_the_chart_is_scaled_to_the_data_not_to_zero() -> None:
    money = indicator(unit="US dollars", baseline={"value": 200000, "date": "2025-01-01"},
                      target={"value": 250000, "date": "2027-01-01"},
                      measurements=[{"date": "2025-12-31", "value": 215000}])
    chart = svg(view.chart(money))
    ticks = [number(t) for t in texts(chart, "fb-chart__tick") if not re.search(r"[A-Za-z]", t)]

    step = ticks[1] - ticks[0]
    assert ticks[0] == 200000, "the axis starts at the lowest value, not at zero"
    assert ticks[-1] - step < 250000 <= ticks[-1], "the axis ends at the first round value above the target"
    assert "200,000" in texts(chart, "fb-chart__tick"), "values are written as people write them"
    heights = [float(dot.attrs["cy"]) for dot in chart.find_all("circle")]
    assert max(heights) - min(heights) > 0.2 * (view.HEIGHT - view.TOP - view.BOTTOM), "the line is not flat"


def test_every_mark_stays_inside_the_picture() -> None:
    for case in (indicator(), indicator(target=None), indicator(baseline={"value": 40, "date": "2025-01-01"})):
        chart = svg(view.chart(case))
        for node in chart.walk():
            for name in ("x", "x1", "x2", "cx"):
                if name in node.attrs:
                    assert 0 <= float(node.attrs[name]) <= view.WIDTH, node
            for name in ("y", "y1", "y2", "cy"):
                if name in node.attrs:
                    assert 0 <= float(node.attrs[name]) <= view.HEIGHT, node


def test_the_text_is_drawn_in_the_colour_of_the_page_text() -> None:
    """Readable in dark mode and in print: text takes currentColor, which the theme sets per scheme."""
    chart = svg(view.chart(indicator()))
    [group] = [node for node in chart.children if isinstance(node, Node) and node.tag == "g"]

    assert group.attrs["fill"] == "currentColor"
    assert all(node.attrs.get("fill", "currentColor") == "currentColor" for node in chart.find_all("text"))
    css = (REPO / "templates" / "assets" / "theme.css").read_text(encoding="utf-8")
    assert re.search(r"\.fb-chart text \{[^}]*fill: currentColor", css)
    assert re.search(r"\.fb-chart \{[^}]*color: var\(--md-default-fg-color\)", css)


def test_community_text_in_the_chart_stays_text() -> None:
    hostile = indicator(name='<img src=x onerror="alert(1)">', unit="</text><script>alert(2)</script>")
    chart = svg(view.chart(hostile))

    assert not chart.find_all("script") and not chart.find_all("img")
    assert texts(chart, "fb-chart__axis-name")[0] == "</text><script>alert(2)</script>"


def test_no_chart_from_fewer_than_two_values() -> None:
    assert view.chart(indicator(baseline=None, measurements=[{"date": "2025-06-30", "value": 14}])) == ""


@pytest.mark.parametrize("values", [[0, 0.4], [3, 3], [-5, 12], [0, 1], [1, 1_000_000], [0.0012, 0.0019]])
def test_value_ticks_are_evenly_spaced_and_cover_the_values(values: list[float]) -> None:
    ticks = view.value_ticks(values)
    steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:])}

    assert ticks[0] <= min(values) and ticks[-1] >= max(values), ticks
    assert len(steps) == 1 and 2 <= len(ticks) <= 7, ticks
    assert min(values) < 0 or ticks[0] >= 0, "no negative value on the axis of values that cannot be negative"


# Progress in words


@pytest.mark.parametrize(("changes", "words"), [
    ({}, "36.7 % of the way to the target"),
    ({"measurements": [{"date": "2026-06-30", "value": 45}]}, "Target reached"),
    ({"measurements": []}, "Not measured yet"),
    ({"baseline": None}, "No starting point, so progress is not worked out"),
    ({"target": None}, "No target yet, so progress is not worked out"),
    ({"target": {"value": 10, "date": "2027-01-01"}}, "The target is the starting point, so progress is not worked out"),
    ({"measure": "qualitative", "measurements": [{"date": "2025-06-30", "value": "More trust"}]},
     "Described in words, not as a share of the target"),
])
def test_progress_in_words_gives_a_share_only_where_progress_computes_one(changes: dict, words: str) -> None:
    case = indicator(**changes)

    assert view.progress_words(case) == words
    assert ("%" in words) == (view.progress(case) is not None and view.progress(case) < 100)


# The small trend line


def test_the_trend_line_says_where_it_starts_and_ends() -> None:
    spark = svg(view.sparkline(indicator()))

    assert spark.attrs["role"] == "img"
    assert spark.attrs["aria-label"] == ("Trend over 3 values: from 10 reports on 1 January 2025 "
                                         "to 21 reports on 31 December 2025")
    assert len(spark.find_all("polyline")[0].attrs["points"].split()) == 3
    assert view.sparkline(indicator(baseline=None, measurements=[])) == ""


# The indicators page, built


INDICATORS = [
    REPORTS,
    {"id": "reports-unmeasured", "name": "Residents who know how to report", "type": "outcome", "measure": "percent",
     "unit": "% of residents", "direction": "increase",
     "baseline": {"value": 30, "date": "2025-09-30"}, "target": {"value": 60, "date": "2027-09-30"}},
    {"id": "no-baseline", "name": "People trained", "type": "output", "measure": "count", "direction": "increase"},
    {"id": "incidents-down", "name": 'Incidents <b onclick="x()">down</b> | *fast*', "type": "impact",
     "measure": "count", "direction": "decrease",
     "baseline": {"value": 80, "date": "2025-01-01"}, "target": {"value": 40, "date": "2027-01-01"},
     "measurements": [{"date": "2026-01-01", "value": 70}]},
    {"id": "partners-view", "name": "How partners describe ties", "type": "outcome", "measure": "qualitative",
     "direction": "increase",
     "baseline": {"value": "They rarely meet.", "date": "2025-06-30"},
     "target": {"value": "They plan together.", "date": "2027-12-31"}},
]


@pytest.fixture(scope="module")
def indicators_page(tmp_path_factory: pytest.TempPathFactory) -> Node:
    project = tmp_path_factory.mktemp("indicators") / "project"
    shutil.copytree(FIXTURES / "minimal", project / "frameworks" / "minimal")
    edit_yaml(project / "frameworks" / "minimal" / "goals" / "reporting.yml",
              lambda goal: goal.update(indicators=INDICATORS))
    [page] = list((built_site(project, today=FIXTURE_TODAY) / "minimal").glob("*/indicators/index.html"))
    return parse_file(page)


def glance_table(page: Node) -> Node:
    [box] = page.find_all("div", "fb-indicators")
    [table] = box.find_all("table")
    return table


def rows(page: Node) -> dict[str, list[Node]]:
    """Each indicator's row of the table, by the id its link points to: [row header, cells...]."""
    found = {}
    for row in glance_table(page).find_all("tr"):
        cells = [c for c in row.children if isinstance(c, Node) and c.tag in ("th", "td")]
        links = cells[0].find_all("a") if cells else []
        if links:
            found[links[0].attrs["href"].removeprefix("#")] = cells
    return found


def test_the_indicators_page_opens_with_the_table(indicators_page: Node) -> None:
    content = next(node for node in indicators_page.walk() if node.tag == "article")
    headings = [node for node in content.walk() if node.tag in ("h2", "table")]

    assert headings[0].tag == "h2" and headings[0].attrs["id"] == "at-a-glance"
    assert headings[1] is glance_table(indicators_page), "the first table of the page is the indicators table"
    assert [th.text() for th in glance_table(indicators_page).find_all("thead")[0].find_all("th")] == [
        "Indicator", "Latest value", "Starting point", "Target", "Progress", "Trend"]


def test_every_indicator_has_a_row_linking_to_it(indicators_page: Node) -> None:
    found = rows(indicators_page)
    ids = {node.attrs.get("id") for node in indicators_page.walk()}

    assert list(found) == [i["id"] for i in INDICATORS]
    assert all(indicator_id in ids for indicator_id in found), "each row links to an anchor on the page"
    assert found["incidents-down"][0].text() == 'Incidents <b onclick="x()">down</b> | *fast*'
    assert not glance_table(indicators_page).find_all("b"), "a name's markup is shown as text"


def shown(node: Node) -> str:
    """A cell's text as it reads, a line break read as a space."""
    def raw(n: Node) -> str:
        return "".join(c if isinstance(c, str) else " " if c.tag == "br" else raw(c) for c in n.children)
    return " ".join(raw(node).split())


@pytest.mark.parametrize(("indicator_id", "cells"), [
    ("reports-received", ["21 reports on 31 December 2025", "10 reports on 1 January 2025",
                          "40 reports by 1 January 2027", "36.7 % of the way to the target"]),
    ("reports-unmeasured", ["Not measured yet", "30 % of residents on 30 September 2025",
                            "60 % of residents by 30 September 2027", "Not measured yet"]),
    ("no-baseline", ["Not measured yet", "Not known", "Not set yet", "Not measured yet"]),
    ("incidents-down", ["70 on 1 January 2026", "80 on 1 January 2025", "40 by 1 January 2027",
                        "25 % of the way to the target"]),
    ("partners-view", ["Not measured yet", "They rarely meet. on 30 June 2025",
                       "They plan together. by 31 December 2027", "Not measured yet"]),
])
def test_each_row_gives_the_values_as_written_and_progress_in_words(indicators_page: Node, indicator_id: str,
                                                                   cells: list[str]) -> None:
    assert [shown(cell) for cell in rows(indicators_page)[indicator_id][1:5]] == cells


def test_rows_with_two_values_or_more_carry_a_trend_line(indicators_page: Node) -> None:
    trend = {indicator_id: cells[5] for indicator_id, cells in rows(indicators_page).items()}

    assert [i for i, cell in trend.items() if cell.find_all("svg", "fb-spark")] == ["reports-received",
                                                                                  "incidents-down"]
    assert trend["no-baseline"].text() == "Too few values"


def test_the_charts_on_the_page_name_their_target(indicators_page: Node) -> None:
    charts = indicators_page.find_all("svg", "fb-chart")

    assert len(charts) == 2
    for chart in charts:
        assert "target" in chart.find_all("desc")[0].text()
        assert any(t.startswith("Target ") for t in texts(chart, "fb-chart__ref-name"))


def test_dates_on_the_axis_are_dates_of_the_data() -> None:
    """The axis never invents a date: each label is the month of a value or of the target."""
    case = indicator(measurements=[{"date": f"2025-{m:02d}-15", "value": 10 + m} for m in range(2, 13)])
    given = {view.short_date(d) for d in [dt.date(2025, 1, 1), dt.date(2027, 1, 1)]}
    given |= {view.short_date(dt.date(2025, m, 15)) for m in range(2, 13)}

    assert set(texts(svg(view.chart(case)), "fb-chart__date")) <= given
