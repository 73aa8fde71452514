"""`build --jobs N`: frameworks built in worker processes give the same bytes as one process, a failure in
one worker leaves the previous site, Ctrl+C and kill -9 stop the workers and free the locks, and the build
summary gives each framework's size, warning near GitHub Pages' limit.

Each project is a copy of the Riverton and Stamford demos and the `minimal` fixture (five versions).
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

import pytest
from harness import (DEMO_TODAY, FIXTURES, FRAMEWORKS, REPO, build, cli, differing, snapshot, start_process,
                     wait_for)

from framework_builder.site import parallel, sizes

TODAY = DEMO_TODAY
PAUSED_BUILD = REPO / "tests" / "paused_build.py"
VERSION_LINE = re.compile(r"^(\S+ \S+) \([a-z-]+\): (.*), [0-9.]+ s$", re.MULTILINE)
VERSIONS = ["minimal 1.0", "riverton 1.0", "riverton 1.1", "stamford 0.2", "stamford 0.3"]


def network(folder: Path) -> Path:
    """A project with the Riverton and Stamford demos and `minimal`, not built."""
    for source in (FRAMEWORKS / "riverton", FRAMEWORKS / "stamford", FIXTURES / "minimal"):
        shutil.copytree(source, folder / "frameworks" / source.name)
    return folder


def built_versions(stderr: str) -> dict[str, str]:
    return dict(VERSION_LINE.findall(stderr))


@pytest.fixture(scope="module")
def two_jobs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    project = network(tmp_path_factory.mktemp("jobs2"))
    result = build(project, "--jobs", "2", today=TODAY)
    assert result.code == 0, result.err
    return project, result.err


def test_two_jobs_and_one_job_build_byte_identical_sites(two_jobs: tuple[Path, str], tmp_path: Path) -> None:
    parallel, stderr = two_jobs
    single = network(tmp_path)
    result = build(single, "--jobs", "1", today=TODAY)
    assert result.code == 0, result.err
    assert "with 2 process(es)" in stderr and "with 1 process(es)" in result.err
    for err in (stderr, result.err):  # both really built every version
        assert sorted(built_versions(err)) == VERSIONS
        assert all(note.endswith(" pages") for note in built_versions(err).values())
    first, second = snapshot(parallel / "site"), snapshot(single / "site")
    assert sorted(first) == sorted(second)
    assert differing(first, second) == []


def test_progress_lines_stay_whole_one_per_version(two_jobs: tuple[Path, str]) -> None:
    _, stderr = two_jobs
    lines = [line for line in stderr.splitlines() if VERSION_LINE.match(line)]
    assert sorted(VERSION_LINE.match(line)[1] for line in lines) == VERSIONS  # each once, never two on a line
    assert sum(line.count(" s") for line in lines) == len(lines)


def test_the_summary_gives_each_frameworks_size(two_jobs: tuple[Path, str]) -> None:
    project, stderr = two_jobs
    listed = dict(re.findall(r"^  ([a-z0-9-]+): ([0-9.]+) MB$", stderr, re.MULTILINE))
    assert sorted(listed) == ["minimal", "riverton", "stamford"]
    assert float(listed["stamford"]) == pytest.approx(sizes.tree_size(project / "site" / "stamford") / 1e6, abs=0.06)
    assert "warning: the site is" not in stderr


def test_a_site_near_the_pages_limit_is_warned_about(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path
    shutil.copytree(FIXTURES / "minimal", project / "frameworks" / "minimal")
    monkeypatch.setattr(sizes, "PAGES_LIMIT", 1_000_000)  # 1 MB: the minimal site is above 80 % of it
    result = build(project, "--jobs", "1", today=TODAY)
    assert result.code == 0, result.err
    warning = next(line for line in result.err.splitlines() if line.startswith("warning: the site is"))
    assert "of the 0.001 GB GitHub Pages publishes" in warning
    assert "minimal" in warning


def test_a_failing_version_in_a_worker_leaves_the_previous_site(two_jobs: tuple[Path, str], tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(two_jobs[0], project)
    before = snapshot(project / "site")
    shutil.rmtree(project / "build" / "cache" / "riverton")
    (project / "build" / "cache" / "riverton").write_text("not a folder")  # riverton's pages cannot be written
    result = build(project, "--jobs", "2", today=TODAY)
    assert result.code == 1
    assert "Traceback" not in result.err
    assert "MkDocs could not build riverton 1.0:" in result.err  # named by framework and version
    assert snapshot(project / "site") == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


def lock_is_free(path: Path) -> bool:
    """Whether no process holds the `flock` lock on `path` (or it does not exist)."""
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


@pytest.mark.parametrize("stop", ["ctrl-c", "kill-9"])
def test_stopping_a_build_stops_its_workers_and_frees_the_locks(two_jobs: tuple[Path, str], tmp_path: Path,
                                                                 stop: str) -> None:
    project = tmp_path / "project"
    shutil.copytree(two_jobs[0], project)
    before = snapshot(project / "site")
    shutil.rmtree(project / "build" / "cache")  # every framework is built again, in the workers
    gate = Path(tempfile.mkdtemp(prefix="gate-", dir=tmp_path))
    process = start_process([sys.executable, str(PAUSED_BUILD), str(gate), "during-mkdocs", "build", "--jobs", "2",
                             "--root", "frameworks", "--today", TODAY, "--out", "site"], cwd=project)
    wait_for(lambda: (gate / "reached").exists(), process, what="a worker to start MkDocs")
    locks = [project / ".site.lock", project / "build" / ".framework-builder.lock"]
    assert not any(lock_is_free(lock) for lock in locks)
    if stop == "ctrl-c":
        process.send_signal(signal.SIGINT)
    else:
        process.kill()
    _, stderr = process.communicate(timeout=60)
    assert process.returncode not in (0, -signal.SIGINT), stderr
    assert "Traceback" not in stderr
    wait_for(lambda: all(lock_is_free(lock) for lock in locks), timeout=10, what="the workers to let go of the locks")
    assert snapshot(project / "site") == before
    later = build(project, "--jobs", "2", today=TODAY)
    assert later.code == 0, later.err
    assert snapshot(project / "site") == before  # the same input, the same bytes
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


def test_the_build_prints_the_warnings_validate_prints(tmp_path: Path) -> None:
    goal = tmp_path / "frameworks" / "minimal" / "goals" / "reporting.yml"
    shutil.copytree(FIXTURES / "minimal", tmp_path / "frameworks" / "minimal")
    goal.write_text(goal.read_text(encoding="utf-8").replace("addresses: [low-reporting]", "addresses: []"),
                    encoding="utf-8")
    validated = cli("validate", "frameworks", cwd=tmp_path)
    assert validated.code == 0 and "warning FB301" in validated.out
    result = build(tmp_path, "--jobs", "1", today=TODAY)
    assert result.code == 0, result.err
    assert validated.out.strip() in result.err


def _write_until_stopped(folder: Path) -> None:
    """A worker's task that keeps writing files into `folder`, as a worker builds pages into staging."""
    number = 0
    while True:
        number += 1
        (folder / f"page-{number}.html").write_text("page\n", encoding="utf-8")


def test_a_failed_block_stops_the_workers_before_it_ends(tmp_path: Path) -> None:
    """The staging folder is deleted after the build's block fails: by then no worker may write into it,
    or the deletion leaves a half-deleted folder behind (what an interrupted build left, before)."""
    staging = tmp_path / ".site.building-1"
    staging.mkdir()
    with parallel.Workers(2) as workers:
        with pytest.raises(KeyboardInterrupt):
            with workers.stopped_on_failure():
                workers.as_done(_write_until_stopped, [staging])
                wait_for(lambda: any(staging.iterdir()), what="the worker to write")
                raise KeyboardInterrupt  # Ctrl+C
        shutil.rmtree(staging)
        time.sleep(0.2)
        assert not staging.exists()
