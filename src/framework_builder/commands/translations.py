"""`framework-builder translations`: how much of a framework each language covers, and a to-do file.

The to-do file (`translations/<lang>.todo.yml`, which validate and build never read) is the whole
translation file of the language, ready to fill in: the translations already current as they are,
and every text still to do marked `# To do`, with the source text as a comment above it, `of:` set
to the current source text's digest and `text:` empty. An outdated translation's old text is a
comment too, never left in `text:` under the new digest, where it would pass for current. Once the
texts are filled in, the file is saved as `<lang>.yml` in place of the old one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from framework_builder.errors import ProblemsFound, UsageError
from framework_builder.model.framework import Framework
from framework_builder.model.translations import (
    LANGUAGE_PATTERN,
    Coverage,
    Source,
    Translated,
    TranslationFile,
    coverage,
    entry,
    source_digest,
    sources,
    state_of,
)
from framework_builder.site.i18n import language_name
from framework_builder.source.diagnostics import format_text
from framework_builder.source.discovery import display_path, framework_folder
from framework_builder.source.loader import load_framework
from framework_builder.source.translations import todo_path

MODELINE = "# yaml-language-server: $schema=../../../schema/translation.schema.json"
SECTIONS = ("framework", "levels", "items", "heard")


def run(root: Path, slug: str, language: str | None, out: Path | None) -> str:
    """Coverage per language, and the to-do file of each language with texts still to do."""
    folder = framework_folder(root, slug)
    loaded = load_framework(folder)
    if not loaded.ok or loaded.framework is None:
        raise ProblemsFound(f"{slug} has errors; fix them first (framework-builder validate {display_path(folder)})",
                            report=format_text(loaded.diagnostics))
    framework = loaded.framework
    if language is not None and not re.fullmatch(LANGUAGE_PATTERN, language):
        raise UsageError(f"'{language}' is not a language code: write one such as es, ar or zh-TW")
    if language is not None and language == framework.language:
        raise UsageError(f"{slug} is written in '{language}'; name the language to translate it into")
    languages = [language] if language is not None else sorted(loaded.translations)
    if out is not None and len(languages) != 1:
        raise UsageError("--out names one file: give --lang too")
    if not languages:
        return (f"{slug} has no translations yet (in {display_path(folder / 'translations')}).\n"
                f"Start one with: framework-builder translations {slug} --lang es")
    lines = [f"{slug} version {framework.version}, written in {framework.language}:"]
    for lang in languages:
        translation = loaded.translations.get(lang) or TranslationFile(language=lang)
        counts = coverage(framework, translation)
        lines.append(f"  {lang} ({language_name(lang)}): {_counts(counts)}")
        to_do = counts.missing + counts.outdated
        if to_do:
            path = out or todo_path(folder, lang)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(todo_file(framework, translation, f"framework-builder translations {slug} --lang {lang}"),
                            encoding="utf-8")
            lines.append(f"    wrote {display_path(path)}: {to_do} text{'s' if to_do != 1 else ''} to translate, "
                         f"marked '# To do'. Fill in each `text:`, then save the file as translations/{lang}.yml.")
    return "\n".join(lines)


def _counts(counts: Coverage) -> str:
    share = f"{100 * counts.translated // counts.total}%" if counts.total else "nothing to translate"
    return (f"{counts.translated} translated, {counts.missing} missing, {counts.outdated} outdated "
            f"of {counts.total} texts ({share})")


@dataclass
class _Entry:
    """One entry of the written file, with the comment lines above it."""

    value: Translated
    comments: list[str] = field(default_factory=list)


def todo_file(framework: Framework, translation: TranslationFile, command: str) -> str:
    """The translation file of `translation.language`, with every text still to do ready to fill in."""
    written: dict[str, dict[str, dict[str, _Entry]]] = {section: {} for section in SECTIONS}
    headings: dict[tuple[str, str], str] = {}
    for source in sources(framework):
        headings.setdefault((source.section, source.name), _heading(framework, source))
        written[source.section].setdefault(source.name, {})[source.field] = _entry_for(translation, source)
    for section in SECTIONS:  # entries for texts this version does not have (kept for earlier versions)
        for name, fields in _existing(translation, section).items():
            for field_name, value in fields.items():
                written[section].setdefault(name, {}).setdefault(field_name, _Entry(value))
    to_do = sum(entry.value.text == "" for names in written.values() for fields in names.values()
                for entry in fields.values())
    lines = [
        MODELINE,
        f"# {language_name(translation.language)} ({translation.language}) translation of {_one_line(framework.title)}, "
        f"version {framework.version}.",
        f"# Written by `{command}`: {to_do} text{'s' if to_do != 1 else ''} to translate, each marked '# To do'.",
        "# Write the translation after `text:` and leave `of:` as it is: it records which source text you",
        f"# translated. Then save this file as {translation.language}.yml. Delete an entry you cannot translate yet:",
        "# the source text is shown meanwhile. For a text of several lines (Markdown), write `text: |` and the",
        "# lines under it, indented by two more spaces than `text:`.",
        f"language: {translation.language}",
    ]
    for section in SECTIONS:
        if not written[section]:
            continue
        if section == "framework":
            lines.append("framework:")
            lines.extend(_fields(written[section][section], "  "))
            continue
        lines.append(f"{section}:")
        for name, fields in written[section].items():
            heading = headings.get((section, name))
            if heading:
                lines.append(f"  # {heading}")
            lines.append(f"  {name}:")
            lines.extend(_fields(fields, "    "))
    return "\n".join(lines) + "\n"


def _existing(translation: TranslationFile, section: str) -> dict[str, dict[str, Translated]]:
    if section == "framework":
        return {"framework": translation.framework} if translation.framework else {}
    return dict(getattr(translation, section))


def _entry_for(translation: TranslationFile, source: Source) -> _Entry:
    state = state_of(translation, source)
    found = entry(translation, source)
    if state == "current" and found is not None:
        return _Entry(found)
    comments = [f"To do ({'outdated: the source text changed' if state == 'outdated' else 'not translated yet'}). "
                "Source text:", *_quoted_lines(source.text)]
    if state == "outdated" and found is not None:
        comments += ["Old translation, of the earlier source text:", *_quoted_lines(found.text)]
    return _Entry(Translated(text="", of=source_digest(source.text)), comments)


def _heading(framework: Framework, source: Source) -> str:
    """What the entry is, for the translator: "Action: Publish a reporting guide"."""
    if source.kind == "heard":
        return f"What we heard about {source.name}"
    if source.kind == "levels":
        return f"The name of the plan's {source.name} level"
    levels = framework.level_names
    words = {"goal": levels.goal.singular, "objective": levels.objective.singular, "action": levels.action.singular,
             "indicator": levels.indicator.singular, "funding": "Funding source", "focus-area": "Focus area"}
    owner = source.owner
    title = getattr(owner, "title", None) or getattr(owner, "name", None) or source.name
    return f"{words.get(source.kind, source.kind.capitalize())}: {_one_line(title)}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _quoted_lines(text: str) -> list[str]:
    """A text as comment lines, indented under the line that introduces it."""
    return [f"  {line}".rstrip() for line in text.strip("\n").splitlines()]


def _fields(fields: dict[str, _Entry], indent: str) -> list[str]:
    lines = []
    for name, written in fields.items():
        lines.extend(f"{indent}# {comment}".rstrip() for comment in written.comments)
        value = written.value
        if "\n" not in value.text.strip("\n"):
            lines.append(f"{indent}{name}: {{of: {_scalar(value.of)}, text: {_scalar(value.text.strip())}}}")
        else:
            lines.append(f"{indent}{name}:")
            lines.append(f"{indent}  of: {_scalar(value.of)}")
            lines.append(f"{indent}  text: {_block(value.text, indent + '    ')}")
    return lines


_BREAKS = {"\u0085": "\\N", "\u2028": "\\L", "\u2029": "\\P"}  # line breaks to YAML, escaped in a quoted scalar


def _scalar(text: str) -> str:
    """A double-quoted YAML scalar (a JSON string is one), with YAML's other line breaks escaped."""
    return "".join(_BREAKS.get(char, char) for char in json.dumps(text, ensure_ascii=False))


def _block(text: str, indent: str) -> str:
    """A literal block scalar (`|`) when the text reads the same in one, else a quoted scalar."""
    body = text[:-1] if text.endswith("\n") else text
    lines = body.split("\n")
    if body.startswith(" ") or body.endswith("\n") or any(line != line.rstrip() or set(line) & set(_BREAKS)
                                                           for line in lines):
        return _scalar(text)
    return ("|" if text.endswith("\n") else "|-") + "".join(f"\n{indent}{line}" if line else "\n" for line in lines)
