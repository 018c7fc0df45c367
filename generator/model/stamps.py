"""File stamps and fingerprints: how a long-running process (the live preview) tells a file changed.

A stamp is (modification time in ns, size): cheap, but blind to a same-size save within one tick of
the file system's clock. A fingerprint adds a digest of the file's bytes, read again only when the
stat moved or the modification time is within ``RECENT_NS`` of now (the window in which such a save
could still hide behind an unchanged stat, as git's "racily clean" entries). Two fingerprints
describe the same file content when their digests are equal: a touch, or a save of identical bytes,
is no change.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import NamedTuple

Stamp = tuple[int, int]
#: A file modified this close to now may be modified again without its stat moving: read it again.
RECENT_NS = 2_000_000_000


class Fingerprint(NamedTuple):
    mtime_ns: int
    size: int
    digest: bytes


def file_stamp(path: Path) -> Stamp | None:
    """The stamp of a regular file, or None when it is missing, a folder or unreadable."""
    try:
        info = path.stat()
    except OSError:
        return None
    if not path.is_file():
        return None
    return (info.st_mtime_ns, info.st_size)


def fingerprint(path: Path, previous: Fingerprint | None = None, *, now_ns: int | None = None) -> Fingerprint | None:
    """The fingerprint of a regular file (None when missing, a folder or unreadable).

    ``previous`` is reused without reading the file when its stat is unchanged and not recent.
    """
    stamp = file_stamp(path)
    if stamp is None:
        return None
    now = time.time_ns() if now_ns is None else now_ns
    if previous is not None and (previous.mtime_ns, previous.size) == stamp and abs(now - stamp[0]) > RECENT_NS:
        return previous
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return Fingerprint(stamp[0], stamp[1], hashlib.blake2b(data, digest_size=16).digest())


def same_content(before: Fingerprint | None, after: Fingerprint | None) -> bool:
    """True when both name the same bytes (or both name no file)."""
    if before is None or after is None:
        return before is after
    return before.digest == after.digest
