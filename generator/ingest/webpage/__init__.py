"""Readers for text copied from web pages: one general article-page reader (by layout family) and
the two page kinds with a structure of their own (embedded JSON metadata, citation statements)."""

from __future__ import annotations

from .article import ARTICLE_PAGE_READERS, ArticlePageReader
from .citation_index import CitationIndexReader
from .jsonblob import JsonBlobReader

WEBPAGE_READERS = (JsonBlobReader(), CitationIndexReader(), *ARTICLE_PAGE_READERS)

__all__ = ["WEBPAGE_READERS", "ArticlePageReader", "CitationIndexReader", "JsonBlobReader"]
