"""`framework-builder new`: scaffold a valid framework folder to start from."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from framework_builder.errors import ScaffoldError
from framework_builder.model.framework import SLUG_PATTERN, LevelName, Levels, Topic
from framework_builder.model.layout import FRAMEWORK_FILE
from framework_builder.site.render.topic import DEFAULT_TOPIC, topic_words
from framework_builder.site.theme import Theme

GOAL_ID = "coordination"
ORGANIZATION_ID = "city-government"
MAX_NAME = 100
MAX_LEVEL_NAME = 40
LEVEL_NAME = re.compile(r"^[^\W\d_]+(?:[ '-][^\W\d_]+)*$")  # words of letters, joined by a space, hyphen or apostrophe
LEVELS_EXAMPLE = "goals/strategies/actions/measures"


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


def singular(plural: str) -> str:
    """The singular of a level's plural name, the regular English way: strategies → strategy, measures → measure."""
    for ending, replacement in (("ies", "y"), ("sses", "ss"), ("xes", "x"), ("ches", "ch"), ("shes", "sh"), ("s", "")):
        if plural.lower().endswith(ending) and len(plural) > len(ending):
            return plural[: -len(ending)] + replacement
    return plural


def parse_levels(text: str) -> Levels:
    """The names of the four levels from `goals/strategies/actions/measures` (plurals, in that order)."""
    names = [name.strip() for name in text.split("/")]
    if len(names) != 4 or not all(names):
        raise ScaffoldError(f"--levels names the plan's four levels, in the plural, separated by slashes: "
                            f"goals, objectives, actions and indicators, in that order, as your plan calls them "
                            f"(for example --levels {LEVELS_EXAMPLE}); '{text}' has {len([n for n in names if n])}")
    for name in names:
        if len(name) > MAX_LEVEL_NAME or not LEVEL_NAME.match(name):
            raise ScaffoldError(f"--levels: '{name}' cannot be the name of a level: use words of letters, "
                                f"at most {MAX_LEVEL_NAME} characters (for example --levels {LEVELS_EXAMPLE})")
    plurals = [name[0].upper() + name[1:] for name in names]
    goal, objective, action, indicator = (LevelName(singular=singular(plural), plural=plural) for plural in plurals)
    return Levels(goal=goal, objective=objective, action=action, indicator=indicator)


def scaffold(slug: str, city: str, region: str, root: Path, topic: Topic | None = None,
             levels: Levels | None = None) -> Scaffold:
    """Write root/<slug>/framework.yml and one goal file for the topic and the levels; never overwrite anything."""
    check_inputs(slug, city, region)
    topic = topic or DEFAULT_TOPIC
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
        "topic": topic.value,
        "topics": [value.value for value in Topic],
        "words": topic_words(topic),
        "levels": levels or Levels(),
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


def run(slug: str, city: str, region: str, root: Path, topic: str | None = None, levels: str | None = None) -> str:
    """Scaffold; return the message to print, or raise ScaffoldError.

    `topic` is a `Topic` value; `levels` the plan's level names as `--levels` takes them (see `parse_levels`)."""
    names = parse_levels(levels) if levels is not None else None
    try:
        made = scaffold(slug, city, region, root, Topic(topic) if topic else None, names)
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
