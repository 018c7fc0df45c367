"""The preview's HTTP side: static files from the preview folder, a reload endpoint, the error page.

Requests wait while a build runs (a version number and a condition variable, as MkDocs'
LiveReloadServer), so nobody sees a half-built site. Browsers long-poll ``/__livereload__?v=N``
through one shared worker per browser, so twenty open tabs hold one connection, not twenty (a
browser allows six per host). The reload script is added to HTML responses only, never to files.
"""

from __future__ import annotations

import contextlib
import html
import json
import sys
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ..errors import Diagnostic
from .paths import Target, content_type, resolve_target

RELOAD_PATH = "/__livereload__"
WORKER_PATH = "/__livereload__/worker.js"
POLL_SECONDS = 25.0
BUILD_WAIT_SECONDS = 30.0

# The shared worker long-polls once for all tabs and tells each tab the newest version.
WORKER_JS = """let ports = [], version = null;
onconnect = (e) => { const p = e.ports[0]; ports.push(p); if (version !== null) p.postMessage(version); };
(async () => { for (;;) { try {
  const r = await fetch("%s?v=" + (version === null ? -1 : version), {cache: "no-store"});
  version = (await r.json()).version; ports.forEach((p) => p.postMessage(version));
} catch (err) { await new Promise((ok) => setTimeout(ok, 500)); } } })();
""".replace("%s", RELOAD_PATH)

# Injected before </body>: reload when the version moves on, and come back to the same scroll position.
RELOAD_SCRIPT = """<script>(() => { const v = %d, key = "eb-scroll:" + location.pathname;
const y = sessionStorage.getItem(key); if (y !== null) { sessionStorage.removeItem(key);
  addEventListener("load", () => scrollTo(0, +y)); scrollTo(0, +y); }
const go = (n) => { if (n !== v) { sessionStorage.setItem(key, String(scrollY)); location.reload(); } };
if (window.SharedWorker) { const w = new SharedWorker("%s"); w.port.onmessage = (e) => go(e.data); w.port.start(); }
else { const poll = () => fetch("%s?v=" + v, {cache: "no-store"}).then((r) => r.json())
  .then((d) => d.version === v ? poll() : go(d.version), () => setTimeout(poll, 1000)); poll(); }
})();</script>"""


class SiteState:
    """Shared between the build loop and request threads: version, build in progress, errors to show."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self.version = 0
        self.building = False
        self.errors: list[Diagnostic] = []

    def start_build(self) -> None:
        with self._condition:
            self.building = True

    def finish_build(self, errors: list[Diagnostic], *, changed: bool) -> None:
        """Publish a build: a new version when anything visible changed; wake waiting requests."""
        with self._condition:
            if changed or [e.format() for e in errors] != [e.format() for e in self.errors]:
                self.version += 1
            self.errors = errors
            self.building = False
            self._condition.notify_all()

    def wait_ready(self, timeout: float = BUILD_WAIT_SECONDS) -> tuple[int, list[Diagnostic]]:
        with self._condition:
            self._condition.wait_for(lambda: not self.building, timeout=timeout)
            return self.version, list(self.errors)

    def wait_newer(self, seen: int, timeout: float = POLL_SECONDS) -> int:
        with self._condition:
            self._condition.wait_for(lambda: self.version != seen and not self.building, timeout=timeout)
            return self.version


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], root: Path, mount: Callable[[], str], state: SiteState) -> None:
        self.root = root
        self.mount = mount
        self.state = state
        super().__init__(address, PreviewHandler)

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser closing a tab mid-request is normal; anything else is still printed."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class PreviewHandler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; with Nagle's algorithm on, the body then waits
    # for the browser's delayed ACK (about 40 ms on Linux) on every keep-alive response.
    disable_nagle_algorithm = True
    server_version = "EvidenceBriefPreview"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._respond(head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(head=True)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the terminal shows rebuilds, not every request

    def _respond(self, *, head: bool) -> None:
        raw = self.path
        if raw == WORKER_PATH:
            return self._send(200, "text/javascript; charset=utf-8", WORKER_JS.encode(), head=head)
        if urlsplit(raw).path == RELOAD_PATH:
            return self._reload(raw, head=head)
        version, errors = self.server.state.wait_ready()
        target = resolve_target(self.server.root, self.server.mount(), raw)
        if target.kind == "refused":
            return self._send(target.status, "text/plain; charset=utf-8",
                              f"{target.status} {HTTPStatus(target.status).phrase}\n".encode(), head=head)
        if target.kind == "redirect":
            self.send_response(301)
            self.send_header("Location", target.location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        wants_page = target.kind == "missing" or (target.path is not None and target.path.suffix == ".html")
        if errors and wants_page:
            return self._send(500, "text/html; charset=utf-8", _inject(render_error_page(errors), version),
                              head=head)
        if target.kind == "missing":
            return self._not_found(version, head=head)
        return self._file(target, version, head=head)

    def _file(self, target: Target, version: int, *, head: bool) -> None:
        assert target.path is not None
        try:
            data = target.path.read_bytes()
        except OSError:
            return self._not_found(version, head=head)
        kind = content_type(target.path)
        if kind.startswith("text/html"):
            data = _inject(data, version)
        return self._send(200, kind, data, head=head)

    def _not_found(self, version: int, *, head: bool) -> None:
        page = self.server.root / "404.html"
        try:
            body = page.read_bytes()
        except OSError:
            body = b"<!doctype html><title>Not found</title><h1>Not found</h1>"
        return self._send(404, "text/html; charset=utf-8", _inject(body, version), head=head)

    def _reload(self, raw: str, *, head: bool) -> None:
        values = parse_qs(urlsplit(raw).query).get("v", ["-1"])
        try:
            seen = int(values[0])
        except ValueError:
            seen = -1
        version = self.server.state.wait_newer(seen) if seen >= 0 else self.server.state.wait_ready()[0]
        return self._send(200, "application/json", json.dumps({"version": version}).encode(), head=head)

    def _send(self, status: int, kind: str, body: bytes, *, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if not head:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)


def _inject(page: bytes, version: int) -> bytes:
    """The page with the reload script before its last </body> (or at the end)."""
    script = (RELOAD_SCRIPT % (version, WORKER_PATH, RELOAD_PATH)).encode()
    at = page.rfind(b"</body>")
    return page[:at] + script + page[at:] if at >= 0 else page + script


def render_error_page(errors: list[Diagnostic]) -> bytes:
    """The page shown in place of the site while a change is broken: each file, line and problem."""
    items = "".join(f"<li><code>{html.escape(d.format())}</code></li>" for d in errors)
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build error — preview</title>"
            "<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem;max-width:60rem}"
            "code{white-space:pre-wrap;display:block;background:#fff3f3;border-left:4px solid #b00020;"
            "padding:.5rem .75rem}ul{list-style:none;padding:0}li{margin:.75rem 0}</style></head><body>"
            "<h1>The preview could not be rebuilt</h1><p>Fix the problem below and save: this page reloads "
            f"by itself.</p><ul>{items}</ul></body></html>").encode()
