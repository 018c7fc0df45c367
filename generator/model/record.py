"""The study record as stored in content/studies/<id>.yaml: its keys, their order and their groups.

The record is plain data (a dict) because curators edit it as YAML; this module is the single
place that says which keys exist, which ones ingest owns and which ones belong to people.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

#: Keys a person owns: ingest writes defaults once and never changes them afterwards. The one
#: exception is ``status``: ingest may set ``needs-review``, and lift it again, while no person has
#: touched it (see ingest.curation).
CURATION_KEYS: tuple[str, ...] = ("status", "exclusion_reason", "excluded_at", "verified", "notes", "themes_pinned",
                                  "themes_excluded", "appraisal", "keep_without_source", "not_stated")
CURATION_DEFAULTS: dict[str, Any] = {"status": "included", "exclusion_reason": None, "verified": False,
                                     "notes": None}

#: Keys ingest extracts from sources, in the order records show them.
EXTRACTED_KEYS: tuple[str, ...] = (
    "title", "authors", "year", "date", "journal", "journal_abbrev", "volume", "issue", "pages", "doi",
    "url", "publication_type", "peer_reviewed", "publication_note", "language", "design", "sample_size",
    "participants", "settings", "setting_detail", "keywords", "abstract", "translations",
    "citation_statements", "cited_by", "identifiers",
)

#: Fields whose absence a curator should see (listed under ``missing`` when empty).
REPORTED_MISSING: tuple[str, ...] = (
    "title", "authors", "year", "journal", "volume", "issue", "pages", "doi", "abstract", "keywords",
    "design", "sample_size", "participants", "settings", "peer_reviewed", "publication_type",
)

#: Status of a record ingest doubts (it failed a plausibility check): written, never published.
NEEDS_REVIEW = "needs-review"
#: The only status that publishes a study.
INCLUDED = "included"

#: Provenance keys, written after the content. ``extraction_notes``: what ingest wants a person to
#: know about its reading of the sources (why the record needs review, numbers it could not settle).
SOURCE_KEYS: tuple[str, ...] = ("missing", "extraction_notes", "source", "other_sources", "conflicts")

#: Bookkeeping: per-field fingerprints of what ingest last wrote, to tell hand edits apart.
INGESTED_KEY = "ingested"

KEY_ORDER: tuple[str, ...] = ("id", *CURATION_KEYS, *EXTRACTED_KEYS, *SOURCE_KEYS, INGESTED_KEY)


def is_empty(value: Any) -> bool:
    """None, an empty string, list or mapping: the source did not state it."""
    return value is None or value == "" or value == [] or value == {}


def missing_fields(record: dict[str, Any]) -> list[str]:
    """The reported fields that are empty in ``record``, in display order; fields a curator checked the
    source does not state (``not_stated: [doi]``) are closed, not missing."""
    return [key for key in REPORTED_MISSING if is_empty(record.get(key)) and key not in checked_not_stated(record)]


def checked_not_stated(record: dict[str, Any]) -> tuple[str, ...]:
    """The fields a curator checked the source does not state (``not_stated: [...]``)."""
    value = record.get("not_stated")
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def fingerprint(value: Any) -> str:
    """A short, stable hash of a field's value (12 hex digits are plenty per record)."""
    canonical = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def fingerprints(record: dict[str, Any]) -> dict[str, str]:
    """Fingerprints of every extracted field, the way ingest stores them under ``ingested``."""
    return {key: fingerprint(record.get(key)) for key in EXTRACTED_KEYS}


def source_files(record: dict[str, Any]) -> list[str]:
    """The seed files a record was read from (``source`` and ``other_sources``); none for hand-written ones."""
    sources = [record.get("source"), *(record.get("other_sources") or [])]
    return [s["file"] for s in sources if isinstance(s, dict) and isinstance(s.get("file"), str) and s["file"]]


def missing_files(files: Iterable[str], project: Path) -> list[str]:
    """The project-relative ``files`` that no longer exist."""
    return [name for name in files if not (project / name).is_file()]


def is_orphan(files: Iterable[str], project: Path) -> bool:
    """A record read from sources that have all disappeared (a record without sources is no orphan)."""
    files = list(files)
    return bool(files) and len(missing_files(files, project)) == len(files)


def ordered(record: dict[str, Any]) -> dict[str, Any]:
    """The record with keys in the documented order; keys people added keep their place at the end."""
    result = {key: record[key] for key in KEY_ORDER if key in record and key != INGESTED_KEY}
    for key, value in record.items():
        if key not in result and key != INGESTED_KEY:
            result[key] = value
    if INGESTED_KEY in record:
        result[INGESTED_KEY] = record[INGESTED_KEY]
    return result
