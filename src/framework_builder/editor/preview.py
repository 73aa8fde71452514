"""The preview pane: the item as residents will see it, rendered by the site's own page templates.

The edited file is put into a copy of its framework, the working version is rendered with the
project's theme (goal.md.j2 for a goal file, overview.md.j2 for framework.yml), and the page's
Markdown is turned into HTML with the Markdown extensions of the site's mkdocs.yml. What the
preview leaves out is Material's chrome (navigation, header, search)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import markdown
import yaml

from framework_builder.editor.backend import moved, refusal
from framework_builder.editor.files import edited_copy
from framework_builder.site.render import _render
from framework_builder.site.render.context import PageContext, version_view
from framework_builder.site.render.escape import html
from framework_builder.site.theme import Theme
from framework_builder.site.versions import version_contexts
from framework_builder.source.loader import load_framework


def _extensions(theme: Theme) -> tuple[list[str], dict]:
    """The Markdown extensions of the site's mkdocs.yml (its `!!python/name` tags are not needed here)."""
    path = theme.find("mkdocs.yml") or Path(__file__).parents[3] / "mkdocs.yml"
    try:
        settings = yaml.load(path.read_text(encoding="utf-8"), Loader=_Lenient) or {}
    except (OSError, yaml.YAMLError):
        settings = {}
    names: list[str] = []
    configs: dict = {}
    for item in settings.get("markdown_extensions", []):
        name, config = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        if name.startswith(("pymdownx.", "material.")):
            continue  # Material's extensions need its theme
        names.append(name)
        configs[name] = {k: v for k, v in (config or {}).items() if k != "permalink"}
    return names, configs


class _Lenient(yaml.SafeLoader):
    """Reads mkdocs.yml, whose tags (`!!python/name:...`, `!ENV`) are skipped as plain values."""


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


def preview_html(folder: Path, relative: str, text: str, theme: Theme, today: dt.date, shown: Path | None = None) -> str:
    """The page of the edited item as HTML, or the problems that keep it from being shown (at the real
    file's path, `shown/<file>`, not the temporary copy's)."""
    with edited_copy(folder, relative, text) as copy:
        loaded = load_framework(copy)
        errors = [moved(d, copy, shown or Path(folder.name)) for d in loaded.diagnostics if d.is_error]
        if errors or loaded.framework is None:
            lines = refusal(errors).split("\n")
            return "<p>The preview shows once {} fixed:</p><ul>{}</ul>".format(
                "this is" if len(lines) == 1 else "these are", "".join(f"<li>{html(line)}</li>" for line in lines))
        view = version_view(version_contexts(loaded, today)[-1], "", None)
        goal_id = Path(relative).stem if relative.startswith("goals/") else None
        goal = next((g for g in loaded.framework.goals if g.id == goal_id), None)
        if goal is not None:
            page = _render(theme.pages, "goal.md.j2", PageContext(view, f"goals/{goal.id}.md", goal))
        else:
            page = _render(theme.pages, "overview.md.j2", PageContext(view, "index.md"))
    names, configs = _extensions(theme)
    return markdown.markdown(page, extensions=names, extension_configs=configs)
