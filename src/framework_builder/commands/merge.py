"""`framework-builder merge SITE... --out DIR`: the sites of `build --shard K/N` put together into one site.

Every framework folder of every input is copied into a staging folder (hard links where the file
system allows); a file that two inputs both hold must be the same byte for byte, else the merge
stops and names it. The portal, its feed and the settings file are then written once, from the
portal entry each framework folder keeps, exactly as a single build of every framework writes
them, and the staged site is swapped in under the same rules as `build` (`site/output.py`): the
output must be a folder the tool made, or new, or empty; the inputs are only read.
"""

from __future__ import annotations

import filecmp
import os
import shutil
from pathlib import Path
from typing import Callable

from framework_builder.commands.build import finish_site, published_entry
from framework_builder.errors import BuildError, UsageError
from framework_builder.site import output
from framework_builder.site.shards import Settings
from framework_builder.site.theme import Theme


def _inputs(sites: list[Path], out: Path) -> Settings:
    """Check every input is a site this tool built, apart from the output, with the same settings; return them."""
    found = []
    for site in sites:
        real = site.resolve()
        if real == out or real.is_relative_to(out) or out.is_relative_to(real):
            raise UsageError(f"refusing to merge {site}/ into --out {out}: a site to merge cannot be, hold or lie "
                             "inside the output. Merge into a new folder.")
        if not output.is_ours(real):
            raise UsageError(f"{site}/ was not built by framework-builder (it has no {output.MARKER} file): "
                             "merge only the outputs of `framework-builder build --shard K/N`.")
        found.append(Settings.read(real))
    for setting in ("engine", "site_url"):
        values = sorted({getattr(item, setting) for item in found})
        if len(values) > 1:
            raise UsageError(f"the sites were built with different {setting.replace('_', ' ')}s ({', '.join(map(repr, values))}): "
                             "build every shard with the same options, then merge again.")
    return Settings(found[0].engine, found[0].site_url, max(item.today for item in found))


def _copy_file(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _merge_into(staging: Path, site: Path, earlier: list[Path]) -> list[str]:
    """Copy the framework folders of `site` into staging; return the slugs it brought.

    A file already there must be identical; files at the top of a site (its portal) are written anew."""
    slugs = []
    for folder in sorted(p for p in site.iterdir() if p.is_dir() and not p.is_symlink()):
        slugs.append(folder.name)
        for here, dirs, files in os.walk(folder):
            relative = Path(here).relative_to(site)
            (staging / relative).mkdir(exist_ok=True)
            for name in sorted(dirs + files):
                path = Path(here) / name
                if path.is_symlink():
                    raise UsageError(f"{path} is a symbolic link: framework-builder never builds one, so this is not "
                                     "a site it built. Build the shard again.")
            for name in sorted(files):
                source, target = Path(here) / name, staging / relative / name
                if not target.exists():
                    _copy_file(source, target)
                elif not filecmp.cmp(source, target, shallow=False):
                    first = next((s for s in earlier if (s / relative / name).is_file()), earlier[0])
                    raise BuildError(f"{relative / name} differs between {first}/ and {site}/: the two sites disagree, "
                                     "so nothing was merged (the output is unchanged). Build both from the same "
                                     "commit with the same options, or merge sites that hold different frameworks.")
    return slugs


def run(sites: list[Path], out: Path, root: Path, project_dir: Path = Path("."),
        say: Callable[[str], None] = print) -> None:
    """Merge `sites` into `out`; raise BuildError or UsageError (the output is then untouched)."""
    try:
        real_out = output.check_output(out, root, project_dir)
        settings = _inputs(sites, real_out)
        real_out.parent.mkdir(parents=True, exist_ok=True)
        with output.locked(output.lock_file(real_out), f"another build is writing {out}/ right now: "
                                                       "wait for it to finish, then merge again."):
            output.recover(real_out, say)
            with output.staging(real_out) as staging:
                slugs: set[str] = set()
                for number, site in enumerate(sites):
                    slugs.update(_merge_into(staging, site.resolve(), [s.resolve() for s in sites[:number]]))
                entries = [published_entry(staging / slug) for slug in sorted(slugs)]
                finish_site(staging, entries, settings, Theme.for_project(project_dir), say)
                output.swap(staging, real_out)
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        raise BuildError(f"could not merge into {out}/: {exc.strerror or exc}{where}\n"
                         "The previous site, if any, is unchanged.") from exc
    say(f"Merged {len(sites)} site(s), {len(slugs)} framework(s), into {out}/")
