"""Walk the models' JSON Schema the way the form editor needs it: one plain shape per field.

The editor's configuration (config.py) and the conversion between YAML data and form data
(form_data.py) both read fields through `shape()`, so they agree on what a field is."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

Schema = dict[str, Any]


@dataclass(frozen=True)
class Shape:
    """What one schema node is, with `null` taken out of unions.

    kind: "object" (with `model`), "choice" of objects (`variants`, by `discriminator` when the schema
    names one, else merged into one form), "list" (with `items`), "enum" (`values`), "date",
    "number", "integer", "boolean", "text" (long Markdown), "string", or "mixed" (a number, a year
    or a string, typed as text in the form and read back as a number when it is one)."""

    kind: str
    node: Schema
    model: str | None = None
    variants: tuple[Schema, ...] = ()
    discriminator: str | None = None
    items: Schema | None = None
    values: tuple[Any, ...] = ()
    scalar_or_object: bool = False  # a list item written either as an id or as an object (funding links)


class SchemaWalker:
    """Resolves `$ref`s of one model's JSON Schema."""

    def __init__(self, schema: Schema) -> None:
        self.root = schema
        self.defs: dict[str, Schema] = schema.get("$defs", {})

    def deref(self, node: Schema) -> tuple[Schema, str | None]:
        """The node a `$ref` points to, with its model name (None for inline nodes)."""
        ref = node.get("$ref")
        if ref is None:
            return node, None
        name = ref.rsplit("/", 1)[-1]
        return self.defs[name], name

    def shape(self, node: Schema) -> Shape:
        """The shape of one schema node."""
        branches = node.get("anyOf") or node.get("oneOf")
        if branches:
            kept = [b for b in branches if b.get("type") != "null"]
            if len(kept) == 1:
                return self.shape(kept[0])
            resolved = [self.deref(b) for b in kept]
            if all(r[0].get("type") == "object" for r in resolved):
                discriminator = (node.get("discriminator") or {}).get("propertyName")
                return Shape("choice", node, variants=tuple(r[0] for r in resolved),
                             discriminator=discriminator)
            return Shape("mixed", node, variants=tuple(r[0] for r in resolved))
        target, model = self.deref(node)
        if "enum" in target:
            return Shape("enum", target, model=model, values=tuple(target["enum"]))
        kind = target.get("type")
        if kind == "object":
            return Shape("object", target, model=model)
        if kind == "array":
            items = target.get("items", {})
            item_branches = items.get("anyOf") or items.get("oneOf") or []
            scalar_or_object = (len(item_branches) == 2
                                and {self.deref(b)[0].get("type") for b in item_branches} == {"string", "object"})
            if scalar_or_object:
                items = next(b for b in item_branches if self.deref(b)[0].get("type") == "object")
            return Shape("list", target, items=items, scalar_or_object=scalar_or_object)
        if kind == "string" and target.get("format") == "date":
            return Shape("date", target)
        if kind in ("number", "integer", "boolean"):
            return Shape(kind, target)
        if "const" in target:
            return Shape("boolean", target) if isinstance(target["const"], bool) else Shape("string", target)
        if kind == "string" and target.get("maxLength", 0) > 1000:
            return Shape("text", target)
        return Shape("string", target)

    def properties(self, node: Schema) -> list[tuple[str, Schema, bool]]:
        """(name, schema, required) of an object node's fields, in the model's order."""
        target, _ = self.deref(node)
        required = set(target.get("required", ()))
        return [(name, prop, name in required) for name, prop in target.get("properties", {}).items()]

    def merged_properties(self, variants: tuple[Schema, ...]) -> list[tuple[str, Schema, bool]]:
        """The fields of several object variants as one form: a field is required only when every variant requires it."""
        seen: dict[str, tuple[Schema, bool]] = {}
        for variant in variants:
            for name, prop, required in self.properties(variant):
                if name in seen:
                    seen[name] = (seen[name][0], seen[name][1] and required)
                else:
                    seen[name] = (prop, required and len(variants) == 1)
        return [(name, prop, required) for name, (prop, required) in seen.items()]


@functools.cache
def walker_for(model: type) -> SchemaWalker:
    """The walker of a model's JSON Schema, generated once per model (it costs more than the rest of a form)."""
    return SchemaWalker(model.model_json_schema())
