"""The editor's web server: the editor page, its configuration, the local backend, preview and changes.

It listens on 127.0.0.1 only, answers only requests addressed to that host (no DNS rebinding),
takes JSON posts only (a form on another site cannot post JSON without the browser asking first),
and sends a Content-Security-Policy that lets the page reach nothing but this server."""

from __future__ import annotations

import datetime as dt
import json
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable

from framework_builder.editor.backend import LocalBackend, Refused
from framework_builder.editor.changes import changes_text, commit_on_branch
from framework_builder.editor.config import editor_config, framework_collections, read_framework_data
from framework_builder.editor.files import NotEditable, folder_of
from framework_builder.editor.preview import preview_html
from framework_builder.errors import GitError
from framework_builder.site.theme import Theme
from framework_builder.source.discovery import find_framework_folders

STATIC = Path(__file__).parent / "static"
STATIC_FILES = {"decap-cms.js": "text/javascript", "editor.js": "text/javascript", "changes.html": "text/html",
                "changes.js": "text/javascript", "editor.css": "text/css",
                "LICENSE-decap-cms.txt": "text/plain", "decap-cms.js.LICENSE.txt": "text/plain"}
# Decap compiles its configuration schema at run time (ajv: 'unsafe-eval') and styles with emotion ('unsafe-inline').
CSP = ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-src 'self' blob:; "
       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
MAX_BODY = 8 * 1024 * 1024


class Editor:
    """Everything the server answers, for the frameworks under `project/root`."""

    def __init__(self, project: Path, root: Path, today: dt.date) -> None:
        self.project, self.root, self.today = project, root, today
        self.backend = LocalBackend(project, root)
        self.theme = Theme.for_project(project)

    def config(self) -> dict[str, Any]:
        """The configuration, generated afresh so new organizations or goals show after a reload."""
        collections = []
        for folder in find_framework_folders([self.project / self.root]):
            head, goals = read_framework_data(folder)
            collections += framework_collections(folder.name, self.root.as_posix(), head, goals)
        return editor_config(collections, {"name": "proxy", "proxy_url": "/api/v1", "branch": "main"})

    def preview(self, body: dict[str, Any]) -> dict[str, str]:
        path = str(body.get("path", ""))
        target, _, text = self.backend.written(path, str(body.get("data", "{}")))
        folder = folder_of(self.project, self.root, path)
        return {"html": preview_html(folder, target.relative_to(folder).as_posix(), text, self.theme, self.today,
                                     shown=folder.relative_to(self.project))}


def _handler(editor: Editor, say: Callable[[str], None]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "framework-builder-editor"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
            pass

        def _host_ok(self) -> bool:
            host = self.headers.get("Host", "")
            port = self.server.server_address[1]
            return host in (f"127.0.0.1:{port}", f"localhost:{port}")

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type + ("; charset=utf-8" if content_type.startswith("text/")
                                                             or content_type.endswith("json") else ""))
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Security-Policy", CSP)
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Referrer-Policy", "no-referrer")
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the page went away (a reload, a closed tab)

        def _json(self, status: int, value: Any) -> None:
            self._send(status, json.dumps(value, ensure_ascii=False).encode("utf-8"), "application/json")

        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            if not self._host_ok():
                return self._send(HTTPStatus.FORBIDDEN, b"wrong host", "text/plain")
            path = self.path.split("?", 1)[0].lstrip("/")
            if path in ("", "index.html"):
                return self._send(HTTPStatus.OK, index_page(config="api/config", preview="api/preview"), "text/html")
            if path == "changes":
                path = "changes.html"
            if path == "api/config":
                return self._json(HTTPStatus.OK, editor.config())
            if path == "api/changes":
                try:
                    return self._json(HTTPStatus.OK, {"text": changes_text(editor.project, editor.root)})
                except GitError as exc:
                    return self._json(HTTPStatus.UNPROCESSABLE_ENTITY, {"error": str(exc)})
            if path in STATIC_FILES:
                return self._send(HTTPStatus.OK, (STATIC / path).read_bytes(), STATIC_FILES[path])
            if path == "theme.css" and editor.theme.find("assets/theme.css"):
                return self._send(HTTPStatus.OK, editor.theme.find("assets/theme.css").read_bytes(), "text/css")
            self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")

        def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
            if not self._host_ok() or not self.headers.get("Content-Type", "").startswith("application/json"):
                return self._send(HTTPStatus.FORBIDDEN, b"JSON from this page only", "text/plain")
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                return self._json(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": "the entry is too large"})
            try:
                body = json.loads(self.rfile.read(length) or b"{}")
            except json.JSONDecodeError:
                return self._json(HTTPStatus.BAD_REQUEST, {"error": "the request is not JSON"})
            path = self.path.split("?", 1)[0]
            try:
                if path == "/api/v1":
                    result = editor.backend.handle(body)
                    if isinstance(body, dict) and body.get("action") == "persistEntry":
                        say(f"saved {', '.join(str(f.get('path')) for f in body['params'].get('dataFiles', []))}")
                    return self._json(HTTPStatus.OK, result)
                if path == "/api/preview" and isinstance(body, dict):
                    return self._json(HTTPStatus.OK, editor.preview(body))
                if path == "/api/commit":
                    done = commit_on_branch(editor.project, editor.root)
                    say(f"committed on branch {done.branch}")
                    return self._json(HTTPStatus.OK, {"branch": done.branch, "message": done.message})
            except (Refused, NotEditable, GitError) as exc:
                return self._json(HTTPStatus.UNPROCESSABLE_ENTITY, {"error": str(exc)})
            self._json(HTTPStatus.NOT_FOUND, {"error": "not found"})

    return Handler


CHANGES_LINK = '<a class="fb-changes" href="changes">What changed · commit</a>\n'


def index_page(config: str, preview: str = "", changes: bool = True) -> bytes:
    """The editor page: our script (which registers the format and preview and starts Decap), then Decap."""
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    return (page.replace("{config}", config).replace("{preview}", preview)
            .replace("{changes}", CHANGES_LINK if changes else "").encode("utf-8"))


def make_server(editor: Editor, port: int, say: Callable[[str], None]) -> ThreadingHTTPServer:
    """The server, bound to 127.0.0.1:port (port 0: any free port)."""
    server = ThreadingHTTPServer(("127.0.0.1", port), _handler(editor, say))
    server.daemon_threads = True
    return server
