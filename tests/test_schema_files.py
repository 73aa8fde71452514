"""The committed JSON Schema files: up to date, referenced by every framework file, and right about the demos."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from harness import FRAMEWORKS, REPO, cli

from framework_builder.source.yamlsource import read_yaml

SCHEMA_DIR = REPO / "schema"
MODELINE = "# yaml-language-server: $schema="


def _framework_files() -> list[Path]:
    """framework.yml and goals/*.yml of every framework in frameworks/ (not releases/)."""
    files: list[Path] = []
    for folder in sorted(p for p in FRAMEWORKS.iterdir() if p.is_dir()):
        files.append(folder / "framework.yml")
        files.extend(sorted((folder / "goals").glob("*.y*ml")))
    return files


FILES = _framework_files()
IDS = [str(path.relative_to(FRAMEWORKS)) for path in FILES]


def _expected_schema(path: Path) -> str:
    return "framework.schema.json" if path.name == "framework.yml" else "goal.schema.json"


def test_committed_schema_is_up_to_date(tmp_path: Path) -> None:
    code, out, err = cli("schema", "--out", str(tmp_path))

    assert code == 0, out + err
    generated = {path.name: path.read_bytes() for path in tmp_path.glob("*.json")}
    committed = {path.name: path.read_bytes() for path in SCHEMA_DIR.glob("*.json")}
    assert sorted(generated) == sorted(committed), "schema/ does not hold the files `framework-builder schema` writes"
    stale = [name for name in generated if generated[name] != committed[name]]
    assert not stale, f"schema/{', schema/'.join(stale)} is stale: run `framework-builder schema` and commit the result"


def test_every_framework_file_is_checked() -> None:
    """Guard against the list below being empty: both demos have a framework.yml and goals."""
    assert {path.parent.name for path in FILES if path.name == "framework.yml"} >= {"stamford", "riverton"}
    assert sum(path.parent.name == "goals" for path in FILES) >= 7


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_file_names_its_schema_for_editors(path: Path) -> None:
    first_line = path.read_text(encoding="utf-8").splitlines()[0]

    assert first_line.startswith(MODELINE), f"{path} must start with `{MODELINE}...`"
    target = (path.parent / first_line[len(MODELINE):].strip()).resolve()
    assert target.is_file(), f"{path}: the schema {target} does not exist"
    assert target == SCHEMA_DIR / _expected_schema(path)


def _json_ready(value: Any) -> Any:
    """Values as JSON sees them: dates become year-month-day text."""
    if isinstance(value, dict):
        return {key: _json_ready(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_ready(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _schema_validator(path: Path):
    jsonschema = pytest.importorskip("jsonschema")
    import json

    schema = json.loads((SCHEMA_DIR / _expected_schema(path)).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_demo_file_satisfies_committed_schema(path: Path) -> None:
    validator = _schema_validator(path)
    data = _json_ready(read_yaml(path, str(path)).data)

    problems = [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(data)]

    assert problems == []


def test_schema_rejects_a_typo() -> None:
    """The schema is strict enough for editors to flag an unknown key, as the validator does."""
    path = FRAMEWORKS / "stamford" / "goals" / "reporting.yml"
    validator = _schema_validator(path)
    data = _json_ready(read_yaml(path, str(path)).data)
    data["titel"] = data.pop("title")

    messages = [error.message for error in validator.iter_errors(data)]

    assert any("'titel' was unexpected" in message for message in messages), messages
    assert any("'title' is a required property" in message for message in messages), messages
