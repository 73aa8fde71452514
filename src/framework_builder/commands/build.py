"""`framework-builder build`: every version of every framework → a static site, atomically.

check the output folder → lock it → validate (in worker processes) → for each framework, in a
worker: for each version, cache hit, or render (Jinja2 → Markdown) and build with the engine
(MkDocs or Zensical); then its versions.json, redirect and feeds → the portal → swap the new
site in. The site is built in a staging folder next to the output; the output is replaced only
when everything succeeded, so a failed build leaves the previous site exactly as it was (see
`output` for what the build may replace, the lock and the swap, and `parallel` for the workers).
Each framework's output depends on that framework alone, so the site's bytes do not depend on
the number of workers or the order they finish in. The build's own process never holds a
framework's model (workers return only its problems and its portal entry): memory stays flat as
frameworks are added.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from framework_builder.errors import BuildError, UnknownFramework, UsageError
from framework_builder.site import cache, engines, feeds, i18n, mkdocs_build, output, sizes
from framework_builder.site.parallel import Workers
from framework_builder.site.pdf import find_chromium, print_to_pdf
from framework_builder.site.portal import (
    PortalEntry,
    language_settings,
    portal_entry,
    write_framework_index,
    write_portal,
)
from framework_builder.site.render import PDF_DOWNLOAD, render_version
from framework_builder.site.render.comments import window
from framework_builder.site.shards import Settings, Shard
from framework_builder.site.theme import Theme
from framework_builder.site.versions import VersionContext, language_contexts, version_contexts
from framework_builder.source.diagnostics import FORMATTERS, Diagnostic, sort_diagnostics
from framework_builder.source.discovery import find_framework_folders
from framework_builder.source.loader import load_framework

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
    jobs: int = 1  # worker processes (1: build in this process)
    engine: str = engines.MKDOCS
    shard: Shard | None = None  # build only this shard's frameworks


@dataclass
class Timing:
    """Where the time of a build went, for the progress lines and the benchmark."""

    render: float = 0.0
    mkdocs: float = 0.0  # the engine's time (MkDocs or Zensical)
    built: int = 0
    cached: int = 0

    def add(self, other: Timing) -> None:
        self.render += other.render
        self.mkdocs += other.mkdocs
        self.built += other.built
        self.cached += other.cached


@dataclass
class _Built:
    """What a worker reports about one framework it built into staging."""

    entry: PortalEntry
    lines: list[str] = field(default_factory=list)
    timing: Timing = field(default_factory=Timing)


def _check(folder: Path) -> list[Diagnostic]:
    """Validate one framework (in a worker): every problem found, never its model."""
    return load_framework(folder).diagnostics


def _selected(options: BuildOptions) -> tuple[list[Path], list[str]]:
    """The folders of the frameworks to build, and the slugs of every framework in the root."""
    folders = find_framework_folders([options.root])
    slugs = [folder.name for folder in folders]
    if options.only is not None and options.only not in slugs:
        raise UnknownFramework(options.only, options.root, slugs)
    if not folders:
        raise UsageError(f"no frameworks found in {options.root}/")
    chosen = [folder for folder in folders if options.only in (None, folder.name)
              and (options.shard is None or options.shard.holds(folder.name))]
    return chosen, slugs


def _validate(folders: list[Path], workers: Workers, say: Callable[[str], None]) -> None:
    """Refuse to build when a framework to build has errors; print its warnings as `validate` does."""
    diagnostics = sort_diagnostics(d for found in workers.map(_check, folders) for d in found)
    if any(d.is_error for d in diagnostics):
        raise BuildError(FORMATTERS["text"](diagnostics) + "\n\nThe site was not built: fix the errors above "
                         "(the previous site, if any, is unchanged).")
    if diagnostics:
        say(FORMATTERS["text"](diagnostics))


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
    """Render one version (in `work`) and build it with the engine into site_dir; return its page count."""
    docs_dir = work / "docs"
    output.remove_tree(work, options.project_dir / "build")
    docs_dir.mkdir(parents=True)
    started = time.perf_counter()
    site_url = _site_url(options)
    with i18n.speaking(ctx.language):
        rendered = render_version(ctx, docs_dir, theme, site_url, pdf=options.pdf)
        languages = language_settings(ctx)
    timing.render += time.perf_counter() - started
    version_url = f"{site_url}{ctx.slug}/{ctx.version}/" if site_url else ""
    config = mkdocs_build.write_config(
        work / "mkdocs.yml",
        base_config=theme.base_config,
        site_name=ctx.framework.title,
        short_title=ctx.framework.city,  # the header on a phone
        docs_dir=docs_dir,
        site_dir=engines.site_folder(options.engine, work, site_dir),
        nav=rendered.nav,
        overrides_dir=theme.overrides,
        extra_css=[destination for _, destination in theme.assets],
        banner=rendered.banner,
        site_url=f"{version_url}{ctx.language_folder}" if site_url else "",
        version_url=version_url,
        languages=languages,
    )
    started = time.perf_counter()
    engines.build(options.engine, config, site_dir, _epoch(ctx.dated), f"{ctx.slug} {ctx.version}")
    timing.mkdocs += time.perf_counter() - started
    if options.pdf:
        print_to_pdf(site_dir / "print" / "index.html", site_dir / PDF_DOWNLOAD, ctx.dated, _chromium())
    return rendered.pages


def _build_framework(options: BuildOptions, inputs: str, staging: Path, folder: Path) -> _Built:
    """Build (or reuse) every version of one framework into staging, with its index, feeds and portal entry.

    Runs in a worker: everything it has to say comes back in the result."""
    loaded = load_framework(folder)
    theme = Theme.for_project(options.project_dir)
    every_language = language_contexts(version_contexts(loaded, options.today), loaded.translations)
    contexts = [ctx for ctx in every_language if ctx.in_source_language]
    build_dir = options.project_dir / "build"
    timing, lines = Timing(), []
    for ctx in every_language:
        started = time.perf_counter()
        entry = build_dir / "cache" / cache.folder(ctx)
        key = cache.cache_key(ctx, window(ctx).value, inputs)
        target = staging / ctx.slug / ctx.version / ctx.language_folder
        cached = cache.cached_site(entry, key)
        if cached is None:
            cache.forget(entry, build_dir)
            pages = build_version(ctx, options, theme, build_dir / "work" / cache.folder(ctx), entry / "site",
                                  timing)
            cache.remember(entry, key)
            cached = entry / "site"
            timing.built += 1
            note = f"{pages} pages"
        else:
            timing.cached += 1
            note = "unchanged, from cache"
        cache.copy_tree(cached, target)
        in_language = "" if ctx.in_source_language else f" in {ctx.language}"
        lines.append(f"{ctx.slug} {ctx.version}{in_language} ({ctx.status.value}): {note}, "
                     f"{time.perf_counter() - started:.2f} s")
    portal = portal_entry(contexts)
    write_framework_index(staging, contexts, portal, theme)
    feeds.write_framework_feeds(staging / portal.slug, every_language, options.today, _site_url(options))
    write_entry(staging, portal)
    return _Built(portal, lines, timing)


def _kept(out: Path, slug: str, staging: Path, say: Callable[[str], None]) -> PortalEntry:
    """Copy a framework's published folder as it is into staging; return its portal entry as published."""
    entry = published_entry(out / slug)
    cache.copy_tree(out / slug, staging / slug)
    say(f"{slug}: kept as published")
    return entry


def write_entry(site: Path, entry: PortalEntry) -> None:
    """Keep a framework's portal entry beside its pages, for a later `--only` build or `merge`."""
    text = json.dumps(asdict(entry), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    (site / entry.slug / ENTRY_FILE).write_text(text, encoding="utf-8")


def published_entry(folder: Path) -> PortalEntry:
    """The portal entry kept in a published framework folder by `write_entry`."""
    try:
        return PortalEntry(**json.loads((folder / ENTRY_FILE).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError) as exc:
        raise BuildError(f"{folder}/ has no readable portal entry ({ENTRY_FILE}: {exc}), so the portal cannot list it."
                         f"\nBuild every framework once (without --only).") from exc


def settings(options: BuildOptions) -> Settings:
    """What this build records for `merge`."""
    return Settings(options.engine, _site_url(options), options.today.isoformat())


def finish_site(site: Path, entries: list[PortalEntry], build: Settings, theme: Theme,
                say: Callable[[str], None]) -> None:
    """The portal, its feed and the settings at the top of a site whose framework folders are written;
    then its size, framework by framework, and a warning when it nears what GitHub Pages publishes."""
    write_portal(site, entries, theme)
    feeds.write_portal_feed(site, sorted(entry.slug for entry in entries), dt.date.fromisoformat(build.today),
                            build.site_url)
    build.write(site)
    lines, warning = sizes.report(site, [entry.slug for entry in entries])
    for line in lines:
        say(line)
    if warning:
        say(warning)


def _build_all(folders: list[Path], slugs: list[str], options: BuildOptions, workers: Workers, out: Path,
               staging: Path, say: Callable[[str], None]) -> Timing:
    """Build the selected frameworks into staging, keep the others as published (`--only`), write the portal."""
    timing = Timing()
    theme = Theme.for_project(options.project_dir)
    inputs = cache.build_inputs(theme, options.site_url, options.pdf, options.engine)
    entries = []
    task = functools.partial(_build_framework, options, inputs, staging)
    for built in workers.as_done(task, folders):
        for line in built.lines:
            say(line)
        timing.add(built.timing)
        entries.append(built.entry)
    if options.only is not None:
        entries += [_kept(out, slug, staging, say) for slug in slugs if slug != options.only and (out / slug).is_dir()]
    finish_site(staging, entries, settings(options), theme, say)
    return timing


def run(options: BuildOptions, say: Callable[[str], None] = print) -> Timing:
    """Build the site; raise BuildError or UsageError (the output is then untouched).

    With `only`, that framework is rebuilt and the others already in the output are kept as they are.
    With `shard`, only that shard's frameworks are built (`merge` puts the shards together).
    """
    started = time.perf_counter()
    if options.pdf:
        _chromium()
    if options.only is not None and options.shard is not None:
        raise UsageError("--only and --shard do not go together: --only rebuilds one framework of a whole site")
    if options.jobs < 1:
        raise UsageError(f"--jobs takes a number of worker processes, 1 or more, not {options.jobs}")
    engines.check(options.engine)
    build_dir = options.project_dir / "build"
    try:
        out = output.check_output(options.out, options.root, options.project_dir)
        out.parent.mkdir(parents=True, exist_ok=True)
        with output.locked(output.lock_file(out), f"another build is writing {options.out}/ right now: "
                                                  "wait for it to finish, then build again."):
            output.recover(out, say)
            folders, slugs = _selected(options)
            if options.shard is not None:
                say(f"Shard {options.shard}: {len(folders)} of {len(slugs)} framework(s)")
            with Workers(min(options.jobs, len(folders))) as workers:
                _validate(folders, workers, say)
                build_dir.mkdir(exist_ok=True)
                with output.locked(build_dir / LOCK_NAME, f"another build is using {build_dir}/ (the cache) right "
                                                          "now: wait for it to finish, then build again."):
                    with output.staging(out) as staging, workers.stopped_on_failure():
                        timing = _build_all(folders, slugs, options, workers, out, staging, say)
                        output.swap(staging, out)
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        raise BuildError(f"could not build into {options.out}/: {exc.strerror or exc}{where}\n"
                         "The previous site, if any, is unchanged.") from exc
    say(f"Built {timing.built} version(s) and reused {timing.cached} into {options.out}/ in "
        f"{time.perf_counter() - started:.1f} s with {workers.jobs} process(es) "
        f"(our rendering {timing.render:.2f} s, {engines.NAMES[options.engine]} {timing.mkdocs:.2f} s)")
    return timing
