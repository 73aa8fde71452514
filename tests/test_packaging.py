"""The wheel carries everything a build needs: installed outside the repository, it builds a site.

The wheel is built from this checkout by the build backend (hatchling), unpacked into a folder
that comes first on the import path, and run from a project folder that has no templates/ and
no mkdocs.yml of its own, so the built-in templates and MkDocs settings must come from the wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from harness import FIXTURE_TODAY, FIXTURES, REPO
from html_page import parse_file

from framework_builder import __version__


@pytest.fixture(scope="module")
def unpacked_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from this checkout, unpacked as site-packages would hold it."""
    dist = tmp_path_factory.mktemp("dist")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
                            "--wheel-dir", str(dist), str(REPO)], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    wheel = next(dist.glob("framework_builder-*.whl"))
    assert wheel.name.startswith(f"framework_builder-{__version__}-")
    unpacked = tmp_path_factory.mktemp("site-packages")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(unpacked)
    return unpacked


def test_the_wheel_holds_the_templates_and_the_default_mkdocs_settings(unpacked_wheel: Path) -> None:
    package = unpacked_wheel / "framework_builder"
    for relative in ("templates/mkdocs.yml", "templates/pages/goal.md.j2", "templates/overrides/main.html",
                     "templates/portal/index.html.j2", "templates/scaffold/framework.yml.j2",
                     "templates/assets/theme.css"):
        assert (package / relative).is_file(), relative
    assert not (unpacked_wheel / "setup.py").exists()


def test_the_installed_wheel_builds_a_site_outside_the_repository(unpacked_wheel: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project / "frameworks" / "minimal")
    env = {**os.environ, "PYTHONPATH": str(unpacked_wheel), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    where = subprocess.run([sys.executable, "-c", "import framework_builder; print(framework_builder.__file__)"],
                           cwd=project, env=env, capture_output=True, text=True, timeout=60)
    assert Path(where.stdout.strip()).is_relative_to(unpacked_wheel), where.stdout + where.stderr

    result = subprocess.run([sys.executable, "-m", "framework_builder", "build", "--out", "site",
                             "--today", FIXTURE_TODAY], cwd=project, env=env, capture_output=True, text=True,
                            timeout=300)

    assert result.returncode == 0, result.stdout + result.stderr
    goal = project / "site" / "minimal" / "1.0" / "goals" / "reporting" / "index.html"
    assert "Make reporting safe and simple" in parse_file(goal).text()
    assert (project / "site" / "minimal" / "1.0" / "assets" / "theme.css").is_file()
