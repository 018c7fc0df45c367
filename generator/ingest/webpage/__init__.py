"""Readers for text copied from web pages: one general article-page reader (by layout family) and
the two page kinds with a structure of their own (embedded JSON metadata, citation statements)."""

from __future__ import annotations

from .article import ArticlePageReader
from .citation_index import CitationIndexReader
from .jsonblob import JsonBlobReader

WEBPAGE_READERS = (JsonBlobReader(), CitationIndexReader(), ArticlePageReader())

__all__ = ["WEBPAGE_READERS", "ArticlePageReader", "CitationIndexReader", "JsonBlobReader"]
