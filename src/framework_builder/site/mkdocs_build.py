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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import yaml
from markupsafe import Markup

from framework_builder.errors import BuildError
from framework_builder.site import i18n
from framework_builder.site.i18n import N_
from framework_builder.site.render.escape import html, yaml_document

@dataclass(frozen=True)
class LanguageSettings:
    """The language of one build of a version, and its ways to the version's other builds.

    `menu` holds each language the version is built in ({lang, name, root, current}: its root relative
    to this build's root, '' for itself); `versions` (translated builds only: the source language's
    menu comes from versions.json) each version built in this language ({title, root})."""

    language: str = "en"
    right_to_left: bool = False
    menu: list[dict[str, object]] = field(default_factory=list)
    versions: list[dict[str, str]] = field(default_factory=list)
    version_title: str = ""
    translated: bool = False  # built in a folder of the version's (`<version>/<lang>/`)


def material_language(language: str) -> str:
    """The interface language Material has for `language`: itself (zh-TW, pt-BR), its base language (es for
    es-MX), or English. Material's search follows it (its language files set `search.config.lang` where its
    search supports the language), so the search language needs no setting of its own."""
    from material import __file__ as material_init

    folder = Path(material_init).parent / "templates" / "partials" / "languages"
    for candidate in (language, language.split("-")[0]):
        if (folder / f"{candidate}.html").is_file():
            return candidate
    return "en"


# The words the theme overrides write themselves (templates/overrides: the feed links' titles, the 404 page)
# and the palette toggles' names of the shared mkdocs.yml: the theme has no gettext, so each build gets them
# in its language as `extra.fb_words` (English message → its translation, HTML-escaped), which the overrides
# look up by the English message. A name a project's mkdocs.yml gives that is not here stays as it is.
THEME_WORDS = (
    N_("News of this framework"),
    N_("Comment windows of this framework"),
    N_("Switch to dark mode"),
    N_("Switch to light mode"),
    N_("Page not found"),
    N_("There is no page at this address. It may have moved, or the address may have a typing mistake."),
    N_("Go to the overview of %(name)s"),
    N_("where every goal of the framework is listed."),
    N_("Go to the home page"),
    N_("which lists every framework on this site."),
)
PERMALINK_TITLE = N_("Permanent link")  # the toc extension's title of the link beside every heading


VALIDATION = {
    "nav": {"omitted_files": "warn", "not_found": "warn", "absolute_links": "warn"},
    "links": {"not_found": "warn", "absolute_links": "warn", "unrecognized_links": "warn", "anchors": "warn"},
}


def write_config(path: Path, *, base_config: Path, site_name: str, docs_dir: Path, site_dir: Path,
                 nav: list[Any], overrides_dir: Path | None, extra_css: list[str], banner: str,
                 site_url: str = "", short_title: str = "", version_url: str = "",
                 languages: LanguageSettings = LanguageSettings()) -> Path:
    """Write the MkDocs config of one version; a folder inside the config's own is given relative to it
    (Zensical reads no other), every other path is absolute.

    `site_name` and the titles in `nav` are plain text (from the framework); they are escaped here.
    `short_title` (plain text too) is what the header shows on a phone, where the site name does not fit.
    `site_url` is this build's address, `version_url` the version's (they differ for a translated build)."""
    config: dict[str, Any] = {
        "INHERIT": str(base_config),
        "site_name": str(html(site_name)),
        "docs_dir": _within(docs_dir, path.parent),
        "site_dir": _within(site_dir, path.parent),
        "use_directory_urls": True,
        "strict": True,
        "nav": _nav_titles(nav, lambda title: str(html(title))),
        "extra_css": extra_css,
        "extra": {"fb_banner": banner, "fb_short_title": str(html(short_title)),
                  **_addresses(version_url or site_url), **_language_extra(languages)},
        "validation": VALIDATION,
    }
    extensions = _translated_extensions(base_config, languages.language)
    if extensions is not None:
        config["markdown_extensions"] = extensions
    if site_url:
        config["site_url"] = site_url
    theme: dict[str, Any] = {"language": material_language(languages.language),
                             "direction": "rtl" if languages.right_to_left else "ltr"}
    if overrides_dir is not None:
        theme = {"name": "material", "custom_dir": str(overrides_dir), **theme}
    config["theme"] = theme
    path.write_text(yaml_document(config), encoding="utf-8")
    return path


def _language_extra(languages: LanguageSettings) -> dict[str, Any]:
    """What the theme overrides need to know of the build's language (titles and names escaped: Material
    prints them as HTML). A translated build has no `extra.version`: its versions menu is written by the
    theme from `fb_versions`, since Material's reads versions.json beside the build's root."""
    with i18n.speaking(languages.language):
        words = {message: str(html(i18n.gettext(message))) for message in THEME_WORDS}
    extra: dict[str, Any] = {
        "fb_language": languages.language,
        "fb_languages": [{**entry, "name": str(html(str(entry["name"])))} for entry in languages.menu],
        "fb_words": words,
    }
    if languages.translated:
        extra.update(version=None, fb_to_version="/..", fb_version_title=str(html(languages.version_title)),
                     fb_versions=[{**entry, "title": str(html(entry["title"]))} for entry in languages.versions])
    return extra


def _translated_extensions(base_config: Path, language: str) -> list[Any] | None:
    """The base config's Markdown extensions with the toc extension's permalink title in `language`, or None
    when it needs no change (the title is the same in `language`, or the base config cannot be read as plain
    YAML: a project's `!ENV` or Python tags; its headings' links then keep their title).

    The whole list is written: MkDocs replaces an inherited list with the child's, Zensical appends the
    child's and keeps the last settings of an extension, so both end with the same extensions."""
    try:
        base = yaml.safe_load(base_config.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    extensions = base.get("markdown_extensions") if isinstance(base, dict) else None
    if not isinstance(extensions, list):
        return None
    changed: list[Any] = []
    for entry in extensions:
        if entry == "toc" or (isinstance(entry, dict) and list(entry) == ["toc"]):
            settings = (entry["toc"] if isinstance(entry, dict) else None) or {}
            if not isinstance(settings, dict) or not settings.get("permalink"):
                return None
            title = str(settings.get("permalink_title") or PERMALINK_TITLE)
            with i18n.speaking(language):
                translated = i18n.gettext(title)
            if translated == title:
                return None
            entry = {"toc": {**settings, "permalink_title": translated}}
        changed.append(entry)
    return changed if changed != extensions else None


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
