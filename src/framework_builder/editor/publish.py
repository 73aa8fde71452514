"""The hosted editor: the same form under `<site>/admin/`, for Decap's GitHub backend.

Each save opens a pull request (Decap's editorial workflow), where CI runs `validate`. Without
the local server there is no Python to write the YAML: the hosted editor uses Decap's own YAML
format, which drops comments (the modeline too) and writes block style, so review the pull
request's diff; the local editor (`framework-builder edit`) keeps them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from framework_builder.editor.config import editor_config, framework_collections, read_framework_data
from framework_builder.editor.server import STATIC, index_page
from framework_builder.source.discovery import find_framework_folders

FILES = ("decap-cms.js", "editor.js", "editor.css", "LICENSE-decap-cms.txt", "decap-cms.js.LICENSE.txt")
HOSTED_FORMAT = "yml"


def hosted_config(root: Path, repo: str, branch: str = "main", base_url: str = "") -> dict[str, Any]:
    """The configuration for the GitHub backend, with one pull request per change."""
    backend: dict[str, Any] = {"name": "github", "repo": repo, "branch": branch}
    if base_url:
        backend["base_url"] = base_url  # the OAuth client that signs editors in to GitHub
    collections = []
    for folder in find_framework_folders([root]):
        head, goals = read_framework_data(folder)
        collections += framework_collections(folder.name, root.as_posix(), head, goals, fmt=HOSTED_FORMAT)
    return editor_config(collections, backend, editorial_workflow=True)


def publish_editor(out: Path, root: Path, repo: str, branch: str = "main", base_url: str = "") -> Path:
    """Write the hosted editor into `out/admin/`; return that folder."""
    admin = out / "admin"
    admin.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        shutil.copyfile(STATIC / name, admin / name)
    config = hosted_config(root, repo, branch, base_url)
    (admin / "config.json").write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (admin / "index.html").write_bytes(index_page(config="config.json", preview="", changes=False))
    return admin
