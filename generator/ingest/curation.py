"""Re-ingest without losing a curator's work: a three-way merge per field.

Each record stores, under ``ingested``, a fingerprint of every field as ingest last wrote it.
On the next ingest, for each field:

- the curator did not touch it            -> take the new extraction (a better extractor wins);
- the curator changed it, extraction same -> keep the curator's value;
- both changed to different values        -> conflict: the record is left exactly as it is and
  the new extraction is written beside it as ``<id>.incoming.yaml`` for the curator to review.

Curation keys (status, verified, notes, ...) and keys people added are never touched, with one
exception: the plausibility checks (see ``plausibility``) run on every record about to be written,
and a record that fails them gets ``status: needs-review`` with the reasons under
``extraction_notes``. Ingest only moves a status it set itself: ``ingested.status`` holds the
fingerprint of the status ingest last wrote, so a status a person chose (or any record a person
marked ``verified``) is never changed; the reasons are still noted and reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model.record import (
    CURATION_DEFAULTS,
    CURATION_KEYS,
    EXTRACTED_KEYS,
    INCLUDED,
    INGESTED_KEY,
    KEY_ORDER,
    NEEDS_REVIEW,
    fingerprint,
    fingerprints,
    missing_fields,
    ordered,
)
from .plausibility import record_problems

#: The key under ``ingested`` that holds the fingerprint of the status ingest last wrote.
STATUS_KEY = "status"


@dataclass(frozen=True)
class Review:
    """What the plausibility checks made of a record about to be written, and what ingest did about it."""

    reasons: tuple[str, ...]
    status: str
    previous_status: str | None = None
    person_owns_status: bool = False
    #: Reasons the record on disk did not list yet (what a person has not been told about).
    new_reasons: tuple[str, ...] = ()

    @property
    def lifted(self) -> bool:
        """Ingest had marked the record for review, and the checks pass now (a reader improved)."""
        return self.previous_status == NEEDS_REVIEW and self.status == INCLUDED and not self.person_owns_status


@dataclass(frozen=True)
class MergeResult:
    """What to write: the record, and the incoming extraction when fields conflict."""

    record: dict[str, Any]
    incoming: dict[str, Any] | None
    conflicting_fields: tuple[str, ...]
    kept_edits: tuple[str, ...]
    review: Review | None = None


def stamp(record: dict[str, Any]) -> dict[str, Any]:
    """A freshly built record with its ``ingested`` fingerprints (status included), ready to write."""
    marks = {**fingerprints(record), STATUS_KEY: fingerprint(record.get("status"))}
    return ordered({**record, INGESTED_KEY: marks})


def person_owns_status(record: dict[str, Any]) -> bool:
    """Whether a person has set the record's status (or vouched for the record by marking it verified).

    Records written before ingest fingerprinted the status hold ingest's default there.
    """
    if record.get("verified") is True:
        return True
    marks = record.get(INGESTED_KEY)
    written = marks.get(STATUS_KEY) if isinstance(marks, dict) else None
    return fingerprint(record.get("status")) != (written or fingerprint(CURATION_DEFAULTS["status"]))


def review_record(record: dict[str, Any], previous: dict[str, Any] | None) -> tuple[dict[str, Any], Review]:
    """``record`` with the status and ``extraction_notes`` the plausibility checks call for.

    ``previous`` is the record on disk (None for a new study): its status stays when a person set it.
    Notes already in ``record`` (from the readers) are kept before the reasons.
    """
    reasons = tuple(record_problems(record))
    notes = list(dict.fromkeys([*(record.get("extraction_notes") or []), *reasons]))
    if previous is None:
        status = NEEDS_REVIEW if reasons else str(record.get("status", INCLUDED))
        return {**record, "status": status, "extraction_notes": notes}, Review(reasons, status, new_reasons=reasons)
    owned = person_owns_status(previous)
    before = previous.get("status")
    status = str(before) if owned else NEEDS_REVIEW if reasons else INCLUDED
    told = set(previous.get("extraction_notes") or [])
    review = Review(reasons, status, str(before) if before is not None else None, owned,
                    tuple(r for r in reasons if r not in told))
    return {**record, "status": status, "extraction_notes": notes}, review


def merge_with_existing(existing: dict[str, Any], fresh: dict[str, Any]) -> MergeResult:
    """Merge a new extraction into the record on disk, keeping hand edits (see module doc)."""
    fresh = {**fresh, "id": existing.get("id", fresh["id"])}
    base = existing.get(INGESTED_KEY)
    base = base if isinstance(base, dict) else {}
    merged = dict(existing)
    conflicts: list[str] = []
    kept: list[str] = []
    fresh_marks = fingerprints(fresh)  # each value hashed once: this runs for every record on every ingest
    for key in EXTRACTED_KEYS:
        theirs = fresh.get(key)
        mine_mark = fingerprint(existing.get(key)) if key in existing else None
        curator_changed = mine_mark is not None and mine_mark != base.get(key)
        extractor_changed = fresh_marks[key] != base.get(key)
        if not curator_changed:
            merged[key] = theirs
        elif not extractor_changed or mine_mark == fresh_marks[key]:
            kept.append(key)
        else:
            conflicts.append(key)
    if conflicts:
        incoming = {key: existing[key] for key in CURATION_KEYS if key in existing}
        incoming = ordered({**fresh, **incoming, INGESTED_KEY: dict(fresh_marks)})
        return MergeResult(existing, incoming, tuple(conflicts), tuple(kept))
    for key in ("source", "other_sources", "conflicts"):
        merged[key] = fresh[key]
    merged["extraction_notes"] = fresh.get("extraction_notes") or []
    merged["missing"] = missing_fields(merged)
    merged, review = review_record(merged, existing)
    marks: dict[str, Any] = dict(fresh_marks)
    status_mark = _status_mark(existing, review)
    if status_mark is not None:
        marks[STATUS_KEY] = status_mark
    merged[INGESTED_KEY] = marks
    return MergeResult(ordered(merged), None, (), tuple(kept), review)


def _status_mark(existing: dict[str, Any], review: Review) -> str | None:
    """The status fingerprint to keep: of ingest's new status, or unchanged when a person owns it."""
    if not review.person_owns_status:
        return fingerprint(review.status)
    old = existing.get(INGESTED_KEY)
    mark = old.get(STATUS_KEY) if isinstance(old, dict) else None
    return mark if isinstance(mark, str) else None


def new_record(fresh: dict[str, Any]) -> tuple[dict[str, Any], Review]:
    """A record for a study seen for the first time, checked for plausibility."""
    assert set(KEY_ORDER) >= set(fresh), "record keys must be declared in model.record"
    record, review = review_record(fresh, None)
    return stamp(record), review
