"""What the page templates see: the version, lookups between items, links and filters."""

from __future__ import annotations

import posixpath
from collections import Counter, defaultdict
from typing import Any
from urllib.parse import urlsplit

from framework_builder.model.diff import describe, diff_frameworks
from framework_builder.model.framework import Action, ActionStatus, Framework, Goal, Objective, Timeframe
from framework_builder.model.items import actions, indicators
from framework_builder.site.render import indicators as indicator_view
from framework_builder.site.render.comments import Target, Window, comment_links, window
from framework_builder.site.render.escape import html, markdown_inline, markdown_url, url_part
from framework_builder.site.render.text import long_date, number, rich
from framework_builder.site.render.words import explain, label
from framework_builder.site.versions import VersionContext


def url_host(url: str) -> str:
    """The host (and port) of a validated URL, as the privacy page names it."""
    return urlsplit(url).netloc


# Community text always leaves through one of the escaping filters (see escape.py), or `rich`.
FILTERS = {"rich": rich, "href": markdown_url, "inline": markdown_inline, "html": html, "url": url_part,
           "host": url_host, "long_date": long_date, "number": number, "label": label,
           "explain": explain}


def _action_lookups(framework: Framework) -> dict[str, Any]:
    """Which actions each organization leads and supports, each finding and funding source serves."""
    leads, supports = defaultdict(list), defaultdict(list)
    addressed_by, funded = defaultdict(list), defaultdict(list)
    for goal, objective, action in actions(framework):
        entry = (goal, objective, action)
        if action.lead:
            leads[action.lead].append(entry)
        for org in action.partners:
            supports[org].append(entry)
        for finding in action.addresses:
            addressed_by[finding].append(entry)
        for source in action.funding:
            funded[source].append(entry)
    return {"leads": leads, "supports": supports, "addressed_by": addressed_by, "funded": funded}


def _at_a_glance(framework: Framework) -> dict[str, Any]:
    """Counts and overall progress for the overview."""
    statuses = Counter(action.status for _, _, action in actions(framework))
    measured = [p for _, i in indicators(framework) if (p := indicator_view.progress(i)) is not None]
    return {
        "objective_count": sum(len(goal.objectives) for goal in framework.goals),
        "action_counts": [(status, statuses[status]) for status in ActionStatus if statuses[status]],
        "measured_progress": measured,
        "average_progress": round(sum(measured) / len(measured), 1) if measured else None,
    }


def version_values(ctx: VersionContext, site_url: str = "") -> dict[str, Any]:
    """The variables every page of a version shares (computed once per version).

    `site_url` (may be empty) makes the links back to an item in comment messages absolute."""
    framework = ctx.framework

    def comments(kind: str, item: Goal | Objective | Action, goal: Goal) -> Any:
        title = getattr(item, "title", None) or getattr(item, "name")
        anchor = "" if item is goal else f"#{item.id}"
        back = f"{ctx.slug}/{ctx.version}/goals/{goal.id}/{anchor}"
        return comment_links(ctx, Target(kind, item.id, title, site_url + back))

    return {
        "ctx": ctx,
        "framework": framework,
        "version": ctx.version,
        "status": ctx.status,
        "window": window(ctx),
        "Window": Window,
        "organizations": {o.id: o for o in framework.organizations},
        "findings": {f.id: f for f in framework.findings},
        "finding_numbers": {f.id: n for n, f in enumerate(framework.findings, 1)},
        "funding_sources": {f.id: f for f in framework.funding},
        "all_actions": list(actions(framework)),
        "timeframes": list(Timeframe),
        "all_indicators": list(indicators(framework)),
        "changes": diff_frameworks(ctx.previous, framework) if ctx.previous is not None else None,
        "describe_change": lambda change: describe(change, markdown_inline),
        "comments": comments,
        "progress": indicator_view.progress,
        "progress_bar": indicator_view.progress_bar,
        "latest_value": indicator_view.latest,
        "chart": indicator_view.chart,
        "chart_description": indicator_view.describe,
        **_action_lookups(framework),
        **_at_a_glance(framework),
    }


def page_context(shared: dict[str, Any], page: str, **extra: Any) -> dict[str, Any]:
    """The variables of one page: the version's, plus links relative to `page` (its path in the docs)."""
    here = posixpath.dirname(page)
    up = "../" * page.count("/")

    def url(target: str, anchor: str | None = None) -> str:
        """A Markdown link from this page to another page of the version (checked by MkDocs)."""
        relative = target[len(here) + 1:] if here and target.startswith(here + "/") else up + target
        return f"{relative}#{anchor}" if anchor else relative

    def item_url(goal: Goal, item_id: str | None = None) -> str:
        return url(f"goals/{goal.id}.md", item_id)

    return {**shared, "url": url, "item_url": item_url, **extra}
