"""Render one version of a framework into Markdown pages and open data files.

`render_version` writes every page of a version into an empty docs folder and returns
what the MkDocs build needs besides: the navigation and the banner.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from framework_builder.errors import BuildError
from framework_builder.site.render.context import FILTERS, page_context, version_values
from framework_builder.site.render.downloads import write_downloads
from framework_builder.site.theme import environment as jinja_environment
from framework_builder.site.theme import find_template_file
from framework_builder.site.versions import VersionContext

# (page path, template, navigation title) of the overview, then of the pages after the goals.
OVERVIEW = ("index.md", "overview.md.j2", "Overview")
PAGES_AFTER_GOALS = (
    ("action-plan.md", "action-plan.md.j2", "Action plan"),
    ("indicators.md", "indicators.md.j2", "Indicators"),
    ("findings.md", "findings.md.j2", "Findings"),
    ("partners.md", "partners.md.j2", "Partners"),
    ("funding.md", "funding.md.j2", "Funding"),
    ("changes.md", "changes.md.j2", "What changed"),
    ("comment.md", "comment.md.j2", "How to comment"),
    ("help.md", "help.md.j2", "Get help"),
    ("downloads.md", "downloads.md.j2", "Downloads"),
    ("print.md", "print.md.j2", "Print view"),
    ("accessibility.md", "accessibility.md.j2", "Accessibility"),
    ("privacy.md", "privacy.md.j2", "Privacy"),
)
ASSETS = ("assets/theme.css",)
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


@lru_cache(maxsize=8)
def _environment(project_dir: Path | None) -> jinja2.Environment:
    """One Jinja2 environment per project, so each template compiles once per process."""
    env = jinja_environment(project_dir)
    env.filters.update(FILTERS)
    return env


def _render(env: jinja2.Environment, template: str, values: dict[str, Any]) -> str:
    """Render one template; a broken template is reported by name and line, not as a traceback."""
    try:
        return env.get_template(template).render(values)
    except jinja2.TemplateSyntaxError as exc:
        raise BuildError(f"{exc.filename or template}:{exc.lineno}: template error: {exc.message}") from exc
    except jinja2.TemplateError as exc:
        raise BuildError(f"{template}: template error: {exc}") from exc


def render_version(ctx: VersionContext, docs_dir: Path, project_dir: Path | None = None,
                   site_url: str = "", pdf: bool = False) -> RenderedVersion:
    """Write every page and download of one version into docs_dir (an empty folder).

    With `pdf`, the downloads page links to the PDF that the build prints after MkDocs;
    an empty placeholder stands in for it until then, so MkDocs can check the link."""
    env = _environment(project_dir)
    shared = {**version_values(ctx, site_url), "pdf": PDF_DOWNLOAD if pdf else None}
    pages = [(path, template, {}) for path, template, _ in (OVERVIEW, *PAGES_AFTER_GOALS)]
    pages += [(f"goals/{goal.id}.md", "goal.md.j2", {"goal": goal}) for goal in ctx.framework.goals]
    for path, template, extra in pages:
        _write(docs_dir, path, _render(env, template, page_context(shared, path, **extra)))
    write_downloads(ctx, docs_dir)
    if pdf:
        _write(docs_dir, PDF_DOWNLOAD, "")
    for source, destination in site_assets(project_dir):
        _write(docs_dir, destination, source.read_text(encoding="utf-8"))
    goal_nav = [{goal.title: f"goals/{goal.id}.md"} for goal in ctx.framework.goals]
    nav: list[Any] = [{OVERVIEW[2]: OVERVIEW[0]}, {"Goals": goal_nav}]
    nav += [{title: path} for path, _, title in PAGES_AFTER_GOALS]
    banner = _render(env, "banner.html.j2", page_context(shared, "index.md")).strip()
    return RenderedVersion(nav=nav, banner=banner, pages=len(pages))


def site_assets(project_dir: Path | None = None) -> list[tuple[Path, str]]:
    """(source file, path in docs) of the CSS every version loads."""
    found = []
    for relative in ASSETS:
        source = find_template_file(relative, project_dir)
        if source is not None:
            found.append((source, relative))
    return found
