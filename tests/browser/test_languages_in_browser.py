"""The demo in Spanish and the right-to-left fixture in Arabic, as Chromium shows them (issue 11).

The pages are also in site_map.PAGE_TYPES, so axe-core (light, dark and at phone size), the heading
order and privacy check them; here, what a reader of another language meets: the page's language and
direction, Material's interface in it, the language menu that keeps them on the same page, a note on
a text shown in English, a date written in Spanish, and a page laid out right to left.
"""

from __future__ import annotations

import pytest
from site_map import RIGHT_TO_LEFT, SPANISH, SPANISH_WITH_NOTES

DESKTOP = {"width": 1280, "height": 900}
ENGLISH_GOAL = SPANISH.removesuffix("es/") + "goals/reporting/"
SPANISH_GOAL = SPANISH + "goals/reporting/"

LANGUAGE_AND_DIRECTION = """() => ({lang: document.documentElement.lang, dir: getComputedStyle(document.body).direction})"""


@pytest.mark.parametrize(("path", "lang", "direction"), [
    (ENGLISH_GOAL, "en", "ltr"), (SPANISH_GOAL, "es", "ltr"), (SPANISH_WITH_NOTES, "es", "ltr"),
    (RIGHT_TO_LEFT, "ar", "rtl"), (RIGHT_TO_LEFT + "goals/safety/", "ar", "rtl"),
])
def test_each_page_says_its_language_and_direction(new_visit, path: str, lang: str, direction: str) -> None:
    with new_visit(viewport=DESKTOP) as visit:
        visit.open(path)
        assert visit.page.evaluate(LANGUAGE_AND_DIRECTION) == {"lang": lang, "dir": direction}


@pytest.mark.parametrize(("path", "placeholder", "label"), [
    (ENGLISH_GOAL, "Search", "Select language"),
    (SPANISH_GOAL, "Búsqueda", "Seleccionar idioma"),
    (RIGHT_TO_LEFT, "بحث", None),
])
def test_materials_interface_speaks_the_pages_language(new_visit, path: str, placeholder: str, label: str | None) -> None:
    with new_visit(viewport=DESKTOP) as visit:
        visit.open(path)
        page = visit.page
        assert page.get_attribute("input.md-search__input", "placeholder") == placeholder
        if label is not None:
            assert page.locator(".md-select > button").get_attribute("aria-label") == label


def heading(page) -> str:
    """The page's h1 as read, without Material's permalink sign."""
    return page.locator("article h1").evaluate(
        "h => [...h.childNodes].filter(n => !(n.classList && n.classList.contains('headerlink')))"
        ".map(n => n.textContent).join('').trim()")


def choose_language(page, name: str) -> None:
    """Open the header's language menu (it opens on hover) and follow the language called `name`."""
    page.locator(".md-select > button").hover()
    link = page.locator(".md-select__link", has_text=name)
    link.wait_for(state="visible")
    with page.expect_navigation(wait_until="load"):
        link.click()


def test_the_language_menu_keeps_the_reader_on_the_same_page(new_visit, server: str) -> None:
    with new_visit(viewport=DESKTOP) as visit:
        visit.open(ENGLISH_GOAL)
        page = visit.page
        english_heading = heading(page)

        choose_language(page, "Español")
        assert page.url == server + SPANISH_GOAL
        assert page.evaluate("document.documentElement.lang") == "es"
        assert heading(page) == "Hacer que denunciar sea fácil y de confianza"
        assert page.locator(".md-select__link[aria-current='true']").inner_text().strip() == "Español"

        choose_language(page, "English")
        assert page.url == server + ENGLISH_GOAL
        assert heading(page) == english_heading == "Make reporting easy and trusted"


def test_a_text_shown_in_english_has_a_visible_note_in_spanish(new_visit) -> None:
    """Stamford's actions are not translated yet: each is shown in English, marked so, with a note."""
    with new_visit(viewport=DESKTOP) as visit:
        visit.open(SPANISH_WITH_NOTES + "goals/awareness/")
        page = visit.page
        action = page.locator("article h4").first
        assert action.get_attribute("lang") == "en"
        note = page.locator("article h4 + p.fb-untranslated").first
        note.scroll_into_view_if_needed()
        assert note.is_visible()
        assert note.inner_text() == "Este texto aún no está traducido; se muestra en inglés."
        box = note.bounding_box()
        assert box is not None and box["height"] > 0 and box["width"] > 0


def test_dates_are_written_in_spanish(new_visit) -> None:
    with new_visit(viewport=DESKTOP) as visit:
        visit.open(SPANISH)
        paragraphs = visit.page.locator("article p").all_inner_texts()
    assert "Última actualización: 10 de marzo de 2026, el día en que se publicó esta versión." in paragraphs


NAVIGATION_SIDE = """() => {
    const nav = document.querySelector('.md-sidebar--primary').getBoundingClientRect();
    const content = document.querySelector('.md-content').getBoundingClientRect();
    return {navLeft: nav.left, navRight: nav.right, contentLeft: content.left, contentRight: content.right};
}"""


@pytest.mark.parametrize(("path", "side"), [(RIGHT_TO_LEFT.removesuffix("ar/"), "left"), (RIGHT_TO_LEFT, "right")])
def test_a_right_to_left_page_is_laid_out_right_to_left(new_visit, path: str, side: str) -> None:
    """The navigation stands at the right of the content in Arabic, at its left in English."""
    with new_visit(viewport=DESKTOP) as visit:
        visit.open(path)
        boxes = visit.page.evaluate(NAVIGATION_SIDE)
    if side == "right":
        assert boxes["navLeft"] >= boxes["contentRight"] - 1, boxes
    else:
        assert boxes["navRight"] <= boxes["contentLeft"] + 1, boxes
