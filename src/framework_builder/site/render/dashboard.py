"""The overview's dashboard: where each goal's actions stand and how far its indicators have come.

Every figure is counted from what the authors wrote: action statuses and indicator values.
Nothing is estimated. The bars only repeat the counts written out next to them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from markupsafe import Markup

from framework_builder.model.framework import Action, ActionStatus, Goal, Indicator
from framework_builder.model.items import goal_actions
from framework_builder.site.i18n import gettext as _
from framework_builder.site.render import indicators as indicator_view
from framework_builder.site.render.plan import word
from framework_builder.site.render.text import number
from framework_builder.site.render.words import label


@dataclass(frozen=True)
class GoalRow:
    """One goal on the dashboard: its actions by status and its indicators' progress."""

    goal: Goal
    actions: int
    action_counts: list[tuple[ActionStatus, int]]  # statuses in use, in their order
    indicators: int
    measured: list[float]  # progress of each indicator measured against its target
    average_progress: float | None  # their average, None when none is measured
    moved_away: int  # indicators whose latest value is further from the target than the starting point


def status_counts(actions: Iterable[Action]) -> list[tuple[ActionStatus, int]]:
    """How many actions have each status, for the statuses in use, in their order."""
    statuses = Counter(action.status for action in actions)
    return [(status, statuses[status]) for status in ActionStatus if statuses[status]]


def measured_progress(indicators: Iterable[Indicator]) -> list[float]:
    """The progress of each indicator that is measured against its target (see `indicators.progress`).

    One that moved away from its target has no share (it is counted by `moved_away`), so it is
    not averaged as if it stood at 0 %."""
    return [p for indicator in indicators if (p := indicator_view.progress(indicator)) is not None]


def moved_away(indicators: Iterable[Indicator]) -> int:
    """How many indicators moved away from their target since their starting point."""
    return sum(indicator_view.standing(indicator).moved_away for indicator in indicators)


def average(values: list[float]) -> float | None:
    """The average to one decimal, None when there is nothing to average."""
    return round(sum(values) / len(values), 1) if values else None


def goal_rows(goals: list[Goal]) -> list[GoalRow]:
    """A dashboard row per goal, in the framework's order."""
    rows = []
    for goal in goals:
        counts = status_counts(action for _, _, action in goal_actions(goal))
        measured = measured_progress(goal.indicators)
        rows.append(GoalRow(
            goal=goal,
            actions=sum(count for _, count in counts),
            action_counts=counts,
            indicators=len(goal.indicators),
            measured=measured,
            average_progress=average(measured),
            moved_away=moved_away(goal.indicators),
        ))
    return rows


def status_bar(counts: list[tuple[ActionStatus, int]], actions_named: str = "Actions") -> Markup:
    """A bar of the actions by status, each part as wide as its share, with the counts in text.

    `actions_named` is what the plan calls its actions (plural). The bar is hidden from screen
    readers: the list after it says the same in words."""
    total = sum(count for _, count in counts)
    if not total:
        none = _("No {actions} yet.").format(actions=word(actions_named))
        return Markup('<p class="fb-status-bar__none">{}</p>').format(none)
    parts = Markup("").join(
        Markup('<span class="fb-status-bar__part fb-status--{key}" style="width: {share}%"></span>').format(
            key=status.value, share=round(count / total * 100, 2))
        for status, count in counts
    )
    words = Markup("").join(
        Markup('<li><span class="fb-status-key fb-status--{key}" aria-hidden="true"></span>{text}</li>').format(
            key=status.value, text=_("{status}: {count}").format(status=label(status), count=number(count)))
        for status, count in counts
    )
    return Markup(
        '<div class="fb-status-bar"><span class="fb-status-bar__track" aria-hidden="true">{parts}</span>'
        '<ul class="fb-status-bar__counts">{words}</ul></div>'
    ).format(parts=parts, words=words)
