"""`framework-builder diff --base GIT_REF`: the pull-request summary, against a real git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"
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


def diff_base(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "framework_builder", "diff", *args], cwd=repo, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


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

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert "### Testville prevention framework (`minimal`)" in lines
    assert any(line.startswith("Version 1.0") and "2 changes: 1 added, 1 changed" in line for line in lines)
    action = lines.index("- Action `reporting-guide` “Publish a reporting guide”")
    assert lines[action + 1] == "  - timeframe: near-term → mid-term"
    assert "- Indicator `reports-filed` “Bias incident reports filed”" in lines
    assert lines.index("**Changed**") < action < lines.index("**Added**")


def test_no_changes(repo: Path) -> None:
    result = diff_base(repo, "--base", "HEAD", "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert "No changes to any framework." in result.stdout


def test_added_and_removed_frameworks(repo: Path) -> None:
    shutil.copytree(repo / "frameworks" / "minimal", repo / "frameworks" / "second")
    framework = repo / "frameworks" / "second" / "framework.yml"
    framework.write_text(framework.read_text().replace("slug: minimal", "slug: second"))
    shutil.rmtree(repo / "frameworks" / "minimal")

    result = diff_base(repo, "--base", "HEAD")

    assert result.returncode == 0, result.stderr
    assert "Framework `minimal` “Testville prevention framework” was removed" in result.stdout
    assert "Framework `second` “Testville prevention framework” was added" in result.stdout
    assert "New framework: 1 goal, 1 action, 1 indicator" in result.stdout


def test_bad_ref_and_not_a_repository(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    bad_ref = diff_base(repo, "--base", "no-such-branch")
    assert bad_ref.returncode == 2
    assert "unknown git ref 'no-such-branch'" in bad_ref.stderr and "Traceback" not in bad_ref.stderr

    outside = tmp_path_factory.mktemp("plain")
    shutil.copytree(MINIMAL, outside / "frameworks" / "minimal")
    no_repo = diff_base(outside, "--base", "HEAD")
    assert no_repo.returncode == 2
    assert "not inside a git repository" in no_repo.stderr and "Traceback" not in no_repo.stderr
