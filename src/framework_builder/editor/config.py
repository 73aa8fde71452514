"""The Decap CMS configuration, generated from the same pydantic models as the JSON Schema.

Nothing here names a field of the model except the references (which id list a field picks
from), so a field added to a model shows in the form without other changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from framework_builder.editor.files import read_data
from framework_builder.editor.schema_walk import Schema, Shape, walker_for
from framework_builder.model.framework import FrameworkFile, Goal, Levels
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
# Lists of the plan's levels, labelled with the names the framework chose.
LEVEL_LISTS = {("Goal", "objectives"): "objective", ("Goal", "actions"): "action", ("Objective", "actions"): "action",
               ("Goal", "indicators"): "indicator"}
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
        out: dict[str, Any] = {"name": name, "label": _label(name), "required": required}
        hint = prop.get("description") or self._description(shape)
        if hint:
            out["hint"] = hint
        reference = REFERENCES.get((owner, name))
        if reference is not None:
            return {**out, **self._reference(reference, multiple=shape.kind == "list")}
        return {**out, **self._widget(owner, name, shape)}

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
        if item.kind == "object":
            props = self.walker.properties(item.node)
            out["fields"] = self._fields(item.model or "", props)
            names = [p[0] for p in props]
            title = next((n for n in ("title", "name", "source", "id", "date", "item") if n in names), None)
            if title:
                out["summary"] = "{{fields.%s}}" % title
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


def framework_collections(slug: str, prefix: str, head: dict[str, Any], goals: list[dict[str, Any]],
                          fmt: str = FORMAT, framework_model: type = FrameworkFile,
                          goal_model: type = Goal) -> list[dict[str, Any]]:
    """The two collections of one framework: its framework.yml, and its goal files."""
    choices = choices_from_data(head, goals)
    city = head.get("city") if isinstance(head.get("city"), str) else slug
    goal_level = choices.levels.goal
    return [
        {"name": slug, "label": f"{city}: framework", "format": fmt,
         "files": [{"name": "framework", "label": f"{city}: framework.yml", "file": f"{prefix}/{slug}/{FRAMEWORK_FILE}",
                    "format": fmt, "fields": FormBuilder(framework_model, choices).fields()}]},
        {"name": f"{slug}-goals", "label": f"{city}: {goal_level.plural}", "label_singular": goal_level.singular,
         "folder": f"{prefix}/{slug}/goals", "extension": "yml", "format": fmt, "create": True,
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

