"""RefWorks tagged exports ("RefWorks Tagged Format", also offered by databases as "RefWorks").

Each field is a two-character tag, one space and the value (``T1 A study of ...``); ``RT`` names the
reference type and opens every record; records are separated by blank lines; some exports wrap long
values onto following lines. Unlike RIS there is no dash after the tag and no end-of-record tag, so
the reader anchors on ``RT`` lines and only trusts tags the format defines.

Wrapped prose is the hard part: a wrapped abstract line can begin with an abbreviation that is also
a tag ("ED visits rose ..." is not an edition). A tag that reads as such an abbreviation therefore
continues the prose before it when that prose has not finished a sentence or the line goes on in
lower case, as sentences do and field values do not; the tags every record uses (``T1``, ``JF``,
``YR`` ...) always start a field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import Diagnostic, error, warning
from .base import Extraction, ReadResult, read_guarded
from .clean import split_abstract
from .normalize import (
    clean_text,
    language_tag,
    normalize_doi,
    normalize_keywords,
    normalize_name,
    normalize_title,
    parse_date,
    parse_year,
)
from .ris import accession_identifier, labelled_doi, plausible_number, plausible_pages, standard_numbers

# Tags that open a field wherever they appear: the bibliographic core of every record.
_CORE_TAGS = frozenset({
    "RT", "SR", "ID", "A1", "A2", "A3", "A4", "A5", "A6", "T1", "T2", "T3", "JF", "JO", "YR", "FD",
    "VO", "IS", "SP", "OP", "K1", "AB", "NO", "SN", "DO", "UR", "LK", "AN", "DB", "U1", "U2", "U3",
    "U4", "U5", "PMID", "PMCID",
})
# Tags the format defines that also read as abbreviations at the start of a wrapped sentence
# (ED = emergency department, PA = physical activity, OT, ST, CR, AD, LA ...).
_AMBIGUOUS_TAGS = frozenset({
    "ED", "PB", "PP", "AV", "AD", "LA", "CL", "SF", "OT", "CN", "DS", "IP", "RD", "ST", "SL", "LL",
    "CR", "WT", "WV", "WP", "OL", "PA", "UL",
})
_KNOWN_TAGS = _CORE_TAGS | _AMBIGUOUS_TAGS
_TAG_ALT = "|".join(sorted(_KNOWN_TAGS, key=len, reverse=True))
# A field line: a known tag flush left, then one space and the value (or nothing for an empty field).
_FIELD_LINE = re.compile(rf"^({_TAG_ALT})(?:[ \t]+(.*?))?[ \t]*$")
#: Every line ending an export can have when it reaches the reader undecoded.
_LINE_END = re.compile(r"\r\n|\r|\n")
_SNIFF_RT = re.compile(r"^RT[ \t]+\S", re.MULTILINE)
_SNIFF_FIELD = re.compile(r"^(?:A1|T1|JF|JO|YR|FD|VO|IS|SP|OP|AB|K1|DO|SN|SR|ID) \S", re.MULTILINE)
# Tags that may repeat within one record (one author or keyword a line); any other tag seen twice
# after a blank line means a new record whose RT line is missing.
_REPEATABLE = frozenset({"A1", "A2", "A3", "A4", "A5", "A6", "K1", "NO", "LK", "UR", "SN", "U1", "U2",
                         "U3", "U4", "U5", "AD", "CR", "CL", "UL"})
# Fields whose values are running prose, so that a following line may continue them.
_PROSE = frozenset({"AB", "NO", "T1", "T2", "T3", "OT", "ST", "PA", "AD"})
_SENTENCE_END = re.compile(r"[.?!:;)\]\"'\u201d]\s*$")
# RefWorks writes bold/italic/super/subscript as these markers around the styled text.
_STYLE_MARKER = re.compile(r"[01]RW1S34RfeSDcfkexd09rT[0-4]")
_MONTH = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?![a-z])", re.IGNORECASE)
_DAY = re.compile(r"(?<!\d)(\d{1,2})(?!\d)")
_PMID = re.compile(r"\bPMID\s*[:=]?\s*(\d{1,9})\b")
_TYPES = {
    "journal article": "journal article", "journal, electronic": "journal article",
    "magazine article": "magazine article", "newspaper article": "newspaper article",
    "book, whole": "book", "book, edited": "book", "monograph": "book", "book, section": "book chapter",
    "conference proceedings": "conference paper", "dissertation": "thesis", "thesis": "thesis",
    "dissertation/thesis": "thesis", "dissertation/thesis, unpublished": "thesis",
    "dissertation, unpublished": "thesis", "thesis, unpublished": "thesis",
    "report": "report", "web page": "web page", "abstract": "abstract",
    "unpublished material": "unpublished work", "computer program": "software", "patent": "patent",
}
_VAGUE_TYPES = frozenset({"generic", "other"})


@dataclass
class _Record:
    """One record's fields in source order, where it starts, and how its last field is going."""

    line: int
    fields: list[tuple[str, str]] = field(default_factory=list)
    after_blank: bool = False

    def all(self, *tags: str) -> list[str]:
        """Every non-empty value under ``tags``, in tag order, markers removed and whitespace cleaned."""
        values: list[str] = []
        for tag in tags:
            for key, value in self.fields:
                text = clean_text(_STYLE_MARKER.sub("", value)) if key == tag else None
                if text:
                    values.append(text)
        return values

    def first(self, *tags: str) -> str | None:
        values = self.all(*tags)
        return values[0] if values else None

    def has(self, tag: str) -> bool:
        return any(key == tag for key, _ in self.fields)


class RefworksReader:
    """Reads RefWorks' tagged export format."""

    name = "refworks"

    def sniff(self, text: str) -> float:
        """Sure only with an ``RT`` line and other RefWorks field lines. RIS ("TY  - "), MEDLINE
        ("PMID- ") and Web of Science ("PT J") never write an ``RT`` tag followed by a single space."""
        head = text[:20000].lstrip("\ufeff \t\r\n")
        if not _SNIFF_RT.search(head):
            return 0.0
        fields = len(_SNIFF_FIELD.findall(head))
        if fields >= 2:
            return 0.9 if head.startswith("RT") else 0.7
        return 0.0

    def read(self, text: str, path: str) -> ReadResult:
        return read_guarded(_read, text, path, "RefWorks file",
                            "Export the references again in RefWorks tagged format")


def _read(text: str, path: str) -> ReadResult:
    records, diagnostics = _parse(text.lstrip("\ufeff"), path)
    if not records:
        return ReadResult(diagnostics=(error(
            path, "no RefWorks records found: no line starts with 'RT ' and a reference type",
            "Export the references again in RefWorks tagged format, or check this is the right file", line=1),))
    extractions: list[Extraction] = []
    for record in records:
        title = normalize_title(record.first("T1"))
        if title:
            extractions.append(_extract(record, title))
        else:
            diagnostics.append(warning(
                path, f"record at line {record.line} has no title (T1) and was skipped",
                "Add a T1 line to the record or remove it", line=record.line))
    return ReadResult(tuple(extractions), tuple(diagnostics))


def _parse(text: str, path: str) -> tuple[list[_Record], list[Diagnostic]]:
    """Group field lines into records: each ``RT`` opens one; a non-repeatable tag seen again after
    a blank line opens one too (with a warning), since its ``RT`` line was lost."""
    records: list[_Record] = []
    diagnostics: list[Diagnostic] = []
    current: _Record | None = None
    previous = ""
    for number, line in enumerate(_LINE_END.split(text), start=1):
        parsed = _field(line, current, previous)
        if not line.strip():
            if current is not None:
                current.after_blank = True
        elif parsed is not None:
            tag, value = parsed
            if tag == "RT" or current is None or (
                    current.after_blank and tag not in _REPEATABLE and current.has(tag)):
                if tag != "RT" and current is not None:
                    diagnostics.append(warning(
                        path, f"the record at line {number} has no 'RT' line before it",
                        "Start each record with an RT line naming its reference type", line=number))
                current = _Record(number)
                records.append(current)
            current.fields.append((tag, value))
            current.after_blank = False
        elif current is not None and current.fields:
            tag, value = current.fields[-1]
            current.fields[-1] = (tag, f"{value} {line.strip()}".strip())
        previous = line if line.strip() else previous
    return [record for record in records if record.fields], diagnostics


def _field(line: str, current: _Record | None, previous: str) -> tuple[str, str] | None:
    """(tag, value) when ``line`` opens a field, None when it continues the one before."""
    match = _FIELD_LINE.match(line)
    if not match:
        return None
    tag, value = match.group(1), match.group(2) or ""
    if tag in _AMBIGUOUS_TAGS and current is not None and current.fields and not current.after_blank:
        last_tag = current.fields[-1][0]
        if last_tag in _PROSE and (not _SENTENCE_END.search(previous) or value[:1].islower()):
            return None
    return tag, value


def _extract(record: _Record, title: str) -> Extraction:
    year, date = _year_and_date(record)
    journal = record.first("JF", "T2")
    abbrev = record.first("JO")
    return Extraction(
        line=record.line,
        title=title,
        authors=_authors(record),
        year=year,
        date=date,
        journal=journal,
        journal_abbrev=abbrev if abbrev != journal else None,
        volume=plausible_number(record.first("VO")),
        issue=plausible_number(record.first("IS")),
        pages=plausible_pages(record.first("SP"), record.first("OP")),
        doi=_doi(record),
        url=_url(record),
        publication_type=_publication_type(record.first("RT")),
        language=language_tag(record.first("LA")),
        abstract=split_abstract(_STYLE_MARKER.sub("", " ".join(record.all("AB")))),
        keywords=normalize_keywords(record.all("K1")),
        identifiers=_identifiers(record),
    )


def _authors(record: _Record) -> tuple[str, ...]:
    """A1 are the authors ("Family, Given", one a line, sometimes several joined by semicolons).
    Editors (A2) stand in only for an edited book, where they are its authors."""
    values = record.all("A1")
    if not values and (record.first("RT") or "").lower() == "book, edited":
        values = record.all("A2")
    names: list[str] = []
    for value in values:
        for part in value.split(";"):
            name = normalize_name(part)
            if name and name not in names:
                names.append(name)
    return tuple(names)


def _year_and_date(record: _Record) -> tuple[int | None, str | None]:
    """The year from YR (else FD), and a date as precise as FD ("2021/03/15", "Mar 15", "March") allows."""
    publication = record.first("FD")
    year = parse_year(record.first("YR")) or parse_year(publication)
    if year is None:
        return None, None
    return year, _date(year, publication) or str(year)


def _date(year: int, publication: str | None) -> str | None:
    """A full date in FD when its year agrees; else the one month (and day) FD names. Two months
    ("Mar-Apr") or several day numbers ("Mar 15-17") give no more than the year."""
    if not publication:
        return None
    full = parse_date(publication)
    if full and parse_year(publication) == year and len(full) > 4:
        return full
    months = _MONTH.findall(publication)
    if len(months) != 1:
        return None
    days = _DAY.findall(re.sub(r"\d{3,}", " ", publication))
    day = f" {days[0]}" if len(days) == 1 else ""
    return parse_date(f"{year} {months[0][:3].title()}{day}")


def _doi(record: _Record) -> str | None:
    """DO first; else a DOI that a link or note names as one (a DOI merely cited in a note is not)."""
    for value in record.all("DO"):
        doi = normalize_doi(value)
        if doi:
            return doi
    for value in record.all("LK", "UR", "NO"):
        doi = labelled_doi(value)
        if doi:
            return doi
    return None


def _url(record: _Record) -> str | None:
    """The first web link (UR, then LK) that is not merely the DOI's link."""
    for value in record.all("UR", "LK"):
        if re.match(r"^https?://", value, re.IGNORECASE) and not re.match(
                r"^https?://(dx\.)?doi\.org/", value, re.IGNORECASE):
            return value
    return None


def _publication_type(value: str | None) -> str | None:
    """Plain words for an RT reference type; unknown types stay as written (lower-cased)."""
    if not value:
        return None
    key = value.lower()
    if key in _VAGUE_TYPES:
        return None
    return _TYPES.get(key, key)


def _identifiers(record: _Record) -> tuple[tuple[str, str], ...]:
    """ISSN/ISBN from SN, the accession number named by its database, PMID and PMCID."""
    result: list[tuple[str, str]] = []
    for value in record.all("SN"):
        result.extend(standard_numbers(value))
    accession = record.first("AN")
    if accession:
        result.append(accession_identifier(accession, record.first("DB"), record.first("DS")))
    pmid = record.first("PMID") or next(
        (match.group(1) for note in record.all("NO") if (match := _PMID.search(note))), None)
    if pmid and pmid.isdigit() and not any(key == "pmid" for key, _ in result):
        result.append(("pmid", pmid))
    pmcid = record.first("PMCID")
    if pmcid and re.fullmatch(r"PMC\d+", pmcid):
        result.append(("pmcid", pmcid))
    return tuple(dict.fromkeys(result))
