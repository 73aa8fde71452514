"""The Decap CMS configuration, generated from the same pydantic models as the JSON Schema.

Nothing here names a field of the model except the references (which id list a field picks
from) and the form's words (`WORDS`: a label and hint for the fields whose YAML name or schema
description is not plain words in a form), so a field added to a model shows in the form
without other changes: labelled with its name, its description as hint."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from framework_builder.editor.files import read_data
from framework_builder.editor.schema_walk import Schema, Shape, walker_for
from framework_builder.model.framework import (CURRENCY_PATTERN, PERIOD_PATTERN, SLUG_PATTERN, FrameworkFile, Goal,
                                               Levels)
from framework_builder.model.layout import FRAMEWORK_FILE
from framework_builder.site.render.words import LABELS

FORMAT = "framework-yaml"  # the custom format the editor page registers (JSON between page and server)

# Which ids a reference field picks from: (model, field) → kind of id (see `Choices`).
REFERENCES: dict[tuple[str, str], str] = {
    ("Action", "lead"): "organizations",
    ("Action", "partners"): "organizations",
    ("Action", "addresses"): "findings",
    ("Action", "areas"): "focus_areas",
    ("FundingLink", "source"): "funding",
    ("Indicator", "served_by"): "work",
    ("HeardItem", "item"): "items",
}
# What the form says at a field whose value does not match the schema's pattern, before anything is
# sent (the save's own validation says it too, later and in one message for the whole file).
PATTERNS = {
    SLUG_PATTERN: "Use lowercase letters, digits and hyphens, starting with a letter or a digit: youth-outreach.",
    CURRENCY_PATTERN: "Three capital letters: USD, EUR, CAD.",
    PERIOD_PATTERN: "A year (2025), a half (2025-H1), a quarter (2025-Q3), a month (2025-03), or the first and "
                    "last day with a slash between them (2024-10-01/2025-09-30).",
}
_AMOUNT_CURRENCY = "A three-letter code such as USD or EUR. Leave it empty when it is the framework's currency."
# Lists of the plan's levels, labelled with the names the framework chose.
LEVEL_LISTS = {("Goal", "objectives"): "objective", ("Goal", "actions"): "action", ("Objective", "actions"): "action",
               ("Goal", "indicators"): "indicator"}
# The form's words for a field, where its name or its schema description (written for YAML authors:
# `backticks`, ids, "write it in quotes") is not plain words in a form: (model, field) → (label, hint);
# model "*" is any model; None keeps the default. Hints name the levels as the framework does:
# {objective} is its singular in lower case, {Objectives} its plural capitalised, and so on.
WORDS: dict[tuple[str, str], tuple[str | None, str | None]] = {
    ("*", "id"): ("ID", "A short name used in web addresses, for example youth-outreach: lower-case letters, "
                        "digits and dashes. Do not change it once published: links and comments use it."),
    ("*", "url"): ("Web address", None),
    ("*", "reference"): (None, "The number or label the published plan gives it, shown before its title, "
                               "for example 1.05 or Goal 2."),
    ("*", "not_known_yet"): (None, "Tick it while the value is not known yet, and leave the value empty: "
                                   "the site says so instead of showing a number."),
    ("*", "fiscal_year"): (None, "The budget year as the budget names it, for example 2018 or FY2018-19."),
    ("FrameworkFile", "slug"): ("Short name", "The framework's short name in web addresses, for example lakeport."),
    ("FrameworkFile", "topic"): (None, "What the framework works to prevent; every sentence the site writes "
                                       "itself follows it. Hate and targeted violence when left empty."),
    ("FrameworkFile", "levels"): ("Names of the levels", "What the plan calls its levels (Strategy, Priority, "
                                  "Measure...), used on every page; Goal, Objective, Action and Indicator when left empty."),
    ("FrameworkFile", "organizations"): (None, "The organizations taking part in the framework, each with its role in it."),
    ("Organization", "role"): (None, "Its part in the framework. The partners page groups organizations by it."),
    ("Organization", "role_note"): ("Role, in the plan's words", None),
    ("FrameworkFile", "resources"): ("Places to get help", "A place to get help or to report an incident."),
    ("FrameworkFile", "focus_areas"): (None, "The places the plan focuses on (neighbourhoods, districts); "
                                             "each {action} can name the ones where its work happens."),
    ("FundingSource", "for_the_plan"): ("Amounts for the plan as a whole", "Money from this source for the plan as "
                                        "a whole (planning, engagement, coordination), not for one {action}."),
    ("FundedAmount", "currency"): (None, _AMOUNT_CURRENCY),
    ("FrameworkFile", "heard"): ("What we heard", "The comments of one comment window, written after it closed, "
                                 "with the group's response. Write them in the version that answers them."),
    ("Heard", "version"): (None, "The version the comments were about."),
    ("Heard", "items"): ("What was heard", "What the group heard about one item, and what it did."),
    ("HeardItem", "item"): ("About", "The {goal}, {objective}, {action} or {indicator} the comments were about; "
                                     "leave it empty when they were about the framework as a whole."),
    ("HeardItem", "changed"): ("What changed", None),
    ("Goal", "order"): (None, "Where this {goal} comes in the list of {goals}: 1 first."),
    ("Goal", "actions"): (None, "{Actions} directly under the {goal}, for a plan without {objectives}."),
    ("Goal", "objectives"): (None, "The {objectives} of this {goal}, each with its {actions}."),
    ("Goal", "indicators"): (None, "How progress on this {goal} is measured. A {goal} may have {indicators} only."),
    ("Objective", "actions"): (None, "The {actions} of this {objective}."),
    ("Action", "lead"): ("Lead organization", "The organization that leads the work."),
    ("Action", "partners"): ("Partner organizations", None),
    ("Action", "timeframe"): (None, "Roughly when the work happens, from the point of view of this version of the "
                                    "plan: near term (to start first, usually within the next year or two), mid term "
                                    "(usually two to four years out) or long term (four years or more). Leave it "
                                    "empty when Start or End is given; for work already under way, give Start instead."),
    ("Action", "addresses"): ("Responds to findings", "The findings of the needs assessment this work responds to."),
    ("Action", "funding"): (None, "Who pays for the work: a funding source each, with the amount when it is known."),
    ("Action", "areas"): ("Focus areas", "The focus areas where the work happens."),
    ("FundingLink", "source"): ("Funding source", "One of the framework's funding sources."),
    ("FundingLink", "currency"): (None, _AMOUNT_CURRENCY),
    ("Indicator", "measure"): ("Kind of figure", None),
    ("Indicator", "served_by"): ("Work it measures", "The {objectives} and {actions} whose work this {indicator} measures."),
    ("Indicator", "baseline"): (None, "Where it starts: a value, with the day or the period it was measured. "
                                      "While it is not known, tick Not known yet and say why in the note."),
    ("Indicator", "target"): (None, "Where the group aims to be, with the day or the period it aims for. "
                                    "While it is not set, tick Not known yet and say why in the note."),
    ("Indicator", "measurements"): (None, "The values measured so far, oldest first, each with the day or "
                                          "the period it was measured."),
}
# The singular of a list's label where it is not the label without its last "s" ("Add measurement").
SINGULAR = {("FrameworkFile", "resources"): "Place to get help", ("FundingSource", "for_the_plan"): "Amount",
            ("Heard", "items"): "Item heard"}
DATE = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False,
        "picker_utc": True}


@dataclass
class Choices:
    """The ids that exist in one framework, with a label for each, by kind."""

    by_kind: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    levels: Levels = field(default_factory=Levels)

    def options(self, kind: str) -> list[dict[str, str]]:
        return [{"label": f"{label} ({id_})" if label != id_ else id_, "value": id_}
                for id_, label in self.by_kind.get(kind, [])]


def _ids(items: Any, *names: str) -> list[tuple[str, str]]:
    """(id, name or title) of every mapping with a string id in a list."""
    found = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            label = next((str(item[n]) for n in names if isinstance(item.get(n), str)), item["id"])
            found.append((item["id"], label))
    return found


def choices_from_data(head: dict[str, Any], goals: list[dict[str, Any]]) -> Choices:
    """The choices of a framework from its raw YAML data (so an invalid framework can still be edited)."""
    choices = Choices({kind: _ids(head.get(kind), "name", "title") for kind in
                       ("organizations", "findings", "funding", "focus_areas")})
    try:
        choices.levels = Levels.model_validate(head.get("levels") or {})
    except ValueError:
        pass
    work: list[tuple[str, str]] = []
    items: list[tuple[str, str]] = []
    for goal in goals:
        objectives = goal.get("objectives") if isinstance(goal.get("objectives"), list) else []
        actions = _ids(goal.get("actions"), "title")
        for objective in objectives:
            if isinstance(objective, dict):
                actions += _ids(objective.get("actions"), "title")
        work += _ids(objectives, "title") + actions
        items += _ids([goal], "title") + _ids(objectives, "title") + actions + _ids(goal.get("indicators"), "name")
    choices.by_kind.update(work=work, items=items)
    return choices


def _words(owner: str, name: str) -> tuple[str | None, str | None]:
    """The form's label and hint of a field from `WORDS` (None: the default)."""
    return WORDS.get((owner, name)) or WORDS.get(("*", name)) or (None, None)


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def plain_label(value: Any) -> str:
    """An enum value in the words residents read (site/render/words.py), else the value in plain words."""
    for member in LABELS:
        if isinstance(member, Enum) and member.value == value:
            return LABELS[member]
    return str(value).replace("-", " ").capitalize()


class FormBuilder:
    """Decap fields for one model, with the choices of one framework."""

    def __init__(self, model: type, choices: Choices) -> None:
        self.walker = walker_for(model)
        self.model_name = model.__name__
        self.choices = choices

    def fields(self) -> list[dict[str, Any]]:
        """Every field of the model, in its order."""
        return self._fields(self.model_name, self.walker.properties(self.walker.root))

    def _fields(self, owner: str, props: list[tuple[str, Schema, bool]]) -> list[dict[str, Any]]:
        return [self._field(owner, name, prop, required) for name, prop, required in props]

    def _field(self, owner: str, name: str, prop: Schema, required: bool) -> dict[str, Any]:
        shape = self.walker.shape(prop)
        label, hint = _words(owner, name)
        out: dict[str, Any] = {"name": name, "label": label or _label(name), "required": required}
        hint = self._levels(hint) if hint else prop.get("description") or self._description(shape)
        if hint:
            out["hint"] = hint
        reference = REFERENCES.get((owner, name))
        if reference is not None:
            return {**out, **self._reference(reference, multiple=shape.kind == "list")}
        return {**out, **self._widget(owner, name, shape), **_checks(shape)}

    def _levels(self, hint: str) -> str:
        """A hint of `WORDS` with the framework's names of the levels."""
        names = {}
        for level in ("goal", "objective", "action", "indicator"):
            name = getattr(self.choices.levels, level)
            names.update({level: name.singular.lower(), level + "s": name.plural.lower(),
                          level.capitalize(): name.singular, level.capitalize() + "s": name.plural})
        return hint.format_map(names)

    def _description(self, shape: Shape) -> str:
        if shape.kind == "list" and shape.items is not None:
            return self.walker.deref(shape.items)[0].get("description", "")
        return shape.node.get("description", "") if shape.kind == "object" else ""

    def _reference(self, kind: str, multiple: bool) -> dict[str, Any]:
        options = self.choices.options(kind)
        if not options:  # nothing to choose from yet: type the id
            return {"widget": "list"} if multiple else {"widget": "string"}
        return {"widget": "select", "options": options, **({"multiple": True} if multiple else {})}

    def _widget(self, owner: str, name: str, shape: Shape) -> dict[str, Any]:
        kind = shape.kind
        if kind == "enum":
            return {"widget": "select", "options": [{"label": plain_label(v), "value": v} for v in shape.values]}
        if kind == "date":
            return dict(DATE)
        if kind in ("number", "integer"):
            return {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
        if kind == "boolean":
            return {"widget": "boolean"}
        if kind == "text":
            return {"widget": "text"}
        if kind == "object":
            return {"widget": "object", "collapsed": True, "fields": self._fields(shape.model or "", self.walker.properties(shape.node))}
        if kind == "choice":
            return self._choice(shape)
        if kind == "list":
            return self._list(owner, name, shape)
        return {"widget": "string"}

    def _choice(self, shape: Shape) -> dict[str, Any]:
        """One of several objects: a typed list item when the schema names the key, else one merged form."""
        props = self.walker.merged_properties(shape.variants)
        return {"widget": "object", "collapsed": True, "fields": self._fields("", props)}

    def _list(self, owner: str, name: str, shape: Shape) -> dict[str, Any]:
        assert shape.items is not None
        item = self.walker.shape(shape.items)
        out: dict[str, Any] = {"widget": "list"}
        level = LEVEL_LISTS.get((owner, name))
        if level is not None:
            level_name = getattr(self.choices.levels, level)
            out.update(label=level_name.plural, label_singular=level_name.singular)
        else:
            label = _words(owner, name)[0] or _label(name)
            out["label_singular"] = SINGULAR.get((owner, name)) or (label[:-1] if label.endswith("s") else label)
        if item.kind == "object":
            props = self.walker.properties(item.node)
            out["fields"] = self._fields(item.model or "", props)
            out["summary"] = _summary([p[0] for p in props])
            out["collapsed"] = True
        elif item.kind == "choice" and item.discriminator:
            out["typeKey"] = item.discriminator
            out["types"] = [self._variant(variant, item.discriminator) for variant in item.variants]
        elif item.kind == "enum":
            return {"widget": "select", "multiple": True,
                    "options": [{"label": plain_label(v), "value": v} for v in item.values]}
        return out

    def _variant(self, variant: Schema, key: str) -> dict[str, Any]:
        """One type of a typed list: its fields without the key that names the type."""
        value = variant["properties"][key].get("const")
        props = [p for p in self.walker.properties(variant) if p[0] != key]
        return {"name": value, "label": plain_label(value), "widget": "object",
                "fields": self._fields(variant.get("title", ""), props)}


def _checks(shape: Shape) -> dict[str, Any]:
    """The checks Decap runs at the field: a pattern of `PATTERNS` with its message, a number's bounds."""
    for node in (shape.node, *shape.variants):
        message = PATTERNS.get(node.get("pattern", ""))
        if message is not None:
            return {"pattern": [node["pattern"], message]}
    if shape.kind in ("number", "integer"):
        return {limit: shape.node[key] for limit, key in (("min", "minimum"), ("max", "maximum")) if key in shape.node}
    return {}


def _summary(names: list[str]) -> str:
    """What a closed list item shows: its title, or its day or period and value (a measurement: "2025: 26")."""
    title = next((n for n in ("title", "name", "source", "id", "item") if n in names), None)
    if title:
        return "{{fields.%s}}" % title
    when = "".join("{{fields.%s}}" % n for n in ("date", "period", "fiscal_year") if n in names)
    what = next((n for n in ("value", "amount") if n in names), None)
    if what:
        return f"{when}: {{{{fields.{what}}}}}" if when else "{{fields.%s}}" % what
    return "{{fields.%s}}" % names[0]


def framework_collections(slug: str, prefix: str, head: dict[str, Any], goals: list[dict[str, Any]],
                          fmt: str = FORMAT, framework_model: type = FrameworkFile,
                          goal_model: type = Goal) -> list[dict[str, Any]]:
    """The two collections of one framework: its framework.yml, and its goal files."""
    choices = choices_from_data(head, goals)
    city = head.get("city") if isinstance(head.get("city"), str) else slug
    goal_level = choices.levels.goal
    return [
        {"name": slug, "label": f"{city}: framework", "format": fmt, "delete": False,
         "files": [{"name": "framework", "label": f"{city}: framework.yml", "file": f"{prefix}/{slug}/{FRAMEWORK_FILE}",
                    "format": fmt, "fields": FormBuilder(framework_model, choices).fields()}]},
        {"name": f"{slug}-goals", "label": f"{city}: {goal_level.plural}", "label_singular": goal_level.singular,
         "folder": f"{prefix}/{slug}/goals", "extension": "yml", "format": fmt, "create": True, "delete": False,
         "slug": "{{id}}", "identifier_field": "id", "summary": "{{title}}",
         "fields": FormBuilder(goal_model, choices).fields()},
    ]


def editor_config(collections: list[dict[str, Any]], backend: dict[str, Any],
                  editorial_workflow: bool = False) -> dict[str, Any]:
    """The whole configuration Decap reads (`CMS.init({config})`)."""
    config: dict[str, Any] = {
        "backend": backend,
        "load_config_file": False,
        "media_folder": "editor-media",  # required by Decap; no field of ours uploads files
        "locale": "en",
        "collections": collections,
    }
    if editorial_workflow:
        config["publish_mode"] = "editorial_workflow"
    return config


def read_framework_data(folder: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """framework.yml and every goal file of a folder as raw data (empty when unreadable)."""
    head = read_data(folder / FRAMEWORK_FILE)
    goals = [read_data(path) for path in sorted((folder / "goals").glob("*.yml"))]
    return (head if isinstance(head, dict) else {}), [g for g in goals if isinstance(g, dict)]

