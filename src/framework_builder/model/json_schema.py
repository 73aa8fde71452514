"""JSON Schema for framework.yml, goal files and translation files, generated from the models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from framework_builder.model.framework import FrameworkFile, Goal
from framework_builder.model.translations import TranslationFile

SCHEMA_FILES = {"framework.schema.json": FrameworkFile, "goal.schema.json": Goal,
                "translation.schema.json": TranslationFile}
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(model: type) -> dict[str, Any]:
    """The model's JSON Schema with the `$schema` key editors need."""
    schema = model.model_json_schema()
    return {"$schema": DRAFT, "$id": f"{model.__name__}", **schema}


def schema_texts() -> dict[str, str]:
    """File name → JSON text of every schema, as committed under `schema/`."""
    return {name: json.dumps(json_schema(model), indent=2, ensure_ascii=False) + "\n" for name, model in SCHEMA_FILES.items()}


def write_schemas(out: Path) -> list[Path]:
    """Write every schema into `out`; return the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
