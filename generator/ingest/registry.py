"""The readers we know, and how one is chosen for a document: by sniffing its content."""

from __future__ import annotations

from .base import Reader
from .bibtex import BibtexReader
from .crossref import CrossrefReader
from .csljson import CslJsonReader
from .endnote_xml import EndnoteXmlReader
from .medline import MedlineReader
from .ovid import OvidReader
from .pubmed_text import PubmedTextReader
from .pubmed_xml import PubmedXmlReader
from .refworks import RefworksReader
from .ris import RisReader
from .tabular import TabularReader
from .webpage import WEBPAGE_READERS
from .wos import WosReader

#: Minimum sniff confidence for a reader to be trusted with a document: a reader must be sure, not merely
#: the least unsure (page readers answer 0 unless a page shows real article structure, then 0.6 or more).
MIN_CONFIDENCE = 0.5
#: A confidence only an unmistakable document earns (a full RIS record, a CSV header of bibliographic
#: columns). No later reader could win against it, so the slower page readers are not asked at all.
CERTAIN = 0.9


def all_readers() -> tuple[Reader, ...]:
    """Every reader, structured exports first (they win ties over scraped-page readers)."""
    return (RisReader(), WosReader(), MedlineReader(), BibtexReader(), CrossrefReader(), CslJsonReader(),
            EndnoteXmlReader(), PubmedXmlReader(), RefworksReader(),
            TabularReader(), OvidReader(), PubmedTextReader(),
            *WEBPAGE_READERS)


def choose_reader(text: str, readers: tuple[Reader, ...] | None = None) -> Reader | None:
    """The reader most confident that ``text`` is its format, or None when none is; the first certain one
    ends the search, so earlier readers win ties."""
    best: Reader | None = None
    best_score = MIN_CONFIDENCE
    for reader in readers if readers is not None else all_readers():
        score = _guarded_sniff(reader, text)
        if score > best_score:
            best, best_score = reader, score
        if best_score >= CERTAIN:
            break
    return best


def _guarded_sniff(reader: Reader, text: str) -> float:
    """``reader.sniff(text)``, with a sniffer that raises counted as "not my format": one reader's bug on
    one document must neither stop ingest nor keep the other readers from it (the fuzz tests still
    report the bug, since they call each sniffer directly)."""
    try:
        return reader.sniff(text)
    except Exception:  # noqa: BLE001 - a sniffer must never raise; an unsure sniffer says 0
        return 0.0
