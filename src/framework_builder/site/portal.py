"""The pages around the versions: the portal, each framework's redirect and its versions.json.

The portal templates (the theme's `portal` environment) autoescape (HTML) and put folder names
in links through `url`; Material's version menu inserts the titles of `versions.json` as HTML,
so they are escaped."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from framework_builder.model.framework import Status, Topic
from framework_builder.site.i18n import N_, direction, is_right_to_left, language_name
from framework_builder.site.i18n import gettext as _
from framework_builder.site.mkdocs_build import LanguageSettings
from framework_builder.site.render.comments import window_sentence
from framework_builder.site.render.escape import html, url_part
from framework_builder.site.render.topic import DEFAULT_TOPIC, shared_prevents, topic_words
from framework_builder.site.render.words import label
from framework_builder.site.theme import Theme
from framework_builder.site.versions import VersionContext

# Short enough for the version menu on a phone.
SHORT_STATUS = {Status.draft: N_("draft"), Status.public_comment: N_("for comment"), Status.adopted: N_("adopted"),
                Status.superseded: N_("replaced")}


@dataclass(frozen=True)
class PortalEntry:
    """One framework as the portal lists it: its latest version."""

    slug: str
    city: str
    region: str
    title: str
    status: str
    latest: str
    versions: int
    comments: str  # the comment window in words (`window_sentence`), '' when the framework takes none
    # What it works to prevent (its latest version's `Topic`, by value: the entry is kept as JSON, and
    # entries kept by an earlier build have none).
    topic: str = DEFAULT_TOPIC.value
    # The latest version's other languages: (code, name in itself), each at `<latest>/<code>/`.
    languages: tuple[tuple[str, str], ...] = ()


def versions_json(contexts: list[VersionContext]) -> str:
    """The version list in the shape Material's version selector reads (newest first)."""
    newest = contexts[-1]
    entries = [{"version": url_part(info.version),
                "title": str(html(_("{version} {status}").format(version=info.version,
                                                                  status=_(SHORT_STATUS[info.status])))),
                "aliases": ["latest"] if info.version == newest.latest else []}
               for info in newest.versions]
    return json.dumps(entries, indent=2, ensure_ascii=False) + "\n"


def portal_entry(contexts: list[VersionContext]) -> PortalEntry:
    """The portal's line for one framework."""
    newest = contexts[-1]
    latest = next(c for c in contexts if c.version == newest.latest)
    framework = latest.framework
    return PortalEntry(newest.slug, framework.city, framework.region, framework.title, label(latest.status),
                       latest.version, len(contexts), window_sentence(newest, naming_version=True),
                       framework.topic_or_default.value,
                       tuple((code, language_name(code)) for code in latest.languages[1:]))


def language_settings(ctx: VersionContext) -> LanguageSettings:
    """The language of one build of a version, its language menu (each language's root relative to this
    build's root) and, for a translated build, its versions menu: the versions built in its language,
    newest first. Call it while speaking the build's language (the menu's status words)."""
    up = "" if ctx.in_source_language else "../"
    menu = [{"lang": code, "dir": direction(code), "name": language_name(code),
             "current": code == ctx.language, "root": up + ("" if code == ctx.source_language else f"{code}/")}
            for code in ctx.languages] if len(ctx.languages) > 1 else []
    titles = {info.version: f"{info.version} {_(SHORT_STATUS[info.status])}" for info in ctx.versions}
    built_in = dict(ctx.version_languages)
    versions = [{"title": titles[info.version], "root": f"../../{info.version}/{ctx.language}/"}
                for info in ctx.versions if ctx.language in built_in.get(info.version, ())]
    return LanguageSettings(ctx.language, is_right_to_left(ctx.language), menu, versions,
                            titles[ctx.version], translated=not ctx.in_source_language)


def write_framework_index(out: Path, contexts: list[VersionContext], entry: PortalEntry, theme: Theme) -> None:
    """`<slug>/index.html`, which sends readers to the latest version, and `<slug>/versions.json`."""
    folder = out / entry.slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "versions.json").write_text(versions_json(contexts), encoding="utf-8")
    html = theme.portal.get_template("redirect.html.j2").render(entry=entry)
    (folder / "index.html").write_text(html, encoding="utf-8")


def write_portal(out: Path, entries: list[PortalEntry], theme: Theme) -> None:
    """`index.html`: every framework with its city, status, latest version and comment state.

    The first sentence names what the frameworks work to prevent; when their topics differ, it says
    'violence' and each framework's line names its own."""
    topics = {Topic(entry.topic) for entry in entries}
    html = theme.portal.get_template("index.html.j2").render(
        entries=sorted(entries, key=lambda e: e.city), prevents=shared_prevents(topics),
        own_topics={topic.value: topic_words(topic).prevents for topic in topics} if len(topics) > 1 else {})
    (out / "index.html").write_text(html, encoding="utf-8")
