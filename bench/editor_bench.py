"""The form editor's load time and transfer size: it is for editors, not residents.

Serves the editor on a copy of the demo frameworks, opens it in headless Chromium (Debian's
/usr/bin/chromium), signs in to the local backend and opens one goal; prints one line: the time
until the goal's form shows, the bytes transferred (as sent, and gzip-compressed as a web server
could send them) and the number of requests, all to 127.0.0.1.

    .venv/bin/python bench/editor_bench.py
"""

from __future__ import annotations

import datetime as dt
import gzip
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))

import chromium  # noqa: E402 - the tests' launcher, after the path is set

from framework_builder.editor.server import Editor, make_server  # noqa: E402

ENTRY = "#/collections/stamford-goals/entries/awareness"


def main() -> int:
    from playwright.sync_api import sync_playwright

    path = chromium.find()
    if path is None:
        print("Chromium is not installed: " + chromium.INSTALL_HINT)
        return 1
    with tempfile.TemporaryDirectory() as temp:
        project = Path(temp)
        shutil.copytree(REPO / "frameworks", project / "frameworks")
        server = make_server(Editor(project, Path("frameworks"), dt.date(2026, 12, 1)), 0, lambda line: None)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        sizes: list[tuple[int, int]] = []
        foreign: list[str] = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=path, args=chromium.ARGS)
            page = browser.new_page()
            page.route("**/*", lambda r: r.continue_() if urlsplit(r.request.url).netloc == urlsplit(url).netloc
                       else (foreign.append(r.request.url), r.abort()))

            def measure(response) -> None:
                body = response.body()
                sizes.append((len(body), len(gzip.compress(body))))

            page.on("response", measure)
            started = time.perf_counter()
            page.goto(url)
            page.get_by_role("button", name="Login").click()
            login = time.perf_counter() - started
            page.goto(url + ENTRY)
            page.wait_for_selector("text=Raise awareness of hate and targeted violence")
            loaded = time.perf_counter() - started
            browser.close()
        server.shutdown()
    raw, packed = sum(s[0] for s in sizes), sum(s[1] for s in sizes)
    print(f"editor: sign-in page in {login:.2f} s, goal form in {loaded:.2f} s; "
          f"{raw / 1e6:.2f} MB transferred ({packed / 1e6:.2f} MB gzip) in {len(sizes)} requests; "
          f"{len(foreign)} requests off 127.0.0.1")
    return 1 if foreign else 0


if __name__ == "__main__":
    sys.exit(main())
