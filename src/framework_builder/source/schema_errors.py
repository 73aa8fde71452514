"""Turn pydantic validation errors into diagnostics a non-programmer can act on."""

from __future__ import annotations

import re
import types
import typing
from typing import Any, Iterable

from pydantic import BaseModel, ValidationError

from framework_builder.model.framework import (FIRST_YEAR, LAST_YEAR, SLUG_PATTERN, VERSION_PATTERN, Action, DatedValue,
                                               Measurement)
from framework_builder.model.translations import TranslationFile
from framework_builder.model.limits import (
    MARKDOWN_PATTERN,
    MAX_NUMBER,
    REFUSED_CHARACTER_HINT,
    TEXT_PATTERN,
    character_name,
)
from framework_builder.source.diagnostics import Diagnostic
from framework_builder.source.suggest import closest, number_in, period_in, slugify
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
    located = [(_document_loc(item["loc"], source.data, missing=item["type"] == "missing"), item)
               for item in error.errors(include_url=False)]
    grouped: dict[tuple, list[dict]] = {}
    for loc, item in _relevant(located, model, source.data):
        grouped.setdefault(loc, []).append(item)
    return [_diagnostic(loc, items, model, source) for loc, items in grouped.items()]


# A value of the wrong kind: for a union, the member the author did not mean says this.
_KIND_MISMATCH = frozenset({"string_type", "int_type", "float_type", "bool_type", "model_type", "dict_type",
                            "model_attributes_type", "list_type", "int_parsing", "float_parsing", "bool_parsing"})


def _relevant(located: list[tuple[tuple, dict]], model: type[BaseModel], data: Any) -> list[tuple[tuple, dict]]:
    """The errors that describe what the author meant.

    A union such as "a funding source id, or `{source, amount}`" fails on every member: when one member
    got inside the value (an amount that is not a number), the other member's "should be text" is noise.
    A missing field is left out when an unknown field beside it is its near miss (`sorce:` for
    `source:`): the unknown field says it all. And a baseline or target whose misspelt key means
    `not_known_yet` is reported for that key alone, not for the value and date it lacks.
    """
    deeper = {loc[:n] for loc, _ in located for n in range(len(loc))}
    kept = [(loc, item) for loc, item in located
            if not (item["type"] in _KIND_MISMATCH and _through_union(item["loc"], loc) and loc in deeper)]
    near_misses: dict[tuple, set[str]] = {}
    for loc, item in kept:
        if item["type"] == "extra_forbidden" and loc:
            allowed = _allowed_fields(model, loc[:-1], without=str(loc[-1]))
            guess = closest(str(loc[-1]), allowed)
            if guess:
                near_misses.setdefault(loc[:-1], set()).add(guess)
    result = []
    for loc, item in kept:
        owner = loc[:-1]
        if "not_known_yet" in near_misses.get(owner, ()) and not (
                item["type"] == "extra_forbidden" and closest(str(loc[-1]), ["not_known_yet"])):
            continue
        if item["type"] == "missing" and loc and loc[-1] in near_misses.get(owner, ()):
            continue
        result.append((loc, item))
    return result


def _through_union(raw: Iterable[Any], loc: tuple) -> bool:
    """Whether pydantic's location `raw` passed through a union member (a step the document lacks)."""
    return len(tuple(raw)) > len(loc)


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


# Top-level mappings keyed by an id or a name rather than by field names, and the words for one entry.
_KEYED_WORDS: dict[str, str] = {"levels": "the name of the {} level"}
_TRANSLATION_KEYED_WORDS: dict[str, str] = {
    **_KEYED_WORDS,
    "framework": "the translation of the framework's {}",
    "items": "the translation of '{}'",
    "heard": "the translation of what we heard about '{}'",
}


def _keyed_words(model: type[BaseModel]) -> dict[str, str]:
    return _TRANSLATION_KEYED_WORDS if model is TranslationFile else _KEYED_WORDS


def _context(loc: tuple, data: Any, keyed: dict[str, str] | None = None) -> str:
    """' in action 'host-forum'' for the deepest item along `loc` (' in measurement 2 of indicator 'x''
    for one without an id, ' in the name of the indicator level' under `levels:`), or ''."""
    words = _item_words(loc, data, keyed or {})
    return f" in {words}" if words else ""


def _item_words(loc: tuple, data: Any, keyed: dict[str, str] | None = None) -> str:
    """The deepest item along `loc` in words: "action 'host-forum'", "measurement 2 of indicator 'x'"."""
    found: list[str] = []
    node, parent_key = data, None
    for depth, step in enumerate(loc):
        if depth == 1 < len(loc) - 1 and isinstance(node, dict) and isinstance(step, str) and parent_key in (keyed or {}):
            found.append((keyed or {})[parent_key].format(step))
            node, parent_key = node.get(step), step
        elif isinstance(node, dict) and isinstance(step, str):
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
        # a mapping without an id, such as `horizon:` or `comments:`
        return f"`{loc[-2]}:`" if len(loc) >= 2 and isinstance(loc[-2], str) and loc[-2] in _data_keys(data) else ""
    if "'" in found[-1] or len(found) == 1 or found[-1].startswith("the "):
        return found[-1]
    return f"{found[-1]} of {found[-2]}"


def _data_keys(data: Any) -> set[str]:
    return set(data) if isinstance(data, dict) else set()


# A broken limit explains the problem better than "not a number" from the other member of a union.
_LIMIT_TYPES = ("string_too_long", "too_long", "finite_number", "greater_than_equal", "less_than_equal")
_HYGIENE_PATTERNS = (TEXT_PATTERN, MARKDOWN_PATTERN)


def _diagnostic(loc: tuple, items: list[dict], model: type[BaseModel], source: SourceFile) -> Diagnostic:
    first = next((item for item in items if item["type"] in _LIMIT_TYPES or _is_hygiene(item)),
                 next((item for item in items if item["type"] == "string_pattern_mismatch"), items[0]))
    kind = first["type"]
    field = next((step for step in reversed(loc) if isinstance(step, str)), "value")
    where = _context(loc, source.data, _keyed_words(model))
    value = first.get("input")
    types_seen = {item["type"] for item in items}

    if "[key]" in first["loc"]:
        return _key_diagnostic(loc, first, where, source)
    if kind in ("greater_than_equal", "less_than_equal") and first.get("ctx", {}).get(
            "ge", first.get("ctx", {}).get("le")) not in (-MAX_NUMBER, MAX_NUMBER):
        return _range_diagnostic(loc, first, field, where, source)

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
        meant = period_in(str(value)) if field == "period" else None
        hint = (f"did you mean '{meant}'? " if meant else "") + _format_hint(field)
        return Diagnostic.at(source.path, source.position(loc), "FB106", f"'{value}' is not a valid {field}{where}", hint)
    if kind.startswith("url_"):
        return Diagnostic.at(source.path, source.position(loc), "FB106", f"'{value}' is not a valid web address{where}", "write the full address, starting with https://")
    if kind.startswith(("date_", "datetime_")):
        return Diagnostic.at(source.path, source.position(loc), "FB107", f"'{value}' is not a date{where}", "write dates as year-month-day, for example 2025-03-31")
    if kind == "too_short" and isinstance(value, list):
        return Diagnostic.at(source.path, source.position(loc), "FB108", f"'{field}' needs at least one item{where}", "add an item")
    if types_seen & {"model_type", "model_attributes_type"} and "string_type" in types_seen:
        return Diagnostic.at(source.path, source.position(loc), "FB103",
                             f"'{field}'{where} should be an id or a mapping of `key: value` lines, not {_describe(value)}",
                             _MAPPING_EXAMPLES.get(field, "write the id alone, or indent `key: value` lines under it"))
    if kind in ("model_type", "dict_type", "model_attributes_type") and _mapping_example(loc, model):
        return Diagnostic.at(source.path, source.position(loc), "FB103",
                             f"'{field}' should be a mapping of `key: value` lines{where}, not {_describe(value)}",
                             _mapping_example(loc, model))
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return Diagnostic.at(source.path, source.position(loc), "FB103", f"'{field}' should be a mapping of `key: value` lines{where}, not {_describe(value)}", "indent `key: value` lines under it")
    if kind == "list_type":
        hint = "write each item on its own line starting with '- '"
        if isinstance(value, str) and re.fullmatch(SLUG_PATTERN, value):
            hint = f"write a list, even of one id: `{field}: [{value}]`, or {hint}"
        return Diagnostic.at(source.path, source.position(loc), "FB103", f"'{field}' should be a list{where}, not {_describe(value)}", hint)
    if kind == "value_error":
        return _rule_diagnostic(loc, first, model, source)
    if types_seen & {"string_type", "float_type", "float_parsing", "int_type", "int_parsing", "bool_type", "bool_parsing"}:
        if _wants_year(model, loc):
            return Diagnostic.at(source.path, source.position(loc), "FB103",
                                 f"'{field}' should be a year{where}, not {_describe(value)}", _year_hint(field, value))
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
    elif wants_number and isinstance(value, str) and number_in(value) is not None:
        hint = (f"did you mean {number_in(value)}? write the number alone, without quotes, a currency sign, "
                "commas or words")
    elif wants_number:
        hint = "write the number without quotes or units, for example 42"
    else:
        hint = "write true or false"
    return Diagnostic.at(source.path, source.position(loc), "FB103", f"'{field}' should be {wanted}{where}, not {_describe(value)}", hint)


# How to write a mapping that was written as something else, by field (or by the mapping it sits in).
_VALUE_EXAMPLE = ("write `{field}: {{value: 40, date: 2027-01-01}}` (or `period: 2027` instead of the date), "
                  "or `{field}: {{not_known_yet: true, note: ...}}` while it is not known")
_MAPPING_EXAMPLES: dict[str, str] = {
    "baseline": _VALUE_EXAMPLE.format(field="baseline"),
    "target": _VALUE_EXAMPLE.format(field="target"),
    "funding": "write the id of a funding source (`- city-budget`), or the source with its amount: "
               "`- {source: city-budget, amount: 280000, fiscal_year: 2025}`",
    "levels": "write the name in the singular and the plural: `objective: {singular: Strategy, plural: Strategies}`",
    "translation": 'write `{field}: {{of: "1a2b3c4d", text: "..."}}`, copying `of:` from the to-do file that '
                   "`framework-builder translations` writes",
    "horizon": "write `horizon: {start: 2025, end: 2034}`",
    "engagement": "indent `start:`, `end:`, `participants:` and `description:` lines under it",
}


def _mapping_example(loc: tuple, model: type[BaseModel]) -> str:
    """The hint with an example for a mapping written as something else, or ''."""
    field = next((step for step in reversed(loc) if isinstance(step, str)), "")
    if field in ("baseline", "target", "horizon", "engagement"):
        return _MAPPING_EXAMPLES[field]
    if len(loc) == 2 and loc[0] == "levels":
        return _MAPPING_EXAMPLES["levels"].replace("objective:", f"{loc[1]}:")
    if model is TranslationFile and (len(loc) == 2 and loc[0] == "framework" or len(loc) == 3):
        return _MAPPING_EXAMPLES["translation"].format(field=field)
    return ""


def _key_diagnostic(loc: tuple, item: dict, where: str, source: SourceFile) -> Diagnostic:
    """A key of a mapping keyed by names (`levels:` in a translation) that is not one of them."""
    key, parent = str(loc[-1]), next((str(step) for step in reversed(loc[:-1]) if isinstance(step, str)), "")
    expected = _QUOTED.findall(item.get("ctx", {}).get("expected", ""))
    guess = closest(key, expected)
    hint = (f"did you mean '{guess}'? " if guess else "") + ("allowed: " + ", ".join(expected) if expected
                                                              else "use an id from the framework")
    return Diagnostic.at(source.path, source.position(loc, key=True), "FB104",
                         f"'{key}' is not allowed as a key under `{parent}:`", hint)


def _range_diagnostic(loc: tuple, item: dict, field: str, where: str, source: SourceFile) -> Diagnostic:
    """A number outside the range its field allows: a negative amount, a year in two digits."""
    ctx, value = item.get("ctx", {}), item.get("input")
    if ctx.get("ge") == FIRST_YEAR or ctx.get("le") == LAST_YEAR:
        return Diagnostic.at(source.path, source.position(loc), "FB110",
                             f"'{field}'{where} is {value}, which is not a year", _year_hint(field, value))
    if ctx.get("ge") == 0:
        return Diagnostic.at(source.path, source.position(loc), "FB110",
                             f"'{field}'{where} is {value}, but it cannot be negative",
                             "write the amount as a positive number, for example 280000")
    bound = f"at least {ctx['ge']}" if "ge" in ctx else f"at most {ctx['le']}"
    return Diagnostic.at(source.path, source.position(loc), "FB110",
                         f"'{field}'{where} is {value}, but it must be {bound}", f"write a number {bound}")


def _year_hint(field: str, value: Any) -> str:
    example = "2025"
    if isinstance(value, str) and re.match(r"^\d{4}\b", value):
        example = value[:4]
    elif isinstance(value, int) and 0 <= value < 100:
        example = str(2000 + value)
    text = ", or the budget's own name in quotes, such as \"FY2025-26\"" if field == "fiscal_year" else ""
    return f"write the year in four digits, without quotes: `{field}: {example}`{text}"


def _wants_year(model: type[BaseModel], loc: tuple) -> bool:
    """Whether the field at `loc` takes a year (Year: a whole number from FIRST_YEAR to LAST_YEAR)."""
    if not loc or not isinstance(loc[-1], str):
        return False
    for klass in _models_at(model, loc[:-1]):
        info = klass.model_fields.get(loc[-1])
        if info is not None and f"Ge(ge={FIRST_YEAR})" in repr(info.metadata) + repr(info.annotation):
            return True
    return False


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
                elif typing.get_origin(klass) is dict:
                    next_candidates.append(typing.get_args(klass)[1])  # keyed by an id: the value's type
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
