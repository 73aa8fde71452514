"""The build cache: unchanged versions are reused, an edited version is rebuilt, and reuse changes no byte.

The demo frameworks are copied to a temporary project; its `build/` folder holds the cache.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from harness import DEMO_TODAY, FRAMEWORKS, Result, build, differing, edit_yaml, run_process, snapshot
from html_page import parse_file

TODAY = DEMO_TODAY
# Each version of the demo, and those in Spanish too (the demo translates Riverton and Stamford).
VERSIONS = ("lakeport 1.0", "riverton 1.0", "riverton 1.0 in es", "riverton 1.1", "riverton 1.1 in es",
            "stamford 0.2", "stamford 0.2 in es", "stamford 0.3", "stamford 0.3 in es")


def built(project: Path) -> Result:
    """`framework-builder build` run in `project` (cache in project/build), which succeeded."""
    result = build(project, today=TODAY)
    assert result.code == 0, result.err
    return result


def progress(stderr: str) -> dict[str, str]:
    """What the progress lines say about each version: 'cached' or 'built'."""
    found = {}
    for line in stderr.splitlines():
        match = re.match(r"(\S+ \S+(?: in \S+)?) \([a-z-]+\): (.*), [0-9.]+ s$", line)
        if match:
            found[match.group(1)] = "cached" if match.group(2) == "unchanged, from cache" else "built"
    return found


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("cache")
    shutil.copytree(FRAMEWORKS, base / "frameworks")
    return base


@pytest.fixture(scope="module")
def runs(project: Path) -> dict[str, Result]:
    """First build, the same build again, then a build after editing the working version's goal title."""
    first = built(project)
    again = built(project)
    edit_yaml(project / "frameworks" / "stamford" / "goals" / "reporting.yml",
              lambda goal: goal.update(title="Make reporting bias incidents safe, easy and trusted"))
    edited = built(project)
    return {"first": first, "again": again, "edited": edited}


def test_the_first_build_builds_every_version(runs: dict) -> None:
    assert progress(runs["first"].err) == {v: "built" for v in VERSIONS}


def test_an_unchanged_rebuild_reuses_every_version(runs: dict) -> None:
    stderr = runs["again"].err
    assert progress(stderr) == {v: "cached" for v in VERSIONS}
    assert stderr.count("unchanged, from cache") == len(VERSIONS)
    assert f"Built 0 version(s) and reused {len(VERSIONS)}" in stderr


def test_editing_the_working_version_rebuilds_only_that_version(runs: dict, project: Path) -> None:
    # The Spanish 0.3 too: its translation of that title is out of date now, so it shows the new English one.
    assert progress(runs["edited"].err) == {
        **{version: "cached" for version in VERSIONS}, "stamford 0.3": "built", "stamford 0.3 in es": "built"}
    page = parse_file(project / "site" / "stamford" / "0.3" / "goals" / "reporting" / "index.html")
    assert "Make reporting bias incidents safe, easy and trusted" in page.text()


def test_a_site_assembled_from_the_cache_equals_a_fresh_build(runs: dict, project: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    shutil.copytree(project / "frameworks", fresh / "frameworks")  # the edited frameworks, no cache
    # In a process of its own: another hash seed, so no output may depend on the order of a set.
    rebuild = run_process("build", "--root", "frameworks", "--out", "site", "--today", TODAY, cwd=fresh)
    assert rebuild.code == 0, rebuild.err
    assert progress(rebuild.err) == {v: "built" for v in VERSIONS}
    cached, rebuilt = snapshot(project / "site"), snapshot(fresh / "site")
    assert sorted(cached) == sorted(rebuilt)
    assert differing(cached, rebuilt) == []
