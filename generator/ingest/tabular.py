"""Spreadsheet exports (CSV/TSV) of bibliographic databases and screening tools, one study per row.

Scopus, Web of Science ("Tab-delimited file"), Dimensions, Lens, Covidence, Embase, IEEE Xplore,
Springer, Zotero and home-made "title;abstract" files all write a header row and one row per
record, but each names and orders its columns differently, may start with a BOM or preamble
lines ("About the data: Exported on ..."), and uses ``,``, ``;`` or tabs. So the format is found
by its header row, not by its tool: we try each of the first lines with each delimiter and keep
the one whose cells name the most bibliographic fields (see ``columns``). A file is only claimed
when that header has a title column and another bibliographic one, and the rows below it have
about as many cells: a table of numbers, or a web page with a comma in a line, is not an export.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from ..errors import Diagnostic, error, warning
from . import columns as col
from .base import Extraction, ReadResult, read_guarded
from .cells import (
    Citation,
    date_from_words,
    doi_from_url,
    journal_name,
    keyword_list,
    parse_citation,
    person_name,
    publication_type,
    split_authors,
)
from .clean import split_abstract
from .normalize import (
    clean_text,
    language_tag,
    normalize_doi,
    normalize_keywords,
    normalize_pages,
    normalize_title,
    parse_date,
    parse_year,
)
from .ris import standard_numbers

_DELIMITERS = ("\t", ",", ";", "|")
_HEADER_SEARCH_LINES = 30
_SNIFF_CHARS = 60000
_SAMPLE_ROWS = 30
_YEAR_CELL = re.compile(r"(?:1[89]|20)\d\d")
_PMID_CELL = re.compile(r"\d{1,9}")
_COMPACT_DATE = re.compile(r"\s*((?:1[89]|20)\d\d)(0[1-9]|1[0-2])([0-3]\d)\s*")  # EBSCOhost's "20210315"
_STANDALONE_NUMBER = re.compile(r"\b\d+\b")


@dataclass(frozen=True)
class Header:
    """The header row found in a document: where it is, how cells are separated, what they hold."""

    line: int  # 1-based line number of the header in the text
    delimiter: str
    cells: tuple[str, ...]
    fields: dict[str, list[int]]

    @property
    def bibliographic(self) -> int:
        """How many fields besides the title mark the header as a bibliographic export."""
        return len(col.BIBLIOGRAPHIC & self.fields.keys())


class TabularReader:
    """Reads CSV/TSV exports of databases and screening tools, recognised by their header row."""

    name = "tabular"

    def sniff(self, text: str) -> float:
        sample = _lines(text[:_SNIFF_CHARS])
        header = find_header(sample)
        if header is None or col.TITLE not in header.fields or header.bibliographic < 1:
            return 0.0
        rows = list(_sample_rows(sample, header))
        if rows and not _rows_fit(rows, len(header.cells)):
            return 0.0
        if not rows:
            return 0.8  # a header alone: read, so that the user hears the export is empty
        return 0.95 if header.bibliographic >= 3 else 0.85

    def read(self, text: str, path: str) -> ReadResult:
        return read_guarded(_read, text, path, "spreadsheet export",
                            "Export the records again as CSV from the database, or check the file is complete")


def _read(text: str, path: str) -> ReadResult:
    lines = _lines(text)
    header = find_header(lines)
    if header is None or col.TITLE not in header.fields:
        return ReadResult(diagnostics=(error(
            path, "no header row with a title column was found in this spreadsheet",
            "Keep the export's first row of column names (one of them a title such as 'Title')", line=1),))
    diagnostics: list[Diagnostic] = []
    records = list(_rows(lines, header, path, diagnostics))
    if not records and not diagnostics:
        diagnostics.append(error(path, "the spreadsheet has a header row but no rows of records below it",
                                 "Export the records again, with at least one record selected", line=header.line))
    return ReadResult(tuple(records), tuple(diagnostics))


def _lines(text: str) -> list[str]:
    """Lines with any BOM and Windows or old-Mac line ends removed (line numbers stay those of the file)."""
    return text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n").split("\n")


def find_header(lines: list[str]) -> Header | None:
    """The most bibliographic-looking row among the first lines, tried with each delimiter."""
    best: Header | None = None
    for number, line in enumerate(lines[:_HEADER_SEARCH_LINES], start=1):
        if not line.strip():
            continue
        for delimiter in _DELIMITERS:
            if delimiter not in line:
                continue
            cells = _split_line(line, delimiter)
            if not _plausible_header(cells):
                continue
            header = Header(number, delimiter, tuple(cells), col.map_header(cells))
            if best is None or _rank(header) > _rank(best):
                best = header
    return best


def _rank(header: Header) -> tuple[int, int, int]:
    return (int(col.TITLE in header.fields), len(header.fields), len(header.cells))


def _split_line(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []


def _plausible_header(cells: list[str]) -> bool:
    """Column names are short and mostly filled in; a sentence with a comma is not a header."""
    names = [cell.strip() for cell in cells]
    if len(names) < 2 or sum(1 for name in names if name) < max(2, len(names) // 2):
        return False
    return all(len(name) <= 80 for name in names)


def _sample_rows(lines: list[str], header: Header) -> Iterator[list[str]]:
    for _line, row in _data_rows(lines[header.line:header.line + _SAMPLE_ROWS * 4], header.delimiter,
                                 header.line, limit=_SAMPLE_ROWS):
        yield row


def _rows_fit(rows: list[list[str]], width: int) -> bool:
    """Most rows have about as many cells as the header (exporters may drop trailing empty ones)."""
    fitting = sum(1 for row in rows if max(2, width // 2) <= len(row) <= width + 2)
    return fitting >= 0.8 * len(rows)


def _data_rows(lines: list[str], delimiter: str, offset: int, limit: int | None = None,
               problems: list[tuple[int, str]] | None = None) -> list[tuple[int, list[str]]]:
    """(line the row starts on, cells) for each non-blank row; ``offset`` is the header's line.

    A row the csv module cannot parse ends the reading, noted in ``problems``: after such an
    error it could no longer tell where the next row starts.
    """
    text = "\n".join(lines)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=False)
    rows: list[tuple[int, list[str]]] = []
    with _field_size_limit(len(text) + 1):
        while limit is None or len(rows) < limit:
            start = offset + reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                if problems is not None:
                    problems.append((start, str(exc)))
                break
            if any(cell.strip() for cell in row):
                rows.append((start, row))
    return rows


@contextmanager
def _field_size_limit(size: int) -> Iterator[None]:
    """Let one cell be as long as the whole file for the duration of a read, then put the csv
    module's limit back. Its default (128 KiB) is smaller than the reference list of a large
    review in a Scopus export, and hitting it would cost every row after that one."""
    previous = csv.field_size_limit()
    csv.field_size_limit(max(previous, size))
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _rows(lines: list[str], header: Header, path: str, diagnostics: list[Diagnostic]) -> Iterator[Extraction]:
    problems: list[tuple[int, str]] = []
    realigned: list[int] = []
    for line, row in _data_rows(lines[header.line:], header.delimiter, header.line, problems=problems):
        fields = header.fields
        if _overflows(row, len(header.cells)):
            fields = realign(row, header)
            realigned.append(line)
            if col.TITLE not in fields:
                diagnostics.append(warning(
                    path, f"the row at line {line} has more cells than the header row and its title column could "
                    "not be told apart from its neighbours, so it was skipped",
                    "Put the cells that hold a delimiter in quotes, or export the file again", line=line))
                continue
        record = _extraction(_Row(row, fields), line, path, diagnostics)
        if record is not None:
            yield record
    if realigned:
        diagnostics.append(warning(
            path, f"{len(realigned)} row(s) have more cells than the header row (first at line {realigned[0]}); "
            "their columns were matched by content, and fields that could not be placed were left empty",
            "Check those records, or export the file again", line=realigned[0]))
    for line, problem in problems:
        diagnostics.append(warning(path, f"the row at line {line} could not be read ({problem}), so it and the "
                                         "rows after it were skipped",
                                   "Check the quotes in that row, or export the records again", line=line))


def _overflows(row: list[str], width: int) -> bool:
    """Filled cells beyond the header's last column (a trailing delimiter alone does not count)."""
    return any(cell.strip() for cell in row[width:])


def _valid_year(value: str) -> bool:
    return _YEAR_CELL.fullmatch(value) is not None


def _valid_language(value: str) -> bool:
    tag = language_tag(value.split(";")[0])
    return tag is not None and len(tag) == 2 and value.replace(";", " ").replace(" ", "").isalpha()


#: Content checks for columns whose values have an unmistakable shape, used to find where the
#: cells of an over-long row stop matching the header.
_SHAPES: dict[str, Callable[[str], bool]] = {
    col.YEAR: _valid_year,
    col.DOI: lambda value: normalize_doi(value) is not None,
    col.URL: lambda value: value.lower().startswith(("http://", "https://")),
    col.ABSTRACT: lambda value: len(value.split()) >= 25,
    col.LANGUAGE: _valid_language,
    "id:pmid": lambda value: _PMID_CELL.fullmatch(value) is not None,
    "id:issn": lambda value: bool(standard_numbers(value)),
    "id:scopus": lambda value: value.startswith("2-s2.0-"),
}


def realign(row: list[str], header: Header) -> dict[str, list[int]]:
    """Column indexes for a row with ``extra`` cells more than the header (a column some records
    have and the header lacks, or an unquoted delimiter): columns before the break keep their
    place, columns after it move right by ``extra``. The break is placed from columns whose values
    have a recognisable shape; fields between the last column seen in place and the first seen
    moved are left out, and so is every field when the shapes contradict each other."""
    extra = len(row) - len(header.cells)
    cell = [value.strip() for value in row]
    in_place: list[int] = []
    moved: list[int] = []
    for name, check in _SHAPES.items():
        for index in header.fields.get(name, []):
            here = bool(cell[index]) and check(cell[index])
            there = bool(cell[index + extra]) and check(cell[index + extra])
            if here and not there:
                in_place.append(index)
            elif there and not here:
                moved.append(index)
    low = max(in_place, default=-1) + 1
    high = min(moved, default=len(header.cells))
    if low > high:
        return {}
    fields: dict[str, list[int]] = {}
    for name, indexes in header.fields.items():
        kept = [index if index < low else index + extra for index in indexes if index < low or index >= high]
        if kept:
            fields[name] = kept
    return fields


@dataclass(frozen=True)
class _Row:
    """One data row, read through the header's field map."""

    cells: list[str]
    fields: dict[str, list[int]]

    def first(self, name: str) -> str | None:
        """The first filled-in column for ``name``, in the order of trust ``columns`` gives."""
        for index in self.fields.get(name, []):
            if index < len(self.cells):
                value = clean_text(self.cells[index])
                if value:
                    return value
        return None

    def all(self, name: str) -> list[str]:
        values = [clean_text(self.cells[i]) for i in self.fields.get(name, []) if i < len(self.cells)]
        return [value for value in values if value]


def _extraction(row: _Row, line: int, path: str, diagnostics: list[Diagnostic]) -> Extraction | None:
    title = _title(row.first(col.TITLE))
    if not title:
        diagnostics.append(warning(path, f"the row at line {line} has no title, so it was skipped",
                                   "Fill in its title column, or delete the row", line=line))
        return None
    citation = _citation(row)
    authors = _authors(row, line, path, diagnostics)
    year, date = _year_and_date(row, citation.year, citation.date)
    return Extraction(
        line=line,
        title=title,
        authors=authors,
        year=year,
        date=date,
        journal=citation.journal,
        journal_abbrev=row.first(col.JOURNAL_ABBREV),
        volume=row.first(col.VOLUME) or citation.volume,
        issue=row.first(col.ISSUE) or citation.issue,
        pages=_pages(row) or citation.pages,
        doi=_doi(row),
        url=_url(row),
        publication_type=publication_type(row.first(col.PUBLICATION_TYPE)),
        language=language_tag(row.first(col.LANGUAGE)),
        abstract=split_abstract(row.first(col.ABSTRACT)),
        keywords=_keywords(row),
        identifiers=_identifiers(row),
    )


def _title(value: str | None) -> str | None:
    """A title, unless the cell holds only punctuation or a placeholder such as "[No title available]"."""
    title = normalize_title(value)
    if title is None or not any(ch.isalnum() for ch in title):
        return None
    if title.startswith("[") and title.endswith("]") and "title" in title.lower():
        return None
    return title


def _citation(row: _Row) -> Citation:
    """Journal, volume, issue, pages and year a row states in a citation or source column, with the
    journal column's name first. A "Source" column holds a citation in some exports (PubMed,
    EBSCOhost), only the journal's name in others (Google Scholar tools), and the database's name in
    Scopus; a journal column that holds a whole citation is read as one too."""
    journal_cell = row.first(col.JOURNAL)
    cited = parse_citation(journal_cell) if journal_cell and _STANDALONE_NUMBER.search(journal_cell) else Citation()
    if cited.journal is None:
        cited = parse_citation(row.first(col.CITATION))
        if journal_cell:
            cited = replace(cited, journal=journal_cell)
    if cited.journal is None:
        cited = replace(cited, journal=journal_name(row.first(col.CITATION)))
    return cited


def _authors(row: _Row, line: int, path: str, diagnostics: list[Diagnostic]) -> tuple[str, ...]:
    """Full names over initials; a cell we cannot split leaves the authors empty, with a warning.
    Exports with one column per person ("Author 1", "Author 2") are read one name per column."""
    each = _people_one_per_column(row)
    for name in (col.AUTHORS_FULL, col.AUTHORS):
        cell = row.first(name)
        if cell is None:
            continue
        people = split_authors(cell)
        if people:
            return people
        if people is None:
            diagnostics.append(warning(
                path, f"the authors of the row at line {line} ({cell[:60]!r}) are not in a layout we can split "
                "safely, so none were kept", "Add the authors to the study record by hand", line=line))
            return ()
    return each


def _people_one_per_column(row: _Row) -> tuple[str, ...]:
    people = [person_name(cell) for cell in row.all(col.AUTHOR_EACH)]
    return tuple(dict.fromkeys(person for person in people if person))


def _year_and_date(row: _Row, cited_year: int | None, cited_date: str | None) -> tuple[int | None, str | None]:
    date = _date(row.first(col.DATE))
    year = parse_year(row.first(col.YEAR)) or parse_year(date) or cited_year
    if date and parse_year(date) == year:
        return year, date
    if cited_date and parse_year(cited_date) == year:
        return year, cited_date
    return year, str(year) if year else None


def _date(cell: str | None) -> str | None:
    """An ISO date from a date column, also when written "Jun 2019", "MAR 15 2021" (Web of Science,
    ProQuest) or "20210315" (EBSCOhost), which the general date parser reads only to the year."""
    date = parse_date(cell)
    if not cell or date is None or len(date) > 4:
        return date
    compact = _COMPACT_DATE.fullmatch(cell)
    if compact:
        return parse_date("-".join(compact.groups()))
    worded = date_from_words(cell)
    return worded if worded and worded[:4] == date else date


def _pages(row: _Row) -> str | None:
    pages = row.first(col.PAGES)
    if pages:
        return normalize_pages(pages)
    start = row.first(col.PAGE_START)
    if start:
        return normalize_pages(start, row.first(col.PAGE_END))
    return row.first(col.ARTICLE_NUMBER)


def _doi(row: _Row) -> str | None:
    for value in row.all(col.DOI):
        doi = normalize_doi(value)
        if doi:
            return doi
    for value in row.all(col.URL):
        doi = doi_from_url(value)
        if doi:
            return doi
    return None


def _url(row: _Row) -> str | None:
    """The first web address that is neither a DOI link (the DOI is kept on its own) nor a library's
    link resolver."""
    for value in row.all(col.URL):
        for part in value.split(";"):
            part = part.strip()
            if part.lower().startswith(("http://", "https://")) and "doi.org/" not in part.lower() \
                    and not _OPENURL.search(part):
                return part
    return None


# A library's link resolver (OpenURL), which only works for that library's readers.
_OPENURL = re.compile(r"[?&](?:sid|url_ver|rft[._][a-z_]+|atitle)=", re.IGNORECASE)


def _keywords(row: _Row) -> tuple[str, ...]:
    """Author keywords; the database's index terms only when the authors gave none."""
    for name in (col.KEYWORDS, col.INDEX_TERMS):
        values = [item for cell in row.all(name) for item in keyword_list(cell)]
        if values:
            return normalize_keywords(values)
    return ()


def _identifiers(row: _Row) -> tuple[tuple[str, str], ...]:
    result: list[tuple[str, str]] = []
    for name in sorted(row.fields):
        if not name.startswith("id:"):
            continue
        kind = name[3:]
        for value in row.all(name):
            result.extend(_identifier(kind, value))
    return tuple(dict.fromkeys(result))


def _identifier(kind: str, value: str) -> list[tuple[str, str]]:
    if kind in ("issn", "isbn"):
        return [pair for pair in standard_numbers(value) if pair[0] == kind or kind == "issn"]
    if kind == "pmid":
        return [("pmid", value)] if value.isdigit() else []
    if kind == "pmcid":
        text = value.upper()
        return [("pmcid", text if text.startswith("PMC") else f"PMC{text}")] if text.removeprefix("PMC").isdigit() \
            else []
    return [(kind, value)]
