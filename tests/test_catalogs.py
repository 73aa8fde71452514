"""The Spanish catalog covers every sentence the templates write (issue 11), in Spanish that reads right.

Messages are extracted from the built-in page and portal templates with Babel's extractor for Jinja,
configured as the one pages environment is (`trim_blocks`, `lstrip_blocks`, new-style gettext), so
each message is exactly what the templates ask gettext for. Every message must have a Spanish
translation in `locales/es/` (all its `.po` files merged, as `site/i18n.py` reads them) whose named
placeholders are the message's own.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from test_changes_for_residents import entry, old_and_new

from framework_builder.model.diff import diff_frameworks
from framework_builder.site import i18n
from framework_builder.site.render.changes import change_entries
from framework_builder.site.theme import Theme, default_templates_dir
from html_page import parse

PLACEHOLDER = re.compile(r"%\((\w+)\)s")
KINDS = ("pages", "portal")  # the template folders whose sentences residents read


def _options(kind: str) -> dict[str, str]:
    """Babel's extractor options for a template folder: its environment's own whitespace settings."""
    env = getattr(Theme.for_project(), kind)
    return {"trim_blocks": str(env.trim_blocks).lower(), "lstrip_blocks": str(env.lstrip_blocks).lower(),
            "newstyle_gettext": "true", "extensions": "jinja2.ext.i18n"}


def template_messages() -> dict[str | tuple[str, str], list[str]]:
    """Every message of the templates (a (singular, plural) pair for ngettext), with where it is used."""
    found: dict[str | tuple[str, str], list[str]] = {}
    for kind in KINDS:
        folder = default_templates_dir() / kind
        method_map = [("**.j2", "jinja2.ext.babel_extract")]
        for filename, lineno, message, _comments, _context in extract_from_dir(
                str(folder), method_map, options_map={"**.j2": _options(kind)}):
            key = tuple(message[:2]) if isinstance(message, tuple) else message
            found.setdefault(key, []).append(f"{kind}/{filename}:{lineno}")
    return found


@functools.cache
def spanish_catalog() -> dict[str, tuple[str, ...]]:
    """Every translated message of `locales/es/*.po`, by its (singular) message id: its forms."""
    merged: dict[str, tuple[str, ...]] = {}
    for po_file in sorted((i18n.LOCALES / "es").glob("*.po")):
        with po_file.open("rb") as handle:
            for entry in read_po(handle, locale="es"):
                if not entry.id:
                    continue
                singular = entry.id[0] if isinstance(entry.id, (tuple, list)) else entry.id
                forms = tuple(entry.string) if isinstance(entry.string, (tuple, list)) else (entry.string,)
                merged[singular] = forms
    return merged


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text.replace("%%", "")))


MESSAGES = template_messages()


def test_the_templates_have_messages_from_every_page() -> None:
    """The extractor reads the templates as the pages environment does (a check on the check itself)."""
    files = {place.split(":")[0] for places in MESSAGES.values() for place in places}
    assert {"pages/accessibility.md.j2", "pages/overview.md.j2", "pages/_macros.md.j2",
            "portal/index.html.j2", "portal/redirect.html.j2"} <= files
    assert "Every version is listed in the version menu at the top of the page." in MESSAGES
    assert ("Focus area:", "Focus areas:") in MESSAGES
    # A multi-line message keeps its line breaks, and a literal "%" is doubled for new-style formatting.
    assert any(isinstance(m, str) and "between 0 and 100 %%.\nIt is given only" in m for m in MESSAGES)


def test_every_template_message_has_a_spanish_translation() -> None:
    catalog = spanish_catalog()
    missing = [f"{message!r} ({', '.join(places)})" for message, places in MESSAGES.items()
               if not all(form.strip() for form in catalog.get(message[0] if isinstance(message, tuple)
                                                                else message, ("",)))]
    assert not missing, "Messages with no Spanish translation in locales/es/:\n" + "\n".join(missing)


@pytest.mark.parametrize("message", sorted(MESSAGES, key=str), ids=lambda m: str(m)[:60])
def test_each_spanish_translation_has_the_messages_placeholders(message: str | tuple[str, str]) -> None:
    forms = spanish_catalog().get(message[0] if isinstance(message, tuple) else message)
    if forms is None:
        pytest.skip("not translated: reported by test_every_template_message_has_a_spanish_translation")
    sources = message if isinstance(message, tuple) else (message,)
    for number, form in enumerate(forms):
        source = sources[min(number, len(sources) - 1)]  # Spanish: [0] singular, [1] plural
        assert placeholders(form) == placeholders(source), f"{form!r} does not name the placeholders of {source!r}"
        values = {name: "x" for name in placeholders(source) | {"num"}}
        form % values  # a lone "%" (not "%%") would fail here, as it would when the page is rendered


def test_a_portal_page_in_spanish_escapes_what_it_embeds() -> None:
    """The redirect page in Spanish: the sentence is translated and the version in it stays text."""
    template = Theme.for_project().portal.get_template("redirect.html.j2")
    with i18n.speaking("es"):
        html = template.render(entry={"title": "Plan <b>", "latest": "1.1<script>"})
    page = parse(html)
    paragraph = page.find_all("p")[0]
    assert paragraph.text() == "Le llevamos a la versión 1.1<script>, la versión vigente."
    assert not page.find_all("script") and not page.find_all("b")
    assert page.find_all("link")[0].attrs["title"] == "Noticias de este marco"


def test_what_changed_reads_as_spanish_whatever_the_item_and_value() -> None:
    """The "What changed" lines are built from one sentence per kind of change, around names and values the
    plan gives: in Spanish each must agree with any of them (an action is feminine, a plan masculine; a value
    may be plural), so none carries a gender or a number of its own."""
    old, new = old_and_new()
    with i18n.speaking("es"):
        entries = change_entries(old, new, diff_frameworks(old, new), escape=str)
    plan = entry(entries, "El marco en su conjunto").details
    assert "Participación que dio forma al plan (dato nuevo): 1.500 personas, del 1 de enero de 2017 " \
           "al 31 de octubre de 2017" in plan  # not "se agregó 1.500 personas"
    action = entry(entries, "Action 1.05: Publish a reporting guide").details
    assert "Ahora recibe financiamiento de State grant" in action  # not "Ahora financiado", said of an "acción"
    assert "Ahora responde al hallazgo “Replies are slow”" in action
    assert "Ya no responde al hallazgo “Few residents know how to report a bias…”" in action
