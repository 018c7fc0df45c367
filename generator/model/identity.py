"""When two records are the same study, and when a shared title is not enough to say so.

A DOI is an identity: two reports with the same DOI are one study whatever else they say. A title
and year are only a hint: "Barriers to buprenorphine prescribing" has been the title of more than
one study, so the hint holds only when the author lists share a family name (or when there is no
author list to contradict it and no second DOI). A shared title and year with shared authors but
different DOIs is one study reported twice (a conference abstract and the paper, a preprint and
its article): merged, and a curator is told to confirm it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

#: Words that start family names in many languages ("van der Berg", "de Souza"); alone they say
#: nothing about who wrote a study, so they are never compared.
_PARTICLES = frozenset({"van", "von", "der", "den", "de", "del", "della", "di", "da", "das", "dos", "do", "du", "la",
                        "le", "les", "ten", "ter", "te", "zu", "bin", "ibn", "al", "el", "st", "mc", "mac", "y", "e"})
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_INITIALS = re.compile(r"^[A-Z]{1,3}$")


def title_key(title: str | None) -> str:
    """A comparison key for "the same title": case, accents, punctuation and spacing ignored."""
    if not title:
        return ""
    return " ".join(re.findall(r"\w+", _plain(title)))


def doi_key(doi: str | None) -> str:
    """A DOI as compared: without a resolver prefix, in lower case (DOIs are case-insensitive)."""
    if not doi:
        return ""
    return _DOI_PREFIX.sub("", doi.strip()).lower()


def identity_keys(*, doi: str | None, title: str | None, year: object) -> list[str]:
    """The keys under which records are looked up, most trusted first; see ``compare`` for the verdict."""
    keys = ["doi:" + doi_key(doi)] if doi_key(doi) else []
    if title and year:
        keys.append(f"title:{title_key(title)}|{year}")
    return keys


def family_names(authors: Iterable[str]) -> frozenset[str]:
    """Comparison keys for the family names in an author list, whatever form each name takes.

    "Núñez García, Ana", "A. Núñez García", "Nunez-Garcia A" and "NÚÑEZ GARCÍA Ana" all give
    {"nunez", "garcia"}; given names never enter (they would make "Ana Costa" share an author with
    "Ana Mendes").
    """
    keys: set[str] = set()
    for author in authors:
        keys.update(_name_keys(_family_part(author)))
    return frozenset(keys)


def name_words(authors: Iterable[str]) -> frozenset[str]:
    """Every word of every author's name (initials and particles left out), as ``family_names`` keys.

    Used on one side only: a family name of one list found anywhere in the other's names counts as a
    shared author, so "Wang Xiaoming" (family name first, no comma) still matches "Wang, X.".
    """
    keys: set[str] = set()
    for author in authors:
        words = author.replace(",", " ").split()
        keys.update(_name_keys(" ".join(w for w in words if not _INITIALS.match(w.replace(".", "")))))
    return frozenset(keys)


def _family_part(author: str) -> str:
    """The family name(s) of one author as written: before a comma, before trailing initials, the
    words in capitals, or else the last word."""
    author = author.strip()
    if "," in author:
        return author.split(",", 1)[0]
    words = author.split()
    if len(words) <= 1:
        return author
    if _INITIALS.match(words[-1].replace(".", "")) and not all(_INITIALS.match(w.replace(".", "")) for w in words):
        return " ".join(words[:-1])
    capitals = [w for w in words if len(w) > 1 and w.isalpha() and w.isupper()]
    if capitals and len(capitals) < len(words):
        return " ".join(capitals)
    return words[-1]


def _name_keys(family: str) -> set[str]:
    words = re.findall(r"\w+", _plain(family).replace("_", " "))
    return {_transcribed(w) for w in words if len(w) > 1 and w not in _PARTICLES and not w.isdigit()}


def _transcribed(word: str) -> str:
    """German umlauts are also written ae/oe/ue ("Mueller" for "Müller"); compare both as one."""
    return word.replace("ae", "a").replace("oe", "o").replace("ue", "u")


def _plain(text: str) -> str:
    if text.isascii():
        return text.casefold()
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


class Verdict(Enum):
    """What two reports' identities say about whether they describe one study."""

    SAME_DOI = "same DOI"
    SAME_TITLE = "same title and year, nothing against it"
    SEVERAL_REPORTS = "same title, year and authors, different DOIs"
    OTHER_AUTHORS = "same title and year, no author in common"
    OTHER_DOI = "same title and year, different DOIs and no authors to compare"
    UNRELATED = "nothing in common"

    @property
    def same_study(self) -> bool:
        return self in (Verdict.SAME_DOI, Verdict.SAME_TITLE, Verdict.SEVERAL_REPORTS)

    @property
    def kept_apart(self) -> bool:
        """A shared title and year that the authors or DOIs show to be two studies."""
        return self in (Verdict.OTHER_AUTHORS, Verdict.OTHER_DOI)


@dataclass(frozen=True)
class StudyIdentity:
    """What identifies one report of a study: DOI, title and year, and its authors' family names."""

    doi: str
    title: str
    year: str
    families: frozenset[str]
    names: frozenset[str]

    @property
    def has_authors(self) -> bool:
        return bool(self.families)

    @classmethod
    def of(cls, *, doi: object, title: object, year: object, authors: object) -> StudyIdentity:
        """From record or extraction values; values of the wrong type (a hand-edited record) count as absent."""
        names = [a for a in authors if isinstance(a, str) and a.strip()] if isinstance(authors, list | tuple) else []
        return cls(doi=doi_key(doi) if isinstance(doi, str) else "",
                   title=title_key(title) if isinstance(title, str) else "",
                   year=str(year) if isinstance(year, int | str) and str(year).strip() else "",
                   families=family_names(names), names=name_words(names))

    def shares_authors(self, other: StudyIdentity) -> bool:
        """A family name of either list among the other's names (see ``name_words``)."""
        return bool(self.families & other.names or other.families & self.names)


def compare(a: StudyIdentity, b: StudyIdentity) -> Verdict:
    """Whether two reports describe one study (see the module docstring for the rules)."""
    if a.doi and a.doi == b.doi:
        return Verdict.SAME_DOI
    if not (a.title and a.year and a.title == b.title and a.year == b.year):
        return Verdict.UNRELATED
    both_have_authors = a.has_authors and b.has_authors
    if both_have_authors and not a.shares_authors(b):
        return Verdict.OTHER_AUTHORS
    if a.doi and b.doi:
        return Verdict.SEVERAL_REPORTS if both_have_authors else Verdict.OTHER_DOI
    return Verdict.SAME_TITLE
