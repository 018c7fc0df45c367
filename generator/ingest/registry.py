"""The readers we know, and how one is chosen for a document: by sniffing its content."""

from __future__ import annotations

from .base import Reader
from .bibtex import BibtexReader
from .csljson import CslJsonReader
from .medline import MedlineReader
from .ris import RisReader
from .webpage import WEBPAGE_READERS
from .wos import WosReader

#: Minimum sniff confidence for a reader to be trusted with a document.
MIN_CONFIDENCE = 0.3


def all_readers() -> tuple[Reader, ...]:
    """Every reader, structured exports first (they win ties over scraped-page readers)."""
    return (RisReader(), WosReader(), MedlineReader(), BibtexReader(), CslJsonReader(),
            *WEBPAGE_READERS)


def choose_reader(text: str, readers: tuple[Reader, ...] | None = None) -> Reader | None:
    """The reader most confident that ``text`` is its format, or None when none is."""
    best: Reader | None = None
    best_score = MIN_CONFIDENCE
    for reader in readers if readers is not None else all_readers():
        score = reader.sniff(text)
        if score > best_score:
            best, best_score = reader, score
    return best
