"""Readers for text copied from web pages: one general article-page reader (by layout family) and
the page kinds with a structure of their own (embedded JSON metadata, citation statements, search results)."""

from __future__ import annotations

from .article import ArticlePageReader
from .citation_index import CitationIndexReader
from .jsonblob import JsonBlobReader
from .search_result import SearchResultReader

WEBPAGE_READERS = (JsonBlobReader(), CitationIndexReader(), SearchResultReader(), ArticlePageReader())

__all__ = ["WEBPAGE_READERS", "ArticlePageReader", "CitationIndexReader", "JsonBlobReader", "SearchResultReader"]
