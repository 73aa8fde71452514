"""The one test harness: paths, the CLI (in-process by default), builds, snapshots and polling.

Plain helpers, importable by name from any test module (`from harness import ...`); they live
here rather than in conftest.py because tests/browser/ has its own conftest.py, and
`from conftest import ...` resolves to whichever conftest pytest loaded last.

`cli` runs a command in this process with click's runner, in the folder given, with
SOURCE_DATE_EPOCH cleared and stderr kept apart from stdout; an exception that escapes the
command ends up in stderr as a traceback, as a real process would print it, so tests that
assert "no traceback" keep their meaning. `run_process`/`start_process` run the real
`python -m framework_builder` for the few tests that need a process (smoke tests, serve,
signals).
"""

from __future__ import annotations

import contextlib
import html
import os
import re
import shutil
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Any, Callable, NamedTuple

import yaml
from click.testing import CliRunner

from framework_builder.cli import main

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
FRAMEWORKS = REPO / "frameworks"
FIXTURE_TODAY = "2026-02-01"  # inside the minimal fixture's comment window
DEMO_TODAY = "2026-12-01"  # the demo's reference date (Stamford's draft open for comment)


class Result(NamedTuple):
    """What a command did: its exit code, stdout and stderr."""

    code: int
    out: str
    err: str


def cli(*args: str, cwd: Path | str = REPO, env: dict[str, str] | None = None) -> Result:
    """`framework-builder ARGS` run in this process with `cwd` as the current folder (and `env` set)."""
    runner = CliRunner(env={"SOURCE_DATE_EPOCH": None, "NO_COLOR": "1", **(env or {})})
    with contextlib.chdir(cwd):
        result = runner.invoke(main, list(args), prog_name="framework-builder")
    err = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        err += "".join(traceback.format_exception(result.exception))
    return Result(result.exit_code, result.stdout, err)


def build(project: Path, *args: str, today: str, out: str = "site") -> Result:
    """`framework-builder build --root frameworks --out OUT --today TODAY ARGS` run in `project`
    (its cache goes to project/build, so each project builds on its own)."""
    return cli("build", "--root", "frameworks", "--out", out, "--today", today, *args, cwd=project)


def built_site(project: Path, *args: str, today: str) -> Path:
    """Build `project` (ARGS, TODAY) into site/ and return that folder; fail with the build's output if it fails."""
    result = build(project, *args, today=today)
    assert result.code == 0, f"build failed:\n{result.out}\n{result.err}"
    return project / "site"


def build_demo(project: Path, *args: str, today: str = DEMO_TODAY) -> Path:
    """Copy the demo frameworks into `project`, build them (ARGS, TODAY) and return the site folder."""
    shutil.copytree(FRAMEWORKS, project / "frameworks")
    return built_site(project, *args, today=today)


def build_fixtures(project: Path, *names: str, today: str = FIXTURE_TODAY) -> Path:
    """Copy the fixtures NAMES (tests/fixtures/NAME) into `project`, build them and return the site folder."""
    for name in names:
        shutil.copytree(FIXTURES / name, project / "frameworks" / name)
    return built_site(project, today=today)


def process_env() -> dict[str, str]:
    """The environment of a real framework-builder process: UTF-8, no colour, no build date."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


def run_process(*args: str, cwd: Path | str = REPO, timeout: float = 300) -> Result:
    """`python -m framework_builder ARGS` run as a process in `cwd`."""
    done = subprocess.run([sys.executable, "-m", "framework_builder", *args], cwd=cwd, env=process_env(),
                          capture_output=True, text=True, encoding="utf-8", timeout=timeout)
    return Result(done.returncode, done.stdout, done.stderr)


def start_process(command: list[str], cwd: Path | str) -> subprocess.Popen[str]:
    """`command` started in the background, its stdout and stderr piped."""
    return subprocess.Popen(command, cwd=cwd, env=process_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, encoding="utf-8")


def wait_for(condition: Callable[[], object], process: subprocess.Popen[str] | None = None,
             timeout: float = 120, what: str = "the condition") -> None:
    """Poll until `condition()` holds; fail if it never does or `process` ends first."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert process is None or process.poll() is None, f"the process ended first: {process.communicate()}"
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)


def snapshot(root: Path) -> dict[str, object]:
    """Every entry under root: file bytes, 'dir', or the target of a link."""
    found: dict[str, object] = {}
    for here, dirs, files in os.walk(root):
        for name in sorted(dirs + files):
            path = Path(here) / name
            found[str(path.relative_to(root))] = (f"-> {os.readlink(path)}" if path.is_symlink()
                                                  else "dir" if path.is_dir() else path.read_bytes())
    return found


def differing(first: dict[str, object], second: dict[str, object]) -> list[str]:
    """The entries two snapshots both hold with different contents."""
    return [name for name in first if name in second and first[name] != second[name]]


def edit_yaml(path: Path, change: Callable[[Any], object]) -> None:
    """Apply `change` to a YAML file read as data, and write it back."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def markdown_as_read(text: str) -> str:
    """Markdown as a reader sees it rendered: backslash escapes of punctuation removed (CommonMark)
    and the HTML entities our escaper writes decoded, line breaks kept."""
    return html.unescape(_MARKDOWN_ESCAPE.sub(r"\1", text))
