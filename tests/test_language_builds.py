"""Each version once per language (issue 11): the fixture `multilingual` (English, with Spanish partly
translated, one of its titles out of date, and a little Arabic) built and read as residents read it."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from harness import FIXTURE_TODAY, build, build_fixtures
from html_page import Node, parse_file

VERSION = "multilingual/1.0"
PAGES = ("index.html", "goals/safety/index.html", "goals/reporting/index.html", "comment/index.html")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("multilingual")
    build_fixtures(project, "multilingual")
    return project


@pytest.fixture(scope="module")
def version(project: Path) -> Path:
    return project / "site" / VERSION


def page(version: Path, language: str, path: str) -> Node:
    return parse_file(version / ("" if language == "en" else language) / path)


def html_of(node: Node) -> Node:
    return node.find_all("html")[0]


def body_of(node: Node) -> Node:
    return node.find_all("body")[0]


@pytest.mark.parametrize("language, direction", [("en", "ltr"), ("es", "ltr"), ("ar", "rtl")])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_its_language_and_direction(version: Path, language: str, direction: str, path: str) -> None:
    tree = page(version, language, path)
    assert html_of(tree).attrs["lang"] == language
    assert body_of(tree).attrs["dir"] == direction


@pytest.mark.parametrize("language, placeholder", [("en", "Search"), ("es", "Búsqueda"), ("ar", "بحث")])
def test_materials_interface_speaks_the_language(version: Path, language: str, placeholder: str) -> None:
    search = [node for node in page(version, language, "index.html").find_all("input")
              if node.attrs.get("data-md-component") == "search-query"]
    assert [node.attrs["placeholder"] for node in search] == [placeholder]


def test_translated_headings_are_shown_and_outdated_ones_in_english_with_their_language(version: Path) -> None:
    safety = page(version, "es", "goals/safety/index.html").find_all("h1")[0]
    assert safety.text() == "Espacios públicos más seguros" and "lang" not in safety.attrs
    reporting = page(version, "es", "goals/reporting/index.html").find_all("h1")[0]
    assert reporting.text() == "Make reporting safe and simple"  # translated from an earlier wording
    assert reporting.attrs["lang"] == "en"
    assert page(version, "ar", "goals/safety/index.html").find_all("h1")[0].text() == "أماكن عامة أكثر أمانًا"


def notes(tree: Node) -> list[str]:
    return [node.text() for node in tree.find_all("p", "fb-untranslated")]


def test_items_shown_in_english_carry_a_note_in_the_pages_language(version: Path) -> None:
    # The goal's summary and the action's description have no Spanish; the objective is fully translated.
    assert notes(page(version, "es", "goals/safety/index.html")) == [
        "Este texto aún no está traducido; se muestra en inglés."] * 2
    assert notes(page(version, "es", "goals/reporting/index.html"))[0] == (
        "La traducción de este texto está desactualizada; se muestra en inglés hasta que se actualice.")
    summary = [node for node in page(version, "es", "goals/safety/index.html").find_all("div")
               if node.attrs.get("lang") == "en"]
    assert summary and summary[0].text() == "Residents feel safe in parks, libraries and on transit."


@pytest.mark.parametrize("path", PAGES)
def test_english_pages_have_no_notes(version: Path, path: str) -> None:
    assert notes(page(version, "en", path)) == []


def language_links(tree: Node) -> list[Node]:
    return tree.find_all("a", "md-select__link")


@pytest.mark.parametrize("language", ["en", "es", "ar"])
@pytest.mark.parametrize("path", PAGES)
def test_language_menu_links_the_same_page_in_every_language(version: Path, language: str, path: str) -> None:
    tree = page(version, language, path)
    here = posixpath.dirname(posixpath.join("" if language == "en" else language, path))
    found = {}
    for link in language_links(tree):
        target = posixpath.normpath(posixpath.join(here, link.attrs["href"]))
        assert link.attrs["lang"] == link.attrs["hreflang"]
        found[link.attrs["hreflang"]] = (target, link.text())
        other = parse_file(version / target / "index.html")
        assert html_of(other).attrs["lang"] == link.attrs["hreflang"]
    prefix = {"en": "", "es": "es/", "ar": "ar/"}
    page_folder = posixpath.dirname(path)
    assert {lang: target for lang, (target, _) in found.items()} == {
        lang: posixpath.normpath(prefix[lang] + page_folder) if prefix[lang] + page_folder else "."
        for lang in prefix}
    assert {lang: name for lang, (_, name) in found.items()} == {"en": "English", "es": "Español", "ar": "العربية"}
    # no alternate <link> per page: Material's script would fetch a sitemap.xml beside each (a 404)
    assert not [node for node in tree.find_all("link") if node.attrs.get("rel") == "alternate" and "hreflang" in node.attrs]


def test_versions_menu_of_a_translation_links_its_versions_in_that_language(version: Path) -> None:
    menu = page(version, "es", "goals/safety/index.html").find_all("a", "md-version__link")
    assert [posixpath.normpath(posixpath.join("es/goals/safety", link.attrs["href"])) for link in menu] == [
        "../1.0/es"]
    assert [link.text() for link in menu] == ["1.0 para comentarios"]


def test_dates_are_written_in_the_pages_language(version: Path) -> None:
    assert "31 March 2026" in page(version, "en", "comment/index.html").text()
    assert "31 de marzo de 2026" in page(version, "es", "comment/index.html").text()


def test_an_email_comment_from_a_translation_names_its_language(version: Path) -> None:
    def bodies(language: str) -> list[str]:
        links = [node.attrs["href"] for node in page(version, language, "goals/safety/index.html").find_all("a")
                 if node.attrs.get("data-channel") == "email"]
        assert links
        return [parse_qs(urlsplit(link).query)["body"][0] for link in links]

    assert all(unquote(body).startswith("Idioma: es\n") for body in bodies("es")), "the line is in Spanish too"
    assert not any("Language:" in body or "Idioma:" in body for body in bodies("en"))


def test_the_portal_lists_the_frameworks_languages(project: Path) -> None:
    links = {node.attrs.get("hreflang"): node.attrs["href"]
             for node in parse_file(project / "site" / "index.html").find_all("a") if "hreflang" in node.attrs}
    assert links == {"ar": "multilingual/1.0/ar/", "es": "multilingual/1.0/es/"}


def test_an_unchanged_language_comes_from_the_cache_and_an_edited_one_is_rebuilt(project: Path) -> None:
    again = build(project, today=FIXTURE_TODAY)
    assert again.code == 0, again.err
    assert "Built 0 version(s) and reused 3" in again.err
    spanish = project / "frameworks" / "multilingual" / "translations" / "es.yml"
    spanish.write_text(spanish.read_text(encoding="utf-8").replace("Formar al personal de los parques\"",
                                                                   "Capacitar al personal de los parques\""),
                       encoding="utf-8")
    edited = build(project, today=FIXTURE_TODAY)
    assert edited.code == 0, edited.err
    assert "Built 1 version(s) and reused 2" in edited.err
    assert "multilingual 1.0 in es (public-comment): 17 pages" in edited.err


def test_the_default_level_names_are_in_the_pages_language(version: Path) -> None:
    """A framework without `levels:` is told in its readers' words: the tool's own names are translated."""
    def navigation(language: str) -> list[str]:
        return [link.text() for link in page(version, language, "index.html").find_all("a", "md-nav__link")]

    assert "Goals" in navigation("en") and "Indicators" in navigation("en")
    spanish = navigation("es")
    assert "Objetivos generales" in spanish and "Indicadores" in spanish, spanish
    assert "Goals" not in spanish and "Indicators" not in spanish


def test_a_note_names_the_source_language_in_the_language_of_its_sentence(version: Path) -> None:
    """Arabic has no catalog of the tool's sentences yet: its notes stay English, and so does the language they name."""
    arabic = notes(page(version, "ar", "goals/safety/index.html"))
    assert arabic and all(note.endswith("it is shown in English.") for note in arabic), arabic


def test_the_overviews_progress_sentence_is_grammatical_spanish_for_one_indicator(version: Path) -> None:
    """The fixture has 1 of 1 indicators measured: the sentence names the count without a verb that must
    agree with it ("Se han medido 1 de 1 indicadores" was wrong for one)."""
    paragraphs = [node.text() for node in page(version, "es", "index.html").find_all("p")]
    assert ("Con mediciones respecto a su meta: 1 de 1 indicadores. En promedio, han recorrido el 36,7 % del "
            "camino entre su punto de partida y su meta.") in paragraphs


def theme_words(tree: Node) -> dict[str, list[str]]:
    """The words the theme writes around the content: the feed links' titles, the palette toggles' names
    (their tooltips and what a screen reader says) and the title of the link beside each heading."""
    return {
        "feeds": [node.attrs["title"] for node in tree.find_all("link") if node.attrs.get("rel") == "alternate"],
        "toggles": [node.attrs["title"] for node in tree.find_all("label", "md-header__button")
                    if node.attrs.get("for", "").startswith("__palette")],
        "toggles read aloud": [node.attrs["aria-label"] for node in tree.find_all("input", "md-option")],
        "heading links": sorted({node.attrs["title"] for node in tree.find_all("a", "headerlink")}),
    }


def test_the_words_the_theme_writes_are_in_the_pages_language(version: Path) -> None:
    english = theme_words(page(version, "en", "goals/safety/index.html"))
    assert english == {"feeds": ["News of this framework", "Comment windows of this framework"],
                       "toggles": ["Switch to dark mode", "Switch to light mode"],
                       "toggles read aloud": ["Switch to dark mode", "Switch to light mode"],
                       "heading links": ["Permanent link"]}
    assert theme_words(page(version, "es", "goals/safety/index.html")) == {
        "feeds": ["Noticias de este marco", "Períodos de comentarios de este marco"],
        "toggles": ["Cambiar al modo oscuro", "Cambiar al modo claro"],
        "toggles read aloud": ["Cambiar al modo oscuro", "Cambiar al modo claro"],
        "heading links": ["Enlace permanente"]}
    # Arabic has no catalog of the tool's sentences yet: the theme's words stay English, like the notes.
    assert theme_words(page(version, "ar", "goals/safety/index.html")) == english


def test_the_page_not_found_speaks_the_language_of_its_build(version: Path) -> None:
    def words(language: str) -> list[str]:
        content = page(version, language, "404.html").find_all("article")[0]
        return [node.text() for node in content.find_all("h1") + content.find_all("p")]

    assert words("en") == ["Page not found",
                           "There is no page at this address. It may have moved, or the address may have a "
                           "typing mistake.",
                           "Go to the home page, which lists every framework on this site."]
    assert words("es") == ["Página no encontrada",
                           "No hay ninguna página en esta dirección. Puede que se haya movido o que la dirección "
                           "tenga un error de escritura.",
                           "Ir a la página de inicio, que enumera todos los marcos de este sitio."]
