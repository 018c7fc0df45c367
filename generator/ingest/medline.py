"""PubMed/MEDLINE exports (``.nbib``): tagged lines, one record per ``PMID-``.

The format is simple enough that a hand-written parser is clearer than a dependency: a tag of up
to four characters padded to four, ``"- "``, the value; continuation lines are indented six
spaces. Records are separated by blank lines and begin with ``PMID-``; we also start a record at
every ``PMID-`` because hand-merged exports often lose the blank lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import Diagnostic, warning
from .base import Extraction, ReadResult, Translation, read_guarded
from .clean import split_abstract
from .normalize import (
    clean_text,
    language_tag,
    normalize_doi,
    normalize_keywords,
    normalize_name,
    normalize_pages,
    normalize_title,
    parse_date,
    parse_year,
)

_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9]{1,3}) {0,3}-(?: (.*))?$")
#: Any line ending a file can have when it reaches the reader undecoded (old Mac files end lines with CR alone).
_LINE_END = re.compile(r"\r\n|\r|\n")
_PMID_LINE = re.compile(r"^PMID- ", re.MULTILINE)
_OTHER_TAG = re.compile(r"^(?!PMID)[A-Z][A-Z0-9]{1,3} {0,3}- ", re.MULTILINE)
_MAX_LINE_WARNINGS = 20

# MEDLINE publication types we map, strongest first: a preprint or review is also a "Journal Article".
_PUBLICATION_TYPES = (
    ("preprint", "preprint"), ("systematic review", "review"), ("review", "review"),
    ("book chapter", "book chapter"), ("book", "book"), ("journal article", "journal article"),
)


@dataclass
class _Record:
    """A record's fields in source order; ``line`` is its PMID- line (or first tag line)."""

    line: int
    fields: list[tuple[str, str]] = field(default_factory=list)

    def all(self, tag: str) -> list[str]:
        return [value for key, value in self.fields if key == tag]

    def first(self, tag: str) -> str | None:
        values = self.all(tag)
        return values[0] if values else None


class MedlineReader:
    """Reads PubMed's MEDLINE/.nbib export."""

    name = "medline"

    def sniff(self, text: str) -> float:
        """Confident only with a ``PMID-`` line plus other tags: both are needed to tell it from RIS."""
        if _PMID_LINE.search(text) and _OTHER_TAG.search(text):
            return 0.95
        return 0.0

    def read(self, text: str, path: str) -> ReadResult:
        return read_guarded(_read, text, path, "MEDLINE file", "Check that it is an unmodified PubMed export")


def _read(text: str, path: str) -> ReadResult:
    records, diagnostics = _parse(text, path)
    extractions: list[Extraction] = []
    for record in records:
        extraction = _extract(record)
        if extraction.title:
            extractions.append(extraction)
        else:
            pmid = _shown_pmid(record.first("PMID"))
            diagnostics.append(warning(
                path, f"record {pmid} at line {record.line} has no title (TI) and was skipped",
                "Add a TI line or remove the record", line=record.line))
    if not extractions and not any(d.is_error for d in diagnostics):
        diagnostics.append(warning(path, "no MEDLINE records with a title were found in this file",
                                   "Export the records from PubMed in MEDLINE format", line=1))
    return ReadResult(tuple(extractions), tuple(diagnostics))


def _shown_pmid(value: str | None) -> str:
    """A record's PMID as a message names it: its first word, cut short, so that a damaged line (whose
    "PMID" runs on through unusual line separators) cannot flood or break the one-line diagnostic."""
    words = (value or "").split()
    return words[0][:20] if words else "without PMID"


def _parse(text: str, path: str) -> tuple[list[_Record], list[Diagnostic]]:
    """Group tagged lines into records; stray lines become (capped) warnings."""
    records: list[_Record] = []
    diagnostics: list[Diagnostic] = []
    current: _Record | None = None
    stray = 0
    for number, line in enumerate(_LINE_END.split(text), start=1):
        match = _TAG_LINE.match(line)
        if match:
            tag, value = match.group(1), (match.group(2) or "").strip()
            if current is None or tag == "PMID" and current.first("PMID") is not None:
                current = _Record(number)
                records.append(current)
            if tag == "PMID":
                current.line = number
            current.fields.append((tag, value))
        elif not line.strip():
            current = None
        elif line[:1] in " \t" and current is not None:
            tag, value = current.fields[-1]
            current.fields[-1] = (tag, f"{value} {line.strip()}".strip())
        else:
            stray += 1
            if stray <= _MAX_LINE_WARNINGS:
                diagnostics.append(warning(
                    path, "this line is neither a MEDLINE tag line nor a continuation and was ignored",
                    "Start field lines with a tag such as 'TI  - ' and indent continuations", line=number))
    if stray > _MAX_LINE_WARNINGS:
        diagnostics.append(warning(path, f"{stray - _MAX_LINE_WARNINGS} more stray lines were ignored",
                                   "Check that the file is a MEDLINE export", line=1))
    return records, diagnostics


def _extract(record: _Record) -> Extraction:
    date = parse_date(record.first("DP"))
    language = language_tag(record.first("LA"))
    publication_type = publication_type_of(record.all("PT"))
    return Extraction(
        line=record.line,
        title=unbracketed_title(record.first("TI") or record.first("BTI")),
        authors=_authors(record),
        year=parse_year(record.first("DP")),
        date=date,
        journal=clean_text(record.first("JT")),
        journal_abbrev=clean_text(record.first("TA")),
        volume=clean_text(record.first("VI")),
        issue=clean_text(record.first("IP")),
        pages=full_pages(record.first("PG")),
        doi=_doi(record),
        publication_type=publication_type,
        peer_reviewed=False if publication_type == "preprint" else None,
        language=language,
        abstract=split_abstract(record.first("AB")),
        keywords=_keywords(record),
        translations=_translations(record, language),
        identifiers=_identifiers(record),
    )


def unbracketed_title(value: str | None) -> str | None:
    """PubMed brackets titles it translated into English ("[Title in English]."): drop the brackets."""
    title = normalize_title(value)
    if title and title.startswith("[") and title.endswith("]"):
        title = normalize_title(title[1:-1])
    return title


def _authors(record: _Record) -> tuple[str, ...]:
    """Full names (FAU) when the record has them, initials (AU) otherwise; groups (CN) kept in order."""
    has_full = any(tag == "FAU" for tag, _ in record.fields)
    wanted = ("FAU", "CN") if has_full else ("AU", "CN")
    names: list[str] = []
    for tag, value in record.fields:
        if tag not in wanted:
            continue
        name = clean_text(value) if tag == "CN" else normalize_name(value, given_first=False)
        if name and name not in names:
            names.append(name)
    return tuple(names)


def full_pages(value: str | None) -> str | None:
    """MEDLINE abbreviates page ranges ("616-7" is 616-617); write the end page in full."""
    pages = normalize_pages(value)
    match = re.fullmatch(r"(\d+)-(\d+)", pages or "")
    if match and len(match.group(2)) < len(match.group(1)):
        start, end = match.groups()
        pages = f"{start}-{start[: len(start) - len(end)]}{end}"
    return pages


def _doi(record: _Record) -> str | None:
    for value in record.all("LID") + record.all("AID"):
        if value.endswith("[doi]"):
            doi = normalize_doi(value[: -len("[doi]")])
            if doi:
                return doi
    return None


def publication_type_of(values: list[str]) -> str | None:
    """The first of MEDLINE's publication types (PT) that maps to one of ours, in our order of precedence."""
    lowered = {value.strip().lower() for value in values}
    for source, mapped in _PUBLICATION_TYPES:
        if source in lowered:
            return mapped
    return None


def _keywords(record: _Record) -> tuple[str, ...]:
    """Author keywords (OT) when present; otherwise MeSH headings without the */qualifier marks."""
    own = record.all("OT")
    if own:
        return normalize_keywords(own)
    headings = [value.split("/", 1)[0].replace("*", "") for value in record.all("MH")]
    return normalize_keywords(headings)


def _translations(record: _Record, language: str | None) -> tuple[Translation, ...]:
    """The original-language title (TT) and other-language abstracts (OAB) a record carries."""
    translations: list[Translation] = []
    original = normalize_title(record.first("TT"))
    if original and language and language != "en":
        translations.append(Translation(lang=language, title=original))
    other_abstract = record.first("OAB")
    other_language = language_tag(record.first("OABL"))
    if other_abstract and other_language and "available from the publisher" not in other_abstract.lower():
        translations.append(Translation(lang=other_language, abstract=split_abstract(other_abstract)))
    return tuple(translations)


def _identifiers(record: _Record) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    for tag, key in (("PMID", "pmid"), ("PMC", "pmcid"), ("IS", "issn"), ("ISBN", "isbn")):
        value = clean_text(record.first(tag))
        if value:
            pairs.append((key, value.split(" (", 1)[0].strip()))
    return tuple(pairs)
