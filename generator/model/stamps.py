"""File stamps: how a long-running process (the live preview) tells a file changed without reading it.

A stamp is (modification time in ns, size). Editors and our own atomic writes replace the file, so
both move on every real save; a save that rewrote identical bytes may still look changed, which
only costs one needless re-read.
"""

from __future__ import annotations

from pathlib import Path

Stamp = tuple[int, int]


def file_stamp(path: Path) -> Stamp | None:
    """The stamp of a regular file, or None when it is missing, a folder or unreadable."""
    try:
        info = path.stat()
    except OSError:
        return None
    if not path.is_file():
        return None
    return (info.st_mtime_ns, info.st_size)
