"""The only module that touches output/: build into a temporary folder, then swap it in.

A failed or interrupted build leaves the last good site in place. The output folder must not be
(or contain) content/ or seeds/: swapping it would delete the brief's sources. Every file goes
through ``write_file``, which refuses any path that would land outside the folder being written.
A build killed outright (SIGKILL, power cut) can leave its staging folder beside output/; the
next build removes it (``remove_leftovers``), touching only names this module makes.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from ..errors import Diagnostic, ProjectError, error

#: Characters of the random part ``tempfile.mkdtemp`` puts in a name (CPython's _RandomNameSequence).
_RANDOM_PART = r"[a-z0-9_]{8}"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


def check_output_location(project: Path, output: Path) -> None:
    """Refuse an output folder that is, or holds, the project's sources."""
    out = output.resolve()
    for protected in (project / "content", project / "seeds", project / "templates", project):
        prot = protected.resolve()
        if out == prot or prot.is_relative_to(out):
            raise ProjectError(error(str(output), f"output folder would replace {protected.name}/",
                                     "Choose an output folder outside the brief's sources"))


def staging_dir(output: Path) -> Path:
    """A fresh temporary folder beside ``output`` (same file system, so the swap is a rename).

    Readable by all like any folder a build writes (mkdtemp makes it private): a web server
    serving output/ under another user must be able to read it.
    """
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent))
        staging.chmod(0o755)
    except OSError as exc:
        raise ProjectError(write_problem(output.parent, exc)) from None
    return staging


def write_problem(folder: Path, exc: OSError) -> Diagnostic:
    """One line naming the folder that could not be written and what to do about it."""
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        fix = "Free some space on that disk (or raise the quota), then build again; the previous site is unchanged"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        fix = "Make that folder writable (or build on a writable disk), then build again; the previous site is " \
              "unchanged"
    else:
        fix = "Check that folder and its disk, then build again; the previous site is unchanged"
    return error(str(folder), f"cannot write the site there ({reason})", fix)


def store_bytes(target: Path, data: bytes) -> None:
    """The one place bytes of the site reach the disk (tests simulate a full disk here)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def write_file(root: Path | SiteFolder, site_path: str, content: str | bytes) -> None:
    """Write one file of the site at ``root/site_path``; a path that would leave ``root`` is refused."""
    folder = root if isinstance(root, SiteFolder) else SiteFolder(root)
    target = folder.target(site_path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        store_bytes(target, data)
    except OSError as exc:
        raise ProjectError(write_problem(folder.root.parent, exc)) from None


def safe_target(root: Path, site_path: str) -> Path:
    """``root/site_path``, or ProjectError when the path is absolute, climbs with '..', or goes
    through a symbolic link that points outside ``root``: a name derived from a source must never
    write anywhere else."""
    return SiteFolder(root).target(site_path)


class SiteFolder:
    """One folder that many files of the site are written into, checked as ``safe_target`` checks.

    The folder is resolved once and each directory in it checked once: resolving both for every file
    cost seconds at 10,000 studies (40,000 files). A directory once found inside the folder stays so,
    since nothing this program writes is a symbolic link; each file is still checked for being one."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._resolved: Path | None = None
        self._inside: set[Path] = set()

    def target(self, site_path: str) -> Path:
        """``root/site_path``, or ProjectError (see ``safe_target``)."""
        pure = PurePosixPath(site_path)
        lexical_escape = (not site_path or pure.is_absolute() or ".." in pure.parts or pure == PurePosixPath(".")
                          or "\\" in site_path or "\x00" in site_path)
        target = self.root / pure
        if lexical_escape or target.is_symlink() or not self._is_inside(target.parent):
            raise ProjectError(error(site_path or "(empty path)", "refused to write a file outside the site folder",
                                     "This is a bug of Evidence Brief: report the study or page that produced this "
                                     "name"))
        return target

    def _is_inside(self, directory: Path) -> bool:
        if directory in self._inside:
            return True
        if self._resolved is None:
            self._resolved = self.root.resolve()
        inside = directory.resolve().is_relative_to(self._resolved)
        if inside:
            self._inside.add(directory)
        return inside


def swap_in(staging: Path, output: Path) -> None:
    """Replace ``output`` with ``staging``; the old site is removed only once the new one is in place.

    Where the system can, both folders trade places in one atomic step, so output/ always exists;
    elsewhere two renames, with stop signals held back between them.
    """
    try:
        with _signals_deferred():
            old = _exchange(staging, output) if output.exists() else None
            if old is None:
                old = _rename_pair(staging, output)
    except OSError as exc:
        raise ProjectError(write_problem(output.parent, exc)) from None
    if old is not None:
        discard(old)


def _exchange(staging: Path, output: Path) -> Path | None:
    """Trade the two folders atomically (Linux renameat2); returns where the old site now is, or
    None when this system or file system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return None
    done = renameat2(_AT_FDCWD, os.fsencode(staging), _AT_FDCWD, os.fsencode(output), _RENAME_EXCHANGE)
    if done != 0:
        code = ctypes.get_errno()
        if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
            return None
        raise OSError(code, os.strerror(code), str(output))
    return staging


def _rename_pair(staging: Path, output: Path) -> Path | None:
    old = None
    if output.exists():
        old = output.with_name(f".{output.name}.old-{os.getpid()}")
        if old.exists():
            shutil.rmtree(old)
        output.rename(old)
    try:
        staging.rename(output)
    except OSError:
        if old is not None:
            old.rename(output)
        raise
    return old


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP back for a few system calls (delivered right after)."""
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    except (AttributeError, OSError, ValueError):
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def discard(staging: Path) -> None:
    """Remove a staging folder, even when a stop signal interrupts the removal once."""
    try:
        shutil.rmtree(staging, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def leftover_names(output: Path) -> re.Pattern[str]:
    """Names this module gives folders beside ``output``: staging folders and a swapped-out site."""
    name = re.escape(output.name)
    return re.compile(rf"\.{name}\.(?:{_RANDOM_PART}\.tmp|old-\d+)")


def remove_leftovers(output: Path) -> list[Path]:
    """Remove what an interrupted build left beside ``output``; returns what was removed.

    Call it only while holding the project's lock (another build's staging folder looks the same).
    When a build died between its two renames, output/ is missing and the previous site is in
    ``.output.old-PID``: that is put back first.
    """
    parent = output.parent
    if not parent.is_dir():
        return []
    pattern = leftover_names(output)
    found = sorted(p for p in parent.iterdir() if pattern.fullmatch(p.name) and p.is_dir() and not p.is_symlink())
    if not output.exists():
        previous = [p for p in found if ".old-" in p.name]
        if previous:
            previous[0].rename(output)
            found.remove(previous[0])
    for path in found:
        shutil.rmtree(path, ignore_errors=True)
    return found
