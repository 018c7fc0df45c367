"""EndNote XML libraries (File > Export > XML): ``<xml><records><record>...``.

Every text value sits in one or more ``<style face=... font=...>`` runs, so values are read as the
text of the whole element. The XML parsing helpers here are shared with the PubMed XML reader: both
parse with defusedxml, which refuses entity declarations (a "billion laughs" document) and external
references before anything is expanded, and both fall back to parsing record by record when the
document as a whole is broken, so a file cut short still gives the records it holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeTree
from defusedxml import DefusedXmlException

from ..errors import Diagnostic, error, warning
from .base import AbstractSection, Extraction, ReadResult, read_guarded
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
from .ris import accession_identifier, labelled_doi, plausible_number, publication_type, standard_numbers

# Characters XML 1.0 forbids; reference managers do let them into abstracts (a pasted form feed).
_INVALID_XML_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SNIFF_ROOT = re.compile(r"<xml>\s*<records>\s*<record[\s>]")
# EndNote's reference type names whose RIS equivalents read differently.
_ENDNOTE_TYPES = {"book section": "book chapter", "electronic book section": "book chapter",
                  "electronic article": "journal article", "conference proceedings": "conference paper",
                  "conference paper": "conference paper", "edited book": "book", "electronic book": "book",
                  "generic": None}
_SNIFF_FIELDS = re.compile(r"<(?:ref-type|titles|contributors|rec-number)[\s>]")


@dataclass(frozen=True)
class XmlRecords:
    """The record elements of an XML export, each with the line its start tag is on."""

    records: tuple[tuple[int, Element], ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    refused: bool = False


class EndnoteXmlReader:
    """Reads EndNote XML exports."""

    name = "endnote-xml"

    def sniff(self, text: str) -> float:
        head = text[:20000]
        if _SNIFF_ROOT.search(head):
            return 0.95 if _SNIFF_FIELDS.search(head) else 0.6
        return 0.5 if "<record>" in head and _SNIFF_FIELDS.search(head) else 0.0

    def read(self, text: str, path: str) -> ReadResult:
        return read_guarded(_read, text, path, "EndNote XML file", "Export the library from EndNote as XML again")


def parse_records(text: str, tags: tuple[str, ...], path: str, what: str, fix: str) -> XmlRecords:
    """The elements named ``tags`` in the document (in document order), parsed safely.

    Entity declarations and external references refuse the whole file with one error (never
    expanded); a syntax error falls back to parsing each ``<tag>...</tag>`` on its own, with a
    warning for each one that cannot be read (or was cut short).
    """
    text = _INVALID_XML_CHARS.sub(" ", text.lstrip("\ufeff"))
    pattern = "|".join(re.escape(tag) for tag in tags)
    starts = [(match.start(), match.group(1)) for match in re.finditer(rf"<({pattern})(?=[\s>/])", text)]
    try:
        root = SafeTree.fromstring(text.encode("utf-8"))
    except DefusedXmlException as exc:
        return XmlRecords(diagnostics=(error(
            path, f"this {what} was refused: it declares XML entities or external references "
            f"({type(exc).__name__}), which could expand without limit or read other files",
            f"{fix}; a genuine export declares no entities", line=1),), refused=True)
    except ParseError:
        return _parse_one_by_one(text, starts, path, fix, tags)
    elements = [element for element in root.iter() if element.tag in tags]
    offsets = [start for start, _ in starts]
    lines = _lines(text, offsets) if len(starts) == len(elements) else [1] * len(elements)
    return XmlRecords(tuple(zip(lines, elements, strict=True)))


def _lines(text: str, offsets: list[int]) -> list[int]:
    """1-based line numbers of ascending character offsets, in one pass over the text."""
    lines: list[int] = []
    line, position = 1, 0
    for offset in offsets:
        line += text.count("\n", position, offset)
        position = offset
        lines.append(line)
    return lines


def _parse_one_by_one(text: str, starts: list[tuple[int, str]], path: str, fix: str,
                      tags: tuple[str, ...]) -> XmlRecords:
    records: list[tuple[int, Element]] = []
    diagnostics: list[Diagnostic] = []
    offsets = [start for start, _ in starts]
    for index, (line, (start, tag)) in enumerate(zip(_lines(text, offsets), starts, strict=True)):
        closing = f"</{tag}>"
        end = text.find(closing, start)
        following = offsets[index + 1] if index + 1 < len(offsets) else len(text)
        if end < 0 or end > following:
            diagnostics.append(warning(path, f"record at line {line} is cut short (no {closing})", fix, line=line))
            continue
        try:
            records.append((line, SafeTree.fromstring(text[start:end + len(closing)].encode("utf-8"))))
        except ParseError as exc:
            where = line + exc.position[0] - 1
            reason = re.sub(r":\s*line \d+, column \d+$", "", str(exc))
            diagnostics.append(warning(path, f"record at line {line} could not be read ({reason} at line {where})",
                                       fix, line=where))
        except DefusedXmlException as exc:
            diagnostics.append(warning(path, f"record at line {line} was refused ({type(exc).__name__})", fix,
                                       line=line))
    if not starts:
        diagnostics.append(error(path, f"this XML is broken and holds no <{tags[0]}> elements", fix, line=1))
    return XmlRecords(tuple(records), tuple(diagnostics))


def element_text(element: Element | None) -> str | None:
    """All the text inside an element (inline markup and style runs joined), whitespace cleaned."""
    return None if element is None else clean_text("".join(element.itertext()))


def read_records(parsed: XmlRecords, extract: Callable[[Element, int], Extraction], path: str,
                 what: str) -> ReadResult:
    """One Extraction per record with a title; records without one are reported and skipped."""
    if parsed.refused:
        return ReadResult((), parsed.diagnostics)
    records: list[Extraction] = []
    diagnostics = list(parsed.diagnostics)
    for line, element in parsed.records:
        record = extract(element, line)
        if record.title:
            records.append(record)
        else:
            diagnostics.append(warning(path, f"record at line {line} has no title and was skipped",
                                       "Add a title in the library or remove the record", line=line))
    if not records and not any(d.is_error for d in diagnostics):
        diagnostics.append(warning(path, f"no records with a title were found in this {what}",
                                   "Check that this is the export you meant to add", line=1))
    return ReadResult(tuple(records), tuple(diagnostics))


def _read(text: str, path: str) -> ReadResult:
    fix = "Export the library from EndNote as XML again"
    return read_records(parse_records(text, ("record",), path, "EndNote XML file", fix), _extract, path,
                        "EndNote XML file")


def _text(record: Element, *paths: str) -> str | None:
    """The text of the first of ``paths`` that the record has and that is not empty."""
    for path in paths:
        text = element_text(record.find(path))
        if text:
            return text
    return None


def _all_text(record: Element, path: str) -> list[str]:
    return [text for element in record.findall(path) if (text := element_text(element))]


def _extract(record: Element, line: int) -> Extraction:
    journal = _text(record, "periodical/full-title", "titles/secondary-title", "alt-periodical/full-title")
    abbreviations = [_text(record, path) for path in ("periodical/abbr-1", "alt-periodical/abbr-1",
                                                      "titles/alt-title", "periodical/abbr-2")]
    year, date = _year_and_date(record)
    kind = record.find("ref-type")
    return Extraction(
        line=line,
        title=normalize_title(_text(record, "titles/title", "titles/short-title")),
        authors=_authors(record),
        year=year,
        date=date,
        journal=journal,
        journal_abbrev=next((a for a in abbreviations if a and a != journal), None),
        volume=plausible_number(_text(record, "volume")),
        issue=plausible_number(_text(record, "number", "issue")),
        pages=_pages(_text(record, "pages")),
        doi=_doi(record),
        url=_url(record),
        publication_type=_publication_type(kind.get("name") if kind is not None else None),
        language=language_tag(_text(record, "language")),
        abstract=_abstract(record),
        keywords=_keywords(record),
        identifiers=_identifiers(record),
    )


def _publication_type(name: str | None) -> str | None:
    """EndNote's reference type in the words the RIS reader uses for the same kinds."""
    label = clean_text(name)
    if not label:
        return None
    return _ENDNOTE_TYPES.get(label.lower(), publication_type(label))


def _authors(record: Element) -> tuple[str, ...]:
    """Authors; editors and other contributors only when no author is named (as for RIS)."""
    for path in ("contributors/authors/author", "contributors/secondary-authors/author",
                 "contributors/tertiary-authors/author", "contributors/subsidiary-authors/author"):
        names: list[str] = []
        for value in _all_text(record, path):
            name = normalize_name(value)
            if name and name not in names:
                names.append(name)
        if names:
            return tuple(names)
    return ()


def _year_and_date(record: Element) -> tuple[int | None, str | None]:
    """``dates/year`` and, when it agrees, the publication date ("Jun 1" is read with the year)."""
    year = parse_year(_text(record, "dates/year"))
    raw = _text(record, "dates/pub-dates/date")
    if not raw:
        return year, str(year) if year else None
    date = parse_date(raw) if parse_year(raw) else parse_date(f"{year} {raw}") if year else None
    year = year or parse_year(date)
    return year, date if date and parse_year(date) == year else (str(year) if year else None)


def _pages(value: str | None) -> str | None:
    pages = normalize_pages(value)
    return pages if pages and any(char.isdigit() for char in pages) else None


def _doi(record: Element) -> str | None:
    """``electronic-resource-num`` is the DOI field; a note or link only counts when labelled."""
    doi = normalize_doi(_text(record, "electronic-resource-num"))
    if doi:
        return doi
    for value in [*_all_text(record, "urls/related-urls/url"), *_all_text(record, "notes")]:
        doi = labelled_doi(value)
        if doi:
            return doi
    return None


def _url(record: Element) -> str | None:
    for value in _all_text(record, "urls/related-urls/url") + _all_text(record, "urls/web-urls/url"):
        if re.match(r"https?://\S+$", value) and not re.match(r"https?://(dx\.)?doi\.org/", value):
            return value
    return None


def _abstract(record: Element) -> tuple[AbstractSection, ...]:
    """EndNote ends each abstract paragraph with a line break; keep them as paragraphs."""
    element = record.find("abstract")
    if element is None:
        return ()
    raw = "".join(element.itertext()).replace("\r\n", "\n").replace("\r", "\n")
    return split_abstract(re.sub(r"\s*\n\s*", "\n\n", raw.strip()))


def _keywords(record: Element) -> tuple[str, ...]:
    values: list[str] = []
    for element in record.findall("keywords/keyword"):
        values.extend(re.split(r"[\r\n]+", "".join(element.itertext())))
    return normalize_keywords(values)


def _identifiers(record: Element) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    for value in _all_text(record, "isbn"):
        pairs.extend(standard_numbers(value))
    accession = _text(record, "accession-num")
    if accession:
        pairs.append(accession_identifier(accession, _text(record, "remote-database-name"),
                                          _text(record, "remote-database-provider")))
    return tuple(dict.fromkeys(pairs))
