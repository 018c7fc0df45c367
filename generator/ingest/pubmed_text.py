"""PubMed's plain-text exports: "Summary (text)" and "Abstract (text)".

Besides the tagged MEDLINE format, PubMed's "Save" button writes two text layouts, both a list of
numbered entries ("1. ", "2. ", ...) separated by blank lines:

* Summary: ``1. Title.`` / ``Family I, Family I.`` / ``Journal. Year Mon;Vol(Issue):Pages. doi: ...`` /
  ``PMID: N <publication types> Free PMC article.`` with no blank line inside an entry;
* Abstract: ``1. Journal. Year Mon;Vol(Issue):Pages. doi: ...`` and then, in paragraphs, the title,
  the authors with affiliation markers ("Family I(1)"), an "Author information:" block, the abstract
  (possibly with labelled sections), and closing lines ("Copyright", "DOI:", "PMCID:", "PMID:",
  "Conflict of interest statement:").

Either layout may carry notes about related records ("Erratum in: ...", "Comment in ..."); they cite
another record and are never a record of their own. The citation line is read with the parsers the
other readers share (``cells.parse_citation``, then the page reader's for the "ahead of print" lines
that have no volume), so there is no third citation parser here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import Diagnostic, warning
from .base import Extraction, ReadResult, read_guarded
from .cells import GENERATION_SUFFIXES, parse_citation, person_name
from .clean import split_abstract
from .medline import publication_type_of, unbracketed_title
from .normalize import clean_text, normalize_doi, normalize_keywords
from .webpage.citation import parse_citation as parse_page_citation

_LINE_END = re.compile(r"\r\n|\r|\n")
#: An entry's first line: a number, a full stop, a space and text ("12. Title ..."). A number alone on a
#: line is Ovid's record marker, not ours.
_ENTRY = re.compile(r"^(\d{1,6})\.[ \t]+(\S.*)$")
_PMID_LINE = re.compile(r"^PMID:\s*(\d{1,9})\b(.*)$")
_PMCID_LINE = re.compile(r"^PMCID:\s*(PMC\d+)", re.IGNORECASE)
_DOI_LINE = re.compile(r"^DOI:\s*(\S+)", re.IGNORECASE)
#: "Journal. 2021 Mar 3;" - the date and the semicolon before the volume that the shared citation parser reads;
#: without them (an article ahead of print) that parser would take the wrong numbers for a volume.
_DATE_THEN_VOLUME = re.compile(r"\.\s+(?:1[89]|20)\d\d\b[^;.]*;")
_BIBLIOGRAPHIC_SIGN = re.compile(r"\bdoi:|\bEpub\b|ahead of print", re.IGNORECASE)
#: PubMed's links between records ("Erratum in", "Comment on", "Update of", "Retraction in",
#: "Expression of concern in", "Republished in", "Summary for patients in", "Cites"): a note
#: pointing at another record, with its citation after a colon or on indented lines below.
_RELATION = re.compile(
    r"^(?:erratum|comment|update|retraction|retracted|expression of concern|republished|reprint|"
    r"summary for patients|corrected and republished|original report|cites|cited|dataset use reported)"
    r"(?:\s+(?:and\s+)?\w+){0,3}\s+(?:in|of|on|from|for)\b\s*:?", re.IGNORECASE)
#: Paragraphs of an abstract-layout entry that follow the abstract and are not part of it.
_TRAILER = re.compile(
    r"^(?:©|\(c\)|copyright\b|doi:|pmcid:|pmid:|conflict of interest|declaration of (?:competing )?interest|"
    r"collaborators:|investigators:|publisher'?s? note|article in \w+|no abstract available)",
    re.IGNORECASE)
_AUTHOR_INFORMATION = re.compile(r"^(?:author information:|\(\d+\)\s*\S)", re.IGNORECASE)
_AFFILIATION_MARK = re.compile(r"\s*\(\d+\)")
_INITIALS = re.compile(r"^[A-Z]{1,4}$")
_NO_AUTHORS = re.compile(r"^\[?no authors? listed\]?\.?$", re.IGNORECASE)
_KEYWORDS = re.compile(r"^keywords?:\s*", re.IGNORECASE)
_SNIFF_CHARS = 200_000
_MAX_WARNINGS = 20


@dataclass(frozen=True)
class _Entry:
    """One numbered entry: its number, the line it starts on and its lines (the number removed)."""

    number: str
    line: int
    lines: tuple[str, ...]


class PubmedTextReader:
    """Reads PubMed's "Summary (text)" and "Abstract (text)" exports."""

    name = "pubmed-text"

    def sniff(self, text: str) -> float:
        """Confident only when the document opens with a numbered entry and (nearly) every entry has the
        shape of one of the two layouts with a ``PMID:`` line: an article page that shows a PMID or a
        numbered reference list does not open that way."""
        entries = _entries(text[:_SNIFF_CHARS])
        if not entries or not _opens_with_entry(text[:_SNIFF_CHARS]):
            return 0.0
        shaped = sum(1 for entry in entries if _layout(entry) is not None and _pmid(entry) is not None)
        return 0.95 if shaped / len(entries) >= 0.8 else 0.0

    def read(self, text: str, path: str) -> ReadResult:
        return read_guarded(_read, text, path, "PubMed text export",
                            "Save the records from PubMed again as 'Summary (text)' or 'Abstract (text)'")


def _read(text: str, path: str) -> ReadResult:
    extractions: list[Extraction] = []
    diagnostics: list[Diagnostic] = []
    for entry in _entries(text):
        extraction = _extract(entry)
        if extraction is not None and extraction.title:
            extractions.append(extraction)
        elif len(diagnostics) < _MAX_WARNINGS:
            diagnostics.append(warning(
                path, f"entry {entry.number} at line {entry.line} has no title and citation line that could be "
                      "read, and was skipped",
                "Check that the entry is an unmodified PubMed 'Summary (text)' or 'Abstract (text)' record",
                line=entry.line))
    if not extractions and not diagnostics:
        diagnostics.append(warning(path, "no numbered PubMed entries were found in this file",
                                   "Save the records from PubMed as 'Summary (text)' or 'Abstract (text)'", line=1))
    return ReadResult(tuple(extractions), tuple(diagnostics))


# --- entries and layouts -------------------------------------------------------------------------


def _entries(text: str) -> list[_Entry]:
    """The numbered entries, each ending where the next begins. An entry starts only at a numbered
    line after a blank line (or at the top), so a numbered line inside an abstract does not split it."""
    entries: list[_Entry] = []
    number, start, lines = "", 0, list[str]()
    previous_blank = True
    for index, raw in enumerate(_LINE_END.split(text.lstrip("\ufeff")), start=1):
        line = raw.rstrip()
        match = _ENTRY.match(line) if previous_blank else None
        if match:
            if lines:
                entries.append(_Entry(number, start, tuple(lines)))
            number, start, lines = match.group(1), index, [match.group(2).strip()]
        elif lines:
            lines.append(line)
        previous_blank = not line.strip()
    if lines:
        entries.append(_Entry(number, start, tuple(lines)))
    return entries


def _opens_with_entry(text: str) -> bool:
    for line in _LINE_END.split(text.lstrip("\ufeff")):
        if line.strip():
            return _ENTRY.match(line.rstrip()) is not None
    return False


def _layout(entry: _Entry) -> str | None:
    """"abstract" when the entry opens with a citation line and a blank line, "summary" when its
    unbroken first lines end in a citation line and a ``PMID:`` line; None otherwise."""
    first = entry.lines[0]
    if len(entry.lines) > 1 and not entry.lines[1].strip() and _citation(first) is not None:
        return "abstract"
    head = _first_paragraph(entry.lines)
    pmid_index = next((i for i, line in enumerate(head) if _PMID_LINE.match(line.strip())), None)
    if pmid_index is not None and _citation_index(head, pmid_index) is not None:
        return "summary"
    return None


def _pmid(entry: _Entry) -> str | None:
    for line in entry.lines:
        match = _PMID_LINE.match(line.strip())
        if match:
            return match.group(1)
    return None


def _first_paragraph(lines: tuple[str, ...]) -> list[str]:
    head: list[str] = []
    for line in lines:
        if not line.strip():
            break
        head.append(line.strip())
    return head


def _paragraphs(lines: tuple[str, ...]) -> list[list[str]]:
    """Blank-line separated paragraphs; an indented line continues the paragraph above it."""
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def _citation_index(head: list[str], pmid_index: int) -> int | None:
    """The citation line of a summary entry: the last line before its PMID line that reads as one (the
    title, on the first line, is never taken for it)."""
    for index in range(pmid_index - 1, 0, -1):
        if _citation(head[index]) is not None:
            return index
    return None


# --- fields -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Citation:
    journal: str
    year: int | None
    date: str | None
    volume: str | None
    issue: str | None
    pages: str | None
    doi: str | None


def _citation(line: str) -> _Citation | None:
    """``Journal. Year Mon;Vol(Issue):Pages. doi: ... Epub ...`` read by the shared parsers; a line with
    no volume ("... 2024 Feb 2. doi: ... Online ahead of print.") only when it carries a DOI or an Epub."""
    if _RELATION.match(line):
        return None
    doi = _citation_doi(line)
    if _DATE_THEN_VOLUME.search(line):
        shared = parse_citation(line)
        if shared.journal and shared.year:
            return _Citation(shared.journal, shared.year, shared.date, shared.volume, shared.issue, shared.pages,
                             doi)
    if not _BIBLIOGRAPHIC_SIGN.search(line):
        return None
    page = parse_page_citation(line, lenient=True)
    if page is None or not page.journal or not page.year:
        return None
    return _Citation(page.journal, page.year, page.date, page.volume, page.issue, page.pages, doi)


def _citation_doi(line: str) -> str | None:
    match = re.search(r"\bdoi:\s*(\S+)", line, re.IGNORECASE)
    return normalize_doi(match.group(1)) if match else None


def _extract(entry: _Entry) -> Extraction | None:
    layout = _layout(entry)
    if layout == "summary":
        return _extract_summary(entry)
    if layout == "abstract":
        return _extract_abstract(entry)
    return None


def _extract_summary(entry: _Entry) -> Extraction | None:
    head = _first_paragraph(entry.lines)
    pmid_index = next(i for i, line in enumerate(head) if _PMID_LINE.match(line))
    citation_index = _citation_index(head, pmid_index)
    citation = _citation(head[citation_index]) if citation_index is not None else None
    if citation is None or citation_index is None:
        return None
    title_lines = head[:citation_index - 1] if citation_index >= 2 else head[:1]
    authors = _authors(head[citation_index - 1]) if citation_index >= 2 else ()
    return _extraction(entry, " ".join(title_lines), authors, citation, (), ())


def _extract_abstract(entry: _Entry) -> Extraction | None:
    citation = _citation(entry.lines[0])
    if citation is None:
        return None
    paragraphs = [p for p in _paragraphs(entry.lines[1:]) if not _RELATION.match(p[0])]
    if not paragraphs:
        return None
    title = " ".join(paragraphs[0])
    rest = paragraphs[1:]
    authors: tuple[str, ...] = ()
    if rest and not _AUTHOR_INFORMATION.match(rest[0][0]) and not _TRAILER.match(rest[0][0]) and \
            _looks_like_author_list(" ".join(rest[0])):
        authors = _authors(" ".join(rest[0]))
        rest = rest[1:]
    body: list[str] = []
    keywords: tuple[str, ...] = ()
    for paragraph in rest:
        first = paragraph[0]
        if _KEYWORDS.match(first):
            keywords = normalize_keywords([_KEYWORDS.sub("", " ".join(paragraph))])
        elif _AUTHOR_INFORMATION.match(first) or _TRAILER.match(first):
            continue
        else:
            body.append(" ".join(paragraph))
    return _extraction(entry, title, authors, citation, tuple(body), keywords)


def _extraction(entry: _Entry, title: str, authors: tuple[str, ...], citation: _Citation,
                body: tuple[str, ...], keywords: tuple[str, ...]) -> Extraction:
    pmid_line = next((_PMID_LINE.match(line.strip()) for line in entry.lines if _PMID_LINE.match(line.strip())),
                     None)
    return Extraction(
        line=entry.line,
        title=unbracketed_title(title),
        authors=authors,
        year=citation.year,
        date=citation.date,
        journal_abbrev=citation.journal,
        journal=citation.journal,
        volume=citation.volume,
        issue=citation.issue,
        pages=citation.pages,
        doi=citation.doi or _labelled_doi(entry),
        publication_type=publication_type_of(_types(pmid_line.group(2) if pmid_line else "")),
        abstract=split_abstract("\n\n".join(body)) if body else (),
        keywords=keywords,
        identifiers=_identifiers(entry, pmid_line.group(1) if pmid_line else None),
    )


def _types(after_pmid: str) -> list[str]:
    """"Clinical Trial. Review. Free PMC article." -> its parts, which MEDLINE's publication types map."""
    return [part.strip() for part in after_pmid.split(".") if part.strip()]


def _labelled_doi(entry: _Entry) -> str | None:
    for line in entry.lines:
        match = _DOI_LINE.match(line.strip())
        if match:
            return normalize_doi(match.group(1))
    return None


def _identifiers(entry: _Entry, pmid: str | None) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = [("pmid", pmid)] if pmid else []
    for line in entry.lines:
        match = _PMCID_LINE.match(line.strip())
        if match:
            pairs.append(("pmcid", match.group(1).upper()))
            break
    return tuple(pairs)


# --- authors ------------------------------------------------------------------------------------


def _looks_like_author_list(text: str) -> bool:
    """An author paragraph: every comma part of its first segment is "Family Initials" (with or without an
    affiliation mark), or the paragraph is short and ends like a list, not a sentence of an abstract."""
    first_segment = _AFFILIATION_MARK.sub("", text).rstrip(" .").split(";")[0]
    parts = [part.strip() for part in first_segment.split(",") if part.strip()]
    if parts and all(_is_initials_name(part) for part in parts):
        return True
    return bool(_AFFILIATION_MARK.search(text)) or (len(text) < 200 and text.count(". ") == 0)


def _authors(line: str) -> tuple[str, ...]:
    """"Smith J(1), Lee KM(2); Heat Health Study Group." -> ("Smith, J", "Lee, KM", "Heat Health Study Group"):
    segments split by semicolons; a segment whose comma parts are all "Family Initials" is a list of
    people, any other segment is one collective author written as PubMed gives it."""
    text = _AFFILIATION_MARK.sub("", clean_text(line) or "").strip().rstrip(".").strip()
    if not text or _NO_AUTHORS.match(text):
        return ()
    names: list[str] = []
    for segment in (part.strip() for part in text.split(";")):
        if not segment:
            continue
        parts = [part.strip() for part in segment.split(",") if part.strip()]
        if all(_is_initials_name(part) for part in parts):
            people = [person_name(part) for part in parts]
        else:
            people = [clean_text(segment)]
        names.extend(name for name in people if name and name not in names)
    return tuple(names)


def _is_initials_name(part: str) -> bool:
    """"Smith J", "van der Berg JA", "Nakashima Y Jr" hold a family name and capital initials."""
    tokens = part.split()
    if len(tokens) > 2 and tokens[-1].rstrip(".") in GENERATION_SUFFIXES:
        tokens = tokens[:-1]
    return len(tokens) >= 2 and bool(_INITIALS.match(tokens[-1])) and \
        any(ch.islower() for ch in " ".join(tokens[:-1]))
