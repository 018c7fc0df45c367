"""The reader interface: every source format is one reader that sniffs text and extracts studies.

Readers are chosen by what a document contains, never by its file name: people save web pages
as ``.txt`` and exports under any name. A reader never raises on a bad document; it returns what
it could read plus diagnostics, so one broken record never costs the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from ..errors import Diagnostic, error


@dataclass(frozen=True)
class AbstractSection:
    """One part of a structured abstract; ``heading`` is None where the source gives none."""

    heading: str | None
    text: str


@dataclass(frozen=True)
class CitationStatement:
    """Another paper's words about this study (never this study's own findings)."""

    text: str
    section: str | None = None
    citation_type: str | None = None
    confidence: int | None = None


@dataclass(frozen=True)
class Translation:
    """A version of the title/abstract in another language that the source carried."""

    lang: str
    title: str | None = None
    abstract: tuple[AbstractSection, ...] = ()
    note: str | None = None
    machine_translated: bool | None = None


@dataclass(frozen=True)
class Extraction:
    """One study as a reader found it in one document, with values already normalised.

    Empty values (None, empty tuples) mean "the source does not state this": ingest turns them
    into nulls listed under ``missing`` and never fills them with guesses.
    """

    line: int = 1
    title: str | None = None
    authors: tuple[str, ...] = ()
    year: int | None = None
    date: str | None = None
    journal: str | None = None
    journal_abbrev: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    url: str | None = None
    publication_type: str | None = None
    peer_reviewed: bool | None = None
    publication_note: str | None = None
    language: str | None = None
    abstract: tuple[AbstractSection, ...] = ()
    keywords: tuple[str, ...] = ()
    translations: tuple[Translation, ...] = ()
    citation_statements: tuple[CitationStatement, ...] = ()
    cited_by: tuple[tuple[str, int], ...] = ()
    identifiers: tuple[tuple[str, str], ...] = ()
    stripped: tuple[str, ...] = ()
    #: The kind of document the record was read from, for a reader that reads several kinds (copied
    #: pages: catalogue, aggregator or article layout); None means the reader's own name.
    format: str | None = None


@dataclass(frozen=True)
class ReadResult:
    """What a reader made of one document: the studies it holds and the problems it saw."""

    records: tuple[Extraction, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = field(default_factory=tuple)


class Reader(Protocol):
    """One source format.

    ``name`` is what records store as ``source.format``. ``sniff`` returns a confidence in
    [0, 1] that the text is in this format (0 = certainly not). ``read`` must not raise for
    any input text; ``path`` is only used to locate diagnostics.
    """

    name: str

    def sniff(self, text: str) -> float: ...

    def read(self, text: str, path: str) -> ReadResult: ...


def read_guarded(parse: Callable[[str, str], ReadResult], text: str, path: str, what: str, fix: str) -> ReadResult:
    """``parse(text, path)``, with any exception turned into one error naming the file: the reader
    contract (``read`` never raises) kept in one place, with each format's own advice."""
    try:
        return parse(text, path)
    except Exception as exc:  # noqa: BLE001 - a reader must never raise; report instead
        return ReadResult((), (error(path, f"could not read this {what} ({type(exc).__name__}: {exc})", fix,
                                     line=1),))


def line_numbers(text: str, offsets: list[int]) -> list[int]:
    """1-based line numbers of ascending character offsets into ``text``, counted in one pass (counting
    from the start for each offset would make a long multi-record export quadratic)."""
    lines: list[int] = []
    line, position = 1, 0
    for offset in offsets:
        line += text.count("\n", position, offset)
        position = offset
        lines.append(line)
    return lines
