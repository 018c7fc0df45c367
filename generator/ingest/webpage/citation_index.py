"""Citation-index pages: a paper's header, its abstract, counts, and other papers' statements about it.

The statements quote *citing* papers. They are kept apart as ``citation_statements`` and never
read for this study's authors, year or findings: the names and years inside them belong to the
papers that cite this one. Facet panels (sections, citation types, years, publication types)
are counters; only the totals and the citation-type split are kept.
"""

from __future__ import annotations

import re

from ...errors import error
from ..base import CitationStatement, Extraction, ReadResult
from ..clean import split_abstract
from ..normalize import clean_text, normalize_doi, normalize_title, parse_date, parse_year
from .authors import parse_author_line
from .common import Line, is_cjk_line, page_lines
from .profiles import CITATION_INDEX

_CITED_BY = re.compile(r"cited by\s+([\d,]+)\s+publications?", re.IGNORECASE)
_STATEMENT_COUNT = re.compile(r"\(?\s*([\d,]+)\s+citation statements?\s*\)?", re.IGNORECASE)
_STATEMENT_KINDS = "|".join(re.escape(kind) for kind in CITATION_INDEX.statement_kinds)
_SECTION = re.compile(rf"^Section\s*:\s*(?P<section>.*?)(?P<type>{_STATEMENT_KINDS})?$",
                      re.IGNORECASE)
_CONFIDENCE = re.compile(r"^confidence\s*:\s*(\d{1,3})\s*%", re.IGNORECASE)
_ABSTRACT_INLINE = re.compile(r"^\s*(abstract|summary)\s*[:：]\s*(\S.*)$", re.IGNORECASE)
_DOI_LINE = re.compile(r"\b(?:doi)\s*[:：]?\s*(10\.\d{4,9}/\S+)", re.IGNORECASE)
_YEAR_LINE = re.compile(r"^\s*(1[89]\d\d|20\d\d)\s*$")
_NUMBER_LINE = re.compile(r"^[\s\d.,:%()+\-–/]*$")
# Words that label controls rather than content: buttons, menus, dialogs, sorting, sharing.
_UI_WORDS = re.compile(
    r"^\s*[|·•>]*\s*(view|cite|share|copy|download|export|print|save|sign up|sign in|log in|"
    r"login|register|subscribe|search|order by|sort by|filter|select|help|close|ok|cancel|"
    r"more|less|next|previous|back|home|menu|related|see \d+ more|show more|read more|"
    r"full text|pdf|email|alerts?|tweet|facebook)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"[a-z][.!?](?:\s|$)")
_OPEN_QUOTE = ("“", '"', "«", "„")
_CLOSE_QUOTE = ("”", '"', "»", "“")


class CitationIndexReader:
    """Reads a citation-index page (smart-citation style) into one study with statements."""

    name = "webpage-citation-index"

    def sniff(self, text: str) -> float:
        sample = text[:500_000]
        score = 0.0
        if re.search(r"^Section\s*:", sample, re.MULTILINE) and re.search(r"^confidence\s*:\s*\d", sample,
                                                                          re.MULTILINE | re.IGNORECASE):
            score += 0.5
        if _CITED_BY.search(sample) or re.search(r"citation statements", sample, re.IGNORECASE):
            score += 0.4
        return min(score, 0.9)

    def read(self, text: str, path: str) -> ReadResult:
        lines = page_lines(text)
        statements_at = next((i for i, line in enumerate(lines) if line.text.startswith(_OPEN_QUOTE)),
                             len(lines))
        abstract_at = next((i for i, line in enumerate(lines[:statements_at])
                            if _ABSTRACT_INLINE.match(line.text)), None)
        header = lines[: abstract_at if abstract_at is not None else min(statements_at, 15)]
        title_line = _title(header)
        if title_line is None:
            return ReadResult(diagnostics=(error(path, "citation-index page has no title line",
                                                 "Copy the page again from its header down"),))
        abstract = ""
        if abstract_at is not None:
            match = _ABSTRACT_INLINE.match(lines[abstract_at].text)
            abstract = match.group(2) if match else ""
        statements, duplicates = _statements(lines[statements_at:])
        record = Extraction(
            line=title_line.number,
            title=normalize_title(title_line.text),
            abstract=split_abstract(abstract),
            citation_statements=statements,
            cited_by=_counts(lines[:statements_at]),
            stripped=_stripped(lines[:statements_at], duplicates),
            **_header_facts(header, title_line),
        )
        return ReadResult(records=(record,))


def _title(header: list[Line]) -> Line | None:
    candidates = [line for line in header if _looks_like_title(line.text) and not parse_author_line(line.text)]
    return max(candidates, key=lambda line: len(line.text), default=None)


def _header_facts(header: list[Line], title: Line) -> dict:
    """Year, DOI and authors from the page header only (never from the statements)."""
    facts: dict = {}
    for line in header:
        if line is title:
            continue
        doi = _DOI_LINE.search(line.text)
        if doi and "doi" not in facts:
            facts["doi"] = normalize_doi(doi.group(1))
        elif _YEAR_LINE.match(line.text) and "year" not in facts:
            facts["year"] = parse_year(line.text)
            facts["date"] = parse_date(line.text)
        elif "authors" not in facts and not _is_ui_line(line.text) and (people := parse_author_line(line.text)):
            facts["authors"] = people.names
    return facts


def _counts(lines: list[Line]) -> tuple[tuple[str, int], ...]:
    """Totals ("Cited by 48 publications", "27 citation statements") and the split by the profile's kinds."""
    kinds = CITATION_INDEX.counted_kinds
    counts: dict[str, int] = {}
    for index, line in enumerate(lines):
        if (match := _CITED_BY.search(line.text)) and "publications" not in counts:
            counts["publications"] = int(match.group(1).replace(",", ""))
        elif (match := _STATEMENT_COUNT.fullmatch(line.text.strip())) and "citation_statements" not in counts:
            counts["citation_statements"] = int(match.group(1).replace(",", ""))
        elif line.text.strip().lower() == CITATION_INDEX.facet_label and kinds[0] not in counts:
            numbers = [n.text for n in lines[index + 1: index + 1 + len(kinds)]]
            if all(n.isdigit() for n in numbers) and len(numbers) == len(kinds):
                counts.update({kind: int(n) for kind, n in zip(kinds, numbers)})
    order = ("publications", "citation_statements", *kinds)
    return tuple((key, counts[key]) for key in order if key in counts)


def _statements(lines: list[Line]) -> tuple[tuple[CitationStatement, ...], int]:
    """Quoted statements with the section and confidence lines that follow each; exact repeats dropped."""
    found: list[CitationStatement] = []
    seen: set[str] = set()
    duplicates = 0
    index = 0
    while index < len(lines):
        line = lines[index].text
        if not line.startswith(_OPEN_QUOTE):
            index += 1
            continue
        text = _unquote(line)
        section = kind = None
        confidence = None
        for follower in lines[index + 1: index + 3]:
            if (match := _SECTION.match(follower.text)):
                section = clean_text(match.group("section"))
                kind = match.group("type").lower() if match.group("type") else None
            elif (match := _CONFIDENCE.match(follower.text)):
                confidence = int(match.group(1))
        index += 1
        if not text:
            continue
        if text in seen:
            duplicates += 1
            continue
        seen.add(text)
        found.append(CitationStatement(text, section, kind, confidence))
    return tuple(found), duplicates


def _unquote(line: str) -> str:
    """The statement without its quote marks and the ellipses that mark an excerpt."""
    text = line.strip()
    text = text[1:] if text.startswith(_OPEN_QUOTE) else text
    text = text[:-1] if text.endswith(_CLOSE_QUOTE) else text
    text = re.sub(r"^\s*(…|\.\.\.)\s*", "", text)
    text = re.sub(r"\s*(…|\.\.\.)\s*$", "", text)
    return clean_text(text) or ""


def _has_facets(texts: list[str]) -> bool:
    """A facet panel: a short label line followed by two or more lines holding only numbers."""
    for index, text in enumerate(texts[:-2]):
        if not text.strip().isdigit() and len(text.split()) <= 3 \
                and all(t.strip().isdigit() for t in texts[index + 1:index + 3]):
            return True
    return False


def _stripped(lines: list[Line], duplicates: int) -> tuple[str, ...]:
    """Name what the page showed besides the study, by the kinds of line it held."""
    texts = [line.text for line in lines]
    checks = (
        ("site navigation and buttons", any(_is_ui_line(t) and not t.strip(" |").isdigit() for t in texts)),
        ("facet counters", _has_facets(texts)),
        ("reference counts", any(re.match(r"references?\s+\d+\s+publications", t, re.IGNORECASE)
                                 for t in texts)),
    )
    items = [label for label, present in checks if present]
    if duplicates:
        items.append(f"{duplicates} repeated citation statement{'s' if duplicates > 1 else ''}")
    return tuple(items)


def _is_ui_line(text: str) -> bool:
    """A button, menu entry, counter or facet label rather than a sentence of content."""
    stripped = text.strip(" |·•")
    if not stripped or _NUMBER_LINE.match(stripped):
        return True
    if stripped in {"×", "-", "—", "…", "..."}:
        return True
    words = stripped.split()
    if _UI_WORDS.match(stripped) and len(words) <= 6:
        return True
    return len(words) <= 3 and not _SENTENCE.search(stripped) and not any(ch.isdigit() for ch in stripped[:1])


def _looks_like_title(text: str) -> bool:
    """A line that could be a study title: several words, mostly Latin letters, not a sentence pile."""
    if is_cjk_line(text) or len(text) > 400 or len(text.split()) < 3:
        return False
    if _ABSTRACT_INLINE.match(text) or _DOI_LINE.search(text) or _is_ui_line(text):
        return False
    return sum(1 for ch in text if ch.isalpha()) > len(text) * 0.5
