"""Follow a framework without an account: an Atom feed per framework and one for the portal, and an
iCalendar file of each framework's comment windows, in each language the framework is built in.

Written next to each framework's `versions.json`: `<slug>/feed.xml` and `<slug>/comments.ics` in the
framework's own language, and `<slug>/<lang>/feed.xml` and `<slug>/<lang>/comments.ics` for each
language it is translated into (`language_contexts`). A feed in a language says its sentences and
dates in it (rendered `speaking` it) and names each version by its title in it where the translation
is current (as its pages do); its links lead to each version's pages in that language, or to the
version's own pages when that version is not built in it. The portal's feed is `feed.xml` at the top
of the site, made of the entries of every framework's feed in its own language.

Entries are only facts the authors gave, dated as they gave them: a release (`released_on`), an
adoption (`adopted_on`), a comment window opening and closing (`comments.opens`/`closes`). An event
after the build date is not announced: a window opens in the feed on its first day and closes the day
after its last (as `comments.window` says it). The calendar lists every window, past and to come.

Links are absolute when the build has a site URL. Without one they are relative: a feed's links to
the feed's own location (RFC 4287 resolves them against the feed's address, which readers know since
they fetched it), and the calendar leaves out the URL, which RFC 5545 wants absolute; nothing invents
a host. Every date comes from the model or the build date (DTSTAMP), and entries are sorted with a
total order, so the same input and build date give the same bytes.

Community text reaches XML through `xml.etree` (which escapes `& < > "`), after `_xml_text` drops the
few characters XML 1.0 cannot carry; in the calendar through `ics_text` (RFC 5545 TEXT escaping).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from framework_builder.model.framework import Status
from framework_builder.site.i18n import N_, speaking
from framework_builder.site.i18n import gettext as _
from framework_builder.site.render.escape import url_part
from framework_builder.site.render.text import long_date
from framework_builder.site.versions import VersionContext, version_key

ATOM = "http://www.w3.org/2005/Atom"
FEED_FILE = "feed.xml"
CALENDAR_FILE = "comments.ics"
# Material reads every `<link rel="alternate">` as a page in another language and fetches
# `sitemap.xml` beside its target, here `<slug>/sitemap.xml`. An empty sitemap there answers
# that request (a 404 otherwise, logged as an error in the reader's console) and lists nothing.
SITEMAP_FILE = "sitemap.xml"
EMPTY_SITEMAP = b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n'
FEED_TYPE = "application/atom+xml"
CALENDAR_TYPE = "text/calendar"
PORTAL_TITLE = N_("Local prevention frameworks")
# Stable ids: a UUID derived from the framework, version and kind of event (never from the site URL,
# so moving the site does not make readers see every entry again).
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://framework-builder.invalid/feeds")
_KIND_ORDER = {"released": 0, "comments-open": 1, "comments-closed": 2, "adopted": 3}
# Characters XML 1.0 cannot carry (the model already refuses C0 controls).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

ET.register_namespace("", ATOM)


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


@dataclass(frozen=True)
class Event:
    """One thing that happened to a framework, as a feed entry."""

    day: dt.date
    kind: str  # released, comments-open, comments-closed, adopted
    slug: str
    version: str
    title: str
    summary: str
    page: str  # the page it links to, relative to the framework's folder: '1.0/', '1.0/es/comment/'
    language: str = ""  # the feed's language when it is a translation ('' in the framework's own)

    @property
    def id(self) -> str:
        # A translated entry is another entry (its text differs): its own id, the source one unchanged.
        translated = f"/{self.language}" if self.language else ""
        return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{self.slug}/{self.version}/{self.kind}{translated}')}"

    def sort_key(self) -> tuple:
        return self.day, version_key(self.version), _KIND_ORDER[self.kind]


# A release's entry, by the version's status.
_RELEASED_AS = {
    Status.draft: N_("Version {version} of {framework} was published as a draft on {date}."),
    Status.public_comment: N_("Version {version} of {framework} was published as a draft for public comment "
                              "on {date}."),
    Status.adopted: N_("Version {version} of {framework} was published as adopted on {date}."),
    Status.superseded: N_("Version {version} of {framework} was published as adopted on {date}."),
}


def in_language(contexts: list[VersionContext], language: str) -> list[VersionContext]:
    """Each version (oldest first) as it is built in `language`, or in its own language when it is not
    built in that one. `contexts` are those of `language_contexts`: every version in every language."""
    built = {ctx.version: ctx for ctx in contexts if ctx.language == language}
    return [built.get(ctx.version, ctx) for ctx in contexts if ctx.in_source_language]


def languages(contexts: list[VersionContext]) -> list[str]:
    """The languages other than the framework's own (its newest version's) that it is built in, in code order."""
    source = contexts[-1].source_language
    return sorted({lang for ctx in contexts for lang in (ctx.language, *ctx.languages) if lang != source})


def _page(ctx: VersionContext, page: str = "") -> str:
    """A page of a version in its context's language, relative to the framework's folder."""
    return f"{url_part(ctx.version)}/{ctx.language_folder}{page}"


def events(contexts: list[VersionContext], today: dt.date, language: str = "") -> list[Event]:
    """What happened to one framework up to the build date, newest first, in the language being rendered.
    `contexts` are one per version (`in_language`); `language` is the feed's when it is a translation."""
    found = []
    for ctx in contexts:
        fw, v, slug = ctx.framework, ctx.version, ctx.slug
        name = fw.title
        adopted = ctx.status in (Status.adopted, Status.superseded) and fw.adopted_on is not None
        released_on = ctx.released_on
        if released_on is not None and released_on <= today and not (adopted and fw.adopted_on == released_on):
            found.append(Event(released_on, "released", slug, v,
                               _("{framework}: version {version} published").format(framework=name, version=v),
                               _(_RELEASED_AS[ctx.status]).format(version=v, framework=fw.title,
                                                                  date=long_date(released_on)),
                               _page(ctx), language))
        if fw.comments is not None:
            opens, closes = fw.comments.opens, fw.comments.closes
            if opens <= today:
                found.append(Event(
                    opens, "comments-open", slug, v,
                    _("{framework}: comments open on version {version}").format(framework=name, version=v),
                    _("Version {version} of {framework} opened for comment on {opens}, until {closes}.").format(
                        version=v, framework=fw.title, opens=long_date(opens), closes=long_date(closes)),
                    _page(ctx, "comment/"), language))
            if closes < today:
                found.append(Event(
                    closes, "comments-closed", slug, v,
                    _("{framework}: comments closed on version {version}").format(framework=name, version=v),
                    _("Comments on version {version} of {framework} closed on {closes}.").format(
                        version=v, framework=fw.title, closes=long_date(closes)),
                    _page(ctx, "comment/"), language))
        if adopted and fw.adopted_on <= today:
            found.append(Event(fw.adopted_on, "adopted", slug, v,
                               _("{framework}: version {version} adopted").format(framework=name, version=v),
                               _("Version {version} of {framework} was adopted on {date}.").format(
                                   version=v, framework=fw.title, date=long_date(fw.adopted_on)),
                               _page(ctx), language))
    return sorted(found, key=Event.sort_key, reverse=True)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = _xml_text(text)
    return element


def _serialize(feed: ET.Element) -> bytes:
    ET.indent(feed, space="  ")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _feed(feed_id: str, title: str, self_url: str, home_url: str, updated: str, language: str = "") -> ET.Element:
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: language} if language else {})
    _sub(feed, "id", feed_id)
    _sub(feed, "title", title, type="text")
    _sub(feed, "updated", updated)
    _sub(feed, "link", rel="self", type=FEED_TYPE, href=self_url)
    _sub(feed, "link", rel="alternate", type="text/html", href=home_url)
    author = _sub(feed, "author")
    _sub(author, "name", title)
    _sub(feed, "generator", "framework-builder")
    return feed


def _translation(contexts: list[VersionContext], language: str | None) -> str:
    """'' for the framework's own language (and None), else `language`: the feed's language folder's name."""
    return "" if language is None or language == contexts[-1].source_language else language


def framework_feed(contexts: list[VersionContext], today: dt.date, site_url: str = "",
                   language: str | None = None) -> bytes:
    """The Atom feed of one framework in `language` (its own by default): `<slug>/feed.xml`, or
    `<slug>/<language>/feed.xml`; `site_url` ('' or ending in '/') makes links absolute."""
    translation = _translation(contexts, language)
    versions = in_language(contexts, translation or contexts[-1].source_language)
    newest = versions[-1]
    folder = f"{translation}/" if translation else ""
    # Links relative to the feed's own address without a site URL: one folder up from a translation's.
    base = f"{site_url}{newest.slug}/" if site_url else ("../" if translation else "")
    with speaking(translation or newest.source_language):
        found = events(versions, today, translation)
    # The feed changed last with its newest entry; a feed with none yet is dated by the build.
    updated = _timestamp(found[0].day if found else today)
    title = newest.framework.title
    latest = next(ctx for ctx in versions if ctx.version == newest.latest)
    feed_id = newest.slug + (f"/{translation}" if translation else "")
    self_url = f"{site_url}{newest.slug}/{folder}{FEED_FILE}" if site_url else FEED_FILE
    feed = _feed(f"urn:uuid:{uuid.uuid5(_NAMESPACE, feed_id)}", title, self_url, f"{base}{_page(latest)}", updated,
                 translation)
    for event in found:
        entry = _sub(feed, "entry")
        _sub(entry, "id", event.id)
        _sub(entry, "title", event.title, type="text")
        _sub(entry, "updated", _timestamp(event.day))
        _sub(entry, "link", rel="alternate", type="text/html", href=f"{base}{event.page}")
        _sub(entry, "summary", event.summary, type="text")
    return _serialize(feed)


def portal_feed(site: Path, slugs: list[str], today: dt.date, site_url: str = "") -> bytes:
    """The portal's Atom feed: the entries of every framework's feed already written under `site`
    (a framework kept as published by `--only` brings its published feed), newest first."""
    entries = []
    for slug in sorted(slugs):
        path = site / slug / FEED_FILE
        if not path.is_file():  # published by a framework-builder without feeds
            continue
        for entry in ET.parse(path).getroot().iterfind(f"{{{ATOM}}}entry"):
            for link in entry.iterfind(f"{{{ATOM}}}link"):
                href = link.get("href", "")
                if "://" not in href:  # relative to the framework's folder
                    link.set("href", f"{url_part(slug)}/{href}")
            entries.append(entry)
    entries.sort(key=lambda e: (e.findtext(f"{{{ATOM}}}updated", ""), e.findtext(f"{{{ATOM}}}id", "")),
                 reverse=True)
    updated = entries[0].findtext(f"{{{ATOM}}}updated") if entries else _timestamp(today)
    feed = _feed(f"urn:uuid:{uuid.uuid5(_NAMESPACE, 'portal')}", _(PORTAL_TITLE), f"{site_url}{FEED_FILE}",
                 site_url or "./", updated)
    feed.extend(entries)
    return _serialize(feed)


# iCalendar (RFC 5545)

def ics_text(text: str) -> str:
    """A TEXT value: backslash, semicolon, comma and newlines escaped (RFC 5545, 3.3.11)."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """A content line folded at 75 octets (RFC 5545, 3.1), never inside a UTF-8 character; CRLF-terminated."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            parts.append(current)
            current, size = " ", 1  # a continuation line starts with one space, which counts
        current += char
        size += width
    parts.append(current)
    return "\r\n".join(parts) + "\r\n"


def _ics_date(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def calendar(contexts: list[VersionContext], today: dt.date, site_url: str = "", language: str | None = None) -> bytes:
    """`<slug>/comments.ics` (or `<slug>/<language>/comments.ics`, in `language`): one all-day event per
    version's comment window, oldest first."""
    translation = _translation(contexts, language)
    versions = in_language(contexts, translation or contexts[-1].source_language)
    with speaking(translation or versions[-1].source_language):
        return _calendar(versions, today, site_url, translation)


def _calendar(versions: list[VersionContext], today: dt.date, site_url: str, translation: str) -> bytes:
    newest = versions[-1]
    # A translation's texts say their language (RFC 5545, 3.2.10), and its events are its own.
    text = f";LANGUAGE={translation}" if translation else ""
    uid_language = f"/{translation}" if translation else ""
    name = _("{framework}: comment windows").format(framework=newest.framework.title)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//framework-builder//Comment windows//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"NAME{text}:{ics_text(name)}", f"X-WR-CALNAME:{ics_text(name)}"]
    for ctx in versions:
        comments = ctx.framework.comments
        if comments is None:
            continue
        title = _("Comments on {framework}, version {version}").format(framework=ctx.framework.title,
                                                                        version=ctx.version)
        lines += ["BEGIN:VEVENT",
                  f"UID:{ctx.slug}/{url_part(ctx.version)}{uid_language}/comment-window@framework-builder",
                  f"DTSTAMP:{_ics_date(today)}T000000Z",
                  f"DTSTART;VALUE=DATE:{_ics_date(comments.opens)}",
                  # DTEND of an all-day event is the day after the last one.
                  f"DTEND;VALUE=DATE:{_ics_date(comments.closes + dt.timedelta(days=1))}",
                  f"SUMMARY{text}:{ics_text(title)}",
                  f"DESCRIPTION{text}:" + ics_text(
                      _("Residents can comment on version {version} of {framework} from {opens} to {closes}.").format(
                          version=ctx.version, framework=ctx.framework.title, opens=long_date(comments.opens),
                          closes=long_date(comments.closes))),
                  "TRANSP:TRANSPARENT"]
        if site_url:
            lines.append(f"URL:{site_url}{ctx.slug}/{_page(ctx, 'comment/')}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines).encode("utf-8")


def write_framework_feeds(folder: Path, contexts: list[VersionContext], today: dt.date, site_url: str = "") -> None:
    """`<slug>/feed.xml`, `<slug>/comments.ics` and the empty `<slug>/sitemap.xml` in the framework's folder;
    the same in `<slug>/<lang>/` for each other language a version is built in. `contexts` are those of every
    language (`language_contexts`), so titles are translated where the translation is current. Material
    fetches a sitemap.xml beside the target of the pages' feed links, so each of those folders has its empty one."""
    for language in [None, *languages(contexts)]:
        here = folder / language if language else folder
        here.mkdir(parents=True, exist_ok=True)
        (here / FEED_FILE).write_bytes(framework_feed(contexts, today, site_url, language))
        (here / CALENDAR_FILE).write_bytes(calendar(contexts, today, site_url, language))
        (here / SITEMAP_FILE).write_bytes(EMPTY_SITEMAP)


def write_portal_feed(site: Path, slugs: list[str], today: dt.date, site_url: str = "") -> None:
    """`feed.xml` at the top of the site."""
    (site / FEED_FILE).write_bytes(portal_feed(site, slugs, today, site_url))
