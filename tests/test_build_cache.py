"""The build cache: unchanged versions are reused, an edited version is rebuilt, and reuse changes no byte.

The demo frameworks are copied to a temporary project; its `build/` folder holds the cache.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from cli_helpers import FRAMEWORKS

TODAY = "2026-12-01"
VERSIONS = ("riverton 1.0", "riverton 1.1", "stamford 0.2", "stamford 0.3")


def build(project: Path, out: str) -> subprocess.CompletedProcess[str]:
    """`framework-builder build` run in `project` (cache in project/build)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONIOENCODING": "utf-8"}
    env.pop("SOURCE_DATE_EPOCH", None)
    result = subprocess.run(
        [sys.executable, "-m", "framework_builder", "build", "--root", "frameworks", "--out", out, "--today", TODAY],
        cwd=project, env=env, capture_output=True, text=True, encoding="utf-8", timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return result


def progress(stderr: str) -> dict[str, str]:
    """What the progress lines say about each version: 'cached' or 'built'."""
    found = {}
    for line in stderr.splitlines():
        match = re.match(r"(\S+ \S+) \([a-z-]+\): (.*), [0-9.]+ s$", line)
        if match:
            found[match.group(1)] = "cached" if match.group(2) == "unchanged, from cache" else "built"
    return found


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("cache")
    shutil.copytree(FRAMEWORKS, base / "frameworks")
    return base


@pytest.fixture(scope="module")
def runs(project: Path) -> dict[str, subprocess.CompletedProcess[str]]:
    """First build, the same build again, then a build after editing the working version's goal title."""
    first = build(project, "site")
    again = build(project, "site")
    goal = project / "frameworks" / "stamford" / "goals" / "reporting.yml"
    data = yaml.safe_load(goal.read_text(encoding="utf-8"))
    data["title"] = "Make reporting bias incidents safe, easy and trusted"
    goal.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    edited = build(project, "site")
    return {"first": first, "again": again, "edited": edited}


def test_the_first_build_builds_every_version(runs: dict) -> None:
    assert progress(runs["first"].stderr) == {v: "built" for v in VERSIONS}


def test_an_unchanged_rebuild_reuses_every_version(runs: dict) -> None:
    stderr = runs["again"].stderr
    assert progress(stderr) == {v: "cached" for v in VERSIONS}
    assert stderr.count("unchanged, from cache") == len(VERSIONS)
    assert "Built 0 version(s) and reused 4" in stderr


def test_editing_the_working_version_rebuilds_only_that_version(runs: dict, project: Path) -> None:
    assert progress(runs["edited"].stderr) == {
        "riverton 1.0": "cached", "riverton 1.1": "cached", "stamford 0.2": "cached", "stamford 0.3": "built"}
    page = (project / "site" / "stamford" / "0.3" / "goals" / "reporting" / "index.html").read_text(encoding="utf-8")
    assert "Make reporting bias incidents safe, easy and trusted" in page


def test_a_site_assembled_from_the_cache_equals_a_fresh_build(runs: dict, project: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    shutil.copytree(project / "frameworks", fresh / "frameworks")  # the edited frameworks, no cache
    assert progress(build(fresh, "site").stderr) == {v: "built" for v in VERSIONS}
    cached, rebuilt = tree_bytes(project / "site"), tree_bytes(fresh / "site")
    assert sorted(cached) == sorted(rebuilt)
    assert [name for name in cached if cached[name] != rebuilt[name]] == []
