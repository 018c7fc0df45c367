"""``evidence-brief check``: every record valid against the schema; incoming extractions listed."""

from __future__ import annotations

from pathlib import Path

from .errors import Diagnostic, warning
from .model.schema import validate_record
from .model.store import incoming_files, load_records


def check_project(project: Path) -> list[Diagnostic]:
    """All problems in content/studies/, each naming its file, line, field and fix."""
    studies = project / "content" / "studies"
    records, diagnostics = load_records(studies, project)
    seen_ids: dict[str, str] = {}
    for record in records:
        diagnostics.extend(validate_record(record))
        other = seen_ids.setdefault(record.study_id, record.rel_path)
        if other != record.rel_path:
            diagnostics.append(warning(record.rel_path, f"id '{record.study_id}' is also used by {other}",
                                       "Give one of them another id", line=record.loaded.line_of(("id",))))
    for path in incoming_files(studies):
        rel = path.relative_to(project).as_posix()
        diagnostics.append(warning(rel, "a new extraction is waiting for review (it conflicts with hand edits)",
                                   "Merge what you want into the record, then delete this file"))
    return diagnostics
