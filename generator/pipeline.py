"""One staged pipeline behind ``build``, ``serve`` and ``check``: load -> assemble -> plan -> render -> write.

``build`` runs it once from an empty state into a staging folder (build.py swaps it in), ``serve`` keeps
one Pipeline warm between saves (serve/builder.py only adds change detection and the browser's needs),
and ``check`` runs it with a sink that writes nothing. So the three load the same records, report the
same problems and render the same bytes by construction: the preview's folder after any series of
edits equals a cold build of the same files (tests/serve/test_equivalence.py).

Every memo of project data has one owner, the ``ProjectMemo`` of a Pipeline (cleared on demand). The
module-level caches left elsewhere are pure functions of immutable arguments (see site/model.py).
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from jinja2 import Environment, TemplateError, TemplateNotFound, meta
from markupsafe import Markup

from .config import SiteConfig, load_config
from .design import copy_logo
from .errors import Diagnostic, error, warning
from .ingest.persist import IngestStore
from .ingest.pipeline import IngestMemo, ingest_project
from .model.appraisal import load_appraisal_tools
from .model.builddate import build_date
from .model.content import LoadedRecord, load_one_record, record_key, studies_of
from .model.diskcache import code_digest
from .model.record import is_orphan
from .model.schema import NEEDS_REVIEW_FIX, needs_review_warning, orphan_warning
from .model.store import RecordMemo, incoming_files, is_record_name, record_files
from .model.study import Study
from .model.vocabulary import Vocabulary
from .progress import Progress, Stage
from .render.env import build_environment, template_dirs
from .render.markdown import RenderedText, render_markdown
from .render.pages import render_page
from .site import urls
from .site.citation_cache import CitationCache
from .site.files import DOWNLOADS, generated_files
from .site.fingerprint import Fingerprinter, Unfingerprintable
from .site.match_cache import MatchCache
from .site.metadata import home_jsonld, home_meta, render_head, study_jsonld
from .site.model import BriefText, Page, SiteModel, build_site_model, link_for
from .site.prisma import prisma_problems
from .site.themeviews import study_label
from .synthesis.grading import check_findings
from .synthesis.themes import Theme, load_themes
from .write.reuse import PageReuse

STUDIES_DIR = "content/studies"
#: Processes formatting references citeproc has not formatted before (the cache decides when many pay).
CITATION_WORKERS = min(2, os.cpu_count() or 1)


class Sink(Protocol):
    """Where the pipeline's files go: a staging folder (build), the preview's folder, or nowhere (check)."""

    def write(self, site_path: str, data: bytes) -> None: ...

    def remove(self, site_path: str) -> None: ...


class NoSink:
    """``check``: everything rendered, nothing written."""

    def write(self, site_path: str, data: bytes) -> None:
        """Drop the file: check only wants the diagnostics rendering gives."""

    def remove(self, site_path: str) -> None:
        """Nothing was written, so nothing to remove."""


@dataclass
class ProjectMemo:
    """Every memo of one project's data, in one place, cleared on demand (``clear``).

    Records by content digest, the brief's rendered Markdown, the Jinja environment and each template
    version's references, and ingest's own memo. What is kept on disk between runs (formatted
    references, ingest's readings) is keyed by content, so clearing leaves it.
    """

    citations: CitationCache
    records: dict[str, LoadedRecord] = field(default_factory=dict)
    markdown: dict[tuple[object, ...], RenderedText] = field(default_factory=dict)
    template_refs: dict[object, list[str]] = field(default_factory=dict)
    ingest: IngestMemo = field(default_factory=IngestMemo)
    #: Theme matches of earlier builds (a one-shot build's; the preview's memo in matching does better).
    matches: MatchCache = field(default_factory=MatchCache.disabled)
    env: Environment | None = None
    env_dirs: list[Path] = field(default_factory=list)

    @classmethod
    def for_project(cls, project: Path) -> ProjectMemo:
        """An empty memo whose formatted references persist in the project's .cache/ (safe to delete)."""
        return cls(CitationCache.for_project(project), ingest=IngestMemo(parsed=RecordMemo.for_project(project),
                                                                         store=IngestStore.for_project(project)))

    def clear(self) -> None:
        """Forget everything: the next run loads and renders as a cold build does (the citation
        cache on disk stays: it is keyed by content, so it never answers for a changed record)."""
        self.citations.close()
        self.citations = CitationCache(self.citations.path)
        self.records.clear()
        self.markdown.clear()
        self.template_refs.clear()
        self.ingest.parsed.clear()
        self.ingest = IngestMemo(parsed=self.ingest.parsed, store=self.ingest.store)
        self.env, self.env_dirs = None, []

    def environment(self, project: Path) -> Environment:
        """The Jinja environment, made again when a templates/ folder appeared or went away."""
        dirs = template_dirs(project)
        if self.env is None or dirs != self.env_dirs:
            self.env, self.env_dirs = build_environment(project), dirs
            self.template_refs.clear()
        return self.env


@dataclass(frozen=True)
class LoadedProject:
    """Settings, valid studies and themes, every problem met while loading them, and the ids of
    record files that gave no study (their own errors say why)."""

    config: SiteConfig
    studies: list[Study]
    themes: list[Theme]
    diagnostics: list[Diagnostic]
    broken: frozenset[str]


@dataclass
class RunResult:
    """One run of the pipeline: the site model, what it reported and which pages it wrote or removed."""

    site: SiteModel | None = None
    config: SiteConfig | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


class Pipeline:
    """The stages for one project, and what the next run can reuse (empty for a cold build)."""

    def __init__(self, project: Path, *, warm: bool = False, progress: Progress | None = None,
                 keep_caches: bool = True, date: str = "") -> None:
        """``warm``: runs will follow (the preview), so keep what tells the next run which pages are stale.
        ``progress``: where a long run says how far it is (nothing by default). ``keep_caches``: read and
        write the project's .cache/ (``check`` writes nothing, so it keeps everything in memory).
        ``date``: the build date when the caller has read it (a build records it in its manifest, and
        the pages must show that one); otherwise each run reads it."""
        self.project = project
        self.date = date
        self.warm = warm
        self.progress = progress or Progress.disabled()
        self.memo = ProjectMemo.for_project(project) if keep_caches else ProjectMemo(CitationCache.disabled())
        if keep_caches and not warm:
            self.memo.matches = MatchCache.for_project(project)
        self.config: SiteConfig | None = None
        self.site: SiteModel | None = None
        self.updated = ""
        self._pages: dict[str, Page] = {}
        #: A build's record of the last build's pages, to keep those whose fingerprint is unchanged.
        self.reuse: PageReuse | None = None
        self._template_stamps: dict[str, object] = {}
        self._written: dict[str, dict[str, bytes]] = {"assets": {}, "extras": {}}

    def clear(self) -> None:
        """Forget every memo and what was written: the next run is a cold build's."""
        self.memo.clear()
        self.forget_output()

    def forget_output(self) -> None:
        """After a failed run: render and write everything again next time."""
        self._pages.clear()
        self._template_stamps.clear()
        self._written = {"assets": {}, "extras": {}}

    def forget_inputs(self, paths: Iterable[str]) -> None:
        """Drop what ingest's memo keeps for these files. Its memo keys on (mtime, size), which a
        same-size save within one clock tick does not move; the caller saw their content change."""
        changed = set(paths)
        memo = self.memo.ingest
        for rel in changed:
            memo.seeds.pop(rel, None)
            memo.records.pop(rel, None)
        for key in [key for key in memo.settled if len(key) > 1 and key[1] in changed]:
            del memo.settled[key]

    def ingest(self) -> tuple[list[Diagnostic], list[str]]:
        """Read seeds/ into records (callers hold the project's lock); its problems and the files it wrote."""
        report = ingest_project(self.project, self.memo.ingest, report_orphans=False)
        if not self.warm:  # a one-shot build never ingests again: keep only the parses the loader reuses
            self.memo.ingest.store.close()
            self.memo.ingest = IngestMemo(parsed=self.memo.ingest.parsed, store=self.memo.ingest.store)
        return held_for_review_once(report.diagnostics), report.written + report.incoming

    def run(self, sink: Sink, *, records: Iterable[str] | None = None, extras: bool = True) -> RunResult:
        """Load, assemble, render what changed and write it to ``sink``.

        ``records``: the record files that may have changed since the last run (None: look at all).
        ``extras``: write the downloads, feed and sitemap too (the preview writes them later, see
        ``write_extras``). The brief's date is read on every run, as a build reads it; when it moves
        (a commit, midnight outside git), every page shows the new one.
        """
        result = RunResult()
        config, problems = load_config(self.project)
        result.diagnostics.extend(problems)
        updated = config.updated or self.date or build_date(self.project)
        everything = config != self.config or updated != self.updated
        if self.config is not None and config == self.config:
            config = self.config  # the same object: memoised builders then compare by identity
        self.updated = updated
        self.config = result.config = config
        with self.progress.stage("load records"):
            loaded = self.load(config, records)
        result.diagnostics.extend(loaded.diagnostics)
        with self.progress.stage("themes and citations"):
            site = assemble_site(self.project, loaded, result.diagnostics, self.memo)
        with self.progress.stage("render pages", len(site.pages)) as stage:
            self._render(site, config, sink, result, everything=everything, stage=stage)
        self._sync("assets", asset_files(self.project, config.logo), sink)
        self.site = result.site = site
        if extras:
            with self.progress.stage("downloads, feed and sitemap"):
                self.write_extras(sink)
        return result

    def load(self, config: SiteConfig, changed: Iterable[str] | None) -> LoadedProject:
        """Records (only ``changed`` ones looked at again; all when None), themes and the brief's own problems."""
        diagnostics: list[Diagnostic] = []
        self._load_records(config.vocabulary, changed)
        self.memo.ingest.parsed.clear()  # every record is loaded now; kept, their parses would outlive them
        if not self.warm:
            self.memo.ingest.parsed.close()
        studies, broken, problems = studies_of(self.memo.records)
        diagnostics.extend(problems)
        themes, problems = load_themes(self.project)
        diagnostics.extend(problems)
        themes = self._same_objects(themes)
        if not (self.project / "content" / "about.md").is_file():
            diagnostics.append(warning(
                "content/about.md", "no content/about.md, so the site has no 'How this brief was made' page",
                "Write content/about.md: how studies were found, chosen and read"))
        diagnostics.extend(incoming_warnings(self.project))
        return LoadedProject(config, studies, themes, diagnostics, broken)

    def _load_records(self, vocabulary: Vocabulary, changed: Iterable[str] | None) -> None:
        memo = self.memo.records
        if changed is None:
            paths = {p.relative_to(self.project).as_posix(): p
                     for p in record_files(self.project / STUDIES_DIR)}
            for rel in set(memo) - set(paths):
                del memo[rel]
        else:
            paths = {rel: self.project / rel for rel in changed if is_record_path(rel)}
        for rel, path in paths.items():
            try:
                data = path.read_bytes() if path.is_file() else None
            except OSError:
                data = None
            if data is None:
                memo.pop(rel, None)
                continue
            key = record_key(data, vocabulary)
            cached = memo.get(rel)
            if cached is None or cached.key != key:
                memo[rel] = load_one_record(path, self.project, key, self.memo.ingest.parsed)

    def _same_objects(self, themes: list[Theme]) -> list[Theme]:
        """The previous run's Theme objects where nothing changed: the memoised builders key on themes,
        and an identical object costs a pointer comparison where an equal one is compared field by field."""
        previous = {theme.id: theme for theme in (self.site.themes if self.site is not None else [])}
        return [previous[t.id] if previous.get(t.id) == t else t for t in themes]

    def _render(self, site: SiteModel, config: SiteConfig, sink: Sink, result: RunResult, *, everything: bool,
                stage: Stage) -> None:
        """Render the pages whose model or templates changed (all the first time); remove pages gone."""
        env = self.memo.environment(self.project)
        stamps: dict[str, object] = {}

        def stamp(name: str) -> object:
            if name not in stamps:
                stamps[name] = template_stamp(env, name, self.memo.template_refs)
            return stamps[name]

        if env.cache is not None and any(stamp(name) != old for name, old in self._template_stamps.items()):
            env.cache.clear()  # Jinja checks a template by mtime, blind to a same-size save within one tick
        plan = plan_pages(self._pages, site.pages, template_stamp=stamp, old_stamps=self._template_stamps,
                          everything=everything)
        fingerprint = self._page_fingerprints(config, stamp)
        for page in plan.render:
            site_file = urls.output_file(page.path)
            page_print = fingerprint(page)
            if page_print and self.reuse is not None and self.reuse.keep(site_file, page_print):
                result.rendered.append(page.path)
                stage.advance()
                continue
            try:
                html = render_site_page(env, page, config, self.updated)
            except TemplateError as exc:
                result.diagnostics.append(template_error(exc, page))
                self._pages.pop(page.path, None)  # render it again next time, fixed or not
                sink.remove(site_file)  # as a build leaves it out
                continue
            data = html.encode("utf-8")
            sink.write(site_file, data)
            if page_print and self.reuse is not None:
                self.reuse.wrote(site_file, page_print, data)
            if self.warm:
                self._pages[page.path] = page
            result.rendered.append(page.path)
            stage.advance()
        for path in plan.remove:
            sink.remove(urls.output_file(path))
            del self._pages[path]
            result.removed.append(path)
        if self.warm:  # a one-shot build renders everything once: fingerprinting templates would be wasted
            for page in site.pages:
                self._template_stamps[page.template] = stamp(page.template)

    def _page_fingerprints(self, config: SiteConfig, stamp: Callable[[str], object]) -> Callable[[Page], str]:
        """A page's fingerprint (with all else its HTML depends on: settings, date, templates, the tool
        itself), or "" when it cannot be taken; always "" when no build will compare them."""
        if self.reuse is None:
            return lambda page: ""
        fingerprints = Fingerprinter()
        try:
            basis = fingerprints.digest((code_digest(), config, self.updated, DOWNLOADS))
        except Unfingerprintable:
            return lambda page: ""
        templates: dict[str, bytes] = {}

        def fingerprint(page: Page) -> str:
            if page.template not in templates:
                templates[page.template] = hashlib.blake2b(repr(stamp(page.template)).encode()).digest()
            try:
                content = fingerprints.digest(page)
            except Unfingerprintable:
                return ""
            return hashlib.blake2b(basis + templates[page.template] + content, digest_size=16).hexdigest()

        return fingerprint

    def write_extras(self, sink: Sink) -> list[str]:
        """Downloads, citation files, feed and sitemap that changed since the last write; their site paths."""
        if self.site is None or self.config is None:
            return []
        files = published_files(self.config, generated_files(self.config, self.site.studies, self.site.pages,
                                                             self.updated))
        if not self.warm:  # written once: no need to hold every file as text and as bytes at once
            for path in list(files):
                data = files.pop(path).encode("utf-8")
                if self.reuse is not None and self.reuse.keep_same(path, data):
                    continue
                sink.write(path, data)
                if self.reuse is not None:
                    self.reuse.wrote_same(path, data)
            return []
        return self._sync("extras", {path: text.encode("utf-8") for path, text in files.items()}, sink)

    def _sync(self, kind: str, files: dict[str, bytes], sink: Sink) -> list[str]:
        """Write the files whose bytes changed, remove those gone: what a cold build would hold."""
        before = self._written[kind]
        written = [path for path, data in files.items() if before.get(path) != data]
        for path in written:
            sink.write(path, files[path])
        for path in sorted(set(before) - set(files)):
            sink.remove(path)
        self._written[kind] = files if self.warm else {}  # only a warm pipeline compares with them again
        return sorted(written)


@dataclass
class PagePlan:
    """What a run writes: pages to render again, and site paths of pages that are gone."""

    render: list[Page] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)


def plan_pages(old: Mapping[str, Page], new: list[Page], *, template_stamp: Callable[[str], object],
               old_stamps: Mapping[str, object], everything: bool = False) -> PagePlan:
    """Pages of ``new`` whose model or templates differ from ``old`` (path -> page of the last run).

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


def held_for_review_once(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Ingest's diagnostics, less its error for a record it wrote as needs-review: that error makes
    ``ingest`` exit 1; the pipeline reports the same record once, as a warning (unpublished_warnings),
    and the record stays out of the site."""
    return [d for d in diagnostics if not (d.is_error and d.fix == NEEDS_REVIEW_FIX)]


def is_record_path(rel: str) -> bool:
    """True for a record file of content/studies/ (not an incoming extraction or a hidden temp file)."""
    folder, _, name = rel.rpartition("/")
    return folder == STUDIES_DIR and is_record_name(name)


def incoming_warnings(project: Path) -> list[Diagnostic]:
    """Incoming extractions a curator has not merged yet."""
    return [warning(path.relative_to(project).as_posix(),
                    "a new extraction is waiting for review (it conflicts with hand edits)",
                    "Merge what you want into the record, then delete this file")
            for path in incoming_files(project / STUDIES_DIR)]


def assemble_site(project: Path, loaded: LoadedProject, diagnostics: list[Diagnostic],
                  memo: ProjectMemo | None = None) -> SiteModel:
    """Synthesis and site model from loaded content; problems are added to ``diagnostics``, less those
    that only repeat a broken record's own error (see follows_from)."""
    found: list[Diagnostic] = []
    config = loaded.config
    studies = mark_missing_sources(project, loaded.studies)
    found.extend(unpublished_warnings(studies))
    found.extend(prisma_problems(project, config, studies))
    tools, problems = load_appraisal_tools(project)
    found.extend(problems)
    published = [s for s in studies if s.published]
    memo = memo or ProjectMemo(CitationCache.disabled())
    matches = memo.matches.assign(published, loaded.themes)
    found.extend(check_findings(loaded.themes, {s.id for s in published}))
    text = build_brief_text(project, studies, loaded.themes, config, found, memo)
    diagnostics.extend(d for d in found if not follows_from(d, loaded.broken))
    memo.citations.prefetch(published, workers=CITATION_WORKERS)
    return build_site_model(config, studies, loaded.themes, text, matches, appraisal_tools=tools,
                            citations=memo.citations)


def follows_from(diagnostic: Diagnostic, broken: frozenset[str]) -> bool:
    """True for an error that only repeats another one: a citation of, or finding naming, a broken record."""
    return any(f"'@{study_id}'" in diagnostic.message or f"cites '{study_id}'" in diagnostic.message
               for study_id in broken)


def mark_missing_sources(project: Path, studies: list[Study]) -> list[Study]:
    """Studies whose source files have all gone from seeds/ (orphans), marked so they are not published
    unless a curator keeps them; others unchanged (the same objects, which the memoised builders key on)."""
    return [replace(s, source_missing=True) if is_orphan([v.file for v in s.sources], project) else s
            for s in studies]


def unpublished_warnings(studies: list[Study]) -> list[Diagnostic]:
    """One warning per record left out of the site for a reason a curator must act on."""
    problems: list[Diagnostic] = []
    for study in studies:
        rel = f"{STUDIES_DIR}/{study.id}.yaml"
        if study.needs_review:
            problems.append(needs_review_warning(rel, study.extraction_notes))
        if study.source_missing and not study.keep_without_source:
            problems.append(orphan_warning(rel, [v.file for v in study.sources]))
    return problems


_CITED_ID = re.compile(r"@([\w.-]+)")


def build_brief_text(project: Path, studies: list[Study], themes: list[Theme], config: SiteConfig,
                     diagnostics: list[Diagnostic], memo: ProjectMemo) -> BriefText:
    """The curated Markdown of content/, rendered safely, citations resolved (memoised on all it reads)."""
    known = {s.id for s in studies if s.published}
    labels = {s.id: study_label(s) for s in studies}
    cited: dict[str, tuple[str, ...]] = {}
    used: dict[tuple[object, ...], RenderedText] = {}

    def render(path: Path, text: str, page_path: str, first_line: int = 1, key: str = "") -> Markup:
        named = set(_CITED_ID.findall(text))
        args = (text, path.relative_to(project).as_posix(), page_path, first_line, config,
                frozenset(named & known), tuple(sorted((i, labels[i]) for i in named if i in labels)))
        rendered = memo.markdown.get(args)
        if rendered is None:
            rendered = render_brief_markdown(*args)
        used[args] = rendered
        diagnostics.extend(rendered.diagnostics)
        cited[key] = rendered.cited
        return rendered.html

    def read(name: str) -> tuple[Path, str]:
        path = project / "content" / name
        return path, path.read_text(encoding="utf-8") if path.is_file() else ""

    index_path, index_text = read("index.md")
    about_path, about_text = read("about.md")
    narratives = {t.id: render(project / t.path, t.narrative, urls.theme(t.id), t.narrative_line, t.id)
                  for t in themes}
    key_messages = render(index_path, index_text, urls.HOME)
    about = render(about_path, about_text, urls.ABOUT)
    memo.markdown = used  # only this version of each text: a long preview session does not pile them up
    return BriefText(key_messages, about, narratives, {t.id: cited.get(t.id, ()) for t in themes})


def render_brief_markdown(text: str, rel: str, page_path: str, first_line: int, config: SiteConfig,
                          known: frozenset[str], labels: tuple[tuple[str, str], ...]) -> RenderedText:
    """The brief's Markdown for one page."""
    link = link_for(page_path, config)
    names = dict(labels)
    return render_markdown(text, rel, known_ids=set(known), study_href=lambda i: link(urls.study(i)),
                           study_label=lambda i: names.get(i, i), first_line=first_line)


def _with_head(page: Page, config: SiteConfig, updated: str) -> Page:
    if page.kind == "home":
        return replace(page, head=render_head(home_meta(config, updated), home_jsonld(config, updated)))
    if page.kind == "study":
        study = page.context["study"]
        return replace(page, head=render_head([], study_jsonld(study, config.absolute(page.path), config)))
    return page


def render_site_page(env: Environment, page: Page, config: SiteConfig, updated: str) -> str:
    """One page's HTML, head metadata included; template errors propagate (see template_error)."""
    return render_page(env, _with_head(page, config, updated), config, updated=updated, downloads=list(DOWNLOADS))


def template_error(exc: TemplateError, page: Page) -> Diagnostic:
    """The diagnostic for a template that failed while rendering ``page``: template file and line."""
    name, line = _template_location(exc, page.template)
    return error(f"templates/{name}", f"template error while rendering /{page.path}: {exc}", "Fix the template",
                 line=line)


def _template_location(exc: TemplateError, fallback: str) -> tuple[str, int | None]:
    """The template file and line where rendering failed (Jinja puts them in the traceback)."""
    name, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if name:
        return Path(name).name, line
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith((".html", ".xml", ".j2")):
            return Path(frame.filename).name, frame.lineno
    return fallback, None


def template_stamp(env: Environment, name: str, refs: dict[object, list[str]] | None = None) -> object:
    """Fingerprint of a template and every template it extends, includes or imports (file and content).

    ``refs`` caches each template version's references, so unchanged templates are not parsed again.
    Keyed on the source text, not the file's mtime: a same-size save within one clock tick is seen.
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
        seen[current] = (filename, hashlib.blake2b(source.encode("utf-8", "surrogatepass"), digest_size=16).digest())
        key = (current, seen[current])
        if key not in refs:
            try:
                refs[key] = [ref for ref in meta.find_referenced_templates(env.parse(source)) if ref]
            except TemplateError:
                refs[key] = []  # the syntax error surfaces when the page renders
        todo.extend(refs[key])
    return tuple(sorted(seen.items(), key=lambda item: item[0]))


def pagefind_command(site: Path, output: Path | None = None) -> list[str]:
    """The one way the search index is built, by ``build`` (into the staging folder) and the preview
    (into a side folder it swaps in): Pagefind over the written HTML, offline, quiet."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site)]
    if output is not None:
        command += ["--output-path", str(output)]
    return [*command, "--silent"]


def published_files(config: SiteConfig, files: dict[str, str]) -> dict[str, str]:
    """The generated files, less the sitemap and feed of a local-only site (``base_url: null``): their
    addresses must be absolute, and there is no public address to give them."""
    if not config.local_only:
        return files
    kept = {path: text for path, text in files.items() if path not in (urls.SITEMAP, urls.FEED)}
    kept[urls.ROBOTS] = "User-agent: *\nAllow: /\n"
    return kept


def asset_files(project: Path, logo: str = "") -> dict[str, bytes]:
    """The design's static files under assets/ (project files override the defaults), the favicon at
    the root, and site.yaml's ``logo`` (generator/design.py): site path -> bytes."""
    files: dict[str, bytes] = {}
    for folder in reversed(template_dirs(project)):
        static = folder / "static"
        if static.is_dir():
            for path in sorted(static.rglob("*")):
                if path.is_file() and not path.name.startswith("."):
                    files["assets/" + path.relative_to(static).as_posix()] = path.read_bytes()
    favicon = files.get(f"assets/{urls.FAVICON}")
    if favicon is not None:
        files[urls.FAVICON] = favicon
    copy_logo(project, logo, project, _collect_into(files))
    return files


def _collect_into(files: dict[str, bytes]) -> Callable[[Path, str, bytes], None]:
    def collect(root: Path, site_path: str, data: bytes) -> None:
        files[site_path] = data
    return collect
