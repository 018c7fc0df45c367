"""content/studies/ to model objects: the validated studies a build renders, each id once.

The one record loader: the pipeline (generator/pipeline.py, behind build, serve and check) keeps its
LoadedRecords between runs; ``load_studies`` reads them all at once for tools and tests. An invalid
record is reported and left out of the site (never half-rendered); a second file with an id already
taken is an error and left out too (both would be written to one page). Excluded studies are loaded
so counts can mention them, and the site filters them out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import Diagnostic, error
from .schema import missing_facts_warning, validate_record
from .store import RecordMemo, load_record, record_files
from .study import Study, study_from_record
from .vocabulary import Vocabulary

#: What a loaded record is valid for: the digest of its bytes and the vocabulary it was checked against.
RecordKey = tuple[bytes, Vocabulary | None]


@dataclass(frozen=True)
class LoadedRecord:
    """One record file: its id, its study (None when it has errors) and every problem found in it."""

    key: RecordKey
    study_id: str | None
    study: Study | None
    diagnostics: tuple[Diagnostic, ...]
    id_line: int | None = None


def record_key(data: bytes, vocabulary: Vocabulary | None) -> RecordKey:
    """Keyed by content, not (mtime, size): a same-size save within one clock tick is never missed."""
    return hashlib.blake2b(data, digest_size=16).digest(), vocabulary


def load_one_record(path: Path, project: Path, key: RecordKey, parsed: RecordMemo | None = None) -> LoadedRecord:
    """One record file read, validated and turned into a study (None when it has errors); the
    facts its sources did not state are warned about here, as ingest warns about them. ``parsed``:
    the files ingest has just parsed, so a build parses each record once."""
    record, problem = load_record(path, project, parsed)
    if record is None:
        return LoadedRecord(key, None, None, (problem,) if problem else ())
    problems = validate_record(record)
    missing = missing_facts_warning(record.data, record.rel_path)
    if missing is not None:
        problems.append(missing)
    study = None if any(p.is_error for p in problems) else study_from_record(record.data)
    return LoadedRecord(key, record.study_id, study, tuple(problems), record.loaded.line_of(("id",)))


def studies_of(records: Mapping[str, LoadedRecord]) -> tuple[list[Study], frozenset[str], list[Diagnostic]]:
    """Valid studies sorted by id, each id once (the first file by path keeps it); the names of record
    files that gave no study (their own errors say why); and every problem."""
    diagnostics: list[Diagnostic] = []
    studies: list[Study] = []
    owners: dict[str, str] = {}
    broken: set[str] = set()
    for rel in sorted(records):
        loaded = records[rel]
        diagnostics.extend(loaded.diagnostics)
        if loaded.study_id is not None:
            other = owners.setdefault(loaded.study_id, rel)
            if other != rel:
                diagnostics.append(duplicate_id_error(rel, loaded.study_id, other, loaded.id_line))
                continue
        if loaded.study is None:
            broken.add(Path(rel).stem)
        else:
            studies.append(loaded.study)
    return sorted(studies, key=lambda s: s.id), frozenset(broken - {s.id for s in studies}), diagnostics


def duplicate_id_error(rel: str, study_id: str, other: str, line: int | None = None) -> Diagnostic:
    """Two records with one id would be written to one page, the last one winning: an error."""
    return error(rel, f"id '{study_id}' is also used by {other}, so this record is left out",
                 "Give one of them another id", line=line)


def load_studies(project: Path) -> tuple[list[Study], list[Diagnostic]]:
    """Every valid study in content/studies/, sorted by id, and the problems found."""
    records = {}
    for path in record_files(project / "content" / "studies"):
        try:
            key = record_key(path.read_bytes(), None)
        except OSError:
            key = (b"", None)
        records[path.relative_to(project).as_posix()] = load_one_record(path, project, key)
    studies, _, diagnostics = studies_of(records)
    return studies, diagnostics
