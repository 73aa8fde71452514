"""`framework-builder build`: every version of every framework → a static site, atomically.

check the output folder → lock it → validate → for each framework and version: cache hit, or
render (Jinja2 → Markdown) and MkDocs build → versions.json, redirects, portal → swap the new
site in. The site is built in a staging folder next to the output; the output is replaced only
when everything succeeded, so a failed build leaves the previous site exactly as it was (see
`output` for what the build may replace, the lock and the swap).
"""

from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

from framework_builder.commands.validate import load_all
from framework_builder.errors import BuildError, UnknownFramework, UsageError
from framework_builder.site import cache, feeds, mkdocs_build, output
from framework_builder.site.pdf import find_chromium, print_to_pdf
from framework_builder.site.portal import PortalEntry, portal_entry, write_framework_index, write_portal
from framework_builder.site.render import PDF_DOWNLOAD, render_version
from framework_builder.site.render.comments import window
from framework_builder.site.theme import Theme
from framework_builder.site.versions import VersionContext, version_contexts
from framework_builder.source.diagnostics import FORMATTERS, sort_diagnostics
from framework_builder.source.loader import LoadedFramework

ENTRY_FILE = ".portal-entry.json"  # in each built framework folder: its line in the portal
LOCK_NAME = ".framework-builder.lock"  # in build/: one build at a time uses the cache


@dataclass(frozen=True)
class BuildOptions:
    """What to build, where, and as of which date."""

    root: Path
    out: Path
    today: dt.date
    only: str | None = None
    project_dir: Path = Path(".")
    site_url: str = ""
    pdf: bool = False  # also print each version to downloads/framework.pdf (needs Chromium)


@dataclass
class Timing:
    """Where the time of a build went, for the progress lines and the benchmark."""

    render: float = 0.0
    mkdocs: float = 0.0
    built: int = 0
    cached: int = 0


def _load(options: BuildOptions) -> list[LoadedFramework]:
    """Every framework in the root; refuse to build when the ones to build have errors."""
    loaded = load_all([options.root])
    selected = [item for item in loaded if options.only in (None, item.slug)]
    if options.only is not None and not selected:
        raise UnknownFramework(options.only, options.root, [item.slug for item in loaded])
    if not selected:
        raise UsageError(f"no frameworks found in {options.root}/")
    errors = sort_diagnostics(d for item in selected for d in item.diagnostics if d.is_error)
    if errors:
        raise BuildError(FORMATTERS["text"](errors) + "\n\nThe site was not built: fix the errors above "
                         "(the previous site, if any, is unchanged).")
    return loaded


def _chromium() -> str:
    chromium = find_chromium()
    if chromium is None:
        raise UsageError("--pdf needs Chromium to print the PDF: install it (sudo apt-get install chromium), "
                         "or build without --pdf")
    return chromium


def _epoch(day: dt.date) -> int:
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())


def _site_url(options: BuildOptions) -> str:
    """The site's address ending in '/', or '' when the build has none (links are then relative)."""
    return f"{options.site_url.rstrip('/')}/" if options.site_url else ""


def build_version(ctx: VersionContext, options: BuildOptions, theme: Theme, work: Path, site_dir: Path,
                  timing: Timing) -> int:
    """Render one version (in `work`) and build it with MkDocs into site_dir; return its page count."""
    docs_dir = work / "docs"
    output.remove_tree(work, options.project_dir / "build")
    docs_dir.mkdir(parents=True)
    started = time.perf_counter()
    site_url = _site_url(options)
    rendered = render_version(ctx, docs_dir, theme, site_url, pdf=options.pdf)
    timing.render += time.perf_counter() - started
    config = mkdocs_build.write_config(
        work / "mkdocs.yml",
        base_config=theme.base_config,
        site_name=ctx.framework.title,
        short_title=ctx.framework.city,  # the header on a phone
        docs_dir=docs_dir.resolve(),
        site_dir=site_dir.resolve(),
        nav=rendered.nav,
        overrides_dir=theme.overrides,
        extra_css=[destination for _, destination in theme.assets],
        banner=rendered.banner,
        site_url=f"{site_url}{ctx.slug}/{ctx.version}/" if site_url else "",
    )
    started = time.perf_counter()
    mkdocs_build.build(config, _epoch(ctx.dated), f"{ctx.slug} {ctx.version}")
    timing.mkdocs += time.perf_counter() - started
    if options.pdf:
        print_to_pdf(site_dir / "print" / "index.html", site_dir / PDF_DOWNLOAD, ctx.dated, _chromium())
    return rendered.pages


def _build_framework(loaded: LoadedFramework, options: BuildOptions, theme: Theme, inputs: str, staging: Path,
                     timing: Timing, say: Callable[[str], None]) -> PortalEntry:
    """Build (or reuse) every version of one framework into staging; return its portal entry."""
    contexts = version_contexts(loaded, options.today)
    build_dir = options.project_dir / "build"
    for ctx in contexts:
        started = time.perf_counter()
        entry = build_dir / "cache" / ctx.slug / ctx.version
        key = cache.cache_key(ctx, window(ctx).value, inputs)
        target = staging / ctx.slug / ctx.version
        cached = cache.cached_site(entry, key)
        if cached is None:
            cache.forget(entry, build_dir)
            pages = build_version(ctx, options, theme, build_dir / "work" / ctx.slug / ctx.version, entry / "site",
                                  timing)
            cache.remember(entry, key)
            cached = entry / "site"
            timing.built += 1
            note = f"{pages} pages"
        else:
            timing.cached += 1
            note = "unchanged, from cache"
        cache.copy_tree(cached, target)
        say(f"{ctx.slug} {ctx.version} ({ctx.status.value}): {note}, {time.perf_counter() - started:.2f} s")
    portal = portal_entry(contexts)
    write_framework_index(staging, contexts, portal, theme)
    feeds.write_framework_feeds(staging / portal.slug, contexts, options.today, _site_url(options))
    return portal


def _kept(out: Path, slug: str, staging: Path, say: Callable[[str], None]) -> PortalEntry:
    """Copy a framework's published folder as it is into staging; return its portal entry as published."""
    entry = _published_entry(out / slug)
    cache.copy_tree(out / slug, staging / slug)
    say(f"{slug}: kept as published")
    return entry


def _write_entry(staging: Path, entry: PortalEntry) -> None:
    """Keep a framework's portal entry beside its pages, for a later `--only` build that keeps it."""
    text = json.dumps(asdict(entry), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    (staging / entry.slug / ENTRY_FILE).write_text(text, encoding="utf-8")


def _published_entry(folder: Path) -> PortalEntry:
    """The portal entry kept in a published framework folder by `_write_entry`."""
    try:
        return PortalEntry(**json.loads((folder / ENTRY_FILE).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError) as exc:
        raise BuildError(f"{folder}/ has no readable portal entry ({ENTRY_FILE}: {exc}), so the portal cannot list it."
                         f"\nBuild every framework once (without --only).") from exc


def _build_all(loaded: list[LoadedFramework], options: BuildOptions, out: Path, staging: Path,
               say: Callable[[str], None]) -> Timing:
    """Build the selected frameworks into staging, keep the others as published, write the portal."""
    timing = Timing()
    theme = Theme.for_project(options.project_dir)
    inputs = cache.build_inputs(theme, options.site_url, options.pdf)
    entries = []
    for item in loaded:
        if options.only in (None, item.slug):
            entry = _build_framework(item, options, theme, inputs, staging, timing, say)
            _write_entry(staging, entry)
            entries.append(entry)
        elif (out / item.slug).is_dir():
            entries.append(_kept(out, item.slug, staging, say))
    write_portal(staging, entries, theme)
    feeds.write_portal_feed(staging, [entry.slug for entry in entries], options.today, _site_url(options))
    return timing


def run(options: BuildOptions, say: Callable[[str], None] = print) -> Timing:
    """Build the site; raise BuildError or UsageError (the output is then untouched).

    With `only`, that framework is rebuilt and the others already in the output are kept as they are.
    """
    started = time.perf_counter()
    if options.pdf:
        _chromium()
    build_dir = options.project_dir / "build"
    try:
        out = output.check_output(options.out, options.root, options.project_dir)
        out.parent.mkdir(parents=True, exist_ok=True)
        with output.locked(output.lock_file(out), f"another build is writing {options.out}/ right now: "
                                                  "wait for it to finish, then build again."):
            output.recover(out, say)
            loaded = _load(options)
            build_dir.mkdir(exist_ok=True)
            with output.locked(build_dir / LOCK_NAME, f"another build is using {build_dir}/ (the cache) right now: "
                                                      "wait for it to finish, then build again."):
                with output.staging(out) as staging:
                    timing = _build_all(loaded, options, out, staging, say)
                    output.swap(staging, out)
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        raise BuildError(f"could not build into {options.out}/: {exc.strerror or exc}{where}\n"
                         "The previous site, if any, is unchanged.") from exc
    say(f"Built {timing.built} version(s) and reused {timing.cached} into {options.out}/ in "
        f"{time.perf_counter() - started:.1f} s (our rendering {timing.render:.2f} s, MkDocs {timing.mkdocs:.2f} s)")
    return timing
