"""What we heard: the comments on an earlier version, with the leadership group's response.

`framework.yml` of the version that answers the comments holds them (`heard:`); a released
version is frozen, so the answer to its comments lives in the next one. Each entry stands
under its item on the goal page and on the version's "What we heard" page.
"""

from __future__ import annotations

from dataclasses import dataclass

from framework_builder.model.framework import Framework, Goal, HeardItem
from framework_builder.model.items import walk

# The kinds of item an entry may stand under (validate refuses the others: FB218).
SHOWN_KINDS = ("goal", "objective", "action", "indicator")


@dataclass(frozen=True)
class HeardEntry:
    """One entry with its item: kind, title and goal (all None for the framework as a whole)."""

    entry: HeardItem
    kind: str | None = None
    title: str | None = None
    goal: Goal | None = None


def heard_entries(framework: Framework) -> list[HeardEntry]:
    """Every entry of `heard:`, items in the framework's reading order first, then the rest as written."""
    if framework.heard is None:
        return []
    by_item = {entry.item: entry for entry in reversed(framework.heard.items) if entry.item}
    found = [HeardEntry(by_item[item.id], item.kind, item.title, item.goal)
             for item in walk(framework) if item.kind in SHOWN_KINDS and item.id in by_item]
    placed = {id(found_entry.entry) for found_entry in found}
    return found + [HeardEntry(entry) for entry in framework.heard.items if id(entry) not in placed]


def heard_on(entries: list[HeardEntry]) -> dict[str, HeardItem]:
    """Item id → what was heard about it, from `heard_entries` (the first entry, when validate was not run)."""
    return {e.entry.item: e.entry for e in entries if e.kind is not None and e.entry.item}
