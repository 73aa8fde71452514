"""The words residents read for each value of the model: short, plain, explained once."""

from __future__ import annotations

from enum import Enum

from framework_builder.model.framework import (
    ActionStatus,
    Direction,
    IndicatorType,
    Measure,
    PreventionLevel,
    Status,
    Timeframe,
    Topic,
)
from framework_builder.site.render.topic import topic_words

LABELS: dict[Enum, str] = {
    Status.draft: "Draft",
    Status.public_comment: "Draft open for public comment",
    Status.adopted: "Adopted",
    Status.superseded: "Replaced by a newer version",
    Timeframe.near_term: "Near term",
    Timeframe.mid_term: "Mid term",
    Timeframe.long_term: "Long term",
    ActionStatus.not_started: "Not started",
    ActionStatus.in_progress: "In progress",
    ActionStatus.complete: "Complete",
    ActionStatus.on_hold: "On hold",
    ActionStatus.dropped: "Dropped",
    PreventionLevel.primary: "Primary prevention",
    PreventionLevel.secondary: "Secondary prevention",
    PreventionLevel.tertiary: "Tertiary prevention",
    IndicatorType.output: "Output",
    IndicatorType.outcome: "Outcome",
    IndicatorType.impact: "Impact",
    Measure.count: "Count",
    Measure.percent: "Percent",
    Measure.rate: "Rate",
    Measure.qualitative: "Described in words",
    Direction.increase: "Aim: increase",
    Direction.decrease: "Aim: decrease",
    Direction.maintain: "Aim: keep it steady",
}

EXPLANATIONS: dict[Enum, str] = {
    Status.draft: "The leadership group is still writing this version.",
    Status.public_comment: "This version is a draft. Residents can comment on it before it is adopted.",
    Status.adopted: "The leadership group has adopted this version. It is the plan in force.",
    Status.superseded: "This version was adopted, and a newer adopted version has replaced it.",
    Timeframe.near_term: "Work planned to start first, usually within the next year or two.",
    Timeframe.mid_term: "Work planned for the following years, usually two to four years out.",
    Timeframe.long_term: "Work that takes many years, usually four years or more.",
    PreventionLevel.primary: "Work with the whole community, before any harm happens.",
    PreventionLevel.secondary: "Early help for people who show signs of being drawn toward violence.",
    PreventionLevel.tertiary: "Work with people who have already used violence, "
                              "including support to leave it behind and return to the community.",
    IndicatorType.output: "Counts what we do, for example trainings held.",
    IndicatorType.outcome: "Shows the change our work makes, for example trust in the city.",
    IndicatorType.impact: "Shows long-term change in the community, for example {impact_example}.",
}


def label(value: Enum | str | None) -> str:
    """A value in plain words ('' for None)."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return LABELS.get(value, value.value.replace("-", " ").capitalize())
    return str(value)


def explain(value: Enum, topic: Topic | None = None) -> str:
    """A one-line explanation of a term, or ''; its example follows the topic (the default topic's for None)."""
    return EXPLANATIONS.get(value, "").format(impact_example=topic_words(topic).impact_example)

