"""Dates as article pages write them, in several languages, to ISO dates as precise as stated.

Pages write "30 June 2023", "March 03, 2022", "June 3rd, 2021", "2020 Sep", "15.04.2020",
"30 de abril de 2021", "18 février 2022" or "2021年6月3日". A date is returned only as precise as the
page gives it ("2020-09", "2021"), never padded with a guessed day.
"""

from __future__ import annotations

import re

from ..normalize import iso_date
from .vocabulary import date_kind

# Month names and their common abbreviations (en, de, fr, es, pt, it, nl; da, no and sv where they differ).
_MONTH_NAMES = {
    1: "january jan januar janvier janv enero ene janeiro gennaio gen januari",
    2: "february feb februar février févr fevrier febrero fevereiro fev febbraio februari",
    3: "march mar märz mars marzo março marco maart marts",
    4: "april apr avril abril aprile",
    5: "may mai mayo maio maggio mei maj",
    6: "june jun juni juin junio junho giugno",
    7: "july jul juli juillet juil julio julho luglio",
    8: "august aug août aout agosto ago augustus",
    9: "september sep sept septembre septiembre setiembre setembro settembre set",
    10: "october oct oktober octobre octubre outubro ottobre okt",
    11: "november nov novembre noviembre novembro",
    12: "december dec dezember décembre déc decembre diciembre dic dezembro dez dicembre desember",
}
MONTHS = {name: number for number, names in _MONTH_NAMES.items() for name in names.split()}
_MONTH = r"(?P<month>[A-Za-zÀ-ÿ]{3,10})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er|º)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_DATE_FORMS = (
    re.compile(rf"\b{_DAY}\.?\s+(?:de\s+)?{_MONTH}\s+(?:de\s+)?{_YEAR}\b"),  # 30 June 2023, 30 de abril de 2021
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),                      # March 03, 2022
    re.compile(rf"\b{_YEAR}\s+{_MONTH}(?:\s+{_DAY})?\b"),                    # 2020 Sep 2
    re.compile(rf"\b{_YEAR}[-/.](?P<mnum>\d{{1,2}})(?:[-/.](?P<dnum>\d{{1,2}}))?\b"),  # 2021-06-03
    re.compile(r"\b(?P<dnum>\d{1,2})\.(?P<mnum>\d{1,2})\.(?P<year>(?:1[89]|20)\d\d)\b"),  # 15.04.2020
    re.compile(r"(?P<year>(?:1[89]|20)\d\d)\s*年\s*(?P<mnum>\d{1,2})\s*月(?:\s*(?P<dnum>\d{1,2})\s*日)?"),
    re.compile(rf"\b{_MONTH}\s+{_YEAR}\b"),                                  # March 2021
    re.compile(rf"(?<![\d/.-]){_YEAR}(?![\d/-])"),                           # 2021
)


def parse_page_date(text: str) -> str | None:
    """The first date in ``text`` as "YYYY-MM-DD", "YYYY-MM" or "YYYY", or None."""
    for form in _DATE_FORMS:
        for match in form.finditer(text):
            iso = _iso(match)
            if iso:
                return iso
    return None


def _iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    year = int(groups["year"])
    month: int | None = None
    if groups.get("month"):
        month = MONTHS.get(groups["month"].lower().rstrip("."))
        if month is None:
            return None
    elif groups.get("mnum"):
        month = int(groups["mnum"])
    if month is None or not 1 <= month <= 12:
        return None if groups.get("mnum") else f"{year:04d}"
    return iso_date(year, str(month), groups.get("day") or groups.get("dnum"))


def labelled_dates(text: str) -> list[tuple[str, str]]:
    """(kind, ISO date) for each labelled date in a line such as "Received: 3 Jan 2023 | Published: ...".

    Parts are separated by "|", ";" or "·"; a part whose label is not a known date label is ignored,
    so "Date Written" and "Received" are told apart from "Published".
    """
    found: list[tuple[str, str]] = []
    for part in re.split(r"\s*[|;·]\s*|\s+/\s+|\.\s+(?=[A-Z])|(?<=\d)\s+(?=[^\W\d_][^\d:：]{1,30}[:：]\s*\S)", text):
        labelled = _longest_date_label(part.strip()) or _date_label_after_words(part.strip())
        if labelled:
            found.append(labelled)
    return found


_LEADING_WORD = re.compile(r"^(?!(?:not|never|no|nicht|pas|non)\b)\S+\s+", re.IGNORECASE)


def _date_label_after_words(part: str) -> tuple[str, str] | None:
    """"31 Pages Posted: 9 Nov 2020": a labelled date after a word or two of another fact on the same line
    (a page count, a file size), as pages run their metadata together. Only for a label with a colon."""
    if ":" not in part and "：" not in part:
        return None
    rest = part
    for _ in range(2):
        dropped = _LEADING_WORD.match(rest)
        if dropped is None:
            return None
        rest = rest[dropped.end():]
        if (labelled := _longest_date_label(rest)) is not None:
            return labelled
    return None


def _longest_date_label(part: str) -> tuple[str, str] | None:
    """(kind, date) for "Published online 4 Apr 2020": the longest known label before a date wins, so
    "Published online" is an online date and not a print one."""
    best: tuple[str, str] | None = None
    for gap in re.finditer(r"\s*[:：]\s*|\s+", part):
        label = part[:gap.start()]
        if len(label) > 70:
            break
        kind = date_kind(label)
        rest = part[gap.end():]
        date = parse_page_date(rest) if kind and re.match(r"\d|[^\W\d_]{3,10}\.?\s+\d", rest) else None
        if kind and date:
            best = (kind, date)
    return best
