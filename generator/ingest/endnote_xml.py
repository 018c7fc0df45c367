"""EndNote XML libraries (File > Export > XML): ``<xml><records><record>...``.

Every text value sits in one or more ``<style face=... font=...>`` runs, so values are read as the
text of the whole element. Parsing is safe and tolerant of broken files (see ``xmlsafe``).
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from .base import AbstractSection, Extraction, ReadResult, read_guarded
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
from .ris import (
    accession_identifier,
    labelled_doi,
    plausible_number,
    plausible_pages,
    publication_type,
    standard_numbers,
)
from .xmlsafe import element_text, first_text, parse_records, read_records

_SNIFF_ROOT = re.compile(r"<xml>\s*<records>\s*<record[\s>]")
# EndNote's reference type names whose RIS equivalents read differently.
_ENDNOTE_TYPES = {"book section": "book chapter", "electronic book section": "book chapter",
                  "electronic article": "journal article", "conference proceedings": "conference paper",
                  "conference paper": "conference paper", "edited book": "book", "electronic book": "book",
                  "generic": None}
_SNIFF_FIELDS = re.compile(r"<(?:ref-type|titles|contributors|rec-number)[\s>]")
_FIX = "Export the library from EndNote as XML again"
_WEB_ADDRESS = re.compile(r"https?://\S+$")
_DOI_LINK = re.compile(r"https?://(dx\.)?doi\.org/")


class EndnoteXmlReader:
    """Reads EndNote XML exports."""

    name = "endnote-xml"

    def sniff(self, text: str) -> float:
        head = text[:20000]
        if _SNIFF_ROOT.search(head):
            return 0.95 if _SNIFF_FIELDS.search(head) else 0.6
        return 0.5 if "<record>" in head and _SNIFF_FIELDS.search(head) else 0.0

    def read(self, text: str, path: str) -> ReadResult:
        return read_guarded(_read, text, path, "EndNote XML file", _FIX)


def _read(text: str, path: str) -> ReadResult:
    return read_records(parse_records(text, ("record",), path, "EndNote XML file", _FIX), _extract, path,
                        "EndNote XML file")


def _all_text(record: Element, path: str) -> list[str]:
    return [text for element in record.findall(path) if (text := element_text(element))]


def _extract(record: Element, line: int) -> Extraction:
    journal = first_text(record, "periodical/full-title", "titles/secondary-title", "alt-periodical/full-title")
    abbreviations = [first_text(record, path) for path in ("periodical/abbr-1", "alt-periodical/abbr-1",
                                                      "titles/alt-title", "periodical/abbr-2")]
    year, date = _year_and_date(record)
    kind = record.find("ref-type")
    return Extraction(
        line=line,
        title=normalize_title(first_text(record, "titles/title", "titles/short-title")),
        authors=_authors(record),
        year=year,
        date=date,
        journal=journal,
        journal_abbrev=next((a for a in abbreviations if a and a != journal), None),
        volume=plausible_number(first_text(record, "volume")),
        issue=plausible_number(first_text(record, "number", "issue")),
        pages=plausible_pages(first_text(record, "pages")),
        doi=_doi(record),
        url=_url(record),
        publication_type=_publication_type(kind.get("name") if kind is not None else None),
        language=language_tag(first_text(record, "language")),
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
    year = parse_year(first_text(record, "dates/year"))
    raw = first_text(record, "dates/pub-dates/date")
    if not raw:
        return year, str(year) if year else None
    date = parse_date(raw) if parse_year(raw) else parse_date(f"{year} {raw}") if year else None
    year = year or parse_year(date)
    return year, date if date and parse_year(date) == year else (str(year) if year else None)


def _doi(record: Element) -> str | None:
    """``electronic-resource-num`` is the DOI field; a note or link only counts when labelled."""
    doi = normalize_doi(first_text(record, "electronic-resource-num"))
    if doi:
        return doi
    for value in [*_all_text(record, "urls/related-urls/url"), *_all_text(record, "notes")]:
        doi = labelled_doi(value)
        if doi:
            return doi
    return None


def _url(record: Element) -> str | None:
    for value in _all_text(record, "urls/related-urls/url") + _all_text(record, "urls/web-urls/url"):
        if _WEB_ADDRESS.match(value) and not _DOI_LINK.match(value):
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
    accession = first_text(record, "accession-num")
    if accession:
        pairs.append(accession_identifier(accession, first_text(record, "remote-database-name"),
                                          first_text(record, "remote-database-provider")))
    return tuple(dict.fromkeys(pairs))
