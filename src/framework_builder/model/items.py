"""Walk every identified item of a framework, with where it was written."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from framework_builder.model.framework import Action, Framework, Goal, Indicator, Objective
from framework_builder.model.layout import FRAMEWORK_FILE


@dataclass(frozen=True)
class Item:
    """An item with an id: its kind, the model, and its place in the source files.

    `file` is `framework.yml` or the goal's id (whose file is `goals/<id>.yml`);
    `loc` is the path of keys and indexes to the item inside that file.
    """

    kind: str
    model: object
    file: str
    loc: tuple[str | int, ...]
    goal: Goal | None = None
    objective: Objective | None = None

    @property
    def id(self) -> str:
        return self.model.id  # type: ignore[attr-defined]

    @property
    def title(self) -> str:
        return getattr(self.model, "title", None) or getattr(self.model, "name", None) or self.id


FRAMEWORK_LISTS = (
    ("organization", "organizations"),
    ("finding", "findings"),
    ("funding", "funding"),
    ("resource", "resources"),
    ("focus-area", "focus_areas"),
)


def walk(framework: Framework) -> Iterator[Item]:
    """Every organization, finding, funding source, resource, focus area, goal, objective, action and indicator."""
    for kind, field in FRAMEWORK_LISTS:
        for index, model in enumerate(getattr(framework, field)):
            yield Item(kind, model, FRAMEWORK_FILE, (field, index))
    for goal in framework.goals:
        yield from walk_goal(goal)


def walk_goal(goal: Goal) -> Iterator[Item]:
    """A goal and everything in it, in reading order."""
    yield Item("goal", goal, goal.id, (), goal)
    for a_index, action in enumerate(goal.actions):
        yield Item("action", action, goal.id, ("actions", a_index), goal)
    for o_index, objective in enumerate(goal.objectives):
        yield Item("objective", objective, goal.id, ("objectives", o_index), goal, objective)
        for a_index, action in enumerate(objective.actions):
            yield Item("action", action, goal.id, ("objectives", o_index, "actions", a_index), goal, objective)
    for i_index, indicator in enumerate(goal.indicators):
        yield Item("indicator", indicator, goal.id, ("indicators", i_index), goal)


def actions(framework: Framework) -> Iterator[tuple[Goal, Objective | None, Action]]:
    """Every action with its goal and objective (None for an action directly under its goal)."""
    for goal in framework.goals:
        yield from goal_actions(goal)


def goal_actions(goal: Goal) -> Iterator[tuple[Goal, Objective | None, Action]]:
    """A goal's actions in reading order: those directly under it, then those under each objective."""
    for action in goal.actions:
        yield goal, None, action
    for objective in goal.objectives:
        for action in objective.actions:
            yield goal, objective, action


def indicators(framework: Framework) -> Iterator[tuple[Goal, Indicator]]:
    """Every indicator with its goal."""
    for goal in framework.goals:
        for indicator in goal.indicators:
            yield goal, indicator
