"""Article pages of abstract aggregators, and any page laid out as title, header, "Abstract", text.

Aggregators put a translated title under the original, counters ("阅读:1", "Views 12"), sometimes
author, journal and DOI lines, then the abstract, then a site disclaimer. This reader is also the
fallback for any copied page with a title and an "Abstract" heading.
"""

from __future__ import annotations

import re

from ...errors import error
from ..base import Extraction, ReadResult, Translation
from ..clean import cjk_language, cjk_share, split_abstract
from ..normalize import normalize_doi, normalize_keywords, normalize_title, parse_date, parse_year
from .common import (
    ABSTRACT_HEADING,
    DOI_LINE,
    YEAR_LINE,
    Line,
    find_translation_note,
    is_cjk_line,
    is_machine_translation_note,
    is_ui_line,
    join_paragraphs,
    looks_like_title,
    page_lines,
    parse_author_line,
)

_COUNTER = re.compile(r"^[^\d\s]{1,12}\s*[:：]\s*\d[\d,]*$|^\d[\d,]*\s+(views|reads|downloads|citations)$",
                      re.IGNORECASE)
_DISCLAIMER = re.compile(r"(特别声明|免责声明|版权声明|disclaimer|copyright|all rights reserved|本站|本页面)",
                         re.IGNORECASE)
_KEYWORDS = re.compile(r"^(keywords?|key words|关键词)\s*[:：]\s*(.+)$", re.IGNORECASE)


class AggregatorReader:
    """Reads title / translated title / counters / Abstract / text / disclaimer pages."""

    name = "webpage-aggregator"

    def sniff(self, text: str) -> float:
        lines = page_lines(text[:200_000])
        if not lines or not any(ABSTRACT_HEADING.match(line.text) for line in lines[:40]):
            return 0.0
        score = 0.35 if looks_like_title(lines[0].text) else 0.2
        if any(is_cjk_line(line.text) for line in lines[1:4]):
            score += 0.25
        if any(_DISCLAIMER.search(line.text) for line in lines):
            score += 0.15
        return score

    def read(self, text: str, path: str) -> ReadResult:
        lines = page_lines(text)
        abstract_at = next((i for i, line in enumerate(lines) if ABSTRACT_HEADING.match(line.text)), None)
        header = lines[:abstract_at] if abstract_at is not None else lines[:5]
        title_line = next((line for line in header if looks_like_title(line.text)), None)
        if title_line is None:
            return ReadResult(diagnostics=(error(path, "page has no title line before its abstract",
                                                 "Copy the page again from the article title down"),))
        body = lines[abstract_at + 1:] if abstract_at is not None else []
        abstract_lines, rest = _take_abstract(body)
        stripped: list[str] = []
        translation = _title_translation(header, title_line, stripped)
        header_facts = _header_facts(header, title_line, stripped)
        keywords = [m.group(2) for line in rest if (m := _KEYWORDS.match(line.text))]
        if any(_DISCLAIMER.search(line.text) for line in rest):
            stripped.append("site disclaimer")
        elif any(not _KEYWORDS.match(line.text) for line in rest):
            stripped.append("site text after the abstract")
        record = Extraction(
            line=title_line.number,
            title=normalize_title(title_line.text),
            abstract=split_abstract(join_paragraphs(abstract_lines)),
            keywords=normalize_keywords(re.split(r"\s*[;|,，；]\s*", " ; ".join(keywords))) if keywords else (),
            translations=(translation,) if translation else (),
            stripped=tuple(stripped),
            **header_facts,
        )
        return ReadResult(records=(record,))


def _take_abstract(body: list[Line]) -> tuple[list[Line], list[Line]]:
    """The abstract paragraphs, up to the first line of chrome, disclaimer or other language."""
    for index, line in enumerate(body):
        if is_cjk_line(line.text) or _DISCLAIMER.search(line.text) or _KEYWORDS.match(line.text) \
                or (is_ui_line(line.text) and len(line.text.split()) <= 3):
            return body[:index], body[index:]
    return body, []


def _title_translation(header: list[Line], title: Line, stripped: list[str]) -> Translation | None:
    """A line in another script right below the title is the title's translation."""
    after = [line for line in header if line.number > title.number]
    if not after or cjk_share(after[0].text) < 0.5 or _COUNTER.match(after[0].text):
        return None
    note_line = find_translation_note(header)
    note = note_line.text if note_line else None
    stripped.append("Chinese translation of the title" if cjk_language(after[0].text) == "zh"
                    else "translation of the title")
    return Translation(cjk_language(after[0].text), after[0].text, (), note,
                       is_machine_translation_note(note) if note else None)


def _header_facts(header: list[Line], title: Line, stripped: list[str]) -> dict:
    """Authors, year, DOI and counters from the lines around the title."""
    facts: dict = {}
    for line in header:
        if line is title:
            continue
        doi = DOI_LINE.search(line.text)
        if doi and "doi" not in facts:
            facts["doi"] = normalize_doi(doi.group(1))
        elif YEAR_LINE.match(line.text) and "year" not in facts:
            facts["year"] = parse_year(line.text)
            facts["date"] = parse_date(line.text)
        elif _COUNTER.match(line.text):
            if "read counter" not in stripped:
                stripped.append("read counter")
        elif line.number > title.number and "authors" not in facts and parse_author_line(line.text):
            facts["authors"] = parse_author_line(line.text)
    return facts
