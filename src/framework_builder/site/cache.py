"""The build cache: a version is rebuilt only when something it shows has changed.

A version's key (one per language it is built in) digests everything its pages depend on: the
language, the resolved (translated) framework and which texts fall back to the source language, its
effective status and place among the versions, the comment window state on the build
date, the templates, the shared MkDocs settings, our own code and the engine's versions.
A version whose key is unchanged is copied from the cache (hard links where possible)
instead of rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from framework_builder.model.releases import canonical_json
from framework_builder.site import engines
from framework_builder.site.output import remove_tree
from framework_builder.site.theme import Theme
from framework_builder.site.versions import VersionContext

KEY_FILE = "key"


def _digest(parts: dict[str, object]) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def build_inputs(theme: Theme, site_url: str, pdf: bool, engine: str = engines.MKDOCS) -> str:
    """A digest of what every version of a build shares: the theme (templates and settings), options, the
    engine that builds the pages and its version, and our code."""
    return _digest({
        "theme": theme.digest(),
        "site_url": site_url,
        "pdf": pdf,
        "engine": engine,
        "tools": engines.tool_versions(engine),
        "code": _code_digest(),
    })


def folder(ctx: VersionContext) -> str:
    """A version's folder in the cache (and the work folder), relative: `<slug>/<version>` in the source
    language, `<slug>.<lang>/<version>` in another (a slug has no dot, so the two never meet)."""
    language = "" if ctx.in_source_language else f".{ctx.language}"
    return f"{ctx.slug}{language}/{ctx.version}"


def cache_key(ctx: VersionContext, window_state: str, inputs: str) -> str:
    """The cache key of one version's built pages in one language; `inputs` comes from `build_inputs`."""
    # The texts that fall back to the source language (the translated texts are in the framework).
    states = sorted(f"{key} {name} {state}" for (key, name), state in ctx.translated.states.items()
                    ) if ctx.translated is not None else []
    return _digest({
        "language": ctx.language,
        "fallbacks": states,
        "languages": ctx.version_languages,  # the language menu and, in a translation, the versions menu
        "framework": canonical_json(ctx.framework),
        "previous": canonical_json(ctx.previous) if ctx.previous is not None else None,
        "status": ctx.status.value,
        "latest": ctx.latest,
        "versions": [[v.version, v.status.value] for v in ctx.versions],
        "window": window_state,
        # The overview says when the version was last updated: its release date, or the build date.
        "updated": ctx.dated.isoformat(),
        "inputs": inputs,
    })


def _code_digest() -> str:
    """A digest of framework-builder's own code and message catalogs: a new release or a local edit
    (a translated sentence too) rebuilds every version."""
    sha = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]  # framework_builder/, every stage
    for path in sorted([*package.rglob("*.py"), *package.rglob("*.po")]):
        sha.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return sha.hexdigest()


def cached_site(entry: Path, key: str) -> Path | None:
    """The cached built site of a version when its key matches, else None."""
    key_file = entry / KEY_FILE
    if key_file.is_file() and key_file.read_text() == key and (entry / "site").is_dir():
        return entry / "site"
    return None


def remember(entry: Path, key: str) -> None:
    """Mark the site just built in `entry/site` as the one for `key`."""
    (entry / KEY_FILE).write_text(key)


def forget(entry: Path, build_dir: Path) -> None:
    """Drop a cache entry (inside build_dir) before rebuilding it."""
    remove_tree(entry, build_dir)


def copy_tree(source: Path, target: Path) -> None:
    """Copy a built site, with hard links when the file system allows (built files never change)."""
    try:
        shutil.copytree(source, target, copy_function=os.link)
    except OSError:
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target)
