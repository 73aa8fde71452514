"""`framework-builder new`: the scaffold a new city starts from validates cleanly, builds, and explains itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from harness import cli
from html_page import parse_file

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

    assert code == 1
    assert "already exists; nothing was written" in err
    assert goal.read_text(encoding="utf-8") == "id: coordination\n# my edits\n"


@pytest.mark.parametrize("slug", ["Oak_Dale", "oak dale", "éclair", "../oakdale"])
def test_new_refuses_a_bad_slug(slug: str, tmp_path: Path) -> None:
    code, out, err = new(tmp_path, slug)
    assert code == 1
    assert f"'{slug}' cannot be a framework slug" in err
    assert "lowercase letters, digits and hyphens" in err
    assert not (tmp_path / "frameworks").exists() or not any((tmp_path / "frameworks").iterdir())
    assert not (tmp_path / "oakdale").exists()


def test_new_refuses_an_empty_city(tmp_path: Path) -> None:
    code, _, err = new(tmp_path, "oakdale", "--city", " ", "--region", "Example State")
    assert code == 1
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
