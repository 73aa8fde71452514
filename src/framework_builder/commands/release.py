"""`framework-builder release`: freeze the working version into `releases/<version>.yml`."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from framework_builder.errors import ReleaseRefused
from framework_builder.model.framework import Framework, Status
from framework_builder.model.layout import FRAMEWORK_FILE
from framework_builder.model.releases import ReleaseFile, dump_release, freeze, missing_adoption_date, release_path
from framework_builder.site.build_date import build_date
from framework_builder.source.diagnostics import FORMATTERS
from framework_builder.source.discovery import display_path, framework_folder
from framework_builder.source.loader import load_framework
from framework_builder.source.yamlsource import YamlError, read_yaml


def next_version(version: str) -> str:
    """A suggestion for the next version: the last number plus one (1.1 → 1.2)."""
    match = re.match(r"^(.*?)(\d+)(-.*)?$", version)
    if not match:
        return version
    return f"{match.group(1)}{int(match.group(2)) + 1}"


def _no_adoption_date(folder: Path, slug: str, working: Framework) -> ReleaseRefused:
    """The refusal to freeze an adopted version without `adopted_on`, located at `status:` in framework.yml."""
    path = folder / FRAMEWORK_FILE
    display = display_path(path)
    try:
        line, column = read_yaml(path, display).position(("status",), key=True)
    except YamlError:  # it was read a moment ago; if it changed since, name the file alone
        where = display
    else:
        where = f"{display}:{line}:{column}"
    return ReleaseRefused(
        f"{where}: release refused: {slug} version {working.version} would be frozen as adopted, "
        "but it gives no adoption date, and a release never changes, so a guessed date would stay wrong.\n"
        f"    hint: add the day the leadership group adopted it to {display}, for example "
        "`adopted_on: 2026-03-10` (YYYY-MM-DD), then release again.")


def summary(release: ReleaseFile) -> list[str]:
    """What was frozen: version, status, adoption date, release date and comment window (when there is one)."""
    framework = release.framework
    lines = [f"  status: {framework.status.value}"]
    if framework.adopted_on is not None:
        lines.append(f"  adopted on: {framework.adopted_on.isoformat()}")
    lines.append(f"  released on: {release.released_on.isoformat()}")
    if framework.comments is not None:
        lines.append(f"  comment window: {framework.comments.opens.isoformat()} to "
                     f"{framework.comments.closes.isoformat()}")
    return lines


def run(root: Path, slug: str, status: str | None, today: dt.date | None) -> str:
    """Release the working version of ROOT/SLUG; return what to tell the user (the warnings `validate`
    would print first), or raise ReleaseRefused."""
    folder = framework_folder(root, slug)
    released_on = build_date(today)
    loaded = load_framework(folder)
    working = loaded.framework
    if working is not None:
        target = release_path(folder, working.version)
        if target.exists():
            raise ReleaseRefused(
                f"{slug} version {working.version} is already released ({display_path(target)}).\n"
                "A release never changes: to release new changes, change `version:` in "
                f"{display_path(folder / FRAMEWORK_FILE)} (for example to {next_version(working.version)}) "
                "and run release again.")
    if not loaded.ok or working is None:
        report = FORMATTERS["text"](loaded.diagnostics)
        raise ReleaseRefused(f"{report}\nrelease refused: {slug} has errors. Fix them (see above), then release again.")

    frozen_status = Status(status) if status else working.status
    if missing_adoption_date(working, frozen_status):
        raise _no_adoption_date(folder, slug, working)
    release = freeze(working, frozen_status, released_on)
    target.parent.mkdir(exist_ok=True)
    target.write_text(dump_release(release), encoding="utf-8")

    check = load_framework(folder)
    if not check.ok:  # should never happen: the release we wrote does not read back
        target.unlink()
        report = FORMATTERS["text"](check.diagnostics)
        raise ReleaseRefused(f"{report}\nrelease refused: the release file did not validate, so it was removed.")
    warnings = loaded.diagnostics  # only warnings are left, in the order `validate` prints them
    return "\n".join(
        ([FORMATTERS["text"](warnings), ""] if warnings else [])
        + [f"wrote {display_path(target)}: {slug} version {release.version}"]
        + summary(release)
        + [f"Next: commit it (git add {display_path(target)}), and change `version:` in framework.yml "
           f"(for example to {next_version(working.version)}) before making further changes."])
