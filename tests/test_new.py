"""`framework-builder new`: the scaffold a new city starts from validates cleanly, builds, and explains itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from harness import cli
from html_page import parse_file

from framework_builder.cli import TOPICS
from framework_builder.commands.new import parse_levels
from framework_builder.model.framework import Levels, Topic

ARGS = ("--city", "Oakdale", "--region", "Example State")
TOP_LEVEL_KEY = re.compile(r"^[a-z_]+:")


def new(tmp_path: Path, slug: str = "oakdale", *args: str) -> tuple[int, str, str]:
    """Run `new SLUG --city Oakdale --region 'Example State' --root tmp/frameworks` from tmp_path."""
    code, out, err = cli("new", slug, *(args or ARGS), "--root", str(tmp_path / "frameworks"), cwd=tmp_path)
    assert "Traceback" not in out + err, out + err
    return code, out, err


@pytest.fixture
def oakdale(tmp_path: Path) -> Path:
    """A fresh scaffold in tmp_path/frameworks/oakdale."""
    code, out, err = new(tmp_path)
    assert code == 0, out + err
    return tmp_path / "frameworks" / "oakdale"


def test_new_writes_framework_and_one_goal(oakdale: Path, tmp_path: Path) -> None:
    files = sorted(path.relative_to(oakdale).as_posix() for path in oakdale.rglob("*") if path.is_file())
    assert files == ["framework.yml", "goals/coordination.yml"]
    framework = (oakdale / "framework.yml").read_text(encoding="utf-8")
    assert "slug: oakdale\n" in framework
    assert 'city: "Oakdale"\n' in framework
    assert 'region: "Example State"\n' in framework


def test_new_says_what_it_wrote_and_what_to_do_next(tmp_path: Path) -> None:
    code, out, _ = new(tmp_path)
    assert code == 0
    assert "goals/coordination.yml" in out
    assert "framework-builder validate" in out


def test_scaffold_passes_strict_validation_with_no_warnings(oakdale: Path, tmp_path: Path) -> None:
    code, out, err = cli("validate", "--strict", "frameworks/oakdale", cwd=tmp_path)
    assert code == 0, out + err
    assert "warning" not in out + err
    assert "1 framework valid: oakdale" in out


def test_new_refuses_an_existing_folder_and_leaves_it_alone(oakdale: Path, tmp_path: Path) -> None:
    goal = oakdale / "goals" / "coordination.yml"
    goal.write_text("id: coordination\n# my edits\n", encoding="utf-8")

    code, out, err = new(tmp_path)

    assert code == 2
    assert "already exists; nothing was written" in err
    assert goal.read_text(encoding="utf-8") == "id: coordination\n# my edits\n"


@pytest.mark.parametrize("slug", ["Oak_Dale", "oak dale", "éclair", "../oakdale"])
def test_new_refuses_a_bad_slug(slug: str, tmp_path: Path) -> None:
    code, out, err = new(tmp_path, slug)
    assert code == 2
    assert f"'{slug}' cannot be a framework slug" in err
    assert "lowercase letters, digits and hyphens" in err
    assert not (tmp_path / "frameworks").exists() or not any((tmp_path / "frameworks").iterdir())
    assert not (tmp_path / "oakdale").exists()


def test_new_refuses_an_empty_city(tmp_path: Path) -> None:
    code, _, err = new(tmp_path, "oakdale", "--city", " ", "--region", "Example State")
    assert code == 2
    assert "--city is empty" in err


@pytest.mark.parametrize("name", ["framework.yml", "goals/coordination.yml"])
def test_every_top_level_field_has_a_note_above_it(oakdale: Path, name: str) -> None:
    lines = (oakdale / name).read_text(encoding="utf-8").splitlines()
    assert sum(line.lstrip().startswith("#") for line in lines) >= 10
    for index, line in enumerate(lines):
        if TOP_LEVEL_KEY.match(line):
            above = lines[max(0, index - 2):index]
            assert any(previous.startswith("#") for previous in above), f"{name}: no note above {line!r}"


def test_scaffold_builds_into_a_site(oakdale: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    code, out, err = cli("build", "--root", str(tmp_path / "frameworks"), "--only", "oakdale", "--out", str(site),
                             "--today", "2026-01-01", cwd=tmp_path)
    assert "Traceback" not in out + err, out + err
    assert code == 0, out + err
    first_page = parse_file(site / "oakdale" / "0.1" / "index.html")
    assert first_page.find_all("title")[0].text().startswith("Oakdale Local Prevention Framework")


def test_new_seeds_the_topic_and_the_level_names(tmp_path: Path) -> None:
    code, out, err = new(tmp_path, "oakdale", *ARGS, "--topic", "community-violence",
                         "--levels", "goals/strategies/actions/measures")
    assert code == 0, out + err
    folder = tmp_path / "frameworks" / "oakdale"
    framework = yaml.safe_load((folder / "framework.yml").read_text(encoding="utf-8"))
    goal_text = (folder / "goals" / "coordination.yml").read_text(encoding="utf-8")
    assert framework["topic"] == "community-violence"
    assert framework["levels"] == {"goal": {"singular": "Goal", "plural": "Goals"},
                                   "objective": {"singular": "Strategy", "plural": "Strategies"},
                                   "action": {"singular": "Action", "plural": "Actions"},
                                   "indicator": {"singular": "Measure", "plural": "Measures"}}
    assert framework["summary"].startswith("This framework sets out how Oakdale works to prevent community violence.")
    assert yaml.safe_load(goal_text)["title"] == "Bring partners together to prevent violence"
    notes = [line.strip() for line in goal_text.splitlines() if line.lstrip().startswith("#")]
    assert "# The strategies of this goal (key `objectives:`), each with the actions that serve it." in notes
    assert "# The measures of this goal: how its progress is measured." in notes
    written = (folder / "framework.yml").read_text(encoding="utf-8") + goal_text
    assert not re.search(r"\bhate\b|\bbias\b", written.replace("hate-and-targeted-violence", ""), re.IGNORECASE)

    code, out, err = cli("validate", "--strict", "frameworks/oakdale", cwd=tmp_path)
    assert code == 0, out + err
    assert "warning" not in out + err


def test_without_options_new_seeds_the_default_topic_and_levels(oakdale: Path) -> None:
    framework = yaml.safe_load((oakdale / "framework.yml").read_text(encoding="utf-8"))
    assert framework["topic"] == "hate-and-targeted-violence"
    assert framework["levels"] == Levels().model_dump()
    assert "works to prevent hate and targeted violence" in framework["summary"]


def test_the_topics_new_offers_are_the_models(tmp_path: Path) -> None:
    assert TOPICS == tuple(topic.value for topic in Topic)
    assert TOPICS[0] == Topic.hate_and_targeted_violence.value  # the default
    code, out, _ = cli("new", "--help", cwd=tmp_path)
    assert code == 0
    assert "goals/strategies/actions/measures" in " ".join(out.split())


@pytest.mark.parametrize(("plural", "singular"), [
    ("strategies", "Strategy"), ("measures", "Measure"), ("priorities", "Priority"), ("approaches", "Approach"),
    ("focus areas", "Focus area"), ("processes", "Process"), ("objectives", "Objective")])
def test_each_level_is_named_in_the_singular_too(plural: str, singular: str) -> None:
    levels = parse_levels(f"goals/{plural}/actions/indicators")
    assert (levels.objective.singular, levels.objective.plural) == (singular, plural[0].upper() + plural[1:])


@pytest.mark.parametrize(("levels", "says"), [
    ("goals/strategies", "--levels names the plan's four levels"),
    ("goals//actions/measures", "--levels names the plan's four levels"),
    ("goals/strat3gies/actions/measures", "'strat3gies' cannot be the name of a level"),
])
def test_new_refuses_levels_it_cannot_read(tmp_path: Path, levels: str, says: str) -> None:
    code, _, err = new(tmp_path, "oakdale", *ARGS, "--levels", levels)
    assert code == 2
    assert says in err
    assert "for example --levels goals/strategies/actions/measures" in err
    assert not (tmp_path / "frameworks" / "oakdale").exists()


def test_new_refuses_a_topic_it_does_not_know(tmp_path: Path) -> None:
    code, _, err = new(tmp_path, "oakdale", *ARGS, "--topic", "hate")
    assert code == 2
    assert "community-violence" in err
    assert not (tmp_path / "frameworks" / "oakdale").exists()
