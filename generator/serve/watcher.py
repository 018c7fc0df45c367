"""File watching and the build loop: events only raise a flag; one thread debounces and rebuilds.

Editors write several events per save (temp file, rename, chmod), so the loop waits until events
stop for ``QUIET_SECONDS`` (at most ``MAX_WAIT_SECONDS``) and then rebuilds once. Whether anything
really changed is decided by comparing file stamps, so the tool's own writes cost nothing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .changes import WATCHED_DIRS, WATCHED_FILES, is_watched

QUIET_SECONDS = 0.01
MAX_WAIT_SECONDS = 0.5


class ChangeFlag(FileSystemEventHandler):
    """Watchdog handler that only notes that a watched input may have changed."""

    def __init__(self, project: Path) -> None:
        self.project = project.resolve()
        self.event = threading.Event()
        self.last = 0.0

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            if raw and self._watched(raw if isinstance(raw, str) else raw.decode()):
                self.last = time.monotonic()
                self.event.set()
                return

    def _watched(self, raw: str) -> bool:
        try:
            rel = Path(raw).resolve().relative_to(self.project).as_posix()
        except ValueError:
            return False
        return is_watched(rel) or rel in WATCHED_DIRS

    def wait_for_burst(self, stop: threading.Event) -> bool:
        """Block until a burst of events has settled; False when ``stop`` was set instead."""
        while not stop.is_set():
            if not self.event.wait(timeout=0.2):
                continue
            started = time.monotonic()
            while time.monotonic() - self.last < QUIET_SECONDS and time.monotonic() - started < MAX_WAIT_SECONDS:
                time.sleep(QUIET_SECONDS / 3)
            self.event.clear()
            return True
        return False


def start_observer(project: Path, flag: ChangeFlag) -> Observer:  # type: ignore[valid-type]
    """Watch the project's input folders (recursively) and its root (for site.yaml and new folders)."""
    observer = Observer()
    observer.schedule(flag, str(project), recursive=False)
    for name in WATCHED_DIRS:
        if (project / name).is_dir():
            observer.schedule(flag, str(project / name), recursive=True)
    observer.daemon = True
    observer.start()
    return observer


def run_loop(flag: ChangeFlag, stop: threading.Event, rebuild: Callable[[], None]) -> None:
    """Rebuild after each settled burst until ``stop`` is set; ``rebuild`` must not raise."""
    while flag.wait_for_burst(stop):
        rebuild()


__all__ = ["WATCHED_FILES", "ChangeFlag", "run_loop", "start_observer"]
