"""The sentences the Python code writes, in Spanish: every message the site's Python modules mark
(`_()`, `ngettext`, `N_`) has a Spanish translation that keeps its placeholders, and the words a
resident reads come out in Spanish when the page is rendered in Spanish (dates, numbers, money,
progress, labels), while English keeps the site's own style.

Messages are found the way a translator's tools find them: Babel's Python extractor over
`src/framework_builder/site`."""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from framework_builder.model.framework import ActionStatus, Indicator, Status
from framework_builder.site.i18n import LOCALES, speaking
from framework_builder.site.render import indicators as view
from framework_builder.site.render.money import money, total
from framework_builder.site.render.text import long_date, number, period_words, when_name
from framework_builder.site.render.words import explain, label

SITE = Path(__file__).resolve().parent.parent / "src" / "framework_builder" / "site"
PLACEHOLDER = re.compile(r"\{(\w*)\}")

Message = str | tuple[str, ...]


def extracted() -> dict[Message, str]:
    """Every message of the site's Python code → the file and line it is written at."""
    found: dict[Message, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(SITE):
        found.setdefault(message, f"{filename}:{lineno}")
    return found


@functools.cache
def spanish(file_name: str | None = None) -> dict[Message, str | tuple[str, ...]]:
    """msgid → msgstr of the Spanish catalogs (all of them merged, or one file)."""
    files = [LOCALES / "es" / file_name] if file_name else sorted((LOCALES / "es").glob("*.po"))
    entries: dict[Message, str | tuple[str, ...]] = {}
    for path in files:
        with path.open("rb") as handle:
            entries.update((m.id, m.string) for m in read_po(handle, locale="es") if m.id)
    return entries


MESSAGES = extracted()


def test_the_extractor_finds_the_sentences_of_every_module_that_writes_them() -> None:
    files = {where.split(":")[0] for where in MESSAGES.values()}

    for module in ("render/words.py", "render/plan.py", "render/money.py", "render/changes.py",
                   "render/indicators.py", "render/dashboard.py", "render/comments.py", "render/topic.py",
                   "render/text.py", "feeds.py", "portal.py"):
        assert module in files, f"no message found in {module}"
    assert "Target reached" in MESSAGES and "Draft open for public comment" in MESSAGES


@pytest.mark.parametrize("message", sorted(MESSAGES, key=str), ids=lambda m: str(m)[:50])
def test_every_message_has_a_spanish_translation_with_the_same_placeholders(message: Message) -> None:
    catalog = spanish()
    assert message in catalog, f"{MESSAGES[message]}: {message!r} has no Spanish translation"
    translations = catalog[message]
    sources = message if isinstance(message, tuple) else (message,)
    forms = translations if isinstance(translations, tuple) else (translations,)
    wanted = set(PLACEHOLDER.findall(sources[-1]))
    for form in forms:
        assert form, f"{MESSAGES[message]}: {message!r} has an empty Spanish translation"
        assert set(PLACEHOLDER.findall(form)) == wanted, f"{message!r} → {form!r}: placeholders differ"


def test_the_python_catalog_holds_no_message_the_code_no_longer_writes() -> None:
    stale = [message for message in spanish("python.po") if message not in MESSAGES]

    assert not stale, f"python.po translates messages no Python module writes: {stale}"


# What a resident reads


def test_dates_in_spanish_are_written_out_the_spanish_way() -> None:
    day = dt.date(2026, 12, 6)
    with speaking("es"):
        assert long_date(day) == "6 de diciembre de 2026"
        assert period_words("2024-Q1") == "en el primer trimestre de 2024"
        assert period_words("2024-03") == "en marzo de 2024"
        assert when_name(None, "2024-H2") == "Segundo semestre de 2024"
    assert long_date(day) == "6 December 2026", "English keeps the house style"
    assert period_words("2024-03") == "in March 2024"


def test_numbers_and_money_use_the_spanish_separators() -> None:
    with speaking("es"):
        assert number(12.5) == "12,5"
        assert number(12000) == "12.000"
        assert money(Decimal("15000.50"), "EUR") == "15.000,50\xa0€"
        assert money(Decimal("280000"), "USD") == "280.000\xa0US$"
        assert total([], "USD").words() == "ninguno indicado"
    assert (number(12.5), number(12000)) == ("12.5", "12,000")
    assert money(Decimal("280000"), "USD") == "$280,000"
    assert money(Decimal("1000"), "CHF") == "CHF 1,000"


REPORTS = {
    "id": "reports-received", "name": "Denuncias recibidas", "type": "output", "measure": "count",
    "unit": "denuncias", "direction": "increase",
    "baseline": {"value": 10, "date": "2025-01-01"}, "target": {"value": 40, "date": "2027-01-01"},
    "measurements": [{"date": "2025-06-30", "value": 14}, {"date": "2025-12-31", "value": 23}],
}


def test_progress_reads_in_spanish() -> None:
    indicator = Indicator.model_validate(REPORTS)
    with speaking("es"):
        assert view.progress_words(indicator) == "43,3 % del camino hacia la meta"
        assert view.describe(indicator) == (
            "Punto de partida 10 denuncias el 1 de enero de 2025; último valor 23 denuncias el 31 de diciembre "
            "de 2025; meta 40 denuncias para el 1 de enero de 2027. Propósito: aumentar (más alto es mejor). "
            "Avance: 43,3 % del camino hacia la meta.")
        not_measured = Indicator.model_validate({**REPORTS, "measurements": []})
        assert view.progress_words(not_measured) == "Todavía no se ha medido"
    assert view.progress_words(indicator) == "43.3 % of the way to the target"


def test_status_labels_and_their_explanations_read_in_spanish() -> None:
    with speaking("es"):
        assert label(Status.public_comment) == "Borrador abierto a comentarios del público"
        assert label(ActionStatus.in_progress) == "En curso"
        assert explain(Status.adopted) == "El grupo de liderazgo adoptó esta versión. Es el plan vigente."
    assert label(ActionStatus.in_progress) == "In progress", "the language is only set inside speaking()"


def test_a_language_without_translated_sentences_writes_its_dates_and_numbers_in_english() -> None:
    # Arabic pages keep the tool's sentences in English (no catalog), so "Comments closed on 31 March
    # 2026" must not become "Comments closed on 31 مارس 2026".
    with speaking("ar"):
        assert long_date(dt.date(2026, 3, 31)) == "31 March 2026"
        assert number(1200.5) == "1,200.5"
        assert money(Decimal("280000"), "USD") == "$280,000"
        assert label(Status.draft) == "Draft"
