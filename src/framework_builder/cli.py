"""The `framework-builder` command line: parses arguments, calls `commands/`."""

from __future__ import annotations

from pathlib import Path

import click

from . import __version__

DEFAULT_ROOT = Path("frameworks")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
    from .commands.validate import run

    code, report = run(list(paths) or [DEFAULT_ROOT], output_format, strict)
    click.echo(report)
    raise SystemExit(code)


@main.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("schema"), show_default=True,
              help="Folder to write the JSON Schema files into.")
def schema(out: Path) -> None:
    """Write JSON Schema for framework.yml and goal files (for editors' autocompletion)."""
    from .schema import write_schemas

    for path in write_schemas(out):
        click.echo(f"wrote {path}")


@main.command()
@click.argument("slug")
@click.option("--city", required=True, help="The city's name, as residents write it.")
@click.option("--region", required=True, help="The state or region, as residents write it.")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_ROOT, show_default=True,
              help="The folder that holds the frameworks.")
def new(slug: str, city: str, region: str, root: Path) -> None:
    """Start a new framework in ROOT/SLUG: framework.yml and one goal, with a note on every field.

    Never overwrites: exits 1 when the folder exists or the slug is not valid.
    """
    from .commands.new import run

    code, message = run(slug, city, region, root)
    click.echo(message, err=code != 0)
    raise SystemExit(code)
