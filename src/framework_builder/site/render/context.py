"""What the page templates see: the version, lookups between items, links and filters.

Two typed structures, whose fields are the templates' variables: `VersionView` (computed
once per version, shared by its pages) and `PageContext` (one page: the version's view plus
links relative to the page). Filters and helpers that depend only on their arguments are
given to the pages environment once (`FILTERS`, `GLOBALS`; see `theme.Theme.pages`).
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any
from urllib.parse import urlsplit

from gettext import GNUTranslations

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from framework_builder.model.diff import ItemChange, diff_frameworks
from framework_builder.model.framework import (
    Action,
    ActionStatus,
    Finding,
    FocusArea,
    Framework,
    FundingSource,
    Goal,
    Indicator,
    Levels,
    Objective,
    Organization,
    Role,
    Status,
)
from framework_builder.model.items import actions, indicators
from framework_builder.model.translations import heard_keys
from framework_builder.site.i18n import SOURCE_LANGUAGE, direction, translations
from framework_builder.site.render import indicators as indicator_view
from framework_builder.site.render.changes import change_entries
from framework_builder.site.render.comments import Target, Window, comment_links, window, window_sentence
from framework_builder.site.render.dashboard import (
    GoalRow,
    average,
    goal_rows,
    measured_progress,
    moved_away,
    status_bar,
    status_counts,
)
from framework_builder.site.render.escape import html, markdown_inline, markdown_url, url_part
from framework_builder.site.render.heard import HeardEntry, heard_entries, heard_on
from framework_builder.site.render.money import Funding, funding
from framework_builder.site.render.plan import PlanGroup, levels_of, named, plan_groups, titled, when, word
from framework_builder.site.render.text import language_words, long_date, number, rich, when_name
from framework_builder.site.render.topic import TopicWords, topic_words
from framework_builder.site.render.words import explain, funding_kind, label, reviewed, role_group
from framework_builder.site.versions import VersionContext

ActionEntry = tuple[Goal, Objective | None, Action]  # objective None: an action directly under its goal
Commentable = Goal | Objective | Action | Indicator


def url_host(url: str) -> str:
    """The host (and port) of a validated URL, as the privacy page names it."""
    return urlsplit(url).netloc


@pass_context
def explain_for_topic(context: Context, value: Any) -> str:
    """`explain` on a page: its examples follow the topic of the framework being rendered."""
    framework = context.get("framework")
    return explain(value, framework.topic if framework is not None else None)


# Community text always leaves through one of the escaping filters (see escape.py), or `rich`.
FILTERS = {"rich": rich, "href": markdown_url, "inline": markdown_inline, "html": html, "url": url_part,
           "host": url_host, "long_date": long_date, "number": number, "label": label, "funding_kind": funding_kind,
           "titled": titled, "word": word, "when": when,
           "explain": explain_for_topic, "role_group": role_group, "reviewed": reviewed}

# Names every page may use that do not depend on the version.
GLOBALS = {"Window": Window, "change_entries": change_entries,
           "progress": indicator_view.progress, "progress_bar": indicator_view.progress_bar,
           "chart": indicator_view.chart,
           "chart_description": indicator_view.describe, "status_bar": status_bar,
           "progress_words": indicator_view.progress_words, "sparkline": indicator_view.sparkline,
           "value_words": indicator_view.value_words, "value_parts": indicator_view.value_parts,
           "with_unit": indicator_view.with_unit, "when_name": when_name}


@dataclass(frozen=True)
class VersionView:
    """What every page of a version shows (computed once per version); each field is a template variable."""

    ctx: VersionContext
    framework: Framework
    topic: TopicWords  # what the framework works to prevent, in the words of every sentence we write
    version: str
    status: Status  # the effective status
    window: Window  # the comment window on the build date
    window_sentence: str  # that window in words, '' when the version takes no comments
    comments: Callable[[str, Commentable, Goal], Markup]  # comment links of (kind, item, its goal)
    pdf: str | None  # the PDF's path in the docs, when the build prints one
    organizations: dict[str, Organization]  # by id
    findings: dict[str, Finding]  # by id
    funding_sources: dict[str, FundingSource]  # by id
    all_actions: list[ActionEntry]
    all_indicators: list[tuple[Goal, Indicator]]
    changes: list[ItemChange] | None  # since the previous version; None for the first
    leads: dict[str, list[ActionEntry]]  # organization id → the actions it leads
    supports: dict[str, list[ActionEntry]]  # organization id → the actions it is a partner of
    addressed_by: dict[str, list[ActionEntry]]  # finding id → the actions that respond to it
    money: Funding  # each funding source's amounts, totals per source, per goal and for the plan
    partner_groups: list[tuple[Role | None, list[Organization]]]  # organizations by role, in Role's order, no role last
    levels: Levels  # what the plan calls its goals, objectives, actions and indicators
    focus_areas: dict[str, FocusArea]  # by id
    in_area: dict[str, list[ActionEntry]]  # focus area id → the actions that name it
    plan_groups: list[PlanGroup]  # the action plan's groups: by timeframe, then by dates
    objective_count: int
    action_counts: list[tuple[ActionStatus, int]]  # statuses in use, in their order
    measured_progress: list[float]  # progress of every indicator measured against its target
    average_progress: float | None  # their average, None when none is measured
    moved_away: int  # indicators that moved away from their target (no share, so not averaged)
    goal_rows: list[GoalRow]  # the overview's dashboard: each goal's actions by status and indicators' progress
    updated_on: dt.date  # when this version was last updated: its release date, or the build date
    updated_by_release: bool  # True when updated_on is the release date, False for the build date
    heard: list[HeardEntry]  # what we heard in a comment window (framework.heard), items first
    heard_on: dict[str, Any]  # item id → its HeardItem, for the box under the item
    work_of: dict[str, list[indicator_view.Work]]  # indicator id → the objectives and actions it measures
    indicators_of: dict[str, list[tuple[Goal, Indicator]]]  # objective or action id → the indicators measuring it
    source_language: str  # the framework's own language, which untranslated texts are shown in
    source_language_name: str  # its name in the language of these pages: "inglés"
    untranslated: Callable[..., str | None]  # (item key, field) → "missing"/"outdated" when shown in the source language
    heard_key: Callable[[Any], str]  # a "what we heard" entry → its key in a translation (heard_keys)
    text_state: Callable[[str, str], str | None]  # (item key, field) → current/missing/outdated; None: no such text
    in_source_language: bool  # these pages are in the framework's own language (no text is shown in another)
    source_direction: str  # "ltr" or "rtl": the source language's direction, which a text in it keeps on any page
    sentences_marked: Markup  # ` lang="en" dir="ltr"` when the tool's sentences are not in the page's language
    # (a language with no catalog yet, like Arabic), for the elements that hold one sentence; else ''


def _by_id(items: list[Any]) -> dict[str, Any]:
    return {item.id: item for item in items}


def _by_role(organizations: list[Organization]) -> list[tuple[Role | None, list[Organization]]]:
    """The organizations grouped by role, in the order of `Role`, those without one last; empty groups left out."""
    groups = [(role, [org for org in organizations if org.role is role]) for role in [*Role, None]]
    return [(role, orgs) for role, orgs in groups if orgs]


def _untranslated(ctx: VersionContext) -> Callable[..., str | None]:
    """`untranslated(key, field="")`: how a text is shown in the source language, or None when it is not.

    For an item key (an id, `framework`) alone: `outdated` when one of its texts is shown in the source
    language because its translation is out of date, else `missing` when one has no translation; with a
    field, the same for that one text. The states are indexed by item once per version: pages ask
    for every item they show."""
    by_key: dict[str, dict[str, str]] = defaultdict(dict)
    if ctx.translated is not None:
        for (owner, name), state in ctx.translated.states.items():
            by_key[owner][name] = state

    def untranslated(key: str, field: str = "") -> str | None:
        states = by_key.get(key, {})
        found = set(states.values()) if not field else {states.get(field)}
        return "outdated" if "outdated" in found else "missing" if "missing" in found else None

    return untranslated


def version_view(ctx: VersionContext, site_url: str = "", pdf: str | None = None) -> VersionView:
    """The view every page of a version shares.

    `site_url` (may be empty) makes the links back to an item in comment messages absolute."""
    framework = ctx.framework
    levels = levels_of(framework)

    def comments(kind: str, item: Commentable, goal: Goal) -> Markup:
        title = getattr(item, "title", None) or getattr(item, "name")
        anchor = "" if item is goal else f"#{item.id}"
        back = f"{ctx.slug}/{ctx.version}/goals/{goal.id}/{anchor}"
        name = named(getattr(levels, kind).singular, item)
        return comment_links(ctx, Target(kind, item.id, title, name, site_url + back))

    all_actions = list(actions(framework))
    leads, supports = defaultdict(list), defaultdict(list)
    addressed_by, in_area = defaultdict(list), defaultdict(list)
    for entry in all_actions:
        action = entry[2]
        if action.lead:
            leads[action.lead].append(entry)
        for org in action.partners:
            supports[org].append(entry)
        for finding in action.addresses:
            addressed_by[finding].append(entry)
        for area in action.areas:
            in_area[area].append(entry)
    all_indicators = list(indicators(framework))
    measured = measured_progress(indicator for _, indicator in all_indicators)
    heard = heard_entries(framework)
    work_of, indicators_of = indicator_view.measured_work(framework)
    return VersionView(
        ctx=ctx,
        framework=framework,
        topic=topic_words(framework.topic),
        version=ctx.version,
        status=ctx.status,
        window=window(ctx),
        window_sentence=window_sentence(ctx),
        comments=comments,
        pdf=pdf,
        organizations=_by_id(framework.organizations),
        findings=_by_id(framework.findings),
        funding_sources=_by_id(framework.funding),
        all_actions=all_actions,
        all_indicators=all_indicators,
        changes=diff_frameworks(ctx.previous, framework) if ctx.previous is not None else None,
        leads=leads,
        supports=supports,
        addressed_by=addressed_by,
        money=funding(framework),
        partner_groups=_by_role(framework.organizations),
        levels=levels,
        focus_areas=_by_id(framework.focus_areas),
        in_area=in_area,
        plan_groups=plan_groups(all_actions),
        objective_count=sum(len(goal.objectives) for goal in framework.goals),
        action_counts=status_counts(action for _, _, action in all_actions),
        measured_progress=measured,
        average_progress=average(measured),
        moved_away=moved_away(indicator for _, indicator in all_indicators),
        goal_rows=goal_rows(framework.goals),
        updated_on=ctx.dated,
        updated_by_release=ctx.released_on is not None,
        heard=heard,
        heard_on=heard_on(heard),
        work_of=work_of,
        indicators_of=indicators_of,
        source_language=ctx.source_language,
        source_language_name=language_words(ctx.source_language),
        untranslated=_untranslated(ctx),
        text_state=_text_state(ctx),
        heard_key=_heard_key(framework),
        in_source_language=ctx.in_source_language,
        source_direction=direction(ctx.source_language),
        sentences_marked=_sentences_marked(ctx.language),
    )


def _heard_key(framework: Any) -> Callable[[Any], str]:
    """`heard_key(entry)`: the key of one of the framework's "what we heard" entries in a translation file."""
    entries = framework.heard.items if framework.heard is not None else []
    keys = {id(entry): key for entry, key in zip(entries, heard_keys(entries))}
    return lambda entry: keys.get(id(entry), "")


def _text_state(ctx: VersionContext) -> Callable[[str, str], str | None]:
    """`text_state(key, field)`: the translation state of one text on a translated page (None in the source
    language, or when the item has no such text)."""
    states = ctx.translated.states if ctx.translated is not None else {}
    return lambda key, field: states.get((key, field))


def _sentences_marked(language: str) -> Markup:
    """The attributes of an element holding one of the tool's sentences: its language and direction when the
    page's language has no catalog (the sentence stays in the language the messages are written in)."""
    if language == SOURCE_LANGUAGE or isinstance(translations(language), GNUTranslations):
        return Markup("")
    return Markup(f' lang="{SOURCE_LANGUAGE}" dir="{direction(SOURCE_LANGUAGE)}"')


@dataclass(frozen=True)
class PageContext:
    """One page of a version: the version's view, the page's path in the docs, and its goal (goal pages)."""

    view: VersionView
    page: str
    goal: Goal | None = None

    def url(self, target: str, anchor: str | None = None) -> str:
        """A Markdown link from this page to another page of the version (checked by MkDocs)."""
        here = posixpath.dirname(self.page)
        up = "../" * self.page.count("/")
        relative = target[len(here) + 1:] if here and target.startswith(here + "/") else up + target
        return f"{relative}#{anchor}" if anchor else relative

    def item_url(self, goal: Goal, item_id: str | None = None) -> str:
        """A link from this page to a goal, or to an item (by id) on the goal's page."""
        return self.url(f"goals/{goal.id}.md", item_id)

    def variables(self) -> dict[str, Any]:
        """The template variables: every field of the view, `url`, `item_url` and, on a goal page, `goal`."""
        values = {f.name: getattr(self.view, f.name) for f in fields(self.view)}
        values.update(url=self.url, item_url=self.item_url)
        if self.goal is not None:
            values["goal"] = self.goal
        return values
