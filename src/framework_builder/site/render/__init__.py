"""Render one version of a framework into Markdown pages and open data files.

`render_version` writes every page of a version into an empty docs folder and returns
what the MkDocs build needs besides: the navigation and the banner.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from framework_builder.errors import BuildError
from framework_builder.site.i18n import N_, gettext
from framework_builder.site.render.context import PageContext, version_view
from framework_builder.site.render.downloads import write_downloads
from framework_builder.site.render.plan import titled, word
from framework_builder.site.versions import VersionContext

if TYPE_CHECKING:  # the theme gives the pages environment, with this package's filters
    from framework_builder.site.theme import Theme

# (page path, template, navigation title) of the overview, then of the pages after the goals.
OVERVIEW = ("index.md", "overview.md.j2", N_("Overview"))
# Every goal on one page: the goals folder has a page of its own, last under "Goals" (its title names
# the plan's goal level: "All goals", "All priorities").
GOALS_INDEX = ("goals/index.md", "goals.md.j2", N_("All {goals}"))
# The focus areas, after the action plan, when the framework has some.
AREAS = ("areas.md", "areas.md.j2", N_("Focus areas"))
PAGES_AFTER_GOALS = (
    ("action-plan.md", "action-plan.md.j2", N_("Action plan")),
    ("indicators.md", "indicators.md.j2", "{indicators}"),
    ("findings.md", "findings.md.j2", N_("Findings")),
    ("partners.md", "partners.md.j2", N_("Partners")),
    ("funding.md", "funding.md.j2", N_("Funding")),
    ("changes.md", "changes.md.j2", N_("What changed")),
    ("heard.md", "heard.md.j2", N_("What we heard")),
    ("comment.md", "comment.md.j2", N_("How to comment")),
    ("help.md", "help.md.j2", N_("Get help")),
    ("downloads.md", "downloads.md.j2", N_("Downloads")),
    ("print.md", "print.md.j2", N_("Print view")),
    ("accessibility.md", "accessibility.md.j2", N_("Accessibility")),
    ("privacy.md", "privacy.md.j2", N_("Privacy")),
)
PDF_DOWNLOAD = "downloads/framework.pdf"


@dataclass(frozen=True)
class RenderedVersion:
    """What a rendered version hands to the MkDocs build."""

    nav: list[Any]
    banner: str  # HTML for the announcement bar ('' for none)
    pages: int


def _write(docs_dir: Path, relative: str, text: str) -> None:
    target = (docs_dir / relative).resolve()
    if docs_dir.resolve() not in target.parents:  # ids are slugs, but never trust a path
        raise BuildError(f"refusing to write outside the docs folder: {relative}")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def _render(env: jinja2.Environment, template: str, page: PageContext) -> str:
    """Render one template; a broken template is reported by name and line, not as a traceback."""
    try:
        return env.get_template(template).render(page.variables())
    except jinja2.TemplateSyntaxError as exc:
        raise BuildError(f"{exc.filename or template}:{exc.lineno}: template error: {exc.message}") from exc
    except jinja2.TemplateError as exc:
        raise BuildError(f"{template}: template error: {exc}") from exc


def _pages_after_goals(with_areas: bool) -> tuple[tuple[str, str, str], ...]:
    """The pages after the goals: the focus areas page follows the action plan when there are focus areas."""
    return PAGES_AFTER_GOALS[:1] + (AREAS,) + PAGES_AFTER_GOALS[1:] if with_areas else PAGES_AFTER_GOALS


def render_version(ctx: VersionContext, docs_dir: Path, theme: Theme, site_url: str = "",
                   pdf: bool = False) -> RenderedVersion:
    """Write every page and download of one version into docs_dir (an empty folder), with the theme's templates.

    With `pdf`, the downloads page links to the PDF that the build prints after MkDocs;
    an empty placeholder stands in for it until then, so MkDocs can check the link."""
    env = theme.pages
    if any(goal.id == "index" for goal in ctx.framework.goals):  # its page would replace the goals index
        raise BuildError("a goal cannot have the id 'index': goals/index.md is the page listing every goal; "
                         "rename the goal")
    view = version_view(ctx, site_url, PDF_DOWNLOAD if pdf else None)
    after_goals = _pages_after_goals(bool(ctx.framework.focus_areas))
    pages = [(template, PageContext(view, path)) for path, template, _ in (OVERVIEW, GOALS_INDEX, *after_goals)]
    pages += [("goal.md.j2", PageContext(view, f"goals/{goal.id}.md", goal)) for goal in ctx.framework.goals]
    for template, page in pages:
        _write(docs_dir, page.page, _render(env, template, page))
    write_downloads(ctx, docs_dir)
    if pdf:
        _write(docs_dir, PDF_DOWNLOAD, "")
    for source, destination in theme.assets:
        _write(docs_dir, destination, source.read_text(encoding="utf-8"))
    goals = view.levels.goal.plural
    goal_nav = [{titled(goal): f"goals/{goal.id}.md"} for goal in ctx.framework.goals]
    goal_nav.append({gettext(GOALS_INDEX[2]).format(goals=word(goals)): GOALS_INDEX[0]})
    nav: list[Any] = [{gettext(OVERVIEW[2]): OVERVIEW[0]}, {goals: goal_nav}]
    nav += [{gettext(title).format(indicators=view.levels.indicator.plural): path} for path, _, title in after_goals]
    banner = _render(env, "banner.html.j2", PageContext(view, "index.md")).strip()
    return RenderedVersion(nav=nav, banner=banner, pages=len(pages))
