"""The editor's changes page: the summary `diff --base` prints, and a commit on a new branch."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from framework_builder.editor.backend import LocalBackend
from framework_builder.editor.changes import changes_text, commit_on_branch
from framework_builder.errors import GitError
from harness import FRAMEWORKS, cli

GOAL = "frameworks/stamford/goals/awareness.yml"


def _git(project: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=project, check=True, capture_output=True, text=True).stdout


def test_the_change_is_summarised_as_diff_base_says_and_committed_on_a_new_branch(tmp_path: Path, monkeypatch) -> None:
    shutil.copytree(FRAMEWORKS, tmp_path / "frameworks")
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "start")
    backend = LocalBackend(tmp_path, Path("frameworks"))
    form = json.loads(backend.entry(GOAL)["data"])
    form["objectives"][0]["actions"][0]["status"] = "in-progress"
    backend.save(GOAL, json.dumps(form))

    summary = changes_text(tmp_path, Path("frameworks"))
    assert summary == cli("diff", "--base", "HEAD", cwd=tmp_path).out.strip()
    assert "community-sessions" in summary

    for name in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"):
        monkeypatch.setenv(name, "t")
    for name in ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"):
        monkeypatch.setenv(name, "t@example.org")
    done = commit_on_branch(tmp_path, Path("frameworks"))
    assert done.message.startswith("Edit stamford: action community-sessions")
    assert _git(tmp_path, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main"  # the checkout stays
    assert _git(tmp_path, "status", "--porcelain").strip() == f"M {GOAL}"  # with the edit in it
    assert _git(tmp_path, "diff", "--name-only", "main", done.branch).split() == [GOAL]
    assert _git(tmp_path, "show", f"{done.branch}:{GOAL}") == (tmp_path / GOAL).read_text(encoding="utf-8")


def _edited_project(tmp_path: Path, monkeypatch) -> Path:
    """The demo in a git repository, one action's status changed in the form, and other files lying about."""
    shutil.copytree(FRAMEWORKS, tmp_path / "frameworks")
    _git(tmp_path, "init", "-q", "-b", "main")
    for name in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"):
        monkeypatch.setenv(name, "t")
    for name in ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"):
        monkeypatch.setenv(name, "t@example.org")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "start")
    backend = LocalBackend(tmp_path, Path("frameworks"))
    form = json.loads(backend.entry(GOAL)["data"])
    form["objectives"][0]["actions"][0]["status"] = "in-progress"
    backend.save(GOAL, json.dumps(form))
    return tmp_path


def test_only_the_framework_files_go_into_the_commit(tmp_path: Path, monkeypatch) -> None:
    project = _edited_project(tmp_path, monkeypatch)
    (project / "frameworks" / "stamford" / "translations" / "es.todo.yml").write_text("# a translator's work\n")
    (project / "frameworks" / "stamford" / "notes.txt").write_text("meeting notes\n")
    (project / "frameworks" / "riverton" / "goals" / "new-goal.yml").write_text(
        (project / "frameworks" / "riverton" / "goals" / "youth.yml").read_text(encoding="utf-8").replace(
            "id: youth", "id: new-goal", 1))

    done = commit_on_branch(project, Path("frameworks"))

    assert sorted(_git(project, "diff", "--name-only", "main", done.branch).split()) == [
        "frameworks/riverton/goals/new-goal.yml", GOAL]


def test_the_same_changes_are_committed_once(tmp_path: Path, monkeypatch) -> None:
    project = _edited_project(tmp_path, monkeypatch)
    first = commit_on_branch(project, Path("frameworks"))

    with pytest.raises(GitError) as refused:
        commit_on_branch(project, Path("frameworks"))

    assert f"already committed on the branch {first.branch}" in str(refused.value)
    assert f"git push -u origin {first.branch}" in str(refused.value)
    assert _git(project, "branch", "--list", "edit/*").split() == [first.branch]
