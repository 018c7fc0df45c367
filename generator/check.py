"""``evidence-brief check``: everything a build would complain about, without writing a site (for CI).

Records against the schema, incoming extractions waiting for review, records ingest marked
``needs-review`` and records whose source files have gone (both listed by ``assemble_site``, as a
build lists them), site.yaml, theme files, and the brief's own text (every cited study must exist
and be published; every CERQual finding too).
"""

from __future__ import annotations

from pathlib import Path

from .build import BuildResult, assemble_site
from .config import load_config
from .errors import Diagnostic, warning
from .model.schema import validate_record
from .model.store import incoming_files, load_records
from .model.study import study_from_record
from .synthesis.themes import load_themes


def check_project(project: Path) -> list[Diagnostic]:
    """All problems in the brief's sources, each naming its file, line, field and fix."""
    studies_dir = project / "content" / "studies"
    records, diagnostics = load_records(studies_dir, project)
    seen_ids: dict[str, str] = {}
    studies = []
    for record in records:
        problems = validate_record(record)
        diagnostics.extend(problems)
        if not any(p.is_error for p in problems):
            studies.append(study_from_record(record.data))
        other = seen_ids.setdefault(record.study_id, record.rel_path)
        if other != record.rel_path:
            diagnostics.append(warning(record.rel_path, f"id '{record.study_id}' is also used by {other}",
                                       "Give one of them another id", line=record.loaded.line_of(("id",))))
    for path in incoming_files(studies_dir):
        rel = path.relative_to(project).as_posix()
        diagnostics.append(warning(rel, "a new extraction is waiting for review (it conflicts with hand edits)",
                                   "Merge what you want into the record, then delete this file"))
    config, problems = load_config(project)
    themes, theme_problems = load_themes(project)
    result = BuildResult()
    assemble_site(project, config, sorted(studies, key=lambda s: s.id), themes, result)
    return diagnostics + [p for p in problems if p.is_error] + theme_problems + result.diagnostics
