"""The site as a reader meets it: pages load cleanly, versions are listed, comment links and keyboard work."""

from __future__ import annotations

import json
import re

import pytest

from site_map import GOAL, SLUG, VERSION


@pytest.mark.parametrize("path", ["", VERSION, GOAL])
def test_page_loads_without_console_errors(visit, path: str) -> None:
    visit.open(path)
    assert visit.console_errors == []


def test_version_selector_lists_every_version(visit, site_dir) -> None:
    versions = json.loads((site_dir / SLUG / "versions.json").read_text(encoding="utf-8"))
    visit.open(VERSION)
    visit.page.wait_for_selector(".md-version__link", state="attached", timeout=10_000)
    listed = visit.page.eval_on_selector_all(".md-version__item .md-version__link", "links => links.map(l => l.textContent.trim())")
    assert listed == [version["title"] for version in versions]


def accessible_name(link) -> str:
    """The accessible name Chromium gives a link (from Playwright's ARIA snapshot)."""
    first_line = link.aria_snapshot().splitlines()[0]
    match = re.search(r'link "((?:[^"\\]|\\.)*)"', first_line)
    assert match, first_line
    return match.group(1)


def test_comment_links_name_their_item(visit) -> None:
    visit.open(GOAL)
    links = visit.page.locator("main a[data-item]")
    assert links.count() > 0, "no comment links on a goal page of a version open for comment"
    names = []
    for index in range(links.count()):
        link = links.nth(index)
        item = link.get_attribute("data-item")
        href = link.get_attribute("href") or ""
        name = accessible_name(link)
        assert item and item in href, f"comment link for {item!r} does not carry it: {href}"
        assert item.lower() in name.lower(), f"comment link for {item} is named {name!r}"
        names.append(name)
    assert len(set(names)) == len(names), "two comment links have the same accessible name"


def tab_through(page, presses: int) -> list[dict]:
    """Press Tab up to `presses` times and describe each element that took focus, until focus
    comes back round to the first stop. Stops that report no element (Chromium's focusable
    scrolling boxes, the browser itself) are left out."""
    stops: list[dict] = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        stop = page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el || el === document.body) return null;
                return {
                    text: (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 60),
                    href: el.getAttribute('href'),
                    inContent: Boolean(el.closest('.md-content')),
                    order: [...document.querySelectorAll('*')].indexOf(el),
                };
            }"""
        )
        if stops and stop and stop["order"] == stops[0]["order"]:
            break
        if stop:
            stops.append(stop)
    return stops


def test_keyboard_reaches_every_content_link_in_reading_order(visit) -> None:
    visit.open(GOAL)
    page = visit.page
    content_links = page.eval_on_selector_all(
        ".md-content a[href]", "links => links.filter(l => l.getClientRects().length).length"
    )
    focusable = page.eval_on_selector_all(
        "a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])", "nodes => nodes.length"
    )
    stops = tab_through(page, presses=focusable + 1)

    assert stops[0]["href"] and stops[0]["href"].startswith("#"), f"first Tab stop is not a skip link: {stops[0]}"
    in_content = [stop for stop in stops if stop["inContent"]]
    orders = [stop["order"] for stop in in_content]
    assert orders == sorted(orders), "Tab jumps backwards inside the page content"
    reached = {stop["order"] for stop in in_content}
    assert len(reached) >= content_links, f"Tab reached {len(reached)} of {content_links} links in the content"
