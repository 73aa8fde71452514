"""The tool's own sentences in the reader's language.

Every sentence framework-builder writes itself (headings, labels, explanations, banners, link
texts) is an English message looked up in a gettext catalog: `locales/<lang>/*.po`, read with
Babel, all `.po` files of a language merged (so each part of the tool can keep its own file).
A message with no translation stays in English.

The language is the one being rendered: `speaking(lang)` sets it for everything called inside,
so the one pages environment (with Jinja's i18n extension, see `install`) and the Python
modules that write sentences (`gettext as _`) follow it without passing it around.
"""

from __future__ import annotations

import gettext as _gettext
import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

import jinja2
from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

SOURCE_LANGUAGE = "en"  # the language the messages are written in
LOCALES = Path(__file__).resolve().parent.parent / "locales"

_language: ContextVar[str] = ContextVar("language", default=SOURCE_LANGUAGE)


def _catalog_folders(language: str) -> list[Path]:
    """The catalog folders for a language, most specific first: es-MX, then es."""
    base = language.split("-")[0]
    names = [language.replace("-", "_"), base] if base != language else [language]
    return [LOCALES / name for name in names if (LOCALES / name).is_dir()]


@lru_cache(maxsize=None)
def translations(language: str) -> _gettext.NullTranslations:
    """Every catalog of `language` merged (a regional catalog before its base language's)."""
    merged: _gettext.NullTranslations = _gettext.NullTranslations()
    for folder in reversed(_catalog_folders(language)):  # base first, so the regional one wins
        for po_file in sorted(folder.glob("*.po")):
            with po_file.open("rb") as handle:
                catalog = read_po(handle, locale=language.replace("-", "_"))
            compiled = io.BytesIO()
            write_mo(compiled, catalog)
            compiled.seek(0)
            found = _gettext.GNUTranslations(compiled)
            found.add_fallback(merged)
            merged = found
    return merged


def current_language() -> str:
    """The language being rendered."""
    return _language.get()


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Render everything inside in `language`."""
    token = _language.set(language)
    try:
        yield
    finally:
        _language.reset(token)


def gettext(message: str) -> str:
    """`message` in the language being rendered (English when it has no translation)."""
    return translations(_language.get()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural message for `count`, in the language being rendered."""
    return translations(_language.get()).ngettext(singular, plural, count)


def N_(message: str) -> str:  # noqa: N802 (the name Babel's extractor knows)
    """Mark `message` for the catalog where it is written (a module-level table); it is
    translated with `gettext` where it is used, in the language being rendered then."""
    return message


def install(env: jinja2.Environment) -> None:
    """Give a Jinja environment `{% trans %}` and `_()` that follow the language being rendered."""
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]


def locale(language: str | None = None) -> Locale:
    """Babel's locale for a language (the one being rendered by default), for dates and numbers."""
    code = (language or _language.get()).replace("-", "_")
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(code.split("_")[0])


def is_right_to_left(language: str) -> bool:
    """True for languages written right to left (Arabic, Hebrew, Persian, Urdu, …)."""
    return locale(language).character_order == "right-to-left"


def direction(language: str) -> str:
    """The `dir` attribute's value for a text in `language`: "rtl" or "ltr"."""
    return "rtl" if is_right_to_left(language) else "ltr"


def language_name(language: str) -> str:
    """A language's name in itself, as a language menu shows it: "Español", "العربية"."""
    name = locale(language).get_display_name(locale(language)) or language
    return name[:1].upper() + name[1:]
