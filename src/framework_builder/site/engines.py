"""The two site engines that build a version's generated Markdown: MkDocs (the default) and Zensical.

Both read the same generated config (`mkdocs_build.write_config`, which `INHERIT`s the shared
`mkdocs.yml`) and the same theme overrides. Zensical, Material's successor, is an optional
dependency (`pip install 'framework-builder[zensical]'`). It wants the docs and site folders
inside the config's folder, given as relative paths, so it builds into `work/site`, which is
then moved where the version's pages belong. It runs as a process of its own: it is a Rust
program that prints to the terminal and may abort the process on an internal error.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
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
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(source_date_epoch), "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-m", "zensical", "build", "--config-file", str(config_file.resolve()), "--strict"],
                          cwd=config_file.parent, env=env, capture_output=True, text=True, encoding="utf-8",
                          errors="replace", preexec_fn=die_with_parent, check=False)
    if done.returncode != 0 or not built.is_dir():
        raise BuildError(f"Zensical could not build {label}:\n{_warnings(done.stdout + done.stderr)}")
    if site_dir.exists():
        shutil.rmtree(site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    os.replace(built, site_dir)


def _warnings(printed: str) -> str:
    """What Zensical printed, without colours and without its Python traceback."""
    text = _ANSI.sub("", printed).split("Traceback (most recent call last)")[0]
    lines = [line for line in text.splitlines() if line.strip() and line.strip() not in ("Build started",)]
    return "\n".join(f"  {line}" for line in lines) or "  (it printed nothing)"
