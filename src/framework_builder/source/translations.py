"""Translation files: where they are, and the located checks on what they say.

`translations/<lang>.yml` is read like every other file (`yamlsource.py`, then the model by the
loader); this module says which files are read and checks them against the framework: the
language, the ids, the fields each kind of item can translate, the digests and the texts.
Missing and outdated texts are coverage (`model/translations.py`), never problems.
A `<lang>.todo.yml` file, which `framework-builder translations` writes for translators, is not read.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Iterator

from framework_builder.model.framework import Framework
from framework_builder.model.items import walk
from framework_builder.model.limits import MAX_TEXT, TEXT_PATTERN
from framework_builder.model.translations import (
    DIGEST_PATTERN,
    FRAMEWORK,
    TRANSLATABLE,
    Translated,
    TranslationFile,
    heard_keys,
)
from framework_builder.source.diagnostics import Diagnostic
from framework_builder.source.suggest import closest
from framework_builder.source.yamlsource import SourceFile

FOLDER = "translations"
TODO_SUFFIX = ".todo.yml"
At = Callable[..., Diagnostic]  # makes a diagnostic at a place in the file being checked


def translation_paths(folder: Path) -> list[Path]:
    """The translation files of a framework folder (to-do files left out), by name."""
    return sorted(path for path in (folder / FOLDER).glob("*.yml") if not path.name.endswith(TODO_SUFFIX))


def todo_path(folder: Path, language: str) -> Path:
    """Where the to-do file of a language is written: beside its translation file."""
    return folder / FOLDER / f"{language}{TODO_SUFFIX}"


class Known:
    """What a translation may name: the ids (with their kind) and "what we heard" keys of the working
    version and of every release, so a translation kept for an older version is not an error."""

    def __init__(self, frameworks: list[Framework]) -> None:
        self.kinds: dict[str, str] = {}
        self.heard: set[str] = set()
        self.levels = any(framework.levels is not None for framework in frameworks)
        for framework in frameworks:
            for item in walk(framework):
                self.kinds.setdefault(item.id, item.kind)
            if framework.heard is not None:
                self.heard.update(heard_keys(framework.heard.items))


def check_translation(translation: TranslationFile, source: SourceFile, file_language: str,
                      source_language: str, known: Known, checkable: bool = True) -> list[Diagnostic]:
    """Every located problem of one validated translation file. Without `checkable` (the framework
    did not validate), only what the file says by itself is checked: not its ids, nor its language
    against the framework's."""
    return list(_check(translation, source, file_language, source_language, known, checkable))


def _check(translation: TranslationFile, source: SourceFile, file_language: str, source_language: str,
           known: Known, checkable: bool) -> Iterator[Diagnostic]:
    def at(loc: tuple, code: str, message: str, hint: str, key: bool = False) -> Diagnostic:
        return Diagnostic.at(source.path, source.position(loc, key=key), code, message, hint)

    if translation.language != file_language:
        yield at(("language",), "FB501", f"the file is named {file_language}.yml but says `language: {translation.language}`",
                 f"write `language: {file_language}`, or rename the file to {translation.language}.yml")
    elif checkable and translation.language == source_language:
        yield at(("language",), "FB502", f"'{translation.language}' is the language the framework is written in",
                 "a translation file is for another language; the framework's own `language:` is in framework.yml")
    yield from _fields(at, ("framework",), translation.framework, "framework", "the framework")
    for ident, fields in translation.items.items():
        kind = known.kinds.get(ident)
        if not checkable:
            continue
        if kind is None or kind not in TRANSLATABLE:
            guess = closest(ident, known.kinds)
            yield at(("items", ident), "FB503", f"no item has the id '{ident}'",
                     f"did you mean '{guess}'?" if guess else "use the id of a goal, objective, action, indicator, "
                     "finding, organization, funding source, resource or focus area", key=True)
            continue
        yield from _fields(at, ("items", ident), fields, kind, f"{kind.replace('-', ' ')} '{ident}'")
    for ident, fields in translation.heard.items():
        if checkable and ident not in known.heard:
            guess = closest(ident, known.heard)
            yield at(("heard", ident), "FB503", f"what we heard has no entry about '{ident}'",
                     f"did you mean '{guess}'?" if guess else
                     f"use the `item:` of an entry under `heard:` in framework.yml, or `{FRAMEWORK}` for an entry "
                     "without one", key=True)
            continue
        yield from _fields(at, ("heard", ident), fields, "heard", f"what we heard about '{ident}'")
    for level, fields in translation.levels.items():
        if checkable and not known.levels:
            yield at(("levels", level), "FB503", "framework.yml does not name the plan's levels",
                     "leave `levels:` out: the site's own words for goals, objectives, actions and indicators "
                     "are translated with the tool", key=True)
            continue
        yield from _fields(at, ("levels", level), fields, "levels", f"the name of the {level} level")


def _fields(at: At, loc: tuple, fields: dict[str, Translated], kind: str, where: str) -> Iterator[Diagnostic]:
    allowed = TRANSLATABLE[kind]
    for name, translated in fields.items():
        if name not in allowed:
            guess = closest(name, allowed)
            yield at(loc + (name,), "FB504", f"'{name}' cannot be translated in {where}",
                     (f"did you mean '{guess}'? " if guess else "") + f"the texts to translate here are: {', '.join(allowed)}",
                     key=True)
            continue
        yield from _entry(at, loc + (name,), translated, allowed[name] == "short", f"{name} of {where}")


def _entry(at: At, loc: tuple, translated: Translated, short: bool, where: str) -> Iterator[Diagnostic]:
    if not re.fullmatch(DIGEST_PATTERN, translated.of):
        yield at(loc + ("of",), "FB506", f"'{translated.of}' is not the digest of a source text ({where})",
                 "`of:` is 8 characters 0-9 and a-f, in quotes, as `framework-builder translations` writes it: "
                 "copy it from the to-do file, never make it up")
    text = translated.text.strip()
    if not text:
        yield at(loc + ("text",), "FB505", f"not translated yet: the {where}",
                 "write the translation after `text:`, or delete this entry until it is translated")
    elif short and (len(text) > MAX_TEXT or not re.fullmatch(TEXT_PATTERN, text)):
        yield at(loc + ("text",), "FB507", f"the {where} is a short text: one line of at most {MAX_TEXT} characters",
                 "write it on one line, without line breaks or tabs")
