"""Where the files of a framework are. Imports nothing heavy, so reading can start early.

Every entry with a YAML name is listed, whatever it is (a link, a folder, a pipe), so that the
reader reports it instead of skipping it; nothing here follows a link or opens a file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from framework_builder.errors import UnknownFramework
from framework_builder.model.layout import FRAMEWORK_FILE
from framework_builder.model.limits import MAX_FILES, MAX_FRAMEWORK_BYTES
from framework_builder.source.diagnostics import Diagnostic
from framework_builder.source.yamlsource import not_plain_diagnostic, plain_size


def display_path(path: Path) -> str:
    """The path as users should see it: relative to the current folder when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative

def find_framework_folders(paths: list[Path]) -> list[Path]:
    """Framework folders named by `paths`: a folder with framework.yml, or a folder of them."""
    folders: list[Path] = []
    for path in paths:
        if os.path.lexists(path / FRAMEWORK_FILE) or (path / "goals").is_dir():
            folders.append(path)
        elif path.is_dir():  # a folder of frameworks: links are listed, for the loader to refuse
            folders.extend(sorted(p for p in path.iterdir() if (p.is_dir() or p.is_symlink()) and not p.name.startswith(".")))
    return folders

def framework_folder(root: Path, slug: str) -> Path:
    """The folder of framework `slug` in `root`; UnknownFramework naming the frameworks there when missing."""
    folder = root / slug
    if not os.path.lexists(folder / FRAMEWORK_FILE):
        known = [f.name for f in find_framework_folders([root])] if root.is_dir() else []
        raise UnknownFramework(slug, root, known)
    return folder

def goal_paths(folder: Path) -> list[Path]:
    """The goal files of a framework folder, in a stable order."""
    return sorted((folder / "goals").glob("*.yml")) + sorted((folder / "goals").glob("*.yaml"))

def release_paths(folder: Path) -> list[Path]:
    """The release files of a framework folder, oldest name first."""
    return sorted((folder / "releases").glob("*.yml"))

def source_jobs(folder: Path) -> list[tuple[Path, str]]:
    """(path, display name) of framework.yml and every goal file: what the loader reads.

    None when `framework_problems` stops the reading."""
    if framework_problems(folder):
        return []
    return [(path, display_path(path)) for path in [folder / FRAMEWORK_FILE, *goal_paths(folder)]]

def framework_problems(folder: Path) -> list[Diagnostic]:
    """Why a framework folder is not read at all: a linked folder (FB011), too many files or bytes (FB013)."""
    linked = next((path for path in (folder, folder / "goals", folder / "releases") if path.is_symlink()), None)
    if linked is not None:
        return [not_plain_diagnostic(display_path(linked), stat.S_IFLNK)]
    problem = too_large(folder / "goals", goal_paths(folder), [folder / FRAMEWORK_FILE], MAX_FRAMEWORK_BYTES)
    return [problem] if problem else []

def too_large(where: Path, files: list[Path], others: list[Path], max_bytes: int) -> Diagnostic | None:
    """FB013 when `where` holds more than MAX_FILES `files`, or `files` and `others` more than `max_bytes`."""
    if len(files) > MAX_FILES:
        return Diagnostic.at(display_path(where), (1, 1), "FB013", f"{len(files):,} files; the limit is {MAX_FILES:,}",
                             "merge some files, or remove the ones that do not belong here")
    size = sum(plain_size(path) for path in [*others, *files])
    if size > max_bytes:
        return Diagnostic.at(display_path(where), (1, 1), "FB013", f"the files hold {size:,} bytes together; the limit is {max_bytes:,}",
                             "shorten the texts, or check that no file was replaced by something else")
    return None

