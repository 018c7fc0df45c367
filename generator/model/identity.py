"""When two records are the same study: same DOI, or the same title (normalised) and year."""

from __future__ import annotations

import re
import unicodedata


def title_key(title: str | None) -> str:
    """A comparison key for "the same title": case, accents, punctuation and spacing ignored."""
    if not title:
        return ""
    text = unicodedata.normalize("NFKD", title.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.findall(r"\w+", text))


def identity_keys(*, doi: str | None, title: str | None, year: object) -> list[str]:
    """The keys by which records are matched, most trusted first."""
    keys = ["doi:" + doi.lower()] if doi else []
    if title and year:
        keys.append(f"title:{title_key(title)}|{year}")
    return keys
