"""Ovid text exports (MEDLINE, Embase, PsycINFO and other databases searched through Ovid).

Saved as text with a "Complete Reference" or "Citation + Abstract" display, each record starts
with a number ("<1>", "1." or "Record 1 of 12") and each field is a label on a line of its own
("Title", "Authors", "Source") with its value indented on the lines below: one value per line for
lists such as authors and subject headings, wrapped text otherwise. Labels differ between
databases and display settings, so they are matched through a table of synonyms; labels we do not
know are skipped with their values. The "Source" line is a citation ("Journal of X. 45(3):211-9,
2019 Mar.") read with ``cells.parse_citation`` when the record has no separate journal fields.
A search-strategy block or file header before the first record number is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import MappingProxyType

from ..errors import Diagnostic, error, warning
from .base import Extraction, ReadResult, read_guarded
from .cells import expand_pages, keyword_list, parse_citation, person_name, split_authors
from .clean import split_abstract
from .columns import header_key
from .normalize import (
    clean_text,
    language_tag,
    normalize_doi,
    normalize_keywords,
    normalize_title,
    parse_date,
    parse_year,
)
from .ris import standard_numbers

_MARKER = re.compile(r"^\s*(?:<\s*(\d+)\s*>|Record\s+(\d+)\s+of\s+\d+)\s*$|^(\d+)\.\s*$", re.IGNORECASE)
_INDENTED = re.compile(r"^[ \t]+\S")
_MEDLINE_NAMED = re.compile(r"\bMEDLINE\b|\bPubMed\b", re.IGNORECASE)
_SNIFF_CHARS = 50000
_LONGEST_LABEL = 60

_LABELS: dict[str, tuple[str, ...]] = {
    "title": ("title", "articletitle", "titleofarticle", "ti"),
    "authors_full": ("authorsfullname", "authorfullname", "fullauthorname", "authorsfullnames"),
    "authors": ("authors", "author", "au", "personalauthor", "authorname", "authornames"),
    "source": ("source", "so", "citation", "bibliographiccitation"),
    "journal": ("journalname", "journal", "journaltitle", "jn", "sourcetitle"),
    "abstract": ("abstract", "ab", "abstracttext"),
    "keywords": ("keywords", "keywordheading", "keywordheadings", "authorkeywords", "kw", "keyconcepts",
                 "keyphrase", "keyphrases"),
    "headings": ("subjectheadings", "meshsubjectheadings", "mesh", "mh", "majorsubjectheadings",
                 "emtreeheadings", "emtreemedicalindexterms", "indexterms", "subjectheadingword",
                 "descriptors", "classification"),
    "doi": ("digitalobjectidentifier", "doi", "do"),
    "year": ("yearofpublication", "publicationyear", "year", "yr"),
    "date": ("dateofpublication", "publicationdate", "datepublished"),
    "volume": ("volume", "vo", "vi"),
    "issue": ("issue", "issuepart", "ip", "issuenumber"),
    "pages": ("pagination", "pages", "page", "pg"),
    "language": ("language", "lg", "la"),
    "publication_type": ("publicationtype", "pt", "documenttype", "dt", "typeofdocument"),
    "unique_id": ("uniqueidentifier", "ui"),
    "accession": ("accessionnumber", "an"),
    "pmid": ("pubmedid", "pmid", "pubmedidentifier"),
    "issn": ("issn", "is", "issnelectronic", "issnprint", "electronicissn"),
    "isbn": ("isbn",),
    "url": ("url", "link", "fulltextlink", "linktofulltext"),
}
_FIELDS = MappingProxyType({header_key(label): name for name, labels in _LABELS.items() for label in labels})
# Labels that prove a document is an Ovid export when they head indented values.
_CORE_FIELDS = frozenset({"title", "source", "authors", "abstract"})


@dataclass
class _Record:
    """One numbered record: its first line and its fields as (field, indented value lines)."""

    line: int
    fields: list[tuple[str, list[str]]] = field(default_factory=list)

    def lines(self, name: str) -> list[str]:
        return [line for key, lines in self.fields if key == name for line in lines]

    def text(self, name: str) -> str | None:
        """The value of the first ``name`` field, wrapped lines joined (blank lines kept as breaks)."""
        for key, lines in self.fields:
            if key == name:
                return clean_text(" ".join(lines)) if "" not in lines else "\n\n".join(
                    paragraph for paragraph in _paragraphs(lines) if paragraph)
        return None

    def values(self, name: str) -> list[str]:
        return [value for line in self.lines(name) if (value := clean_text(line))]


def _paragraphs(lines: list[str]) -> list[str]:
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line:
            paragraphs[-1].append(line)
        else:
            paragraphs.append([])
    return [clean_text(" ".join(paragraph)) or "" for paragraph in paragraphs]


class OvidReader:
    """Reads Ovid's text exports: numbered records of labelled, indented fields."""

    name = "ovid"

    def sniff(self, text: str) -> float:
        lines = _lines(text[:_SNIFF_CHARS])
        labels = _labelled_fields(lines)
        core = labels & _CORE_FIELDS
        has_marker = any(_MARKER.match(line) for line in lines)
        if "title" in core and len(core) >= 2 and has_marker:
            return 0.9
        if "title" in core and len(core) >= 3 and len(labels) >= 4:
            return 0.7  # one record pasted without its number
        return 0.0

    def read(self, text: str, path: str) -> ReadResult:
        return read_guarded(_read, text, path, "Ovid export",
                            "Export the records from Ovid again as a text file ('Complete Reference')")


def _lines(text: str) -> list[str]:
    """Lines with any BOM and Windows or old-Mac line ends removed (line numbers stay those of the file)."""
    return text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _label(line: str) -> str | None:
    """The field a short line flush left names ("Title", "Authors Full Name:"), None for any other line."""
    return _FIELDS.get(header_key(line)) if len(line) <= _LONGEST_LABEL else None


def _labelled_fields(lines: list[str]) -> set[str]:
    """Known fields whose label stands alone on a line and is followed by an indented value."""
    found: set[str] = set()
    for index, line in enumerate(lines[:-1]):
        if line and not line[0].isspace() and _INDENTED.match(lines[index + 1]):
            name = _label(line)
            if name is not None:
                found.add(name)
    return found


def _read(text: str, path: str) -> ReadResult:
    lines = _lines(text)
    medline = _MEDLINE_NAMED.search("\n".join(lines[:40])) is not None
    records = _split_records(lines)
    if not records:
        return ReadResult(diagnostics=(error(
            path, "no Ovid records found: no field labels ('Title', 'Authors', 'Source') with indented values",
            "Export the records from Ovid again as a text file, with field labels", line=1),))
    diagnostics: list[Diagnostic] = []
    extractions = []
    for record in records:
        extraction = _extraction(record, medline, path, diagnostics)
        if extraction is not None:
            extractions.append(extraction)
    return ReadResult(tuple(extractions), tuple(diagnostics))


def _split_records(lines: list[str]) -> list[_Record]:
    """Records from each number marker; without markers, the whole text is one record."""
    markers = [index for index, line in enumerate(lines) if _MARKER.match(line)]
    starts = markers or [0]
    records: list[_Record] = []
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(lines)
        body = lines[start + 1:end] if markers else lines[start:end]
        record = _Record(line=start + 1, fields=_fields(body))
        if record.fields:
            records.append(record)
    return records


def _fields(lines: list[str]) -> list[tuple[str, list[str]]]:
    """(field, value lines) for every known label; lines under an unknown label are skipped."""
    fields: list[tuple[str, list[str]]] = []
    current: list[str] | None = None
    for line in lines:
        if not line.strip():
            if current is not None:
                current.append("")
            continue
        if not line[0].isspace():
            name = _label(line)
            current = None
            if name is not None:
                current = []
                fields.append((name, current))
            continue
        if current is not None:
            current.append(line.strip())
    return [(name, _trim(values)) for name, values in fields if any(values)]


def _trim(values: list[str]) -> list[str]:
    while values and not values[-1]:
        values.pop()
    while values and not values[0]:
        values.pop(0)
    return values


def _extraction(record: _Record, medline: bool, path: str, diagnostics: list[Diagnostic]) -> Extraction | None:
    title = _title(record.text("title"))
    if not title:
        diagnostics.append(warning(path, f"the record at line {record.line} has no title, so it was skipped",
                                   "Export it again with the Title field, or delete it", line=record.line))
        return None
    citation = parse_citation(record.text("source"))
    year = parse_year(record.text("year")) or citation.year or parse_year(parse_date(record.text("date")))
    date = _date(record, year, citation.date)
    types = [value.rstrip(".") for value in record.values("publication_type")]
    return Extraction(
        line=record.line,
        title=title,
        authors=_authors(record, path, diagnostics),
        year=year,
        date=date,
        journal=record.text("journal") or citation.journal,
        volume=record.text("volume") or citation.volume,
        issue=record.text("issue") or citation.issue,
        pages=expand_pages(record.text("pages")) or citation.pages,
        doi=_doi(record),
        url=_url(record),
        publication_type=_publication_type(types),
        peer_reviewed=True if any("peer reviewed" in value.lower() for value in types) else None,
        language=language_tag((record.values("language") or [""])[0].rstrip(".")),
        abstract=split_abstract(record.text("abstract")),
        keywords=_keywords(record),
        identifiers=_identifiers(record, medline),
    )


def _title(value: str | None) -> str | None:
    """A title; MEDLINE writes translated titles in square brackets, which are dropped."""
    title = normalize_title(value)
    if title and title.startswith("[") and title.endswith("]"):
        title = normalize_title(title[1:-1])
    return title if title and any(ch.isalnum() for ch in title) else None


def _authors(record: _Record, path: str, diagnostics: list[Diagnostic]) -> tuple[str, ...]:
    """Full names over short ones; one name per line, or a list on one line split with ``cells``."""
    for name in ("authors_full", "authors"):
        lines = record.values(name)
        if not lines:
            continue
        if len(lines) > 1:
            people = [person for line in lines if (person := person_name(line))]
            return tuple(dict.fromkeys(people))
        split = split_authors(lines[0])
        if split is None:
            diagnostics.append(warning(
                path, f"the authors of the record at line {record.line} ({lines[0][:60]!r}) are not in a layout "
                "we can split safely, so none were kept", "Add the authors to the study record by hand",
                line=record.line))
            return ()
        if split:
            return split
    return ()


def _date(record: _Record, year: int | None, cited: str | None) -> str | None:
    for candidate in (parse_date(record.text("date")), cited):
        if candidate and parse_year(candidate) == year:
            return candidate
    return str(year) if year else None


def _doi(record: _Record) -> str | None:
    for value in record.values("doi"):
        doi = normalize_doi(value)
        if doi:
            return doi
    return None


def _url(record: _Record) -> str | None:
    for value in record.values("url"):
        if value.lower().startswith(("http://", "https://")) and "doi.org/" not in value.lower():
            return value
    return None


_TYPES = {"journal article": "journal article", "article": "journal article", "journal": "journal article",
          "review": "review", "systematic review": "review", "meta-analysis": "review",
          "conference abstract": "conference abstract", "conference paper": "conference paper",
          "editorial": "editorial", "letter": "letter", "comment": "comment", "book": "book",
          "chapter": "book chapter", "dissertation abstract": "thesis", "dissertation": "thesis"}


def _publication_type(values: list[str]) -> str | None:
    """The most specific type named: "Journal: Review" and "Journal Article; Review" are reviews."""
    named = [part.strip().lower() for value in values for part in re.split(r"[;:]", value) if part.strip()]
    known = [_TYPES[name] for name in named if name in _TYPES]
    specific = [kind for kind in known if kind != "journal article"]
    if specific:
        return specific[0]
    if known:
        return known[0]
    return named[0] if named else None


def _keywords(record: _Record) -> tuple[str, ...]:
    """The authors' keywords; subject headings only when there are none. Ovid marks major headings
    with "*" and subheadings after "/", which are dropped to leave the heading itself."""
    keywords = [item for line in record.values("keywords") for item in keyword_list(line)]
    if keywords:
        return normalize_keywords(keywords)
    headings = [re.sub(r"^\*|/.*$", "", value).strip() for value in record.values("headings")]
    return normalize_keywords([heading for heading in headings if heading])


def _identifiers(record: _Record, medline: bool) -> tuple[tuple[str, str], ...]:
    """PMID (given, or MEDLINE's unique identifier), the database's accession number, ISSN/ISBN."""
    result: list[tuple[str, str]] = []
    pmid = record.text("pmid")
    unique = record.text("unique_id")
    if pmid and pmid.isdigit():
        result.append(("pmid", pmid))
    elif unique and re.fullmatch(r"\d{1,8}", unique) and medline:
        result.append(("pmid", unique))  # Ovid MEDLINE's unique identifier is the PubMed ID
    elif unique:
        result.append(("accession", unique))
    accession = record.text("accession")
    if accession:
        result.append(("accession", accession))
    for value in record.values("issn") + record.values("isbn"):
        result.extend(standard_numbers(value))
    return tuple(dict.fromkeys(result))
