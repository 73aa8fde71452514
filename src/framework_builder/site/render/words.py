"""The words residents read for each value of the model: short, plain, explained once."""

from __future__ import annotations

from enum import Enum

from framework_builder.model.framework import (
    ActionStatus,
    Direction,
    Frequency,
    IndicatorType,
    Measure,
    PreventionLevel,
    Role,
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
    Role.convener: "Convener",
    Role.steering: "Steering committee",
    Role.member: "Member of the leadership group",
    Role.funder: "Funder",
    Role.technical_support: "Technical support",
    Role.partner: "Partner",
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
    Role.convener: "Brings the leadership group together and coordinates the plan.",
    Role.steering: "Oversees the plan and takes its main decisions.",
    Role.member: "Takes part in the leadership group that writes the plan and carries it out.",
    Role.funder: "Pays for the plan or for some of its actions.",
    Role.technical_support: "Gives the group expertise, research, data or training.",
    Role.partner: "Works with the group on some of the actions.",
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


# The partners page's groups, in the order of `Role`; organizations without a role come last,
# under a name that does not give them one.
ROLE_GROUPS: dict[Role, str] = {
    Role.convener: "Conveners",
    Role.steering: "Steering committee",
    Role.member: "Members of the leadership group",
    Role.funder: "Funders",
    Role.technical_support: "Technical support",
    Role.partner: "Partners",
}
NO_ROLE_GROUP = "Other organizations named in the plan"


def role_group(role: Role | None) -> str:
    """The heading of the partners page's group of organizations with `role` (None: without one)."""
    return ROLE_GROUPS[role] if role is not None else NO_ROLE_GROUP


# How often the plan is reviewed, after "reviewed".
REVIEWED: dict[Frequency, str] = {
    Frequency.monthly: "every month",
    Frequency.quarterly: "every three months",
    Frequency.twice_yearly: "twice a year",
    Frequency.annually: "every year",
    Frequency.once: "once",
}


def reviewed(frequency: Frequency) -> str:
    """How often the plan is reviewed, in words: 'every year'."""
    return REVIEWED[frequency]
