"""Extractions to study records: one record per study, however many documents carry it.

Two documents describe the same study when they share a DOI, or a normalised title and year that
their authors and DOIs do not contradict (the rules are in ``model.identity``).
The first source (by file name and position) leads; later ones fill what it left empty and every
disagreement is listed under ``conflicts`` instead of being settled silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import Diagnostic, info
from ..model.identity import StudyIdentity, Verdict, compare, identity_keys
from ..model.record import CURATION_DEFAULTS, EXTRACTED_KEYS, is_empty, missing_fields, ordered
from ..model.vocabulary import DEFAULT_VOCABULARY, Vocabulary
from .base import AbstractSection, Extraction
from .derive import Derived, derive
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
    # Fields already derived with a vocabulary (by a worker process that read the seed), or None.
    derived: tuple[Vocabulary, Derived] | None = field(default=None, compare=False, repr=False)

    def derived_with(self, vocabulary: Vocabulary) -> Derived | None:
        """The fields derived in advance, if they were derived with this vocabulary."""
        return self.derived[1] if self.derived is not None and self.derived[0] == vocabulary else None


def extraction_fields(extraction: Extraction, vocabulary: Vocabulary = DEFAULT_VOCABULARY,
                      derived: Derived | None = None) -> dict[str, Any]:
    """The record fields (plain YAML-ready values) for one extraction, derived fields included
    (``derived``: what ``derive`` gave for it with ``vocabulary``, when already worked out)."""
    derived = derived if derived is not None else derive(extraction, vocabulary)
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
        "extraction_notes": list(derived.notes),
    }


def _sections(sections: tuple[AbstractSection, ...]) -> list[dict[str, Any]]:
    return [{"heading": s.heading, "text": s.text} for s in sections]


@dataclass(frozen=True)
class Grouping:
    """Extractions grouped by study, and notes on same-titled reports that were kept apart."""

    groups: list[list[Found]]
    notes: list[Diagnostic]


def group_studies(found: list[Found]) -> Grouping:
    """Group extractions by study (rules in ``model.identity``), noting titles shared by two studies.

    An extraction joins the first group holding its DOI; failing that, the first group whose
    reports share its title and year and none of which shows it to be another study.
    """
    groups: list[list[Found]] = []
    identities: list[list[StudyIdentity]] = []
    by_key: dict[str, list[int]] = {}
    notes: list[Diagnostic] = []
    for item in found:
        identity = found_identity(item)
        keys = _identity_keys(item.extraction)
        candidates = list(dict.fromkeys(index for key in keys for index in by_key.get(key, [])))
        index = _joinable_group(identity, candidates, identities) if candidates else None
        if index is None:
            notes += _kept_apart_notes(item, identity, candidates, groups, identities)
            index = len(groups)
            groups.append([])
            identities.append([])
        groups[index].append(item)
        identities[index].append(identity)
        for key in keys:
            if index not in by_key.setdefault(key, []):
                by_key[key].append(index)
    return Grouping(groups, notes)


def found_identity(item: Found) -> StudyIdentity:
    """The identity of one extraction (see ``model.identity.compare``)."""
    extraction = item.extraction
    return StudyIdentity.of(doi=extraction.doi, title=extraction.title, year=extraction.year,
                            authors=extraction.authors)


def _joinable_group(identity: StudyIdentity, candidates: list[int],
                    identities: list[list[StudyIdentity]]) -> int | None:
    """The group this report belongs to: a shared DOI first, then a title no member contradicts."""
    verdicts = {index: [compare(identity, member) for member in identities[index]] for index in candidates}
    for index in candidates:
        if Verdict.SAME_DOI in verdicts[index]:
            return index
    for index in candidates:
        if all(v.same_study or v is Verdict.UNRELATED for v in verdicts[index]) and any(
                v.same_study for v in verdicts[index]):
            return index
    return None


def _kept_apart_notes(item: Found, identity: StudyIdentity, candidates: list[int], groups: list[list[Found]],
                      identities: list[list[StudyIdentity]]) -> list[Diagnostic]:
    """An info for each earlier study that shares this report's title and year but is another study."""
    notes: list[Diagnostic] = []
    for index in candidates:
        pairs = [(other, compare(identity, member)) for other, member in zip(groups[index], identities[index])]
        other, verdict = next(((o, v) for o, v in pairs if v.kept_apart), (None, None))
        if other is None or verdict is None:
            continue
        why = ("no author in common" if verdict is Verdict.OTHER_AUTHORS else
               f"a different DOI ({item.extraction.doi} and {other.extraction.doi})")
        notes.append(info(item.source.file, f"same title and year as the record at {other.source.file}:"
                                            f"{other.source.line}, but {why}: kept as two studies",
                          "If they are one study, correct the authors or DOI in one of the sources",
                          line=item.source.line))
    return notes


def _identity_keys(extraction: Extraction) -> list[str]:
    return identity_keys(doi=extraction.doi, title=extraction.title, year=extraction.year)


def build_record(group: list[Found], study_id: str, vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> dict[str, Any]:
    """One record from the extractions of one study; curation keys get their defaults."""
    per_source = [extraction_fields(item.extraction, vocabulary, item.derived_with(vocabulary)) for item in group]
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
    # Why a derived field was left empty (e.g. two conflicting sample sizes), from every source.
    record["extraction_notes"] = list(dict.fromkeys(note for fields_ in per_source
                                                    for note in fields_["extraction_notes"]))
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
