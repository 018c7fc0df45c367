"""``evidence-brief build``: seeds to a deployable site, in one readable sequence.

ingest (only what changed is rewritten) -> load content -> site model -> render -> write -> search
index -> swap into output/. Render stages read content/ only. Everything is written to a staging
folder first, and swapped in only when no step reported an error: a build with errors never replaces
the last good site (``keep_going`` writes it anyway, for looking at locally).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, TemplateError
from markupsafe import Markup

from .config import SiteConfig, load_config
from .design import copy_logo
from .errors import Diagnostic, error, warning
from .ingest.pipeline import ingest_project
from .model.appraisal import load_appraisal_tools
from .model.content import load_studies
from .model.lockfile import project_lock
from .model.record import is_orphan
from .model.schema import NEEDS_REVIEW_FIX, needs_review_warning, orphan_warning
from .model.store import record_files
from .model.study import Study
from .render.env import build_environment, template_dirs
from .render.markdown import RenderedText, render_markdown
from .render.pages import render_page
from .site import urls
from .site.files import DOWNLOADS, generated_files
from .site.metadata import home_jsonld, home_meta, render_head, study_jsonld
from .site.model import BriefText, Page, SiteModel, build_site_model, link_for
from .site.prisma import prisma_problems
from .site.themeviews import study_label
from .synthesis.grading import check_findings
from .synthesis.matching import assign_themes
from .synthesis.themes import Theme, load_themes
from .write.writer import (
    check_output_location,
    copy_static,
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

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


def build_date(project: Path) -> str:
    """The brief's date, taken from its inputs so that the same inputs give the same bytes.

    SOURCE_DATE_EPOCH when set; else the date of the project's last git commit; only outside
    version control, today.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%d")
    try:
        command = ["git", "-C", str(project), "log", "-1", "--format=%cd", "--date=format-local:%Y-%m-%d"]
        completed = subprocess.run(command, capture_output=True, text=True, timeout=10, check=False,
                                   env={**os.environ, "TZ": "UTC"})
        if completed.returncode == 0 and len(completed.stdout.strip()) == 10:
            return completed.stdout.strip()
    except OSError:
        pass
    return datetime.now(UTC).strftime("%Y-%m-%d")


def build_site(project: Path, *, output: Path | None = None, ingest: bool = True,
               search_index: bool = True, lock_wait: float | None = None,
               on_wait: Callable[[str], None] | None = None, keep_going: bool = False) -> BuildResult:
    """Build the site of ``project`` into ``output`` (default: project/output).

    Any error leaves ``output`` as it was; ``keep_going`` writes the site anyway (for local inspection).

    One build (or ingest) of a project at a time: a second one waits up to ``lock_wait`` seconds
    (default: see model.lockfile), then stops with an error naming the running one's pid.
    """
    output_dir = output or project / "output"
    check_output_location(project, output_dir)
    with project_lock(project, "build", wait=lock_wait, on_wait=on_wait):
        remove_leftovers(output_dir)
        result = _build_locked(project, output_dir, ingest=ingest, search_index=search_index, keep_going=keep_going)
    result.diagnostics = unique(result.diagnostics)
    return result


def _build_locked(project: Path, output_dir: Path, *, ingest: bool, search_index: bool,
                  keep_going: bool) -> BuildResult:
    result = BuildResult(output_dir=output_dir)
    assert result.output_dir is not None
    if ingest:
        result.diagnostics.extend(held_for_review_once(ingest_project(project, report_orphans=False).diagnostics))
    config, studies, themes = load_brief(project, result)
    updated = config.updated or build_date(project)
    site = assemble_site(project, config, studies, themes, result, broken=broken_records(project, studies))
    try:
        staging = staging_dir(result.output_dir)
        _write_site(project, staging, site, config, updated, result)
        if search_index:
            _index_search(staging, result)
        if not result.ok and not keep_going:
            discard(staging)
            return result
        swap_in(staging, result.output_dir)
    except BaseException:
        # A stop signal can land between creating the staging folder and naming it here; under the
        # project's lock every staging folder beside output/ is this build's, so all are removed.
        remove_leftovers(result.output_dir)
        raise
    result.written = True
    result.pages = [p.path for p in site.pages]
    return result


def held_for_review_once(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Ingest's diagnostics, less its error for a record it wrote as needs-review: that error makes
    ``ingest`` exit 1; the build reports the same record once, as the warning ``check`` gives too
    (unpublished_warnings), and the record stays out of the site."""
    return [d for d in diagnostics if not (d.is_error and d.fix == NEEDS_REVIEW_FIX)]


def load_brief(project: Path, result: BuildResult) -> tuple[SiteConfig, list[Study], list[Theme]]:
    """Settings, valid studies and themes, their problems added to ``result``; shared by build and check."""
    config, problems = load_config(project)
    result.diagnostics.extend(problems)
    studies, problems = load_studies(project)
    result.diagnostics.extend(problems)
    themes, problems = load_themes(project)
    result.diagnostics.extend(problems)
    if not (project / "content" / "about.md").is_file():
        result.diagnostics.append(warning(
            "content/about.md", "no content/about.md, so the site has no 'How this brief was made' page",
            "Write content/about.md: how studies were found, chosen and read"))
    return config, studies, themes


def broken_records(project: Path, studies: list[Study]) -> frozenset[str]:
    """Ids of record files that gave no study (invalid YAML or schema): their own errors say why, so
    citations of them are not reported again."""
    valid = {s.id for s in studies}
    return frozenset(p.stem for p in record_files(project / "content" / "studies") if p.stem not in valid)


def unique(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Each diagnostic once (ingest and the build both read the records, and may both report one)."""
    return list(dict.fromkeys(diagnostics))


def assemble_site(project: Path, config: SiteConfig, studies: list[Study], themes: list[Theme],
                  result: BuildResult, *, broken: frozenset[str] = frozenset()) -> SiteModel:
    """Synthesis and site model from loaded content; shared by ``build``, ``check`` and the live preview.

    ``broken``: ids of records that failed to load; citing them is not reported again (see follows_from).
    """
    before = len(result.diagnostics)
    site = _assemble(project, config, studies, themes, result)
    result.diagnostics[before:] = [d for d in result.diagnostics[before:] if not follows_from(d, broken)]
    return site


def follows_from(diagnostic: Diagnostic, broken: frozenset[str]) -> bool:
    """True for an error that only repeats another one: a citation of, or finding naming, a broken record."""
    return any(f"'@{study_id}'" in diagnostic.message or f"cites '{study_id}'" in diagnostic.message
               for study_id in broken)


def _assemble(project: Path, config: SiteConfig, studies: list[Study], themes: list[Theme],
              result: BuildResult) -> SiteModel:
    studies = mark_missing_sources(project, studies)
    result.diagnostics.extend(unpublished_warnings(studies))
    result.diagnostics.extend(prisma_problems(project, config, studies))
    tools, problems = load_appraisal_tools(project)
    result.diagnostics.extend(problems)
    published = [s for s in studies if s.published]
    matches = assign_themes(published, themes)
    result.diagnostics.extend(check_findings(themes, {s.id for s in published}))
    text = build_brief_text(project, studies, themes, config, result)
    return build_site_model(config, studies, themes, text, matches, appraisal_tools=tools)


def mark_missing_sources(project: Path, studies: list[Study]) -> list[Study]:
    """Studies whose source files have all gone from seeds/ (orphans), marked so they are not published
    unless a curator keeps them; others unchanged (the same objects, which the preview memoises on)."""
    return [replace(s, source_missing=True) if is_orphan([v.file for v in s.sources], project) else s
            for s in studies]


def unpublished_warnings(studies: list[Study]) -> list[Diagnostic]:
    """One warning per record left out of the site for a reason a curator must act on."""
    problems: list[Diagnostic] = []
    for study in studies:
        rel = f"content/studies/{study.id}.yaml"
        if study.needs_review:
            problems.append(needs_review_warning(rel, study.extraction_notes))
        if study.source_missing and not study.keep_without_source:
            problems.append(orphan_warning(rel, [v.file for v in study.sources]))
    return problems


def build_brief_text(project: Path, studies: list[Study], themes: list[Theme], config: SiteConfig,
                result: BuildResult) -> BriefText:
    """The curated Markdown of content/, rendered safely, citations resolved."""
    known = {s.id for s in studies if s.published}
    labels = {s.id: study_label(s) for s in studies}
    cited: dict[str, tuple[str, ...]] = {}

    def render(path: Path, text: str, page_path: str, first_line: int = 1, key: str = "") -> Markup:
        named = set(_CITED_ID.findall(text))
        rendered = _render_markdown_once(text, path.relative_to(project).as_posix(), page_path, first_line, config,
                                         frozenset(named & known), tuple(sorted((i, labels[i]) for i in named
                                                                                if i in labels)))
        result.diagnostics.extend(rendered.diagnostics)
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
    return BriefText(key_messages, about, narratives, {t.id: cited.get(t.id, ()) for t in themes})


_CITED_ID = re.compile(r"@([\w.-]+)")


@lru_cache(maxsize=256)
def _render_markdown_once(text: str, rel: str, page_path: str, first_line: int, config: SiteConfig,
                          known: frozenset[str], labels: tuple[tuple[str, str], ...]) -> RenderedText:
    """The brief's Markdown for one page; memoised on everything it depends on (the live preview
    re-renders it on every save otherwise)."""
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


def _write_site(project: Path, staging: Path, site: SiteModel, config: SiteConfig, updated: str,
                result: BuildResult) -> None:
    env = build_environment(project)
    for page in site.pages:
        try:
            html = render_site_page(env, page, config, updated)
        except TemplateError as exc:
            result.diagnostics.append(template_error(exc, page))
            continue
        write_file(staging, urls.output_file(page.path), html)
    for path, text in published_files(config, generated_files(config, site.studies, site.pages, updated)).items():
        write_file(staging, path, text)
    copy_assets(project, staging, config.logo)


def published_files(config: SiteConfig, files: dict[str, str]) -> dict[str, str]:
    """The generated files, less the sitemap and feed of a local-only site (``base_url: null``): their
    addresses must be absolute, and there is no public address to give them."""
    if not config.local_only:
        return files
    kept = {path: text for path, text in files.items() if path not in (urls.SITEMAP, urls.FEED)}
    kept[urls.ROBOTS] = "User-agent: *\nAllow: /\n"
    return kept


def render_site_page(env: Environment, page: Page, config: SiteConfig, updated: str) -> str:
    """One page's HTML, head metadata included; template errors propagate (see template_error)."""
    return render_page(env, _with_head(page, config, updated), config, updated=updated, downloads=list(DOWNLOADS))


def template_error(exc: TemplateError, page: Page) -> Diagnostic:
    """The diagnostic for a template that failed while rendering ``page``: template file and line."""
    name, line = _template_location(exc, page.template)
    return error(f"templates/{name}", f"template error while rendering /{page.path}: {exc}", "Fix the template",
                 line=line)


def copy_assets(project: Path, root: Path, logo: str = "") -> None:
    """The design's static files into root/assets/ (project files override the defaults), favicon at the root,
    and site.yaml's ``logo`` (generator/design.py)."""
    for folder in reversed(template_dirs(project)):
        static = folder / "static"
        if static.is_dir():
            copy_static(static, root, "assets/")
    favicon = root / "assets" / urls.FAVICON
    if favicon.is_file():
        write_file(root, urls.FAVICON, favicon.read_bytes())
    copy_logo(project, logo, root, write_file)


def _template_location(exc: TemplateError, fallback: str) -> tuple[str, int | None]:
    """The template file and line where rendering failed (Jinja puts them in the traceback)."""
    name, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if name:
        return Path(name).name, line
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith((".html", ".xml", ".j2")):
            return Path(frame.filename).name, frame.lineno
    return fallback, None


def _index_search(staging: Path, result: BuildResult) -> None:
    """Build the Pagefind index (offline, static) into output/pagefind/."""
    command = [sys.executable, "-m", "pagefind", "--site", str(staging), "--silent"]
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
