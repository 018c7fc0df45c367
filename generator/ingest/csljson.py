"""CSL-JSON (Zotero, Mendeley, pandoc, citation.js exports; Crossref's API is a close cousin).

Accepted shapes: an array of items, one item object, ``{"items": [...]}`` and Crossref's
``{"message": {...}}`` / ``{"message": {"items": [...]}}``. Crossref writes titles as lists and
abstracts as JATS XML, so every text value goes through ``_string``/``_abstract``.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from ..errors import Diagnostic, error, warning
from .base import AbstractSection, Extraction, ReadResult, line_numbers, read_guarded
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

_TYPES = {
    "article-journal": "journal article", "journal-article": "journal article", "book": "book",
    "monograph": "book", "chapter": "book chapter", "book-chapter": "book chapter",
    "paper-conference": "conference paper", "proceedings-article": "conference paper",
    "report": "report", "thesis": "thesis", "dissertation": "thesis",
}
_MAYBE_PREPRINT = {"article", "post", "post-weblog", "manuscript", "posted-content", "preprint"}
_PREPRINT = re.compile(
    r"\b(?:preprint|arxiv|biorxiv|medrxiv|ssrn|chemrxiv|psyarxiv|research square|preprints\.org)\b",
    re.IGNORECASE)
_CSL_KEYS = {"issued", "container-title", "author", "DOI", "URL", "page", "volume", "editor"}
_OTHER_TYPES = {
    "article-magazine", "article-newspaper", "bill", "broadcast", "classic", "collection", "dataset",
    "document", "entry", "entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic", "hearing",
    "interview", "legal_case", "legislation", "map", "motion_picture", "musical_score", "pamphlet", "patent",
    "performance", "periodical", "personal_communication", "regulation", "review", "review-book", "software",
    "song", "speech", "standard", "treaty", "webpage", "edited-book", "reference-entry", "journal"}
_KNOWN_TYPES = _TYPES.keys() | _MAYBE_PREPRINT | _OTHER_TYPES
# CSL "rich text" and Crossref's JATS tags; a bare "<" in "p < 0.05" is text and must survive.
_MARKUP = re.compile(r"</?(?:jats:)?(?:i|b|u|em|strong|sup|sub|sc|span|p|sec|title|italic|bold|underline|"
                     r"label|list|list-item|br|break)\b[^<>]{0,200}>", re.IGNORECASE)
_IDENTIFIERS = (("PMID", "pmid"), ("PMCID", "pmcid"), ("ISBN", "isbn"), ("ISSN", "issn"))


class CslJsonReader:
    """Reads CSL-JSON bibliographies."""

    name = "csl-json"

    def sniff(self, text: str) -> float:
        """Only whole-document JSON: a scraped page that merely embeds JSON must go to a page reader."""
        stripped = text.strip()
        if not stripped or stripped[0] not in "[{" or stripped[-1] not in "]}":
            return 0.0
        try:
            data = json.loads(stripped)
        except (ValueError, RecursionError):
            # Broken JSON that looks like CSL: claim it weakly so the syntax error gets reported.
            head = stripped[:4000]
            return 0.35 if '"title"' in head and ('"type"' in head or '"author"' in head) else 0.0
        items = _items(data)
        dicts = [item for item in items if isinstance(item, dict)]
        csl = [item for item in dicts if _looks_like_csl(item)]
        return 0.9 if csl and len(csl) * 2 >= len(items) else 0.0

    def read(self, text: str, path: str) -> ReadResult:
        return read_guarded(_read, text, path, "CSL-JSON file", "Check that it is a CSL-JSON export")


def _looks_like_csl(item: dict[str, Any]) -> bool:
    """A CSL type, or a title with CSL's own keys; a bare {"id", "type"} is too common elsewhere."""
    kind = item.get("type")
    known = isinstance(kind, str) and kind in _KNOWN_TYPES
    return ("title" in item and (known or bool(_CSL_KEYS & item.keys()))) or ("id" in item and known)


def _items(data: Any) -> list[Any]:
    if isinstance(data, dict) and isinstance(data.get("message"), dict):
        data = data["message"]
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        return list(data["items"])
    if isinstance(data, list):
        return data
    return [data]


def json_problem(text: str, path: str) -> tuple[Any, ReadResult | None]:
    """The parsed document, or the one error that says why it is not JSON we can read. Shared by the JSON
    readers: nesting deeper than Python's recursion limit (a damaged or hostile file; no export nests
    more than a few levels) is reported as such, not as an internal RecursionError."""
    try:
        return json.loads(text), None
    except json.JSONDecodeError as exc:
        return None, ReadResult((), (error(
            path, f"this is not valid JSON: {exc.msg}", "Fix the JSON syntax at this place",
            line=exc.lineno, column=exc.colno),))
    except RecursionError:
        return None, ReadResult((), (error(
            path, "this JSON is nested far too deeply to be a bibliography export",
            "Check that the file is the export itself, not damaged or generated by something else", line=1),))


def _read(text: str, path: str) -> ReadResult:
    data, problem = json_problem(text, path)
    if problem is not None:
        return problem
    items = _items(data)
    lines = item_lines(text, len(items))
    records: list[Extraction] = []
    diagnostics: list[Diagnostic] = []
    for index, item in enumerate(items):
        line = lines[index]
        if not isinstance(item, dict):
            diagnostics.append(warning(path, f"item {index + 1} at line {line} is not a JSON object and "
                                       "was skipped", "Remove it or make it a CSL item", line=line))
            continue
        record = _extract(item, line)
        if record.title:
            records.append(record)
        else:
            diagnostics.append(warning(
                path, f"item {index + 1} ({_item_id(item)}) at line {line} has no title and was skipped",
                "Add a title or remove the item", line=line))
    if not records:
        diagnostics.append(warning(path, "no items with a title were found in this CSL-JSON file",
                                   "Check that this is the export you meant to add", line=1))
    return ReadResult(tuple(records), tuple(diagnostics))


def _item_id(item: dict[str, Any]) -> str:
    return f"id {item['id']!r}" if "id" in item else "no id"


def item_lines(text: str, count: int) -> list[int]:
    """The line each item starts on, found by decoding the item list element by element.

    ``json.loads`` keeps no positions, and a diagnostic without a line is of little use in a
    long export; this walks the same wrappers ``_items`` unwraps.
    """
    try:
        decoder = json.JSONDecoder()
        position = _skip_space(text, 0)
        value, _ = decoder.raw_decode(text, position)
        for key, kind in (("message", dict), ("items", list)):
            if isinstance(value, dict) and isinstance(value.get(key), kind):
                position = _member_start(text, position, key, decoder)
                value = value[key]
        if isinstance(value, list):
            lines = line_numbers(text, _element_starts(text, position, decoder))
            if len(lines) == count:
                return lines
        return [text.count("\n", 0, position) + 1] * count
    except (ValueError, IndexError, RecursionError):
        return [1] * count


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def _element_starts(text: str, position: int, decoder: json.JSONDecoder) -> list[int]:
    """Offsets of the elements of the JSON array starting at ``position``."""
    starts: list[int] = []
    position = _skip_space(text, position + 1)
    while position < len(text) and text[position] != "]":
        starts.append(position)
        _, end = decoder.raw_decode(text, position)
        position = _skip_space(text, end)
        position = _skip_space(text, position + 1) if text[position] == "," else position
    return starts


def _member_start(text: str, position: int, wanted: str, decoder: json.JSONDecoder) -> int:
    """Offset of the value of member ``wanted`` of the JSON object starting at ``position``."""
    position = _skip_space(text, position + 1)
    while position < len(text) and text[position] != "}":
        key, end = decoder.raw_decode(text, position)
        position = _skip_space(text, _skip_space(text, end) + 1)
        if key == wanted:
            return position
        _, end = decoder.raw_decode(text, position)
        position = _skip_space(text, end)
        position = _skip_space(text, position + 1) if text[position] == "," else position
    raise ValueError(f"no member {wanted!r}")


def _string(value: Any) -> str | None:
    """Clean text from a CSL value: strings, numbers, or Crossref's one-element lists."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, (str, int, float))), None)
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return clean_text(_plain(str(value)))


def _plain(text: str) -> str:
    return html.unescape(_MARKUP.sub(" ", text))


def _extract(item: dict[str, Any], line: int) -> Extraction:
    publication_type = _publication_type(item)
    date = _date(item)
    return Extraction(
        line=line,
        title=normalize_title(_string(item.get("title"))),
        authors=_authors(item.get("author")),
        year=parse_year(date),
        date=date,
        journal=_string(item.get("container-title")),
        journal_abbrev=_string(item.get("container-title-short") or item.get("journalAbbreviation")
                               or item.get("short-container-title")),
        volume=_string(item.get("volume")),
        issue=_string(item.get("issue")),
        pages=normalize_pages(_string(item.get("page") or item.get("page-first"))),
        doi=normalize_doi(_string(item.get("DOI"))),
        url=_url(_string(item.get("URL"))),
        publication_type=publication_type,
        peer_reviewed=False if publication_type == "preprint" else None,
        language=language_tag(_string(item.get("language"))),
        abstract=_abstract(item.get("abstract")),
        keywords=_keywords(item.get("keyword")),
        identifiers=_identifiers(item),
    )


def _url(value: str | None) -> str | None:
    return value if value and re.match(r"https?://\S+$", value) else None


def _authors(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    names: list[str] = []
    for person in value:
        name = _author(person)
        if name and name not in names:
            names.append(name)
    return tuple(names)


def _author(person: Any) -> str | None:
    """{family, given, particles, suffix} as "Family, Given[, Suffix]"; {literal} as written."""
    if isinstance(person, str):
        return normalize_name(person)
    if not isinstance(person, dict):
        return None
    family = " ".join(filter(None, (_string(person.get("non-dropping-particle")), _string(person.get("family")))))
    given = " ".join(filter(None, (_string(person.get("given")), _string(person.get("dropping-particle")))))
    suffix = _string(person.get("suffix"))
    if not family:
        return _string(person.get("literal")) or _string(person.get("name")) or (given or None)
    if not given:
        return family
    return normalize_name(f"{family}, {given}, {suffix}" if suffix else f"{family}, {given}")


def _date(item: dict[str, Any]) -> str | None:
    """``issued`` as precise as given; Crossref items may only have the print/online dates."""
    for key in ("issued", "published-print", "published-online", "published"):
        value = item.get(key)
        if isinstance(value, dict):
            date = _date_parts(value.get("date-parts")) or parse_date(
                _string(value.get("raw")) or _string(value.get("literal")))
        else:
            date = parse_date(_string(value))
        if date:
            return date
    return None


def _date_parts(parts: Any) -> str | None:
    if not (isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]):
        return None
    numbers = [str(part).strip() for part in parts[0][:3] if isinstance(part, (int, str))]
    if not numbers or not parse_year(numbers[0]) or not all(n.isdigit() for n in numbers):
        return None
    return parse_date("-".join(numbers))


def _abstract(value: Any) -> tuple[AbstractSection, ...]:
    """Abstract sections; JATS section titles become headings and paragraphs stay apart."""
    if not isinstance(value, str):
        return ()
    text = re.sub(r"<(?:jats:)?title>(.*?)</(?:jats:)?title>", r"\n\n\1: ", value, flags=re.DOTALL)
    text = re.sub(r"</(?:jats:)?(?:p|sec)>", "\n\n", text)
    return split_abstract(_plain(text))


def _keywords(value: Any) -> tuple[str, ...]:
    values = value if isinstance(value, list) else [value]
    parts: list[str] = []
    for entry in values:
        text = _string(entry)
        if text:
            parts.extend(re.split(r"\s*[,;]\s*", text))
    return normalize_keywords(parts)


def _publication_type(item: dict[str, Any]) -> str | None:
    """Map the CSL type; generic types count as preprints only when the item says so."""
    kind = (_string(item.get("type")) or "").lower()
    if kind in _TYPES:
        return _TYPES[kind]
    if kind in _MAYBE_PREPRINT:
        hints = " ".join(_string(item.get(key)) or "" for key in (
            "genre", "subtype", "container-title", "publisher", "archive", "number", "note", "URL"))
        if kind == "preprint" or _PREPRINT.search(hints):
            return "preprint"
    return None


def _identifiers(item: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    for field, key in _IDENTIFIERS:
        value = _string(item.get(field))
        if value:
            pairs.append((key, value))
    return tuple(pairs)
