"""Which files the editor may read and write, and reading them as data."""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any, Iterator

import yaml

from framework_builder.editor.yaml_style import read_1_1
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


@contextlib.contextmanager
def edited_copy(folder: Path, relative: str, text: str) -> Iterator[Path]:
    """A temporary copy of a framework folder with the file at `relative` holding `text` (what a save would write)."""
    with tempfile.TemporaryDirectory(prefix="framework-builder-edit-") as temp:
        copy = Path(temp) / folder.name
        shutil.copytree(folder, copy, symlinks=True)
        (copy / relative).parent.mkdir(parents=True, exist_ok=True)
        (copy / relative).write_text(text, encoding="utf-8")
        yield copy


def read_data(path: Path) -> Any:
    """A YAML file as data (see `parse_data`); None when unreadable."""
    try:
        return parse_data(path.read_bytes())
    except OSError:
        return None


def parse_data(content: bytes | str) -> Any:
    """YAML as data, read the way the editor checks what it writes (yaml_style: PyYAML's safe YAML 1.1
    loader; `validate` reads yes/no/on/off as text, this reads them as booleans); None when it is not YAML."""
    try:
        return read_1_1(content.decode("utf-8") if isinstance(content, bytes) else content)
    except (UnicodeDecodeError, yaml.YAMLError):
        return None


def is_framework_file(path: Path) -> bool:
    return path.name == FRAMEWORK_FILE
