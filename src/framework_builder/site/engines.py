"""The two site engines that build a version's generated Markdown: MkDocs (the default) and Zensical.

Both read the same generated config (`mkdocs_build.write_config`, which `INHERIT`s the shared
`mkdocs.yml`) and the same theme overrides. Zensical, Material's successor, is an optional
dependency (`pip install 'framework-builder[zensical]'`). It wants the docs and site folders
inside the config's folder, given as relative paths, so it builds into `work/site`, which is
then moved where the version's pages belong. It runs in a process of its own, `zensical_host`: it is
a Rust program that prints to the terminal and may abort the process on an internal error. That
process is started once per build process or worker and builds every version it is given, so Python
starting and Zensical loading (a quarter of a small version's time) are paid once, not per version.
When it dies, the version it was building fails with what it printed, and the next starts a new one.
"""

from __future__ import annotations

import json
import multiprocessing.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path

from framework_builder.errors import BuildError, UsageError
from framework_builder.site import mkdocs_build
from framework_builder.site.parallel import die_with_parent

MKDOCS, ZENSICAL = "mkdocs", "zensical"
ENGINES = (MKDOCS, ZENSICAL)
NAMES = {MKDOCS: "MkDocs", ZENSICAL: "Zensical"}
_PACKAGES = {MKDOCS: ("mkdocs", "mkdocs-material"), ZENSICAL: ("zensical",)}
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def check(engine: str) -> None:
    """Raise UsageError when `engine` is unknown or not installed."""
    if engine not in ENGINES:
        raise UsageError(f"unknown engine '{engine}': choose {' or '.join(ENGINES)}")
    try:
        tool_versions(engine)
    except PackageNotFoundError:
        raise UsageError(f"--engine {engine} needs {NAMES[engine]}: install it with "
                         f"pip install 'framework-builder[{engine}]', or build with --engine mkdocs") from None


def tool_versions(engine: str) -> list[str]:
    """The versions of the packages that make an engine's pages (part of the cache key)."""
    return [f"{name} {package_version(name)}" for name in _PACKAGES[engine]]


def site_folder(engine: str, work: Path, site_dir: Path) -> Path:
    """Where `engine` writes the pages of a version built in `work` that belong in `site_dir`."""
    return work / "site" if engine == ZENSICAL else site_dir


def build(engine: str, config_file: Path, site_dir: Path, source_date_epoch: int, label: str) -> None:
    """Build the version configured in `config_file` into `site_dir`; raise BuildError with the engine's warnings."""
    if engine == MKDOCS:
        mkdocs_build.build(config_file, source_date_epoch, label)
        return
    built = config_file.parent / "site"
    ok, printed = _host().build(config_file.resolve(), source_date_epoch)
    if not ok or not built.is_dir():
        raise BuildError(f"Zensical could not build {label}:\n{_warnings(printed)}")
    if site_dir.exists():
        shutil.rmtree(site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    os.replace(built, site_dir)


class _ZensicalHost:
    """A `zensical_host` process of this process's, with the log it prints to."""

    def __init__(self) -> None:
        self.owner = os.getpid()
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "framework_builder.site.zensical_host"], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=self.log, env={**os.environ, "NO_COLOR": "1"}, text=True,
            encoding="utf-8", preexec_fn=die_with_parent)
        # Stopped and waited for when this process ends (a worker too, unless terminated: the host then
        # dies with it), so that none is left over and its memory counts as this process's child's.
        self.close = multiprocessing.util.Finalize(self, self._stop, exitpriority=10)

    def alive(self) -> bool:
        """Whether this process started it (not a parent this one was forked from) and it still runs."""
        return self.owner == os.getpid() and self.process.poll() is None

    def _stop(self) -> None:
        """Tell it to stop (it stops when its input ends), and wait for it (once: call `close`)."""
        assert self.process.stdin is not None
        try:
            self.process.stdin.close()
            self.process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        self.log.close()

    def build(self, config_file: Path, source_date_epoch: int) -> tuple[bool, str]:
        """Build one version; return whether it built and what Zensical printed meanwhile."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.log.seek(0)
        self.log.truncate()
        try:
            self.process.stdin.write(json.dumps({"config": str(config_file), "epoch": source_date_epoch}) + "\n")
            self.process.stdin.flush()
            line = self.process.stdout.readline()
        except OSError:  # it died before reading the request
            line = ""
        self.log.seek(0)
        printed = self.log.read().decode("utf-8", errors="replace")
        if not line:
            code = self.process.wait()
            return False, f"{printed}\nZensical stopped (exit status {code})"
        answer = json.loads(line)
        error = str(answer.get("error", ""))
        return bool(answer["ok"]), printed if error in printed else f"{printed}\n{error}"


_HOST: _ZensicalHost | None = None


def _host() -> _ZensicalHost:
    """This process's Zensical, started now if it has none running."""
    global _HOST  # noqa: PLW0603 (one per process, reused by every version it builds)
    if _HOST is not None and _HOST.owner == os.getpid() and not _HOST.alive():
        _HOST.close()  # it died: collect it
    if _HOST is None or not _HOST.alive():
        _HOST = _ZensicalHost()
    return _HOST


def _warnings(printed: str) -> str:
    """What Zensical printed, without colours and without its Python traceback."""
    text = _ANSI.sub("", printed).split("Traceback (most recent call last)")[0]
    lines = [line for line in text.splitlines() if line.strip() and line.strip() not in ("Build started",)]
    return "\n".join(f"  {line}" for line in lines) or "  (it printed nothing)"
