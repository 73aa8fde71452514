"""Browser test fixtures: build the demo site once, serve it on 127.0.0.1, drive Debian's Chromium.

Each page type of `site_map.PAGE_TYPES` is visited once per colour scheme, on first use, and
every check's measurement is taken on that one visit (see record.py); the tests assert on the
records. Every request a page makes is routed through `Visit`: requests to the local server
go through, any other request is recorded and aborted, so a test can assert that nothing
leaves the machine. Console errors are recorded too.

Without Chromium these tests skip with a message saying how to install it, except under
`CI=true`, where a missing browser fails the run.
"""

from __future__ import annotations

import contextlib
import functools
import shutil
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import urlsplit

import chromium
import pytest
from harness import FRAMEWORKS, build
from local_server import serving
from record import PageRecord, PhoneRecord, Visit, record_page, record_phone
from site_map import PAGE_TYPES, PHONE, PHONE_PAGES, RIGHT_TO_LEFT_FIXTURE, TODAY

DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder as a browser test."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def pytest_terminal_summary(terminalreporter) -> None:
    """Say how many pages the browser tests loaded."""
    if Visit.opened:
        terminalreporter.write_line(f"browser tests: {len(Visit.opened)} page loads")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium, or skip (fail under CI=true) with how to install it."""
    path = chromium.find()
    if path is None:
        chromium.missing("Chromium is not installed, so the browser tests were skipped.")
    return str(path)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory, chromium_path: str) -> Path:
    """The demo site (a copy of frameworks/ in a project of its own, so its cache is its own),
    built once with a fixed build date, with the right-to-left fixture's site beside it."""
    project = tmp_path_factory.mktemp("browser")
    shutil.copytree(FRAMEWORKS, project / "frameworks")
    result = build(project, today=TODAY)
    assert result.code == 0, f"build failed:\n{result.out}\n{result.err}"
    fixture = tmp_path_factory.mktemp("right-to-left")
    shutil.copytree(RIGHT_TO_LEFT_FIXTURE, fixture / "frameworks" / RIGHT_TO_LEFT_FIXTURE.name)
    result = build(fixture, today=TODAY)
    assert result.code == 0, f"build of the right-to-left fixture failed:\n{result.out}\n{result.err}"
    shutil.copytree(fixture / "site" / RIGHT_TO_LEFT_FIXTURE.name, project / "site" / RIGHT_TO_LEFT_FIXTURE.name)
    return project / "site"


@pytest.fixture(scope="session")
def server(site_dir: Path) -> Iterator[str]:
    """The demo site, served on 127.0.0.1."""
    with serving(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium_path: str):
    """Headless Chromium through Playwright's sync API."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        chromium.missing("Playwright is not installed (pip install -e '.[test]').")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path, args=chromium.ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def new_visit(browser, server: str) -> Callable[..., contextlib.AbstractContextManager[Visit]]:
    """Open a `Visit` in a fresh browser context (no shared cache or storage), closed on leaving."""
    local = urlsplit(server).netloc

    @contextlib.contextmanager
    def make(**context_options) -> Iterator[Visit]:
        context = browser.new_context(**context_options)
        page = context.new_page()
        visit = Visit(page=page, base=server)

        def route(route_) -> None:
            url = route_.request.url
            if urlsplit(url).netloc == local:
                visit.local_requests.append(url)
                route_.continue_()
            else:
                visit.foreign_requests.append(url)
                route_.abort()

        context.route("**/*", route)
        page.on("console", lambda message: message.type == "error" and visit.console_errors.append(message.text))
        page.on("pageerror", lambda error: visit.console_errors.append(str(error)))
        try:
            yield visit
        finally:
            context.close()

    return make


@pytest.fixture(scope="session")
def pages(new_visit) -> Callable[[str, str], PageRecord]:
    """`pages(page_type, scheme)`: the record of that page type's one visit in that scheme (desktop size)."""

    @functools.cache
    def visit(page_type: str, scheme: str) -> PageRecord:
        with new_visit(viewport=DESKTOP, color_scheme=scheme) as opened:
            return record_page(opened, page_type, PAGE_TYPES[page_type], scheme)

    return visit


@pytest.fixture(scope="session")
def phone(new_visit, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], PhoneRecord]:
    """`phone(name)`: the record of that page's one visit at phone size; screenshots are kept to look at."""
    screenshots = tmp_path_factory.mktemp("screenshots")
    print(f"\nphone screenshots: {screenshots}")

    @functools.cache
    def visit(name: str) -> PhoneRecord:
        with new_visit(viewport=PHONE, is_mobile=True, has_touch=True) as opened:
            return record_phone(opened, PHONE_PAGES[name], screenshots / f"{name}.png")

    return visit
