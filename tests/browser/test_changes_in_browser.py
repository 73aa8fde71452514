"""The "What changed" page as a resident reads it in Chromium: Riverton's version 1.1 against 1.0.

Sentences with names, words and dates; no id, no value as the YAML spells it, no ISO date.
"""

from __future__ import annotations

import re
from enum import Enum

from harness import FRAMEWORKS

from framework_builder.model import framework as model
from framework_builder.model.items import walk
from framework_builder.site.versions import framework_versions
from framework_builder.source.loader import load_framework

CHANGES = "riverton/1.1/changes/"
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def riverton_words() -> tuple[set[str], set[str]]:
    """Every id of Riverton's versions with a hyphen (never a word of prose), and every value of the
    model's lists of words written with one (not-started, in-progress, …)."""
    loaded = load_framework(FRAMEWORKS / "riverton")
    ids = {item.id for framework, _ in framework_versions(loaded) for item in walk(framework) if "-" in item.id}
    enums = {member.value for enum in vars(model).values()
             if isinstance(enum, type) and issubclass(enum, Enum) for member in enum if "-" in member.value}
    return ids, enums


def items_of(page) -> list[tuple[str, list[str]]]:
    """Each item of the page's list: its own line, and the lines of the list under it."""
    found = []
    for item in page.locator("article > ul > li").all():
        lines = [" ".join(text.split()) for text in item.locator(":scope > ul > li").all_inner_texts()]
        own = " ".join(item.inner_text().split("\n")[0].split())
        found.append((own, lines))
    return found


def test_what_changed_reads_as_sentences_with_names_words_and_dates(new_visit) -> None:
    with new_visit(viewport={"width": 1280, "height": 800}) as visit:
        visit.open(CHANGES)
        page = visit.page
        assert page.locator("article h1").inner_text().removesuffix("¶").strip() == "What changed"
        assert page.locator("article > p").first.inner_text() == \
            "What changed from version 1.0 to version 1.1, item by item."
        items = dict(items_of(page))
        assert "Adoption date: 15 April 2025 → 10 March 2026" in items["The framework as a whole"]
        assert "Comment window: 6 January 2025 to 7 March 2025 → 1 November 2025 to 31 January 2026" in \
            items["The framework as a whole"]
        hotline = items["Action: Run a city hate-incident hotline"]
        assert "Status: in progress → dropped" in hotline
        assert "Timeframe: mid term → near term" in hotline
        assert "End date set to 31 December 2024" in hotline
        assert items["Action: Reply to every report within five working days"] == ["Status: not started → in progress"]
        assert items["Indicator: People attending interfaith forums"] == ["New values: 95 people on 30 June 2025"]
        assert "New indicator: How partners describe their work together after incidents" in items


def test_what_changed_shows_no_id_no_enum_value_and_no_iso_date(new_visit) -> None:
    ids, enums = riverton_words()
    assert {"reporting-hotline", "partner-coordination"} <= ids and {"not-started", "in-progress"} <= enums
    with new_visit(viewport={"width": 1280, "height": 800}) as visit:
        visit.open(CHANGES)
        text = visit.page.locator("article").inner_text()
        assert sorted(word for word in ids | enums if word in text) == []
        assert ISO_DATE.findall(text) == []
