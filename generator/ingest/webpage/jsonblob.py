"""Pages that embed the publisher's or aggregator's JSON metadata in the copied text.

The blob is the most reliable signal on such a page (title, authors, DOI, structured abstract,
journal, dates, citation count), so it wins; the visible text supplies what the blob leaves
empty: a translation placed after the abstract, and whether the journal calls itself
peer-reviewed. Everything else visible is site chrome: metrics, dialogs, share buttons, footer.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ...errors import error
from ..base import AbstractSection, Extraction, ReadResult, Translation
from ..clean import heading_case, split_abstract
from ..normalize import (
    clean_text,
    normalize_doi,
    normalize_keywords,
    normalize_name,
    normalize_pages,
    normalize_title,
    parse_date,
    parse_year,
    strip_markup,
)
from .common import Line, is_cjk_line, page_lines
from .translation import find_translation_note, is_machine_translation_note, split_translated_abstract
from .vocabulary import is_chrome_line

_ABSTRACT_HEADING = re.compile(r"^\s*(abstract|summary|摘要)\s*[:：]?\s*$", re.IGNORECASE)
_STRIPPED_SIGNALS = (
    (re.compile(r"^IF\s+\d|CiteScore|\bJCR\b|impact factor|影响因子|自引率|发文量|审稿时长|\bQ[1-4]\b", re.IGNORECASE),
     "journal metrics"),
    (re.compile(r"期刊介绍|journal description|About the journal|aims and scope", re.IGNORECASE),
     "journal description"),
    (re.compile(r"引用次数|被引|cited by|citations?\s*[:：]\s*\d", re.IGNORECASE), "citation counter"),
    (re.compile(r"Copyright|©|版权所有|All rights reserved|联系我们|contact us", re.IGNORECASE), "site footer"),
)


def find_blob(text: str) -> tuple[dict[str, Any], int] | None:
    """The first JSON object on a line of its own that describes a publication, and its line."""
    decoder = json.JSONDecoder()
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line.startswith("{") or '"' not in line[:5]:
            continue
        try:
            value, _ = decoder.raw_decode(line)
        except (ValueError, RecursionError):
            continue  # not JSON, or nested deeper than any metadata object (a hostile or broken line)
        if isinstance(value, dict) and _get(value, "title"):
            return value, number
    return None


class JsonBlobReader:
    """Reads a page whose copied text contains a JSON metadata object."""

    name = "webpage-json-blob"

    def sniff(self, text: str) -> float:
        if text.lstrip().startswith(("[", "{")):
            return 0.0  # a pure JSON document is an export (CSL-JSON), not a page
        return 0.85 if find_blob(text[:500_000]) else 0.0

    def read(self, text: str, path: str) -> ReadResult:
        found = find_blob(text)
        if found is None:
            return ReadResult(diagnostics=(error(path, "page has no JSON metadata with a title",
                                                 "Copy the whole page, including its metadata"),))
        blob, line = found
        lines = page_lines(text)
        translation, translation_lines = _page_translation(lines, blob)
        journal = _get(blob, "journal")
        record = Extraction(
            line=line,
            title=normalize_title(strip_markup(str(_get(blob, "title")))),
            authors=_authors(_get(blob, "authors", "author")),
            year=parse_year(str(_get(blob, "year", "publicationDate", "pubDate", "date") or "")),
            date=parse_date(str(_get(blob, "publicationDate", "pubDate", "date", "year") or "")),
            journal=clean_text(_journal_name(journal) or _get(blob, "PeriodicalName", "journalName")),
            volume=clean_text(str(_nested(journal, "volume") or _get(blob, "volume") or "")),
            issue=clean_text(str(_nested(journal, "issue") or _get(blob, "issue", "number") or "")),
            pages=normalize_pages(str(_nested(journal, "pages") or _get(blob, "pages") or "")),
            doi=normalize_doi(str(_get(blob, "doi") or _get(blob, "DOIUrl") or "")),
            url=_url(blob),
            publication_type=_publication_type(_get(blob, "publicationTypes", "publicationType", "type")),
            # A journal describing itself as peer-reviewed says nothing certain about this article.
            peer_reviewed=None,
            abstract=_abstract(str(_get(blob, "abstract") or "")),
            keywords=normalize_keywords(_as_list(_get(blob, "keywords", "fieldsOfStudy"))),
            translations=(translation,) if translation else (),
            cited_by=_cited_by(blob),
            identifiers=_identifiers(blob),
            stripped=_stripped(lines, translation, translation_lines),
        )
        return ReadResult(records=(record,))


def _get(blob: dict[str, Any], *keys: str) -> Any:
    """The first non-empty value among ``keys``, matched without regard to case."""
    lowered = {k.lower(): v for k, v in blob.items()}
    for key in keys:
        value = lowered.get(key.lower())
        if value not in (None, "", " ", [], {}):
            return value
    return None


def _nested(value: Any, key: str) -> Any:
    return _get(value, key) if isinstance(value, dict) else None


def _journal_name(value: Any) -> str | None:
    if isinstance(value, dict):
        return _get(value, "name", "title")
    return value if isinstance(value, str) else None


def _as_list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value if v]
    return re.split(r"\s*[;,]\s*", str(value)) if value else []


def _authors(value: Any) -> tuple[str, ...]:
    """Authors given as one comma-separated string, a list of names, or a list of objects."""
    if isinstance(value, str):
        value = re.split(r"\s*[;,]\s*", value)
    if not isinstance(value, list):
        return ()
    names: list[str] = []
    for item in value:
        if isinstance(item, dict):
            family = _get(item, "family", "lastName", "last")
            given = _get(item, "given", "firstName", "first")
            name = normalize_name(f"{family}, {given}" if family and given else
                                  str(family or _get(item, "name") or ""), given_first=True)
        else:
            name = normalize_name(str(item), given_first=True)
        if name:
            names.append(name)
    return tuple(names)


def _abstract(value: str) -> tuple[AbstractSection, ...]:
    """Sections from HTML such as ``<p><strong>Objective: </strong>...</p>``, or plain text."""
    paragraphs = re.findall(r"<p\b[^>]*>(.*?)</p>", value, re.DOTALL | re.IGNORECASE)
    if not paragraphs:
        return split_abstract(strip_markup(value))
    sections: list[AbstractSection] = []
    for paragraph in paragraphs:
        match = re.match(r"\s*<(strong|b|h\d)[^>]*>(.*?)</\1>(.*)", paragraph, re.DOTALL | re.IGNORECASE)
        if match and clean_text(strip_markup(match.group(2))):
            heading = heading_case(strip_markup(match.group(2)))
            sections.append(AbstractSection(heading, clean_text(strip_markup(match.group(3))) or ""))
        else:
            sections.extend(split_abstract(strip_markup(paragraph)))
    return tuple(s for s in sections if s.text)


def _publication_type(value: Any) -> str | None:
    text = ", ".join(value) if isinstance(value, list) else str(value or "")
    return clean_text(text.lower()) if text else None


def _url(blob: dict[str, Any]) -> str | None:
    for key in ("url", "ListUrlMain", "link"):
        value = _get(blob, key)
        if isinstance(value, str) and value.startswith("http"):
            return value
    return None


def _cited_by(blob: dict[str, Any]) -> tuple[tuple[str, int], ...]:
    value = _get(blob, "citationCount", "citedByCount", "citations")
    try:
        return (("publications", int(str(value))),) if value is not None else ()
    except ValueError:
        return ()


def _identifiers(blob: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    pairs = (("pmid", _get(blob, "pmid", "PMID")), ("pmcid", _get(blob, "PMCID", "pmcid")),
             ("issn", _get(blob, "issn")))
    return tuple((key, str(value)) for key, value in pairs if value)


def _page_translation(lines: list[Line], blob: dict[str, Any]) -> tuple[Translation | None, list[Line]]:
    """A translated title and abstract placed on the page after the original abstract."""
    title_cn = _get(blob, "TitleCN", "titleTranslated")
    abstract_cn = _get(blob, "AbstractTextCN", "abstractTranslated")
    note_line = find_translation_note(lines)
    if title_cn or abstract_cn:
        note = note_line.text if note_line else None
        return Translation("zh", clean_text(strip_markup(str(title_cn or ""))),
                           split_translated_abstract(strip_markup(str(abstract_cn or ""))), note,
                           is_machine_translation_note(note) if note else None), []
    start = _after_abstract(lines)
    block: list[Line] = []
    for line in lines[start:]:
        if not is_cjk_line(line.text) or (note_line and line.number > note_line.number):
            break
        block.append(line)
    if note_line is None or not block or note_line not in block:
        return None, []
    content = [line for line in block if line is not note_line]
    title = _translated_title(content[0].text) if content else None
    abstract = split_translated_abstract(" ".join(line.text for line in content[1:]))
    return (Translation("zh", title, abstract, note_line.text, is_machine_translation_note(note_line.text)),
            block)


def _translated_title(text: str) -> str | None:
    """A translated title without the full stop (。 or .) that ends it like a sentence."""
    return normalize_title(text.rstrip("。"))


def _after_abstract(lines: list[Line]) -> int:
    """Index of the first line after the English abstract that follows an "Abstract" heading."""
    for index, line in enumerate(lines):
        if _ABSTRACT_HEADING.match(line.text):
            end = index + 1
            while end < len(lines) and not is_cjk_line(lines[end].text):
                end += 1
            return end
    return len(lines)


def _stripped(lines: list[Line], translation: Translation | None, used: list[Line]) -> tuple[str, ...]:
    used_numbers = {line.number for line in used}
    found: list[str] = []
    if translation is not None:
        parts = [p for p, present in (("title", translation.title), ("abstract", translation.abstract)) if present]
        found.append("Chinese translation of the " + " and ".join(parts))
    for line in lines:
        if line.number in used_numbers or line.text.startswith("{"):
            continue
        for pattern, label in _STRIPPED_SIGNALS:
            if pattern.search(line.text) and label not in found:
                found.append(label)
        if is_chrome_line(line.text) and "site menus and dialogs" not in found:
            found.append("site menus and dialogs")
    return tuple(found)
