"""The indicators page as a reader meets it in a real browser: the table of every indicator,
the charts' accessible names and axis labels, and the charts' text in the dark scheme; and, on a
site of tests/fixtures/measured, what residents read where no honest percentage can be given, values
with their units and periods, and indicators linked to the work they measure and back.

The page is loaded once per colour scheme (see `indicators_page`) and every check asserts on
what that visit measured. The page type is also in site_map.PAGE_TYPES, so axe-core, the
heading order, privacy and the console are checked on it elsewhere.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable

import pytest
from harness import build_fixtures
from local_server import serving
from record import accessible_name
from site_map import PAGE_TYPES, SCHEMES

PATH = PAGE_TYPES["indicators"]
DESKTOP = {"width": 1280, "height": 900}  # as conftest.DESKTOP
COLUMNS = ["Indicator", "Latest value", "Starting point", "Target", "Progress", "Trend"]
PROGRESS = re.compile(
    r"\d+(\.\d+)? % of the way to the target|Target reached|Not measured yet"
    r"|Described in words, not as a share of the target|No starting point, so progress is not worked out"
    r"|No target yet, so progress is not worked out|The target is the starting point, so progress is not worked out"
    r"|Moved away from the target since the starting point|(At|Above|Below) the target of .+"
    r"|The target \(.+\) is (below|above) the starting point \(.+\) although the aim is to (increase|decrease), "
    r"so progress is not worked out|The (starting point|target) is not known yet, so progress is not worked out"
    r"|The (starting point|target) is described in words, so progress is not worked out"
)
# A date's month (Sep 2025) or a period: 2024, Q1 2024, H1 2024, 2023–24, Jan–Jun 2024.
AXIS_DATE = re.compile(r"[A-Z][a-z]{2} \d{4}|\d{4}|[QH]\d \d{4}|\d{4}–\d{2}|[A-Z][a-z]{2}–[A-Z][a-z]{2} \d{4}")

MEASURE = """() => {
    const article = document.querySelector('article');
    const table = article.querySelector('table');
    const firstChart = article.querySelector('svg.fb-chart');
    const firstSection = article.querySelector('h3');
    const before = (a, b) => Boolean(a && b && (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING));
    const text = node => (node ? node.innerText || node.textContent : '').split(/\\s+/).join(' ').trim();
    const rows = [...table.querySelectorAll('tbody tr:not(.fb-indicators__goal)')].map(row => {
        const link = row.querySelector('th a');
        return {name: text(link), href: link ? link.getAttribute('href') : null,
                cells: [...row.querySelectorAll('td')].map(text)};
    });
    const sections = [...article.querySelectorAll('h3')].filter(h => before(table, h))
        .map(h => ({id: h.id, text: text(h).replace(/¶$/, '').trim()}));
    const visible = node => {
        const style = getComputedStyle(node);
        const box = node.getBoundingClientRect();
        return style.display !== 'none' && style.visibility === 'visible' && Number(style.opacity) > 0
            && Number(style.fillOpacity) > 0 && box.width > 0 && box.height > 0;
    };
    const background = node => {
        for (; node; node = node.parentElement) {
            const colour = getComputedStyle(node).backgroundColor;
            if (!/rgba\\(\\d+, \\d+, \\d+, 0\\)/.test(colour) && colour !== 'transparent') return colour;
        }
        return 'rgb(255, 255, 255)';
    };
    const charts = [...article.querySelectorAll('svg.fb-chart')].map(svg => {
        let section = svg.closest('figure') || svg;
        while (section && section.tagName !== 'H3') section = section.previousElementSibling;
        const box = svg.getBoundingClientRect();
        return {
            section: section ? section.id : null,
            labelledBy: (svg.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean)
                .map(id => { const target = document.getElementById(id); return target ? text(target) : null; }),
            box: {left: box.left, right: box.right, top: box.top, bottom: box.bottom},
            background: background(svg),
            labels: [...svg.querySelectorAll('text')].map(label => {
                const r = label.getBoundingClientRect();
                const style = getComputedStyle(label);
                return {cls: label.getAttribute('class') || '', text: label.textContent.trim(), visible: visible(label),
                        box: {left: r.left, right: r.right, top: r.top, bottom: r.bottom, height: r.height},
                        fill: style.fill, opacity: style.opacity, fillOpacity: style.fillOpacity};
            }),
        };
    });
    return {
        scheme: document.body.getAttribute('data-md-color-scheme'),
        tableFirst: before(table, firstChart) && before(table, firstSection)
            && article.querySelector('table, svg.fb-chart, h3') === table,
        columns: [...table.querySelectorAll('thead th')].map(text),
        caption: text(table.querySelector('caption')),
        rows, sections, charts,
    };
}"""

LANDED = """href => {
    const target = document.getElementById(decodeURIComponent(href.slice(1)));
    if (!target) return {hash: location.hash, found: false};
    const box = target.getBoundingClientRect();
    const onTop = document.elementFromPoint(box.left + Math.min(box.width, 40) / 2, box.top + box.height / 2);
    return {hash: location.hash, found: true, tag: target.tagName,
            inView: box.top >= 0 && box.bottom <= window.innerHeight,
            notCovered: Boolean(onTop && (onTop === target || target.contains(onTop)))};
}"""


@pytest.fixture(scope="module")
def indicators_page(new_visit) -> Callable[[str], dict]:
    """`indicators_page(scheme)`: what one visit to the indicators page measured in that scheme.
    In the light scheme every row's link is also followed (same page, so no further load)."""

    @functools.cache
    def visit(scheme: str) -> dict:
        with new_visit(viewport=DESKTOP, color_scheme=scheme) as opened:
            opened.open(PATH)
            page = opened.page
            measured = page.evaluate(MEASURE)
            charts = page.locator("article svg.fb-chart")
            measured["names"] = [accessible_name(charts.nth(i), "img") for i in range(charts.count())]
            measured["landed"] = {}
            if scheme == "light":
                for row in measured["rows"]:
                    page.locator(f"article table tbody th a[href='{row['href']}']").click()
                    page.wait_for_function("href => location.hash === href", arg=row["href"])
                    page.wait_for_timeout(50)
                    measured["landed"][row["href"]] = page.evaluate(LANDED, row["href"])
            return measured

    return visit


@pytest.fixture(scope="module")
def light(indicators_page) -> dict:
    return indicators_page("light")


def test_the_table_of_every_indicator_comes_first(light) -> None:
    assert light["tableFirst"], "the first table, chart or indicator section in the content is not the indicators table"
    assert light["columns"] == COLUMNS
    assert light["caption"].startswith("Every indicator")


def test_the_table_has_one_row_per_indicator(light) -> None:
    sections = [f"#{section['id']}" for section in light["sections"]]
    links = [row["href"] for row in light["rows"]]
    assert len(sections) >= 10, sections
    assert links == sections, "the table's rows are not the indicators below it, one each, in the same order"
    assert [row["name"] for row in light["rows"]] == [section["text"] for section in light["sections"]]


def test_each_row_gives_latest_value_baseline_target_and_progress_in_words(light) -> None:
    for row in light["rows"]:
        latest, baseline, target, progress, _trend = row["cells"]
        assert latest and baseline and target, row
        assert PROGRESS.fullmatch(progress), row
        assert progress == "Not measured yet" or latest != "Not measured yet", row


def test_each_rows_link_lands_on_its_indicators_section(light) -> None:
    assert set(light["landed"]) == {row["href"] for row in light["rows"]}
    for href, landed in light["landed"].items():
        assert landed["hash"] == href and landed["found"] and landed["tag"] == "H3", (href, landed)
        assert landed["inView"], f"{href}: the section's heading is not in the window after following the link"
        assert landed["notCovered"], f"{href}: the section's heading is hidden under something (the sticky header?)"


def test_the_table_agrees_with_each_charts_description(light) -> None:
    rows = {row["href"]: row for row in light["rows"]}
    assert light["charts"], "no chart on the indicators page"
    for chart in light["charts"]:
        latest, baseline, target, progress, _trend = rows[f"#{chart['section']}"]["cells"]
        description = chart["labelledBy"][-1]
        assert f"Starting point {lower_first(baseline)}" in description, (baseline, description)
        assert f"target {lower_first(target)}" in description, (target, description)
        if latest != "Not measured yet":
            assert f"latest {latest}" in description, (latest, description)
        assert f"Progress: {lower_first(progress)}." in description, (progress, description)


def lower_first(text: str) -> str:
    """A cell's words inside the chart's sentence (its first letter only: units keep their capitals)."""
    return text[:1].lower() + text[1:]


def test_each_charts_accessible_name_names_the_target_and_the_baseline(light) -> None:
    assert len(light["names"]) == len(light["charts"])
    for name, chart in zip(light["names"], light["charts"]):
        assert None not in chart["labelledBy"] and len(chart["labelledBy"]) == 2, chart["labelledBy"]
        title, description = chart["labelledBy"]
        # Chromium's computed name is the text of the aria-labelledby targets, title then description.
        assert name == f"{title} {description}", name
        assert "with the starting point and the target marked" in title, title
        assert re.search(r"\bStarting point \d", name) and re.search(r"\btarget \d", name), name


def test_each_charts_axis_labels_are_visible_text(light) -> None:
    for chart in light["charts"]:
        where = chart["section"]
        labels = chart["labels"]
        assert all(label["visible"] for label in labels), (where, [l["text"] for l in labels if not l["visible"]])
        values = [l for l in labels if "fb-chart__tick" in l["cls"] and "fb-chart__date" not in l["cls"]]
        dates = [l for l in labels if "fb-chart__date" in l["cls"]]
        names = [l["text"] for l in labels if "fb-chart__axis-name" in l["cls"]]
        assert len(values) >= 2 and all(re.fullmatch(r"[\d,.]+", l["text"]) for l in values), (where, values)
        assert len(dates) >= 2 and all(AXIS_DATE.fullmatch(l["text"]) for l in dates), (where, dates)
        assert "Date" in names and len(names) == 2, (where, names)
        references = [l["text"] for l in labels if "fb-chart__ref-name" in l["cls"]]
        assert any(r.startswith("Starting point ") for r in references) and any(r.startswith("Target ") for r in references)
        for label in labels:
            box = label["box"]
            assert box["height"] >= 10, f"{where}: {label['text']!r} is drawn {box['height']:.1f} px high"
            assert box["left"] >= 0 and box["right"] <= DESKTOP["width"], f"{where}: {label['text']!r} is off the page"
        ordered = sorted(dates, key=lambda l: l["box"]["left"])
        for left, right in itertools.pairwise(ordered):
            assert left["box"]["right"] <= right["box"]["left"], f"{where}: {left['text']} overlaps {right['text']}"
        refs = sorted((l for l in labels if "fb-chart__ref-name" in l["cls"]), key=lambda l: l["box"]["top"])
        for upper, lower in itertools.pairwise(refs):
            assert upper["box"]["bottom"] <= lower["box"]["top"] + 1, f"{where}: {upper['text']} overlaps {lower['text']}"


def _rgba(colour: str) -> tuple[float, float, float, float]:
    match = re.fullmatch(r"rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)", colour)
    assert match, colour
    red, green, blue, alpha = match.groups()
    return float(red), float(green), float(blue), float(alpha) if alpha is not None else 1.0


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(text: str, alpha: float, background: str) -> float:
    """WCAG contrast ratio of `text` (its alpha times `alpha`) drawn over an opaque `background`."""
    *fg, fg_alpha = _rgba(text)
    *bg, _ = _rgba(background)
    fg_alpha *= alpha
    shown = tuple(f * fg_alpha + b * (1 - fg_alpha) for f, b in zip(fg, bg))
    lighter, darker = sorted((_luminance(shown), _luminance(tuple(bg))), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_ratio_is_computed_as_wcag_says() -> None:
    assert round(contrast("rgb(0, 0, 0)", 1, "rgb(255, 255, 255)"), 1) == 21.0
    assert contrast("rgb(255, 255, 255)", 1, "rgb(255, 255, 255)") == 1.0
    assert round(contrast("rgb(118, 118, 118)", 1, "rgb(255, 255, 255)"), 2) == 4.54
    assert contrast("rgba(0, 0, 0, 0.2)", 1, "rgb(255, 255, 255)") < 4.5


@pytest.mark.parametrize("scheme", SCHEMES)
def test_chart_text_stands_out_from_the_page_background(indicators_page, scheme: str) -> None:
    measured = indicators_page(scheme)
    assert measured["scheme"] == {"light": "default", "dark": "slate"}[scheme]
    assert measured["charts"]
    for chart in measured["charts"]:
        for label in chart["labels"]:
            alpha = float(label["opacity"]) * float(label["fillOpacity"])
            ratio = contrast(label["fill"], alpha, chart["background"])
            assert ratio >= 4.5, (
                f"{scheme}: {chart['section']}: {label['text']!r} is {label['fill']} on {chart['background']}, "
                f"contrast {ratio:.2f}"
            )


# The measured fixture: every way an indicator can stand, as a resident reads it.

MEASURED = "measured/1.0/"
ROWS = """() => Object.fromEntries([...document.querySelectorAll('article .fb-indicators tbody tr:not(.fb-indicators__goal)')]
    .map(row => [row.querySelector('th a').getAttribute('href').slice(1),
                 [...row.querySelectorAll('td')].slice(0, 4).map(td => td.innerText.split(/\\s+/).join(' ').trim())]))"""
# Each item's section as read: the text after its heading up to the next heading, one line per block.
SECTIONS = """ids => Object.fromEntries(ids.map(id => {
    const lines = [];
    for (let n = document.getElementById(id).nextElementSibling; n && !/^H[1-6]$/.test(n.tagName); n = n.nextElementSibling)
        lines.push(...n.innerText.split('\\n').map(line => line.split(/\\s+/).join(' ').trim()).filter(Boolean));
    return [id, lines];
}))"""
ITEMS = ["outreach", "outreach-team", "night-buses", "feel-safe", "shootings", "clinic-hours", "youth-trust"]


@pytest.fixture(scope="module")
def measured(browser, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """What residents read on the measured fixture's indicators page (the table) and goal page (each
    item's section), and where following a "Measured by" link leads."""
    with serving(build_fixtures(tmp_path_factory.mktemp("measured-browser"), "measured")) as url:
        context = browser.new_context(viewport=DESKTOP)
        try:
            page = context.new_page()
            page.goto(url + MEASURED + "indicators/", wait_until="networkidle")
            rows = page.evaluate(ROWS)
            page.goto(url + MEASURED + "goals/safety/", wait_until="networkidle")
            sections = page.evaluate(SECTIONS, ITEMS)
            page.locator("#outreach-team ~ p", has_text="Measured by").first.get_by_role("link", name="Shootings").click()
            page.wait_for_function("() => location.hash === '#shootings'")
            return {"rows": rows, "sections": sections}
        finally:
            context.close()


def test_no_misleading_percentage_is_shown_and_the_reason_is_given(measured) -> None:
    progress = {indicator: cells[3] for indicator, cells in measured["rows"].items()}

    assert progress == {
        "feel-safe": "The target (58 %) is below the starting point (63 %) although the aim is to increase, "
                     "so progress is not worked out",
        "shootings": "50 % of the way to the target",
        "feel-unsafe": "Moved away from the target since the starting point",
        "clinic-hours": "At the target of 40 hours a week",
        "youth-trust": "Not measured yet",
    }
    assert all(PROGRESS.fullmatch(words) for words in progress.values()), progress


def test_values_are_read_with_their_units_periods_and_unknowns(measured) -> None:
    rows = measured["rows"]

    assert rows["feel-safe"][:3] == ["66 % in the second quarter of 2025", "63 % in 2024", "58 % in 2026"]
    assert rows["shootings"][:3] == ["30 shootings on 31 December 2025", "40 shootings on 1 January 2024",
                                     "20 shootings by 31 December 2027"]
    assert rows["youth-trust"][1:3] == ["Not known yet (Set from the 2025 youth survey)",
                                        "70 % from 1 July 2025 to 30 June 2026"]
    assert "Starting point: Not known yet (Set from the 2025 youth survey)" in measured["sections"]["youth-trust"]


def test_indicators_and_the_work_they_measure_are_linked_both_ways(measured) -> None:
    sections = measured["sections"]

    assert ("Measures the work of: Street outreach in every neighbourhood (strategy), Hire a street outreach team "
            "(action)") in sections["shootings"]
    assert "Measured by: Shootings, Young people who trust the outreach team" in sections["outreach-team"]
    assert "Measured by: Shootings" in sections["outreach"]
    assert "Measured by: Residents who feel unsafe at night" in sections["night-buses"]
    assert not any(line.startswith("Measured by") for line in sections["feel-safe"])
