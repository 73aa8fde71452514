"""The output folder is the build's alone (issue 8, class 4).

`build --out` refuses every folder it did not make (the project, the frameworks, templates, the
cache, git's folder, folders with framework YAML, foreign folders); one build at a time writes an
output; `--only` keeps the other frameworks as published; a killed build, at any point, leaves the
previous site complete, and the next build cleans up after it. Each test works in its own
temporary project (frameworks/ + site/ + build/), as `tests/test_build_safety.py` does.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable

import pytest
from harness import (FIXTURE_TODAY, FIXTURES, FRAMEWORKS, REPO, Result, build, cli, edit_yaml, snapshot,
                     start_process, wait_for)
from html_page import parse_file

from framework_builder.site import output

TODAY = FIXTURE_TODAY
PAUSED_BUILD = REPO / "tests" / "paused_build.py"


def start_paused_build(project: Path, point: str) -> tuple[subprocess.Popen[str], Path]:
    """The usual build started as a process that pauses at `point` (see tests/paused_build.py) until
    released; returns the process and its gate folder, once the build has reached the point."""
    gate = Path(tempfile.mkdtemp(prefix="gate-", dir=project.parent))
    process = start_process([sys.executable, str(PAUSED_BUILD), str(gate), point, "build", "--root", "frameworks",
                             "--today", TODAY, "--out", "site"], cwd=project)
    wait_for(lambda: (gate / "reached").exists(), process, what=f"the build to reach {point}")
    return process, gate


def leftovers(project: Path) -> list[str]:
    """What a build may leave next to site/: its staging folders, the set-aside site, the lock."""
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site"))


def assert_no_traceback(result: Result) -> None:
    assert "Traceback" not in result.out + result.err, result.err


def edit_goal(goal: Path, title: str) -> None:
    edit_yaml(goal, lambda data: data.update(title=title))


def break_framework(folder: Path) -> None:
    """Give a framework an error: an action led by an organization it does not list."""
    edit_yaml(folder / "goals" / "reporting.yml",
              lambda goal: goal["objectives"][0]["actions"][0].update(lead="nobody-we-know"))


def portal_links(site: Path) -> list[str]:
    """The href of every <a> of the portal."""
    return [node.attrs["href"] for node in parse_file(site / "index.html").find_all("a") if "href" in node.attrs]


@pytest.fixture(scope="module")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with the minimal framework built once: frameworks/, site/, build/ (the cache), templates/, .git/."""
    project = tmp_path_factory.mktemp("built") / "project"
    subprocess.run(["mkdir", "-p", str(project / "frameworks")], check=True)
    subprocess.run(["cp", "-a", str(FIXTURES / "minimal"), str(project / "frameworks")], check=True)
    result = build(project, today=TODAY)
    assert result.code == 0, result.err
    (project / "templates").mkdir()
    (project / "templates" / "NOTES.txt").write_text("our template notes\n", encoding="utf-8")
    (project / ".git").mkdir()
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    return project


def copy_project(built: Path, tmp_path: Path) -> Path:
    """A fresh copy of a built project, alone in tmp_path (so `..` is tmp_path)."""
    copy = tmp_path / "project"
    subprocess.run(["cp", "-a", str(built), str(copy)], check=True)
    return copy


@pytest.fixture
def project(built_project: Path, tmp_path: Path) -> Path:
    """A fresh copy of the built project."""
    return copy_project(built_project, tmp_path)


def _foreign(project: Path) -> None:
    (project / "notes").mkdir()
    (project / "notes" / "minutes.txt").write_text("meeting minutes\n", encoding="utf-8")


def _old_frameworks(project: Path) -> None:
    subprocess.run(["cp", "-a", str(project / "frameworks"), str(project / "old")], check=True)


def _goals_only(project: Path) -> None:
    (project / "draft" / "goals").mkdir(parents=True)
    (project / "draft" / "goals" / "new.yml").write_text("id: new\n", encoding="utf-8")


def _yaml_in_our_site(project: Path) -> None:
    (project / "site" / "minimal" / "framework.yml").write_text("slug: minimal\n", encoding="utf-8")


def _link_to_frameworks(project: Path) -> None:
    (project / "published").symlink_to("frameworks", target_is_directory=True)


def _nothing(project: Path) -> None:
    """The project as built."""


REFUSALS = [
    ("frameworks", _nothing, "it is the frameworks folder"),
    ("frameworks/minimal", _nothing, "it is inside the frameworks folder"),
    ("frameworks/minimal/goals", _nothing, "it is inside the frameworks folder"),
    (".", _nothing, "it is the project folder"),
    ("..", _nothing, "it holds the project folder"),
    ("{project}", _nothing, "it is the project folder"),
    ("/", _nothing, "it holds the project folder"),
    ("templates", _nothing, "it is the templates folder"),
    ("templates/site", _nothing, "it is inside the templates folder"),
    ("build", _nothing, "it is the build folder (build/, the cache)"),
    ("build/cache", _nothing, "it is inside the build folder"),
    (".git", _nothing, "it is in git's own folder (.git)"),
    ("old", _old_frameworks, "it holds framework YAML (" + os.path.join("{project}", "old", "minimal")),
    ("draft", _goals_only, "it holds framework YAML ("),
    ("site", _yaml_in_our_site, "it holds framework YAML ("),
    ("notes", _foreign, "the folder is not empty and was not made by framework-builder (it has no "
                        ".framework-builder file)"),
    ("published", _link_to_frameworks, "it is the frameworks folder"),
    ("site/../frameworks", _nothing, "it is the frameworks folder"),
]


@pytest.mark.parametrize(("out", "setup", "message"), REFUSALS, ids=[case[0] for case in REFUSALS])
def test_an_output_the_build_did_not_make_is_refused_and_left_as_it_was(
        project: Path, out: str, setup: Callable[[Path], None], message: str) -> None:
    setup(project)
    before = snapshot(project.parent)
    result = build(project, out=out.format(project=project), today=TODAY)
    assert result.code == 2, result.err
    assert_no_traceback(result)
    assert f"refusing --out {out.format(project=project)}: " in result.err
    assert message.format(project=project.resolve()) in result.err.replace("\n", " ")
    assert snapshot(project.parent) == before


def test_a_refused_output_says_what_to_do(project: Path) -> None:
    _foreign(project)
    result = build(project, out="notes", today=TODAY)
    assert "Choose another --out, or, if notes/ is an old site you no longer need, delete it yourself" in result.err
    assert "use the default (--out site) or a new folder" in build(project, out=".", today=TODAY).err


def test_the_build_marks_its_output_and_rebuilds_a_marked_or_empty_folder(project: Path) -> None:
    assert (project / "site" / output.MARKER).read_text(encoding="utf-8") == output.MARKER_TEXT
    again = build(project, today=TODAY)
    assert again.code == 0, again.err
    (project / "empty").mkdir()
    into_empty = build(project, out="empty", today=TODAY)
    assert into_empty.code == 0, into_empty.err
    assert output.is_ours(project / "empty")
    assert (project / "empty" / "minimal" / "1.0" / "index.html").is_file()
    assert leftovers(project) == []


def test_a_second_build_is_refused_while_the_lock_is_held(project: Path) -> None:
    before = snapshot(project / "site")
    with output.locked(output.lock_file(project / "site"), "held by the test"):
        refused = build(project, today=TODAY)
    assert refused.code == 2
    assert_no_traceback(refused)
    assert "another build is writing site/ right now: wait for it to finish, then build again." in refused.err
    assert snapshot(project / "site") == before
    after = build(project, today=TODAY)
    assert after.code == 0, after.err
    assert leftovers(project) == []


def test_a_build_started_while_another_runs_is_refused_and_the_first_completes(project: Path) -> None:
    subprocess.run(["cp", "-a", str(FRAMEWORKS / "stamford"), str(project / "frameworks")], check=True)
    first, gate = start_paused_build(project, "during-mkdocs")  # paused in the middle of its build
    try:
        into_same = build(project, today=TODAY)
        into_other = build(project, out="preview", today=TODAY)
    finally:
        (gate / "release").touch()
        stdout, stderr = first.communicate(timeout=300)
    assert into_same.code == 2
    assert_no_traceback(into_same)
    assert "another build is writing site/ right now" in into_same.err
    assert into_other.code == 2  # it would share the cache with the first
    assert "another build is using build/ (the cache) right now" in into_other.err
    assert not (project / "preview").exists()
    assert first.returncode == 0, stderr
    for page in ("index.html", "minimal/1.0/index.html", "stamford/0.2/index.html", "stamford/0.3/index.html"):
        assert (project / "site" / page).is_file(), page
    assert leftovers(project) == []


def two_framework_project(tmp_path: Path) -> Path:
    """A project with `minimal` and `other` (Otherville, otherwise the same), not built."""
    project = tmp_path / "project"
    subprocess.run(["mkdir", "-p", str(project / "frameworks")], check=True)
    for slug in ("minimal", "other"):
        subprocess.run(["cp", "-a", str(FIXTURES / "minimal"), str(project / "frameworks" / slug)], check=True)
    head = project / "frameworks" / "other" / "framework.yml"
    head.write_text(head.read_text(encoding="utf-8").replace("slug: minimal", "slug: other")
                    .replace("Testville", "Otherville"), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def built_two_frameworks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with `minimal` and `other` (Otherville), both built into site/."""
    project = two_framework_project(tmp_path_factory.mktemp("two"))
    result = build(project, today=TODAY)
    assert result.code == 0, result.err
    assert sorted(portal_links(project / "site")) == ["minimal/1.0/", "other/1.0/"]
    return project


@pytest.fixture
def two_frameworks(built_two_frameworks: Path, tmp_path: Path) -> Path:
    """A fresh copy of the project with two frameworks built."""
    return copy_project(built_two_frameworks, tmp_path)


@pytest.mark.parametrize("other_has_errors", [True, False], ids=["other-has-errors", "other-valid"])
def test_only_keeps_the_other_frameworks_as_published(two_frameworks: Path, other_has_errors: bool) -> None:
    project = two_frameworks
    kept = snapshot(project / "site" / "other")
    portal_line = (project / "site" / "other" / ".portal-entry.json").read_bytes()
    if other_has_errors:
        break_framework(project / "frameworks" / "other")
    edit_goal(project / "frameworks" / "minimal" / "goals" / "reporting.yml", "Reporting, edited")
    result = build(project, "--only", "minimal", today=TODAY)
    assert result.code == 0, result.err
    assert_no_traceback(result)
    assert "other: kept as published" in result.err
    assert snapshot(project / "site" / "other") == kept
    assert (project / "site" / "other" / ".portal-entry.json").read_bytes() == portal_line
    assert sorted(portal_links(project / "site")) == ["minimal/1.0/", "other/1.0/"]
    assert "Otherville, Example State" in parse_file(project / "site" / "index.html").text()
    goal = project / "site" / "minimal" / "1.0" / "goals" / "reporting" / "index.html"
    assert "Reporting, edited" in parse_file(goal).text()


def test_only_never_lists_a_framework_that_was_never_published(tmp_path: Path) -> None:
    project = two_framework_project(tmp_path)
    break_framework(project / "frameworks" / "other")
    result = build(project, "--only", "minimal", today=TODAY)
    assert result.code == 0, result.err
    assert portal_links(project / "site") == ["minimal/1.0/"]
    assert not (project / "site" / "other").exists()


# Where the build is paused before it is signalled (see tests/paused_build.py), with what the pause must show.
KILL_POINTS = {
    "staged": lambda project: any(project.glob(".site.building-*/.framework-builder")),
    "one-version-copied": lambda project: any(project.glob(".site.building-*/stamford/0.2/index.html")),
    "during-mkdocs": lambda project: (project / "build" / "work" / "stamford" / "0.3" / "mkdocs.yml").is_file(),
}


@pytest.fixture(scope="module")
def built_demo_project(built_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built project with the Stamford demo added and built too (two versions)."""
    project = copy_project(built_project, tmp_path_factory.mktemp("demo"))
    subprocess.run(["cp", "-a", str(FRAMEWORKS / "stamford"), str(project / "frameworks")], check=True)
    result = build(project, today=TODAY)
    assert result.code == 0, result.err
    return project


@pytest.fixture
def demo_project(built_demo_project: Path, tmp_path: Path) -> Path:
    """A fresh copy of the built demo project."""
    return copy_project(built_demo_project, tmp_path)


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_a_killed_build_leaves_the_previous_site_and_the_next_build_cleans_up(demo_project: Path,
                                                                              point: str) -> None:
    project = demo_project
    before = snapshot(project / "site")
    goal = project / "frameworks" / "stamford" / "goals" / "reporting.yml"
    edit_goal(goal, "Reporting, after the kill")  # the working version 0.3 is built again
    subprocess.run(["rm", "-rf", str(project / "build" / "work")], check=True)  # the scratch folder of the last build
    killed, _ = start_paused_build(project, point)
    assert KILL_POINTS[point](project)
    killed.kill()
    killed.communicate(timeout=60)
    assert killed.returncode == -signal.SIGKILL
    assert snapshot(project / "site") == before
    assert leftovers(project) != []  # what the killed build could not clean up

    later = build(project, today=TODAY)
    assert later.code == 0, later.err
    assert_no_traceback(later)
    assert leftovers(project) == []
    page = project / "site" / "stamford" / "0.3" / "goals" / "reporting" / "index.html"
    assert "Reporting, after the kill" in parse_file(page).text()
    assert sorted(portal_links(project / "site")) == ["minimal/1.0/", "stamford/0.3/", "stamford/0.3/es/"]  # and in Spanish


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_an_interrupted_build_cleans_up_after_itself(demo_project: Path, point: str) -> None:
    project = demo_project
    before = snapshot(project / "site")
    edit_goal(project / "frameworks" / "stamford" / "goals" / "reporting.yml", "Reporting, interrupted")
    subprocess.run(["rm", "-rf", str(project / "build" / "work")], check=True)
    interrupted, _ = start_paused_build(project, point)
    assert KILL_POINTS[point](project)
    interrupted.send_signal(signal.SIGINT)  # Ctrl+C
    _, stderr = interrupted.communicate(timeout=60)
    assert interrupted.returncode not in (0, -signal.SIGINT), stderr
    assert "Traceback" not in stderr
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def _site(folder: Path, text: str) -> Path:
    folder.mkdir()
    output.mark(folder)
    (folder / "index.html").write_text(text, encoding="utf-8")
    return folder


def test_the_swap_exchanges_the_folders_atomically(tmp_path: Path) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("renameat2 is Linux's")
    out = _site(tmp_path / "site", "old")
    staged = _site(tmp_path / ".site.building-1", "new")
    output.swap(staged, out)
    assert (out / "index.html").read_text(encoding="utf-8") == "new"
    assert (staged / "index.html").read_text(encoding="utf-8") == "old"  # the old site, for the caller to delete
    assert not output.previous_folder(out).exists()


def test_the_two_rename_swap_killed_between_its_renames_is_recovered(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    out = _site(tmp_path / "site", "old")
    old = snapshot(out)
    staged = _site(Path(tempfile.mkdtemp(dir=tmp_path, prefix=".site.building-")) / "new", "new").parent
    output.mark(staged)  # a killed build's staging folder, also cleaned up by recover
    monkeypatch.setattr(output, "_exchange", lambda first, second: False)  # a system without renameat2
    renames = []
    real_rename = os.rename

    def rename_then_die(source: Path, target: Path) -> None:
        renames.append(target)
        if len(renames) == 2:
            raise KeyboardInterrupt  # the process dies between the two renames
        real_rename(source, target)

    monkeypatch.setattr(output.os, "rename", rename_then_die)
    with pytest.raises(KeyboardInterrupt):
        output.swap(staged, out)
    assert not out.exists()
    assert snapshot(output.previous_folder(out)) == old
    monkeypatch.setattr(output.os, "rename", real_rename)

    said: list[str] = []
    output.recover(out, said.append)
    assert snapshot(out) == old
    assert said == [f"Restored the previous site into {out}/ (an earlier build was stopped while swapping it in)."]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_two_rename_swap_replaces_the_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output, "_exchange", lambda first, second: False)
    out = _site(tmp_path / "site", "old")
    output.swap(_site(tmp_path / ".site.building-1", "new"), out)
    assert (out / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_build_after_a_crash_mid_swap_first_puts_the_previous_site_back(project: Path) -> None:
    before = snapshot(project / "site")
    os.rename(project / "site", output.previous_folder(project / "site"))  # what the crash leaves
    break_framework(project / "frameworks" / "minimal")
    failed = build(project, today=TODAY)  # fails on the framework's error, after putting the site back
    assert failed.code == 1
    assert_no_traceback(failed)
    assert "Restored the previous site into" in failed.err
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


@pytest.mark.parametrize("folder", ["work", "cache"])
def test_the_build_never_deletes_through_a_link_out_of_build(project: Path, tmp_path: Path, folder: str) -> None:
    precious = tmp_path / "precious"
    (precious / "minimal" / "1.0").mkdir(parents=True)
    (precious / "minimal" / "1.0" / "keep.txt").write_text("keep me\n", encoding="utf-8")
    subprocess.run(["rm", "-rf", str(project / "build" / folder)], check=True)
    (project / "build" / folder).symlink_to(precious, target_is_directory=True)
    edit_goal(project / "frameworks" / "minimal" / "goals" / "reporting.yml", "Reporting, edited")
    before = snapshot(precious), snapshot(project / "site")
    result = build(project, today=TODAY)
    assert result.code == 2
    assert_no_traceback(result)
    assert f"refusing to delete {Path('build') / folder / 'minimal' / '1.0'}: it leads out of build/" in result.err
    assert (snapshot(precious), snapshot(project / "site")) == before
    assert leftovers(project) == []


def test_serve_never_deletes_through_a_link_out_of_build(project: Path, tmp_path: Path) -> None:
    precious = tmp_path / "precious"
    (precious / "minimal-site").mkdir(parents=True)
    (precious / "minimal-site" / "keep.txt").write_text("keep me\n", encoding="utf-8")
    (project / "build" / "serve").symlink_to(precious, target_is_directory=True)
    before = snapshot(precious)
    result = cli("serve", "minimal", "--root", "frameworks", "--today", TODAY, "--port", "0", cwd=project)
    assert result.code == 2
    assert_no_traceback(result)
    assert "refusing to delete build/serve/minimal-site: it leads out of build/" in result.err
    assert snapshot(precious) == before
