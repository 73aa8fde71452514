"""A built site served on 127.0.0.1 for the browser tests (the only host a page may reach)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path
from typing import Iterator


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        """Keep test output clean."""


class _StaticHostHandler(_QuietHandler):
    """Static files; for a missing one, the 404.html of the nearest folder above it, with status 404."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self._nearest_404() if code == 404 else None
        if page is None:
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _nearest_404(self) -> Path | None:
        root = Path(self.directory).resolve()
        here = Path(self.translate_path(self.path)).resolve()
        for folder in [here, *here.parents]:
            if folder != root and root not in folder.parents:
                return None
            if (folder / "404.html").is_file():
                return folder / "404.html"
        return None


@contextlib.contextmanager
def serving(folder: Path, not_found_pages: bool = False) -> Iterator[str]:
    """A threaded static HTTP server for a built site on a free port of 127.0.0.1; yields its base URL.

    The folder is read at each request, so it may be built after the server starts (to know its
    address first). With `not_found_pages`, a missing file is answered as a static host does: the
    nearest 404.html above it, with status 404."""
    handler = functools.partial(_StaticHostHandler if not_found_pages else _QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
