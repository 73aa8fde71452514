"""`framework-builder new`: scaffold a valid framework folder to start from."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from framework_builder.errors import ScaffoldError
from framework_builder.model.framework import SLUG_PATTERN
from framework_builder.model.layout import FRAMEWORK_FILE
from framework_builder.site.theme import Theme

GOAL_ID = "coordination"
ORGANIZATION_ID = "city-government"
MAX_NAME = 100


@dataclass(frozen=True)
class Scaffold:
    """The files `new` wrote."""

    folder: Path
    files: tuple[Path, ...]


def check_inputs(slug: str, city: str, region: str) -> None:
    """Raise ScaffoldError when the slug or a name cannot make a valid framework."""
    if not re.match(SLUG_PATTERN, slug) or len(slug) > 80:
        raise ScaffoldError(
            f"'{slug}' cannot be a framework slug: use lowercase letters, digits and hyphens, "
            f"starting with a letter or digit (for example 'new-haven')"
        )
    for option, value in (("--city", city), ("--region", region)):
        if not value.strip():
            raise ScaffoldError(f"{option} is empty: give the name as residents write it, for example {option} 'New Haven'")
        if len(value) > MAX_NAME or any(ord(ch) < 32 for ch in value):
            raise ScaffoldError(f"{option} must be one line of at most {MAX_NAME} characters")


def scaffold(slug: str, city: str, region: str, root: Path) -> Scaffold:
    """Write root/<slug>/framework.yml and one goal file; never overwrite anything."""
    check_inputs(slug, city, region)
    folder = root / slug
    if folder.exists() or folder.is_symlink():
        raise ScaffoldError(f"{folder} already exists; nothing was written. Choose another slug, or edit the files there")
    city = city.strip()
    schema_dir = Path(os.path.relpath(Path("schema").resolve(), root.resolve() / slug)).as_posix()
    values = {
        "slug": slug,
        "city": city,
        "region": region,
        "title": f"{city} Local Prevention Framework",
        "organization_id": ORGANIZATION_ID,
        "organization_name": f"City of {city}",
        "goal_id": GOAL_ID,
    }
    env = Theme.for_project().scaffold  # the built-in scaffold
    outputs = {
        folder / FRAMEWORK_FILE: env.get_template("framework.yml.j2").render(values, schema_dir=schema_dir),
        folder / "goals" / f"{GOAL_ID}.yml": env.get_template("goal.yml.j2").render(values, schema_dir=f"../{schema_dir}"),
    }
    (folder / "goals").mkdir(parents=True)
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8")
    return Scaffold(folder, tuple(outputs))


def run(slug: str, city: str, region: str, root: Path) -> str:
    """Scaffold; return the message to print, or raise ScaffoldError."""
    try:
        made = scaffold(slug, city, region, root)
    except OSError as exc:
        raise ScaffoldError(f"could not write the framework: {exc.strerror} ({exc.filename})") from None
    lines = [f"Created the framework '{slug}':"]
    lines += [f"  {path}" for path in made.files]
    lines += [
        "Next:",
        "  1. Edit the files: every field has a short note above it.",
        f"  2. Check them:     framework-builder validate {made.folder}",
        f"  3. Preview:        framework-builder serve {slug}",
    ]
    return "\n".join(lines)
