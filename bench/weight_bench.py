"""What a first visit to a goal page transfers, compressed with gzip as a web server would send it.

Loads the page in headless Chromium (Debian's /usr/bin/chromium) from a local server, records
every request the first visit makes, and sums the gzip size of each file fetched. Prints the
total in KB with a breakdown by kind; exits 1 when the total is over the budget.

    .venv/bin/python bench/weight_bench.py                # builds the demo site into a temp folder
    .venv/bin/python bench/weight_bench.py --site site    # measures an already-built site
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import sys
import tempfile
import threading
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
from measure import TODAY, command  # noqa: E402

BUDGET_KB = 100
DEFAULT_PAGE = "stamford/0.3/goals/awareness/"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
KINDS = {".html": "HTML", ".css": "CSS", ".js": "JS", ".json": "JSON", ".woff": "fonts", ".woff2": "fonts",
         ".ttf": "fonts", ".png": "images", ".svg": "images", ".jpg": "images", ".ico": "images", ".webp": "images"}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        """No access log on the console."""


def build_demo(out: Path) -> None:
    """Build frameworks/ into `out` with the benchmark's fixed build date."""
    command(REPO, "build", "--out", str(out), "--today", TODAY)


def first_visit_paths(site: Path, page: str) -> tuple[list[str], list[str]]:
    """The local paths a first visit to `page` fetches, and any request that left the server."""
    from playwright.sync_api import sync_playwright

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    local = f"127.0.0.1:{httpd.server_port}"
    fetched: list[str] = []
    foreign: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1280, "height": 900})

            def route(route_) -> None:
                parts = urlsplit(route_.request.url)
                if parts.netloc == local:
                    fetched.append(unquote(parts.path))
                    route_.continue_()
                else:
                    foreign.append(route_.request.url)
                    route_.abort()

            context.route("**/*", route)
            context.new_page().goto(f"http://{local}/{page}", wait_until="networkidle")
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    return fetched, foreign


def gzip_size(path: Path) -> int:
    """Bytes on the wire for `path` compressed as a server would (gzip level 6)."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def measure(site: Path, page: str) -> int:
    """Print the first-visit transfer of `page` by kind and file; return the total in bytes."""
    fetched, foreign = first_visit_paths(site, page)
    by_kind: dict[str, int] = defaultdict(int)
    rows = []
    for url_path in dict.fromkeys(fetched):
        file = site / url_path.lstrip("/")
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            rows.append((0, "missing", url_path))
            continue
        size = gzip_size(file)
        by_kind[KINDS.get(file.suffix, "other")] += size
        rows.append((size, KINDS.get(file.suffix, "other"), url_path))
    total = sum(by_kind.values())

    print(f"First visit to /{page} (gzip, as a server would send it)")
    for size, kind, url_path in sorted(rows, reverse=True):
        print(f"  {size / 1024:7.1f} KB  {kind:<7} {url_path}")
    print("By kind: " + ", ".join(f"{kind} {size / 1024:.1f} KB" for kind, size in sorted(by_kind.items())))
    searched = any(path.endswith("search/search_index.json") for path in fetched)
    print(f"Search index loaded on first visit: {'yes' if searched else 'no (only when the reader opens search)'}")
    print(f"Requests to other hosts: {len(foreign)}" + "".join(f"\n  {url}" for url in foreign))
    verdict = "under" if total < BUDGET_KB * 1024 else "OVER"
    print(f"Total: {total / 1024:.1f} KB ({verdict} the {BUDGET_KB} KB budget)")
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already-built site folder (default: build the demo)")
    parser.add_argument("--page", default=DEFAULT_PAGE, help=f"page to visit (default: {DEFAULT_PAGE})")
    args = parser.parse_args()
    if not Path("/usr/bin/chromium").exists():
        print("Chromium is not installed: sudo apt-get install chromium (or make browser-deps as root).")
        return 2
    if args.site:
        return 0 if measure(args.site, args.page) < BUDGET_KB * 1024 else 1
    with tempfile.TemporaryDirectory() as tmp:
        build_demo(Path(tmp) / "site")
        return 0 if measure(Path(tmp) / "site", args.page) < BUDGET_KB * 1024 else 1


if __name__ == "__main__":
    sys.exit(main())
