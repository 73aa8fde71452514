"""Which files the editor may read and write, and reading them as data."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from framework_builder.model.layout import FRAMEWORK_FILE

# framework.yml of a framework, or one of its goal files; never a release, never anything else.
EDITABLE = re.compile(r"^(?P<slug>[a-z0-9][a-z0-9-]*)/(?:framework\.yml|goals/[a-z0-9][a-z0-9-]*\.yml)$")


class NotEditable(ValueError):
    """A path the editor refuses to read or write."""


def editable_path(project: Path, root: Path, path: str) -> Path:
    """The file a repository-relative path names, when it is a framework file the editor may touch."""
    prefix = root.as_posix().rstrip("/") + "/"
    if not path.startswith(prefix) or not EDITABLE.match(path[len(prefix):]):
        raise NotEditable(f"the editor only edits framework.yml and goals/*.yml under {root}: not {path}")
    target = project / path
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise NotEditable(f"{path} is not a plain file")
    return target


def folder_of(project: Path, root: Path, path: str) -> Path:
    """The framework folder of an editable path."""
    relative = path[len(root.as_posix().rstrip("/")) + 1:]
    return project / root / relative.split("/", 1)[0]


def read_data(path: Path) -> Any:
    """A YAML file as data, read as `validate` reads it (YAML 1.1, safe); None when unreadable."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None


def is_framework_file(path: Path) -> bool:
    return path.name == FRAMEWORK_FILE
