"""RIS exports (EndNote, Zotero, Mendeley, publisher "download citation" links).

rispy turns well-formed RIS into tag dictionaries, but real files are rarely well formed: journal
sites flatten a whole record onto one line, some tools drop the spaces after the tag, and files
get cut short. rispy returns [] for all of those without a word, so we first rewrite each record
into canonical ``XX  - value`` lines ourselves (remembering where it started in the original
text), then hand one record at a time to rispy, so one broken record never costs the others.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import rispy

from ..errors import Diagnostic, error, warning
from .base import Extraction, ReadResult
from .clean import split_abstract
from .normalize import (
    clean_text,
    normalize_doi,
    normalize_keywords,
    normalize_name,
    normalize_pages,
    normalize_title,
    parse_date,
    parse_year,
)

# Tags rispy does not know but exporters write: LP (last page, journal sites), VO (volume,
# some EndNote styles), CP (issue), BT (book title).
_EXTRA_TAGS = {"LP": "last_page", "VO": "volume_other", "CP": "issue_other", "BT": "book_title"}
_MAPPING: dict[str, str] = {**rispy.TAG_KEY_MAPPING, **_EXTRA_TAGS}
# SN repeats (print and electronic ISSN), so read it as a list like the authors.
_LIST_TAGS: list[str] = [*rispy.LIST_TYPE_TAGS, "SN"]
# What rispy's dictionary building raises on input it did not expect (it has no error type).
C = TypeVar("C")
RISPY_ERRORS = (KeyError, TypeError, AttributeError, ValueError, IndexError)
_KNOWN_TAGS = frozenset(tag for tag in _MAPPING if tag != "UK")
_TAG_ALT = "|".join(sorted(_KNOWN_TAGS))

# "XX  - value" as the standard writes it, for any tag (unknown tags included) ...
_STANDARD_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
# ... and looser spacing ("TY  -JOUR", "TY - JOUR"), trusted only for tags we know, so that
# abstract lines such as "ER-positive tumours" are never read as tags.
_LOOSE_LINE = re.compile(rf"^[ \t]*({_TAG_ALT})[ \t]+-[ \t]*(.*)$")
# The one-line variant: a whole record on one line, "TY - JOUR T1 - Title AU - ... ER -".
_ONE_LINE_START = re.compile(r"^[ \t]*TY[ \t]+-[ \t]*\S")
_ONE_LINE_SPLIT = re.compile(rf"[ \t]+(?=(?:{_TAG_ALT})[ \t]+-(?:[ \t]|$))")
_SNIFF_TY = re.compile(r"^[ \t]*TY[ \t]*-", re.MULTILINE)
_SNIFF_TAG = re.compile(rf"^[ \t]*(?:{_TAG_ALT})[ \t]*-", re.MULTILINE)
_SNIFF_ONE_LINE = re.compile(rf"(?<![A-Za-z0-9])TY[ \t]+-[ \t]+\S.*?[ \t](?:{_TAG_ALT})[ \t]+-[ \t]")

_TYPES = {
    "JOUR": "journal article", "JFULL": "journal article", "EJOUR": "journal article",
    "INPR": "journal article", "MGZN": "magazine article", "NEWS": "newspaper article",
    "BOOK": "book", "EBOOK": "book", "EDBOOK": "book", "CHAP": "book chapter",
    "ECHAP": "book chapter", "CONF": "conference paper", "CPAPER": "conference paper",
    "ABST": "abstract", "RPRT": "report", "GOVDOC": "government document", "THES": "thesis",
    "UNPB": "unpublished work", "MANSCPT": "manuscript", "ELEC": "web page", "BLOG": "blog post",
    "DATA": "dataset", "DBASE": "dataset", "PAT": "patent", "STAND": "standard",
    "COMP": "software", "SER": "serial publication",
}
# Types that say nothing about what the document is.
_VAGUE_TYPES = {"GEN", "generic", "misc"}
_ISSN = re.compile(r"\b(\d{4})-(\d{3}[\dXx])\b")
_BARE_ISSN = re.compile(r"\b(\d{4})(\d{3}[\dXx])\b")
_ISBN = re.compile(r"\b(?:97[89][- ]?)?\d(?:[- ]?\d){8}[- ]?[\dXx]\b")
# A DOI outside DO counts only when labelled as one; a bare DOI only when it is the whole value.
_LABELLED_DOI = re.compile(r"(?:\bdoi\b\s*[:=/]?\s*|\bdoi\.org/)(10\.\d{4,9}/\S+)", re.IGNORECASE)
_DOI_ONLY = re.compile(r"10\.\d{4,9}/\S+")
_NOTE_PMID = re.compile(r"\bPMID\s*[:=]?\s*(\d{1,9})\b")
_NOTE_ACCESSION = re.compile(r"\bAccession\s+(?:Number|No\.?)\s*[:=]\s*([A-Za-z0-9:._-]*\d[A-Za-z0-9:_-]*)",
                             re.IGNORECASE)
_MAX_NUMBER_LENGTH = 25
_MAX_NUMBER_WORDS = 4


@dataclass
class _Chunk:
    """One record's lines, rewritten for rispy, and where it started in the original text."""

    line: int
    lines: list[str] = field(default_factory=list)
    given_first: bool = False
    ended: bool = False


class RisReader:
    """Reads RIS, including the flattened one-line variant journal sites produce."""

    name = "ris"

    def sniff(self, text: str) -> float:
        head = text[:20000].lstrip("\ufeff")
        if re.match(r"^\s*(FN|PT) ", head):
            return 0.0  # Web of Science tagged export: two-letter tags but no dashes
        if _SNIFF_ONE_LINE.search(head):
            return 0.9
        if _SNIFF_TY.search(head):
            return 0.9 if len(_SNIFF_TAG.findall(head)) > 1 else 0.5
        return 0.0

    def read(self, text: str, path: str) -> ReadResult:
        chunks, diagnostics = _split_records(text, path)
        if not chunks:
            return ReadResult(diagnostics=(error(
                path, "no RIS records found: no line starts with 'TY  -'",
                "Export the references again in RIS format, or check that this is the right file",
                line=1),))
        return read_each(chunks, _read_chunk, path, diagnostics)


def read_each(chunks: Sequence[C], read_chunk: Callable[[C, str, list[Diagnostic]], Extraction | None],
              path: str, diagnostics: list[Diagnostic]) -> ReadResult:
    """Every record a tagged export split into; an unusable one adds a warning and is skipped."""
    records = [record for chunk in chunks if (record := read_chunk(chunk, path, diagnostics)) is not None]
    return ReadResult(records=tuple(records), diagnostics=tuple(diagnostics))


def _split_records(text: str, path: str) -> tuple[list[_Chunk], list[Diagnostic]]:
    """Group canonical lines into records from TY to ER; text outside records is ignored."""
    chunks: list[_Chunk] = []
    diagnostics: list[Diagnostic] = []
    current: _Chunk | None = None
    for number, tag, value, one_line in _tagged_lines(text.lstrip("\ufeff")):
        if tag == "TY":
            if current is not None and not current.ended:
                diagnostics.append(warning(
                    path, f"record at line {current.line} has no 'ER  -' line before the next record",
                    "Check that the two records were not merged in the export", line=current.line))
            current = _Chunk(number, [f"TY  - {value}"], one_line)
            chunks.append(current)
        elif current is None or current.ended:
            continue
        elif tag == "ER":
            current.ended = True
        elif tag is None:
            current.lines.append(value)
        else:
            current.lines.append(f"{tag}  - {value}")
    if current is not None and not current.ended:
        diagnostics.append(warning(
            path, f"the last record (line {current.line}) has no 'ER  -' line, "
            "so the file may be cut short", "Export the references again or check the file is complete",
            line=current.line))
    return chunks, diagnostics


def _tagged_lines(text: str) -> list[tuple[int, str | None, str, bool]]:
    """(line number, tag or None for a continuation line, value, came from a one-line record)."""
    result: list[tuple[int, str | None, str, bool]] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        segments = _ONE_LINE_SPLIT.split(raw) if _ONE_LINE_START.match(raw) else [raw]
        one_line = len(segments) > 1
        for segment in segments:
            tag, value = _parse_line(segment)
            result.append((number, tag, value, one_line))
    return result


def _parse_line(line: str) -> tuple[str | None, str]:
    match = _STANDARD_LINE.match(line) or _LOOSE_LINE.match(line)
    if match:
        return match.group(1), (match.group(2) or "").strip()
    return None, line


def _read_chunk(chunk: _Chunk, path: str, diagnostics: list[Diagnostic]) -> Extraction | None:
    """One record through rispy and into an Extraction; None (with a warning) when unusable."""
    text = "\n".join([*chunk.lines, "ER  - "])
    try:
        parsed = rispy.loads(text, mapping=_MAPPING, list_tags=_LIST_TAGS, skip_unknown_tags=True)
    except RISPY_ERRORS as exc:  # rispy raises bare built-ins on odd input; one record never stops a file
        diagnostics.append(warning(path, f"record at line {chunk.line} could not be read ({exc})",
                                   "Check the record's tags in the export", line=chunk.line))
        return None
    if not parsed:
        return None
    fields = parsed[0]
    title = normalize_title(first_value(fields, "title", "primary_title", "short_title"))
    if not title:
        diagnostics.append(warning(
            path, f"record at line {chunk.line} has no title (TI/T1)",
            "Add one in the export or remove the record", line=chunk.line))
        return None
    return _extraction(fields, chunk, title)


def _extraction(fields: dict[str, Any], chunk: _Chunk, title: str) -> Extraction:
    journal = first_value(fields, "alternate_title3", "secondary_title", "book_title", "journal_name")
    abbreviations = all_values(fields, "alternate_title2", "alternate_title1", "journal_name")
    abbrev = next((value for value in abbreviations if value != journal), None)
    year, date = _year_and_date(fields)
    return Extraction(
        line=chunk.line,
        title=title,
        authors=_authors(fields, given_first=chunk.given_first),
        year=year,
        date=date,
        journal=journal,
        journal_abbrev=abbrev,
        volume=plausible_number(first_value(fields, "volume", "volume_other")),
        issue=plausible_number(first_value(fields, "number", "issue_other")),
        pages=plausible_pages(first_value(fields, "start_page"), first_value(fields, "end_page", "last_page")),
        doi=_doi(fields),
        url=_url(fields),
        publication_type=publication_type(first_value(fields, "type_of_reference")),
        peer_reviewed=None,
        language=first_value(fields, "language"),
        abstract=split_abstract(_longest(all_values(fields, "abstract", "notes_abstract"))),
        keywords=normalize_keywords(all_values(fields, "keywords")),
        identifiers=_identifiers(fields),
    )


def all_values(fields: dict[str, Any], *keys: str) -> list[str]:
    """Every non-empty value under ``keys``, in key order, with whitespace cleaned."""
    values: list[str] = []
    for key in keys:
        raw = fields.get(key)
        for item in raw if isinstance(raw, list) else [raw]:
            text = clean_text(item) if isinstance(item, str) else None
            if text:
                values.append(text)
    return values


def first_value(fields: dict[str, Any], *keys: str) -> str | None:
    """The first non-empty value under ``keys``, or None."""
    values = all_values(fields, *keys)
    return values[0] if values else None


def _longest(values: list[str]) -> str | None:
    """AB and N2 both hold the abstract; when both do, one is often a truncated copy."""
    return max(values, key=len) if values else None


def _authors(fields: dict[str, Any], *, given_first: bool) -> tuple[str, ...]:
    """AU/A1 are the authors; A2-A4 (editors, series editors) only when no author is named."""
    for keys in (("authors", "first_authors"), ("secondary_authors",), ("tertiary_authors",),
                 ("subsidiary_authors",)):
        names: list[str] = []
        for value in all_values(fields, *keys):
            for part in value.split(";"):
                name = normalize_name(part, given_first=given_first)
                if name and name not in names:
                    names.append(name)
        if names:
            return tuple(names)
    return ()


def _year_and_date(fields: dict[str, Any]) -> tuple[int | None, str | None]:
    """The year from PY/Y1/DA, and the most precise date among them that agrees with it."""
    values = all_values(fields, "year", "publication_year", "date")
    year = next((y for y in map(parse_year, values) if y), None)
    dates = [d for d in map(parse_date, values) if d and parse_year(d) == year]
    return year, max(dates, key=len) if dates else None


def plausible_pages(start: str | None, end: str | None = None) -> str | None:
    """A range from a start page (SP) and an end page (EP/LP); an end page alone is not the pages,
    so it gives none. Pages without a digit are a database's placeholder ("No" - "Specified"), not pages."""
    pages = normalize_pages(start, end) if start else None
    return pages if pages and any(char.isdigit() for char in pages) else None


def plausible_number(value: str | None) -> str | None:
    """A volume or issue as exporters write them ("21", "Suppl 2", "3-4"), or None for a value
    too long to be one (a misplaced reference or note in the IS field)."""
    if not value or len(value) > _MAX_NUMBER_LENGTH or len(value.split()) > _MAX_NUMBER_WORDS:
        return None
    return value


def _doi(fields: dict[str, Any]) -> str | None:
    """DO first; else a DOI that a URL or note field names as one (EndNote writes "doi: 10.x/y" in
    M3 or N1). A DOI merely mentioned in a note may be a cited paper's, so it must be labelled there."""
    for value in all_values(fields, "doi"):
        doi = normalize_doi(value)
        if doi:
            return doi
    for value in all_values(fields, "urls", "file_attachments2", "type_of_work", "notes", "note",
                            "custom1", "custom7"):
        doi = labelled_doi(value)
        if doi:
            return doi
    return None


def labelled_doi(value: str) -> str | None:
    """The DOI in ``value`` when the value is one, or says it is one ("doi: 10.x/y", a doi.org link).
    A note that labels two different DOIs is citing something, and gives none."""
    whole = normalize_doi(value)
    if whole and _DOI_ONLY.fullmatch(value.strip()):
        return whole
    found = {doi for match in _LABELLED_DOI.finditer(value) if (doi := normalize_doi(match.group(1)))}
    return found.pop() if len(found) == 1 else None


def _url(fields: dict[str, Any]) -> str | None:
    """The first web address in UR that is not just a DOI link (the DOI is kept separately)."""
    for value in all_values(fields, "urls"):
        if re.match(r"^https?://", value, re.IGNORECASE) and not re.match(
                r"^https?://(dx\.)?doi\.org/", value, re.IGNORECASE):
            return value
    return None


def publication_type(value: str | None) -> str | None:
    """A plain-words type from an RIS code ("JOUR") or an exporter's label ("Journal Article")."""
    value = clean_text(value)
    if not value or value in _VAGUE_TYPES:
        return None
    mapped = _TYPES.get(value.upper())
    if mapped:
        return mapped
    label = rispy.TYPE_OF_REFERENCE_MAPPING.get(value.upper(), value)
    return None if label.lower() in _VAGUE_TYPES else label.lower()


def _identifiers(fields: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """ISSN/ISBN from SN; the accession number (AN, or one a note labels) named by its database;
    PMID/PMCID where a field or a note labels them."""
    result: list[tuple[str, str]] = []
    for value in all_values(fields, "issn"):
        result.extend(standard_numbers(value))
    notes = all_values(fields, "notes", "note")
    accession = first_value(fields, "accession_number") or _labelled(notes, _NOTE_ACCESSION)
    if accession:
        result.append(accession_identifier(accession, first_value(fields, "name_of_database"),
                                           first_value(fields, "database_provider")))
    pmid = _labelled(notes, _NOTE_PMID)
    if pmid:
        result.append(("pmid", pmid))
    pmcid = next((v for v in all_values(fields, "custom2") if re.fullmatch(r"PMC\d+", v)), None)
    if pmcid:
        result.append(("pmcid", pmcid))
    return tuple(_first_per_key(result))


def accession_identifier(accession: str, database: str | None, provider: str | None) -> tuple[str, str]:
    """("wos", ...) and ("pmid", ...) where the number says which they are; otherwise
    ("accession", "number (database)"), since a bare accession number means nothing without its database."""
    where = database or provider
    if accession.upper().startswith("WOS:"):
        return ("wos", accession)
    if accession.isdigit() and re.search(r"pubmed|medline|\bnlm\b", where or "", re.IGNORECASE):
        return ("pmid", accession)
    return ("accession", f"{accession} ({where})" if where else accession)


def _labelled(notes: list[str], pattern: re.Pattern[str]) -> str | None:
    """The first value a note labels with ``pattern`` ("PMID: 123", "Accession Number: 456")."""
    return next((match.group(1) for note in notes if (match := pattern.search(note))), None)


def _first_per_key(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """One value per identifier kind, but ISSN/ISBN may repeat (print and electronic)."""
    seen: set[str] = set()
    result: list[tuple[str, str]] = []
    for key, value in dict.fromkeys(pairs):
        if key in ("issn", "isbn") or key not in seen:
            seen.add(key)
            result.append((key, value))
    return result


def standard_numbers(value: str) -> list[tuple[str, str]]:
    """("issn", "1234-5678") and ("isbn", ...) pairs found in an SN-like value; junk is dropped.

    Hyphenated ISSNs are taken out first so two ISSNs in a row never read as one ISBN.
    """
    found = [("issn", f"{m.group(1)}-{m.group(2).upper()}") for m in _ISSN.finditer(value)]
    rest = _ISSN.sub(" ", value)
    for match in _ISBN.finditer(rest):
        if len(re.sub(r"[- ]", "", match.group(0))) in (10, 13):
            found.append(("isbn", match.group(0).upper()))
    rest = _ISBN.sub(" ", rest)
    found.extend(("issn", f"{m.group(1)}-{m.group(2).upper()}") for m in _BARE_ISSN.finditer(rest))
    return found
