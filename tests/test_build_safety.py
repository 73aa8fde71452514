"""Safety of `framework-builder build`: a failed build changes nothing.

Untrusted text in pages is tested in test_hostile_pages.py. Each test builds a copy of
tests/fixtures/minimal (a public-comment framework) in its own temporary project folder,
so the build cache lands there too.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from harness import FIXTURE_TODAY, FIXTURES, build, edit_yaml, snapshot

TODAY = FIXTURE_TODAY
GOAL = Path("frameworks/minimal/goals/reporting.yml")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "minimal", tmp_path / "frameworks" / "minimal")
    return tmp_path


def test_a_failed_build_leaves_the_previous_site_exactly_as_it_was(project: Path) -> None:
    first = build(project, today=TODAY)
    assert first.code == 0, first.err
    before = snapshot(project / "site")

    def unknown_lead(goal: dict) -> None:
        goal["objectives"][0]["actions"][0]["lead"] = "nobody-we-know"

    edit_yaml(project / GOAL, unknown_lead)
    second = build(project, today=TODAY)
    assert second.code == 1
    assert "Traceback" not in second.err + second.out
    assert re.search(r"frameworks/minimal/goals/reporting\.yml:\d+:\d+", second.err), second.err
    assert "nobody-we-know" in second.err
    assert snapshot(project / "site") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == []


def test_an_invalid_framework_never_creates_the_output(project: Path) -> None:
    edit_yaml(project / GOAL, lambda goal: goal["objectives"][0]["actions"][0].update(lead="nobody-we-know"))
    result = build(project, today=TODAY)
    assert result.code == 1
    assert "Traceback" not in result.err
    assert "not built" in result.err
    assert not (project / "site").exists()
    assert not (project / ".site.building").exists()


def test_only_an_unknown_framework_is_a_usage_error(project: Path) -> None:
    result = build(project, "--only", "nosuch", today=TODAY)
    assert result.code == 2
    assert "nosuch" in result.err
    assert "Traceback" not in result.err
    assert not (project / "site").exists()


def test_a_mkdocs_failure_leaves_the_previous_site_and_no_temporary_folder(project: Path) -> None:
    first = build(project, today=TODAY)
    assert first.code == 0, first.err
    before = snapshot(project / "site")
    (project / "mkdocs.yml").write_text("theme:\n  name: no-such-theme\n", encoding="utf-8")  # replaces the built-in
    second = build(project, today=TODAY)
    assert second.code == 1
    assert "Traceback" not in second.err
    assert "MkDocs could not build minimal 1.0" in second.err
    assert snapshot(project / "site") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == []
