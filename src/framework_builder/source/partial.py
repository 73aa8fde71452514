"""What the checks may know of files that did not validate, so `validate` reports every error
of every file in one run, without a cascade of errors that are not there.

A file with a schema error is not turned into a model, but its YAML was read: the ids written
in it still exist for the files that refer to them. Kinds whose ids cannot all be read (a file
that is not YAML, a list that is not a list) are "unreadable", and references to them are not
checked until that file is fixed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from framework_builder.model.items import FRAMEWORK_LISTS

FRAMEWORK_KINDS = tuple(kind for kind, _ in FRAMEWORK_LISTS)
GOAL_KINDS = ("goal", "objective", "action", "indicator")


@dataclass
class Unvalidated:
    """The files that did not validate, as far as the checks may rely on them."""

    framework_file: bool = False  # framework.yml did not validate: its own checks wait until it does
    goal_files: bool = False  # a goal file did not validate: checks that need every goal wait
    currency_named: bool = False  # framework.yml names a currency (or could not be read, so it may)
    ids: dict[str, set[str]] = field(default_factory=dict)  # kind -> ids written in those files
    unreadable: set[str] = field(default_factory=set)  # kinds whose ids could not all be read

    @property
    def anything(self) -> bool:
        return self.framework_file or self.goal_files

    def add_framework_file(self, data: Any) -> None:
        """framework.yml did not validate; `data` is its YAML (None when it could not be read)."""
        self.framework_file = True
        if not isinstance(data, dict):
            self.currency_named = True
            self.unreadable.update(FRAMEWORK_KINDS)
            return
        self.currency_named = data.get("currency") is not None
        for kind, key in FRAMEWORK_LISTS:
            self._add_list(kind, data.get(key, []))

    def add_goal_file(self, data: Any) -> None:
        """A goal file did not validate; `data` is its YAML (None when it could not be read)."""
        self.goal_files = True
        if not isinstance(data, dict):
            self.unreadable.update(GOAL_KINDS)
            return
        self._add_list("goal", [data])
        self._add_list("action", data.get("actions", []))
        self._add_list("indicator", data.get("indicators", []))
        objectives = data.get("objectives", [])
        self._add_list("objective", objectives)
        for objective in objectives if isinstance(objectives, list) else []:
            if isinstance(objective, dict):
                self._add_list("action", objective.get("actions", []))

    def _add_list(self, kind: str, entries: Any) -> None:
        if not isinstance(entries, list):
            self.unreadable.add(kind)
            return
        for entry in entries:
            ident = entry.get("id") if isinstance(entry, dict) else None
            if isinstance(ident, str):
                self.ids.setdefault(kind, set()).add(ident)
            else:
                self.unreadable.add(kind)
