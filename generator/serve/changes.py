"""Which inputs changed, and which pages a change makes stale: pure functions, tested without a server.

Inputs are fingerprinted by (mtime, size) so that an event for a file the tool itself wrote, or a
save that changed nothing, costs no rebuild. Pages are compared as values: a page is rendered again
when its model (template, title, context) differs from the last build, or when a template it uses
(directly or through extends/include/import) changed on disk. So a record edit re-renders its study
page and exactly the lists, facets, theme pages and home page whose rows or counts show it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..model.stamps import Stamp, file_stamp
from ..site.model import Page

#: What the preview watches, relative to the project folder.
WATCHED_DIRS = ("seeds", "content", "templates", "appraisal_tools")
#: Settings of the whole brief: a change to any of them rebuilds every page.
WATCHED_FILES = ("site.yaml", "vocabulary.yaml")

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


def scan_inputs(project: Path) -> dict[str, Stamp]:
    """Fingerprints of every watched input file; a missing folder simply contributes nothing."""
    stamps: dict[str, Stamp] = {}
    for name in WATCHED_FILES:
        _stamp_into(stamps, project, project / name)
    for folder in WATCHED_DIRS:
        root = project / folder
        if root.is_dir():
            for path in root.rglob("*"):
                _stamp_into(stamps, project, path)
    return stamps


def _stamp_into(stamps: dict[str, Stamp], project: Path, path: Path) -> None:
    rel = path.relative_to(project).as_posix()
    if not is_watched(rel):
        return
    stamp = file_stamp(path)
    if stamp is not None:
        stamps[rel] = stamp


def restamp(stamps: Mapping[str, Stamp], project: Path, paths: Iterable[str]) -> dict[str, Stamp]:
    """``stamps`` with just the named paths stamped again (files gone are dropped): what a scan would
    give when the watcher has named every path that moved, at the cost of one stat per named path."""
    fresh = dict(stamps)
    for rel in paths:
        fresh.pop(rel, None)
        _stamp_into(fresh, project, project / rel)
    return fresh


def diff_stamps(before: Mapping[str, Stamp], after: Mapping[str, Stamp]) -> set[str]:
    """Paths added, removed or modified between two scans."""
    return {rel for rel in before.keys() | after.keys() if before.get(rel) != after.get(rel)}


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


@dataclass
class PagePlan:
    """What a rebuild writes: pages to render again, and site paths of pages that are gone."""

    render: list[Page] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)


def plan_pages(old: Mapping[str, Page], new: list[Page], *, template_stamp: Callable[[str], object],
               old_stamps: Mapping[str, object], everything: bool = False) -> PagePlan:
    """Pages of ``new`` whose model or templates differ from ``old`` (path -> page of the last build).

    ``template_stamp(name)`` fingerprints a template and everything it pulls in; ``old_stamps`` holds
    the fingerprints the old pages were rendered with. ``everything`` (site settings changed) renders all.
    """
    plan = PagePlan()
    for page in new:
        previous = old.get(page.path)
        if everything or previous is None or previous != page \
                or old_stamps.get(page.template) != template_stamp(page.template):
            plan.render.append(page)
    paths = {page.path for page in new}
    plan.remove = sorted(path for path in old if path not in paths)
    return plan
