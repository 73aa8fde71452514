"""At 390×844 (a phone) nothing overflows the page sideways; wide tables scroll in their own box."""

from __future__ import annotations

import axe_core
import pytest
from record import PHONE_HEADER, STATUS_LABEL
from site_map import LAKEPORT, PHONE, PHONE_HEADERS, PHONE_PAGES, VERSION, version_of


@pytest.mark.parametrize("name", list(PHONE_PAGES))
def test_page_is_no_wider_than_a_phone(phone, name: str) -> None:
    page = phone(name)
    assert page.scroll_width <= page.inner_width, f"{name}: page is {page.scroll_width} px wide on a {page.inner_width} px screen"


@pytest.mark.parametrize("name", list(PHONE_PAGES))
def test_no_table_sticks_out_of_a_phone_screen(phone, name: str) -> None:
    assert phone(name).tables_sticking_out == [], f"{name}: tables wider than the screen outside a scrolling box"


@pytest.mark.parametrize("name", list(PHONE_PAGES))
def test_tables_scroll_inside_their_own_box(phone, name: str) -> None:
    assert phone(name).tables_without_scroll_box == [], f"{name}: tables without a scrolling box of their own"


def test_the_action_plan_has_tables_to_check(phone) -> None:
    assert phone("action-plan").tables, "the action plan has no table"


@pytest.mark.parametrize("name", list(PHONE_PAGES))
def test_phone_header_shows_a_short_title_that_fits(phone, name: str) -> None:
    page = phone(name)
    title, version = PHONE_HEADERS[version_of(PHONE_PAGES[name])]
    assert page.header_title == title, f"{name}: the header shows {page.header_title!r}"
    assert page.version_button == version, f"{name}: the version menu shows {page.version_button!r}"
    assert not page.header_title_cut, f"{name}: the header's title is cut"


@pytest.mark.parametrize("name", [name for name, path in PHONE_PAGES.items() if version_of(path) == VERSION])
def test_phone_header_leaves_the_status_to_the_banner(phone, name: str) -> None:
    """On the draft open for comment, whose status the banner and the overview's line both say."""
    page = phone(name)
    assert page.status_words_above_fold == 1, f"{name}: the status is shown {page.status_words_above_fold} times"


def test_the_overview_keeps_its_status_line_on_a_desktop_and_in_print(new_visit) -> None:
    """On a phone the overview leaves its draft's status to the banner; wider, and on paper, its line says it."""
    with new_visit(viewport={"width": 1280, "height": 900}) as visit:
        visit.open(VERSION)
        page = visit.page
        assert page.evaluate(PHONE_HEADER, STATUS_LABEL)["statusShown"] == 2, "banner and status line on a desktop"
        page.emulate_media(media="print")
        shown = page.evaluate(
            """status => [...document.querySelectorAll('article p')]
                   .filter(p => p.innerText.toLowerCase().includes(status)).map(p => p.innerText)""",
            STATUS_LABEL,
        )
        assert any("Version 0.3" in line for line in shown), f"in print the status line lost its status: {shown}"


@pytest.mark.parametrize("name", list(PHONE_PAGES))
def test_phone_page_has_no_wcag_violations(phone, name: str) -> None:
    axe_core.require()
    violations = phone(name).axe["violations"]
    assert not violations, f"{name} at phone size:\n{axe_core.describe(violations)}"


def test_the_portal_fits_a_phone_and_has_no_wcag_violations(new_visit) -> None:
    """The portal is plain HTML without the theme's header, so it has none of the header checks above."""
    axe_core.require()
    with new_visit(viewport=PHONE) as visit:
        visit.open("")
        page = visit.page
        widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        violations = axe_core.run(page)["violations"]
    assert widths[0] <= widths[1], f"the portal is {widths[0]} px wide on a {widths[1]} px screen"
    assert not violations, f"the portal at phone size:\n{axe_core.describe(violations)}"


def test_the_caption_of_a_wide_table_is_read_whole_on_a_phone(new_visit) -> None:
    """The table of every indicator scrolls in its own box; its caption wraps within the screen."""
    with new_visit(viewport={"width": 390, "height": 844}) as visit:
        visit.open(LAKEPORT + "indicators/")
        lines = visit.page.evaluate("""() => {
            const range = document.createRange();
            range.selectNodeContents(document.querySelector('.fb-indicators caption'));
            return [...range.getClientRects()].map(line => [line.left, line.right]);
        }""")
    assert lines and all(0 <= left and right <= 390 for left, right in lines), f"caption lines at {lines}"


def test_each_status_in_the_bar_looks_different_from_the_others(new_visit) -> None:
    """Told apart by the words beside each key too, the keys must still differ: 'dropped' was nearly blank."""
    with new_visit(viewport={"width": 390, "height": 844}) as visit:
        visit.open(LAKEPORT)
        looks = visit.page.evaluate("""() => [...document.querySelectorAll('.fb-status-key')].map(key => {
            const style = getComputedStyle(key);
            return [key.parentElement.innerText, style.backgroundColor + ' ' + style.backgroundImage];
        })""")
    by_status = {(text.split(":")[0], look) for text, look in looks}  # the overview has a bar per goal too
    statuses = {status for status, _ in by_status}
    assert statuses == {"Not started", "In progress", "Dropped"}
    assert len(by_status) == len(statuses) == len({look for _, look in by_status}), by_status
