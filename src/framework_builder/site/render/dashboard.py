"""The overview's dashboard: where each goal's actions stand and how far its indicators have come.

Every figure is counted from what the authors wrote: action statuses and indicator values.
Nothing is estimated. The bars only repeat the counts written out next to them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from markupsafe import Markup

from framework_builder.model.framework import ActionStatus, Goal
from framework_builder.site.render import indicators as indicator_view
from framework_builder.site.render.words import label
from framework_builder.site.versions import VersionContext


@dataclass(frozen=True)
class GoalRow:
    """One goal on the dashboard: its actions by status and its indicators' progress."""

    goal: Goal
    actions: int
    action_counts: list[tuple[ActionStatus, int]]  # statuses in use, in their order
    indicators: int
    measured: list[float]  # progress of each indicator measured against its target
    average_progress: float | None  # their average, None when none is measured


def goal_rows(goals: list[Goal]) -> list[GoalRow]:
    """A dashboard row per goal, in the framework's order."""
    rows = []
    for goal in goals:
        statuses = Counter(action.status for objective in goal.objectives for action in objective.actions)
        measured = [p for indicator in goal.indicators if (p := indicator_view.progress(indicator)) is not None]
        rows.append(GoalRow(
            goal=goal,
            actions=sum(statuses.values()),
            action_counts=[(status, statuses[status]) for status in ActionStatus if statuses[status]],
            indicators=len(goal.indicators),
            measured=measured,
            average_progress=round(sum(measured) / len(measured), 1) if measured else None,
        ))
    return rows


def updated_on(ctx: VersionContext) -> tuple[dt.date, bool]:
    """The date a version was last updated, and whether it is its release date.

    A release is dated by its release; the working version, which changes until it is
    released, by the build date (as the build dates its files)."""
    released = next((v.released_on for v in ctx.versions if v.version == ctx.version), None)
    return (released, True) if released is not None else (ctx.today, False)


def status_bar(counts: list[tuple[ActionStatus, int]]) -> Markup:
    """A bar of the actions by status, each part as wide as its share, with the counts in text.

    The bar is hidden from screen readers: the list after it says the same in words."""
    total = sum(count for _, count in counts)
    if not total:
        return Markup('<p class="fb-status-bar__none">No actions yet.</p>')
    parts = Markup("").join(
        Markup('<span class="fb-status-bar__part fb-status--{key}" style="width: {share}%"></span>').format(
            key=status.value, share=round(count / total * 100, 2))
        for status, count in counts
    )
    words = Markup("").join(
        Markup('<li><span class="fb-status-key fb-status--{key}" aria-hidden="true"></span>{label}: {count}</li>').format(
            key=status.value, label=label(status), count=count)
        for status, count in counts
    )
    return Markup(
        '<div class="fb-status-bar"><span class="fb-status-bar__track" aria-hidden="true">{parts}</span>'
        '<ul class="fb-status-bar__counts">{words}</ul></div>'
    ).format(parts=parts, words=words)
