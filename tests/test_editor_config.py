"""The form editor's configuration is generated from the models: every field, in the framework's words."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from framework_builder.editor.config import REFERENCES, framework_collections, read_framework_data
from framework_builder.editor.schema_walk import SchemaWalker
from framework_builder.model import framework as models
from framework_builder.model.framework import Action, FrameworkFile, Goal, Objective, Text
from harness import FRAMEWORKS


def _collections(framework_model: type = FrameworkFile, goal_model: type = Goal, slug: str = "stamford") -> list[dict]:
    head, goals = read_framework_data(FRAMEWORKS / slug)
    return framework_collections(slug, "frameworks", head, goals, framework_model=framework_model, goal_model=goal_model)


def _form_paths(fields: list[dict[str, Any]], prefix: str = "") -> set[str]:
    """Every field path the form shows: `objectives.actions.title`, `comments.channels[email].address`."""
    paths: set[str] = set()
    for field in fields:
        path = f"{prefix}{field['name']}"
        paths.add(path)
        paths |= _form_paths(field.get("fields", []), path + ".")
        for variant in field.get("types", []):
            paths |= _form_paths(variant["fields"], f"{path}[{variant['name']}].")
    return paths


def _model_paths(model: type) -> set[str]:
    """Every field path of the model's JSON Schema, the same way (a type key is the list item's type)."""
    walker = SchemaWalker(model.model_json_schema())

    def walk(node: dict, prefix: str) -> set[str]:
        paths: set[str] = set()
        for name, prop, _ in walker.properties(node):
            path = f"{prefix}{name}"
            paths.add(path)
            shape = walker.shape(prop)
            if shape.kind == "list" and shape.items is not None:
                shape = walker.shape(shape.items)
            if shape.kind == "object":
                paths |= walk(shape.node, path + ".")
            elif shape.kind == "choice" and shape.discriminator:
                for variant in shape.variants:
                    tag = variant["properties"][shape.discriminator]["const"]
                    inner = {"properties": {k: v for k, v in variant["properties"].items() if k != shape.discriminator}}
                    paths |= walk(inner, f"{path}[{tag}].")
            elif shape.kind == "choice":
                paths |= walk({"properties": dict(p[:2] for p in walker.merged_properties(shape.variants))}, path + ".")
        return paths

    return walk(walker.root, "")


def _field(fields: list[dict], path: str) -> dict[str, Any]:
    name, _, rest = path.partition(".")
    found = next(f for f in fields if f["name"] == name)
    return _field(found["fields"], rest) if rest else found


def test_the_form_has_every_field_of_framework_yml_and_of_a_goal_file() -> None:
    framework, goals = _collections()
    assert _form_paths(framework["files"][0]["fields"]) == _model_paths(FrameworkFile)
    assert _form_paths(goals["fields"]) == _model_paths(Goal)
    assert "objectives.actions.funding.amount" in _form_paths(goals["fields"])
    assert "indicators.baseline.not_known_yet" in _form_paths(goals["fields"])


def test_a_field_added_to_a_model_shows_in_the_form_without_other_changes() -> None:
    class ActionWithBudgetLine(Action):
        budget_line: Text | None = None

    class ObjectiveWithIt(Objective):
        actions: list[ActionWithBudgetLine] = []

    class GoalWithIt(Goal):
        objectives: list[ObjectiveWithIt] = []

    _, goals = _collections(goal_model=GoalWithIt)
    assert _field(goals["fields"], "objectives.actions.budget_line") == {
        "name": "budget_line", "label": "Budget line", "required": False, "widget": "string"}
    assert "objectives.actions.budget_line" not in _form_paths(_collections()[1]["fields"])


def test_enums_are_selects_with_the_words_residents_read() -> None:
    _, goals = _collections()
    status = _field(goals["fields"], "objectives.actions.status")
    assert status["widget"] == "select"
    assert {"label": "Not started", "value": "not-started"} in status["options"]
    assert {"label": "Primary prevention", "value": "primary"} in _field(goals["fields"], "objectives.prevention_level")["options"]
    assert {"label": "Aim: keep it steady", "value": "maintain"} in _field(goals["fields"], "indicators.direction")["options"]


def test_dates_are_date_pickers_and_required_fields_are_marked() -> None:
    framework, goals = _collections()
    start = _field(goals["fields"], "objectives.actions.start")
    assert (start["widget"], start["format"], start["time_format"], start["required"]) == ("datetime", "YYYY-MM-DD", False, False)
    assert _field(goals["fields"], "objectives.actions.title")["required"] is True
    assert _field(framework["files"][0]["fields"], "comments.opens")["widget"] == "datetime"


def test_references_are_choices_among_the_ids_that_exist() -> None:
    framework, goals = _collections()
    lead = _field(goals["fields"], "objectives.actions.lead")
    assert lead["widget"] == "select" and "multiple" not in lead
    assert {"label": "Ferguson Library (ferguson-library)", "value": "ferguson-library"} in lead["options"]
    assert _field(goals["fields"], "objectives.actions.partners")["multiple"] is True
    assert {o["value"] for o in _field(goals["fields"], "objectives.actions.funding.source")["options"]} >= {"city-budget"}
    addresses = {o["value"] for o in _field(goals["fields"], "objectives.actions.addresses")["options"]}
    assert "needs-prevention-activities" in addresses
    served_by = {o["value"] for o in _field(goals["fields"], "indicators.served_by")["options"]}
    assert {"public-awareness", "community-sessions"} <= served_by
    assert _field(framework["files"][0]["fields"], "comments.channels")["typeKey"] == "type"


@pytest.mark.parametrize(("model", "field"), sorted(REFERENCES))
def test_every_reference_names_a_field_that_exists(model: str, field: str) -> None:
    cls = getattr(models, model)
    assert issubclass(cls, BaseModel) and field in cls.model_fields


def test_the_lists_of_levels_carry_the_names_the_framework_chose() -> None:
    head, goals = read_framework_data(FRAMEWORKS / "stamford")
    head = {**head, "levels": {"objective": {"singular": "Strategy", "plural": "Strategies"}}}
    collection = framework_collections("stamford", "frameworks", head, goals)[1]
    objectives = _field(collection["fields"], "objectives")
    assert (objectives["label"], objectives["label_singular"]) == ("Strategies", "Strategy")
    assert _field(collection["fields"], "indicators")["label_singular"] == "Indicator"
