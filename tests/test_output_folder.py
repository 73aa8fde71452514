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
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable

import pytest
import yaml
from cli_helpers import FIXTURES, FRAMEWORKS

from framework_builder.site import output

TODAY = "2026-02-01"  # inside the minimal fixture's comment window


def _env() -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "framework_builder", "build", "--root", "frameworks", "--today", TODAY, *args]


def build(project: Path, *args: str, out: str = "site") -> subprocess.CompletedProcess[str]:
    """`framework-builder build --out OUT ARGS` run in `project`."""
    return subprocess.run(_command("--out", out, *args), cwd=project, env=_env(), capture_output=True, text=True,
                          encoding="utf-8", timeout=300)


def start_build(project: Path, *args: str) -> subprocess.Popen[str]:
    """The same build as `build`, started in the background."""
    return subprocess.Popen(_command("--out", "site", *args), cwd=project, env=_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")


def wait_for(condition: Callable[[], object], process: subprocess.Popen[str] | None = None,
             timeout: float = 120) -> None:
    """Poll until `condition()` holds; fail if it never does or `process` ends first."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert process is None or process.poll() is None, f"the build ended first: {process.communicate()}"
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.001)


def snapshot(root: Path) -> dict[str, object]:
    """Every entry under root: file bytes, 'dir', or the target of a link."""
    found: dict[str, object] = {}
    for here, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(here) / name
            key = str(path.relative_to(root))
            found[key] = (f"-> {os.readlink(path)}" if path.is_symlink() else "dir" if path.is_dir()
                          else path.read_bytes())
    return found


def leftovers(project: Path) -> list[str]:
    """What a build may leave next to site/: its staging folders, the set-aside site, the lock."""
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site"))


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout + result.stderr, result.stderr


def edit_goal(goal: Path, title: str) -> None:
    data = yaml.safe_load(goal.read_text(encoding="utf-8"))
    data["title"] = title
    goal.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def break_framework(folder: Path) -> None:
    """Give a framework an error: an action led by an organization it does not list."""
    goal = folder / "goals" / "reporting.yml"
    data = yaml.safe_load(goal.read_text(encoding="utf-8"))
    data["objectives"][0]["actions"][0]["lead"] = "nobody-we-know"
    goal.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


class Links(HTMLParser):
    """The href of every <a> of a page."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.extend(value or "" for name, value in attrs if name == "href")


def portal_links(site: Path) -> list[str]:
    return Links((site / "index.html").read_text(encoding="utf-8")).hrefs


@pytest.fixture(scope="module")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with the minimal framework built once: frameworks/, site/, build/ (the cache), templates/, .git/."""
    project = tmp_path_factory.mktemp("built") / "project"
    subprocess.run(["mkdir", "-p", str(project / "frameworks")], check=True)
    subprocess.run(["cp", "-a", str(FIXTURES / "minimal"), str(project / "frameworks")], check=True)
    result = build(project)
    assert result.returncode == 0, result.stderr
    (project / "templates").mkdir()
    (project / "templates" / "NOTES.txt").write_text("our template notes\n", encoding="utf-8")
    (project / ".git").mkdir()
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    return project


@pytest.fixture
def project(built_project: Path, tmp_path: Path) -> Path:
    """A fresh copy of the built project, alone in tmp_path (so `..` is tmp_path)."""
    copy = tmp_path / "project"
    subprocess.run(["cp", "-a", str(built_project), str(copy)], check=True)
    return copy


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
    result = build(project, out=out.format(project=project))
    assert result.returncode == 2, result.stderr
    assert_no_traceback(result)
    assert f"refusing --out {out.format(project=project)}: " in result.stderr
    assert message.format(project=project.resolve()) in result.stderr.replace("\n", " ")
    assert snapshot(project.parent) == before


def test_a_refused_output_says_what_to_do(project: Path) -> None:
    _foreign(project)
    result = build(project, out="notes")
    assert "Choose another --out, or, if notes/ is an old site you no longer need, delete it yourself" in result.stderr
    assert "use the default (--out site) or a new folder" in build(project, out=".").stderr


def test_the_build_marks_its_output_and_rebuilds_a_marked_or_empty_folder(project: Path) -> None:
    assert (project / "site" / output.MARKER).read_text(encoding="utf-8") == output.MARKER_TEXT
    again = build(project)
    assert again.returncode == 0, again.stderr
    (project / "empty").mkdir()
    into_empty = build(project, out="empty")
    assert into_empty.returncode == 0, into_empty.stderr
    assert output.is_ours(project / "empty")
    assert (project / "empty" / "minimal" / "1.0" / "index.html").is_file()
    assert leftovers(project) == []


def test_a_second_build_is_refused_while_the_lock_is_held(project: Path) -> None:
    before = snapshot(project / "site")
    with output.locked(output.lock_file(project / "site"), "held by the test"):
        refused = build(project)
    assert refused.returncode == 2
    assert_no_traceback(refused)
    assert "another build is writing site/ right now: wait for it to finish, then build again." in refused.stderr
    assert snapshot(project / "site") == before
    after = build(project)
    assert after.returncode == 0, after.stderr
    assert leftovers(project) == []


def test_a_build_started_while_another_runs_is_refused_and_the_first_completes(project: Path) -> None:
    subprocess.run(["cp", "-a", str(FRAMEWORKS / "stamford"), str(project / "frameworks")], check=True)
    first = start_build(project)
    try:
        wait_for(lambda: any(project.glob(".site.building-*/minimal")), first)
        first.send_signal(signal.SIGSTOP)  # paused in the middle of its build
        into_same = build(project)
        into_other = build(project, out="preview")
    finally:
        first.send_signal(signal.SIGCONT)
        stdout, stderr = first.communicate(timeout=300)
    assert into_same.returncode == 2
    assert_no_traceback(into_same)
    assert "another build is writing site/ right now" in into_same.stderr
    assert into_other.returncode == 2  # it would share the cache with the first
    assert "another build is using build/ (the cache) right now" in into_other.stderr
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


@pytest.fixture
def two_frameworks(tmp_path: Path) -> Path:
    """A project with `minimal` and `other` (Otherville), both built into site/."""
    project = two_framework_project(tmp_path)
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert sorted(portal_links(project / "site")) == ["minimal/1.0/", "other/1.0/"]
    return project


@pytest.mark.parametrize("other_has_errors", [True, False], ids=["other-has-errors", "other-valid"])
def test_only_keeps_the_other_frameworks_as_published(two_frameworks: Path, other_has_errors: bool) -> None:
    project = two_frameworks
    kept = snapshot(project / "site" / "other")
    portal_line = (project / "site" / "other" / ".portal-entry.json").read_bytes()
    if other_has_errors:
        break_framework(project / "frameworks" / "other")
    edit_goal(project / "frameworks" / "minimal" / "goals" / "reporting.yml", "Reporting, edited")
    result = build(project, "--only", "minimal")
    assert result.returncode == 0, result.stderr
    assert_no_traceback(result)
    assert "other: kept as published" in result.stderr
    assert snapshot(project / "site" / "other") == kept
    assert (project / "site" / "other" / ".portal-entry.json").read_bytes() == portal_line
    assert sorted(portal_links(project / "site")) == ["minimal/1.0/", "other/1.0/"]
    portal = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "Otherville, Example State" in portal
    goal = project / "site" / "minimal" / "1.0" / "goals" / "reporting" / "index.html"
    assert "Reporting, edited" in goal.read_text(encoding="utf-8")


def test_only_never_lists_a_framework_that_was_never_published(tmp_path: Path) -> None:
    project = two_framework_project(tmp_path)
    break_framework(project / "frameworks" / "other")
    result = build(project, "--only", "minimal")
    assert result.returncode == 0, result.stderr
    assert portal_links(project / "site") == ["minimal/1.0/"]
    assert not (project / "site" / "other").exists()


KILL_POINTS = {
    "staged": lambda project: any(project.glob(".site.building-*/.framework-builder")),
    "one-version-copied": lambda project: any(project.glob(".site.building-*/stamford/0.2/index.html")),
    "during-mkdocs": lambda project: (project / "build" / "work" / "stamford" / "0.3" / "mkdocs.yml").is_file(),
}


@pytest.fixture
def demo_project(project: Path) -> Path:
    """The built project with the Stamford demo added and built too (two versions)."""
    subprocess.run(["cp", "-a", str(FRAMEWORKS / "stamford"), str(project / "frameworks")], check=True)
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_a_killed_build_leaves_the_previous_site_and_the_next_build_cleans_up(demo_project: Path,
                                                                              point: str) -> None:
    project = demo_project
    before = snapshot(project / "site")
    goal = project / "frameworks" / "stamford" / "goals" / "reporting.yml"
    edit_goal(goal, "Reporting, after the kill")  # the working version 0.3 is built again
    subprocess.run(["rm", "-rf", str(project / "build" / "work")], check=True)  # the scratch folder of the last build
    killed = start_build(project)
    wait_for(lambda: KILL_POINTS[point](project), killed)
    killed.kill()
    killed.communicate(timeout=60)
    assert killed.returncode == -signal.SIGKILL
    assert snapshot(project / "site") == before
    assert leftovers(project) != []  # what the killed build could not clean up

    later = build(project)
    assert later.returncode == 0, later.stderr
    assert_no_traceback(later)
    assert leftovers(project) == []
    page = project / "site" / "stamford" / "0.3" / "goals" / "reporting" / "index.html"
    assert "Reporting, after the kill" in page.read_text(encoding="utf-8")
    assert sorted(portal_links(project / "site")) == ["minimal/1.0/", "stamford/0.3/"]


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_an_interrupted_build_cleans_up_after_itself(demo_project: Path, point: str) -> None:
    project = demo_project
    before = snapshot(project / "site")
    edit_goal(project / "frameworks" / "stamford" / "goals" / "reporting.yml", "Reporting, interrupted")
    subprocess.run(["rm", "-rf", str(project / "build" / "work")], check=True)
    interrupted = start_build(project)
    wait_for(lambda: KILL_POINTS[point](project), interrupted)
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
    failed = build(project)  # fails on the framework's error, after putting the site back
    assert failed.returncode == 1
    assert_no_traceback(failed)
    assert "Restored the previous site into" in failed.stderr
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
    result = build(project)
    assert result.returncode == 2
    assert_no_traceback(result)
    assert f"refusing to delete {Path('build') / folder / 'minimal' / '1.0'}: it leads out of build/" in result.stderr
    assert (snapshot(precious), snapshot(project / "site")) == before
    assert leftovers(project) == []


def test_serve_never_deletes_through_a_link_out_of_build(project: Path, tmp_path: Path) -> None:
    precious = tmp_path / "precious"
    (precious / "minimal-site").mkdir(parents=True)
    (precious / "minimal-site" / "keep.txt").write_text("keep me\n", encoding="utf-8")
    (project / "build" / "serve").symlink_to(precious, target_is_directory=True)
    before = snapshot(precious)
    result = subprocess.run([sys.executable, "-m", "framework_builder", "serve", "minimal", "--root", "frameworks",
                             "--today", TODAY, "--port", "0"], cwd=project, env=_env(), capture_output=True,
                            text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 2
    assert_no_traceback(result)
    assert "refusing to delete build/serve/minimal-site: it leads out of build/" in result.stderr
    assert snapshot(precious) == before
