"""What we heard and quick exit, as a reader meets them (Stamford's working version).

The pages are also in site_map.PAGE_TYPES, so axe-core, the heading order, privacy and the
console are checked on them in both schemes; here: the keyboard reaches the quick exit and
Enter leaves the site at once, and the "What we heard" box is shown under its item.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from site_map import HEARD_VERSION

QUICK_EXIT = "https://example.org/"  # stamford's quick_exit.url


def test_the_keyboard_reaches_the_quick_exit_and_enter_leaves_the_site(new_visit) -> None:
    with new_visit(viewport={"width": 1280, "height": 800}) as visit:
        visit.open(HEARD_VERSION + "help/")
        page = visit.page
        reached = None
        for presses in range(1, 41):
            page.keyboard.press("Tab")
            focused = page.evaluate("() => document.activeElement && document.activeElement.getAttribute('href')")
            if focused == QUICK_EXIT:
                reached = presses
                break
        assert reached is not None, "40 presses of Tab never reached the quick exit link"
        assert page.evaluate("() => document.activeElement.matches(':focus-visible')")
        assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") != "none"
        visit.foreign_requests.clear()
        page.keyboard.press("Enter")
        page.wait_for_timeout(500)
        # The neutral page is the next request (aborted here: the tests make no request to a third party).
        assert [urlsplit(url).netloc for url in visit.foreign_requests][:1] == [urlsplit(QUICK_EXIT).netloc]


def test_what_we_heard_is_shown_under_its_item(new_visit) -> None:
    with new_visit(viewport={"width": 1280, "height": 800}) as visit:
        visit.open(HEARD_VERSION + "goals/reporting/")
        box = visit.page.locator("#trusted-reporting-points ~ .fb-heard").first
        assert box.is_visible()
        text = " ".join(box.inner_text().split())
        assert text.startswith("What we heard about this")
        assert "The leadership group's response" in text
        following = visit.page.locator(".fb-heard + p a").first
        assert following.get_attribute("href") == "../../heard/#heard-trusted-reporting-points"
