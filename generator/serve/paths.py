"""Request target -> file of the preview site, refusing anything that could leave the site folder.

Pure and strict: traversal (``..``, ``%2e%2e``), encoded separators (``%2f``, ``%5c``), backslashes,
NUL bytes, escapes that are not UTF-8 (``%ff``), empty segments (``//etc``), absolute-form targets,
hidden files, symlinks that resolve outside the site and over-long URLs are all refused before the
file system is asked anything else.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

MAX_TARGET = 2048

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8", ".json": "application/json", ".svg": "image/svg+xml",
    ".xml": "application/xml", ".txt": "text/plain; charset=utf-8", ".csv": "text/csv; charset=utf-8",
    ".ris": "application/x-research-info-systems", ".bib": "application/x-bibtex; charset=utf-8",
    ".wasm": "application/wasm", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
    ".webp": "image/webp", ".ico": "image/x-icon", ".woff2": "font/woff2", ".woff": "font/woff",
    ".pdf": "application/pdf",
}


@dataclass(frozen=True)
class Target:
    """What a request resolves to: ``kind`` is "file", "redirect", "missing" or "refused"."""

    kind: str
    path: Path | None = None
    location: str = ""
    status: int = 200


def content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


def resolve_target(root: Path, mount: str, raw: str) -> Target:
    """Map the raw request target to a file under ``root`` served at ``mount`` ("/" or "/brief/")."""
    if len(raw) > MAX_TARGET:
        return Target("refused", status=414)
    if not raw.startswith("/") or raw.startswith("//"):
        return Target("refused", status=400)
    raw_path = urlsplit(raw).path
    lowered = raw_path.lower()
    if "%2f" in lowered or "%5c" in lowered or "%00" in lowered or "\\" in raw_path:
        return Target("refused", status=400)
    try:
        path = unquote(raw_path, errors="strict") if "%" in raw_path else raw_path
    except UnicodeDecodeError:  # "%ff": no file name of the site is spelled like that
        return Target("refused", status=400)
    if "\x00" in path or "\\" in path:
        return Target("refused", status=400)
    if path + "/" == mount:
        return Target("redirect", location=mount)
    if not path.startswith(mount):
        return Target("redirect", location=mount) if path == "/" else Target("missing", status=404)
    rest = path[len(mount):]
    segments = rest.split("/")
    inner, last = segments[:-1], segments[-1]
    if any(s in ("", ".", "..") for s in inner) or last in (".", "..") \
            or any(s.startswith(".") for s in segments if s):
        return Target("refused", status=400) if any(s in (".", "..") for s in segments) \
            else Target("missing", status=404)
    return _on_disk(root, mount, rest)


def _on_disk(root: Path, mount: str, rest: str) -> Target:
    base = root.resolve()
    candidate = root.joinpath(*[s for s in rest.split("/") if s])
    try:
        real = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        return Target("missing", status=404)
    if real != base and not real.is_relative_to(base):
        return Target("refused", status=403)  # a symlink pointing out of the site
    if real.is_dir():
        if rest and not rest.endswith("/"):
            return Target("redirect", location=mount + rest + "/")  # relative links need the slash
        index = real / "index.html"
        return Target("file", path=index) if index.is_file() else Target("missing", status=404)
    return Target("file", path=real) if real.is_file() else Target("missing", status=404)
