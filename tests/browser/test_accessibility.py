"""axe-core (WCAG 2.0/2.1/2.2 A and AA) and heading order on every page type, light and dark."""

from __future__ import annotations

import axe_core
import pytest
from site_map import EVERY_PAGE


@pytest.fixture(scope="session")
def axe_installed() -> None:
    """Skip (fail under CI=true) with how to install axe-core when node_modules/ does not have it."""
    axe_core.require()


def test_the_pinned_axe_core_is_the_one_that_runs(pages, axe_installed) -> None:
    running = pages("portal", "light").axe["version"]
    assert running == axe_core.pinned_version(), (
        f"axe-core {running} ran, package.json pins {axe_core.pinned_version()}: run `npm ci` (or `make browser-deps`)"
    )


@pytest.mark.parametrize(("page_type", "scheme"), [pair for pair in EVERY_PAGE if pair[0] != "portal"])
def test_page_follows_the_readers_colour_scheme(pages, page_type: str, scheme: str) -> None:
    expected = "slate" if scheme == "dark" else "default"
    assert pages(page_type, scheme).color_scheme == expected


@pytest.mark.parametrize(("page_type", "scheme"), EVERY_PAGE)
def test_page_has_no_wcag_violations(pages, axe_installed, page_type: str, scheme: str) -> None:
    violations = pages(page_type, scheme).axe["violations"]
    assert not violations, f"{page_type} page, {scheme} scheme:\n{axe_core.describe(violations)}"


@pytest.mark.parametrize(("page_type", "scheme"), EVERY_PAGE)
def test_page_has_one_h1_first(pages, page_type: str, scheme: str) -> None:
    levels = pages(page_type, scheme).headings
    assert levels, f"{page_type} page has no headings"
    assert levels[0] == 1 and levels.count(1) == 1, f"{page_type} page headings: {levels}"


@pytest.mark.parametrize(("page_type", "scheme"), EVERY_PAGE)
def test_headings_never_skip_a_level_on_the_way_down(pages, page_type: str, scheme: str) -> None:
    levels = pages(page_type, scheme).headings
    skips = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    assert not skips, f"{page_type} page skips heading levels {skips} in {levels}"
