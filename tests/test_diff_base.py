"""`framework-builder diff --base GIT_REF`: the pull-request summary, against a real git repository."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from harness import FIXTURES, Result, cli, markdown_as_read

MINIMAL = FIXTURES / "minimal"
NEW_INDICATOR = """
  - id: reports-filed
    name: Bias incident reports filed
    type: output
    measure: count
    direction: increase
"""


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo, check=True,
                   capture_output=True)


def diff_base(repo: Path, *args: str) -> Result:
    return cli("diff", *args, cwd=repo)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with the minimal framework committed under frameworks/."""
    shutil.copytree(MINIMAL, tmp_path / "frameworks" / "minimal")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "frameworks")
    git(tmp_path, "commit", "-q", "-m", "minimal framework")
    return tmp_path


def test_summary_names_the_changed_action_and_the_added_indicator(repo: Path) -> None:
    goal = repo / "frameworks" / "minimal" / "goals" / "reporting.yml"
    text = goal.read_text()
    assert "timeframe: near-term" in text
    goal.write_text(text.replace("timeframe: near-term", "timeframe: mid-term") + NEW_INDICATOR)

    result = diff_base(repo, "--base", "HEAD", "--format", "markdown")

    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    lines = markdown_as_read(result.out).splitlines()
    assert "### Testville prevention framework (`minimal`)" in lines
    assert any(line.startswith("Version 1.0") and "2 changes: 1 added, 1 changed" in line for line in lines)
    action = lines.index("- Action `reporting-guide` “Publish a reporting guide”")
    assert lines[action + 1] == "  - timeframe: near-term → mid-term"
    assert "- Indicator `reports-filed` “Bias incident reports filed”" in lines
    assert lines.index("**Changed**") < action < lines.index("**Added**")


def test_no_changes(repo: Path) -> None:
    result = diff_base(repo, "--base", "HEAD", "--format", "markdown")
    assert result.code == 0, result.err
    assert "No changes to any framework." in result.out


def test_added_and_removed_frameworks(repo: Path) -> None:
    shutil.copytree(repo / "frameworks" / "minimal", repo / "frameworks" / "second")
    framework = repo / "frameworks" / "second" / "framework.yml"
    framework.write_text(framework.read_text().replace("slug: minimal", "slug: second"))
    shutil.rmtree(repo / "frameworks" / "minimal")

    result = diff_base(repo, "--base", "HEAD")

    assert result.code == 0, result.err
    assert "Framework `minimal` “Testville prevention framework” was removed" in result.out
    assert "Framework `second` “Testville prevention framework” was added" in result.out
    assert "New framework: 1 goal, 1 action, 1 indicator" in result.out


def test_bad_ref_and_not_a_repository(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    bad_ref = diff_base(repo, "--base", "no-such-branch")
    assert bad_ref.code == 2
    assert "unknown git ref 'no-such-branch'" in bad_ref.err and "Traceback" not in bad_ref.err

    outside = tmp_path_factory.mktemp("plain")
    shutil.copytree(MINIMAL, outside / "frameworks" / "minimal")
    no_repo = diff_base(outside, "--base", "HEAD")
    assert no_repo.code == 2
    assert "not inside a git repository" in no_repo.err and "Traceback" not in no_repo.err
