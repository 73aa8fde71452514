"""Safety of `framework-builder build`: a failed build changes nothing.

Untrusted text in pages is tested in test_hostile_pages.py. Each test builds a copy of
tests/fixtures/minimal (a public-comment framework) in its own temporary project folder,
so the build cache lands there too.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from cli_helpers import FIXTURES

TODAY = "2026-02-01"  # inside the fixture's comment window
GOAL = Path("frameworks/minimal/goals/reporting.yml")


def build(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`framework-builder build --root frameworks --out site ARGS` run in `project`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run(
        [sys.executable, "-m", "framework_builder", "build", "--root", "frameworks", "--out", "site",
         "--today", TODAY, *args],
        cwd=project, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "minimal", tmp_path / "frameworks" / "minimal")
    return tmp_path


def edit_goal(project: Path, change) -> None:  # type: ignore[no-untyped-def]
    """Apply `change` to the fixture's goal file, read as data."""
    path = project / GOAL
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_failed_build_leaves_the_previous_site_exactly_as_it_was(project: Path) -> None:
    first = build(project)
    assert first.returncode == 0, first.stderr
    before = tree_bytes(project / "site")

    def unknown_lead(goal: dict) -> None:
        goal["objectives"][0]["actions"][0]["lead"] = "nobody-we-know"

    edit_goal(project, unknown_lead)
    second = build(project)
    assert second.returncode == 1
    assert "Traceback" not in second.stderr + second.stdout
    assert re.search(r"frameworks/minimal/goals/reporting\.yml:\d+:\d+", second.stderr), second.stderr
    assert "nobody-we-know" in second.stderr
    assert tree_bytes(project / "site") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == []


def test_an_invalid_framework_never_creates_the_output(project: Path) -> None:
    edit_goal(project, lambda goal: goal["objectives"][0]["actions"][0].update(lead="nobody-we-know"))
    result = build(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "not built" in result.stderr
    assert not (project / "site").exists()
    assert not (project / ".site.building").exists()


def test_only_an_unknown_framework_is_a_usage_error(project: Path) -> None:
    result = build(project, "--only", "nosuch")
    assert result.returncode == 2
    assert "nosuch" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()


def test_a_mkdocs_failure_leaves_the_previous_site_and_no_temporary_folder(project: Path) -> None:
    first = build(project)
    assert first.returncode == 0, first.stderr
    before = tree_bytes(project / "site")
    (project / "mkdocs.yml").write_text("theme:\n  name: no-such-theme\n", encoding="utf-8")  # replaces the built-in
    second = build(project)
    assert second.returncode == 1
    assert "Traceback" not in second.stderr
    assert "MkDocs could not build minimal 1.0" in second.stderr
    assert tree_bytes(project / "site") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == []
