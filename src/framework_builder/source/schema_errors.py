"""Turn pydantic validation errors into diagnostics a non-programmer can act on."""

from __future__ import annotations

import re
import types
import typing
from typing import Any, Iterable

from pydantic import BaseModel, ValidationError

from framework_builder.model.framework import SLUG_PATTERN, VERSION_PATTERN, Action, DatedValue, Measurement
from framework_builder.model.limits import (
    MARKDOWN_PATTERN,
    MAX_NUMBER,
    REFUSED_CHARACTER_HINT,
    TEXT_PATTERN,
    character_name,
)
from framework_builder.source.diagnostics import Diagnostic
from framework_builder.source.suggest import closest, slugify
from framework_builder.source.yamlsource import SourceFile

_QUOTED = re.compile(r"'([^']*)'")

# Words for the item a list holds, used in messages ("in action 'host-forum'").
_ITEM_WORDS = {
    "objectives": "objective",
    "actions": "action",
    "indicators": "indicator",
    "organizations": "organization",
    "findings": "finding",
    "funding": "funding source",
    "resources": "resource",
    "channels": "comment channel",
    "measurements": "measurement",
    "focus_areas": "focus area",
    "for_the_plan": "amount",
}

# Field names authors write for a field that has another name here, and the hint for each.
_LEVELS_HINT = "name the level as your plan does with `levels:` in framework.yml"
_FIELD_SYNONYMS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(("strategies", "priorities", "pillars", "focus", "themes"),
                    ("objectives", f"did you mean `objectives:`? {_LEVELS_HINT}")),
    **dict.fromkeys(("measures", "metrics", "kpis", "performance_measures", "targets"),
                    ("indicators", f"did you mean `indicators:`? {_LEVELS_HINT}")),
    **dict.fromkeys(("tasks", "activities", "steps", "initiatives", "projects"),
                    ("actions", f"did you mean `actions:`? {_LEVELS_HINT}")),
    **dict.fromkeys(("budget", "amount", "cost", "costs", "funds", "funded_by"),
                    ("funding", "did you mean `funding:`? write the source and the amount: "
                                "`funding: [{source: city-budget, amount: 280000, fiscal_year: 2018}]`")),
    **dict.fromkeys(("neighbourhoods", "neighborhoods", "districts", "places", "area", "locations"),
                    ("areas", "did you mean `areas:`? name focus areas by their ids from `focus_areas:` in framework.yml")),
    **dict.fromkeys(("number", "ref", "code", "no", "numbering"),
                    ("reference", 'did you mean `reference:`? write the published number in quotes: `reference: "1.05"`')),
    **dict.fromkeys(("serves", "supports", "measured_work", "linked_to", "related"),
                    ("served_by", "did you mean `served_by:`? list the ids of the objectives and actions this "
                                  "indicator measures")),
}


def validation_diagnostics(
    error: ValidationError, model: type[BaseModel], source: SourceFile
) -> list[Diagnostic]:
    """One diagnostic per distinct problem in `error`, located in `source`."""
    grouped: dict[tuple, list[dict]] = {}
    for item in error.errors(include_url=False):
        loc = _document_loc(item["loc"], source.data, missing=item["type"] == "missing")
        grouped.setdefault(loc, []).append(item)
    return [_diagnostic(loc, items, model, source) for loc, items in grouped.items()]


def _document_loc(loc: Iterable[Any], data: Any, *, missing: bool = False) -> tuple:
    """Drop the steps pydantic adds for union members, keeping only document keys
    (and, for a missing field, its name at the end)."""
    kept = []
    node = data
    steps = list(loc)
    for index, step in enumerate(steps):
        if isinstance(node, dict) and isinstance(step, str) and step not in node and not (missing and index == len(steps) - 1):
            continue  # a union member's tag, such as 'known'
        if isinstance(node, dict) and isinstance(step, str):
            kept.append(step)
            node = node.get(step)
        elif isinstance(node, list) and isinstance(step, int):
            kept.append(step)
            node = node[step] if step < len(node) else None
        elif node is None and isinstance(step, str):
            kept.append(step)  # a missing field: keep its name for the message
    return tuple(kept)


def _context(loc: tuple, data: Any) -> str:
    """' in action 'host-forum'' for the deepest item along `loc` (' in measurement 2 of indicator 'x''
    for one without an id), or ''."""
    words = _item_words(loc, data)
    return f" in {words}" if words else ""


def _item_words(loc: tuple, data: Any) -> str:
    """The deepest item along `loc` in words: "action 'host-forum'", "measurement 2 of indicator 'x'"."""
    found: list[str] = []
    node, parent_key = data, None
    for step in loc:
        if isinstance(node, dict) and isinstance(step, str):
            node, parent_key = node.get(step), step
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
            if isinstance(node, dict):
                word = _ITEM_WORDS.get(parent_key or "", "item")
                ident = node.get("id")
                found.append(f"{word} '{ident}'" if isinstance(ident, str) else f"{word} {step + 1}")
        else:
            break
    if not found:
        return ""
    if "'" in found[-1] or len(found) == 1:
        return found[-1]
    return f"{found[-1]} of {found[-2]}"


# A broken limit explains the problem better than "not a number" from the other member of a union.
_LIMIT_TYPES = ("string_too_long", "too_long", "finite_number", "greater_than_equal", "less_than_equal")
_HYGIENE_PATTERNS = (TEXT_PATTERN, MARKDOWN_PATTERN)


def _diagnostic(loc: tuple, items: list[dict], model: type[BaseModel], source: SourceFile) -> Diagnostic:
    first = next((item for item in items if item["type"] in _LIMIT_TYPES or _is_hygiene(item)),
                 next((item for item in items if item["type"] == "string_pattern_mismatch"), items[0]))
    kind = first["type"]
    field = next((step for step in reversed(loc) if isinstance(step, str)), "value")
    where = _context(loc, source.data)
    value = first.get("input")
    types_seen = {item["type"] for item in items}

    if kind in _LIMIT_TYPES or _is_hygiene(first):
        return _limit_diagnostic(first, loc, field, where, source)

    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc[:-1], without=field)
        meant, synonym_hint = _FIELD_SYNONYMS.get(field.lower(), ("", ""))
        guess = closest(field, allowed)
        hint = (synonym_hint if meant in allowed else f"did you mean '{guess}'?" if guess
                else "allowed fields: " + ", ".join(allowed))
        return Diagnostic.at(source.path, source.position(loc, key=True), "FB101", f"unknown field '{field}'{where}", hint)
    if kind in ("missing", "union_tag_not_found"):
        name = first.get("ctx", {}).get("discriminator", field).strip("'")
        return Diagnostic.at(
            source.path, source.position(loc[:-1] if kind == "missing" else loc), "FB102",
            f"missing required field '{name}'{where}", f"add `{name}:` to this item",
        )
    if field == "not_known_yet" and kind == "literal_error":
        return Diagnostic.at(source.path, source.position(loc), "FB104", f"'not_known_yet' can only be true{where}",
                             "write `{not_known_yet: true}` while it is not known, and `{value: ..., date: ...}` once it is")
    if kind in ("enum", "literal_error", "union_tag_invalid"):
        expected = _QUOTED.findall(first.get("ctx", {}).get("expected", "") or first.get("ctx", {}).get("expected_tags", ""))
        shown = value.get("type") if kind == "union_tag_invalid" and isinstance(value, dict) else value
        guess = closest(str(shown), expected)
        hint = (f"did you mean '{guess}'? " if guess else "") + "allowed: " + ", ".join(expected)
        return Diagnostic.at(source.path, source.position(loc), "FB104", f"'{shown}' is not an allowed {field}{where}", hint)
    if kind == "string_pattern_mismatch":
        pattern = first.get("ctx", {}).get("pattern")
        if pattern == SLUG_PATTERN:
            return Diagnostic.at(
                source.path, source.position(loc), "FB105", f"'{value}' is not a valid id{where}",
                f"use lowercase letters, digits and hyphens, for example '{slugify(str(value))}'",
            )
        if pattern == VERSION_PATTERN:
            return Diagnostic.at(source.path, source.position(loc), "FB106", f"'{value}' is not a version number{where}", 'write it like "1.0" or "0.3-draft", in quotes')
        return Diagnostic.at(source.path, source.position(loc), "FB106", f"'{value}' is not a valid {field}{where}", _format_hint(field))
    if kind.startswith("url_"):
        return Diagnostic.at(source.path, source.position(loc), "FB106", f"'{value}' is not a valid web address{where}", "write the full address, starting with https://")
    if kind.startswith(("date_", "datetime_")):
        return Diagnostic.at(source.path, source.position(loc), "FB107", f"'{value}' is not a date{where}", "write dates as year-month-day, for example 2025-03-31")
    if kind == "too_short" and isinstance(value, list):
        return Diagnostic.at(source.path, source.position(loc), "FB108", f"'{field}' needs at least one item{where}", "add an item")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return Diagnostic.at(source.path, source.position(loc), "FB103", f"'{field}' should be a mapping of `key: value` lines{where}, not {_describe(value)}", "indent `key: value` lines under it")
    if kind == "list_type":
        return Diagnostic.at(source.path, source.position(loc), "FB103", f"'{field}' should be a list{where}, not {_describe(value)}", "write each item on its own line starting with '- '")
    if kind == "value_error":
        return _rule_diagnostic(loc, first, model, source)
    if types_seen & {"string_type", "float_type", "float_parsing", "int_type", "int_parsing", "bool_type", "bool_parsing"}:
        return _type_diagnostic(loc, field, value, types_seen, where, source)
    return Diagnostic.at(source.path, source.position(loc), "FB109", f"{field}{where}: {first['msg']}", "")


# A rule a model checks across its fields: its code and a hint with an example.
_RULES: dict[type[BaseModel], tuple[str, str]] = {
    Action: ("FB114", "for example `timeframe: near-term`, or `start: 2026-01-01` (and `end:` when it is known); "
                      "`timeframe:` may be left out when a date is given"),
    DatedValue: ("FB115", "for example `date: 2025-03-31` for one day, or `period: 2025-Q1` for a quarter"),
    Measurement: ("FB115", "for example `date: 2025-03-31` for one day, or `period: 2025` for a year"),
}


def _rule_diagnostic(loc: tuple, item: dict, model: type[BaseModel], source: SourceFile) -> Diagnostic:
    """A model's own rule broken: "action 'x': say when the work happens ...", at the item."""
    text = item["msg"].removeprefix("Value error, ")
    code, hint = next((_RULES[k] for k in _models_at(model, loc) if k in _RULES), ("FB109", ""))
    return Diagnostic.at(source.path, source.position(loc), code, f"{_subject(loc, source.data)}: {text}", hint)


def _subject(loc: tuple, data: Any) -> str:
    """What the item at `loc` is, in words: "action 'x'", "measurement 2 of indicator 'y'",
    "the baseline of indicator 'y'"."""
    if loc and isinstance(loc[-1], str):
        owner = _item_words(loc[:-1], data)
        return f"the {loc[-1]} of {owner}" if owner else f"`{loc[-1]}`"
    return _item_words(loc, data) or "this item"


def _is_hygiene(item: dict) -> bool:
    return item["type"] == "string_pattern_mismatch" and item.get("ctx", {}).get("pattern") in _HYGIENE_PATTERNS


def _limit_diagnostic(item: dict, loc: tuple, field: str, where: str, source: SourceFile) -> Diagnostic:
    """FB110 (number), FB111 (text length), FB112 (list length), FB113 (refused character); never echoes the value."""
    kind, value, ctx = item["type"], item.get("input"), item.get("ctx", {})
    position = source.position(loc)
    if kind == "string_too_long":
        return Diagnostic.at(source.path, position, "FB111",
                             f"'{field}'{where} is {len(value):,} characters long; the limit is {ctx['max_length']:,}",
                             "shorten it; longer text belongs in a `description:`" if ctx["max_length"] < 1000
                             else "shorten it, or move part of it to another item")
    if kind == "too_long":
        return Diagnostic.at(source.path, position, "FB112",
                             f"'{field}'{where} has {ctx['actual_length']:,} items; the limit is {ctx['max_length']:,}",
                             "split the list, for example into another objective or goal file")
    if kind == "string_pattern_mismatch":
        char = next(c for c in value if not re.fullmatch(ctx["pattern"], c))
        one_line = "; it must be one line" if char in "\n\t" else ""
        hint = "write it on one line, with spaces instead of tabs" if one_line else REFUSED_CHARACTER_HINT
        return Diagnostic.at(source.path, position, "FB113",
                             f"'{field}'{where} holds the character {character_name(char)}{one_line}", hint)
    return Diagnostic.at(source.path, position, "FB110",
                         f"'{field}'{where} is not a number between {-MAX_NUMBER:,} and {MAX_NUMBER:,}",
                         "write an ordinary number such as 42 or 3.5")


def _type_diagnostic(loc: tuple, field: str, value: Any, types_seen: set[str], where: str, source: SourceFile) -> Diagnostic:
    wants_text = "string_type" in types_seen
    wants_number = types_seen & {"float_type", "float_parsing", "int_type", "int_parsing"}
    wanted = " or ".join(w for w, ok in (("a number", wants_number), ("text", wants_text)) if ok) or "yes or no (true/false)"
    if isinstance(value, bool) and wants_text:
        hint = "YAML reads words like true and false as yes/no values: put the text in quotes"
    elif isinstance(value, (int, float)) and wants_text and not wants_number:
        hint = f'YAML read this as a number: put it in quotes, {field}: "{value}"'
    elif wants_number:
        hint = "write the number without quotes or units, for example 42"
    else:
        hint = "write true or false"
    return Diagnostic.at(source.path, source.position(loc), "FB103", f"'{field}' should be {wanted}{where}, not {_describe(value)}", hint)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "an empty value"
    return f"'{value}'"


def _format_hint(field: str) -> str:
    return {
        "address": "write an email address such as comments@example.org",
        "phone": "write digits, spaces and + ( ) - only, for example +1 203-555-0100",
        "url": "write the full https:// address, without spaces or quotes, for example "
               "https://forms.example.org/comment?item={item}",
        "repository": "write owner/name, for example example-org/framework",
        "language": "write a language code such as en or es",
        "currency": "write a three-letter currency code in capitals, such as USD, EUR or CAD",
        "period": "write a year (2024), a half (2024-H1), a quarter (2024-Q1), a month (2024-03), "
                  "or a range of days (2023-07-01/2024-06-30)",
    }.get(field, "see the schema in schema/ for the expected form")


def _allowed_fields(model: type[BaseModel], loc: tuple, without: str) -> list[str]:
    """The field names of the model found at `loc` inside `model`; of a union, those of the
    members that refuse the field `without` (a target with a `note:` is a value, not "not known yet")."""
    names: list[str] = []
    for klass in _models_at(model, loc):
        if without not in klass.model_fields:
            names.extend(n for n in klass.model_fields if n not in names)
    return names


def _models_at(model: type[BaseModel], loc: tuple) -> list[type[BaseModel]]:
    """The models the value at `loc` inside `model` may be (several through a union)."""
    candidates: list[Any] = [model]
    for step in loc:
        if isinstance(step, int):
            candidates = [arg for c in candidates for arg in _unwrap(c, list_items=True)]
            continue
        next_candidates = []
        for c in candidates:
            for klass in _unwrap(c):
                if isinstance(klass, type) and issubclass(klass, BaseModel) and step in klass.model_fields:
                    next_candidates.append(klass.model_fields[step].annotation)
        candidates = next_candidates
    return [klass for c in candidates for klass in _unwrap(c) if isinstance(klass, type) and issubclass(klass, BaseModel)]


def _unwrap(annotation: Any, *, list_items: bool = False) -> list[Any]:
    """The classes an annotation may hold: through Optional, Union, Annotated and (optionally) list."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0], list_items=list_items)
    if origin in (typing.Union, types.UnionType):
        return [k for arg in typing.get_args(annotation) for k in _unwrap(arg, list_items=list_items)]
    if origin is list:
        return _unwrap(typing.get_args(annotation)[0]) if list_items else [annotation]
    return [annotation]
