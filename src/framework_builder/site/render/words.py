"""The words residents read for each value of the model: short, plain, explained once.

The tables hold the English messages (marked with `N_` for the catalog); each function translates
its word where it is used, into the language being rendered."""

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
    Sector,
    Status,
    Timeframe,
    Topic,
)
from framework_builder.site.i18n import N_
from framework_builder.site.i18n import gettext as _
from framework_builder.site.render.topic import topic_words

LABELS: dict[Enum, str] = {
    Status.draft: N_("Draft"),
    Status.public_comment: N_("Draft open for public comment"),
    Status.adopted: N_("Adopted"),
    Status.superseded: N_("Replaced by a newer version"),
    Role.convener: N_("Convener"),
    Role.steering: N_("Steering committee"),
    Role.member: N_("Member of the leadership group"),
    Role.funder: N_("Funder"),
    Role.technical_support: N_("Technical support"),
    Role.partner: N_("Partner"),
    Timeframe.near_term: N_("Near term"),
    Timeframe.mid_term: N_("Mid term"),
    Timeframe.long_term: N_("Long term"),
    ActionStatus.not_started: N_("Not started"),
    ActionStatus.in_progress: N_("In progress"),
    ActionStatus.complete: N_("Complete"),
    ActionStatus.on_hold: N_("On hold"),
    ActionStatus.dropped: N_("Dropped"),
    PreventionLevel.primary: N_("Primary prevention"),
    PreventionLevel.secondary: N_("Secondary prevention"),
    PreventionLevel.tertiary: N_("Tertiary prevention"),
    IndicatorType.output: N_("Output"),
    IndicatorType.outcome: N_("Outcome"),
    IndicatorType.impact: N_("Impact"),
    Measure.count: N_("Count"),
    Measure.percent: N_("Percent"),
    Measure.rate: N_("Rate"),
    Measure.qualitative: N_("Described in words"),
    Direction.increase: N_("Aim: increase"),
    Direction.decrease: N_("Aim: decrease"),
    Direction.maintain: N_("Aim: keep it steady"),
    Sector.local_government: N_("Local government"),
    Sector.education: N_("Education"),
    Sector.law_enforcement: N_("Law enforcement"),
    Sector.nonprofit: N_("Nonprofit"),
    Sector.social_services: N_("Social services"),
    Sector.faith: N_("Faith"),
    Sector.community: N_("Community"),
    Sector.health: N_("Health"),
    Sector.business: N_("Business"),
    Sector.library: N_("Library"),
    Sector.state: N_("State"),
    Sector.federal: N_("Federal"),
    Sector.funder: N_("Funder"),
    Sector.international: N_("International"),
    Sector.other: N_("Other"),
    Frequency.monthly: N_("Monthly"),
    Frequency.quarterly: N_("Quarterly"),
    Frequency.twice_yearly: N_("Twice yearly"),
    Frequency.annually: N_("Annually"),
    Frequency.once: N_("Once"),
}

EXPLANATIONS: dict[Enum, str] = {
    Status.draft: N_("The leadership group is still writing this version."),
    Status.public_comment: N_("This version is a draft. Residents can comment on it before it is adopted."),
    Status.adopted: N_("The leadership group has adopted this version. It is the plan in force."),
    Status.superseded: N_("This version was adopted, and a newer adopted version has replaced it."),
    Timeframe.near_term: N_("Work planned to start first, usually within the next year or two."),
    Timeframe.mid_term: N_("Work planned for the following years, usually two to four years out."),
    Timeframe.long_term: N_("Work that takes many years, usually four years or more."),
    PreventionLevel.primary: N_("Work with the whole community, before any harm happens."),
    PreventionLevel.secondary: N_("Early help for people who show signs of being drawn toward violence."),
    PreventionLevel.tertiary: N_("Work with people who have already used violence, "
                                 "including support to leave it behind and return to the community."),
    Role.convener: N_("Brings the leadership group together and coordinates the plan."),
    Role.steering: N_("Oversees the plan and takes its main decisions."),
    Role.member: N_("Takes part in the leadership group that writes the plan and carries it out."),
    Role.funder: N_("Pays for the plan or for some of its actions."),
    Role.technical_support: N_("Gives the group expertise, research, data or training."),
    Role.partner: N_("Works with the group on some of the actions."),
    IndicatorType.output: N_("Counts what we do, for example trainings held."),
    IndicatorType.outcome: N_("Shows the change our work makes, for example trust in the city."),
    IndicatorType.impact: N_("Shows long-term change in the community, for example {impact_example}."),
}


# The kinds of funding source (a list of words in the model, not an enumeration).
FUNDING_KINDS: dict[str, str] = {
    "local-government": N_("Local government"),
    "state": N_("State"),
    "federal": N_("Federal"),
    "foundation": N_("Foundation"),
    "community": N_("Community"),
    "private": N_("Private"),
    "other": N_("Other"),
}


def funding_kind(kind: str) -> str:
    """A funding source's kind in plain words."""
    return _(FUNDING_KINDS[kind])


def label(value: Enum | str | None) -> str:
    """A value in plain words ('' for None)."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return _(LABELS[value]) if value in LABELS else value.value.replace("-", " ").capitalize()
    return str(value)


def explain(value: Enum, topic: Topic | None = None) -> str:
    """A one-line explanation of a term, or ''; its example follows the topic (the default topic's for None)."""
    if value not in EXPLANATIONS:
        return ""
    return _(EXPLANATIONS[value]).format(impact_example=topic_words(topic).impact_example)


# The partners page's groups, in the order of `Role`; organizations without a role come last,
# under a name that does not give them one.
ROLE_GROUPS: dict[Role, str] = {
    Role.convener: N_("Conveners"),
    Role.steering: N_("Steering committee"),
    Role.member: N_("Members of the leadership group"),
    Role.funder: N_("Funders"),
    Role.technical_support: N_("Technical support"),
    Role.partner: N_("Partners"),
}
NO_ROLE_GROUP = N_("Other organizations named in the plan")


def role_group(role: Role | None) -> str:
    """The heading of the partners page's group of organizations with `role` (None: without one)."""
    return _(ROLE_GROUPS[role] if role is not None else NO_ROLE_GROUP)


# How often the plan is reviewed, after "reviewed".
REVIEWED: dict[Frequency, str] = {
    Frequency.monthly: N_("every month"),
    Frequency.quarterly: N_("every three months"),
    Frequency.twice_yearly: N_("twice a year"),
    Frequency.annually: N_("every year"),
    Frequency.once: N_("once"),
}


def reviewed(frequency: Frequency) -> str:
    """How often the plan is reviewed, in words: 'every year'."""
    return _(REVIEWED[frequency])
