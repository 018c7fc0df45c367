"""``evidence-brief check``: everything a build would report, without writing anything (for CI).

The same loading and assembly as ``build`` (see build.load_brief and build.assemble_site), so the two
never disagree: records against the schema, site.yaml, theme files, the brief's own text and findings,
records waiting for review or whose sources have gone, and every page rendered in memory so template
errors show too. On top: incoming extractions waiting for review and ids used twice. Only ingest's
reading of seeds/ is left to ``ingest`` and ``build`` (reading them is what writes records).
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import TemplateError

from .build import (
    BuildResult,
    assemble_site,
    broken_records,
    build_date,
    load_brief,
    render_site_page,
    template_error,
    unique,
)
from .config import SiteConfig
from .errors import Diagnostic, warning
from .model.schema import missing_facts_warning
from .model.store import incoming_files, load_records
from .render.env import build_environment
from .site.model import SiteModel


def check_project(project: Path) -> list[Diagnostic]:
    """All problems in the brief's sources, each naming its file, line, field and fix."""
    result = BuildResult()
    config, studies, themes = load_brief(project, result)
    site = assemble_site(project, config, studies, themes, result, broken=broken_records(project, studies))
    _render_in_memory(project, site, config, config.updated or build_date(project), result)
    return unique(result.diagnostics + _record_set_problems(project))


def _render_in_memory(project: Path, site: SiteModel, config: SiteConfig, updated: str, result: BuildResult) -> None:
    """Every page rendered and thrown away: a template error is reported as build reports it."""
    env = build_environment(project)
    for page in site.pages:
        try:
            render_site_page(env, page, config, updated)
        except TemplateError as exc:
            result.diagnostics.append(template_error(exc, page))


def _record_set_problems(project: Path) -> list[Diagnostic]:
    """Ids used by two files, and incoming extractions a curator has not merged yet."""
    studies_dir = project / "content" / "studies"
    records, _ = load_records(studies_dir, project)  # their own problems come from load_brief
    problems: list[Diagnostic] = []
    seen_ids: dict[str, str] = {}
    for record in records:
        missing = missing_facts_warning(record.data, record.rel_path)  # as ingest (and so build) reports it
        if missing is not None:
            problems.append(missing)
        other = seen_ids.setdefault(record.study_id, record.rel_path)
        if other != record.rel_path:
            problems.append(warning(record.rel_path, f"id '{record.study_id}' is also used by {other}",
                                    "Give one of them another id", line=record.loaded.line_of(("id",))))
    for path in incoming_files(studies_dir):
        rel = path.relative_to(project).as_posix()
        problems.append(warning(rel, "a new extraction is waiting for review (it conflicts with hand edits)",
                                "Merge what you want into the record, then delete this file"))
    return problems
