"""The analysis of one copied page: what each step has found so far, and when that is enough to read.

Kept apart from the steps that fill it so that each step's module depends on this record only, and
the acceptance rule (a title plus two kinds of evidence, one of them scholarly) is stated once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .authors import AuthorLine
from .citation import Citation
from .common import Line
from .linekinds import label_of

_SCHOLARLY = frozenset({"citation", "doi", "abstract", "keywords", "identifiers"})


@dataclass
class Block:
    """A run of lines the page gives one meaning (an abstract, a keyword list) and its language."""

    label: str | None
    lines: list[Line]
    lang: str | None = None


@dataclass
class Page:
    """What the structure of one copied page says; filled step by step by :func:`analyse`."""

    lines: list[Line]
    title: Line | None = None
    title_text: str | None = None
    title_translation: tuple[str, str] | None = None
    authors: AuthorLine | None = None
    authors_at: int | None = None
    citation: Citation | None = None
    journal: str | None = None
    doi: str | None = None
    dates: list[tuple[str, str]] = field(default_factory=list)
    abstracts: list[Block] = field(default_factory=list)
    keywords: list[Block] = field(default_factory=list)
    identifiers: list[tuple[str, str]] = field(default_factory=list)
    url: str | None = None
    site: str | None = None
    peer_reviewed: bool | None = None
    preprint: bool = False
    listing: bool = False
    labelled_abstract: bool = False
    stripped: list[str] = field(default_factory=list)
    #: The kind of notice (correction, retraction, reviewer list ...) the page announces: no study.
    notice: str | None = None

    def evidence(self) -> set[str]:
        """The kinds of bibliographic structure the page shows besides its title."""
        kinds = set()
        if self.authors and self.authors.names:
            kinds.add("authors")
        if self.citation or self.journal:
            kinds.add("citation")
        if self.doi:
            kinds.add("doi")
        if any(kind in {"published", "posted", "online", "epub"} for kind, _ in self.dates):
            kinds.add("dates")
        if self.abstracts:
            kinds.add("abstract" if self.labelled_abstract else "prose")
        if self.keywords:
            kinds.add("keywords")
        if self.title_translation:
            kinds.add("translation")
        if self.identifiers:
            kinds.add("identifiers")
        return kinds

    def accepted(self) -> bool:
        """A title plus two kinds of evidence, one of them scholarly, and not a list of several works."""
        kinds = self.evidence()
        return bool(self.title_text) and not self.listing and len(kinds) >= 2 and bool(kinds & _SCHOLARLY)

    def kind(self) -> str:
        """The layout family, named in records as ``source.format``: catalogue records write authors
        family name first; aggregators reprint a title (often translated) and abstract."""
        if self.authors and self.authors.inverted:
            return "catalogue"
        if self.title_translation and not self.labelled_fields() or not (self.authors or self.citation or self.doi):
            return "aggregator"
        return "article"

    def labelled_fields(self) -> bool:
        return any(label_of(line.text) for line in self.lines[:60])
