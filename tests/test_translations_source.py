"""Translation files: what validate says about them, and what a translation gives the site.

The fixture tests/fixtures/translated has Spanish partly done (a resource and a unit missing, the
goal's summary translated from an earlier text) and a few Arabic texts.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Callable

import jsonschema
import pytest
import yaml
from harness import FIXTURES, REPO, cli

from framework_builder.model.translations import apply, coverage, source_digest
from framework_builder.source.loader import load_framework

ES = Path("translations") / "es.yml"
DIAGNOSTIC = re.compile(r"^(?P<file>\S+):(?P<line>\d+):(?P<column>\d+): (?P<level>error|warning) (?P<code>FB\d{3}): (?P<message>.*)$")


def diagnostics(output: str) -> list[dict[str, str]]:
    """validate's located lines, each with the hint under it."""
    found: list[dict[str, str]] = []
    for line in output.splitlines():
        match = DIAGNOSTIC.match(line)
        if match:
            found.append({**match.groupdict(), "hint": ""})
        elif line.startswith("    hint: ") and found:
            found[-1]["hint"] = line.removeprefix("    hint: ")
    return found


def line_of(path: Path, text: str) -> int:
    """The 1-based number of the first line of `path` holding `text`."""
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


@pytest.fixture
def translated(copy_framework: Callable[..., Path]) -> Path:
    return copy_framework("translated")


def validate(folder: Path) -> tuple[int, list[dict[str, str]]]:
    result = cli("validate", str(folder))
    assert "Traceback" not in result.err
    return result.code, diagnostics(result.out)


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_digest_is_the_start_of_the_sha256_of_the_utf8_text() -> None:
    text = "Denunciar de forma segura — ¿dónde?"
    assert source_digest(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    assert source_digest("Make reporting safe and simple") == "3a724193"


def test_the_fixture_validates_and_its_translations_are_loaded() -> None:
    result = cli("validate", str(FIXTURES / "translated"))
    assert result.code == 0, result.out
    loaded = load_framework(FIXTURES / "translated")
    assert sorted(loaded.translations) == ["ar", "es"]


def test_apply_translates_a_copy_and_keeps_the_source_text_where_a_translation_is_missing_or_outdated() -> None:
    loaded = load_framework(FIXTURES / "translated")
    assert loaded.framework is not None
    source = loaded.framework
    spanish = apply(source, loaded.translations["es"])
    goal = spanish.framework.goals[0]
    assert spanish.framework.title == "Marco de prevención de Testville"
    assert goal.title == "Denunciar de forma segura y sencilla"
    assert goal.objectives[0].actions[0].description == "Una guía breve de todas las formas de denunciar, en lenguaje claro."
    assert spanish.framework.level_names.objective.plural == "Estrategias"
    assert spanish.framework.heard is not None and spanish.framework.heard.items[0].response.startswith("La guía")
    # the goal's summary was translated from an earlier text: the English stays, marked outdated
    assert goal.summary == source.goals[0].summary
    assert spanish.states["reporting", "summary"] == "outdated"
    assert spanish.states["reporting", "title"] == "current"
    assert spanish.states["reports-received", "unit"] == "missing"
    assert goal.indicators[0].unit == "reports"
    shown_in_english = {key for (key, _), state in spanish.states.items() if state != "current"}
    assert shown_in_english == {"reporting", "reports-received", "emergency"}
    # the source framework is unchanged
    assert source.title == "Testville prevention framework"
    assert source.level_names.objective.plural == "Strategies"


def test_coverage_counts_translated_missing_and_outdated_texts() -> None:
    loaded = load_framework(FIXTURES / "translated")
    assert loaded.framework is not None
    spanish = coverage(loaded.framework, loaded.translations["es"])
    assert (spanish.translated, spanish.missing, spanish.outdated) == (19, 3, 1)
    arabic = coverage(loaded.framework, loaded.translations["ar"])
    assert (arabic.translated, arabic.missing, arabic.outdated) == (3, 20, 0)


def test_a_changed_source_text_makes_its_translation_outdated_not_an_error(translated: Path) -> None:
    replace_in(translated / "goals" / "reporting.yml", "title: Make reporting safe and simple",
               "title: Make reporting safe, simple and known")
    code, found = validate(translated)
    assert code == 0 and found == []
    loaded = load_framework(translated)
    assert loaded.framework is not None
    spanish = apply(loaded.framework, loaded.translations["es"])
    assert spanish.states["reporting", "title"] == "outdated"
    assert spanish.framework.goals[0].title == "Make reporting safe, simple and known"


def test_an_unknown_id_is_a_located_error_with_a_suggestion(translated: Path) -> None:
    replace_in(translated / ES, "  reporting-guide:\n    title:", "  reporting-guid:\n    title:")
    code, found = validate(translated)
    assert code == 1
    assert [(d["code"], d["file"], int(d["line"]), int(d["column"])) for d in found] == [
        ("FB503", str(translated / ES), line_of(translated / ES, "reporting-guid:"), 3)]
    assert found[0]["message"] == "no item has the id 'reporting-guid'"
    assert found[0]["hint"] == "did you mean 'reporting-guide'?"


def test_an_unknown_heard_entry_is_a_located_error(translated: Path) -> None:
    text = (translated / ES).read_text(encoding="utf-8")
    (translated / ES).write_text(text.replace("heard:\n  reporting-guide:", "heard:\n  reporting-guides:"), encoding="utf-8")
    code, found = validate(translated)
    assert code == 1
    assert [(d["code"], d["message"], d["hint"]) for d in found] == [
        ("FB503", "what we heard has no entry about 'reporting-guides'", "did you mean 'reporting-guide'?")]


@pytest.mark.parametrize(("old", "new", "message", "hint"), [
    ("    title: {of: \"3a724193\"", "    titel: {of: \"3a724193\"",
     "'titel' cannot be translated in goal 'reporting'",
     "did you mean 'title'? the texts to translate here are: title, summary"),
    ("    title: {of: \"3a724193\"", "    unit: {of: \"3a724193\"",
     "'unit' cannot be translated in goal 'reporting'", "the texts to translate here are: title, summary"),
])
def test_a_field_that_kind_of_item_cannot_translate_is_a_located_error(translated: Path, old: str, new: str,
                                                                       message: str, hint: str) -> None:
    replace_in(translated / ES, old, new)
    code, found = validate(translated)
    assert code == 1
    assert [(d["code"], int(d["line"]), d["message"], d["hint"]) for d in found] == [
        ("FB504", line_of(translated / ES, new.strip()), message, hint)]


def test_the_language_must_match_the_file_name(translated: Path) -> None:
    replace_in(translated / ES, "language: es", "language: fr")
    code, found = validate(translated)
    assert code == 1
    assert [(d["code"], int(d["line"]), d["message"]) for d in found] == [
        ("FB501", line_of(translated / ES, "language: fr"), "the file is named es.yml but says `language: fr`")]
    assert found[0]["hint"] == "write `language: es`, or rename the file to fr.yml"


def test_a_translation_into_the_framework_s_own_language_is_an_error(translated: Path) -> None:
    english = translated / "translations" / "en.yml"
    english.write_text("language: en\nframework:\n  title: {of: \"ce033168\", text: \"Testville\"}\n", encoding="utf-8")
    code, found = validate(translated)
    assert code == 1
    assert [(d["code"], d["file"], d["line"], d["message"]) for d in found] == [
        ("FB502", str(english), "1", "'en' is the language the framework is written in")]


@pytest.mark.parametrize(("old", "new", "code", "message"), [
    ('{of: "6e4d6bd6", text: "Publicar una guía para denunciar"}', '{of: "6e4d", text: "Publicar una guía para denunciar"}',
     "FB506", "'6e4d' is not the digest of a source text (title of action 'reporting-guide')"),
    ('{of: "6e4d6bd6", text: "Publicar una guía para denunciar"}', '{of: "6e4d6bd6", text: ""}',
     "FB505", "not translated yet: the title of action 'reporting-guide'"),
    ('{of: "6e4d6bd6", text: "Publicar una guía para denunciar"}', '{of: "6e4d6bd6", text: "Publicar\\nuna guía"}',
     "FB507", "the title of action 'reporting-guide' is a short text: one line of at most 300 characters"),
])
def test_bad_entries_are_located_errors(translated: Path, old: str, new: str, code: str, message: str) -> None:
    replace_in(translated / ES, old, new)
    exit_code, found = validate(translated)
    assert exit_code == 1
    assert [(d["code"], int(d["line"]), d["message"]) for d in found] == [
        (code, line_of(translated / ES, new), message)]


def test_schema_and_yaml_problems_in_a_translation_file_are_located(translated: Path) -> None:
    replace_in(translated / ES, "framework:\n", "framwork:\n")
    (translated / "translations" / "ar.yml").write_text("language: ar\nframework: {title: [\n", encoding="utf-8")
    code, found = validate(translated)
    assert code == 1
    assert [(Path(d["file"]).name, d["code"]) for d in found] == [("ar.yml", "FB002"), ("es.yml", "FB101")]
    assert int(found[1]["line"]) == line_of(translated / ES, "framwork:")
    assert "framework" in found[1]["hint"]


def test_translation_problems_show_in_the_same_run_as_the_framework_s_own(translated: Path) -> None:
    replace_in(translated / "goals" / "reporting.yml", "status: in-progress", "status: ongoing")
    replace_in(translated / ES, "language: es", "language: fr")
    code, found = validate(translated)
    assert code == 1
    assert sorted(d["code"] for d in found) == ["FB104", "FB501"]


def test_the_to_do_file_beside_is_not_read(translated: Path) -> None:
    (translated / "translations" / "es.todo.yml").write_text('language: es\nframework:\n  title: {of: "x", text: ""}\n',
                                                             encoding="utf-8")
    assert validate(translated) == (0, [])


def test_a_translation_of_an_item_only_an_earlier_release_has_is_kept(translated: Path) -> None:
    assert cli("release", "translated", "--root", str(translated.parent), "--today", "2026-02-01").code == 0
    replace_in(translated / "framework.yml", 'version: "1.0"', 'version: "1.1"')
    replace_in(translated / "framework.yml", "    - item: reporting-guide\n", "    - item: reporting-channels\n")
    replace_in(translated / "goals" / "reporting.yml", "id: reporting-guide", "id: reporting-handbook")
    assert validate(translated) == (0, [])
    loaded = load_framework(translated)
    release = loaded.releases[0].framework
    assert apply(release, loaded.translations["es"]).framework.goals[0].objectives[0].actions[0].title == \
        "Publicar una guía para denunciar"


def test_the_json_schema_accepts_the_fixture_and_names_the_texts_of_a_section() -> None:
    schema = json.loads((REPO / "schema" / "translation.schema.json").read_text(encoding="utf-8"))
    for path in sorted((FIXTURES / "translated" / "translations").glob("*.yml")):
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"language": "es", "framework": {"titel": {"of": "ce033168", "text": "x"}}}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"language": "es", "items": {"reporting": {"title": {"of": "nope", "text": "x"}}}}, schema)


def test_level_names_are_translatable_only_when_the_framework_names_its_levels(copy_framework: Callable[..., Path]) -> None:
    folder = copy_framework("minimal")
    (folder / "translations").mkdir()
    es = folder / "translations" / "es.yml"
    es.write_text('language: es\nlevels:\n  goal:\n    singular: {of: "cdbf6975", text: "Meta"}\n', encoding="utf-8")
    code, found = validate(folder)
    assert code == 1
    assert [(d["code"], int(d["line"]), d["message"]) for d in found] == [
        ("FB503", 3, "framework.yml does not name the plan's levels")]
