"""The editor's local backend: Decap's `local_backend` protocol (as decap-server speaks it), in Python.

Decap posts `{action, params}` as JSON to one address; this answers the actions a form editor
uses. Entries travel as JSON text (the editor page's custom format): the server reads the YAML
and writes it back in the project's style (yaml_style.py), so the page needs no YAML library
and the writing is the same Python that reads the file. Every save is validated first, with the
loader and diagnostics `validate` uses; a save that adds an error is refused with its message."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import threading
from pathlib import Path
from typing import Any

from framework_builder.editor.files import (
    NotEditable,
    editable_path,
    edited_copy,
    folder_of,
    is_framework_file,
    parse_data,
)
from framework_builder.editor.form_data import from_form, to_form
from framework_builder.editor.schema_walk import SchemaWalker, walker_for
from framework_builder.editor.yaml_style import UnsafeWrite, write_over
from framework_builder.model.framework import FrameworkFile, Goal
from framework_builder.source.diagnostics import Diagnostic, sort_diagnostics
from framework_builder.source.discovery import display_path
from framework_builder.source.loader import load_framework


class Refused(Exception):
    """A request the backend answers with an error the form shows (HTTP 422)."""


@dataclasses.dataclass
class SaveResult:
    path: Path
    changed: bool


class LocalBackend:
    """Reads and writes framework files under `project/root` for the editor."""

    def __init__(self, project: Path, root: Path) -> None:
        self.project = project
        self.root = root
        self.lock = threading.Lock()

    def walker(self, path: Path) -> SchemaWalker:
        return walker_for(FrameworkFile if is_framework_file(path) else Goal)

    def handle(self, body: Any) -> Any:
        """Answer one request; raises Refused for what the form should show as an error."""
        if not isinstance(body, dict) or not isinstance(body.get("params", {}), dict):
            raise Refused("the request is not {action, params}")
        action, params = body.get("action"), body.get("params", {})
        try:
            if action == "info":
                return {"repo": self.project.name, "publish_modes": ["simple"], "type": "local_fs"}
            if action == "entriesByFolder":
                return self.entries_by_folder(str(params.get("folder", "")))
            if action == "entriesByFiles":
                return [self.entry(str(f.get("path", "")), f.get("label")) for f in params.get("files", [])]
            if action == "getEntry":
                return self.entry(str(params.get("path", "")))
            if action == "persistEntry":
                for data_file in params.get("dataFiles", []):
                    self.save(str(data_file.get("path", "")), str(data_file.get("raw", "")))
                return {"message": "entry persisted"}
            if action == "getMedia":
                return []
            if action == "getDeployPreview":
                return None
            if action in ("deleteFile", "deleteFiles"):
                raise Refused("the editor does not delete files: remove a goal file with git, in a pull request")
        except NotEditable as exc:
            raise Refused(str(exc)) from None
        raise Refused(f"the editor's backend does not do '{action}'")

    def entries_by_folder(self, folder: str) -> list[dict[str, Any]]:
        folder_path = self.project / folder
        files = sorted(folder_path.glob("*.yml")) if folder_path.is_dir() else []
        return [self.entry(path.relative_to(self.project).as_posix()) for path in files]

    def entry(self, path: str, label: Any = None) -> dict[str, Any]:
        """One file as Decap's entry: its data as form JSON, and its content hash as id."""
        target = editable_path(self.project, self.root, path)
        file: dict[str, Any] = {"path": path, "id": None}
        if label is not None:
            file["label"] = label
        try:
            content = target.read_bytes()
        except OSError:
            return {"data": None, "file": file}
        walker = self.walker(target)
        form = to_form(walker, walker.root, parse_data(content))
        file["id"] = hashlib.sha256(content).hexdigest()
        return {"data": json.dumps(form, ensure_ascii=False), "file": file}

    def written(self, path: str, raw: str) -> tuple[Path, str, str]:
        """The file `path` names, its text now (a new goal file's head when there is none), and its
        text with the form's data (`raw`, JSON) written over it in the project's style."""
        target = editable_path(self.project, self.root, path)
        try:
            form = json.loads(raw)
        except json.JSONDecodeError:
            raise Refused("the form sent data that is not JSON") from None
        exists = target.exists()
        original = target.read_text(encoding="utf-8") if exists else self._new_file_head(target)
        walker = self.walker(target)
        data = from_form(walker, walker.root, form, parse_data(original) if exists else None)
        try:
            return target, original, write_over(original, data)
        except UnsafeWrite as exc:
            raise Refused(str(exc)) from None

    def save(self, path: str, raw: str) -> SaveResult:
        """Write the form's data into the file, when valid; the file is untouched when the data is unchanged."""
        with self.lock:
            target, original, text = self.written(path, raw)
            if text == original and target.exists():
                return SaveResult(target, False)
            self._validate(folder_of(self.project, self.root, path), target, text)
            _write_atomic(target, text)
            return SaveResult(target, True)

    def _new_file_head(self, target: Path) -> str:
        """A new goal file starts with the schema modeline, as `new` writes it."""
        schema = os.path.relpath(self.project / "schema" / "goal.schema.json", target.parent)
        return f"# yaml-language-server: $schema={Path(schema).as_posix()}\n"

    def _validate(self, folder: Path, target: Path, text: str) -> None:
        """Refuse a save that adds an error, with the messages and hints `validate` prints (at the real file's path)."""
        shown = folder.relative_to(self.project)  # paths as `validate` run in the project folder prints them
        before = {_key(d, folder, shown) for d in load_framework(folder).diagnostics if d.is_error}
        with edited_copy(folder, target.relative_to(folder).as_posix(), text) as copy:
            after = [d for d in load_framework(copy).diagnostics if d.is_error]
            added = [moved(d, copy, shown) for d in after if _key(d, copy, shown) not in before]
        if added:
            raise Refused(refusal(added))


def refusal(errors: list[Diagnostic]) -> str:
    """Errors as the form shows them, to someone who never saw the YAML: each what is wrong and how to fix
    it, in sentences (the page shows them in one box, where line breaks may not show), then its code and
    place for whoever looks at the file: `... (FB110, frameworks/lakeport/goals/intervene.yml, line 29)`."""
    lines = []
    for d in sort_diagnostics(errors):
        fix = f" How to fix it: {_sentence(d.hint)}" if d.hint else ""
        lines.append(f"{_sentence(d.message)}{fix} ({d.code}, {d.file}, line {d.line})")
    return "\n".join(lines)


def _sentence(text: str) -> str:
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def moved(diagnostic: Diagnostic, copy: Path, folder: Path) -> Diagnostic:
    """The diagnostic at the real file's path instead of the copy's."""
    copy_prefix, real = display_path(copy), folder.as_posix()
    file = diagnostic.file
    if file.startswith(copy_prefix):
        file = real + file[len(copy_prefix):]
    return dataclasses.replace(diagnostic, file=file)


def _key(diagnostic: Diagnostic, where: Path, folder: Path) -> tuple[str, str, str]:
    """What makes an error the same error before and after a save (lines move when lines are added)."""
    at = moved(diagnostic, where, folder)
    return at.file, at.code, at.message


def _write_atomic(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.editing")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, target)
