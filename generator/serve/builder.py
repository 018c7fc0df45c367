"""The preview's builder: the build's own pipeline (generator/pipeline.py), kept warm between saves.

A Builder adds only what a long-running preview needs: which inputs changed since the last run
(content fingerprints, see serve/changes.py), ingest of changed seeds under the project's lock,
crash recovery, and which errors the browser shows. Loading, assembly, rendering and what is written
or removed are the pipeline's, so the preview's folder equals a cold ``build`` of the same files.
Files are replaced atomically, so a reader never sees half a page. Downloads, feed and sitemap are
written by ``write_extras``, after browsers reload.
"""

from __future__ import annotations

import os
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from ..config import SiteConfig
from ..errors import Diagnostic, error
from ..model.lockfile import project_lock
from ..model.stamps import Fingerprint, fingerprint
from ..pipeline import Pipeline
from ..site.model import SiteModel
from ..write.writer import safe_target
from .changes import Changes, classify, diff_stamps, restamp, scan_inputs


@dataclass
class BuildOutcome:
    """One (re)build: what it rendered, what it reported, and the problems to show in the browser."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)
    seconds: float = 0.0
    crashed: bool = False

    @property
    def changed_site(self) -> bool:
        return bool(self.rendered or self.removed or self.crashed)


class PreviewSink:
    """The preview's writes: each file replaced atomically in the preview's folder; removed files go."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, site_path: str, data: bytes) -> None:
        target = safe_target(self.root, site_path)
        try:
            if target.read_bytes() == data:
                return  # an unchanged file keeps its mtime, and a reader its cached copy
        except OSError:
            pass
        write_atomic(target, data)

    def remove(self, site_path: str) -> None:
        safe_target(self.root, site_path).unlink(missing_ok=True)


class Builder:
    """Builds ``project`` into ``site_dir`` and keeps what the next rebuild can reuse (its Pipeline)."""

    def __init__(self, project: Path, site_dir: Path) -> None:
        self.project = project
        self.site_dir = site_dir
        self.pipeline = Pipeline(project, warm=True)
        self.sink = PreviewSink(site_dir)
        self._inputs: dict[str, Fingerprint] = {}
        self._rescan_next = False  # after a crash, what the failed build consumed was never loaded
        self.touched: set[str] = set()  # inputs changed during this session: their errors go to the browser
        self.last: BuildOutcome = BuildOutcome()
        #: True when the downloads, feed and sitemap lag behind the pages (see write_extras).
        self.extras_due = False

    @property
    def config(self) -> SiteConfig | None:
        return self.pipeline.config

    @property
    def site(self) -> SiteModel | None:
        return self.pipeline.site

    def pending_changes(self, paths: set[str] | None = None) -> set[str]:
        """Inputs that differ from what the last build consumed: one stat per named path (a read when
        its stat moved or is recent), or per input file when ``paths`` is None."""
        return diff_stamps(self._inputs, self._snapshot(paths))

    def _snapshot(self, paths: set[str] | None) -> dict[str, Fingerprint]:
        if paths is None or self.config is None or self._rescan_next:
            return scan_inputs(self.project, self._inputs)
        return restamp(self._inputs, self.project, paths)

    def rebuild(self, paths: set[str] | None = None) -> BuildOutcome:
        """Rebuild what changed since the last build (everything the first time); never raises.

        ``paths`` are the inputs the watcher saw move; None rescans every input.
        """
        started = time.perf_counter()
        first = self.config is None
        snapshot = self._snapshot(paths)
        changed = set(snapshot) if first else diff_stamps(self._inputs, snapshot)
        outcome = BuildOutcome(changes=classify(changed))
        if not first:
            self.touched |= changed
        rescan = first or paths is None or self._rescan_next
        self._inputs = snapshot  # taken before building: a save during the build is seen next time
        try:
            self._build(outcome, first=first, rescan=rescan)
            self._rescan_next = False
        except Exception as exc:  # a bug or an unexpected input must not stop the preview
            outcome.crashed = True
            self._rescan_next = True
            outcome.diagnostics.append(error("(build)", f"the build failed: {type(exc).__name__}: {exc}",
                                             "Fix the file you just changed, or run with --debug and report it"))
            outcome.diagnostics.append(error("(traceback)", traceback.format_exc(limit=6).strip()))
            self.pipeline.forget_output()  # render everything again once the build works
        outcome.seconds = time.perf_counter() - started
        self.last = outcome
        return outcome

    def browser_errors(self) -> list[Diagnostic]:
        """Errors to show instead of pages: from inputs changed while serving, templates, or a crash."""
        return [d for d in self.last.diagnostics if d.is_error and (
            self.last.crashed or d.location.path in self.touched or d.location.path.startswith("templates/"))]

    def _build(self, outcome: BuildOutcome, *, first: bool, rescan: bool) -> None:
        changes = outcome.changes
        records = set(changes.records)
        if first or changes.seeds:
            # Re-reads only the seeds that changed; the site assembled below names orphaned records itself.
            # Ingest writes content/studies/, as a `build` or `ingest` run at the same time would: one at a time.
            # (The pages go to the preview's own temporary folder, never output/, so rendering needs no lock.)
            self.pipeline.forget_inputs(changes.seeds | changes.records)
            with project_lock(self.project, "serve"):
                problems, written = self.pipeline.ingest()
            outcome.diagnostics.extend(problems)
            for rel in written:  # our own writes are not the user's changes
                stamp = fingerprint(self.project / rel)
                if stamp is not None:
                    self._inputs[rel] = stamp
            records.update(written)
        run = self.pipeline.run(self.sink, records=None if rescan else records, extras=False)
        outcome.diagnostics.extend(run.diagnostics)
        outcome.diagnostics[:] = list(dict.fromkeys(outcome.diagnostics))
        outcome.rendered.extend(run.rendered)
        outcome.removed.extend(run.removed)
        self.extras_due = True

    def write_extras(self) -> list[str]:
        """Downloads, citations files, feed and sitemap that changed; returns their site paths."""
        written = self.pipeline.write_extras(self.sink)
        self.extras_due = False
        return written


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file and a rename: never half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
