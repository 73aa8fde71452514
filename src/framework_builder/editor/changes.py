"""What the edits changed (the summary `diff --base` prints) and committing them on a new branch.

The commit is made with git's plumbing on a temporary index, so the checkout stays on its
branch with the edits still in the working tree: the new branch holds exactly the framework
files that changed (the YAML the build reads, never other files lying in the frameworks folder,
such as a translator's to-do file or someone's notes), and the author pushes it and opens the
pull request. The same changes are committed once: asked again, the page names their branch."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from framework_builder.commands.diff import compare_with_ref, render_base
from framework_builder.errors import GitError
from framework_builder.model.diff import describe, summary

BASE = "HEAD"
# The files a framework is made of (source/discovery.py, source/translations.py), under the
# frameworks root: everything else in that folder stays out of the commit.
FRAMEWORK_FILES = ("*/framework.yml", "*/goals/*.yml", "*/releases/*.yml", "*/translations/*.yml")
NOT_FRAMEWORK_FILES = ("*/translations/*.todo.yml",)


@dataclass(frozen=True)
class Committed:
    branch: str
    message: str


def _git(project: Path, *args: str, env: dict[str, str] | None = None, raw: bool = False) -> str:
    """What git printed, stripped unless `raw`; raise GitError with git's message when it fails."""
    result = subprocess.run(["git", *args], cwd=project, capture_output=True, text=True,
                            env={**os.environ, **(env or {})}, check=False)
    if result.returncode != 0:
        raise GitError(result.stderr.strip() or f"git {args[0]} failed")
    return result.stdout if raw else result.stdout.strip()


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
    names = ", ".join(f"{c.label.lower()} {c.id}" for c in items[:4]) + (f" and {len(items) - 4} more" if len(items) > 4 else "")
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
    with tempfile.TemporaryDirectory(prefix="framework-builder-index-") as temp:
        env = {"GIT_INDEX_FILE": str(Path(temp) / "index")}
        _git(project, "read-tree", BASE, env=env)
        _git(project, "add", "--all", "--", *_changed_framework_files(project, root), env=env)
        tree = _git(project, "write-tree", env=env)
        committed = _branch_with(project, tree)
        if committed:
            raise GitError(f"these changes are already committed on the branch {committed}: push it and open "
                           f"the pull request (git push -u origin {committed}), or change something first")
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", delete=False, dir=temp) as file:
            file.write(message)
        commit = _git(project, "commit-tree", tree, "-p", BASE, "-F", file.name)
    branch = _branch_name(project, message)
    _git(project, "branch", branch, commit)
    return Committed(branch, message)


def _changed_framework_files(project: Path, root: Path) -> list[str]:
    """The framework files under `root` that differ from HEAD (changed, added or deleted), as pathspecs
    from the top of the repository, which is where `git status` names them from."""
    top_root = PurePosixPath(_git(project, "rev-parse", "--show-prefix") or ".") / root.as_posix()
    listed = _git(project, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames", "--",
                  root.as_posix(), raw=True)
    found = []
    for entry in filter(None, listed.split("\0")):
        path = PurePosixPath(entry[3:])
        inside = path.relative_to(top_root)
        framework_file = any(len(inside.parts) == len(PurePosixPath(files).parts) and inside.match(files)
                             for files in FRAMEWORK_FILES)
        if framework_file and not any(inside.match(files) for files in NOT_FRAMEWORK_FILES):
            found.append(f":(top){path}")
    return found


def _branch_with(project: Path, tree: str) -> str | None:
    """An `edit/` branch whose last commit is on HEAD and holds exactly `tree`, if one exists."""
    base = _git(project, "rev-parse", BASE)
    listed = _git(project, "for-each-ref", "--format=%(refname:short) %(tree) %(parent)", "refs/heads/edit/")
    for line in listed.splitlines():
        branch, branch_tree, parents = line.split(" ", 2)
        if branch_tree == tree and parents == base:
            return branch
    return None
