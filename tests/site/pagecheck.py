"""What the site's browser and HTML tests share: a static server like a host's, axe-core and the Nu checker.

Kept in one place so every test checks pages the same way: axe is evaluated through the driver (the
page's Content-Security-Policy stays on, as readers have it), and a missing checker fails in CI instead
of skipping, so CI never goes green without running it.
"""

from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import unquote, urlsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa"]
#: axe options: every WCAG 2.1 A/AA rule; and colour contrast alone (for dark mode).
WCAG = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
CONTRAST = {"runOnly": {"type": "rule", "values": ["color-contrast"]}, "resultTypes": ["violations"]}


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1", "yes")


def unavailable(reason: str) -> NoReturn:
    """Skip with ``reason`` on a developer machine; fail in CI, where everything must be installed."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: the suite must not skip this; `make test` installs it)")
    pytest.skip(reason)


class _SubPathHandler(SimpleHTTPRequestHandler):
    """Serves ``directory`` at ``mount`` only; anything else, or a missing file, is the site's 404 page."""

    mount = "/"
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript",
                      ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json",
                      ".svg": "image/svg+xml", ".xml": "application/xml", ".css": "text/css"}

    def translate_path(self, path: str) -> str:
        raw = unquote(urlsplit(path).path)
        if not raw.startswith(self.mount):
            return str(Path(self.directory) / ".no-such-file" / "outside-the-mount")
        return super().translate_path("/" + path[len(self.mount):])

    def send_head(self):  # type: ignore[no-untyped-def]
        target = Path(self.translate_path(self.path))
        if target.is_dir() and not (target / "index.html").is_file():
            target = target / ".missing"
        if not target.exists():
            return self._not_found()
        return super().send_head()

    def _not_found(self):  # type: ignore[no-untyped-def]
        page = Path(self.directory) / "404.html"
        body = page.read_bytes() if page.is_file() else b"<!doctype html><title>Not found</title>"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def list_directory(self, path):  # type: ignore[no-untyped-def]
        return self._not_found()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass(frozen=True)
class Server:
    origin: str  # "http://127.0.0.1:PORT"
    mount: str  # "/moud/"

    @property
    def root(self) -> str:
        """The site's home page URL on the test server."""
        return self.origin + self.mount

    def url(self, site_path: str) -> str:
        return self.root + site_path


def serve(directory: Path, mount: str) -> tuple[ThreadingHTTPServer, Server]:
    """Start a static server for ``directory`` at ``mount`` on 127.0.0.1 (a free port), in a thread."""
    handler = type("Handler", (_SubPathHandler,), {"mount": mount})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, name="site-server", daemon=True).start()
    host, port = httpd.server_address[:2]
    return httpd, Server(origin=f"http://{host!s}:{port}", mount=mount)


@contextmanager
def served(directory: Path, mount: str = "/") -> Iterator[Server]:
    """``directory`` served at ``mount`` for the length of a ``with`` block (or a fixture's yield)."""
    httpd, info = serve(directory, mount)
    try:
        yield info
    finally:
        httpd.shutdown()
        httpd.server_close()


def axe_violations(page: Any, axe_script: Path, options: dict[str, Any] = WCAG) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (evaluated, not injected: the CSP stays on)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_script.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate("async (options) => await axe.run(document, options)", options)
    return list(result["violations"])


def format_violations(violations: list[dict[str, Any]]) -> str:
    """axe's violations as lines a person can act on: the rule, its help page, the first elements."""
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"][:5]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    at {' '.join(map(str, node['target']))}: {summary}")
            lines.append(f"       {node.get('html', '')[:200]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more elements")
    return "\n".join(lines)


def nu_check(*paths: Path, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    """The Nu HTML Checker's errors-only run over ``paths`` (files or folders); unavailable() without it."""
    java = shutil.which("java")
    if java is None:
        unavailable("java is not installed (the Nu HTML Checker needs Java 11 or newer)")
    if not VNU_JAR.is_file():
        unavailable(f"{VNU_JAR.relative_to(REPO)} is missing: run `npm ci` (make test does it)")
    return subprocess.run([java, "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html",
                           *map(str, paths)], capture_output=True, text=True, timeout=timeout, check=False)
