"""Readable, stable study ids: "klusaritz-2023-impact-stigma-clinician".

An id becomes part of URLs and citations, so it is made once, at first ingest, and stored in the
record; nothing recomputes it later even if the title or authors are corrected.
"""

from __future__ import annotations

import re
import unicodedata

_STOP_WORDS = frozenset((
    "a", "an", "the", "of", "on", "in", "for", "to", "and", "or", "with", "by", "at", "from", "as", "is", "are",
    "its", "into", "via", "when", "how", "what", "why", "do", "does", "new"))

#: Names Windows refuses as files whatever their extension ("con.yaml" cannot be created there), so a
#: brief checked out on Windows would lose the record; such a slug gets a suffix.
_RESERVED_NAMES = frozenset(("con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)),
                             *(f"lpt{n}" for n in range(10))))
MAX_SLUG_LENGTH = 80


def ascii_words(text: str) -> list[str]:
    """Lower-case ASCII words of ``text`` (accents folded, other scripts dropped)."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    return re.findall(r"[a-z0-9]+", folded)


def base_slug(title: str | None, first_author: str | None, year: int | None) -> str:
    """The id before collision suffixes; "study" when nothing readable is left."""
    words = [w for w in ascii_words(title or "") if w not in _STOP_WORDS]
    if first_author and year:
        family = first_author.split(",")[0]
        parts = ["-".join(ascii_words(family)), str(year), *words[:3]]
    else:
        parts = words[:5]
    slug = "-".join(part for part in parts if part)[:MAX_SLUG_LENGTH].strip("-")
    if slug in _RESERVED_NAMES:
        return f"{slug}-study"
    return slug or "study"


def unique_slug(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is free."""
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
