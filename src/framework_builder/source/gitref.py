"""Read the frameworks folder as it was at a git ref (for `diff --base`)."""

from __future__ import annotations

import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Iterator

from framework_builder.errors import GitError


def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    if result.returncode != 0:
        detail = result.stderr.decode(errors="replace").strip().splitlines()
        raise GitError(detail[-1] if detail else f"git {' '.join(args)} failed")
    return result.stdout


def repo_path(root: Path) -> tuple[Path, str]:
    """The repository's top folder and `root` as a path inside it (posix, "" for the top)."""
    folder = root.resolve()
    probe = folder if folder.is_dir() else folder.parent
    while not probe.is_dir():  # root may not exist in the working tree any more
        probe = probe.parent
    try:
        top = Path(_git(["rev-parse", "--show-toplevel"], probe).decode().strip()).resolve()
    except GitError:
        raise GitError(f"{root} is not inside a git repository") from None
    try:
        inside = folder.relative_to(top)
    except ValueError:
        raise GitError(f"{root} is not inside the git repository at {top}") from None
    return top, inside.as_posix() if inside.parts else ""


def resolve_ref(top: Path, ref: str) -> str:
    """The commit id of `ref`, or a GitError naming the ref."""
    if ref.startswith("-"):
        raise GitError(f"'{ref}' is not a git ref")
    try:
        return _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], top).decode().strip()
    except GitError:
        raise GitError(f"unknown git ref '{ref}' (is the branch fetched? try `git fetch origin`)") from None


@contextmanager
def tree_at(root: Path, ref: str) -> Iterator[Path]:
    """A temporary copy of the `root` folder as it was at `ref` (an empty folder when it did not exist).

    Only regular files are copied; symbolic links and submodules are skipped.
    """
    top, inside = repo_path(root)
    commit = resolve_ref(top, ref)
    with tempfile.TemporaryDirectory(prefix="framework-builder-") as tmp:
        dest = Path(tmp) / "root"
        dest.mkdir()
        _export(top, commit, inside, dest)
        yield dest


def _export(top: Path, commit: str, inside: str, dest: Path) -> None:
    spec = [f"{commit}:{inside}"] if inside else [commit]
    try:
        listing = _git(["ls-tree", "-r", "-z", *spec], top)
    except GitError:
        return  # the folder did not exist at that commit
    blobs: list[tuple[str, PurePosixPath]] = []
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, name = entry.partition(b"\t")
        mode, kind, object_id = meta.decode().split()
        path = PurePosixPath(name.decode(errors="replace"))
        if kind == "blob" and mode in ("100644", "100755") and ".." not in path.parts and not path.is_absolute():
            blobs.append((object_id, path))
    if not blobs:
        return
    data = _git(["cat-file", "--batch"], top, stdin="".join(f"{oid}\n" for oid, _ in blobs).encode())
    offset = 0
    for object_id, path in blobs:
        header_end = data.index(b"\n", offset)
        size = int(data[offset:header_end].split()[2])
        content = data[header_end + 1: header_end + 1 + size]
        offset = header_end + 1 + size + 1  # the content is followed by a newline
        target = dest.joinpath(*path.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
