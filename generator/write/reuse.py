"""Pages of the last build kept as they are when their fingerprint (site/fingerprint.py) has not changed.

A one-record edit in a large brief changes a handful of pages; rendering the other thousands again is
what made such a rebuild as slow as a cold one. The build records, for every page it wrote, the page's
fingerprint and a digest of its bytes in ``.cache/pages.json``; the next build links each page whose
fingerprint is unchanged from output/ into its staging folder instead of rendering it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from .writer import SiteFolder, write_file

#: The last build's pages: output file -> [fingerprint, digest of the bytes written], and where they went.
PAGES_FILE = Path(".cache") / "pages.json"
#: Bumped when the file's layout or what a fingerprint covers changes.
PAGES_FORMAT = 1
#: The fingerprint of a file kept by its bytes (never equal to a page's, which is hexadecimal only).
_BY_CONTENT = "bytes:"


class PageReuse:
    """A build's way to keep the last build's pages whose fingerprint has not changed.

    A kept page is hard-linked from ``output/`` into the staging folder (copied where links fail) after its
    bytes are checked against what the last build wrote, so a page edited by hand in ``output/`` is
    rendered again. What this build wrote is recorded for the next one (``save``, once the new site is in).
    """

    def __init__(self, output: Path, staging: Path, previous: Mapping[str, tuple[str, str]]) -> None:
        self.output = output
        self.staging = staging
        self._staged = SiteFolder(staging)
        self.previous = previous
        self.current: dict[str, tuple[str, str]] = {}

    @classmethod
    def load(cls, project: Path, output: Path, staging: Path) -> PageReuse:
        """What the last build into ``output`` recorded (nothing when the file is missing, damaged or foreign)."""
        previous: dict[str, tuple[str, str]] = {}
        try:
            data = json.loads((project / PAGES_FILE).read_text(encoding="utf-8"))
            if data.get("format") == PAGES_FORMAT and data.get("output") == str(output.resolve()):
                previous = {str(k): (str(v[0]), str(v[1])) for k, v in data["pages"].items()}
        except (OSError, ValueError, AttributeError, KeyError, TypeError, IndexError):
            previous = {}
        return cls(output, staging, previous)

    def keep(self, site_file: str, fingerprint: str) -> bool:
        """Puts the last build's ``site_file`` into the staging folder when its fingerprint is
        ``fingerprint`` and its bytes are as written; False (and nothing done) otherwise."""
        entry = self.previous.get(site_file)
        if entry is None or entry[0] != fingerprint:
            return False
        source = self.output / site_file
        try:
            data = source.read_bytes()
        except OSError:
            return False
        if _bytes_digest(data) != entry[1]:
            return False
        target = self._staged.target(site_file)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:
            write_file(self._staged, site_file, data)
        self.current[site_file] = entry
        return True

    def wrote(self, site_file: str, fingerprint: str, data: bytes) -> None:
        self.current[site_file] = (fingerprint, _bytes_digest(data))

    def digests(self) -> dict[str, str]:
        """The content digest (BLAKE2b, 128 bits, hexadecimal) of each file this build put in place."""
        return {site_file: entry[1] for site_file, entry in self.current.items()}

    def keep_same(self, site_file: str, data: bytes) -> bool:
        """``keep`` for a file made before it is written (a download, a citation file), by its bytes: a
        link to the last build's copy costs far less than a new file (30,000 at 10,000 studies)."""
        return self.keep(site_file, _BY_CONTENT + _bytes_digest(data))

    def wrote_same(self, site_file: str, data: bytes) -> None:
        self.wrote(site_file, _BY_CONTENT + _bytes_digest(data), data)

    def save(self, project: Path) -> None:
        """Records this build's pages for the next one; a cache that cannot be written costs only time."""
        path = project / PAGES_FILE
        text = json.dumps({"format": PAGES_FORMAT, "output": str(self.output.resolve()),
                           "pages": {k: list(v) for k, v in sorted(self.current.items())}}, separators=(",", ":"))
        temporary = ""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".pages.", suffix=".tmp", dir=path.parent)
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.replace(temporary, path)
        except OSError:
            for leftover in (temporary, path):
                with contextlib.suppress(OSError):
                    if leftover:
                        os.unlink(leftover)

    @staticmethod
    def forget(project: Path) -> None:
        """After a build that changed output/ without recording its pages."""
        with contextlib.suppress(OSError):
            (project / PAGES_FILE).unlink(missing_ok=True)


def _bytes_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()
