"""Library catalogue records copied from a web page.

Catalogue software (Inmagic, Koha, EBSCO-style OPACs) shows a record as: a title line, a source
line ("Journal 2019;12(3):45-67. [doi: ...]" or "Server 2021 (preprint server; not
peer-reviewed)"), authors as "Family, Given | Family, Given", the abstract, then labelled fields
("Keywords:", "Document No:", "Submitted by:") and the site's own footer.
"""

from __future__ import annotations

import re

from ...errors import error
from ..base import Extraction, ReadResult
from ..clean import split_abstract
from ..normalize import clean_text, normalize_doi, normalize_keywords, normalize_title, parse_year
from .common import Line, join_paragraphs, looks_like_title, page_lines, parse_author_line

_BRACKET_DOI = re.compile(r"\[\s*doi\s*:\s*(10\.[^\]\s]+)\s*\]", re.IGNORECASE)
_LABELLED = re.compile(r"^([A-Z][A-Za-z /]{1,30}?)\s*:\s*(.*)$")
_SOURCE = re.compile(
    r"^(?P<journal>.+?)\s+(?P<year>(?:1[89]|20)\d\d)\b(?P<rest>[^\[]*)")
_CITATION_TAIL = re.compile(
    r"^\s*[;,]?\s*(?P<volume>[\w]+)?\s*(?:\((?P<issue>[^)]+)\))?\s*(?::\s*(?P<pages>[\w\-–]+))?")
_PREPRINT = re.compile(r"\b(preprint|not peer[- ]reviewed|non[- ]peer[- ]reviewed)\b", re.IGNORECASE)
_PUBLICATION_NOTE = re.compile(
    r"[^.]*\b(has not been|not yet been|was not|is not)\s+(published|peer[- ]reviewed)[^.]*\.|"
    r"\bThis is the [^.]{0,80}\b(Article|Report|Paper) for [^.]*\.", re.IGNORECASE)
# Labelled fields that end the abstract; their values are kept or stripped below.
_FIELD_LABELS = {"keywords", "document no", "submitted by", "related protocols", "record permalink",
                 "how to get the item", "notes", "call number", "language", "publisher", "isbn",
                 "issn", "subjects", "subject", "location", "availability", "url", "source"}
_KEPT_FIELDS = {"keywords", "record permalink", "url"}
_FOOTER = re.compile(r"^(supported by|powered by|the materials on this site|copyright|©)", re.IGNORECASE)


class CatalogueReader:
    """Reads a catalogue record; its signature is a "Family, Given | Family, Given" author line."""

    name = "webpage-catalogue"

    def sniff(self, text: str) -> float:
        lines = page_lines(text[:20000])
        score = 0.0
        if any(len(parse_author_line(line.text)) >= 2 and "|" in line.text for line in lines[:15]):
            score += 0.5
        if _BRACKET_DOI.search(text[:20000]):
            score += 0.2
        if re.search(r"^Keywords\s*:.*\|", text, re.MULTILINE):
            score += 0.2
        if re.search(r"^(Document No|Record Permalink|Submitted by)\b", text, re.MULTILINE):
            score += 0.1
        return min(score, 0.95)

    def read(self, text: str, path: str) -> ReadResult:
        lines = page_lines(text)
        title_index = next((i for i, line in enumerate(lines) if looks_like_title(line.text)), None)
        if title_index is None:
            return ReadResult(diagnostics=(error(path, "catalogue page has no title line",
                                                 "Copy the record again from its title down"),))
        author_index = next((i for i, line in enumerate(lines)
                             if i > title_index and "|" in line.text and parse_author_line(line.text)), None)
        header = lines[title_index + 1: author_index if author_index is not None else title_index + 3]
        body_start = (author_index if author_index is not None else title_index + len(header)) + 1
        abstract_lines, fields, stripped = _split_body(lines[body_start:])
        source_fields = _parse_source_lines(header)
        abstract_text, note = _take_publication_note(join_paragraphs(abstract_lines))
        peer_reviewed = False if (source_fields.pop("preprint", None) or note) else None
        record = Extraction(
            line=lines[title_index].number,
            title=normalize_title(lines[title_index].text),
            authors=parse_author_line(lines[author_index].text) if author_index is not None else (),
            abstract=split_abstract(abstract_text),
            keywords=normalize_keywords(_split_list(fields.get("keywords", ""))),
            url=_first_url(fields),
            peer_reviewed=peer_reviewed,
            publication_type="preprint" if peer_reviewed is False and _is_preprint(header) else
            source_fields.pop("publication_type", None),
            publication_note=note,
            identifiers=_identifiers(fields),
            stripped=tuple(stripped) + (("catalogue note on publication status",) if note else ()),
            **source_fields,
        )
        return ReadResult(records=(record,))


def _split_body(lines: list[Line]) -> tuple[list[Line], dict[str, str], list[str]]:
    """Abstract paragraphs, labelled fields, and what was stripped as catalogue chrome."""
    abstract: list[Line] = []
    fields: dict[str, str] = {}
    stripped: list[str] = []
    label: str | None = None
    for line in lines:
        match = _LABELLED.match(line.text)
        key = match.group(1).strip().lower() if match else line.text.strip().lower()
        if key in _FIELD_LABELS:
            label = key
            value = match.group(2).strip() if match else ""
            fields[label] = (fields.get(label, "") + " " + value).strip()
        elif _FOOTER.match(line.text):
            _add(stripped, "site footer")
            label = "footer"
        elif label is None:
            abstract.append(line)
        elif label != "footer":
            fields[label] = (fields.get(label, "") + " " + line.text).strip()
    chrome = [key for key in fields if key not in _KEPT_FIELDS]
    if chrome:
        _add(stripped, f"catalogue fields ({', '.join(chrome)})")
    return abstract, fields, stripped


def _add(items: list[str], item: str) -> None:
    if item not in items:
        items.append(item)


def _parse_source_lines(header: list[Line]) -> dict:
    """Journal, year, volume, issue, pages and DOI from the line(s) between title and authors."""
    found: dict = {}
    for line in header:
        doi = _BRACKET_DOI.search(line.text)
        if doi:
            found["doi"] = normalize_doi(doi.group(1))
        text = _BRACKET_DOI.sub("", line.text)
        if _PREPRINT.search(text):
            found["preprint"] = True
        text = re.sub(r"\([^)]*(?:;|server|review|preprint)[^)]*\)", "", text, flags=re.IGNORECASE).strip(" .")
        match = _SOURCE.match(text)
        if match and "journal" not in found:
            found["journal"] = clean_text(match.group("journal").strip(" .,"))
            found["year"] = parse_year(match.group("year"))
            found["date"] = match.group("year")
            tail = _CITATION_TAIL.match(match.group("rest"))
            if tail:
                found.update({k: v for k, v in (("volume", tail.group("volume")),
                                                 ("issue", tail.group("issue")),
                                                 ("pages", _pages(tail.group("pages")))) if v})
    return found


def _pages(value: str | None) -> str | None:
    return re.sub(r"[–—]", "-", value) if value else None


def _is_preprint(header: list[Line]) -> bool:
    return any(re.search(r"\bpreprint\b", line.text, re.IGNORECASE) for line in header)


def _take_publication_note(text: str) -> tuple[str, str | None]:
    """Catalogues prepend notes on publication status to the abstract; move them out of it."""
    notes = [m.group(0).strip() for m in _PUBLICATION_NOTE.finditer(text)]
    for note in notes:
        text = text.replace(note, "", 1)
    text = re.sub(r"[ \t]+", " ", text).strip()
    return text, " ".join(notes) or None


def _split_list(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"\s*[|;]\s*", value) if part.strip()]


def _first_url(fields: dict[str, str]) -> str | None:
    for key in ("record permalink", "url"):
        match = re.search(r"https?://\S+", fields.get(key, ""))
        if match:
            return match.group(0)
    return None


def _identifiers(fields: dict[str, str]) -> tuple[tuple[str, str], ...]:
    result: list[tuple[str, str]] = []
    if fields.get("document no"):
        result.append(("catalogue_document", fields["document no"].split()[0]))
    protocols = sorted(set(fields.get("related protocols", "").split()))
    if protocols:
        result.append(("protocols", " ".join(protocols)))
    return tuple(result)
