"""Which inputs changed, and which pages a change makes stale: pure functions, tested without a server.

Inputs are fingerprinted by their content (model/stamps.py: the bytes are read again only when the
stat moved or is recent), so an event for a file the tool itself wrote, or a save that changed
nothing, costs no rebuild, and a same-size save within one clock tick is never missed. Which pages
a change makes stale is the pipeline's ``plan_pages`` (generator/pipeline.py), re-exported here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..model.manifest import PROJECT_DIRS, PROJECT_FILES
from ..model.stamps import Fingerprint, fingerprint, same_content
from ..pipeline import PagePlan, plan_pages

__all__ = ["PagePlan", "plan_pages"]  # the pipeline plans pages; its tests import them from here

#: What the preview watches, relative to the project folder: what a build reads (model/manifest.py).
WATCHED_DIRS = PROJECT_DIRS
#: Settings of the whole brief: a change to any of them rebuilds every page.
WATCHED_FILES = PROJECT_FILES

@dataclass(frozen=True)
class Changes:
    """Changed inputs by kind, as project-relative POSIX paths."""

    seeds: frozenset[str] = frozenset()
    records: frozenset[str] = frozenset()
    text: frozenset[str] = frozenset()
    templates: frozenset[str] = frozenset()
    config: bool = False

    @property
    def empty(self) -> bool:
        return not (self.seeds or self.records or self.text or self.templates or self.config)


def is_ignored(rel: str) -> bool:
    """Editor droppings and hidden files never trigger a rebuild (swap files, backups, temp saves)."""
    name = rel.rsplit("/", 1)[-1]
    return (any(part.startswith(".") for part in rel.split("/")) or name.endswith(("~", ".swp", ".swx", ".tmp"))
            or name.startswith("#") or name == "4913")


def is_watched(rel: str) -> bool:
    """True for paths inside the watched folders or the site settings (never output/ or caches)."""
    if is_ignored(rel):
        return False
    return rel in WATCHED_FILES or rel.split("/", 1)[0] in WATCHED_DIRS and "/" in rel


def scan_inputs(project: Path, previous: Mapping[str, Fingerprint] | None = None) -> dict[str, Fingerprint]:
    """Fingerprints of every watched input file; a missing folder simply contributes nothing.

    ``previous`` fingerprints are reused for files whose stat has not moved (and is not recent)."""
    previous = previous or {}
    stamps: dict[str, Fingerprint] = {}
    for name in WATCHED_FILES:
        _stamp_into(stamps, project, project / name, previous)
    for folder in WATCHED_DIRS:
        root = project / folder
        if root.is_dir():
            for path in root.rglob("*"):
                _stamp_into(stamps, project, path, previous)
    return stamps


def _stamp_into(stamps: dict[str, Fingerprint], project: Path, path: Path,
                previous: Mapping[str, Fingerprint]) -> None:
    rel = path.relative_to(project).as_posix()
    if not is_watched(rel):
        return
    stamp = fingerprint(path, previous.get(rel))
    if stamp is not None:
        stamps[rel] = stamp


def restamp(stamps: Mapping[str, Fingerprint], project: Path, paths: Iterable[str]) -> dict[str, Fingerprint]:
    """``stamps`` with just the named paths fingerprinted again (files gone are dropped): what a scan
    would give when the watcher has named every path that moved, at one stat per named path (and a
    read when its stat moved or is recent)."""
    fresh = dict(stamps)
    for rel in paths:
        old = fresh.pop(rel, None)
        _stamp_into(fresh, project, project / rel, {rel: old} if old is not None else {})
    return fresh


def diff_stamps(before: Mapping[str, Fingerprint], after: Mapping[str, Fingerprint]) -> set[str]:
    """Paths added, removed or whose content changed between two scans."""
    return {rel for rel in before.keys() | after.keys() if not same_content(before.get(rel), after.get(rel))}


def classify(paths: Iterable[str]) -> Changes:
    """Sort changed project-relative paths by what they feed."""
    seeds, records, text, templates = set(), set(), set(), set()
    config = False
    for rel in paths:
        if rel in WATCHED_FILES or rel.startswith("appraisal_tools/"):
            config = True
        elif rel.startswith("seeds/"):
            seeds.add(rel)
        elif rel.startswith("content/studies/"):
            records.add(rel)
        elif rel.startswith("content/"):
            text.add(rel)
        elif rel.startswith("templates/"):
            templates.add(rel)
    return Changes(frozenset(seeds), frozenset(records), frozenset(text), frozenset(templates), config)
