"""Item-by-item changes between two versions of a framework.

One engine for the `diff` command, the site's "what changed" page and the
pull-request summary. Items are matched by kind and id (ids are stable slugs),
so renaming an id reads as one item removed and another added.

`describe` says a change precisely, for reviewers (the `diff` command, pull requests): with
ids and values as written in the YAML. The page says the same changes in residents' words,
with names, labels and dates written out: `site.render.changes`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Callable, Literal

from framework_builder.model.framework import Framework, Model
from framework_builder.model.items import Item, walk

ChangeKind = Literal["added", "removed", "changed"]

# Child lists are items of their own, never fields of their parent.
CHILD_LISTS = {"objectives", "actions", "indicators"}
# Lists of items held by framework.yml: their members are items of their own.
FRAMEWORK_ITEM_LISTS = {"organizations", "findings", "funding", "resources", "goals"}

LEVEL_KINDS = ("goal", "objective", "action", "indicator")  # the kinds a plan may name (`levels:`)
KIND_LABELS = {
    "framework": "Framework",
    "goal": "Goal",
    "objective": "Objective",
    "action": "Action",
    "indicator": "Indicator",
    "organization": "Organization",
    "finding": "Finding",
    "funding": "Funding source",
    "resource": "Resource",
}

FIELD_LABELS = {"comments": "comment window"}

MAX_VALUE_LENGTH = 80


@dataclass(frozen=True)
class FieldChange:
    """One field of an item, before and after, as plain JSON-like data."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class ItemChange:
    """An item that was added, removed, or changed (with the fields that changed)."""

    kind: str
    id: str
    title: str
    change: ChangeKind
    fields: tuple[FieldChange, ...] = ()
    # What the plan calls this kind of item ("Strategy" for an objective), for sentences; "" for KIND_LABELS'.
    level: str = field(default="", compare=False)

    @property
    def label(self) -> str:
        """The item's kind in words: the plan's own level name, else the usual one ("Funding source")."""
        return self.level or KIND_LABELS.get(self.kind, self.kind.capitalize())

    def to_json(self) -> dict[str, Any]:
        """The change as a JSON object with stable keys."""
        return {
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "change": self.change,
            "fields": [{"field": f.field, "old": f.old, "new": f.new} for f in self.fields],
        }


def diff_frameworks(old: Framework | None, new: Framework) -> list[ItemChange]:
    """What changed from `old` to `new`: the framework first, then items in the new reading order,
    then removed items in the old order. `old=None` (a first version) reports everything as added."""
    changes: list[ItemChange] = []
    new_head = _framework_fields(new)
    if old is None:
        changes.append(ItemChange("framework", new.slug, new.title, "added"))
    else:
        fields = _changed_fields(_framework_fields(old), new_head)
        if fields:
            changes.append(ItemChange("framework", new.slug, new.title, "changed", fields))

    old_items = {(item.kind, item.id): item for item in walk(old)} if old is not None else {}
    new_keys: set[tuple[str, str]] = set()
    for item in walk(new):
        key = (item.kind, item.id)
        new_keys.add(key)
        before = old_items.get(key)
        if before is None:
            changes.append(ItemChange(item.kind, item.id, _title(item), "added"))
            continue
        fields = _changed_fields(_item_fields(before), _item_fields(item))
        if fields:
            changes.append(ItemChange(item.kind, item.id, _title(item), "changed", fields))
    for key, item in old_items.items():
        if key not in new_keys:
            changes.append(ItemChange(item.kind, item.id, _title(item), "removed"))
    levels = new.level_names
    return [replace(change, level=getattr(levels, change.kind).singular) if change.kind in LEVEL_KINDS else change
            for change in changes]


def _title(item: Item) -> str:
    """The item's title; a finding has none, so its text stands in, shortened."""
    if item.kind == "finding":
        return plain_value(item.model.text)  # type: ignore[attr-defined]
    return item.title


def _framework_fields(framework: Framework) -> dict[str, Any]:
    return _model_fields(framework, FRAMEWORK_ITEM_LISTS)


def _item_fields(item: Item) -> dict[str, Any]:
    """The fields of an item, with where it sits (its goal, its objective) so a move is a change."""
    fields = _model_fields(item.model, CHILD_LISTS)  # type: ignore[arg-type]
    if item.kind in ("objective", "action", "indicator") and item.goal is not None:
        fields["goal"] = item.goal.id
    if item.kind == "action" and item.objective is not None:
        fields["objective"] = item.objective.id
    return fields


def _model_fields(model: Model, skip: set[str]) -> dict[str, Any]:
    names = [name for name in type(model).model_fields if name not in skip]
    dumped = model.model_dump(mode="json", include=set(names))
    return {name: dumped.get(name) for name in names}


def _changed_fields(old: dict[str, Any], new: dict[str, Any]) -> tuple[FieldChange, ...]:
    """Fields whose value differs, in the new field order (fields only in `old` last)."""
    names = list(new) + [name for name in old if name not in new]
    return tuple(FieldChange(name, old.get(name), new.get(name)) for name in names if old.get(name) != new.get(name))


def summary(changes: list[ItemChange]) -> str:
    """A short count, for example "2 changes: 1 added, 1 changed"."""
    if not changes:
        return "No changes."
    counts = [(kind, sum(1 for c in changes if c.change == kind)) for kind in ("added", "changed", "removed")]
    parts = ", ".join(f"{n} {kind}" for kind, n in counts if n)
    return f"{len(changes)} change{'s' if len(changes) != 1 else ''}: {parts}"


def field_label(name: str) -> str:
    """A field name as plain words: `prevention_level` → "prevention level"."""
    return FIELD_LABELS.get(name, name.replace("_", " "))


def plain_value(value: Any) -> str:
    """A field value in plain words, shortened when long."""
    text = _plain(value)
    text = " ".join(text.split())
    if len(text) > MAX_VALUE_LENGTH:
        text = text[: MAX_VALUE_LENGTH - 1].rstrip() + "…"
    return text


def _plain(value: Any) -> str:
    if value is None or value == [] or value == {}:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict):
        if set(value) <= {"value", "date", "period", "note"} and "value" in value:
            when = f" on {value['date']}" if value.get("date") else f" in {value['period']}" if value.get("period") else ""
            text = f"{_plain(value['value'])}{when}"
            return f"{text} ({value['note']})" if value.get("note") else text
        if set(value) == {"singular", "plural"}:  # a level's names
            return f"{value['singular']}/{value['plural']}"
        if value.get("not_known_yet"):
            return f"not known yet ({value['note']})" if value.get("note") else "not known yet"
        if "source" in value:  # a funding link with its amount: "city-budget 280000 USD"
            rest = {k: v for k, v in value.items() if k != "source"}
            return f"{value['source']} {_plain(rest)}" if _plain(rest) != "none" else str(value["source"])
        if "opens" in value and "closes" in value:
            return f"{value['opens']} until {value['closes']}"
        return "; ".join(f"{field_label(k)}: {_plain(v)}" for k, v in value.items() if v not in (None, [], {}))
    if isinstance(value, list):
        if all(isinstance(v, dict) and "amount" not in v and "source" not in v for v in value):
            return f"{len(value)} entr{'y' if len(value) == 1 else 'ies'}"
        return ", ".join(_plain(v) for v in value)
    return str(value)


def quoted_value(value: Any, escape: Callable[[str], str] = str) -> str:
    """A value for a sentence: prose in quotes (“...”), codes and numbers as they are."""
    text = escape(plain_value(value))
    return f"“{text}”" if isinstance(value, str) and " " in value.strip() else text


def describe_field(change: FieldChange, escape: Callable[[str], str] = str, arrow: bool = False) -> str:
    """One changed field in plain words: "timeframe changed from near-term to mid-term"
    (with `arrow`: "timeframe: near-term → mid-term")."""
    label = field_label(change.field)
    if change.field == "measurements" and isinstance(change.old, list) and isinstance(change.new, list):
        return _describe_measurements(change.old, change.new, escape)
    old, new = quoted_value(change.old, escape), quoted_value(change.new, escape)
    if change.old in (None, [], {}):
        return f"{label} set to {new}"
    if change.new in (None, [], {}):
        return f"{label} removed (was {old})"
    if old == new:  # differs only beyond what fits on a line, or in details
        return f"{label} reworded" if isinstance(change.new, str) else f"{label} changed"
    return f"{label}: {old} → {new}" if arrow else f"{label} changed from {old} to {new}"


def _describe_measurements(old: list[dict], new: list[dict], escape: Callable[[str], str]) -> str:
    added = [m for m in new if m not in old]
    removed = [m for m in old if m not in new]
    parts = []
    if added:
        parts.append("added " + ", ".join(escape(plain_value(m)) for m in added))
    if removed:
        parts.append("removed " + ", ".join(escape(plain_value(m)) for m in removed))
    return "measurements: " + "; ".join(parts) if parts else "measurements reordered"


def describe(change: ItemChange, escape: Callable[[str], str] = str) -> str:
    """A change in precise words for reviewers, with the item's id and the values as written.

    `escape` is applied to community-written text (titles, values), e.g. to escape Markdown.
    """
    name = f"{change.label} `{change.id}` “{escape(' '.join(change.title.split()))}”"
    if change.change == "changed":
        return f"{name}: " + "; ".join(describe_field(f, escape) for f in change.fields)
    return f"{name} was {change.change}"
