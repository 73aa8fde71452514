"""`framework-builder serve`: a live preview of a framework's working version.

The preview rebuilds when a YAML file of the framework or a template changes, and the
browser reloads (MkDocs' live-reload server). While the YAML has errors, the last good
preview stays up and the errors are printed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

from framework_builder.commands.build import BuildOptions, Timing, build_version
from framework_builder.errors import BuildError
from framework_builder.site.output import remove_tree
from framework_builder.site.theme import Theme
from framework_builder.site.versions import version_contexts
from framework_builder.source.diagnostics import FORMATTERS
from framework_builder.source.discovery import framework_folder
from framework_builder.source.loader import load_framework


def _rebuild(folder: Path, options: BuildOptions, theme: Theme, site_dir: Path, say: Callable[[str], None]) -> None:
    loaded = load_framework(folder)
    errors = [d for d in loaded.diagnostics if d.is_error]
    if errors:
        say(FORMATTERS["text"](errors) + "\nThe preview was not updated: fix the errors above.")
        return
    working = version_contexts(loaded, options.today)[-1]
    work = options.project_dir / "build" / "serve" / loaded.slug
    try:
        pages = build_version(working, options, theme, work, site_dir, Timing())
    except BuildError as exc:
        say(str(exc))
        return
    say(f"Rebuilt {loaded.slug} {working.version}: {pages} pages.")


def run(root: Path, slug: str, today: dt.date, host: str, port: int, say: Callable[[str], None] = print) -> None:
    """Build the working version of ROOT/SLUG and serve it until interrupted."""
    from mkdocs.livereload import LiveReloadServer

    folder = framework_folder(root, slug)
    options = BuildOptions(root=root, out=Path("build") / "serve", today=today, only=slug)
    site_dir = options.project_dir / "build" / "serve" / f"{slug}-site"
    remove_tree(site_dir, options.project_dir / "build")
    site_dir.mkdir(parents=True)
    theme = Theme.for_project(options.project_dir)
    _rebuild(folder, options, theme, site_dir, say)
    if not (site_dir / "index.html").is_file():
        raise BuildError("The preview could not be built: fix the errors above, then run serve again.")
    server = LiveReloadServer(builder=lambda: _rebuild(folder, options, theme, site_dir, say), host=host, port=port,
                              root=str(site_dir.resolve()))
    server.watch(str(folder.resolve()))
    for templates in theme.folders:
        server.watch(str(templates.resolve()))
    say(f"Previewing {slug} at http://{host}:{port}/ (Ctrl+C to stop). Edit the YAML: the page reloads.")
    try:
        server.serve()
    except KeyboardInterrupt:
        say("Stopped.")
    finally:
        server.shutdown()
