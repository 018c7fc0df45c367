"""File watching and the build loop: events only note which inputs moved; one thread debounces and rebuilds.

Editors write several events per save (temp file, rename, chmod), so the loop waits until events
stop for ``QUIET_SECONDS`` (at most ``MAX_WAIT_SECONDS``) and then rebuilds once, handing the
builder the paths the events named. Whether a file really changed is still decided by comparing
file stamps, so the tool's own writes cost nothing. Events that cannot be trusted to name every
file (a folder created, moved or deleted, say by ``git checkout``) ask for a full rescan instead.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

from .changes import WATCHED_DIRS, WATCHED_FILES, is_watched

QUIET_SECONDS = 0.01
MAX_WAIT_SECONDS = 0.5

#: What a settled burst hands the builder: the project-relative paths events named, or None for
#: "rescan everything".
Burst = set[str] | None


class ChangeFlag(FileSystemEventHandler):
    """Watchdog handler that collects which watched inputs may have changed."""

    def __init__(self, project: Path) -> None:
        self.project = project.resolve()
        self.event = threading.Event()
        self.last = 0.0
        self._lock = threading.Lock()
        self._paths: set[str] = set()
        self._rescan = False

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        named = [self._relative(raw if isinstance(raw, str) else raw.decode())
                 for raw in (event.src_path, getattr(event, "dest_path", "")) if raw]
        watched = [rel for rel in named if rel is not None and (is_watched(rel) or rel in WATCHED_DIRS)]
        if not watched:
            return
        with self._lock:
            if not event.is_directory:
                self._paths.update(watched)
            elif event.event_type != "modified":  # a folder appeared, went or moved: its files get no events
                self._rescan = True
            self.last = time.monotonic()
        self.event.set()

    def take(self) -> Burst:
        """The paths noted since the last call (None when a full rescan is needed), and forget them."""
        with self._lock:
            paths, rescan = self._paths, self._rescan
            self._paths, self._rescan = set(), False
            self.event.clear()
        return None if rescan else paths

    def _relative(self, raw: str) -> str | None:
        try:
            return Path(raw).resolve().relative_to(self.project).as_posix()
        except ValueError:
            return None

    def wait_for_burst(self, stop: threading.Event) -> bool:
        """Block until a burst of events has settled (then ``take`` it); False when ``stop`` was set instead."""
        while not stop.is_set():
            if not self.event.wait(timeout=0.2):
                continue
            started = time.monotonic()
            while time.monotonic() - self.last < QUIET_SECONDS and time.monotonic() - started < MAX_WAIT_SECONDS:
                time.sleep(QUIET_SECONDS / 3)
            return True
        return False


class InputWatcher:
    """Watchdog on the project's root (site.yaml, folders appearing) and on each input folder, recursively.

    The root is not watched recursively: output/, .git/ and a virtualenv would flood it. So an input
    folder created (or deleted and created again) after the start, say templates/, is watched from
    the next ``refresh``, which the preview calls on every full rescan, as such events ask for one.
    """

    def __init__(self, project: Path, flag: ChangeFlag) -> None:
        self.project = project
        self.flag = flag
        self.observer = Observer()
        self.observer.daemon = True
        self.watches: dict[str, ObservedWatch] = {}

    def start(self) -> None:
        self.observer.schedule(self.flag, str(self.project), recursive=False)
        self.refresh()
        self.observer.start()

    def refresh(self) -> None:
        """Watch the input folders that exist now, and forget the watches of those that went away."""
        for name in WATCHED_DIRS:
            exists = (self.project / name).is_dir()
            if name in self.watches and not exists:
                with contextlib.suppress(KeyError):  # watchdog may already have dropped it
                    self.observer.unschedule(self.watches[name])
                del self.watches[name]
            elif exists and name not in self.watches:
                self.watches[name] = self.observer.schedule(self.flag, str(self.project / name), recursive=True)

    def stop(self) -> None:
        self.observer.stop()
        self.observer.join(timeout=5)


def run_loop(flag: ChangeFlag, stop: threading.Event, rebuild: Callable[[Burst], None]) -> None:
    """Rebuild after each settled burst until ``stop`` is set; ``rebuild`` must not raise."""
    while flag.wait_for_burst(stop):
        rebuild(flag.take())


__all__ = ["WATCHED_FILES", "Burst", "ChangeFlag", "InputWatcher", "run_loop"]
