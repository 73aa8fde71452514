"""The form editor's configuration is generated from the models: every field, in the framework's words."""

from __future__ import annotations

import re
from typing import Any

import pytest
from pydantic import BaseModel

from framework_builder.editor.config import REFERENCES, WORDS, framework_collections, read_framework_data
from framework_builder.editor.schema_walk import SchemaWalker
from framework_builder.model import framework as models
from framework_builder.model.framework import (CURRENCY_PATTERN, PERIOD_PATTERN, SLUG_PATTERN, Action, FrameworkFile,
                                               Goal, Objective, Text)
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


def _every_field(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [inner for field in fields for inner in [field, *_every_field(field.get("fields", [])),
                                                   *_every_field([t for t in field.get("types", [])])]]


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


@pytest.mark.parametrize("slug", ["lakeport", "riverton", "stamford"])
def test_labels_and_hints_are_plain_words_not_yaml(slug: str) -> None:
    """The form is for people who never saw YAML: no field names (`served_by`), no `backticks`, no
    YAML to type (`{value: 63}`, "write numbers in quotes": the form quotes what needs it), no file names."""
    framework, goals = _collections(slug=slug)
    for field in _every_field(framework["files"][0]["fields"]) + _every_field(goals["fields"]):
        assert "_" not in field["label"], field
        hint = field.get("hint", "")
        for yaml_word in ("`", "{", "}", "_", "quotes", ".yml", "Write `true`", "ids", "(Popolo", "(Open Referral"):
            assert yaml_word not in hint, (field["name"], hint)
    _, goals = _collections()
    assert _field(goals["fields"], "indicators.served_by")["label"] == "Work it measures"
    assert _field(goals["fields"], "objectives.actions.funding.fiscal_year")["hint"] == (
        "The budget year as the budget names it, for example 2018 or FY2018-19.")
    assert _field(goals["fields"], "indicators.baseline.not_known_yet")["hint"].startswith("Tick it while")


def test_hints_name_the_levels_as_the_framework_does() -> None:
    """Lakeport calls its objectives Strategies and its indicators Measures: so do the hints."""
    _, goals = _collections(slug="lakeport")
    assert _field(goals["fields"], "indicators.served_by")["hint"] == (
        "The strategies and actions whose work this measure measures.")
    assert _field(goals["fields"], "objectives")["hint"] == "The strategies of this goal, each with its actions."
    for field in _every_field(goals["fields"]):
        assert "objective" not in field.get("hint", "").lower() and "indicator" not in field.get("hint", "").lower()


@pytest.mark.parametrize(("model", "field"), sorted(WORDS))
def test_every_field_given_words_exists(model: str, field: str) -> None:
    classes = [getattr(models, model)] if model != "*" else [
        c for c in vars(models).values() if isinstance(c, type) and issubclass(c, BaseModel)]
    assert any(field in cls.model_fields for cls in classes)


def test_the_form_offers_no_delete_the_editor_refuses() -> None:
    """The backend refuses to delete a file (a goal is removed with git, in a pull request): no Delete button."""
    framework, goals = _collections()
    assert framework["delete"] is False and goals["delete"] is False


def test_a_closed_list_item_shows_what_it_is_and_the_add_button_names_one_item() -> None:
    """A measurement over a period showed "No date" when closed, and the button read "Add measurements"."""
    framework, goals = _collections(slug="lakeport")
    measurements = _field(goals["fields"], "indicators.measurements")
    assert measurements["summary"] == "{{fields.date}}{{fields.period}}: {{fields.value}}"
    assert (measurements["label"], measurements["label_singular"]) == ("Measurements", "Measurement")
    plan_money = _field(framework["files"][0]["fields"], "funding.for_the_plan")
    assert plan_money["summary"] == "{{fields.period}}{{fields.fiscal_year}}: {{fields.amount}}"
    assert plan_money["label_singular"] == "Amount"
    assert _field(framework["files"][0]["fields"], "organizations")["label_singular"] == "Organization"
    assert _field(goals["fields"], "objectives.actions.funding")["summary"] == "{{fields.source}}"


def test_ids_currencies_periods_and_amounts_are_checked_at_the_field() -> None:
    """Decap says what is wrong beside the field before anything is sent: the schema's patterns and bounds."""
    _, goals = _collections()
    action_id = _field(goals["fields"], "objectives.actions.id")
    assert action_id["pattern"][0] == SLUG_PATTERN and "lowercase letters, digits and hyphens" in action_id["pattern"][1]
    currency = _field(goals["fields"], "objectives.actions.funding.currency")
    assert currency["pattern"] == [CURRENCY_PATTERN, "Three capital letters: USD, EUR, CAD."]
    for period in ("indicators.measurements.period", "indicators.baseline.period", "objectives.actions.funding.period"):
        assert _field(goals["fields"], period)["pattern"][0] == PERIOD_PATTERN, period
    amount = _field(goals["fields"], "objectives.actions.funding.amount")
    assert (amount["widget"], amount["min"]) == ("number", 0)
    checked = re.compile(_field(goals["fields"], "indicators.measurements.period")["pattern"][0])
    assert [bool(checked.match(text)) for text in ("2025", "2025-Q3", "2024-10-01/2025-09-30", "Q3 2025", "2025-13")] \
        == [True, True, True, False, False]
