"""content/ to model objects: the validated studies a build renders.

An invalid record is reported and left out of the site (never half-rendered); excluded studies
are loaded so counts can mention them, and the site filters them out.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Diagnostic
from .schema import validate_record
from .store import load_records
from .study import Study, study_from_record


def load_studies(project: Path) -> tuple[list[Study], list[Diagnostic]]:
    """Every valid study in content/studies/, sorted by id, and the problems found."""
    records, diagnostics = load_records(project / "content" / "studies", project)
    studies: list[Study] = []
    for record in records:
        problems = validate_record(record)
        diagnostics.extend(problems)
        if not any(p.is_error for p in problems):
            studies.append(study_from_record(record.data))
    return sorted(studies, key=lambda s: s.id), diagnostics
