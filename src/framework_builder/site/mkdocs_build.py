"""Build one rendered version with MkDocs + Material, under a generated config.

The generated config `INHERIT`s the shared `mkdocs.yml` and adds what belongs to one
version: its name, pages, paths and banner. The build is strict, with link and anchor
validation, so a broken link in a template fails the build instead of reaching residents.

Material prints the site name and the navigation (and page) titles as HTML, unescaped, so
the config holds them HTML-escaped (`escape.html`). The build then marks the navigation
titles as HTML (`Markup`), so that where the theme escapes them itself (`| e`, in the
footer's labels) they are not escaped twice. The site name stays a plain string: the theme
escapes it a second time into the logo's `title`, which its tooltips insert as HTML.
"""

from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

import yaml
from markupsafe import Markup

from framework_builder.errors import BuildError
from framework_builder.site.render.escape import html, yaml_document

VALIDATION = {
    "nav": {"omitted_files": "warn", "not_found": "warn", "absolute_links": "warn"},
    "links": {"not_found": "warn", "absolute_links": "warn", "unrecognized_links": "warn", "anchors": "warn"},
}


def write_config(path: Path, *, base_config: Path, site_name: str, docs_dir: Path, site_dir: Path,
                 nav: list[Any], overrides_dir: Path | None, extra_css: list[str], banner: str,
                 site_url: str = "", short_title: str = "") -> Path:
    """Write the MkDocs config of one version; a folder inside the config's own is given relative to it
    (Zensical reads no other), every other path is absolute.

    `site_name` and the titles in `nav` are plain text (from the framework); they are escaped here.
    `short_title` (plain text too) is what the header shows on a phone, where the site name does not fit."""
    config: dict[str, Any] = {
        "INHERIT": str(base_config),
        "site_name": str(html(site_name)),
        "docs_dir": _within(docs_dir, path.parent),
        "site_dir": _within(site_dir, path.parent),
        "use_directory_urls": True,
        "strict": True,
        "nav": _nav_titles(nav, lambda title: str(html(title))),
        "extra_css": extra_css,
        "extra": {"fb_banner": banner, "fb_short_title": str(html(short_title)), **_addresses(site_url)},
        "validation": VALIDATION,
    }
    if site_url:
        config["site_url"] = site_url
    if overrides_dir is not None:
        config["theme"] = {"name": "material", "custom_dir": str(overrides_dir)}
    path.write_text(yaml_document(config), encoding="utf-8")
    return path


def _within(folder: Path, home: Path) -> str:
    """`folder` relative to `home` when it lies inside it, else absolute."""
    real, base = folder.resolve(), home.resolve()
    return str(real.relative_to(base)) if real.is_relative_to(base) else str(real)


def _addresses(site_url: str) -> dict[str, str]:
    """The framework's address and the site's (the version's without its last one and two segments), for
    the theme, which cannot cut strings itself under Zensical's template engine; empty without a site URL."""
    if not site_url:
        return {"fb_framework_url": "", "fb_site_root_url": ""}
    version_url = site_url.rstrip("/")
    return {"fb_framework_url": version_url.rsplit("/", 1)[0] + "/", "fb_site_root_url": version_url.rsplit("/", 2)[0]}


def _nav_titles(nav: list[Any], change: Callable[[str], str]) -> list[Any]:
    """The navigation with `change` applied to every title (nav entries are {title: page or list})."""
    return [{change(title): _nav_titles(target, change) if isinstance(target, list) else target
             for title, target in entry.items()} for entry in nav]


def _as_html(config: Any) -> Any:
    """Mark the (escaped) navigation titles of a loaded config as HTML."""
    config["nav"] = _nav_titles(config["nav"], Markup)
    return config


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _source_date(epoch: int) -> Iterator[None]:
    """MkDocs dates the sitemap from SOURCE_DATE_EPOCH: set it for one build."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def build(config_file: Path, source_date_epoch: int, label: str) -> None:
    """Run a strict MkDocs build of one version; raise BuildError with MkDocs' warnings on failure."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    collect = _Collect()
    saved = logger.handlers[:], logger.propagate, logger.level
    logger.handlers, logger.propagate = [collect], False
    logger.setLevel(logging.WARNING)
    try:
        with _source_date(source_date_epoch):
            mkdocs_build(_as_html(load_config(config_file=str(config_file))))
    except (MkDocsException, OSError, yaml.YAMLError) as exc:
        details = "\n".join(f"  {m}" for m in collect.messages) or f"  {exc}"
        raise BuildError(f"MkDocs could not build {label}:\n{details}") from exc
    finally:
        logger.handlers, logger.propagate = saved[0], saved[1]
        logger.setLevel(saved[2])
