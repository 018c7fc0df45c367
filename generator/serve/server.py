"""The preview's HTTP side: static files from the preview folder, a reload endpoint, the error page.

Requests wait while a build runs (a version number and a condition variable, as MkDocs'
LiveReloadServer), so nobody sees a half-built site; and a build waits for the requests that are
reading files at that moment (a readers-writer lease), because some build steps, such as copying the
design's assets, overwrite files in place. Files are read whole before a byte is sent, so a slow
client never holds a build up. A preview bound to a loopback address answers only requests whose
Host names that address or localhost: a web page cannot reach it by DNS rebinding. Browsers
long-poll ``/__livereload__?v=N`` through one shared worker per browser, so twenty open tabs hold
one connection, not twenty (a browser allows six per host). The reload script is added to HTML
responses only, never to files.
"""

from __future__ import annotations

import contextlib
import html
import ipaddress
import json
import re
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
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
#: How long a build waits for requests already reading files (reads take microseconds to milliseconds).
READERS_WAIT_SECONDS = 5.0
#: Pending connections the kernel queues: 50 clients connecting at once must not meet a full queue
#: (a dropped connection attempt is retried only after a second).
ACCEPT_QUEUE = 128
HOST_HEADER = re.compile(r"(?P<name>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(?P<port>[0-9]{1,5}))?")

# The shared worker long-polls once for all tabs and tells each tab the newest version.
WORKER_JS = """let ports = [], version = null;
onconnect = (e) => { const p = e.ports[0]; ports.push(p); if (version !== null) p.postMessage(version); };
(async () => { for (;;) { try {
  const r = await fetch("%s?v=" + (version === null ? -1 : version), {cache: "no-store"});
  version = (await r.json()).version; ports.forEach((p) => p.postMessage(version));
} catch (err) { await new Promise((ok) => setTimeout(ok, 500)); } } })();
""".replace("%s", RELOAD_PATH)

CLIENT_PATH = "/__livereload__/client.js"
# Served as a file (the site's Content-Security-Policy allows only our own script files, never inline
# script): reload when the version moves on, and come back to the same scroll position. The page's
# version rides on the script tag's data attribute.
CLIENT_JS = """(() => { const v = +document.currentScript.dataset.version, key = "eb-scroll:" + location.pathname;
const y = sessionStorage.getItem(key); if (y !== null) { sessionStorage.removeItem(key);
  addEventListener("load", () => scrollTo(0, +y)); scrollTo(0, +y); }
const go = (n) => { if (n !== v) { sessionStorage.setItem(key, String(scrollY)); location.reload(); } };
if (window.SharedWorker) { const w = new SharedWorker("WORKER"); w.port.onmessage = (e) => go(e.data); w.port.start(); }
else { const poll = () => fetch("RELOAD?v=" + v, {cache: "no-store"}).then((r) => r.json())
  .then((d) => d.version === v ? poll() : go(d.version), () => setTimeout(poll, 1000)); poll(); }
})();
""".replace("WORKER", WORKER_PATH).replace("RELOAD", RELOAD_PATH)

# Injected before </body>.
RELOAD_SCRIPT = f'<script src="{CLIENT_PATH}" data-version="%d"></script>'


class SiteState:
    """Shared between the build loop and request threads: version, build in progress, errors to show."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self.version = 0
        self.building = False
        self.readers = 0
        self.errors: list[Diagnostic] = []

    def start_build(self) -> None:
        """Hold new requests back, then wait until those reading files have finished reading."""
        with self._condition:
            self.building = True
            self._condition.wait_for(lambda: self.readers == 0, timeout=READERS_WAIT_SECONDS)

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

    @contextlib.contextmanager
    def reading(self, timeout: float = BUILD_WAIT_SECONDS) -> Iterator[tuple[int, list[Diagnostic]]]:
        """Once no build runs, a lease to read the site's files: no build starts writing until it ends."""
        with self._condition:
            self._condition.wait_for(lambda: not self.building, timeout=timeout)
            self.readers += 1
            version, errors = self.version, list(self.errors)
        try:
            yield version, errors
        finally:
            with self._condition:
                self.readers -= 1
                self._condition.notify_all()

    def wait_newer(self, seen: int, timeout: float = POLL_SECONDS) -> int:
        with self._condition:
            self._condition.wait_for(lambda: self.version != seen and not self.building, timeout=timeout)
            return self.version


@dataclass(frozen=True)
class Reply:
    """A whole response, built while the site may be read and sent after: a slow client holds no lease."""

    status: int
    kind: str = "text/plain; charset=utf-8"
    body: bytes = b""
    location: str = ""


def plain(status: int) -> Reply:
    return Reply(status, body=f"{status} {HTTPStatus(status).phrase}\n".encode())


def host_allowed(values: list[str], listening: str, *, http11: bool) -> bool:
    """Whether the Host header is one well-formed value, naming this machine when listening on loopback only.

    Listening on another address, the user chose to be reached by names the preview cannot know.
    """
    if len(values) > 1 or (not values and http11):
        return False
    if not values:
        return True
    match = HOST_HEADER.fullmatch(values[0].strip())
    if match is None:
        return False
    if not _is_loopback(listening):
        return True
    name = match["name"].strip("[]").lower().rstrip(".")
    return name == "localhost" or name.endswith(".localhost") or _is_loopback(name)


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = ACCEPT_QUEUE

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
        try:
            reply = self._reply()
        except Exception:  # a bug must cost one answer, never the connection or the server
            self.server.handle_error(self.request, self.client_address)
            reply = plain(500)
        if reply.location:
            self.send_response(reply.status)
            self.send_header("Location", reply.location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        return self._send(reply.status, reply.kind, reply.body, head=head)

    def _reply(self) -> Reply:
        raw = self.path
        if not host_allowed(self.headers.get_all("Host") or [], str(self.server.server_address[0]),
                            http11=self.request_version == "HTTP/1.1"):
            return plain(400)
        if raw == WORKER_PATH:
            return Reply(200, "text/javascript; charset=utf-8", WORKER_JS.encode())
        if raw == CLIENT_PATH:
            return Reply(200, "text/javascript; charset=utf-8", CLIENT_JS.encode())
        if urlsplit(raw).path == RELOAD_PATH:
            return self._reload(raw)
        with self.server.state.reading() as (version, errors):
            return self._site_reply(raw, version, errors)

    def _site_reply(self, raw: str, version: int, errors: list[Diagnostic]) -> Reply:
        """The answer from the site folder; called while holding a reading lease."""
        target = resolve_target(self.server.root, self.server.mount(), raw)
        if target.kind == "refused":
            return plain(target.status)
        if target.kind == "redirect":
            return Reply(301, location=target.location)
        wants_page = target.kind == "missing" or (target.path is not None and target.path.suffix == ".html")
        if errors and wants_page:
            return Reply(500, "text/html; charset=utf-8", _inject(render_error_page(errors), version))
        if target.kind == "missing":
            return self._not_found(version)
        return self._file(target, version)

    def _file(self, target: Target, version: int) -> Reply:
        assert target.path is not None
        try:
            data = target.path.read_bytes()
        except OSError:
            return self._not_found(version)
        kind = content_type(target.path)
        if kind.startswith("text/html"):
            data = _inject(data, version)
        return Reply(200, kind, data)

    def _not_found(self, version: int) -> Reply:
        page = self.server.root / "404.html"
        try:
            body = page.read_bytes()
        except OSError:
            body = b"<!doctype html><title>Not found</title><h1>Not found</h1>"
        return Reply(404, "text/html; charset=utf-8", _inject(body, version))

    def _reload(self, raw: str) -> Reply:
        values = parse_qs(urlsplit(raw).query).get("v", ["-1"])
        try:
            seen = int(values[0])
        except ValueError:
            seen = -1
        version = self.server.state.wait_newer(seen) if seen >= 0 else self.server.state.wait_ready()[0]
        return Reply(200, "application/json", json.dumps({"version": version}).encode())

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
    script = (RELOAD_SCRIPT % version).encode()
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
