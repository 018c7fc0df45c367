"""One reader for any copied article page, by the page's structure rather than by its site.

Publisher pages, literature databases, preprint servers, catalogues, Chinese database pages and
abstract aggregators all show the same parts in roughly the same order: a title, an author line,
a citation line, dates and a DOI, an abstract (under a heading, as a label, or as the first prose),
keywords, perhaps the title and abstract in a second language, and then back matter. Everything
else is chrome, recognised by the general vocabulary in :mod:`vocabulary`. The title is anchored by
its neighbours (the author line below it); where nothing anchors it, the first title-like line in
the page head is taken, and where there is none the page is refused rather than guessed at.

A page is accepted only with real structure: a title and at least two kinds of bibliographic
evidence, one of them scholarly (a citation line, a DOI, an abstract label, keywords or a database
identifier). A news story with a byline and a date is not an article page.

This module runs the steps in order; each step lives in a module of its own: :mod:`head` (title and
authors), :mod:`fields` (citation line, DOI, dates, status), :mod:`abstract` (abstracts and keywords),
:mod:`own_citation` (gaps filled from the page's own reference and issue box) and :mod:`record` (the
study record). :mod:`linekinds` says what kind of line a line is; :mod:`page` holds the findings.
"""

from __future__ import annotations

from ...errors import error
from ..base import ReadResult, read_guarded
from .abstract import abstract_starts, find_abstracts
from .blocks import join_split_author_lines
from .common import page_lines
from .fields import (
    find_citation,
    find_dates,
    find_doi,
    find_labelled_fields,
    find_notice,
    find_server,
    find_status,
)
from .head import clean_title, find_title_and_authors
from .linekinds import first_stop
from .metadata_rows import metadata_rows
from .own_citation import (
    find_issue_box,
    find_journal_issue_line,
    find_masthead_journal,
    find_missing_pages,
    find_named_citation,
    find_own_citation,
)
from .page import Block, Page
from .profiles import profile_identifiers
from .record import extraction, name_stripped

_clean_title = clean_title  # the name bench/line_labeller.py imports

__all__ = ["ArticlePageReader", "Block", "Page", "analyse", "clean_title", "extraction"]


def analyse(text: str) -> Page:
    """Read the structure of a copied page (never raises on odd text; fields stay empty instead)."""
    page = Page(join_split_author_lines(metadata_rows(page_lines(text[:500_000]))))
    lines = page.lines
    starts = abstract_starts(lines)
    head_end = starts[0][0] if starts else first_stop(lines, 0)
    find_title_and_authors(page, head_end)
    if page.title is None:
        return page
    title_index = lines.index(page.title)
    if starts and starts[0][0] < title_index:
        starts = [start for start in starts if start[0] > title_index]
    head_end = starts[0][0] if starts else first_stop(lines, title_index + 1)
    head = lines[:head_end]
    find_labelled_fields(page, head_end)
    find_citation(page, head, title_index)
    find_doi(page, head)
    find_dates(page, head)
    find_abstracts(page, starts, title_index, head_end)
    find_status(page, head)
    find_notice(page, head)
    find_own_citation(page)
    find_issue_box(page, title_index)
    find_named_citation(page, title_index)
    find_journal_issue_line(page)
    find_server(page)
    find_missing_pages(page, title_index)
    find_masthead_journal(page, title_index)
    page.identifiers = profile_identifiers([line.text for line in head]) + page.identifiers
    name_stripped(page)
    return page


class ArticlePageReader:
    """Reads any copied article page. Each record names the page's layout family as its format
    (``webpage-catalogue``, ``-aggregator``, ``-article``), so one analysis serves every family."""

    name = "webpage-article"

    def sniff(self, text: str) -> float:
        if text.lstrip().startswith(("{", "[", "@", "TY  -", "PMID-", "FN ")):
            return 0.0
        page = analyse(text)
        if not page.accepted():
            return 0.0
        return min(0.8, 0.55 + 0.05 * len(page.evidence()))

    def read(self, text: str, path: str) -> ReadResult:
        return read_guarded(_read_page, text, path, "page", "Copy the article page again, from its title down")


def _read_page(text: str, path: str) -> ReadResult:
    page = analyse(text)
    if page.title is None or page.listing:
        why = "it lists several works" if page.listing else "no line is clearly the study's title"
        return ReadResult(diagnostics=(error(path, f"page not read: {why}",
                                             "Copy one article's page, from its title down", line=1),))
    return ReadResult(records=(extraction(page),))
