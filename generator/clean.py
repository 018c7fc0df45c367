"""``evidence-brief clean``: remove what the tool wrote, never what the curator wrote.

Removed: the built site (output/), the cache (.cache/), and what an interrupted build can leave
beside output/ (staging folders, a swapped-out site). Sources (seeds/, content/, templates/,
site.yaml) are never touched: a clean must be safe to run in any brief, at any time, and a
rebuild gives back everything it removed. Runs under the project's lock, so a build in progress
is waited for instead of having its staging folder pulled from under it.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from .errors import Diagnostic, info
from .model.lockfile import project_lock
from .write.writer import leftover_names

#: What ``build`` and ``serve`` write inside the brief's folder (relative to it).
GENERATED = ("output", ".cache")


def generated_paths(project: Path) -> list[Path]:
    """Everything ``clean`` would remove, in a stable order; only names the tool itself makes."""
    found = [project / name for name in GENERATED if (project / name).is_symlink() or (project / name).exists()]
    pattern = leftover_names(project / "output")
    found += sorted(p for p in project.iterdir() if pattern.fullmatch(p.name) and p.is_dir() and not p.is_symlink())
    return found


def _remove(path: Path) -> None:
    """A folder with its content; a symbolic link (or a file) as itself, never what it points at."""
    if path.is_symlink() or not path.is_dir():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path)


def clean_project(project: Path, *, dry_run: bool = False, say: Callable[[str], None] = print,
                  on_wait: Callable[[str], None] | None = None) -> list[Diagnostic]:
    """Remove the generated files (or, with ``dry_run``, only name them); one line per path."""
    with project_lock(project, "clean", on_wait=on_wait):
        paths = generated_paths(project)
        for path in paths:
            if not dry_run:
                _remove(path)
            say(f"{'would remove' if dry_run else 'removed'} {path.relative_to(project)}")
    if not paths:
        return [info(".", "nothing to clean", "Nothing was generated yet (no output/ or .cache/)")]
    return []
