"""Web of Science tagged exports ("Plain text" from Web of Science Core Collection).

Each field is a two-letter tag, one space and the value; continuation lines are indented three
spaces; ``ER`` ends a record and ``FN``/``VR``/``EF`` frame the file. rispy's ``WokParser`` knows
the tags, but it silently drops a record that has no ``ER`` and can carry a continuation line
across records, so we cut the file into records ourselves and give rispy one record at a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import rispy

from ..errors import Diagnostic, error, warning
from .base import Extraction, ReadResult
from .clean import split_abstract
from .normalize import (
    normalize_doi,
    normalize_keywords,
    normalize_name,
    normalize_pages,
    normalize_title,
    parse_date,
    parse_year,
)
from .ris import RISPY_ERRORS, all_values, first_value, read_each, standard_numbers

_HEADER = re.compile(r"^FN ", re.MULTILINE)
# "PT J" starts a record; MEDLINE's "PT  - Journal Article" must not.
_RECORD_START = re.compile(r"^PT(?: [^\s-]|\s*$)")
_RECORD_END = re.compile(r"^ER\s*$")
_FILE_END = re.compile(r"^EF\s*$")
# A field line: a tag flush left, then one space (or nothing, for an empty field).
_FIELD_LINE = re.compile(r"^[A-Z][A-Z0-9](?: |$)")

# Document types (DT) in plain words; anything else is kept, lower-cased.
_DOCUMENT_TYPES = {
    "article": "journal article", "review": "review", "proceedings paper": "conference paper",
    "meeting abstract": "conference abstract", "editorial material": "editorial",
    "book chapter": "book chapter", "book": "book", "letter": "letter", "note": "note",
    "correction": "correction", "data paper": "data paper", "book review": "book review",
}
# Publication types (PT) for records without a DT.
_PUBLICATION_TYPES = {"J": "journal article", "B": "book", "S": "book series",
                      "C": "conference paper", "P": "patent"}


@dataclass
class _Chunk:
    """One record's lines and the line its PT tag is on."""

    line: int
    lines: list[str] = field(default_factory=list)
    ended: bool = False


class WosReader:
    """Reads Web of Science tagged exports."""

    name = "wos"

    def sniff(self, text: str) -> float:
        head = text[:50000].lstrip("\ufeff \t\n")
        has_record = re.search(r"^PT ", head, re.MULTILINE) is not None
        if head.startswith("FN ") and has_record:
            return 0.9
        if head.startswith("PT ") and re.search(r"^ER\s*$", head, re.MULTILINE) and \
                re.search(r"^(TI|AU) ", head, re.MULTILINE):
            return 0.6  # records pasted without the file header
        return 0.0

    def read(self, text: str, path: str) -> ReadResult:
        chunks, diagnostics = _split_records(text.lstrip("\ufeff"), path)
        if not chunks:
            return ReadResult(diagnostics=(error(
                path, "no Web of Science records found: no line starts with 'PT '",
                "Export the records again as Web of Science 'Plain text', or check this is the right file",
                line=1),))
        return read_each(chunks, _read_chunk, path, diagnostics)


def _split_records(text: str, path: str) -> tuple[list[_Chunk], list[Diagnostic]]:
    """Records from PT to ER; the FN/VR header, blank lines and EF fall outside them."""
    chunks: list[_Chunk] = []
    diagnostics: list[Diagnostic] = []
    current: _Chunk | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        if current is None or current.ended:
            if _RECORD_START.match(line):
                current = _Chunk(number, [line])
                chunks.append(current)
            elif _FILE_END.match(line):
                break
        elif _RECORD_END.match(line):
            current.ended = True
        elif line.strip():
            current.lines.append(_canonical(line))
    if current is not None and not current.ended:
        diagnostics.append(warning(
            path, f"the last record (line {current.line}) has no 'ER' line, so the file may be cut short",
            "Export the records again or check the file is complete", line=current.line))
    return chunks, diagnostics


def _canonical(line: str) -> str:
    """The line as rispy's parser expects it: "XX value" for a field, three spaces and the value
    for a continuation. rispy cuts the first three characters off every line, so a continuation
    indented with a tab or two spaces (files re-saved by an editor) would lose its first letters."""
    line = line.rstrip("\r")
    if _FIELD_LINE.match(line):
        return line
    return "   " + line.strip()


def _read_chunk(chunk: _Chunk, path: str, diagnostics: list[Diagnostic]) -> Extraction | None:
    """One record through rispy's WokParser; None (with a warning) when it is unusable."""
    try:
        # WokParser's own table has no entry for unknown tags, so any tag it does not know
        # (newer exports add C3, WE, ...) would raise KeyError('UK'): skip those instead.
        parsed = rispy.loads("\n".join([*chunk.lines, "ER"]), implementation=rispy.WokParser,
                             skip_unknown_tags=True)
    except RISPY_ERRORS as exc:  # rispy raises bare built-ins on odd input; one record never stops a file
        diagnostics.append(warning(path, f"record at line {chunk.line} could not be read ({exc})",
                                   "Check the record's tags in the export", line=chunk.line))
        return None
    fields = parsed[0] if parsed else {}
    title = normalize_title(first_value(fields, "document_title"))
    if not title:
        diagnostics.append(warning(path, f"record at line {chunk.line} has no title (TI)",
                                   "Add one in the export or remove the record", line=chunk.line))
        return None
    return _extraction(fields, chunk.line, title)


def _extraction(fields: dict[str, Any], line: int, title: str) -> Extraction:
    year = parse_year(first_value(fields, "publication_year"))
    start = first_value(fields, "beginning_page")
    return Extraction(
        line=line,
        title=title,
        authors=_authors(fields),
        year=year,
        date=_date(year, first_value(fields, "publication_date")),
        journal=first_value(fields, "publication_name"),
        journal_abbrev=first_value(fields, "iso_source_abbreviation", "source_abbreviation_29c"),
        volume=first_value(fields, "volume"),
        issue=first_value(fields, "issue"),
        pages=normalize_pages(start, first_value(fields, "ending_page")) if start
        else first_value(fields, "article_number"),
        doi=normalize_doi(first_value(fields, "doi")) or normalize_doi(first_value(fields, "book_doi")),
        publication_type=_publication_type(fields),
        peer_reviewed=None,
        language=first_value(fields, "language"),
        abstract=split_abstract(first_value(fields, "abstract")),
        keywords=normalize_keywords(all_values(fields, "author_keywords", "keywords_plus")),
        identifiers=_identifiers(fields),
    )


def _authors(fields: dict[str, Any]) -> tuple[str, ...]:
    """AF (full names) over AU (initials only); group authors (CA) follow the people."""
    people = all_values(fields, "author_full_name") or all_values(fields, "authors")
    names: list[str] = []
    for value in [*people, *all_values(fields, "group_authors")]:
        name = normalize_name(value, given_first=False)
        if name and name not in names:
            names.append(name)
    return tuple(names)


def _date(year: int | None, published: str | None) -> str | None:
    """PD holds month and day ("JUN 8") without the year, so read it together with PY."""
    if year is None:
        return None
    date = parse_date(f"{year} {published}") if published else None
    return date if date and parse_year(date) == year else str(year)


def _publication_type(fields: dict[str, Any]) -> str | None:
    document_type = first_value(fields, "document_type")
    if document_type:
        first = document_type.split(";")[0].strip().lower()
        return _DOCUMENT_TYPES.get(first, first)
    code = (first_value(fields, "publication_type") or "").upper()
    return _PUBLICATION_TYPES.get(code)


def _identifiers(fields: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    result: list[tuple[str, str]] = []
    accession = first_value(fields, "accession_number")
    if accession:
        result.append(("wos" if accession.upper().startswith("WOS:") else "accession", accession))
    pmid = first_value(fields, "pubmed_id")
    if pmid and pmid.isdigit():
        result.append(("pmid", pmid))
    for value in all_values(fields, "issn", "eissn", "isbn"):
        result.extend(standard_numbers(value))
    return tuple(dict.fromkeys(result))
