"""How big a built site is, against what GitHub Pages publishes (a site of at most 1 GB)."""

from __future__ import annotations

import os
from pathlib import Path

PAGES_LIMIT = 1_000_000_000  # bytes: GitHub Pages' published-site limit
WARN_SHARE = 0.8  # warn from this share of the limit on


def tree_size(folder: Path) -> int:
    """The bytes of every file under `folder` (a hard-linked file counts each time, as a host stores it)."""
    total = 0
    for here, _, files in os.walk(folder):
        total += sum(os.lstat(os.path.join(here, name)).st_size for name in files)
    return total


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def gigabytes(size: int) -> str:
    return f"{size / 1_000_000_000:g} GB"


def report(site: Path, slugs: list[str]) -> tuple[list[str], str | None]:
    """Lines giving each framework's size and the total, and a warning when the site nears the limit.

    `slugs` are every folder at the top of the site, so the total is theirs plus the portal's files."""
    sizes = {slug: tree_size(site / slug) for slug in slugs}
    total = sum(sizes.values()) + sum(entry.stat(follow_symlinks=False).st_size
                                      for entry in os.scandir(site) if not entry.is_dir())
    lines = [f"Size: {megabytes(total)} in all (GitHub Pages publishes at most {gigabytes(PAGES_LIMIT)})"]
    lines += [f"  {slug}: {megabytes(size)}" for slug, size in sorted(sizes.items())]
    warning = None
    if total >= WARN_SHARE * PAGES_LIMIT:
        biggest = ", ".join(f"{slug} {megabytes(size)}" for slug, size in
                            sorted(sizes.items(), key=lambda item: (-item[1], item[0]))[:3])
        warning = (f"warning: the site is {megabytes(total)}, {total / PAGES_LIMIT:.0%} of the {gigabytes(PAGES_LIMIT)} "
                   f"GitHub Pages publishes; the biggest frameworks: {biggest}. Publish some frameworks from "
                   f"another repository, or drop old versions' downloads, before it stops deploying.")
    return lines, warning
