"""`framework-builder translations`: coverage per language, and the to-do file a translator fills in."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable

import pytest
from harness import FRAMEWORKS, cli

from framework_builder.model.translations import source_digest
from framework_builder.source.yamlsource import read_yaml


@pytest.fixture
def translated(copy_framework: Callable[..., Path]) -> Path:
    return copy_framework("translated")


def translations(folder: Path, *args: str) -> tuple[int, str, str]:
    result = cli("translations", folder.name, "--root", str(folder.parent), *args)
    assert "Traceback" not in result.err
    return result.code, result.out, result.err


def read(path: Path) -> dict:
    return read_yaml(path, str(path)).data


def entries(data: dict) -> dict[tuple[str, ...], dict[str, str]]:
    """Every entry of a translation file by its place: (section, [key,] field)."""
    found: dict[tuple[str, ...], dict[str, str]] = {}
    for section in ("framework", "levels", "items", "heard"):
        for key, value in (data.get(section) or {}).items():
            if section == "framework":
                found[(section, key)] = value
            else:
                for field, entry in value.items():
                    found[(section, key, field)] = entry
    return found


def fill_in(path: Path, text: Callable[[str], str]) -> None:
    """Write a translation into every empty `text: ""` of a to-do file, as a translator does."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    filled = []
    for line in lines:
        match = re.match(r'^(\s*)(\w+): \{of: "([0-9a-f]{8})", text: ""\}$', line.rstrip("\n"))
        filled.append(f'{match[1]}{match[2]}: {{of: "{match[3]}", text: "{text(match[2])}"}}\n' if match else line)
    path.write_text("".join(filled), encoding="utf-8")


def test_coverage_per_language(translated: Path) -> None:
    code, out, _ = translations(translated)
    assert code == 0
    assert "  ar (العربية): 3 translated, 20 missing, 0 outdated of 23 texts (13%)" in out.splitlines()
    assert "  es (Español): 19 translated, 3 missing, 1 outdated of 23 texts (82%)" in out.splitlines()


def test_the_to_do_file_lists_what_is_left_with_the_source_text_above_and_the_done_ones_as_they_are(translated: Path) -> None:
    code, out, _ = translations(translated, "--lang", "es")
    todo = translated / "translations" / "es.todo.yml"
    assert code == 0 and f"wrote {todo}: 4 texts to translate" in out
    written, before = entries(read(todo)), entries(read(translated / "translations" / "es.yml"))
    assert read(todo)["language"] == "es"
    to_do = {place for place, entry in written.items() if entry["text"] == ""}
    assert to_do == {("items", "emergency", "name"), ("items", "emergency", "description"),
                     ("items", "reports-received", "unit"), ("items", "reporting", "summary")}
    assert written[("items", "reporting", "summary")]["of"] == source_digest(
        "Everyone should know where to report a bias incident,\nand feel safe doing it.\n")
    assert written[("items", "emergency", "name")]["of"] == source_digest("Emergency services")
    done = {place: entry for place, entry in written.items() if place not in to_do}
    assert done == {place: entry for place, entry in before.items() if place != ("items", "reporting", "summary")}
    lines = todo.read_text(encoding="utf-8").splitlines()
    unit = lines.index('    unit: {of: "7f26104f", text: ""}')
    assert lines[unit - 2:unit] == ["    # To do (not translated yet). Source text:", "    #   reports"]
    summary = next(i for i, line in enumerate(lines) if line.startswith("    summary: {of"))
    assert lines[summary - 5:summary] == [
        "    # To do (outdated: the source text changed). Source text:",
        "    #   Everyone should know where to report a bias incident,",
        "    #   and feel safe doing it.",
        "    # Old translation, of the earlier source text:",
        "    #   Todos deberían saber dónde denunciar un incidente de odio.",
    ]


def test_a_filled_in_to_do_file_saved_as_the_translation_validates_and_covers_everything(translated: Path) -> None:
    translations(translated, "--lang", "es")
    todo = translated / "translations" / "es.todo.yml"
    fill_in(todo, lambda field: f"Traducción de {field}")
    todo.replace(translated / "translations" / "es.yml")
    assert cli("validate", str(translated)).code == 0
    code, out, _ = translations(translated, "--lang", "es")
    assert "  es (Español): 23 translated, 0 missing, 0 outdated of 23 texts (100%)" in out.splitlines()
    assert "wrote" not in out and not todo.exists()


def test_an_unfilled_to_do_file_saved_as_the_translation_is_refused_where_a_text_is_missing(translated: Path) -> None:
    translations(translated, "--lang", "es")
    (translated / "translations" / "es.todo.yml").replace(translated / "translations" / "es.yml")
    result = cli("validate", str(translated))
    assert result.code == 1
    assert sorted(re.findall(r"error (FB\d+): not translated yet", result.out)) == ["FB505"] * 4


def test_starting_a_language_writes_every_text_to_do(translated: Path, tmp_path: Path) -> None:
    out_file = tmp_path / "fr-start.yml"
    code, out, _ = translations(translated, "--lang", "fr", "--out", str(out_file))
    assert code == 0
    assert "  fr (Français): 0 translated, 23 missing, 0 outdated of 23 texts (0%)" in out.splitlines()
    written = entries(read(out_file))
    assert len(written) == 23 and all(entry["text"] == "" for entry in written.values())
    assert not (translated / "translations" / "fr.todo.yml").exists()
    fill_in(out_file, lambda field: "Texte")
    out_file.replace(translated / "translations" / "fr.yml")
    assert cli("validate", str(translated)).code == 0


def test_texts_of_several_lines_and_with_quotes_are_written_back_exactly(translated: Path) -> None:
    tricky = "Línea uno: \"citas\", # no es comentario\n\n- una lista\n  con sangría\n"
    summary = source_digest("A small framework used by the translation tests.")
    es = translated / "translations" / "es.yml"
    text = es.read_text(encoding="utf-8")
    es.write_text(text.replace(
        '  summary: {of: "508a417b", text: "Un marco pequeño que usan las pruebas de traducción."}',
        f'  summary:\n    of: "{summary}"\n    text: {json.dumps(tricky, ensure_ascii=False)}'), encoding="utf-8")
    assert read(es)["framework"]["summary"]["text"] == tricky
    translations(translated, "--lang", "es")
    assert read(translated / "translations" / "es.todo.yml")["framework"]["summary"] == {"of": summary, "text": tricky}


def test_no_translations_yet(copy_framework: Callable[..., Path]) -> None:
    folder = copy_framework("minimal")
    code, out, _ = translations(folder)
    assert code == 0
    assert out.splitlines() == [f"minimal has no translations yet (in {folder / 'translations'}).",
                                "Start one with: framework-builder translations minimal --lang es"]


@pytest.mark.parametrize(("args", "message"), [
    (("--lang", "en"), "translated is written in 'en'; name the language to translate it into"),
    (("--lang", "Spanish"), "'Spanish' is not a language code: write one such as es, ar or zh-TW"),
    (("--out", "x.yml"), "--out names one file: give --lang too"),
])
def test_usage_errors(translated: Path, args: tuple[str, ...], message: str) -> None:
    code, out, err = translations(translated, *args)
    assert (code, out) == (2, "")
    assert err.strip() == message


def test_an_unknown_framework_is_a_usage_error() -> None:
    result = cli("translations", "atlantis", "--root", str(FRAMEWORKS))
    assert result.code == 2 and "unknown framework 'atlantis'" in result.err


def test_a_framework_with_errors_is_reported_not_counted(translated: Path) -> None:
    (translated / "translations" / "es.yml").write_text("language: fr\n", encoding="utf-8")
    code, out, err = translations(translated)
    assert code == 1
    assert re.search(r"es\.yml:1:11: error FB501: ", out)
    assert "translated has errors; fix them first" in err
