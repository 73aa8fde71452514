"""Browser test fixtures: build the demo site once, serve it on 127.0.0.1, drive Debian's Chromium.

Every request a page makes is routed through `Visit`: requests to the local server go
through, any other request is recorded and aborted, so a test can assert that nothing
leaves the machine. Console errors are recorded too.

Without Chromium these tests skip with a message saying how to install it, except under
`CI=true`, where a missing browser fails the run.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest

import chromium
from site_map import REPO, TODAY



def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder as a browser test."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium, or skip (fail under CI=true) with how to install it."""
    path = chromium.find()
    if path is None:
        chromium.missing("Chromium is not installed, so the browser tests were skipped.")
    return str(path)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory, chromium_path: str) -> Path:
    """The demo site (frameworks/), built once with a fixed build date."""
    out = tmp_path_factory.mktemp("browser") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "framework_builder", "build", "--out", str(out), "--today", TODAY],
        cwd=REPO,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        """Keep test output clean."""


@pytest.fixture(scope="session")
def server(site_dir: Path) -> Iterator[str]:
    """A threaded static HTTP server for the built site on a free port; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/"
    httpd.shutdown()
    httpd.server_close()


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


@dataclass
class Visit:
    """A browser page on the local site that records foreign requests and console errors."""

    page: object
    base: str
    foreign_requests: list[str] = field(default_factory=list)
    local_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def open(self, path: str) -> None:
        """Load a page of the site, check it exists, and wait until the network is quiet."""
        response = self.page.goto(self.base + path, wait_until="networkidle")
        assert response is not None and response.ok, f"/{path}: HTTP {response.status if response else 'no response'}"


@pytest.fixture
def visit_factory(browser, server: str) -> Iterator:
    """Make `Visit`s in fresh browser contexts (no shared cache or storage); closes them after."""
    contexts = []
    local = urlsplit(server).netloc

    def make(**context_options) -> Visit:
        context = browser.new_context(**context_options)
        contexts.append(context)
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
        return visit

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def visit(visit_factory) -> Visit:
    """A `Visit` at a desktop size in the light scheme."""
    return visit_factory(viewport={"width": 1280, "height": 900}, color_scheme="light")
