"""Shared fixtures for the command-line tests (plain helpers are in harness.py)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

import pytest
from harness import FIXTURES, FRAMEWORKS, build_demo


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


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site (frameworks/) built once for the session on the demo's date: tests only read it."""
    return build_demo(tmp_path_factory.mktemp("demo"))
