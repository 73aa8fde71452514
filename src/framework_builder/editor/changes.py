"""What the edits changed (the summary `diff --base` prints) and committing them on a new branch.

The commit is made with git's plumbing on a temporary index, so the checkout stays on its
branch with the edits still in the working tree: the new branch holds exactly the framework
files that changed, and the author pushes it and opens the pull request."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from framework_builder.commands.diff import compare_with_ref, render_base
from framework_builder.errors import GitError
from framework_builder.model.diff import describe, summary

BASE = "HEAD"


@dataclass(frozen=True)
class Committed:
    branch: str
    message: str


def _git(project: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(["git", *args], cwd=project, capture_output=True, text=True,
                            env={**os.environ, **(env or {})}, check=False)
    if result.returncode != 0:
        raise GitError(result.stderr.strip() or f"git {args[0]} failed")
    return result.stdout.strip()


def changes_text(project: Path, root: Path) -> str:
    """The plain summary of what changed since the last commit, as `diff --base HEAD` prints it."""
    return render_base(compare_with_ref(project / root, BASE), "text")


def commit_message(project: Path, root: Path) -> str:
    """A commit message naming the framework and the items that changed."""
    result = compare_with_ref(project / root, BASE)
    changed = [d for d in result.frameworks if d.changes]
    if not changed:
        raise GitError("nothing to commit: no framework changed since the last commit")
    items = [c for d in changed for c in d.changes]
    names = ", ".join(f"{c.kind} {c.id}" for c in items[:4]) + (f" and {len(items) - 4} more" if len(items) > 4 else "")
    head = f"Edit {', '.join(d.slug for d in changed)}: {names}"
    body = [f"{d.slug}: {summary(d.changes)}" for d in changed] + [f"- {describe(c)}" for c in items]
    return head + "\n\n" + "\n".join(body) + "\n"


def _branch_name(project: Path, message: str) -> str:
    stem = "edit/" + re.sub(r"[^a-z0-9-]+", "-", message.split("\n", 1)[0].lower().removeprefix("edit "))[:50].strip("-")
    name, number = stem, 2
    while _git(project, "branch", "--list", name):
        name, number = f"{stem}-{number}", number + 1
    return name


def commit_on_branch(project: Path, root: Path) -> Committed:
    """Commit every changed framework file on a new branch from HEAD; the checkout is not touched."""
    message = commit_message(project, root)
    branch = _branch_name(project, message)
    with tempfile.TemporaryDirectory(prefix="framework-builder-index-") as temp:
        env = {"GIT_INDEX_FILE": str(Path(temp) / "index")}
        _git(project, "read-tree", BASE, env=env)
        _git(project, "add", "--all", "--", root.as_posix(), env=env)
        tree = _git(project, "write-tree", env=env)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", delete=False, dir=temp) as file:
            file.write(message)
        commit = _git(project, "commit-tree", tree, "-p", BASE, "-F", file.name)
    _git(project, "branch", branch, commit)
    return Committed(branch, message)
