"""``evidence-brief build``: seeds to a deployable site, in one readable sequence.

ingest (only what changed is rewritten) -> the pipeline (generator/pipeline.py: load, assemble,
render, write; the same stages ``serve`` keeps warm and ``check`` runs without writing) -> search
index -> swap into output/. Everything is written to a staging folder first, and swapped in only
when no step reported an error: a build with errors never replaces the last good site
(``keep_going`` writes it anyway, for looking at locally).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Diagnostic, error
from .model.builddate import build_date
from .model.lockfile import project_lock
from .model.manifest import (
    BuildOptions,
    Fingerprint,
    discard_manifest,
    inputs_fingerprint,
    load_manifest,
    output_fingerprint,
    rescanned,
    save_manifest,
    up_to_date_manifest,
)
from .progress import Progress
from .write.reuse import PageReuse
from .write.writer import (
    SiteFolder,
    check_output_location,
    discard,
    remove_leftovers,
    staging_dir,
    swap_in,
    write_file,
)


@dataclass
class BuildResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    output_dir: Path | None = None
    pages: list[str] = field(default_factory=list)
    #: True once the new site replaced output/ (never after an error, unless keep_going).
    written: bool = False
    #: True when nothing had changed since the last build, so output/ was left as it was.
    up_to_date: bool = False
    #: The content digest of each file this build put in output/ (pages and generated files), by site path.
    digests: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


def build_site(project: Path, *, output: Path | None = None, ingest: bool = True,
               search_index: bool = True, lock_wait: float | None = None,
               on_wait: Callable[[str], None] | None = None, keep_going: bool = False,
               progress: Progress | None = None) -> BuildResult:
    """Build the site of ``project`` into ``output`` (default: project/output).

    Any error leaves ``output`` as it was; ``keep_going`` writes the site anyway (for local inspection).
    When no input has changed since the last build (model/manifest.py) nothing is read or written, and
    the last build's diagnostics are reported again.

    One build (or ingest) of a project at a time: a second one waits up to ``lock_wait`` seconds
    (default: see model.lockfile), then stops with an error naming the running one's pid.
    """
    output_dir = output or project / "output"
    check_output_location(project, output_dir)
    with project_lock(project, "build", wait=lock_wait, on_wait=on_wait):
        remove_leftovers(output_dir)
        options = BuildOptions(search_index=search_index, keep_going=keep_going, ingest=ingest,
                               output=str(output_dir.resolve()), build_date=build_date(project))
        done = up_to_date_manifest(project, options, output_dir)
        if done is not None:
            return BuildResult(list(done.diagnostics), output_dir, written=False, up_to_date=True)
        previous = load_manifest(project)
        # Taken before ingest reads seeds/: a seed saved during the build makes the next build run.
        inputs = inputs_fingerprint(project, options, previous.inputs if previous else None)
        result, inputs = _build_locked(project, output_dir, inputs, ingest=ingest, search_index=search_index,
                                       keep_going=keep_going, progress=progress or Progress.disabled(),
                                       date=options.build_date)
        if result.written:
            _record_build(project, inputs, output_dir, result.diagnostics, result.digests)
    result.diagnostics = unique(result.diagnostics)
    return result


def _build_locked(project: Path, output_dir: Path, inputs: Fingerprint, *, ingest: bool, search_index: bool,
                  keep_going: bool, progress: Progress, date: str) -> tuple[BuildResult, Fingerprint]:
    """The build itself; returns its result and ``inputs`` as the build read them: content/ taken again
    right after ingest wrote its records, before anything reads them, so a record saved while the build
    runs is still seen as changed by the next one."""
    # Imported here, not at the top: a build with nothing to do (the manifest says so) then loads no
    # reader, template engine or citation processor, and answers in a fraction of a second.
    from .pipeline import Pipeline

    result = BuildResult(output_dir=output_dir)
    pipeline = Pipeline(project, progress=progress, date=date)
    if ingest:
        with progress.stage("ingest"):
            result.diagnostics.extend(pipeline.ingest()[0])
        inputs = rescanned(inputs, project)
    try:
        staging = staging_dir(output_dir)
        pipeline.reuse = PageReuse.load(project, output_dir, staging)
        with pipeline.memo.citations:
            run = pipeline.run(StagingSink(staging))
        result.diagnostics.extend(run.diagnostics)
        if search_index:
            with progress.stage("search index"):
                _index_search(staging, result)
        if not result.ok and not keep_going:
            discard(staging)
            return result, inputs
        PageReuse.forget(project)  # until the new pages are recorded: the old record is of the old output/
        swap_in(staging, output_dir)
        pipeline.reuse.save(project)
        result.digests = pipeline.reuse.digests()
    except BaseException:
        # A stop signal can land between creating the staging folder and naming it here; under the
        # project's lock every staging folder beside output/ is this build's, so all are removed.
        remove_leftovers(output_dir)
        raise
    result.written = True
    result.pages = [p.path for p in run.site.pages] if run.site is not None else []
    return result, inputs


def _record_build(project: Path, inputs: Fingerprint, output_dir: Path, diagnostics: list[Diagnostic],
                  digests: dict[str, str]) -> None:
    """The manifest of the build just swapped in; without one (a read-only or full .cache/) the next
    build simply runs in full. ``digests``: what the build knows it put there (files kept from the last
    build need not be read again)."""
    try:
        save_manifest(project, inputs, output_fingerprint(output_dir, known=digests), unique(diagnostics))
    except OSError:
        discard_manifest(project)


class StagingSink:
    """The build's writes: every file into the fresh staging folder (nothing there to remove)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._folder = SiteFolder(root)

    def write(self, site_path: str, data: bytes) -> None:
        write_file(self._folder, site_path, data)

    def remove(self, site_path: str) -> None:
        """A fresh staging folder holds only what this build wrote, and a build writes each file once."""


def unique(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Each diagnostic once (ingest and the build both read the records, and may both report one)."""
    return list(dict.fromkeys(diagnostics))


def _index_search(staging: Path, result: BuildResult) -> None:
    """Build the Pagefind index (offline, static) into output/pagefind/."""
    from .pipeline import pagefind_command

    command = pagefind_command(staging)
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False,
                                   preexec_fn=_die_with_parent if sys.platform == "linux" else None)
    except (OSError, subprocess.TimeoutExpired) as exc:
        result.diagnostics.append(error("output/pagefind", f"search index not built ({exc})",
                                        "Install the 'pagefind[bin]' package"))
        return
    if completed.returncode != 0:
        detail = (completed.stderr or completed.stdout).strip().splitlines()[-1:] or ["no output"]
        result.diagnostics.append(error("output/pagefind", f"search index not built: {detail[0]}",
                                        "Install the 'pagefind[bin]' package"))


def _die_with_parent() -> None:
    """In the Pagefind child, before exec: be killed when the build is. A build killed outright
    would otherwise leave Pagefind writing into a staging folder the next build is removing."""
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, 9, 0, 0, 0)  # 9: SIGKILL
