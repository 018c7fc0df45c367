"""Readers for text copied from web pages, one per kind of page."""

from __future__ import annotations

from .aggregator import AggregatorReader
from .catalogue import CatalogueReader
from .citation_index import CitationIndexReader
from .jsonblob import JsonBlobReader

WEBPAGE_READERS = (JsonBlobReader(), CitationIndexReader(), CatalogueReader(), AggregatorReader())

__all__ = ["WEBPAGE_READERS", "AggregatorReader", "CatalogueReader", "CitationIndexReader", "JsonBlobReader"]
