"""Between a file's data and the form's: dates as text and ids as objects in the form, typed values in the file.

The form (Decap) sends JSON: dates as "YYYY-MM-DD", a number typed into a text box as text,
empty strings for fields it showed but nobody filled. `from_form` turns that back into the data
the author would have written, guided by the schema, and leaves out what was left empty."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from framework_builder.editor.schema_walk import Schema, SchemaWalker, Shape

EMPTY: tuple[Any, ...] = (None, "", [], {})
_INTEGER = re.compile(r"^-?[0-9]+$")
_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _key_of(walker: SchemaWalker, node: Schema) -> str:
    """The field that holds the id when an object list item is written as a bare id (funding: `source`)."""
    target, _ = walker.deref(node)
    return target.get("required", [next(iter(target.get("properties", {})))])[0]


def to_form(walker: SchemaWalker, node: Schema, value: Any) -> Any:
    """File data → form data."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        props = {name: prop for name, prop, _ in _props(walker, walker.shape(node))}
        return {k: to_form(walker, props.get(k, {}), v) for k, v in value.items()}
    if isinstance(value, list):
        shape = walker.shape(node)
        items = shape.items if shape.kind == "list" and shape.items is not None else {}
        if shape.scalar_or_object:
            key = _key_of(walker, items)
            value = [{key: v} if isinstance(v, str) else v for v in value]
        return [to_form(walker, items, v) for v in value]
    return value


def _props(walker: SchemaWalker, shape: Shape) -> list[tuple[str, Schema, bool]]:
    if shape.kind == "object":
        return walker.properties(shape.node)
    if shape.kind == "choice":
        return walker.merged_properties(shape.variants)
    return []


def from_form(walker: SchemaWalker, node: Schema, value: Any, original: Any = None) -> Any:
    """Form data → file data, typed by the schema; `original` is what the file held (kept when equal)."""
    shape = walker.shape(node)
    if isinstance(value, dict) and shape.kind in ("object", "choice"):
        return _object(walker, shape, value, original if isinstance(original, dict) else {})
    if isinstance(value, list) and shape.kind == "list" and shape.items is not None:
        before = original if isinstance(original, list) else []
        items = [from_form(walker, shape.items, v, before[i] if i < len(before) else None) for i, v in enumerate(value)]
        if shape.scalar_or_object:
            key = _key_of(walker, shape.items)
            # the object form of a bare id starts with that id: `{source: state-cvi, amount: 125000}`
            items = [v[key] if isinstance(v, dict) and list(v) == [key] else
                     {k: v[k] for k in sorted(v, key=lambda k: k != key)} if isinstance(v, dict) else v for v in items]
        return items
    return _scalar(shape, value)


def _object(walker: SchemaWalker, shape: Shape, value: dict[str, Any], original: dict[str, Any]) -> dict[str, Any]:
    props = {name: (prop, required) for name, prop, required in _props(walker, shape)}
    out: dict[str, Any] = {}
    # In the model's order, not the form's: Decap sends the keys of an object of more than eight fields
    # in no particular order, and a field added in the form is written after its neighbour in that order.
    for key in sorted(value, key=lambda k: list(props).index(k) if k in props else len(props)):
        item = value[key]
        prop, required = props.get(key, ({}, False))
        typed = from_form(walker, prop, item, original.get(key))
        if key in original and original[key] == typed:
            out[key] = original[key]
        elif not required and (_is_empty(typed) or _is_unset_flag(walker, prop, typed)):
            continue
        else:
            out[key] = typed
    return out


def _is_empty(value: Any) -> bool:
    return any(value is e or (type(value) is type(e) and value == e) for e in EMPTY)


def _is_unset_flag(walker: SchemaWalker, prop: Schema, value: Any) -> bool:
    """A flag that can only be true (`not_known_yet: true`) left unticked."""
    target, _ = walker.deref(prop)
    return value is False and target.get("const") is True


def _scalar(shape: Shape, value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip()
        if shape.kind == "date" and _DATE.match(text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                return value
        if shape.kind in ("integer", "mixed", "number") and text:
            kinds = {v.get("type") for v in shape.variants} if shape.kind == "mixed" else {shape.kind}
            if kinds & {"integer"} and _INTEGER.match(text):
                return int(text)
            if kinds & {"number"} and _NUMBER.match(text):
                number = float(text)
                return int(number) if _INTEGER.match(text) else number if math.isfinite(number) else value
    if shape.kind == "integer" and isinstance(value, float) and value.is_integer():
        return int(value)
    return value
