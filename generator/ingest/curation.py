"""Re-ingest without losing a curator's work: a three-way merge per field.

Each record stores, under ``ingested``, a fingerprint of every field as ingest last wrote it.
On the next ingest, for each field:

- the curator did not touch it            -> take the new extraction (a better extractor wins);
- the curator changed it, extraction same -> keep the curator's value;
- both changed to different values        -> conflict: the record is left exactly as it is and
  the new extraction is written beside it as ``<id>.incoming.yaml`` for the curator to review.

Curation keys (status, verified, notes, ...) and keys people added are never touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model.record import (
    CURATION_KEYS,
    EXTRACTED_KEYS,
    INGESTED_KEY,
    KEY_ORDER,
    fingerprint,
    fingerprints,
    missing_fields,
    ordered,
)


@dataclass(frozen=True)
class MergeResult:
    """What to write: the record, and the incoming extraction when fields conflict."""

    record: dict[str, Any]
    incoming: dict[str, Any] | None
    conflicting_fields: tuple[str, ...]
    kept_edits: tuple[str, ...]


def stamp(record: dict[str, Any]) -> dict[str, Any]:
    """A freshly built record with its ``ingested`` fingerprints, ready to write."""
    return ordered({**record, INGESTED_KEY: fingerprints(record)})


def merge_with_existing(existing: dict[str, Any], fresh: dict[str, Any]) -> MergeResult:
    """Merge a new extraction into the record on disk, keeping hand edits (see module doc)."""
    fresh = {**fresh, "id": existing.get("id", fresh["id"])}
    base = existing.get(INGESTED_KEY)
    base = base if isinstance(base, dict) else {}
    merged = dict(existing)
    conflicts: list[str] = []
    kept: list[str] = []
    for key in EXTRACTED_KEYS:
        mine, theirs = existing.get(key), fresh.get(key)
        curator_changed = key in existing and fingerprint(mine) != base.get(key)
        extractor_changed = fingerprint(theirs) != base.get(key)
        if not curator_changed:
            merged[key] = theirs
        elif not extractor_changed or fingerprint(mine) == fingerprint(theirs):
            kept.append(key)
        else:
            conflicts.append(key)
    if conflicts:
        incoming = {key: existing[key] for key in CURATION_KEYS if key in existing}
        incoming = ordered({**fresh, **incoming, INGESTED_KEY: fingerprints(fresh)})
        return MergeResult(existing, incoming, tuple(conflicts), tuple(kept))
    for key in ("source", "other_sources", "conflicts"):
        merged[key] = fresh[key]
    merged["missing"] = missing_fields(merged)
    merged[INGESTED_KEY] = fingerprints(fresh)
    return MergeResult(ordered(merged), None, (), tuple(kept))


def new_record(fresh: dict[str, Any]) -> dict[str, Any]:
    """A record for a study seen for the first time."""
    assert set(KEY_ORDER) >= set(fresh), "record keys must be declared in model.record"
    return stamp(fresh)
