"""`framework-builder release`: freeze the working version into `releases/<version>.yml`."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from framework_builder.errors import ReleaseRefused
from framework_builder.model.framework import Status
from framework_builder.model.releases import dump_release, freeze, release_path
from framework_builder.site.build_date import build_date
from framework_builder.source.diagnostics import FORMATTERS
from framework_builder.source.discovery import display_path, framework_folder
from framework_builder.source.loader import load_framework


def next_version(version: str) -> str:
    """A suggestion for the next version: the last number plus one (1.1 → 1.2)."""
    match = re.match(r"^(.*?)(\d+)(-.*)?$", version)
    if not match:
        return version
    return f"{match.group(1)}{int(match.group(2)) + 1}"


def run(root: Path, slug: str, status: str | None, today: dt.date | None) -> str:
    """Release the working version of ROOT/SLUG; return what to tell the user, or raise ReleaseRefused."""
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
                f"{display_path(folder / 'framework.yml')} (for example to {next_version(working.version)}) "
                "and run release again.")
    if not loaded.ok or working is None:
        report = FORMATTERS["text"](loaded.diagnostics)
        raise ReleaseRefused(f"{report}\nrelease refused: {slug} has errors. Fix them (see above), then release again.")

    frozen_status = Status(status) if status else working.status
    release = freeze(working, frozen_status, released_on)
    target.parent.mkdir(exist_ok=True)
    target.write_text(dump_release(release), encoding="utf-8")

    check = load_framework(folder)
    if not check.ok:  # should never happen: the release we wrote does not read back
        target.unlink()
        report = FORMATTERS["text"](check.diagnostics)
        raise ReleaseRefused(f"{report}\nrelease refused: the release file did not validate, so it was removed.")
    return (f"wrote {display_path(target)}: {slug} {release.version}, {frozen_status.value}, "
            f"released on {released_on.isoformat()}\n"
            f"Next: commit it (git add {display_path(target)}), and change `version:` in framework.yml "
            f"(for example to {next_version(working.version)}) before making further changes.")
