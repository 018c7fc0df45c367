"""BibTeX/BibLaTeX libraries (``.bib``), split by bibtexparser 2.x.

We use bibtexparser only to split the file into blocks (its splitter is fast and tolerant) and
do the rest ourselves: its string middleware does not expand ``#`` concatenations and its LaTeX
middleware decodes every field of every entry, which takes seconds on a large library. We expand
macros and decode LaTeX only for the fields we keep, and skip the decoder for plain values.
"""

from __future__ import annotations

import itertools
import logging
import re
from functools import lru_cache

import bibtexparser
from bibtexparser import model
from bibtexparser.middlewares import names as bibnames
from bibtexparser.middlewares.names import NameParts
from bibtexparser.model import Block, Entry, ParsingFailedBlock
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from ..errors import Diagnostic, warning
from .base import Extraction, ReadResult, line_numbers, read_guarded
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

# The splitter logs every broken block; we report those as diagnostics, so keep stderr quiet.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())

_ENTRY = re.compile(r"^[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(]", re.MULTILINE)
_HTML = re.compile(r"<(?:!doctype|html|body|head)\b", re.IGNORECASE)
_BLOCK_START = re.compile(r"^[ \t]*@", re.MULTILINE)
_NEEDS_DECODER = re.compile(r"[\\$~]|--|``|''")
_MENDELEY = (("{\\$}", "$"), ("{$\\backslash$}", "\\"), ("$\\backslash$", "\\"), ("\\backslash", "\\"),
             ("{\\{}", "{"), ("{\\}}", "}"), ("{\\_}", "_"), ("{\\^{}}", "^"))
_VERBATIM_ESCAPE = re.compile(r"\\([_%&#$~{}])")
_PREPRINT = re.compile(r"\b(?:preprint|arxiv|biorxiv|medrxiv|ssrn|chemrxiv|psyarxiv|research square)\b",
                       re.IGNORECASE)
_URL = re.compile(r"https?://[^\s{}]+")
# Zotero writes the HTML in rich-text fields as {\textless}i{\textgreater}; pylatexenc drops those macros.
_ANGLE = re.compile(r"\{\\text(?:less|greater)\}|\\text(?:less|greater)(?:\{\}|\b\s?)")
_INLINE_TAG = re.compile(r"</?(?:i|b|u|em|strong|sup|sub|sc|span|italic|bold|small)\b[^<>]{0,200}>", re.IGNORECASE)
_BLOCK_TAG = re.compile(r"</?(?:p|br|div)\b[^<>]{0,200}/?>", re.IGNORECASE)

_TYPES = {"article": "journal article", "book": "book", "incollection": "book chapter",
          "inbook": "book chapter", "inproceedings": "conference paper", "conference": "conference paper",
          "techreport": "report", "report": "report", "phdthesis": "thesis", "mastersthesis": "thesis",
          "thesis": "thesis", "preprint": "preprint"}

Fields = dict[str, str]


class BibtexReader:
    """Reads BibTeX and BibLaTeX libraries (JabRef, Zotero, Mendeley, Google Scholar exports)."""

    name = "bibtex"

    def sniff(self, text: str) -> float:
        """An ``@type{`` at a line start; a web page that quotes a BibTeX entry is not a .bib file."""
        if not _ENTRY.search(text):
            return 0.0
        return 0.4 if _HTML.search(text[:2000]) else 0.9

    def read(self, text: str, path: str) -> ReadResult:
        return read_guarded(_read, text, path, "BibTeX file", "Check the file's braces and quotes")


def _read(text: str, path: str) -> ReadResult:
    blocks = _split(text)
    macros = _macros(blocks)
    records: list[Extraction] = []
    diagnostics: list[Diagnostic] = []
    entries = 0
    for line, block in blocks:
        entry = _entry_of(block, line, path, diagnostics)
        if entry is None:
            continue
        entries += 1
        fields = _fields(entry, macros)
        title = normalize_title(_text(fields, "title"))
        if not title:
            diagnostics.append(warning(
                path, f"entry '{entry.key}' at line {line} has no title and was skipped",
                "Add a title field or remove the entry", line=line))
            continue
        records.append(_extract(fields, title, entry.entry_type.lower(), line, path, diagnostics))
    if not records:
        what = f"none of its {entries} entries has a title" if entries else "it holds no BibTeX entries"
        diagnostics.append(warning(path, f"no studies were read from this file: {what}",
                                   "Check that this is the library you meant to add", line=1))
    return ReadResult(tuple(records), tuple(diagnostics))


def _split(text: str, offset: int = 0, retry: bool = True) -> list[tuple[int, Block]]:
    """Blocks with 1-based start lines. The splitter raises on states it thinks impossible; then
    each ``@`` block is split on its own so that one odd block costs only itself."""
    try:
        library = bibtexparser.parse_string(text, parse_stack=[])
        return [(offset + (block.start_line or 0) + 1, block) for block in library.blocks]
    except Exception as exc:  # noqa: BLE001 - the splitter's own bugs must not cost the file
        if not retry:
            return [(offset + 1, ParsingFailedBlock(exc, start_line=0))]
    starts = [match.start() for match in _BLOCK_START.finditer(text)] + [len(text)]
    blocks: list[tuple[int, Block]] = []
    for line, (start, end) in zip(line_numbers(text, starts[:-1]), itertools.pairwise(starts), strict=True):
        blocks.extend(_split(text[start:end], offset + line - 1, retry=False))
    return blocks


def _entry_of(block: Block, line: int, path: str, diagnostics: list[Diagnostic]) -> Entry | None:
    """The entry a block holds, reporting blocks the splitter could not (fully) parse."""
    if isinstance(block, Entry):
        return block
    if isinstance(block, model.DuplicateBlockKeyBlock) and isinstance(block.ignore_error_block, Entry):
        diagnostics.append(warning(path, f"entry key '{block.key}' at line {line} is used by an earlier "
                                   "entry too; both were read", "Give each entry its own key", line=line))
        return block.ignore_error_block
    if isinstance(block, model.DuplicateFieldKeyBlock) and isinstance(block.ignore_error_block, Entry):
        keys = ", ".join(sorted(block.duplicate_keys))
        diagnostics.append(warning(path, f"entry at line {line} repeats the field(s) {keys}; the first "
                                   "value was used", "Remove the repeated fields", line=line))
        return block.ignore_error_block
    if isinstance(block, ParsingFailedBlock):
        reason = getattr(block.error, "abort_reason", "") or str(block.error) or type(block.error).__name__
        diagnostics.append(warning(
            path, f"entry at line {line} could not be parsed ({reason.strip()})",
            "Fix the braces/quotes or remove it", line=line))
    return None


def _macros(blocks: list[tuple[int, Block]]) -> dict[str, str]:
    """@string definitions, lower-cased keys, each expanded with the ones defined before it."""
    macros: dict[str, str] = {}
    for _, block in blocks:
        if isinstance(block, model.String):
            macros[block.key.strip().lower()] = _expand(str(block.value), macros)
    return macros


def _fields(entry: Entry, macros: dict[str, str]) -> Fields:
    """Field values by lower-cased name, macros expanded, still LaTeX; the first of repeats wins."""
    fields: Fields = {}
    for item in entry.fields:
        key = item.key.strip().lower()
        if key not in fields and isinstance(item.value, str):
            fields[key] = _expand(item.value, macros)
    return fields


def _expand(raw: str, macros: dict[str, str]) -> str:
    """Evaluate a BibTeX value: ``{...}``, ``"..."``, numbers and macros joined by ``#``."""
    if "#" not in raw:
        return _piece(raw.strip(), macros)
    pieces, depth, quoted, start = [], 0, False, 0
    for index, char in enumerate(raw):
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            pieces.append(raw[start:index])
            start = index + 1
    pieces.append(raw[start:])
    return "".join(_piece(piece.strip(), macros) for piece in pieces)


def _piece(piece: str, macros: dict[str, str]) -> str:
    if len(piece) >= 2 and (piece[0], piece[-1]) in (("{", "}"), ('"', '"')):
        return piece[1:-1]
    return macros.get(piece.lower(), piece)


@lru_cache(maxsize=1)
def _decoder() -> LatexNodes2Text:
    context = get_default_latex_context_db()
    context.add_context_category("evidence-brief", prepend=True, macros=[
        MacroTextSpec("url", simplify_repl="%s"), MacroTextSpec("cite", discard=True)])
    return LatexNodes2Text(latex_context=context, math_mode="text")


@lru_cache(maxsize=8192)
def _latex(value: str) -> str:
    """Unicode text from a LaTeX value; the (slow) decoder only runs when markup is present."""
    value = _ANGLE.sub(lambda match: "<" if "less" in match.group(0) else ">", _unmendeley(value))
    if not _NEEDS_DECODER.search(value):
        return _without_html(value.replace("{", "").replace("}", ""))
    try:
        return _without_html(_decoder().latex_to_text(value))
    except Exception:  # noqa: BLE001 - pylatexenc is tolerant; if it still fails, keep the text
        return _without_html(value.replace("{", "").replace("}", ""))


def _without_html(text: str) -> str:
    """Zotero keeps a title's or abstract's HTML (``<i>in vitro</i>``, ``CD4<sup>+</sup>``), escaped
    as ``{\\textless}i{\\textgreater}``: the tags go (paragraphs stay apart), a bare "<" as in
    "p < 0.05" stays."""
    return _INLINE_TAG.sub("", _BLOCK_TAG.sub("\n\n", text))


def _unmendeley(value: str) -> str:
    """Undo Mendeley's double escaping ("R$\\backslash$'{\\{}e{\\}}nyi", "{\\$}\\backslashrho{\\$}").

    Only values with ``\\backslash`` or paired ``{\\$}`` are touched: those are Mendeley's marks; a
    lone ``{\\$}`` is a real dollar sign.
    """
    dollars = value.count("{\\$}")
    if "\\backslash" not in value and (dollars < 2 or dollars % 2):
        return value
    for escaped, plain in _MENDELEY:
        value = value.replace(escaped, plain)
    return value


def _text(fields: Fields, *keys: str) -> str | None:
    """The first of ``keys`` the entry has, decoded and with clean whitespace."""
    for key in keys:
        if key in fields:
            text = clean_text(_latex(fields[key]))
            if text:
                return text
    return None


def _verbatim(value: str | None) -> str | None:
    """DOIs and URLs: undo TeX escapes (``\\_``) without reading the value as LaTeX."""
    return clean_text(_VERBATIM_ESCAPE.sub(r"\1", value).replace("{", "").replace("}", "")) if value else None


def _extract(fields: Fields, title: str, entry_type: str, line: int, path: str,
             diagnostics: list[Diagnostic]) -> Extraction:
    publication_type = _publication_type(fields, entry_type)
    journal_keys = ("journal", "journaltitle") if entry_type == "article" else (
        "journal", "journaltitle", "booktitle")
    return Extraction(
        line=line,
        title=title,
        authors=_authors(fields.get("author", ""), line, path, diagnostics),
        year=parse_year(_text(fields, "year")) or parse_year(_text(fields, "date")),
        date=_date(fields),
        journal=_text(fields, *journal_keys),
        journal_abbrev=_text(fields, "shortjournal", "journal-abbrev", "journalabbrev"),
        volume=_text(fields, "volume"),
        issue=_text(fields, "number", "issue"),
        pages=normalize_pages(_verbatim(fields.get("pages"))),
        doi=normalize_doi(_verbatim(fields.get("doi"))) or _doi_from_url(fields),
        url=_url(fields),
        publication_type=publication_type,
        peer_reviewed=False if publication_type == "preprint" else None,
        language=language_tag(_text(fields, "language", "langid")),
        abstract=split_abstract(_latex(fields["abstract"])) if "abstract" in fields else (),
        keywords=_keywords(fields),
        identifiers=_identifiers(fields),
    )


def _authors(raw: str, line: int, path: str, diagnostics: list[Diagnostic]) -> tuple[str, ...]:
    """BibTeX names ("First von Last", "von Last, First", "von Last, Jr, First") as "Family, Given"."""
    names: list[str] = []
    for person in bibnames.split_multiple_persons_names(raw):
        if person.strip().lower() == "others":
            continue
        parts = _name_parts(person, line, path, diagnostics)
        name = _format_name(parts)
        if name and name not in names:
            names.append(name)
    return tuple(names)


def _name_parts(person: str, line: int, path: str, diagnostics: list[Diagnostic]) -> NameParts:
    try:
        parts = bibnames.parse_single_name_into_parts(person, strict=True)
    except bibnames.InvalidNameError as exc:
        diagnostics.append(warning(
            path, f"author '{clean_text(_latex(person))}' at line {line} is malformed ({exc.reason})",
            "Separate authors with 'and' and write each as 'Family, Given'", line=line))
        return bibnames.parse_single_name_into_parts(person, strict=False)
    if _looks_like_two_people(parts):
        diagnostics.append(warning(
            path, f"author '{clean_text(_latex(person))}' at line {line} reads as one person, family name "
            f"'{clean_text(_latex(' '.join(parts.last)))}'", "If these are two people, separate them with 'and'",
            line=line))
    return parts


def _looks_like_two_people(parts: NameParts) -> bool:
    """"Jean Laidé, Ben Loaeb": full names on both sides of the comma, a list missing its 'and'."""
    def full_words(words: list[str]) -> bool:
        return len(words) >= 2 and all(len(w) > 2 and w[:1].isupper() and not w.endswith(".") for w in words)
    return not parts.von and not parts.jr and full_words(parts.last) and full_words(parts.first)


def _format_name(parts: NameParts) -> str | None:
    family = clean_text(_latex(" ".join(parts.von + parts.last)))
    given = clean_text(_latex(" ".join(parts.first)))
    suffix = clean_text(_latex(" ".join(parts.jr)))
    if not family:
        return given
    if not given:
        return f"{family}, {suffix}" if suffix else family
    return normalize_name(f"{family}, {given}, {suffix}" if suffix else f"{family}, {given}")


def _date(fields: Fields) -> str | None:
    """BibLaTeX's ``date`` when given, else ``year`` with ``month`` ("jan", "January", "1")."""
    if "date" in fields:
        return parse_date(_text(fields, "date"))
    year = parse_year(_text(fields, "year"))
    month = (_text(fields, "month") or "").strip(". ")
    return parse_date(f"{year}-{month}" if month.isdigit() else f"{year} {month}") if year else None


def _url(fields: Fields) -> str | None:
    """The ``url`` field, or a link @misc entries put in ``howpublished``/``note``."""
    for key in ("url", "howpublished", "note"):
        match = _URL.search(_verbatim(fields.get(key)) or "")
        if match:
            return match.group(0).rstrip(".,;)")
    return None


def _doi_from_url(fields: Fields) -> str | None:
    url = _url(fields) or ""
    return normalize_doi(url) if "doi.org/" in url else None


def _publication_type(fields: Fields, entry_type: str) -> str | None:
    """Map the entry type; @misc/@unpublished (and "arXiv preprint" articles) become preprints
    only when the entry itself says it is one."""
    mapped = _TYPES.get(entry_type)
    hints = " ".join(_text(fields, key) or "" for key in ("archiveprefix", "eprinttype", "howpublished",
                                                           "note", "publisher", "journal", "type"))
    if entry_type in ("misc", "unpublished", "online", "electronic") and (
            _PREPRINT.search(hints) or "arxivid" in fields):
        return "preprint"
    if entry_type == "article" and _PREPRINT.search(_text(fields, "journal", "journaltitle") or ""):
        return "preprint"
    return mapped


def _keywords(fields: Fields) -> tuple[str, ...]:
    raw = _text(fields, "keywords", "keyword") or ""
    return normalize_keywords(re.split(r"\s*[,;]\s*", raw))


def _identifiers(fields: Fields) -> tuple[tuple[str, str], ...]:
    """isbn/issn/pmid/pmcid as given; an eprint is named by its archive ("arxiv")."""
    pairs = [(key, value) for key in ("isbn", "issn", "pmid", "pmcid") if (value := _verbatim(fields.get(key)))]
    eprint = _verbatim(fields.get("eprint") or fields.get("arxivid"))
    if eprint:
        prefix = (_text(fields, "archiveprefix", "eprinttype") or "").lower()
        if prefix == "arxiv" or "arxivid" in fields:
            prefix, eprint = "arxiv", re.sub(r"^arxiv:\s*", "", eprint, flags=re.IGNORECASE)
        pairs.append((prefix or "eprint", eprint))
    return tuple(pairs)
