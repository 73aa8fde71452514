"""Each version once per language (issue 11): the fixture `multilingual` (English, with Spanish partly
translated, one of its titles out of date, and a little Arabic) built and read as residents read it."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from harness import FIXTURE_TODAY, build, build_fixtures
from html_page import Node, article, parse_file

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
    # The goal's summary and the action's description have no Spanish, their titles do: the note says that part of
    # the item under the Spanish heading is in English; the objective is fully translated.
    assert notes(page(version, "es", "goals/safety/index.html")) == [
        "Parte de este elemento aún no está traducida; se muestra en inglés."] * 2
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
        assert link.attrs["dir"] == ("rtl" if link.attrs["lang"] == "ar" else "ltr")  # "English" on an Arabic page too
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


# Every text shown in the framework's language on a translated page says so: its language and its direction
# (on an Arabic page, lang alone would leave English text laid out right to left).
SOURCE_TEXT_PAGES = PAGES + ("print/index.html", "indicators/index.html", "findings/index.html", "help/index.html")


def marked_english(tree: Node) -> list[Node]:
    """The elements marked as English, but for the language menu's link to the English page."""
    return [node for node in tree.walk() if node.attrs.get("lang") == "en" and "md-select__link" not in
            node.attrs.get("class", "").split()]


@pytest.mark.parametrize("language", ["es", "ar"])
@pytest.mark.parametrize("path", SOURCE_TEXT_PAGES)
def test_a_text_shown_in_english_on_a_translated_page_is_marked_left_to_right(version: Path, language: str,
                                                                               path: str) -> None:
    for node in marked_english(page(version, language, path)):
        assert node.attrs.get("dir") == "ltr", (node.tag, node.text()[:60])


def test_the_arabic_pages_notes_are_english_sentences_marked_as_such_and_the_spanish_ones_are_not(version: Path) -> None:
    arabic = page(version, "ar", "goals/safety/index.html").find_all("p", "fb-untranslated")
    assert arabic and all((note.attrs.get("lang"), note.attrs.get("dir")) == ("en", "ltr") for note in arabic)
    spanish = page(version, "es", "goals/safety/index.html").find_all("p", "fb-untranslated")
    assert spanish and all("lang" not in note.attrs for note in spanish)


def test_an_indicator_chart_on_an_arabic_page_is_drawn_left_to_right(version: Path) -> None:
    charts = page(version, "ar", "indicators/index.html").find_all("svg", "fb-chart")
    assert charts and all(chart.attrs.get("direction") == "ltr" for chart in charts)
    assert all("direction" not in chart.attrs for chart in page(version, "en", "indicators/index.html").find_all("svg", "fb-chart"))


def sources_said(tree: Node) -> list[str]:
    return [node.text() for node in tree.find_all("li") if node.text().startswith("Fuente:")]


def test_indicator_and_finding_sources_are_translated_and_shown_in_english_marked_when_they_are_not(demo_site: Path) -> None:
    riverton = parse_file(demo_site / "riverton/1.1/es/indicators/index.html")
    assert "Fuente: Registros municipales de incidentes de odio" in sources_said(riverton)
    # Fully translated: what stays English is the measurements' notes, which have no translation key.
    assert {node.text() for node in marked_english(riverton.find_all("article")[0])} == {
        "Includes 6 reports made in Spanish, Arabic or Somali.", "A spike in graffiti in the spring."}
    stamford = parse_file(demo_site / "stamford/0.3/es/indicators/index.html")
    english = {node.text() for node in marked_english(stamford) if node.tag == "span"}
    assert "Prevention team meeting records" in english  # an indicator's source, not translated yet
    findings = parse_file(demo_site / "riverton/1.1/es/findings/index.html").text()
    assert "Fuente: Evaluación de necesidades y vulnerabilidades de Riverton, 2023" in findings


def test_stamfords_spanish_print_page_marks_and_notes_what_it_shows_in_english(demo_site: Path) -> None:
    printed = parse_file(demo_site / "stamford/0.3/es/print/index.html").find_all("article")[0]
    goal_page = article(demo_site, "stamford/0.3/es/goals/awareness/")
    actions = [node.attrs["id"] for node in goal_page.find_all("h4") if node.attrs.get("lang") == "en"]
    assert actions
    marked = {node.attrs.get("id") for node in marked_english(printed)}
    assert set(actions) <= marked  # the same actions, marked on the print page too
    assert all(node.attrs["dir"] == "ltr" for node in marked_english(printed))
    assert "Este texto aún no está traducido; se muestra en inglés." in [
        node.text() for node in printed.find_all("p", "fb-untranslated")]
