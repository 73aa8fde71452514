"""The site as a reader meets it: pages load cleanly, versions are listed, comment links and keyboard work."""

from __future__ import annotations

import json

import pytest
from site_map import EVERY_PAGE, REPO, SLUG

from framework_builder.model.items import walk
from framework_builder.source.loader import load_framework


@pytest.mark.parametrize(("page_type", "scheme"), EVERY_PAGE)
def test_page_logs_no_console_errors(pages, page_type: str, scheme: str) -> None:
    assert pages(page_type, scheme).console_errors == []


def test_version_selector_lists_every_version(pages, site_dir) -> None:
    versions = json.loads((site_dir / SLUG / "versions.json").read_text(encoding="utf-8"))
    assert pages("overview", "light").version_links == [version["title"] for version in versions]


def test_version_menu_is_named_by_what_it_shows(pages) -> None:
    """WCAG 2.5.3 Label in Name: a voice-control user can press the button by saying its text."""
    visible, name = pages("overview", "light").version_button
    assert visible, "the version menu's button shows no text"
    assert name.startswith(visible), f"the version menu shows {visible!r} but is named {name!r}"


def test_goal_page_of_a_version_open_for_comment_has_comment_links(pages) -> None:
    assert pages("goal", "light").comment_links, "no comment links on a goal page of a version open for comment"


def test_each_comment_link_carries_its_item_and_says_it_in_its_name(pages) -> None:
    working = load_framework(REPO / "frameworks" / SLUG).framework
    titles = {item.id: item.title for item in walk(working)}
    for link in pages("goal", "light").comment_links:
        assert link.item and link.item in link.href, f"comment link for {link.item!r} does not carry it: {link.href}"
        assert link.name.endswith(f": {titles[link.item]}"), f"comment link for {link.item} is named {link.name!r}"


def test_no_two_comment_links_have_the_same_name(pages) -> None:
    names = [link.name for link in pages("goal", "light").comment_links]
    assert len(set(names)) == len(names), "two comment links have the same accessible name"


def test_first_tab_stop_is_a_skip_link(pages) -> None:
    first = pages("goal", "light").tab_stops[0]
    assert first["href"] and first["href"].startswith("#"), f"first Tab stop is not a skip link: {first}"


def test_tab_never_jumps_backwards_inside_the_content(pages) -> None:
    orders = [stop["order"] for stop in pages("goal", "light").tab_stops if stop["inContent"]]
    assert orders == sorted(orders), "Tab jumps backwards inside the page content"


def test_keyboard_reaches_every_content_link(pages) -> None:
    goal = pages("goal", "light")
    reached = {stop["order"] for stop in goal.tab_stops if stop["inContent"]}
    assert len(reached) >= goal.content_links, f"Tab reached {len(reached)} of {goal.content_links} links in the content"

