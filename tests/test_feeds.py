"""Residents follow a framework without an account: an Atom feed per framework and one for the portal,
and an iCalendar file of comment windows (site/feeds.py), in each language the framework is built in.

Feeds are read with `xml.etree`, calendars with the small strict RFC 5545 reader below (CRLF lines,
at most 75 octets, folded continuation lines, BEGIN/END nesting, required properties, TEXT escaping).
The demo is built as of DEMO_TODAY (Stamford 0.3 open for comment) and before its window opens.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import pytest
from harness import FRAMEWORKS, build_demo, built_site
from hostile_framework import SLUG as HOSTILE_SLUG
from hostile_framework import build_site, field_text, write_project
from html_page import parse_file

from framework_builder.site.feeds import fold, ics_text

A = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SITE_URL = "https://plans.example.org/prevention/"
RIVERTON_ES = "Plan de Riverton para prevenir el odio y la violencia dirigida"  # its title in translations/es.yml


@pytest.fixture(scope="module")
def site(demo_site: Path) -> Path:
    return demo_site


# A strict reader of RFC 5545 -------------------------------------------------------------------

def read_calendar(data: bytes) -> list[dict[str, list[tuple[str, str]]]]:
    """The VEVENTs of an iCalendar file as {name: [(parameters, unescaped value)]}; AssertionError when invalid."""
    assert data.endswith(b"\r\n")
    raw_lines = data[:-2].split(b"\r\n")
    for line in raw_lines:
        assert b"\n" not in line and b"\r" not in line, line
        assert len(line) <= 75, line
        line.decode("utf-8")  # a fold never splits a character
    lines: list[str] = []
    for line in raw_lines:
        text = line.decode("utf-8")
        if text.startswith(" "):
            assert lines, "a continuation line first"
            lines[-1] += text[1:]
        else:
            lines.append(text)
    stack, events, current = [], [], None
    for line in lines:
        match = re.fullmatch(r"([A-Z][A-Z0-9-]*)((?:;[A-Z-]+=[^;:,\"]+)*):(.*)", line)
        assert match, line
        name, params, value = match.groups()
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                current = {}
        elif name == "END":
            assert stack and stack.pop() == value, line
            if value == "VEVENT":
                events.append(current)
                current = None
        elif current is not None:
            assert not re.search(r"(?<!\\)[;,]", value.replace("\\\\", "")) or name in ("UID", "URL"), line
            unescaped = re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)
            current.setdefault(name, []).append((params, unescaped))
    assert stack == [], "every BEGIN has its END"
    assert lines[0] == "BEGIN:VCALENDAR" and "VERSION:2.0" in lines and any(x.startswith("PRODID:") for x in lines)
    for event in events:
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert len(event.get(required, [])) == 1, (required, event)
    return events


def _value(event: dict, name: str) -> str:
    return event[name][0][1]


def _day(value: str) -> dt.date:
    return dt.datetime.strptime(value, "%Y%m%d").date()


def _entries(feed: ET.Element) -> list[dict[str, str]]:
    return [{"id": e.findtext(f"{A}id"), "title": e.findtext(f"{A}title"), "updated": e.findtext(f"{A}updated"),
             "href": e.find(f"{A}link").get("href"), "summary": e.findtext(f"{A}summary")}
            for e in feed.iterfind(f"{A}entry")]


# The feeds --------------------------------------------------------------------------------------

def test_each_framework_feed_is_valid_atom_with_only_the_facts_the_authors_gave(site: Path) -> None:
    feed = ET.parse(site / "stamford" / "feed.xml").getroot()
    assert feed.tag == f"{A}feed"
    assert feed.findtext(f"{A}id").startswith("urn:uuid:")
    assert feed.findtext(f"{A}author/{A}name")
    entries = _entries(feed)
    titles = [e["title"] for e in entries]
    # Stamford: 0.2 released as a draft with its window (2025), 0.3 (working, no release date) open since 1 November.
    assert titles == ["Stamford Local Prevention Framework: comments open on version 0.3",
                      "Stamford Local Prevention Framework: comments closed on version 0.2",
                      "Stamford Local Prevention Framework: comments open on version 0.2",
                      "Stamford Local Prevention Framework: version 0.2 published"]
    assert [e["updated"] for e in entries] == ["2026-11-01T00:00:00Z", "2025-10-31T00:00:00Z",
                                               "2025-09-15T00:00:00Z", "2025-09-15T00:00:00Z"]
    assert feed.findtext(f"{A}updated") == "2026-11-01T00:00:00Z"  # its newest entry, not the build date
    assert len({e["id"] for e in entries}) == len(entries)
    # Links are relative to the feed (no --site-url), and lead to pages that exist.
    for entry in entries:
        assert "://" not in entry["href"]
        assert (site / "stamford" / entry["href"] / "index.html").is_file(), entry["href"]

    riverton = [e["title"] for e in _entries(ET.parse(site / "riverton" / "feed.xml").getroot())]
    assert "Riverton Plan to Prevent Hate and Targeted Violence: version 1.1 adopted" in riverton
    assert "Riverton Plan to Prevent Hate and Targeted Violence: version 1.0 adopted" in riverton
    # Released on the day it was adopted: one entry, the adoption.
    assert not any("published" in title for title in riverton)


def test_the_portal_feed_has_every_framework_entry_newest_first(site: Path) -> None:
    feed = ET.parse(site / "feed.xml").getroot()
    entries = _entries(feed)
    slugs = sorted(folder.name for folder in FRAMEWORKS.iterdir() if (folder / "framework.yml").is_file())
    assert len(slugs) >= 3  # every demo framework, however many there are
    own = [e for slug in slugs for e in _entries(ET.parse(site / slug / "feed.xml").getroot())]
    assert sorted(e["id"] for e in entries) == sorted(e["id"] for e in own)
    assert [e["updated"] for e in entries] == sorted((e["updated"] for e in entries), reverse=True)
    for entry in entries:
        assert (site / entry["href"] / "index.html").is_file(), entry["href"]


def test_an_event_after_the_build_date_is_not_announced(tmp_path: Path) -> None:
    site = build_demo(tmp_path, today="2026-10-15")  # Stamford 0.3's window opens on 1 November 2026
    titles = [e["title"] for e in _entries(ET.parse(site / "stamford" / "feed.xml").getroot())]
    assert not any("0.3" in title for title in titles)
    # The calendar still lists the window to come.
    events = read_calendar((site / "stamford" / "comments.ics").read_bytes())
    assert [_value(e, "DTSTART") for e in events] == ["20250915", "20261101"]
    assert all(_value(e, "DTSTAMP") == "20261015T000000Z" for e in events)


def test_the_calendar_has_each_comment_window_as_an_all_day_event(site: Path) -> None:
    events = read_calendar((site / "stamford" / "comments.ics").read_bytes())
    assert [(_value(e, "DTSTART"), _value(e, "DTEND")) for e in events] == [("20250915", "20251101"),
                                                                          ("20261101", "20270201")]
    for event in events:
        assert event["DTSTART"][0][0] == ";VALUE=DATE"
        assert _day(_value(event, "DTEND")) > _day(_value(event, "DTSTART"))
        assert _value(event, "DTSTAMP") == "20261201T000000Z"
        assert "URL" not in event  # no site URL: a relative one is not a valid URI value
    assert _value(events[1], "SUMMARY") == "Comments on Stamford Local Prevention Framework, version 0.3"
    assert len({_value(e, "UID") for e in events}) == 2


def test_with_a_site_url_every_link_is_absolute(tmp_path: Path) -> None:
    site = build_demo(tmp_path, "--site-url", SITE_URL)
    feed = ET.parse(site / "stamford" / "feed.xml").getroot()
    assert feed.find(f"{A}link[@rel='self']").get("href") == SITE_URL + "stamford/feed.xml"
    assert all(e["href"].startswith(SITE_URL + "stamford/") for e in _entries(feed))
    assert all(e["href"].startswith(SITE_URL) for e in _entries(ET.parse(site / "feed.xml").getroot()))
    events = read_calendar((site / "stamford" / "comments.ics").read_bytes())
    assert _value(events[1], "URL") == SITE_URL + "stamford/0.3/comment/"
    page = parse_file(site / "stamford" / "0.3" / "goals" / "reporting" / "index.html")
    feeds = [n.attrs["href"] for n in page.find_all("link") if n.attrs.get("type") == "application/atom+xml"]
    assert feeds == [SITE_URL + "stamford/feed.xml"]
    # The Spanish feed, its calendar and the Spanish pages' links to them.
    spanish = ET.parse(site / "riverton" / "es" / "feed.xml").getroot()
    assert spanish.find(f"{A}link[@rel='self']").get("href") == SITE_URL + "riverton/es/feed.xml"
    assert spanish.find(f"{A}link[@rel='alternate']").get("href") == SITE_URL + "riverton/1.1/es/"
    assert {e["href"] for e in _entries(spanish)} == {SITE_URL + f"riverton/{v}/es/{page}" for v in ("1.0", "1.1")
                                                     for page in ("", "comment/")}
    events = read_calendar((site / "riverton" / "es" / "comments.ics").read_bytes())
    assert [_value(e, "URL") for e in events] == [SITE_URL + "riverton/1.0/es/comment/",
                                                  SITE_URL + "riverton/1.1/es/comment/"]
    page = parse_file(site / "riverton" / "1.1" / "es" / "goals" / "reporting" / "index.html")
    feeds = [n.attrs["href"] for n in page.find_all("link") if n.attrs.get("type") == "application/atom+xml"]
    assert feeds == [SITE_URL + "riverton/es/feed.xml"]


def test_a_translated_framework_has_its_feed_in_each_language(site: Path) -> None:
    """Riverton is built in Spanish too: `riverton/es/feed.xml` is the same news in Spanish, leading to the
    Spanish pages."""
    feed = ET.parse(site / "riverton" / "es" / "feed.xml").getroot()
    assert feed.tag == f"{A}feed" and feed.get(XML_LANG) == "es"
    assert feed.findtext(f"{A}title") == feed.findtext(f"{A}author/{A}name") == RIVERTON_ES
    entries = _entries(feed)
    assert [e["title"] for e in entries] == [f"{RIVERTON_ES}: versión 1.1 adoptada",
                                             f"{RIVERTON_ES}: comentarios cerrados sobre la versión 1.1",
                                             f"{RIVERTON_ES}: comentarios abiertos sobre la versión 1.1",
                                             f"{RIVERTON_ES}: versión 1.0 adoptada",
                                             f"{RIVERTON_ES}: comentarios cerrados sobre la versión 1.0",
                                             f"{RIVERTON_ES}: comentarios abiertos sobre la versión 1.0"]
    # Its sentences and their dates are Spanish.
    assert entries[0]["summary"] == f"La versión 1.1 de {RIVERTON_ES} se adoptó el 10 de marzo de 2026."
    assert entries[2]["summary"] == (f"La versión 1.1 de {RIVERTON_ES} se abrió a comentarios el 1 de noviembre de "
                                     "2025, hasta el 31 de enero de 2026.")
    # The same facts on the same days as the English feed, as entries of their own.
    english = _entries(ET.parse(site / "riverton" / "feed.xml").getroot())
    assert [e["updated"] for e in entries] == [e["updated"] for e in english]
    assert not {e["id"] for e in entries} & {e["id"] for e in english} and len({e["id"] for e in entries}) == 6
    # Every link, relative to the feed's address, leads to a page in Spanish.
    url = "riverton/es/feed.xml"
    home = urljoin(url, feed.find(f"{A}link[@rel='alternate']").get("href"))
    assert home == "riverton/1.1/es/"
    assert urljoin(url, feed.find(f"{A}link[@rel='self']").get("href")) == url
    for href in [home] + [urljoin(url, e["href"]) for e in entries]:
        page = parse_file(site / href / "index.html")
        assert page.find_all("html")[0].attrs["lang"] == "es", href
    assert {urljoin(url, e["href"]) for e in entries} == {f"riverton/{v}/es/{page}" for v in ("1.0", "1.1")
                                                          for page in ("", "comment/")}


def test_a_translated_framework_has_its_calendar_in_each_language(site: Path) -> None:
    events = read_calendar((site / "riverton" / "es" / "comments.ics").read_bytes())
    english = read_calendar((site / "riverton" / "comments.ics").read_bytes())
    assert [(_value(e, "DTSTART"), _value(e, "DTEND")) for e in events] == [
        (_value(e, "DTSTART"), _value(e, "DTEND")) for e in english]
    assert _value(events[1], "SUMMARY") == f"Comentarios sobre {RIVERTON_ES}, versión 1.1"
    assert _value(events[1], "DESCRIPTION") == (f"Los residentes pueden comentar la versión 1.1 de {RIVERTON_ES} "
                                                "del 1 de noviembre de 2025 al 31 de enero de 2026.")
    assert all(e["SUMMARY"][0][0] == e["DESCRIPTION"][0][0] == ";LANGUAGE=es" for e in events)
    assert not {_value(e, "UID") for e in events} & {_value(e, "UID") for e in english}
    # A framework with no translation has no feed in another language.
    assert not [p for p in (site / "lakeport").iterdir() if p.is_dir() and (p / "feed.xml").exists()]


def test_a_title_whose_translation_is_outdated_stays_in_its_own_language(tmp_path: Path) -> None:
    """The framework's title was translated from an earlier wording: the Spanish feed names it as the
    pages do, in English, and still says the rest in Spanish."""
    shutil.copytree(FRAMEWORKS / "riverton", tmp_path / "frameworks" / "riverton")
    translation = tmp_path / "frameworks" / "riverton" / "translations" / "es.yml"
    text = translation.read_text(encoding="utf-8")
    outdated = re.sub(r'(title: \{of: ")[0-9a-f]+(", text: "Plan de Riverton)', r"\g<1>00000000\g<2>", text, count=1)
    assert outdated != text
    translation.write_text(outdated, encoding="utf-8")
    site = built_site(tmp_path, today="2026-12-01")
    feed = ET.parse(site / "riverton" / "es" / "feed.xml").getroot()
    title = "Riverton Plan to Prevent Hate and Targeted Violence"
    assert feed.findtext(f"{A}title") == title
    assert _entries(feed)[0]["title"] == f"{title}: versión 1.1 adoptada"
    assert parse_file(site / "riverton" / "1.1" / "es" / "index.html").find_all("h1")[0].text() == title


def test_same_input_and_date_give_the_same_feeds_and_calendar(site: Path, tmp_path: Path) -> None:
    again = build_demo(tmp_path)
    for name in ("feed.xml", "stamford/feed.xml", "riverton/feed.xml", "stamford/comments.ics",
                 "riverton/comments.ics", "riverton/es/feed.xml", "riverton/es/comments.ics",
                 "stamford/es/feed.xml", "stamford/es/comments.ics"):
        assert (again / name).read_bytes() == (site / name).read_bytes(), name


# Offered on the pages -----------------------------------------------------------------------------

def _head_feeds(site: Path, path: Path) -> dict[str, str]:
    """The feed and calendar a page's head links (by their type), as paths in the site."""
    page = parse_file(path)
    url = path.relative_to(site).as_posix()
    # a translated framework's pages may also link their languages (by hreflang)
    return {n.attrs["type"]: urljoin(url, n.attrs["href"]) for n in page.find_all("link")
            if n.attrs.get("rel") == "alternate" and "hreflang" not in n.attrs}


def test_every_page_links_its_framework_feed_and_calendar_in_its_language(site: Path) -> None:
    english = [p for p in (site / "stamford" / "0.3").rglob("index.html") if "es" not in p.parts]
    english.append(site / "stamford" / "index.html")
    spanish = list((site / "stamford" / "0.3" / "es").rglob("index.html"))
    assert len(english) > 10 and len(spanish) > 10
    for path in english:
        assert _head_feeds(site, path) == {"application/atom+xml": "stamford/feed.xml",
                                           "text/calendar": "stamford/comments.ics"}, path
    for path in spanish:
        assert _head_feeds(site, path) == {"application/atom+xml": "stamford/es/feed.xml",
                                           "text/calendar": "stamford/es/comments.ics"}, path
    # Material fetches a sitemap.xml beside each alternate link's target: an empty one answers it.
    for folder in ("stamford", "stamford/es"):
        sitemap = ET.parse(site / folder / "sitemap.xml").getroot()
        assert sitemap.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset" and len(sitemap) == 0
    portal = parse_file(site / "index.html")
    assert [n.attrs["href"] for n in portal.find_all("link") if n.attrs.get("rel") == "alternate"] == ["feed.xml"]


def test_the_how_to_comment_page_offers_the_feed_and_the_calendar_in_its_language(site: Path) -> None:
    for version in ("0.2", "0.3"):
        for folder, feeds, heading in (("", "stamford/", "Follow this framework"),
                                       ("es/", "stamford/es/", "Siga este marco")):
            url = f"stamford/{version}/{folder}comment/index.html"
            page = parse_file(site / url)
            hrefs = {urljoin(url, n.attrs["href"]) for n in page.find_all("a") if "href" in n.attrs}
            assert {feeds + "feed.xml", feeds + "comments.ics"} <= hrefs, url
            assert all((site / feeds / name).is_file() for name in ("feed.xml", "comments.ics"))
            assert heading in page.text()


# Hostile text ------------------------------------------------------------------------------------

def test_hostile_titles_are_escaped_and_the_feeds_stay_valid(tmp_path: Path) -> None:
    write_project(tmp_path, hostile=True)
    site = build_site(tmp_path)
    title = field_text("title")
    feed = ET.parse(site / HOSTILE_SLUG / "feed.xml").getroot()  # raises when not well-formed
    assert feed.findtext(f"{A}title") == title
    assert all(e["title"].startswith(title + ": ") for e in _entries(feed)) and _entries(feed)
    assert b"<script>" not in (site / HOSTILE_SLUG / "feed.xml").read_bytes()
    ET.parse(site / "feed.xml")
    events = read_calendar((site / HOSTILE_SLUG / "comments.ics").read_bytes())
    assert events and all(_value(e, "SUMMARY").startswith(f"Comments on {title}, version ") for e in events)


# The calendar's text rules -------------------------------------------------------------------------

def test_text_values_escape_backslash_semicolon_comma_and_newlines() -> None:
    assert ics_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"


def test_long_lines_fold_at_75_octets_without_splitting_a_character() -> None:
    line = "SUMMARY:" + "é€😀a" * 40
    folded = fold(line).encode("utf-8")
    parts = folded[:-2].split(b"\r\n")
    assert len(parts) > 1 and all(len(part) <= 75 for part in parts)
    assert all(part.startswith(b" ") for part in parts[1:])
    assert "".join(p.decode("utf-8")[1 if i else 0:] for i, p in enumerate(parts)) == line
