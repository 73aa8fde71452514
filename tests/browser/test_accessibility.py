"""axe-core (WCAG 2.0/2.1 A and AA) on every page type, in the light and the dark scheme."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from site_map import PAGE_TYPES

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@cache
def axe_source() -> str:
    """axe-core as bundled in the axe-playwright-python package (nothing fetched at test time)."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def run_axe(page) -> list[dict]:
    """The WCAG A/AA violations axe-core finds on the loaded page."""
    page.evaluate(axe_source())
    results = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return results["violations"]


def describe(violations: list[dict]) -> str:
    """Rule id, impact and the failing nodes, for the failure message."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node.get('failureSummary', '').strip()}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_no_wcag_violations(visit_factory, page_type: str, scheme: str) -> None:
    visit = visit_factory(viewport={"width": 1280, "height": 900})
    visit.page.emulate_media(color_scheme=scheme)
    visit.open(PAGE_TYPES[page_type])
    if page_type != "portal":
        expected = "slate" if scheme == "dark" else "default"
        assert visit.page.get_attribute("body", "data-md-color-scheme") == expected
    violations = run_axe(visit.page)
    assert not violations, f"{page_type} page, {scheme} scheme:\n{describe(violations)}"


@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_headings_are_in_order(visit, page_type: str) -> None:
    """One h1, and no heading skips a level on the way down (h2 → h4)."""
    visit.open(PAGE_TYPES[page_type])
    levels = visit.page.eval_on_selector_all(
        "main h1, main h2, main h3, main h4, main h5, main h6, body > h1, article h1",
        "nodes => [...new Set(nodes)].map(n => Number(n.tagName[1]))",
    )
    assert levels, f"{page_type} page has no headings"
    assert levels[0] == 1 and levels.count(1) == 1, f"{page_type} page headings: {levels}"
    skips = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    assert not skips, f"{page_type} page skips heading levels {skips} in {levels}"
