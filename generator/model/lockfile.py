"""One writer per brief at a time: a lock on the project that a killed process can never leave stale.

``build``, ``ingest`` and the preview's ingest step all write content/studies/ (and ``build`` swaps
output/); two of them at once would interleave records or sites. The lock is ``fcntl.flock`` on a
hidden file in the project: the kernel releases it when its holder exits, however it exits, so a
SIGKILL can leave the file behind but never the lock. The holder writes its pid and command into
the file so a second run can say who is running; it removes the file on release, and the next
holder reuses a file a killed run left.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import Diagnostic, ProjectError, error

LOCK_NAME = ".evidence-brief.lock"
#: How long a second run waits for the first by default; EVIDENCE_BRIEF_LOCK_WAIT overrides it.
DEFAULT_WAIT_SECONDS = 60.0
WAIT_ENV = "EVIDENCE_BRIEF_LOCK_WAIT"
_POLL_SECONDS = 0.05


def lock_path(project: Path) -> Path:
    return project / LOCK_NAME


def wait_seconds_from_env(default: float = DEFAULT_WAIT_SECONDS) -> float:
    """The bounded wait for another run, from the environment when it holds a number."""
    try:
        return max(0.0, float(os.environ.get(WAIT_ENV, default)))
    except ValueError:
        return default


def holder(project: Path) -> tuple[int | None, str]:
    """The pid and command written by the run holding the lock (None, "" when unknown)."""
    try:
        words = lock_path(project).read_text(encoding="utf-8").split()
    except (OSError, UnicodeDecodeError):
        return None, ""
    pid = int(words[0]) if words and words[0].isdigit() else None
    return pid, " ".join(words[1:2])


@contextlib.contextmanager
def project_lock(project: Path, command: str, *, wait: float | None = None,
                 on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the project's lock for the block; wait up to ``wait`` seconds for another holder.

    Raises ProjectError naming the other run's pid when it is still running after the wait.
    """
    fd = _acquire(project, command, wait_seconds_from_env() if wait is None else wait, on_wait)
    try:
        yield
    finally:
        _release(project, fd)


def _acquire(project: Path, command: str, wait: float, on_wait: Callable[[str], None] | None) -> int:
    deadline = time.monotonic() + wait
    told = False
    while True:
        fd = _try_lock(lock_path(project))
        if fd is not None:
            _write_owner(fd, command)
            return fd
        pid, other = holder(project)
        if time.monotonic() >= deadline:
            raise ProjectError(_busy(project, pid, other))
        if not told and on_wait is not None:
            on_wait(f"{command}: waiting for another {other or 'run'} of this brief to finish "
                    f"(pid {pid if pid is not None else 'unknown'})")
            told = True
        time.sleep(_POLL_SECONDS)


def _try_lock(path: Path) -> int | None:
    """An fd holding the lock on the file now at ``path``, or None when another process holds it.

    A holder removes the file on release: a lock won on a file that has just been removed (or
    replaced) guards nothing, so it is given up and tried again.
    """
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise ProjectError(error(str(path.parent), f"cannot create the lock file {LOCK_NAME} ({exc.strerror})",
                                 "Make the brief's folder writable")) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    try:
        same = os.stat(path).st_ino == os.fstat(fd).st_ino
    except FileNotFoundError:
        same = False
    if not same:
        os.close(fd)
        return _try_lock(path)
    return fd


def _write_owner(fd: int, command: str) -> None:
    """Overwrite, then cut to length: a waiting run reading it meanwhile never sees it empty."""
    data = f"{os.getpid()} {command}\n".encode()
    os.pwrite(fd, data, 0)
    os.ftruncate(fd, len(data))


def _release(project: Path, fd: int) -> None:
    """Remove the file while still holding it (a waiter then sees it gone and retries), then unlock."""
    try:
        lock_path(project).unlink(missing_ok=True)
    finally:
        os.close(fd)


def _busy(project: Path, pid: int | None, other: str) -> Diagnostic:
    who = f"pid {pid}" if pid is not None else "pid unknown"
    return error(str(project), f"another {other or 'build'} of this brief is running ({who})",
                 "Wait for it to finish, or stop it, then run this command again")
