"""Messy source values to canonical ones: names, dates, DOIs, pages, whitespace.

Every function here is pure and idempotent (normalising twice changes nothing) and returns None
rather than a guess when a value cannot be read.
"""

from __future__ import annotations

import html
import re
import unicodedata

from nameparser import HumanName

from ..model.identity import title_key

__all__ = ["title_key"]  # re-exported: readers compare titles through normalize

_WS = re.compile(r"\s+")
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"'<>]+)", re.IGNORECASE)
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d|2100)(?!\d)")
MONTH_NUMBERS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_ORGANISATION_WORDS = re.compile(
    r"\b(group|consortium|organi[sz]ation|association|collaborat\w*|institute|committee|network|"
    r"team|council|society|centre|center|agency|department|ministry|investigators|foundation|"
    r"university|office|board|alliance|coalition|panel|initiative)\b", re.IGNORECASE)


def clean_text(text: str | None) -> str | None:
    """Collapse whitespace and control characters; None for empty text."""
    if text is None:
        return None
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in text)
    text = _WS.sub(" ", text).strip()
    return text or None


def strip_markup(text: str) -> str:
    """Plain text from a value that may carry HTML tags or entities (JSON blobs often do)."""
    text = re.sub(r"<[^>]{0,200}>", " ", text)
    return html.unescape(text)


def normalize_doi(value: str | None) -> str | None:
    """A bare, lower-case DOI ("10.1370/afm.2920"), or None when the value holds none."""
    if not value:
        return None
    value = _DOI_PREFIX.sub("", value.strip())
    match = _DOI.search(value)
    if not match:
        return None
    doi = match.group(1).rstrip(".,;:)]}").lower()
    return doi if "/" in doi and len(doi.split("/", 1)[1]) > 0 else None


def find_doi(text: str) -> str | None:
    """The first DOI written anywhere in ``text``."""
    return normalize_doi(text) if _DOI.search(text or "") else None


def parse_year(value: str | int | None) -> int | None:
    """The first plausible publication year (1800-2100) in a value."""
    if value is None:
        return None
    if isinstance(value, int):
        return value if 1800 <= value <= 2100 else None
    match = _YEAR.search(str(value))
    return int(match.group(1)) if match else None


def parse_date(value: str | None) -> str | None:
    """An ISO date as precise as the source gives: "2023-02-01", "2002-09" or "2018".

    Understands RIS ("2023/02/01/"), ISO ("2025-06-01"), MEDLINE ("2002 Sep 15") and
    slash dates with a time ("2025/3/27 0:00:00"). Returns None when no year is present.
    """
    if not value:
        return None
    text = str(value).strip()
    match = re.match(r"^(\d{4})\s+([A-Za-z]{3})[a-z]*\.?(?:\s+(\d{1,2}))?", text)
    if match and match.group(2).lower() in MONTH_NUMBERS and parse_year(match.group(1)):
        return iso_date(int(match.group(1)), str(MONTH_NUMBERS[match.group(2).lower()]), match.group(3))
    match = re.match(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?", text)
    if match and parse_year(match.group(1)):
        return iso_date(int(match.group(1)), match.group(2), match.group(3))
    year = parse_year(text)
    return str(year) if year else None


def iso_date(year: int, month: str | None, day: str | None) -> str:
    """"YYYY-MM-DD", "YYYY-MM" or "YYYY": only as precise as the valid parts given (every date reader
    shares this, so no reader pads a date with a guessed month or day)."""
    if not month or not 1 <= int(month) <= 12:
        return f"{year:04d}"
    if not day or not 1 <= int(day) <= 31:
        return f"{year:04d}-{int(month):02d}"
    return f"{year:04d}-{int(month):02d}-{int(day):02d}"


def normalize_name(name: str | None, *, given_first: bool | None = None) -> str | None:
    """A person's name as "Family, Given"; organisations stay as written.

    ``given_first`` says how the source writes names: True for "Heather Klusaritz", False for
    "Klusaritz, Heather" or MEDLINE's "Mangalam H"; None lets a comma decide.
    """
    name = clean_text(name)
    if not name:
        return None
    name = name.strip(" ,;")
    if not name:
        return None
    if _ORGANISATION_WORDS.search(name) and "," not in name:
        return name
    if "," in name:
        family, _, given = name.partition(",")
        return _join(family, given)
    if given_first is False:
        family, _, given = name.rpartition(" ") if _looks_like_initials(name.split()[-1]) else ("", "", name)
        return _join(family, given) if family else name
    parsed = HumanName(name)
    family = " ".join(part for part in (parsed.last,) if part)
    given = " ".join(part for part in (parsed.first, parsed.middle) if part)
    if not family:
        return name
    return _join(family, given, parsed.suffix)


def _looks_like_initials(token: str) -> bool:
    """"H", "JR", "E." and "J.R." are initials; "Li" and "ABCD" are not."""
    letters = token.replace(".", "")
    return letters.isupper() and letters.isalpha() and len(letters) <= 3


def _join(family: str, given: str, suffix: str = "") -> str:
    family, given = family.strip(" ,;"), given.strip(" ,;")
    if not given:
        return family
    text = f"{family}, {given}"
    return f"{text}, {suffix}" if suffix else text


def normalize_pages(start: str | None, end: str | None = None) -> str | None:
    """A page range "S31-S38" (hyphen, no spaces), or a single page."""
    start = clean_text(start)
    end = clean_text(end)
    if start and not end:
        start, _, end = _split_range(start)
    if not start:
        return end or None
    if end and end != start:
        return f"{start}-{end}"
    return start


def _split_range(text: str) -> tuple[str, str, str]:
    parts = re.split(r"\s*[-\u2010-\u2015]+\s*", text, maxsplit=1)
    if len(parts) == 2:
        return parts[0], "-", parts[1]
    return text, "", ""


def normalize_keywords(values: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Keywords cleaned, split on semicolons, de-duplicated (case-insensitively), in source order."""
    seen: set[str] = set()
    result: list[str] = []
    for value in values:
        for part in re.split(r"\s*;\s*", value or ""):
            part = clean_text(part.strip(" .,")) or ""
            if part and part.lower() not in seen:
                seen.add(part.lower())
                result.append(part)
    return tuple(result)


def normalize_title(title: str | None) -> str | None:
    """A title with clean whitespace and without the trailing full stop catalogues add."""
    title = clean_text(title)
    if not title:
        return None
    if title.endswith(".") and not title.endswith(("..", " al.", "etc.")):
        title = title[:-1].rstrip()
    return title or None


# ISO 639-2 codes (MEDLINE's LA) and common language names, to the BCP 47 tags records use.
_LANGUAGES = {
    "eng": "en", "english": "en", "fre": "fr", "fra": "fr", "french": "fr", "ger": "de",
    "deu": "de", "german": "de", "spa": "es", "spanish": "es", "ita": "it", "italian": "it",
    "por": "pt", "portuguese": "pt", "chi": "zh", "zho": "zh", "chinese": "zh", "jpn": "ja",
    "japanese": "ja", "kor": "ko", "korean": "ko", "rus": "ru", "russian": "ru", "dut": "nl",
    "nld": "nl", "dutch": "nl", "pol": "pl", "polish": "pl", "tur": "tr", "turkish": "tr",
    "swe": "sv", "swedish": "sv", "dan": "da", "danish": "da", "nor": "no", "norwegian": "no",
    "fin": "fi", "finnish": "fi", "ara": "ar", "arabic": "ar", "heb": "he", "hebrew": "he",
    "gre": "el", "ell": "el", "greek": "el", "cze": "cs", "ces": "cs", "czech": "cs",
    "hun": "hu", "hungarian": "hu", "per": "fa", "fas": "fa", "persian": "fa",
}


def language_tag(value: str | None) -> str | None:
    """A BCP 47 tag ("en") for an ISO 639-2 code ("eng") or a language name ("English").

    Shared by the export readers because each source spells languages its own way; values we do
    not know stay as written (lower-cased) rather than being dropped.
    """
    text = clean_text(value)
    if not text:
        return None
    key = text.lower()
    return _LANGUAGES.get(key, key)
