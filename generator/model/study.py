"""Studies as the site sees them: frozen, typed views of validated records from content/studies/.

Render stages read only these objects, never the YAML or the seeds, so a curator's edit to a
record is all it takes to change the site.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .appraisal import DEFAULT_TOOL, answer_value, record_tool_id
from .hashing import hashed_once
from .record import INCLUDED, NEEDS_REVIEW, checked_not_stated, is_empty, missing_fields
from .vocabulary import CASP_QUESTIONS


@dataclass(frozen=True)
class Section:
    heading: str | None
    text: str


@dataclass(frozen=True)
class Statement:
    """Another paper's words about the study."""

    text: str
    section: str | None
    kind: str | None
    confidence: int | None


@dataclass(frozen=True)
class TranslationView:
    lang: str
    title: str | None
    abstract: tuple[Section, ...]
    note: str | None
    machine_translated: bool | None


@dataclass(frozen=True)
class SourceView:
    file: str
    record: int
    format: str
    sha256: str
    stripped: tuple[str, ...]


@dataclass(frozen=True)
class Appraisal:
    """A curator's appraisal with the checklist ``tool`` names (model/appraisal.py): (criterion id,
    answer, note) per answered criterion, in checklist order for CASP and record order otherwise
    (pages order them by the tool's file)."""

    answers: tuple[tuple[str, str, str | None], ...]
    notes: str | None
    appraised_by: str | None
    tool: str = DEFAULT_TOOL

    def count(self, answer: str) -> int:
        return sum(a == answer for _, a, _ in self.answers)


@hashed_once
@dataclass(frozen=True)
class Study:
    """One study, published or not (excluded, needing review, orphaned); empty values mean "not reported in
    the source"."""

    id: str
    title: str
    authors: tuple[str, ...] = ()
    year: int | None = None
    date: str | None = None
    journal: str | None = None
    journal_abbrev: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    url: str | None = None
    publication_type: str | None = None
    peer_reviewed: bool | None = None
    publication_note: str | None = None
    language: str | None = None
    design: str | None = None
    sample_size: int | None = None
    participants: str | None = None
    settings: tuple[str, ...] = ()
    setting_detail: str | None = None
    keywords: tuple[str, ...] = ()
    abstract: tuple[Section, ...] = ()
    translations: tuple[TranslationView, ...] = ()
    citation_statements: tuple[Statement, ...] = ()
    cited_by: tuple[tuple[str, int], ...] = ()
    identifiers: tuple[tuple[str, str], ...] = ()
    missing: tuple[str, ...] = ()
    sources: tuple[SourceView, ...] = ()
    status: str = "included"
    exclusion_reason: str | None = None
    #: "screening" or "full-text" (PRISMA stage); None on a record that does not say.
    excluded_at: str | None = None
    verified: bool = False
    notes: str | None = None
    themes_pinned: tuple[str, ...] = ()
    themes_excluded: tuple[str, ...] = ()
    appraisal: Appraisal | None = None
    extraction_notes: tuple[str, ...] = ()
    keep_without_source: bool = False
    #: Fields a curator checked the source does not state (``not_stated`` in the record).
    not_stated: tuple[str, ...] = ()
    #: Set when the site is assembled: every source file of the record has gone from seeds/.
    source_missing: bool = False
    extra: tuple[tuple[str, Any], ...] = field(default=(), compare=False)

    @property
    def published(self) -> bool:
        """Included, and either still backed by its sources or kept without them on purpose."""
        return self.status == INCLUDED and (self.keep_without_source or not self.source_missing)

    @property
    def needs_review(self) -> bool:
        return self.status == NEEDS_REVIEW

    @property
    def is_preprint(self) -> bool:
        return self.peer_reviewed is False or (self.publication_type or "").lower() == "preprint"

    def cited_by_count(self, kind: str) -> int | None:
        return dict(self.cited_by).get(kind)


def study_from_record(record: dict[str, Any]) -> Study:
    """A Study from a schema-valid record dict (check validates before this is called)."""
    sources = [record.get("source"), *(record.get("other_sources") or [])]
    missing = tuple(missing_fields(record))
    return Study(
        id=record["id"],
        title=record["title"],
        authors=tuple(record.get("authors") or ()),
        year=record.get("year"),
        date=_text(record.get("date")),
        journal=record.get("journal"),
        journal_abbrev=record.get("journal_abbrev"),
        volume=_text(record.get("volume")),
        issue=_text(record.get("issue")),
        pages=_text(record.get("pages")),
        doi=record.get("doi"),
        url=record.get("url"),
        publication_type=record.get("publication_type"),
        peer_reviewed=record.get("peer_reviewed"),
        publication_note=record.get("publication_note"),
        language=record.get("language"),
        design=record.get("design"),
        sample_size=record.get("sample_size"),
        participants=record.get("participants"),
        settings=tuple(record.get("settings") or ()),
        setting_detail=record.get("setting_detail"),
        keywords=tuple(record.get("keywords") or ()),
        abstract=_sections(record.get("abstract")),
        translations=tuple(
            TranslationView(lang, t.get("title"), _sections(t.get("abstract")), t.get("note"),
                            t.get("machine_translated"))
            for lang, t in sorted((record.get("translations") or {}).items()) if isinstance(t, dict)),
        citation_statements=tuple(
            Statement(s["text"], s.get("section"), s.get("type"), s.get("confidence"))
            for s in record.get("citation_statements") or ()),
        cited_by=tuple((record.get("cited_by") or {}).items()),
        identifiers=tuple(sorted((record.get("identifiers") or {}).items())),
        missing=missing,
        sources=tuple(SourceView(s["file"], s.get("record", 1), s.get("format", ""), s.get("sha256", ""),
                                 tuple(s.get("stripped") or ())) for s in sources if isinstance(s, dict)),
        status=record.get("status", "included"),
        exclusion_reason=record.get("exclusion_reason"),
        excluded_at=record.get("excluded_at"),
        verified=bool(record.get("verified")),
        notes=record.get("notes"),
        themes_pinned=tuple(record.get("themes_pinned") or ()),
        themes_excluded=tuple(record.get("themes_excluded") or ()),
        appraisal=_appraisal(record.get("appraisal")),
        extraction_notes=tuple(str(n) for n in record.get("extraction_notes") or ()),
        keep_without_source=record.get("keep_without_source") is True,
        not_stated=tuple(k for k in checked_not_stated(record) if is_empty(record.get(k))),
    )


def _appraisal(value: Any) -> Appraisal | None:
    if not isinstance(value, dict) or not isinstance(value.get("answers"), dict):
        return None
    tool = record_tool_id(value)
    given = value["answers"]
    keys = [k for k in CASP_QUESTIONS if k in given] if tool == DEFAULT_TOOL else list(given)
    answers = []
    for key in keys:
        answer, note = answer_value(given[key])
        if answer is not None:  # an unanswered criterion is left out, as before
            answers.append((str(key), answer, note))
    return Appraisal(tuple(answers), value.get("notes"), value.get("appraised_by"), tool)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _sections(value: Any) -> tuple[Section, ...]:
    return tuple(Section(s.get("heading"), s["text"]) for s in value or () if isinstance(s, dict) and s.get("text"))
