"""The `framework-builder` command line: parses arguments, calls `commands/`."""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import click

from framework_builder import __version__
from framework_builder.errors import FrameworkBuilderError
from framework_builder.terminal import terminal_lines, terminal_safe

DEFAULT_ROOT = Path("frameworks")


def _say(message: str, err: bool = False) -> None:
    """Print a message of ours that may quote the user's input or a framework's text, terminal-safe."""
    click.echo(terminal_lines(message), err=err)


def _progress(line: str) -> None:
    """Progress goes to stderr, so stdout stays clean for reports."""
    _say(line, err=True)


@contextmanager
def _safe_usage_errors() -> Iterator[None]:
    """click's one-line usage errors quote what was typed (an unknown option, an extra argument): terminal-safe.
    Our own errors print themselves terminal-safe, line by line (FrameworkBuilderError.show)."""
    try:
        yield
    except FrameworkBuilderError:
        raise
    except click.ClickException as exc:
        exc.message = terminal_safe(exc.message)
        raise


def _framework_slug(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A framework named on the command line: a slug, else refused before it is echoed anywhere."""
    from framework_builder.model.framework import SLUG_PATTERN

    if value is None or re.fullmatch(SLUG_PATTERN, value):
        return value
    raise click.BadParameter(f"'{terminal_safe(value)}' is not the name of a framework "
                             "(its folder name: lowercase letters, digits and hyphens)")


class _Group(click.Group):
    """The command group, whose usage errors never print a control character raw."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        with _safe_usage_errors():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        with _safe_usage_errors():
            return super().invoke(ctx)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="framework-builder")
def main() -> None:
    """Validate, build and publish local prevention frameworks written in YAML."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "github", "json"]), default="text",
              show_default=True, help="text for people, github for pull-request annotations, json for tools.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def validate(paths: tuple[Path, ...], output_format: str, strict: bool) -> None:
    """Check frameworks against the schema and the cross-reference rules.

    PATHS are framework folders, or folders of them (default: frameworks/).
    Exits 0 when valid, 1 on errors (or warnings with --strict), 2 on usage errors.
    """
    from framework_builder.source.discovery import find_framework_folders, source_jobs
    from framework_builder.source.yamlsource import prefetch

    roots = list(paths) or [DEFAULT_ROOT]
    for folder in find_framework_folders(roots):  # parse YAML while the models load
        prefetch(source_jobs(folder))
    from framework_builder.commands.validate import run

    click.echo(run(roots, output_format, strict))


@main.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("schema"), show_default=True,
              help="Folder to write the JSON Schema files into.")
def schema(out: Path) -> None:
    """Write JSON Schema for framework.yml, goal files and translation files (for editors' autocompletion)."""
    from framework_builder.model.json_schema import write_schemas

    for path in write_schemas(out):
        click.echo(f"wrote {path}")


# The values of model.framework.Topic, the default first (tests/test_new.py checks they agree), written
# out so that the command line starts without loading the model.
TOPICS = ("hate-and-targeted-violence", "community-violence", "gun-violence", "youth-violence", "violent-extremism")


@main.command()
@click.argument("slug")
@click.option("--city", required=True, help="The city's name, as residents write it.")
@click.option("--region", required=True, help="The state or region, as residents write it.")
@click.option("--topic", type=click.Choice(TOPICS), default=TOPICS[0], show_default=True,
              help="What the framework works to prevent; the sentences the site writes follow it.")
@click.option("--levels", metavar="GOALS/OBJECTIVES/ACTIONS/INDICATORS",
              help="What the plan calls its four levels, in the plural, separated by slashes, for example "
                   "goals/strategies/actions/measures (default: goals/objectives/actions/indicators). "
                   "Each singular drops the plural's ending (strategies: strategy); change it in framework.yml if needed.")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_ROOT, show_default=True,
              help="The folder that holds the frameworks.")
def new(slug: str, city: str, region: str, topic: str, levels: str | None, root: Path) -> None:
    """Start a new framework in ROOT/SLUG: framework.yml and one goal, with a note on every field.

    The notes and the example text are written for the topic and use the plan's level names.
    Never overwrites: exits 2 when the folder exists or the slug is not valid.
    """
    from framework_builder.commands.new import run

    _say(run(slug, city, region, root, topic, levels))


@main.command()
@click.argument("slug", required=False, callback=_framework_slug)
@click.argument("old", required=False)
@click.argument("new", required=False)
@click.option("--base", "base_ref", metavar="GIT_REF",
              help="Compare every framework in the working tree with the same folder at this git ref (no SLUG).")
@click.option("--format", "output_format", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True, help="text for people, markdown for a pull-request summary, json for tools.")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_ROOT, show_default=True,
              help="The folder that holds the frameworks.")
def diff(slug: str | None, old: str | None, new: str | None, base_ref: str | None, output_format: str,
         root: Path) -> None:
    """Show what changed, item by item, between two versions of a framework.

    With no OLD/NEW: the latest release against the working version. With OLD: OLD against the
    working version. With --base GIT_REF: every framework against the frameworks at that ref.
    With --base, files under releases/ that were added, edited or removed are listed first.

    \b
    Exits 0 on success, 1 when a framework has errors, 2 on usage errors,
    3 with --base when a released version was edited or removed (a release never changes).
    """
    from framework_builder.commands import diff as command

    if base_ref is not None and slug is not None:
        raise click.UsageError("--base compares every framework: leave out SLUG, OLD and NEW")
    if base_ref is None and slug is None:
        raise click.UsageError("name a framework (diff SLUG [OLD [NEW]]) or a git ref (diff --base GIT_REF)")
    if base_ref is not None:
        report = command.run_base(root, base_ref, output_format)
    else:
        report = command.run(root, slug, old, new, output_format)
    click.echo(report, nl=not report.endswith("\n"))


@main.command()
@click.argument("slug", callback=_framework_slug)
@click.option("--lang", "language", metavar="LANG", help="One language (es, ar, zh-TW), also one not started yet "
              "(default: every language in translations/).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the to-do file (default: translations/<lang>.todo.yml; needs --lang).")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_ROOT, show_default=True,
              help="The folder that holds the frameworks.")
def translations(slug: str, language: str | None, out: Path | None, root: Path) -> None:
    """Show how much of SLUG each language translates, and write what is left to translate.

    Prints, per language, the texts of the working version that are translated, missing and
    outdated (translated from a source text that has changed since), and writes
    translations/<lang>.todo.yml: the language's translation file with every text still to do
    ready to fill in. Fill in each `text:`, then save it as translations/<lang>.yml.
    Exits 0 on success, 1 when the framework has errors, 2 on usage errors.
    """
    from framework_builder.commands.translations import run

    _say(run(root, slug, language, out))


@main.command()
@click.argument("slug", callback=_framework_slug)
@click.option("--status", type=click.Choice(["public-comment", "adopted"]),
              help="The status of the release (default: the status in framework.yml).")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="The release date (default: SOURCE_DATE_EPOCH, else today).")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_ROOT, show_default=True,
              help="The folder that holds the frameworks.")
def release(slug: str, status: str | None, today, root: Path) -> None:  # type: ignore[no-untyped-def]
    """Freeze the working version of SLUG into releases/<version>.yml.

    A release never changes. Refuses (exit 1) when the framework has errors, the version is
    already released, or it would be adopted without `adopted_on:` in framework.yml. Prints the
    warnings validate would, then what it froze.
    """
    from framework_builder.commands.release import run

    _say(run(root, slug, status, today.date() if today else None))


@main.command()
@click.option("--only", metavar="SLUG", callback=_framework_slug, help="Build only this framework; the others already built stay as they are.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("site"), show_default=True,
              help="The folder to build the site into (replaced only when the build succeeds).")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="The build date, which opens and closes comment windows (default: SOURCE_DATE_EPOCH, else today).")
@click.option("--site-url", default="", metavar="URL",
              help="Where the site is published, e.g. https://example.org/frameworks/ (makes links in comments absolute).")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_ROOT, show_default=True,
              help="The folder that holds the frameworks.")
@click.option("--pdf", is_flag=True, help="Also print each version to downloads/framework.pdf (needs Chromium).")
@click.option("--jobs", type=int, metavar="N", help="Worker processes that build frameworks side by side "
              "(default: the number of cores; 1 builds in this process).")
@click.option("--shard", metavar="K/N", help="Build only shard K of N: a stable share of the frameworks "
              "(by a hash of the name), for a CI matrix; put the shards together with `merge`.")
@click.option("--engine", type=click.Choice(["mkdocs", "zensical"]), default="mkdocs", show_default=True,
              help="What builds the pages: MkDocs + Material, or Zensical (pip install 'framework-builder[zensical]').")
@click.option("--editor-repo", metavar="OWNER/NAME", help="Also publish the form editor under admin/, "
              "signing in to GitHub and opening a pull request per change in this repository.")
def build(only: str | None, out: Path, today, site_url: str, root: Path, pdf: bool,  # type: ignore[no-untyped-def]
          jobs: int | None, shard: str | None, engine: str, editor_repo: str | None) -> None:
    """Validate, then build every version of every framework into a static site.

    Exits 0 when built, 1 when a framework has errors or MkDocs fails (the previous site is then
    left exactly as it was), 2 on usage errors.
    """
    from framework_builder.commands.build import BuildOptions, run
    from framework_builder.site.build_date import build_date
    from framework_builder.site.parallel import default_jobs
    from framework_builder.site.shards import Shard

    options = BuildOptions(root=root, out=out, today=build_date(today.date() if today else None),
                           only=only, site_url=site_url, pdf=pdf, jobs=default_jobs() if jobs is None else jobs,
                           engine=engine, shard=Shard.parse(shard) if shard is not None else None)
    run(options, say=_progress)
    if editor_repo:
        from framework_builder.editor.publish import publish_editor

        _progress(f"Published the form editor in {publish_editor(out, root, editor_repo)}")


@main.command()
@click.argument("sites", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("site"), show_default=True,
              help="The folder to write the merged site into (replaced only when the merge succeeds).")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_ROOT, show_default=True,
              help="The folder that holds the frameworks (never written into).")
def merge(sites: tuple[Path, ...], out: Path, root: Path) -> None:
    """Put sites built with `build --shard K/N` together into one site with one portal.

    A file in two of the SITES must be the same byte for byte; the SITES are only read.
    Exits 0 when merged, 1 when two sites disagree, 2 on usage errors.
    """
    from framework_builder.commands.merge import run

    run(list(sites), out, root, say=_progress)


@main.command()
@click.argument("slug", callback=_framework_slug)
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="The date the preview is built as of (default: SOURCE_DATE_EPOCH, else today).")
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to serve on.")
@click.option("--port", default=8000, show_default=True, type=int, help="The port to serve on.")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_ROOT, show_default=True,
              help="The folder that holds the frameworks.")
def serve(slug: str, today, host: str, port: int, root: Path) -> None:  # type: ignore[no-untyped-def]
    """Preview the working version of SLUG; the browser reloads when a YAML file or template changes."""
    from framework_builder.commands.serve import run
    from framework_builder.site.build_date import build_date

    run(root, slug, build_date(today.date() if today else None), host, port, say=_progress)


@main.command()
@click.option("--port", default=8001, show_default=True, type=int, help="The port to serve on (on 127.0.0.1 only).")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="The date the preview is shown as of (default: SOURCE_DATE_EPOCH, else today).")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_ROOT, show_default=True,
              help="The folder that holds the frameworks (inside the current folder).")
def edit(port: int, today, root: Path) -> None:  # type: ignore[no-untyped-def]
    """Edit every framework in a form in your browser, without writing YAML.

    Serves the editor on 127.0.0.1; each save is validated first and written in the project's YAML style.
    """
    from framework_builder.commands.edit import run
    from framework_builder.site.build_date import build_date

    run(root, port, build_date(today.date() if today else None), say=_progress)
