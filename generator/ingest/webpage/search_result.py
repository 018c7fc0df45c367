"""Results of a scholarly search engine copied from its result list (Google Scholar and engines like it).

A result has a shape of its own, unlike an article page: a title line (perhaps tagged "[PDF]"), a byline
"TB Quennell, H Stenberg - Journal of X, 2019 - publisher.org" of initials and family names, a snippet cut
from the abstract with ellipses, and a footer of result controls ("Cite", "Cited by 23", "Related articles",
"All 9 versions"). The reader trusts a result only when byline and footer both stand where they should;
it keeps what the engine shows and invents nothing: a list of authors or a journal name the engine cut
short ("…") keeps the names given and no journal, and the snippet is kept as a partial abstract, with a
warning saying so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...errors import Diagnostic, warning
from ..base import AbstractSection, Extraction, ReadResult
from ..normalize import clean_text, normalize_title
from .common import Line, page_lines
from .languages import guess_language

#: "Cited by 23" in the languages engines' interfaces come in; the count is group 1.
_CITED_BY = (r"\b(?:cited by|citado por|cité|zitiert von|citato da|geciteerd door|cytowane przez|citerad av|"
             r"citeret af|sitert av)\s+(\d[\d.,]*)")
#: Result controls under each result, in the languages the engines' interfaces come in: a citation count,
#: "related articles" and "all N versions" (the scholarly-search UI vocabulary, not one site's words).
_FOOTER = re.compile(
    rf"(?:{_CITED_BY}(?:\s+(?:fois|vezes|veces|keer))?"
    r"|\b(?:related articles|artículos relacionados|artigos relacionados|articles connexes|ähnliche artikel|"
    r"articoli correlati|verwante artikelen|podobne artykuły|relaterade artiklar|relaterte artikler)\b"
    r"|\b(?:all|todas? las?|todas as|toutes les|alle|tutte le|wszystkie)\s+\d+\s+"
    r"(?:versions|versiones|versões|versionen|versioni|versies|wersje|versioner)\b)",
    re.IGNORECASE)
#: The byline's parts are set apart by a dash between spaces ("A Author - Journal, 2019 - host").
_PART_BREAK = re.compile(r"\s+[-–—]\s+")
#: One name as such engines print it: initials run together, then the family name ("PK Ashcombe",
#: "J-P Martin", "L van der Berg", "TJ O'Neill").
_INITIALS_NAME = re.compile(
    r"^[A-Z](?:[A-Z]|-[A-Z]){0,3}\s+(?:(?:van|von|der|den|de|da|del|dos|du|la|le|ten|ter|bin|al|el)\s+)*"
    r"[^\W\d_][\w'’.-]*(?:[ -][^\W\d_][\w'’-]*)?$")
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*")
_TRAILING_YEAR = re.compile(r"(?:^|,\s*|\s+)((?:19|20)\d\d)\s*$")
#: The format tag an engine puts before a title: "[PDF]", "[HTML]", "[BOOK][B]", "[CITATION][C]".
_TYPE_TAG = re.compile(r"^(?:\s*\[[A-Z]{1,9}\])+\s*")
#: A host the engine names for the result: a domain ("kidneyhealth.example.net") or a publisher's name.
_HOST = re.compile(r"^(?:[\w-]+\.)+[a-z]{2,}$|^[A-Z][\w&.' -]{1,60}$")
#: How far below a byline its footer may stand (a snippet is two or three lines).
_FOOTER_REACH = 6
_MIN_TITLE_WORDS = 3


@dataclass(frozen=True)
class _Byline:
    """What a result's byline says: the names, whether the engine cut the list short, journal and year."""

    authors: tuple[str, ...]
    truncated: bool
    journal: str | None
    year: int | None


class SearchResultReader:
    """Reads each clearly structured result of a copied scholarly search page as one study."""

    name = "webpage-search-result"

    def sniff(self, text: str) -> float:
        sample = text[:200_000]
        if not _FOOTER.search(sample):  # cheap test first: most documents are no search page
            return 0.0
        return 0.8 if _results(page_lines(sample)) else 0.0

    def read(self, text: str, path: str) -> ReadResult:
        records: list[Extraction] = []
        diagnostics: list[Diagnostic] = []
        for title, byline, snippet, footer in _results(page_lines(text)):
            record, notes = _record(title, byline, snippet, footer, path)
            records.append(record)
            diagnostics.extend(notes)
        return ReadResult(records=tuple(records), diagnostics=tuple(diagnostics))


def _results(lines: list[Line]) -> list[tuple[Line, _Byline, list[Line], Line]]:
    """(title line, byline, snippet lines, footer line) of every result whose structure is clear."""
    found: list[tuple[Line, _Byline, list[Line], Line]] = []
    for index in range(1, len(lines)):
        byline = parse_byline(lines[index].text)
        if byline is None:
            continue
        title = lines[index - 1]
        footer_at = next((ahead for ahead in range(index + 1, min(len(lines), index + 1 + _FOOTER_REACH))
                          if _FOOTER.search(lines[ahead].text)), None)
        if footer_at is None or not _looks_like_title(title.text):
            continue
        found.append((title, byline, lines[index + 1:footer_at], lines[footer_at]))
    return found


def parse_byline(text: str) -> _Byline | None:
    """"TB Quennell, H Stenberg - Journal of X, 2019 - host.org" read into its parts; None unless every
    name has the initials-then-family shape and the line ends with a host."""
    parts = _PART_BREAK.split(text.strip())
    if len(parts) not in (2, 3) or not _HOST.match(parts[-1].strip()):
        return None
    names_part, truncated = _without_trailing_ellipsis(parts[0])
    pieces = [piece.strip() for piece in names_part.split(",") if piece.strip()]
    if not pieces or not all(_INITIALS_NAME.match(piece) for piece in pieces):
        return None
    authors = _names(pieces)
    journal, year = _source(parts[1]) if len(parts) == 3 else (None, None)
    return _Byline(authors, truncated, journal, year)


def _without_trailing_ellipsis(text: str) -> tuple[str, bool]:
    stripped = text.strip()
    cut = re.sub(r"[,\s]*(?:…|\.\.\.)$", "", stripped)
    return cut, cut != stripped


def _names(pieces: list[str]) -> tuple[str, ...]:
    """"Family, Initials" for each "Initials Family" piece: the byline's shape is known, so the first word
    is the initials (no guessing between given names, degrees and family names as on article pages)."""
    names: list[str] = []
    for piece in pieces:
        initials, _, family = piece.partition(" ")
        names.append(f"{clean_text(family)}, {initials}")
    return tuple(names)


def _source(text: str) -> tuple[str | None, int | None]:
    """"Journal of X, 2019" -> (journal, year); a journal name the engine cut short ("Journal of …") is
    no journal name, so it is left out rather than stored wrong."""
    text = text.strip()
    year_match = _TRAILING_YEAR.search(text)
    year = int(year_match.group(1)) if year_match else None
    journal = text[:year_match.start()] if year_match else text
    journal = journal.strip(" ,")
    if not journal or _ELLIPSIS.search(journal) or re.fullmatch(r"[\d\s,.-]*", journal):
        return None, year
    return clean_text(journal), year


def _looks_like_title(text: str) -> bool:
    title = _TYPE_TAG.sub("", text)
    return len(title.split()) >= _MIN_TITLE_WORDS and not _FOOTER.search(title) and parse_byline(title) is None


def _record(title: Line, byline: _Byline, snippet: list[Line], footer: Line,
            path: str) -> tuple[Extraction, list[Diagnostic]]:
    title_text, title_cut = _without_trailing_ellipsis(_TYPE_TAG.sub("", title.text))
    excerpt = _snippet_text(snippet)
    notes: list[Diagnostic] = []
    if excerpt:
        notes.append(warning(path, "the abstract is the search engine's snippet, a few cut sentences of it",
                             "Paste the full abstract from the article's own page", line=title.number))
    if byline.truncated:
        notes.append(warning(path, "the search engine cut the author list short (…): only the first authors "
                                   "are recorded", "Add the other authors from the article's own page",
                             line=title.number + 1))
    if title_cut:
        notes.append(warning(path, "the search engine cut the title short (…)",
                             "Complete the title from the article's own page", line=title.number))
    count = _cited_count(footer.text)
    cited = (("publications", count),) if count is not None else ()
    record = Extraction(
        line=title.number,
        title=normalize_title(title_text),
        authors=byline.authors,
        year=byline.year,
        date=str(byline.year) if byline.year else None,
        journal=byline.journal,
        language=guess_language(f"{title_text} {excerpt}"),
        abstract=(AbstractSection(None, excerpt),) if excerpt else (),
        cited_by=cited,
        stripped=("search page controls and result counters",),
        format="webpage-search-result",
    )
    return record, notes


def _cited_count(text: str) -> int | None:
    """The citation count of a result's footer ("Cited by 57"), if it shows one."""
    match = re.search(_CITED_BY, text, re.IGNORECASE)
    return int(re.sub(r"\D", "", match.group(1))) if match else None


def _snippet_text(lines: list[Line]) -> str:
    """The snippet without the ellipses that mark where the engine cut it; its fragments joined."""
    text = " ".join(line.text for line in lines)
    fragments = [clean_text(part) for part in _ELLIPSIS.split(text)]
    return " … ".join(f for f in fragments if f)
