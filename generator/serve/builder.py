"""The preview's incremental builder: same stages as ``build``, but only what a change affects is redone.

A Builder holds the last site model, the fingerprints pages were rendered with and per-file caches
(parsed records by file stamp; citeproc output is memoised in site.citations). Each rebuild reloads
config, records, themes and text (cheap with the caches), builds the site model, and renders only
the pages whose model or templates changed. Files are replaced atomically, so a reader never sees
half a page. Downloads, feed and sitemap are written by ``write_extras``, after browsers reload.
"""

from __future__ import annotations

import os
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, TemplateError, TemplateNotFound, meta

from ..build import BuildResult, assemble_site, build_date, copy_assets, render_site_page, template_error
from ..config import SiteConfig, load_config
from ..errors import Diagnostic, error
from ..ingest.pipeline import IngestMemo, ingest_project
from ..model.lockfile import project_lock
from ..model.schema import validate_record
from ..model.stamps import Stamp, file_stamp
from ..model.store import is_record_name, load_record, record_files
from ..model.study import Study, study_from_record
from ..render.env import build_environment, template_dirs
from ..site import urls
from ..site.files import generated_files
from ..site.model import Page, SiteModel
from ..synthesis.themes import Theme, load_themes
from .changes import Changes, classify, diff_stamps, plan_pages, restamp, scan_inputs


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


@dataclass
class _CachedStudy:
    stamp: Stamp
    study: Study | None
    diagnostics: list[Diagnostic]


class Builder:
    """Builds ``project`` into ``site_dir`` and keeps what the next rebuild can reuse."""

    def __init__(self, project: Path, site_dir: Path) -> None:
        self.project = project
        self.site_dir = site_dir
        self.config: SiteConfig | None = None
        self.site: SiteModel | None = None
        self._pages: dict[str, Page] = {}
        self._template_stamps: dict[str, object] = {}
        self._template_refs: dict[object, list[str]] = {}
        self._studies: dict[str, _CachedStudy] = {}
        self._generated: dict[str, str] = {}
        self._inputs: dict[str, Stamp] = {}
        self._ingest_memo = IngestMemo()
        self._rescan_next = False  # after a crash, what the failed build consumed was never loaded
        self._env: Environment | None = None
        self._env_dirs: list[Path] = []
        self._updated = ""
        self.touched: set[str] = set()  # inputs changed during this session: their errors go to the browser
        self.last: BuildOutcome = BuildOutcome()

    def pending_changes(self, paths: set[str] | None = None) -> set[str]:
        """Inputs that differ from what the last build consumed: one stat per named path, or per
        input file when ``paths`` is None (the watcher could not name them all)."""
        return diff_stamps(self._inputs, self._snapshot(paths))

    def _snapshot(self, paths: set[str] | None) -> dict[str, Stamp]:
        if paths is None or self.config is None or self._rescan_next:
            return scan_inputs(self.project)
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
        self._inputs = snapshot  # taken before building: a save during the build is seen next time
        try:
            self._build(outcome, first=first, rescan=paths is None or self._rescan_next)
            self._rescan_next = False
        except Exception as exc:  # a bug or an unexpected input must not stop the preview
            outcome.crashed = True
            self._rescan_next = True
            outcome.diagnostics.append(error("(build)", f"the build failed: {type(exc).__name__}: {exc}",
                                             "Fix the file you just changed, or run with --debug and report it"))
            outcome.diagnostics.append(error("(traceback)", traceback.format_exc(limit=6).strip()))
            self._pages.clear()  # render everything again once the build works
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
            with project_lock(self.project, "serve"):
                report = ingest_project(self.project, self._ingest_memo, report_orphans=False)
            outcome.diagnostics.extend(report.diagnostics)
            for rel in report.written + report.incoming:  # our own writes are not the user's changes
                stamp = file_stamp(self.project / rel)
                if stamp is not None:
                    self._inputs[rel] = stamp
            records.update(report.written)
        config, problems = load_config(self.project)
        outcome.diagnostics.extend(problems)
        everything = config != self.config
        config = self.config if not everything and self.config is not None else config
        if first or changes.config:
            self._updated = config.updated or build_date(self.project)
        self.config = config
        studies = self._load_studies(outcome, None if first or rescan else records)
        themes, problems = load_themes(self.project)
        themes = self._same_objects(themes)
        outcome.diagnostics.extend(problems)
        result = BuildResult()
        site = assemble_site(self.project, config, studies, themes, result)
        outcome.diagnostics.extend(result.diagnostics)
        self._render(site, config, outcome, everything=everything)
        if first or changes.templates or everything:
            copy_assets(self.project, self.site_dir, config.logo)
        self.site = site

    def _load_studies(self, outcome: BuildOutcome, changed: set[str] | None) -> list[Study]:
        """Every valid record: only ``changed`` record paths are looked at again (all when None), and
        only files whose stamp moved are parsed again."""
        if changed is None:
            paths = {p.relative_to(self.project).as_posix(): p
                     for p in record_files(self.project / "content" / "studies")}
            for rel in set(self._studies) - set(paths):
                del self._studies[rel]
        else:
            paths = {rel: self.project / rel for rel in changed if _is_record_path(rel)}
        for rel, path in paths.items():
            stamp = file_stamp(path)
            cached = self._studies.get(rel)
            if stamp is None:
                self._studies.pop(rel, None)
            elif cached is None or cached.stamp != stamp:
                self._studies[rel] = _load_one(path, self.project, stamp)
        studies = []
        for cached in self._studies.values():
            outcome.diagnostics.extend(cached.diagnostics)
            if cached.study is not None:
                studies.append(cached.study)
        return sorted(studies, key=lambda s: s.id)

    def _same_objects(self, themes: list[Theme]) -> list[Theme]:
        """The previous build's Theme objects where nothing changed. The memoised builders key on
        themes, studies and settings: an equal but new object would be compared field by field on
        every lookup, an identical one costs a pointer comparison."""
        previous = {theme.id: theme for theme in (self.site.themes if self.site is not None else [])}
        return [previous[t.id] if previous.get(t.id) == t else t for t in themes]

    def _environment(self) -> Environment:
        dirs = template_dirs(self.project)
        if self._env is None or dirs != self._env_dirs:  # a templates/ folder appeared or went away
            self._env, self._env_dirs = build_environment(self.project), dirs
        return self._env

    def _render(self, site: SiteModel, config: SiteConfig, outcome: BuildOutcome, *, everything: bool) -> None:
        env = self._environment()
        stamps: dict[str, object] = {}

        def stamp(name: str) -> object:
            if name not in stamps:
                stamps[name] = template_stamp(env, name, self._template_refs)
            return stamps[name]

        plan = plan_pages(self._pages, site.pages, template_stamp=stamp, old_stamps=self._template_stamps,
                          everything=everything)
        for page in plan.render:
            try:
                html = render_site_page(env, page, config, self._updated)
            except TemplateError as exc:
                outcome.diagnostics.append(template_error(exc, page))
                self._pages.pop(page.path, None)  # render it again next time, fixed or not
                continue
            write_atomic(self.site_dir / urls.output_file(page.path), html.encode("utf-8"))
            self._pages[page.path] = page
            outcome.rendered.append(page.path)
        for path in plan.remove:
            (self.site_dir / urls.output_file(path)).unlink(missing_ok=True)
            self._pages.pop(path, None)
            outcome.removed.append(path)
        for page in site.pages:
            self._template_stamps[page.template] = stamp(page.template)

    def write_extras(self) -> list[str]:
        """Downloads, citations files, feed and sitemap that changed; returns their site paths."""
        if self.site is None or self.config is None:
            return []
        files = generated_files(self.config, self.site.studies, self.site.pages, self._updated)
        written = [path for path, text in files.items() if self._generated.get(path) != text]
        for path in written:
            write_atomic(self.site_dir / path, files[path].encode("utf-8"))
        for path in set(self._generated) - set(files):
            (self.site_dir / path).unlink(missing_ok=True)
        self._generated = files
        return sorted(written)


def _is_record_path(rel: str) -> bool:
    folder, _, name = rel.rpartition("/")
    return folder == "content/studies" and is_record_name(name)


def _load_one(path: Path, project: Path, stamp: Stamp) -> _CachedStudy:
    record, problem = load_record(path, project)
    if record is None:
        return _CachedStudy(stamp, None, [problem] if problem else [])
    problems = validate_record(record)
    if any(p.is_error for p in problems):
        return _CachedStudy(stamp, None, problems)
    return _CachedStudy(stamp, study_from_record(record.data), problems)


def template_stamp(env: Environment, name: str, refs: dict[object, list[str]] | None = None) -> object:
    """Fingerprint of a template and every template it extends, includes or imports (file and mtime).

    ``refs`` caches each template version's references, so unchanged templates are not parsed again.
    """
    refs = {} if refs is None else refs
    seen: dict[str, object] = {}
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen or env.loader is None:
            continue
        try:
            source, filename, _ = env.loader.get_source(env, current)
        except TemplateNotFound:
            seen[current] = None
            continue
        try:
            seen[current] = (filename, os.stat(filename).st_mtime_ns) if filename else source
        except OSError:
            seen[current] = None
        key = (current, seen[current])
        if key not in refs:
            try:
                refs[key] = [ref for ref in meta.find_referenced_templates(env.parse(source)) if ref]
            except TemplateError:
                refs[key] = []  # the syntax error surfaces when the page renders
        todo.extend(refs[key])
    return tuple(sorted(seen.items(), key=lambda item: item[0]))


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
