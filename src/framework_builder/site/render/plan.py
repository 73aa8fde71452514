"""The shape of a plan in words: items named with their published reference, the plan's own level
names in running text, when an action happens, and the action plan's groups.

Every function returns plain text; the templates escape it for where it goes (`inline`, `html`).
Nothing here invents a fact: a "When" line says only the timeframe and dates the authors gave.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from framework_builder.model.framework import (
    Action,
    Finding,
    Framework,
    Goal,
    Indicator,
    LevelName,
    Levels,
    Objective,
    Timeframe,
)
from framework_builder.site.i18n import N_
from framework_builder.site.i18n import gettext as _
from framework_builder.site.render.text import span_words
from framework_builder.site.render.words import explain, label

ActionEntry = tuple[Goal, Objective | None, Action]
Named = Goal | Objective | Action | Indicator | Finding

FIRST_WORDS = 8  # how many words of a finding's text name it when it has no title
_MARKDOWN_MARKS = re.compile(r"\]\([^)]*\)|[*_`#>\[\]]")  # link targets and emphasis, heading, quote marks


# The default names of the levels, as messages (a framework's own `levels:` are community text).
DEFAULT_LEVELS = {
    "goal": (N_("Goal"), N_("Goals")),
    "objective": (N_("Objective"), N_("Objectives")),
    "action": (N_("Action"), N_("Actions")),
    "indicator": (N_("Indicator"), N_("Indicators")),
}


def levels_of(framework: Framework) -> Levels:
    """What the plan calls its levels: its own `levels:` (translated with the framework), or the default
    names in the language being rendered."""
    if framework.levels is not None:
        return framework.levels
    return Levels(**{level: LevelName(singular=_(one), plural=_(many)) for level, (one, many) in DEFAULT_LEVELS.items()})


def first_words(markdown: str, count: int = FIRST_WORDS) -> str:
    """The first words of a Markdown text as plain words, with "…" when there are more."""
    words = _MARKDOWN_MARKS.sub("", markdown).split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def titled(item: Named) -> str:
    """An item's title (an indicator's name; a finding's title or first words) after its reference:
    "1.05: Expand youth outreach"; the title alone when the item has no reference."""
    if isinstance(item, Finding):
        title = item.title or first_words(item.text)
    else:
        title = item.name if isinstance(item, Indicator) else item.title
    return f"{item.reference}: {title}" if item.reference else title


def named(level_name: str, item: Goal | Objective | Action | Indicator) -> str:
    """An item as a sentence names it, with its level and reference: "strategy 1.05: Expand youth outreach";
    a reference that is a label of its own ("Goal 2") stands without the level's name."""
    title = item.name if isinstance(item, Indicator) else item.title
    if item.reference is None:
        return f"{word(level_name)}: {title}"
    return f"{item.reference}: {title}" if " " in item.reference else f"{word(level_name)} {item.reference}: {title}"


def word(level_name: str) -> str:
    """A level's name inside a sentence: "Strategy" → "strategy", "Priority area" → "priority area";
    a word written in capitals (an acronym such as "KPI") stays as written."""
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in level_name.split())


def when(action: Action) -> str:
    """When an action happens, as the authors gave it: its timeframe, its dates, or both
    ("Near term, from 1 March 2025 to 31 December 2026"; "From 1 March 2018")."""
    dates = span_words(action.start, action.end)
    if action.timeframe is None:
        return dates[:1].upper() + dates[1:]
    if not dates:
        return label(action.timeframe)
    return _("{timeframe}, {dates}").format(timeframe=label(action.timeframe), dates=dates)


@dataclass(frozen=True)
class PlanGroup:
    """One group of the action plan: its heading, what it means, and its actions in reading order."""

    id: str  # the heading's anchor
    heading: str
    meaning: str
    rows: list[ActionEntry]


def _dated_key(action: Action) -> tuple[dt.date, dt.date]:
    return (action.start or dt.date.min, action.end or dt.date.max)


def plan_groups(entries: list[ActionEntry]) -> list[PlanGroup]:
    """The action plan's groups: one per timeframe in use, in order; then the actions that have dates
    but no timeframe, one group per span of dates, the earliest start first."""
    groups = []
    for timeframe in Timeframe:
        rows = [entry for entry in entries if entry[2].timeframe is timeframe]
        if rows:
            groups.append(PlanGroup(timeframe.value, label(timeframe), explain(timeframe), rows))
    spans: dict[tuple[dt.date, dt.date], list[ActionEntry]] = {}
    for entry in sorted((e for e in entries if e[2].timeframe is None), key=lambda e: _dated_key(e[2])):
        spans.setdefault(_dated_key(entry[2]), []).append(entry)
    for (start, end), rows in spans.items():
        dates = span_words(rows[0][2].start, rows[0][2].end)
        anchor = "-".join(["dated", *(d.isoformat() for d in (start, end) if d not in (dt.date.min, dt.date.max))])
        groups.append(PlanGroup(anchor, _("Dated work: {dates}").format(dates=dates),
                                _("Work the plan gives dates for instead of a timeframe: {dates}.").format(dates=dates),
                                rows))
    return groups
