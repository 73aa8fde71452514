"""Translations of a framework's own texts, and whether each is current.

A translation file (`translations/<lang>.yml`) holds, for each translatable text of the framework,
the translated `text` and `of`: the digest of the source text it was translated from
(`source_digest`). When the source text changes, its digest changes and the translation is
*outdated*; a translatable text with no entry is *missing*. Either way the source text is shown
(`apply`) and the item is named in `fallback_items`, so nothing stale passes for current.

Keys of the file, and of `TranslatedFramework.state`:

- `framework`: framework.yml's own texts (title, summary, notice);
- an item id (`items:` in the file): goals, objectives, actions, indicators, findings,
  organizations, funding sources, resources, focus areas (ids are unique in a framework);
- `heard:<item id>` (`heard:` in the file, keyed by the item id, or `framework` for the entries
  about the framework as a whole; a second such entry is `framework-2`, and so on);
- `levels:<level>` (`levels:` in the file, keyed goal, objective, action, indicator; fields
  singular and plural), only when the framework names its levels with `levels:`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Annotated, Iterator, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from framework_builder.model.framework import (
    Framework,
    FrameworkFile,
    HeardItem,
    Slug,
)
from framework_builder.model.items import walk
from framework_builder.model.limits import MARKDOWN_PATTERN, MAX_ITEMS, MAX_MARKDOWN

DIGEST_PATTERN = r"^[0-9a-f]{8}$"
LANGUAGE_PATTERN = FrameworkFile.model_fields["language"].metadata[0].pattern  # the same codes as `language:`
FRAMEWORK = "framework"
HEARD = "heard:"
LEVELS = "levels:"

State = Literal["current", "missing", "outdated"]

# The translatable fields of each kind of item, and whether each is a short one-line text
# ("short": titles, names, units, sources) or Markdown ("long": summaries, descriptions). Every text of an item
# with an id that residents read is here; a text with no key of its own (a measurement's note, an amount's note,
# a comment channel's label, the quick-exit label, a resource's languages) is shown in the source language,
# marked as such on a translated page.
TRANSLATABLE: dict[str, dict[str, Literal["short", "long"]]] = {
    "framework": {"title": "short", "summary": "long", "notice": "long"},
    "goal": {"title": "short", "summary": "long"},
    "objective": {"title": "short", "description": "long"},
    "action": {"title": "short", "description": "long"},
    "indicator": {"name": "short", "description": "long", "unit": "short", "source": "short"},
    "finding": {"title": "short", "text": "long", "source": "short"},
    "organization": {"name": "short", "description": "long", "role_note": "short"},
    "funding": {"name": "short", "description": "long"},
    "resource": {"name": "short", "description": "long"},
    "focus-area": {"name": "short", "kind": "short", "description": "long"},
    "heard": {"summary": "long", "response": "long", "changed": "long"},
    "levels": {"singular": "short", "plural": "short"},
}
LEVEL_KEYS = ("goal", "objective", "action", "indicator")


def source_digest(text: str) -> str:
    """The first 8 hex characters of the SHA-256 of `text` (UTF-8): what `of:` records."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Translated(_Strict):
    """One translated text and the digest of the source text it translates."""

    text: Annotated[str, StringConstraints(strict=True, max_length=MAX_MARKDOWN, pattern=MARKDOWN_PATTERN)] = Field(
        description="The translation. Short texts (titles, names) are one line.")
    of: Annotated[str, StringConstraints(strict=True)] = Field(
        description="The digest of the source text this translates, as `framework-builder translations` writes "
                    "it: 8 characters 0-9 and a-f, in quotes. Leave it as written.",
        json_schema_extra={"pattern": DIGEST_PATTERN})


Fields = dict[str, Translated]


def _fields_of(*kinds: str) -> object:
    """Fields whose names the JSON Schema lists for editors' autocompletion (validate checks them per kind)."""
    names = sorted({name for kind in kinds for name in TRANSLATABLE[kind]})
    return Annotated[Fields, Field(json_schema_extra={"propertyNames": {"enum": names}})]


_ITEM_KINDS = ("goal", "objective", "action", "indicator", "finding", "organization", "funding", "resource",
               "focus-area")


class TranslationFile(_Strict):
    """The contents of `translations/<lang>.yml`."""

    language: Annotated[str, StringConstraints(strict=True, pattern=LANGUAGE_PATTERN)] = Field(
        description="The language of this file, the same as its name: es, ar, zh-TW.")
    framework: _fields_of("framework") = Field(  # type: ignore[valid-type]
        default_factory=dict, description="framework.yml's own texts: title, summary, notice.")
    items: dict[Slug, _fields_of(*_ITEM_KINDS)] = Field(  # type: ignore[valid-type]
        default_factory=dict, max_length=MAX_ITEMS * 8,
                                      description="Texts of goals, objectives, actions, indicators, findings, "
                                                  "organizations, funding sources, resources and focus areas, "
                                                  "keyed by the item's id.")
    heard: dict[Slug, _fields_of("heard")] = Field(  # type: ignore[valid-type]
        default_factory=dict, max_length=MAX_ITEMS,
                                      description="What we heard: keyed by the id of the item the entry is about, "
                                                  "or `framework` for the framework as a whole.")
    levels: dict[Literal["goal", "objective", "action", "indicator"], _fields_of("levels")] = Field(  # type: ignore[valid-type]
        default_factory=dict, description="The names of the plan's levels (when framework.yml names them with "
                                          "`levels:`): singular and plural.")


@dataclass(frozen=True)
class Source:
    """One translatable text of a framework: where it lives and what it says."""

    key: str  # "framework", an item id, "heard:<id>" or "levels:<level>"
    kind: str  # a key of TRANSLATABLE
    field: str
    text: str
    owner: object  # the model holding the field

    @property
    def section(self) -> str:
        """The section of the translation file: framework, items, heard or levels."""
        return {"framework": "framework", "heard": "heard", "levels": "levels"}.get(self.kind, "items")

    @property
    def name(self) -> str:
        """The key inside its section: an item id, a heard key, a level."""
        return self.key.split(":", 1)[1] if self.kind in ("heard", "levels") else self.key


def heard_keys(entries: list[HeardItem]) -> list[str]:
    """The key of each "what we heard" entry: its item id, or `framework` (`framework-2`, ...) without one."""
    keys, general = [], 0
    for entry in entries:
        if entry.item is not None:
            keys.append(entry.item)
        else:
            general += 1
            keys.append(FRAMEWORK if general == 1 else f"{FRAMEWORK}-{general}")
    return keys


def owners(framework: Framework) -> Iterator[tuple[str, str, object]]:
    """(key, kind, model) of everything with translatable texts, in reading order."""
    yield FRAMEWORK, "framework", framework
    if framework.levels is not None:
        for level in LEVEL_KEYS:
            yield LEVELS + level, "levels", getattr(framework.levels, level)
    for item in walk(framework):
        yield item.id, item.kind, item.model
    if framework.heard is not None:
        for key, entry in zip(heard_keys(framework.heard.items), framework.heard.items):
            yield HEARD + key, "heard", entry


def sources(framework: Framework) -> Iterator[Source]:
    """Every translatable text the framework has (fields left empty have nothing to translate)."""
    for key, kind, owner in owners(framework):
        for name in TRANSLATABLE[kind]:
            text = getattr(owner, name, None)
            if isinstance(text, str) and text:
                yield Source(key, kind, name, text, owner)


def entry(translation: TranslationFile, source: Source) -> Translated | None:
    """The translation file's entry for one source text, if it has one."""
    if source.kind == "framework":
        fields = translation.framework
    else:
        fields = getattr(translation, source.section).get(source.name, {})
    return fields.get(source.field)


def state_of(translation: TranslationFile, source: Source) -> State:
    """current, missing (no entry, or an empty text) or outdated (translated from another source text)."""
    found = entry(translation, source)
    if found is None or not found.text.strip():
        return "missing"
    return "current" if found.of == source_digest(source.text) else "outdated"


@dataclass
class TranslatedFramework:
    """A framework in another language: the translated copy and the state of each text."""

    framework: Framework
    language: str
    states: dict[tuple[str, str], State] = field(default_factory=dict)  # (key, field) of each text it has


def apply(framework: Framework, translation: TranslationFile) -> TranslatedFramework:
    """A translated copy of `framework`: each current translation replaces its source text;
    missing and outdated ones leave the source text, and are recorded in `states`."""
    copy = framework.model_copy(deep=True)
    result = TranslatedFramework(copy, translation.language)
    for source in sources(copy):
        state = state_of(translation, source)
        result.states[(source.key, source.field)] = state
        if state == "current":
            found = entry(translation, source)
            assert found is not None
            text = found.text.strip() if TRANSLATABLE[source.kind][source.field] == "short" else found.text
            setattr(source.owner, source.field, text)
    return result


@dataclass(frozen=True)
class Coverage:
    """How much of a framework a translation covers, counted in texts."""

    translated: int
    missing: int
    outdated: int

    @property
    def total(self) -> int:
        return self.translated + self.missing + self.outdated


def coverage(framework: Framework, translation: TranslationFile) -> Coverage:
    """Count the framework's texts that are translated (current), missing and outdated."""
    counts = {"current": 0, "missing": 0, "outdated": 0}
    for source in sources(framework):
        counts[state_of(translation, source)] += 1
    return Coverage(counts["current"], counts["missing"], counts["outdated"])
