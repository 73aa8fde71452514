"""Where the files of a framework are. Imports nothing heavy, so reading can start early."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import UsageError

FRAMEWORK_FILE = "framework.yml"


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
        if (path / FRAMEWORK_FILE).is_file() or (path / "goals").is_dir():
            folders.append(path)
        elif path.is_dir():
            folders.extend(sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith(".")))
    return folders


def framework_folder(root: Path, slug: str) -> Path:
    """The folder of framework `slug` in `root`; UsageError naming the frameworks there when missing."""
    folder = root / slug
    if not (folder / FRAMEWORK_FILE).is_file():
        known = [f.name for f in find_framework_folders([root])] if root.is_dir() else []
        raise UsageError(f"unknown framework '{slug}' (frameworks: {', '.join(known) or f'none in {root}'})")
    return folder


def goal_paths(folder: Path) -> list[Path]:
    """The goal files of a framework folder, in a stable order."""
    return sorted((folder / "goals").glob("*.yml")) + sorted((folder / "goals").glob("*.yaml"))


def source_jobs(folder: Path) -> list[tuple[Path, str]]:
    """(path, display name) of framework.yml and every goal file: what the loader reads."""
    return [(path, display_path(path)) for path in [folder / FRAMEWORK_FILE, *goal_paths(folder)]]
