"""Crossref works JSON: what ``api.crossref.org/works/{doi}`` and ``/works?query=...`` return.

One work is ``{"status": "ok", "message-type": "work", "message": {...}}``, a search result
``{"message": {"items": [...]}}``. Crossref writes titles and journal names as lists, dates as
``date-parts``, and abstracts as JATS XML (``<jats:sec><jats:title>Methods</jats:title><jats:p>``),
so the abstract is read with an HTML tokenizer: tolerant of broken markup, and it never expands
entities or fetches anything. The CSL-JSON reader would also read these documents, but without the
abstract's sections, subtitles, subjects, ISSNs or the preprint subtype, so this reader sniffs higher.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from typing import Any

from ..errors import Diagnostic, error, warning
from .base import AbstractSection, Extraction, ReadResult, read_guarded
from .clean import heading_case, split_abstract
from .csljson import item_lines, json_problem
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

_TYPES = {
    "journal-article": "journal article", "proceedings-article": "conference paper", "book": "book",
    "monograph": "book", "edited-book": "book", "reference-book": "book", "book-chapter": "book chapter",
    "book-section": "book chapter", "book-part": "book chapter", "report": "report", "dissertation": "thesis",
    "dataset": "dataset", "peer-review": "peer review", "standard": "standard", "posted-content": None,
}
# Keys only Crossref's own records carry; CSL-JSON from reference managers has none of them (and
# writes the title as a string, where Crossref writes a list).
_CROSSREF_KEYS = frozenset({"reference-count", "is-referenced-by-count", "member", "prefix", "indexed",
                            "deposited", "created", "content-domain", "short-container-title", "issn-type"})
# Headings that only announce the abstract itself.
_ABSTRACT_LABELS = frozenset({"abstract", "summary", "graphical abstract"})
_BLOCKS = frozenset({"p", "title", "sec", "list-item", "abstract", "trans-abstract"})
_SKIPPED = frozenset({"fig", "table-wrap", "graphic", "inline-graphic", "media", "object-id"})
# Character references left after decoding once: some deposits escape their markup twice ("&amp;#x0025;").
_DOUBLE_ESCAPED = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos);")


class CrossrefReader:
    """Reads Crossref REST API responses for one work or a list of works."""

    name = "crossref"

    def sniff(self, text: str) -> float:
        """Whole-document JSON in Crossref's envelope, or items with keys only Crossref writes."""
        stripped = text.strip()
        if not stripped.startswith("{") and not stripped.startswith("["):
            return 0.0
        try:
            data = json.loads(stripped)
        except (ValueError, RecursionError):
            head = stripped[:4000]
            envelope = '"message-type"' in head or ('"message"' in head and '"DOI"' in head)
            return 0.4 if envelope else 0.0  # claim it, so the syntax error is reported by us
        if isinstance(data, dict) and str(data.get("message-type", "")).startswith("work"):
            return 0.95
        works = [item for item in _items(data) if isinstance(item, dict)]
        crossref = [item for item in works if "DOI" in item and (
            _CROSSREF_KEYS & item.keys() or isinstance(item.get("title"), list))]
        return 0.95 if crossref and len(crossref) * 2 >= len(works) else 0.0

    def read(self, text: str, path: str) -> ReadResult:
        return read_guarded(_read, text, path, "Crossref JSON file",
                            "Save the response of api.crossref.org/works again, unchanged")


def _items(data: Any) -> list[Any]:
    """The works a response holds: ``message`` (one work) or ``message.items`` (a list)."""
    if isinstance(data, dict) and "message" in data:
        data = data["message"]
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        return list(data["items"])
    if isinstance(data, list):
        return data
    return [data] if isinstance(data, dict) else []


def _read(text: str, path: str) -> ReadResult:
    data, problem = json_problem(text, path)
    if problem is not None:
        return problem
    if isinstance(data, dict) and data.get("status") not in (None, "ok"):
        return ReadResult((), (error(path, f"this Crossref response reports status {data.get('status')!r}",
                                     "Save a response that found the work(s)", line=1),))
    items = _items(data)
    lines = item_lines(text, len(items))
    records: list[Extraction] = []
    diagnostics: list[Diagnostic] = []
    for index, item in enumerate(items):
        record = _extract(item, lines[index]) if isinstance(item, dict) else None
        if record is not None and record.title:
            records.append(record)
        else:
            diagnostics.append(warning(path, f"work {index + 1} at line {lines[index]} has no title and was skipped",
                                       "Remove it or look the work up again", line=lines[index]))
    if not records:
        diagnostics.append(warning(path, "no works with a title were found in this Crossref response",
                                   "Check that this is the response you meant to add", line=1))
    return ReadResult(tuple(records), tuple(diagnostics))


def _extract(item: dict[str, Any], line: int) -> Extraction:
    publication_type = _publication_type(item)
    date = _date(item)
    return Extraction(
        line=line,
        title=_title(item),
        authors=_authors(item.get("author")),
        year=parse_year(date),
        date=date,
        journal=_text(item.get("container-title")),
        journal_abbrev=_text(item.get("short-container-title")),
        volume=_text(item.get("volume")),
        issue=_text(item.get("issue") or _nested(item, "journal-issue", "issue")),
        pages=normalize_pages(_text(item.get("page"))) or _text(item.get("article-number")),
        doi=normalize_doi(_text(item.get("DOI"))),
        url=_url(item),
        publication_type=publication_type,
        peer_reviewed=False if publication_type == "preprint" else None,
        language=language_tag(_text(item.get("language"))),
        abstract=jats_abstract(item.get("abstract")),
        keywords=_keywords(item),
        identifiers=_identifiers(item),
    )


def _text(value: Any) -> str | None:
    """Plain text from a Crossref value: a string or number, or the first string of a list; any
    inline markup (titles may carry ``<i>`` or ``<sub>``) is removed."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, (str, int, float)) and not isinstance(v, bool)), None)
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return clean_text(" ".join(text for _, text in _jats_blocks(str(value)))) if "<" in str(value) \
        else clean_text(str(value))


def _nested(item: dict[str, Any], *keys: str) -> Any:
    value: Any = item
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _title(item: dict[str, Any]) -> str | None:
    """The title, with the subtitle after a colon unless the title already carries it."""
    title = _text(item.get("title"))
    subtitle = _text(item.get("subtitle"))
    if title and subtitle and subtitle.lower() not in title.lower():
        title = f"{title.rstrip(' :')}: {subtitle}"
    return normalize_title(title)


def _authors(value: Any) -> tuple[str, ...]:
    """People as "Family, Given[, Suffix]"; organisations (``name``) as written."""
    if not isinstance(value, list):
        return ()
    names: list[str] = []
    for person in value:
        if not isinstance(person, dict):
            continue
        family, given, suffix = (_text(person.get(key)) for key in ("family", "given", "suffix"))
        if family and given:
            name = normalize_name(f"{family}, {given}, {suffix}" if suffix else f"{family}, {given}")
        else:
            name = family or _text(person.get("name")) or given
        if name and name not in names:
            names.append(name)
    return tuple(names)


def _date(item: dict[str, Any]) -> str | None:
    """``issued`` (the earliest of print and online) as precise as given, else the others."""
    for key in ("issued", "published", "published-print", "published-online", "posted"):
        parts = _nested(item, key, "date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list):
            numbers = [str(part) for part in parts[0][:3] if isinstance(part, int) and not isinstance(part, bool)]
            if len(numbers) == len(parts[0][:3]) and numbers and parse_year(numbers[0]):
                return parse_date("-".join(numbers))
    return None


def _url(item: dict[str, Any]) -> str | None:
    """The publisher's landing page; Crossref's own ``URL`` is only the DOI link again."""
    for value in (_nested(item, "resource", "primary", "URL"), item.get("URL")):
        url = _text(value)
        if url and re.match(r"https?://\S+$", url) and not re.match(r"https?://(dx\.)?doi\.org/", url):
            return url
    return None


def _publication_type(item: dict[str, Any]) -> str | None:
    """Crossref's type in plain words; posted content is a preprint only when its subtype says so."""
    kind = (_text(item.get("type")) or "").lower()
    if kind == "posted-content":
        return "preprint" if (_text(item.get("subtype")) or "").lower() == "preprint" else None
    if kind in _TYPES:
        return _TYPES[kind]
    return kind.replace("-", " ") or None


def _keywords(item: dict[str, Any]) -> tuple[str, ...]:
    """Crossref's subject areas (its only topical terms), and keywords where a record has them."""
    values: list[str] = []
    for key in ("subject", "keyword"):
        raw = item.get(key)
        for value in raw if isinstance(raw, list) else [raw]:
            text = _text(value)
            if text:
                values.extend(re.split(r"\s*[,;]\s*", text) if key == "keyword" else [text])
    return normalize_keywords(values)


def _identifiers(item: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """ISSNs and ISBNs; one identifier per kind (a record's identifiers are keyed by kind)."""
    pairs: list[tuple[str, str]] = []
    for field, key in (("ISSN", "issn"), ("ISBN", "isbn")):
        raw = item.get(field)
        value = _text(raw)
        if value:
            pairs.append((key, value))
    return tuple(pairs)


def jats_abstract(value: Any) -> tuple[AbstractSection, ...]:
    """Abstract sections from JATS (or plain text): section titles become headings, paragraphs
    without one stay apart, and headings written inside a paragraph ("Methods: ...") are split."""
    if not isinstance(value, str) or not value.strip():
        return ()
    sections: list[AbstractSection] = []
    pending: str | None = None
    for kind, text in _jats_blocks(value):
        if kind == "title":
            pending = None if text.strip(" :.").lower() in _ABSTRACT_LABELS else heading_case(text)
        elif pending is not None:
            if sections and sections[-1].heading == pending:
                sections[-1] = AbstractSection(pending, f"{sections[-1].text} {text}")
            else:
                sections.append(AbstractSection(pending, text))
        else:
            sections.extend(split_abstract(text))
    return tuple(sections)


def _jats_blocks(markup: str) -> list[tuple[str, str]]:
    """("title" | "p", text) for each block of a JATS fragment, in reading order."""
    parser = _JatsParser()
    parser.feed(markup)
    parser.close()
    return parser.blocks()


class _JatsParser(HTMLParser):
    """Collects the text of JATS blocks; inline elements (italic, sup, xref) only lose their tags.

    Namespaced tags (``jats:p``, ``mml:math``) arrive with their prefix, which we drop. Character
    references are decoded by the tokenizer; nothing else is expanded or loaded.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._done: list[tuple[str, str]] = []
        self._kind = "p"
        self._buffer: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        name = tag.rsplit(":", 1)[-1]
        if name in _SKIPPED:
            self._skipping += 1
        elif name in _BLOCKS and not self._skipping:
            self._flush()
            self._kind = "title" if name == "title" else "p"
        elif name == "break":
            self._buffer.append(" ")

    def handle_endtag(self, tag: str) -> None:
        name = tag.rsplit(":", 1)[-1]
        if name in _SKIPPED:
            self._skipping = max(self._skipping - 1, 0)
        elif name in _BLOCKS and not self._skipping:
            self._flush()
            self._kind = "p"

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._buffer.append(data)

    def _flush(self) -> None:
        text = clean_text(_DOUBLE_ESCAPED.sub(lambda match: html.unescape(match.group(0)), "".join(self._buffer)))
        if text:
            self._done.append((self._kind, text))
        self._buffer = []

    def blocks(self) -> list[tuple[str, str]]:
        self._flush()
        return self._done
