"""One visit to a page, and everything the browser tests check about it, recorded as plain data.

Each page type is loaded once per colour scheme (and the phone pages once at phone size);
the tests then assert on these records, so adding a check adds no page load.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, ClassVar

import axe_core


@dataclass
class Visit:
    """A browser page on the local site that records requests and console errors.

    Requests to the local server go through; any other request is recorded and aborted."""

    page: object
    base: str
    foreign_requests: list[str] = field(default_factory=list)
    local_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    opened: ClassVar[list[str]] = []

    def open(self, path: str) -> None:
        """Load a page of the site, check it exists, and wait until the network is quiet."""
        Visit.opened.append(path)
        response = self.page.goto(self.base + path, wait_until="networkidle")
        assert response is not None and response.ok, f"/{path}: HTTP {response.status if response else 'no response'}"


@dataclass
class CommentLink:
    """A comment link as a reader meets it: the item it is for, where it goes, its accessible name."""

    item: str | None
    href: str
    name: str


@dataclass
class PageRecord:
    """What every check needs from one visit to one page type in one colour scheme.

    The fields after `console_errors` are recorded only on the page types that have them
    (see INTERACTIONS), in the light scheme."""

    page_type: str
    scheme: str
    color_scheme: str | None
    axe: dict | None
    headings: list[int]
    local_requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    cookies: list[dict] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    version_links: list[str] = field(default_factory=list)
    version_button: tuple[str, str] = ("", "")
    search_results: int = 0
    comment_links: list[CommentLink] = field(default_factory=list)
    tab_stops: list[dict] = field(default_factory=list)
    content_links: int = 0
    print_furniture_shown: list[str] = field(default_factory=list)
    print_row_breaks: list[str] = field(default_factory=list)


@dataclass
class PhoneRecord:
    """A page at phone size: how wide it is, its tables, its header, and what axe-core finds."""

    scroll_width: int
    inner_width: int
    tables_sticking_out: list[str]
    tables_without_scroll_box: list[str]
    tables: int
    axe: dict | None = None
    header_title: str = ""  # the site title the header shows (its visible text)
    header_title_cut: bool = False  # the title is wider than its box (shown with an ellipsis)
    version_button: str = ""  # the version menu button's visible text
    status_words_above_fold: int = 0  # how often the version's status label is shown in the first screen


HEADINGS = "main h1, main h2, main h3, main h4, main h5, main h6, body > h1, article h1"


def record_page(visit: Visit, page_type: str, path: str, scheme: str) -> PageRecord:
    """Open `path` once, run every check's measurement on it, and return what they found."""
    visit.open(path)
    page = visit.page
    record = PageRecord(
        page_type=page_type,
        scheme=scheme,
        color_scheme=page.get_attribute("body", "data-md-color-scheme"),
        axe=axe_core.run(page) if axe_core.script() is not None else None,
        headings=page.eval_on_selector_all(HEADINGS, "nodes => [...new Set(nodes)].map(n => Number(n.tagName[1]))"),
    )
    if scheme == "light":
        for interact in INTERACTIONS.get(page_type, ()):
            interact(page, record)
    record.local_requests = list(visit.local_requests)
    record.foreign_requests = list(visit.foreign_requests)
    record.cookies = page.context.cookies()
    record.console_errors = list(visit.console_errors)
    return record


def record_version_menu(page, record: PageRecord) -> None:
    """The version menu's button (visible text, accessible name) and the titles it lists
    (Material fills it in from versions.json)."""
    page.wait_for_selector(".md-version__link", state="attached", timeout=10_000)
    button = page.locator(".md-version__current")
    record.version_button = (button.inner_text().strip(), accessible_name(button, "button"))
    record.version_links = page.eval_on_selector_all(
        ".md-version__item .md-version__link", "links => links.map(l => l.textContent.trim())"
    )


def record_search(page, record: PageRecord) -> None:
    """Search for "school" from the keyboard and count the results shown."""
    page.keyboard.press("/")
    page.keyboard.type("school")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    record.search_results = page.locator(".md-search-result__item").count()


def accessible_name(element, role: str = "link") -> str:
    """The accessible name Chromium gives an element (from Playwright's ARIA snapshot)."""
    first_line = element.aria_snapshot().splitlines()[0]
    match = re.search(role + r' "((?:[^"\\]|\\.)*)"', first_line)
    assert match, first_line
    return match.group(1)


def record_comment_links(page, record: PageRecord) -> None:
    """Every comment link in the content: its item, its address, its accessible name."""
    links = page.locator("main a[data-item]")
    record.comment_links = [
        CommentLink(item=link.get_attribute("data-item"), href=link.get_attribute("href") or "", name=accessible_name(link))
        for link in links.all()
    ]


TAB_STOP = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    return {
        text: (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 60),
        href: el.getAttribute('href'),
        inContent: Boolean(el.closest('.md-content')),
        order: [...document.querySelectorAll('*')].indexOf(el),
    };
}"""


def record_tab_stops(page, record: PageRecord) -> None:
    """Press Tab once more than there are focusable elements, describing each element that takes
    focus, until focus comes back round to the first stop. Stops that report no element
    (Chromium's focusable scrolling boxes, the browser itself) are left out."""
    record.content_links = page.eval_on_selector_all(
        ".md-content a[href]", "links => links.filter(l => l.getClientRects().length).length"
    )
    focusable = page.eval_on_selector_all(
        "a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])", "nodes => nodes.length"
    )
    for _ in range(focusable + 1):
        page.keyboard.press("Tab")
        stop = page.evaluate(TAB_STOP)
        if record.tab_stops and stop and stop["order"] == record.tab_stops[0]["order"]:
            break
        if stop:
            record.tab_stops.append(stop)


def record_print_styles(page, record: PageRecord) -> None:
    """Under print media: which pieces of site furniture still show, and how table rows may break."""
    page.emulate_media(media="print")
    record.print_furniture_shown = page.evaluate(
        """() => [...document.querySelectorAll('.md-header, .md-tabs, .md-sidebar, .md-footer, .md-banner, .md-search')]
                 .filter(node => getComputedStyle(node).display !== 'none').map(node => node.className)"""
    )
    record.print_row_breaks = page.evaluate(
        "() => [...document.querySelectorAll('main tr')].map(row => getComputedStyle(row).breakInside)"
    )


# What is measured beyond the common checks, by page type (in this order, on the light visit).
INTERACTIONS: dict[str, tuple[Callable[[object, PageRecord], None], ...]] = {
    "overview": (record_version_menu, record_search),
    "goal": (record_comment_links, record_tab_stops),
    "print": (record_print_styles,),
}


def record_phone(visit: Visit, path: str, screenshot: Path) -> PhoneRecord:
    """Open `path` at phone size, save a full-page screenshot, and measure its width and tables."""
    visit.open(path)
    page = visit.page
    page.screenshot(path=str(screenshot), full_page=True)
    widths = page.evaluate("({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})")
    tables = page.evaluate(
        """() => [...document.querySelectorAll('main table')].map(table => {
                const box = (table.closest('.md-typeset__scrollwrap') || table).getBoundingClientRect();
                let scroller = table.parentElement;
                while (scroller && !['auto', 'scroll'].includes(getComputedStyle(scroller).overflowX)) scroller = scroller.parentElement;
                return {
                    html: table.outerHTML.slice(0, 80),
                    sticksOut: box.left < 0 || box.right > window.innerWidth,
                    scrolls: Boolean(scroller && scroller.closest('main')),
                };
            })"""
    )
    header = page.evaluate(PHONE_HEADER, STATUS_LABEL)
    return PhoneRecord(
        axe=axe_core.run(page) if axe_core.script() is not None else None,
        header_title=header["title"],
        header_title_cut=header["cut"],
        version_button=header["version"],
        status_words_above_fold=header["statusShown"],
        scroll_width=widths["scroll"],
        inner_width=widths["inner"],
        tables_sticking_out=[table["html"] for table in tables if table["sticksOut"]],
        tables_without_scroll_box=[table["html"] for table in tables if not table["scrolls"]],
        tables=len(tables),
    )


# The demo's draft status as the site words it (words.LABELS), and Material's short form in the version menu.
STATUS_LABEL = "open for public comment"

PHONE_HEADER = """status => {
    const visible = node => node.getClientRects().length > 0 && getComputedStyle(node).visibility !== 'hidden';
    const shown = [...document.querySelector('.md-header__topic').querySelectorAll('.md-ellipsis')].filter(visible);
    const button = document.querySelector('.md-version__current');
    const fold = window.innerHeight;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let statusShown = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent.toLowerCase().includes(status)) continue;
        // A list in the page's text may name the status as content (What changed: "Status: draft → …"),
        // which is not the page telling where the version stands.
        if (node.parentElement.closest('article li')) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const rects = [...range.getClientRects()];
        if (rects.some(r => r.width > 0 && r.top < fold && r.bottom > 0)) statusShown++;
    }
    return {
        title: shown.map(n => n.textContent.trim()).join(' | '),
        cut: shown.some(n => n.scrollWidth > n.clientWidth + 1),
        version: button ? button.innerText.trim() : '',
        statusShown,
    };
}"""
