"""Extractions to study records: one record per study, however many documents carry it.

Two documents describe the same study when they share a DOI, or a normalised title and year.
The first source (by file name and position) leads; later ones fill what it left empty and every
disagreement is listed under ``conflicts`` instead of being settled silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model.identity import identity_keys
from ..model.record import CURATION_DEFAULTS, EXTRACTED_KEYS, is_empty, missing_fields, ordered
from .base import AbstractSection, Extraction
from .derive import derive
from .normalize import language_tag


@dataclass(frozen=True)
class SourceRef:
    """Where an extraction came from: enough to find it again and to notice the file changed."""

    file: str
    record: int
    line: int
    sha256: str
    format: str

    def as_dict(self, stripped: tuple[str, ...]) -> dict[str, Any]:
        return {"file": self.file, "record": self.record, "line": self.line, "sha256": self.sha256,
                "format": self.format, "stripped": list(stripped)}


@dataclass(frozen=True)
class Found:
    """One extraction together with its source."""

    extraction: Extraction
    source: SourceRef


def extraction_fields(extraction: Extraction) -> dict[str, Any]:
    """The record fields (plain YAML-ready values) for one extraction, derived fields included."""
    derived = derive(extraction)
    return {
        "title": extraction.title,
        "authors": list(extraction.authors),
        "year": extraction.year,
        "date": extraction.date,
        "journal": extraction.journal,
        "journal_abbrev": extraction.journal_abbrev,
        "volume": extraction.volume,
        "issue": extraction.issue,
        "pages": extraction.pages,
        "doi": extraction.doi,
        "url": extraction.url,
        "publication_type": extraction.publication_type,
        "peer_reviewed": extraction.peer_reviewed,
        "publication_note": extraction.publication_note,
        "language": language_tag(extraction.language),
        "design": derived.design,
        "sample_size": derived.sample_size,
        "participants": derived.participants,
        "settings": list(derived.settings),
        "setting_detail": derived.setting_detail,
        "keywords": list(extraction.keywords),
        "abstract": _sections(extraction.abstract),
        "translations": {t.lang: {"title": t.title, "abstract": _sections(t.abstract), "note": t.note,
                                  "machine_translated": t.machine_translated}
                         for t in extraction.translations},
        "citation_statements": [{"text": c.text, "section": c.section, "type": c.citation_type,
                                 "confidence": c.confidence} for c in extraction.citation_statements],
        "cited_by": dict(extraction.cited_by) or None,
        "identifiers": dict(extraction.identifiers),
    }


def _sections(sections: tuple[AbstractSection, ...]) -> list[dict[str, Any]]:
    return [{"heading": s.heading, "text": s.text} for s in sections]


def group_same_study(found: list[Found]) -> list[list[Found]]:
    """Groups of extractions describing the same study, in first-seen order."""
    groups: list[list[Found]] = []
    by_key: dict[str, int] = {}
    for item in found:
        keys = _identity_keys(item.extraction)
        index = next((by_key[k] for k in keys if k in by_key), None)
        if index is None:
            index = len(groups)
            groups.append([])
        groups[index].append(item)
        for key in keys:
            by_key.setdefault(key, index)
    return groups


def _identity_keys(extraction: Extraction) -> list[str]:
    return identity_keys(doi=extraction.doi, title=extraction.title, year=extraction.year)


def build_record(group: list[Found], study_id: str) -> dict[str, Any]:
    """One record from the extractions of one study; curation keys get their defaults."""
    per_source = [extraction_fields(item.extraction) for item in group]
    fields: dict[str, Any] = {}
    conflicts: list[dict[str, Any]] = []
    for key in EXTRACTED_KEYS:
        values = [fields_[key] for fields_ in per_source]
        fields[key] = next((v for v in values if not is_empty(v)), values[0])
        distinct = _distinct_values(values, group)
        if len(distinct) > 1:
            conflicts.append({"field": key, "values": distinct})
    record: dict[str, Any] = {"id": study_id, **CURATION_DEFAULTS, **fields}
    record["missing"] = missing_fields(record)
    record["source"] = group[0].source.as_dict(group[0].extraction.stripped)
    record["other_sources"] = [item.source.as_dict(item.extraction.stripped) for item in group[1:]]
    record["conflicts"] = conflicts
    return ordered(record)


def _distinct_values(values: list[Any], group: list[Found]) -> list[dict[str, Any]]:
    """Each source's differing non-empty value, named by its file, when sources disagree."""
    seen: list[Any] = []
    result: list[dict[str, Any]] = []
    for value, item in zip(values, group):
        if is_empty(value) or value in seen:
            continue
        seen.append(value)
        result.append({"source": f"{item.source.file}#{item.source.record}", "value": value})
    return result
