"""Shared helpers for the command-line tests: the repository path, a framework copy, a CLI runner."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
FRAMEWORKS = REPO / "frameworks"


def run_cli(*args: str, cwd: Path | str = REPO) -> tuple[int, str, str]:
    """Run `python -m framework_builder ARGS` in `cwd`; return (exit code, stdout, stderr)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "framework_builder", *args],
        cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    return result.returncode, result.stdout, result.stderr


@pytest.fixture
def copy_framework(tmp_path: Path) -> Callable[..., Path]:
    """Copy a framework (default: tests/fixtures/minimal) to tmp_path/frameworks/<slug>; return the copy.

    `source` is a folder under tests/fixtures or frameworks/; `slug` renames the copy's folder.
    """

    def copy(source: str = "minimal", slug: str | None = None) -> Path:
        origin = FIXTURES / source if (FIXTURES / source).is_dir() else FRAMEWORKS / source
        target = tmp_path / "frameworks" / (slug or origin.name)
        shutil.copytree(origin, target)
        return target

    return copy
