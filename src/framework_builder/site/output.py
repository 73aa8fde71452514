"""The output folder is the build's alone: which folders it may replace, the lock, staging and the swap.

A build writes a marker file into every output it makes and replaces only a folder that holds
the marker (or an empty one). It refuses the project, the frameworks, the templates, the cache
and git's folder. One build at a time writes an output (a `flock` lock next to it, released by
the system when the process dies). Each build stages in a folder of its own next to the output
and swaps it in at the end: on Linux with one atomic exchange (`renameat2`), elsewhere with two
renames, after which a later build puts back a site left aside by a build killed between them.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import glob
import os
import shutil
import tempfile
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Callable, Iterator

from framework_builder.errors import UsageError

MARKER = ".framework-builder"
MARKER_TEXT = "Built by framework-builder: `framework-builder build` replaces this folder whole.\n"
# How many entries of an existing output are looked through for framework YAML before the marker decides.
YAML_SCAN_LIMIT = 100_000

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_EXCHANGE_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV}
_held_locks: set[int] = set()  # descriptors of the locks this process holds (see release_inherited_locks)


def is_ours(folder: Path) -> bool:
    """Whether `folder` holds the marker of an output this tool wrote."""
    marker = folder / MARKER
    try:
        return marker.is_file() and not marker.is_symlink() and marker.read_text(encoding="utf-8") == MARKER_TEXT
    except (OSError, UnicodeDecodeError):
        return False


def mark(folder: Path) -> None:
    """Write the marker into a folder this build made."""
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def _delete(folder: Path) -> None:
    """Delete a marked folder, its marker last: one half deleted by a kill is still known as ours."""
    for child in folder.iterdir():
        if child.name == MARKER:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    shutil.rmtree(folder)


def _relation(out: Path, guarded: Path) -> str | None:
    """How the real path `out` overlaps `guarded`: 'is', 'is inside', 'holds', or None."""
    if out == guarded:
        return "is"
    if out.is_relative_to(guarded):
        return "is inside"
    if guarded.is_relative_to(out):
        return "holds"
    return None


def _framework_yaml(folder: Path) -> Path | None:
    """A framework.yml, or a YAML file in a goals/ folder, inside `folder` (first YAML_SCAN_LIMIT entries)."""
    seen = 0
    for here, dirs, files in os.walk(folder):
        seen += len(dirs) + len(files)
        in_goals = Path(here).name == "goals"
        for name in files:
            if name == "framework.yml" or (in_goals and name.endswith((".yml", ".yaml"))):
                return Path(here) / name
        if seen > YAML_SCAN_LIMIT:
            return None
    return None


def _refuse(given: Path, why: str) -> UsageError:
    return UsageError(f"refusing --out {given}: it {why}.\nThe build replaces its output folder whole, so it must be "
                      f"a folder of its own: use the default (--out site) or a new folder.")


def check_output(given: Path, root: Path, project_dir: Path) -> Path:
    """The real path of the output folder `given`, or UsageError when the build must not replace it."""
    try:
        out = given.resolve()
    except RuntimeError as exc:  # a loop of symbolic links
        raise _refuse(given, f"cannot be followed ({exc})") from None
    project = project_dir.resolve()
    if out == project or project.is_relative_to(out):
        raise _refuse(given, "is the project folder" if out == project else "holds the project folder")
    if ".git" in out.parts:
        raise _refuse(given, "is in git's own folder (.git)")
    guarded = [(root, f"the frameworks folder ({root}/)"), (project_dir / "templates", "the templates folder"),
               (project_dir / "build", "the build folder (build/, the cache)")]
    for folder, name in guarded:
        relation = _relation(out, folder.resolve())
        if relation is not None:
            raise _refuse(given, f"{relation} {name}")
    if out.exists() and not out.is_dir():
        raise _refuse(given, "is a file")
    if out.is_dir():
        _check_existing(given, out)
    return out


def _check_existing(given: Path, out: Path) -> None:
    """Refuse an existing folder that holds framework YAML, or is not empty and not ours."""
    yaml_file = _framework_yaml(out)
    if yaml_file is not None:
        raise _refuse(given, f"holds framework YAML ({yaml_file})")
    if not is_ours(out) and any(out.iterdir()):
        raise UsageError(f"refusing --out {given}: the folder is not empty and was not made by framework-builder "
                         f"(it has no {MARKER} file).\nThe build replaces its output folder whole. Choose another "
                         f"--out, or, if {given}/ is an old site you no longer need, delete it yourself and build again.")


@contextmanager
def locked(lock_file: Path, busy: str) -> Iterator[None]:
    """Hold an exclusive lock on `lock_file` during the block; raise UsageError(busy) while another process holds it.

    The system releases a `flock` lock when its process dies, so a killed build never leaves a stale
    lock. The file is removed on the way out; a lock taken on a file removed meanwhile is taken again.
    """
    while True:
        fd = os.open(lock_file, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise UsageError(busy) from None
        with suppress(FileNotFoundError):
            if os.stat(lock_file).st_ino == os.fstat(fd).st_ino:
                break
        os.close(fd)
    _held_locks.add(fd)
    try:
        yield
    finally:
        _held_locks.discard(fd)
        lock_file.unlink(missing_ok=True)
        os.close(fd)


def release_inherited_locks() -> None:
    """In a forked worker: close its copies of the locks its parent holds.

    A `flock` lock lasts while any copy of its descriptor is open, so a worker outliving a killed
    build would hold the build's locks; closing the worker's copies leaves the parent's lock held."""
    while _held_locks:
        os.close(_held_locks.pop())


def lock_file(out: Path) -> Path:
    """The lock file of an output folder, next to it."""
    return out.with_name(f".{out.name}.lock")


def previous_folder(out: Path) -> Path:
    """Where the two-rename swap puts the old output for a moment."""
    return out.with_name(f".{out.name}.previous")


def recover(out: Path, say: Callable[[str], None]) -> None:
    """Undo what an interrupted build left next to `out` (call with the output's lock held).

    A site set aside by a build killed between the two renames of its swap is put back when the
    output is missing, else deleted; staging folders of killed builds are deleted.
    """
    previous = previous_folder(out)
    if is_ours(previous):
        if out.exists():
            _delete(previous)
        else:
            os.rename(previous, out)
            say(f"Restored the previous site into {out}/ (an earlier build was stopped while swapping it in).")
    for leftover in out.parent.glob(f"{glob.escape(f'.{out.name}.building-')}*"):
        if is_ours(leftover):
            _delete(leftover)
        else:
            with suppress(OSError):
                leftover.rmdir()  # made, then killed before its marker: empty


@contextmanager
def staging(out: Path) -> Iterator[Path]:
    """A new marked folder next to `out` to build in; it never outlives the block, whatever happens."""
    folder = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.building-"))
    try:
        mark(folder)
        yield folder
    finally:
        with suppress(OSError):  # gone after a two-rename swap; else a later build deletes it
            _delete(folder)


def _exchange(first: Path, second: Path) -> bool:
    """Exchange two folders atomically (Linux `renameat2` with RENAME_EXCHANGE); False where unsupported."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _EXCHANGE_UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(second))


def swap(staging_folder: Path, out: Path) -> None:
    """Put the staged site in place of `out`; the old site ends in `staging_folder` or is deleted.

    `out` always names a complete site: an atomic exchange where the system has one; elsewhere two
    renames, with the old site at `previous_folder(out)` in between (see `recover`).
    """
    if not out.exists():
        os.rename(staging_folder, out)
        return
    if not is_ours(out) and any(out.iterdir()):
        raise UsageError(f"{out}/ was filled by something else during the build: the site was not swapped in.")
    if _exchange(staging_folder, out):
        return
    previous = previous_folder(out)
    os.rename(out, previous)
    os.rename(staging_folder, out)
    _delete(previous)


def remove_tree(folder: Path, within: Path) -> None:
    """Delete one of the build's own folders, which must really lie inside `within` (no link leads out)."""
    real, home = folder.resolve(), within.resolve()
    if real == home or not real.is_relative_to(home):
        raise UsageError(f"refusing to delete {folder}: it leads out of {within}/ (a symbolic link?). "
                         f"framework-builder deletes only folders it made there.")
    shutil.rmtree(real, ignore_errors=True)
