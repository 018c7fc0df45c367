"""Citation lines of article pages: journal, date, volume, issue and pages in any common arrangement.

Pages write the same facts in many orders: "J Abbrev. 2023;11(4):211–219", ". 2019 Mar;98:59-65.",
"Journal Name, Volume 12, Issue 3, March 2021, Pages 45–67", "Journal, 02 Jul 2019, 45(3): e1234",
"Journal volume 22, Article number: 341 (2022)", "期刊名 2021, 30(4): 281-286". Rather than one
pattern per site, the parser finds each component (a date, a volume with its issue, pages) by its
own shape and takes the journal from the text before the first of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..cells import expand_pages
from ..normalize import clean_text, normalize_pages, parse_year
from .dates import MONTHS, parse_page_date
from .vocabulary import (
    CONTAINER_PREFIXES,
    ISSUE_WORDS,
    PAGE_RANGE_WORDS,
    PAGES_WORDS,
    VOLUME_WORDS,
    date_kind,
    is_article_type,
)

_PAGE = r"[A-Za-z]{0,2}\d+[A-Za-z]?(?:\s*[-–—‐]\s*[A-Za-z]{0,2}\d+[A-Za-z]?)?"
_DOI_TEXT = re.compile(r"\[?\s*(?:doi\s*[:：]?\s*|https?://(?:dx\.)?doi\.org/)10\.\S+\]?|\bdoi\s*[:：]?\s*$",
                       re.IGNORECASE)
_TAIL_NOISE = re.compile(r"\b(epub|e-?published)\b.*$|\bcite this article\b.*$|\bPMID\s*:.*$|"
                         r"\bavailable at\b.*$", re.IGNORECASE)
_NOTE = re.compile(r"\([^)]*[A-Za-z]{3,}[^)]*;[^)]*\)|\((?=[^)]*(?:preprint|review|server))[^)]*\)", re.IGNORECASE)
_WORD_RANGE = "|".join(PAGE_RANGE_WORDS)
# Pages after a page word may join their ends with a word ("pages 45 à 63").
_WORDED_PAGE = (rf"[A-Za-z]{{0,2}}\d+[A-Za-z]?(?:\s*[-–—‐]\s*[A-Za-z]{{0,2}}\d+[A-Za-z]?"
                rf"|\s+(?:{_WORD_RANGE})\s+[A-Za-z]{{0,2}}\d+[A-Za-z]?(?![\w.]))?")
_KEYWORD_VOLUME = re.compile(rf"\b(?:{'|'.join(VOLUME_WORDS)})\s*[:：]?\s*"
                             r"(?:(?:1[89]|20)\d\d\s*[:：]\s*(?=\d))?"  # "Volume 2023:15": the year, then the volume
                             rf"(?P<volume>\d+[A-Za-z]?)"
                             r"(?:\s*[（(](?!(?:1[89]|20)\d\d[)）])(?P<issue>\d+[A-Za-z]?(?:[-/]\d+)?)[)）])?|第\s*(?P<cjk_volume>\d+)\s*卷",
                             re.IGNORECASE)
_KEYWORD_ISSUE = re.compile(
    rf"(?<!\w)(?<!article )(?:{'|'.join(ISSUE_WORDS)})"
    r"\s*(?:[:：]\s*)?(?P<issue>\d+[A-Za-z]?(?:[-/]\d+)?)(?!\s*:)|"
    r"第\s*(?P<cjk_issue>\d+)\s*期", re.IGNORECASE)
_KEYWORD_PAGES = re.compile(rf"(?<!\w)(?:{'|'.join(PAGES_WORDS)})\s*(?P<pages>{_WORDED_PAGE})", re.IGNORECASE)
_WORD_RANGE_JOIN = re.compile(rf"\s+(?:{_WORD_RANGE})\s+", re.IGNORECASE)
# Pages as a bare range after labelled volume and issue ("Cilt 6, Sayı 2, 118 - 127").
_BARE_RANGE = re.compile(r"^\s*[,;]\s*(?P<pages>[A-Za-z]?\d{1,6}\s*[-–—]\s*[A-Za-z]?\d{1,6})(?![\d./-])")
_COMPACT = re.compile(rf"(?<![\w.])(?P<volume>\d{{1,5}}[A-Za-z]?)\s*[（(](?P<issue>[^()（）%]{{1,15}})[)）]"
                      rf"(?:\s*[:：,，]\s*(?:pp?\.?\s*(?=\d))?(?P<pages>{_PAGE})|\s+(?P<range>\d+\s*[-–—]\s*\d+)(?![\d-]))?")
_VOLUME_PAGES = re.compile(rf"(?:[;,，]|\.(?=\s))\s*(?P<volume>\d{{1,5}}[A-Za-z]?)\s*[:：]\s*(?P<pages>{_PAGE})")
# A year, alone or opening a year-month ("2019-04"), but not one end of a range of numbers.
_YEAR = re.compile(r"(?<![\d./-])((?:1[89]|20)\d\d)(?!\d)(?!/(?!\d{1,2}(?![\d/])))(?!-(?!(?:0[1-9]|1[0-2])(?![\d-])))")
# "2021/3 (Vol. 9)": the year and the issue of that year, as French and Belgian platforms print them.
_YEAR_SLASH_ISSUE = re.compile(r"(?<![\d./-])(?:1[89]|20)\d\d/(?P<issue>\d{1,2})(?![\d/])")
# The last comma part of a keyworded citation, after its date, when it is a bare article number.
_ARTICLE_NUMBER_LAST = re.compile(r"(?:1[89]|20)\d\d\s*,\s*(?P<pages>[A-Za-z]\d{1,8}|\d{3,8})\s*\.?\s*$")
_SEPARATOR_LINE = re.compile(r"\s[·•|]\s")
# A labelled date of the manuscript's history ("Received 14 Jun 2021", "Accepted: 2021-12-02") inside a
# citation line: its year is not the year of publication.
_HISTORY_DATE = re.compile(r"(?<![^\W\d_])(?P<label>[^\W\d_][^\d|;,:：]{2,30}?)(?:\s*[:：]\s*|\s+)"
                           r"(?=\d|[^\W\d_]{3,9}\.?\s+\d)[^|;]{0,20}?(?:1[89]|20)\d\d(?!\d)")
# "Published on 22.8.2023 in Vol 25 (2023)": a publication phrase before the citation proper, whose words
# are no journal's name.
_PUBLISHED_IN = re.compile(r"^\s*(?:first\s+)?(?:published|posted|appeared)(?:\s+online)?(?:\s+on)?\s+"
                           r"(?P<date>[^,;]{4,30}?)\s+in\s+(?=(?:vol|volume|issue|no)\b)", re.IGNORECASE)
# Library catalogues' compact source: "v17 n2 p88-97", "v12 n2", "v8 p1-9" (volume, then issue or pages).
_CATALOGUE_VNP = re.compile(r"(?<![\w.])v\.?\s?(?P<volume>\d{1,5})"
                            r"(?:\s+n(?:o\.?)?\s?(?P<issue>\d{1,4}[A-Za-z]?(?:-\d{1,4})?))?"
                            r"(?:\s+pp?\.?\s?(?P<pages>[A-Za-z]?\d{1,6}(?:\s*[-–]\s*[A-Za-z]?\d{1,6})?))?(?![\w.])")
_HISTORY_KINDS = frozenset({"received", "accepted", "revised", "written"})


@dataclass(frozen=True)
class Citation:
    """What a citation line states; None for what it leaves out."""

    journal: str | None
    year: int | None
    date: str | None
    volume: str | None
    issue: str | None
    pages: str | None


def parse_citation(text: str, *, lenient: bool = False) -> Citation | None:
    """The citation a line states, or None when the line is not a citation.

    A citation needs a year and at least a volume, issue or pages. ``lenient`` also accepts
    "Journal Year" alone, for lines that carry other bibliographic signs (a DOI, a "·" separator,
    a "Published in" label).
    """
    raw = text.strip()
    if not raw or len(raw) > 260 or re.search(r"[a-z]{3}[.!?]\s+[A-Z][a-z]+\s+[a-z]+\s+[a-z]+", raw):
        return None
    body = _NOTE.sub(" ", _TAIL_NOISE.sub("", _DOI_TEXT.sub(" ", raw)))
    body = _CATALOGUE_VNP.sub(_spelled_out_vnp, body)
    body = _HISTORY_DATE.sub(_drop_history_date, body)
    body = _PUBLISHED_IN.sub(r"\g<date>, ", body)
    body = clean_text(body) or ""
    words = body.split()
    if len(words) >= 6 and sum(1 for w in words if w[:1].islower()) > len(words) / 2:
        return None  # a sentence that happens to hold numbers, not a citation
    year_match = _YEAR.search(body)
    if not year_match:
        return _undated(body)
    volume, issue, pages, first_part = _parts(body)
    if not (volume or issue or pages) and not lenient:
        return None
    start = min(year_match.start(), first_part if first_part is not None else len(body))
    journal = _journal(body[:start + 1] if body[start:start + 1] == "." else body[:start])  # "Serv. 11:1102345"
    if journal is None and not (volume or issue or pages):
        return _year_first(body) if lenient else None
    if journal and (date_kind(journal.rstrip(" :：|")) or re.match(r"^\s*[^\W\d_]{1,12}\.?\s*[:：]\s*\d", body)):
        if not (volume or issue or pages):
            return None  # "Posted 2021" or "Published 2020" is a date line, not a citation
        journal = None  # "Year : 2021 | Volume : 10 | Issue : 9": labelled parts, the first one a date
    after_journal = body.find(journal) + len(journal) if journal else 0
    journal = _without_container_prefix(journal)
    slashed = _YEAR_SLASH_ISSUE.search(body)
    date = year_match.group(1) if slashed and slashed.start() == year_match.start() else None
    date = date or parse_page_date(body[after_journal:]) or year_match.group(1)
    return Citation(journal, parse_year(date), date, volume, issue, expand_pages(pages) if pages else None)  # "1083-9"


def _spelled_out_vnp(match: re.Match[str]) -> str:
    """"v17 n2 p88-97" -> "vol. 17, no. 2, pp. 88-97", which the keyword parser reads; a bare "v2" (a
    version) is left alone: the compact form counts only with an issue or pages after the volume."""
    if not (match.group("issue") or match.group("pages")):
        return match.group(0)
    parts = [f"vol. {match.group('volume')}"]
    if match.group("issue"):
        parts.append(f"no. {match.group('issue')}")
    if match.group("pages"):
        parts.append(f"pp. {match.group('pages')}")
    return ", ".join(parts)


_CONTAINER_PREFIX = re.compile(rf"^(?:{'|'.join(CONTAINER_PREFIXES)})\s*:?\s+(?=[A-Z\u0400-\u042f])", re.IGNORECASE)


def _without_container_prefix(journal: str | None) -> str | None:
    """"Dans Revue française ..." -> "Revue française ...": the word that introduces a container is no part
    of its name (only before a capitalised name of two words or more)."""
    if journal is None:
        return None
    rest = _CONTAINER_PREFIX.sub("", journal, count=1)
    return rest if rest != journal and len(rest.split()) >= 2 else journal


def _year_first(body: str) -> Citation | None:
    """"2021, Journal of X" or "2021 · Journal of X · Article": the year first, then the journal's name
    (a work type after it is dropped), as aggregators print a work's source under its title."""
    match = re.match(r"^\s*((?:1[89]|20)\d\d)\s*[,·•|]\s*(?P<rest>[^·•|]+)(?:[·•|].*)?$", body)
    if not match:
        return None
    journal = _journal(match.group("rest"))
    words = journal.split() if journal else []
    capitalised = [word for word in words if word[:1].isupper()]
    if journal is None or not words or not words[0][:1].isupper() or len(capitalised) < len(words) / 2 \
            or re.search(r"\d", journal):
        return None
    return Citation(journal, int(match.group(1)), match.group(1), None, None, None)


def _undated(body: str) -> Citation | None:
    """"Journal of Orchard Health 27(5):318-331": a journal and its volume(issue):pages, the date printed on
    another line. The compact form is distinctive enough to be a citation without a year."""
    match = _COMPACT.search(body)
    if not match or not match.group("pages") or body[match.end():].strip(" .;,"):
        return None
    journal = _journal(body[:match.start()])
    if journal is None or len(journal.split()) < 2 or not journal[:1].isupper():
        return None
    pages = match.group("pages")
    return Citation(journal, None, None, match.group("volume"), clean_text(match.group("issue")),
                    normalize_pages(pages))


def _drop_history_date(match: re.Match[str]) -> str:
    return " " if date_kind(match.group("label")) in _HISTORY_KINDS else match.group(0)


def _parts(body: str) -> tuple[str | None, str | None, str | None, int | None]:
    """Volume, issue, pages and where the first of them starts in ``body``."""
    starts: list[int] = []
    ends: list[int] = []
    found: dict[str, str] = {}
    labelled = 0
    for pattern, key in ((_KEYWORD_VOLUME, "volume"), (_KEYWORD_ISSUE, "issue"), (_KEYWORD_PAGES, "pages")):
        if (match := pattern.search(body)):
            groups = match.groupdict()
            found[key] = groups.get(key) or groups.get(f"cjk_{key}") or ""
            if key == "volume" and groups.get("issue"):
                found.setdefault("issue", groups["issue"])  # "Vol.38 (2)": the issue in brackets after it
            starts.append(match.start())
            ends.append(match.end())
            labelled += 1 if re.search(r"[:：]", match.group(0)) else 0
    if labelled == 1 and len(found) == 1:
        return None, None, None, None  # one "Volume: 16" alone is a holdings note; a citation labels its parts
    volume, issue, pages = found.get("volume"), found.get("issue"), found.get("pages")
    if pages:
        pages = _WORD_RANGE_JOIN.sub("-", pages)  # "45 à 63"
    if volume and issue and not pages and (after := _BARE_RANGE.search(body[ends[-1]:] if ends else "")):
        pages = after.group("pages")  # "Cilt 6, Sayı 2, 118 - 127": a bare range after the labelled parts
    if volume and not issue and (match := _YEAR_SLASH_ISSUE.search(body)):
        issue = match.group("issue")
    if volume and not pages and (match := _ARTICLE_NUMBER_LAST.search(body)):
        pages = match.group("pages")  # "Volume 131, May 2023, 104812": an article number closes the line
    if volume is None and (match := _compact_volume(body)):
        volume, issue = match.group("volume"), clean_text(match.group("issue"))
        pages = pages or match.group("pages") or match.group("range")  # "28(5)  412-418": a range needs no colon
        starts.append(match.start())
    elif volume is None and (match := _VOLUME_PAGES.search(body)):
        volume, pages = match.group("volume"), pages or match.group("pages")
        starts.append(match.start())
    return volume, issue, pages, min(starts) if starts else None


def _compact_volume(body: str) -> re.Match[str] | None:
    """"28(5)" as volume and issue, unless the brackets hold a date: in "Pagine 55-63 (luglio 2021)" the
    63 closes a page range and the brackets give the month of the issue."""
    match = _COMPACT.search(body)
    if match is None or _YEAR.search(match.group("issue")):
        return None
    return match


def _journal(text: str) -> str | None:
    """The journal name from the text before a citation's first component, or None."""
    original = text
    abbreviated = bool(re.search(r"\b[A-Z][a-z]{0,8}\.\s+[A-Z]", text))
    text = re.sub(r"^[\s.,;:·|]+|[\s.,;:·|(（]+$", "", text)
    text = _strip_trailing_month_day(text)
    # two sentences are not a journal, but the full stops of an abbreviated title ("Int. J. Environ. Res.") are
    if not text or len(text.split()) > 14 or re.search(r"[.!?]\s+[A-Z]?[a-z]+\s+[a-z]+\s+[a-z]+.*[.!?]", text):
        return None
    if not re.search(r"[^\W\d_]{2}", text) or is_article_type(text):
        return None  # "ARTICLE| VOLUME 4, ISSUE 9": a crumb's article type is no journal
    text = re.sub(r"\s*[(（][A-Z][A-Z .&-]{1,40}[)）]$", "", text)  # "Journal of X (J X)": the name, not its short form
    if abbreviated and re.search(r"\s[A-Z][a-z]{0,8}$", text) and f"{text}." in original:
        text += "."  # "Front. Public Health Serv.,": the last abbreviation keeps its full stop, cut with the comma
    return text


def _strip_trailing_month_day(text: str) -> str:
    """"Journal, 02 Jul" -> "Journal": the day and month belong to the date that follows."""
    for _ in range(3):
        match = re.search(r"[\s,，]*(\d{1,2}(st|nd|rd|th)?|[A-Za-zÀ-ÿ]{3,10}\.?)\s*[,，]?\s*$", text)
        if not match or not (match.group(1)[0].isdigit() or match.group(1).lower().rstrip(".") in MONTHS):
            break
        text = text[:match.start()]
    return text.strip(" .,;:")


def looks_like_citation_list_item(text: str) -> bool:
    """A line that cites a work by its authors first ("Lee A, Kim B. J Opioid Manag. 2021;..."),
    as reference lists and search results do."""
    return bool(re.match(r"^(\d+\.\s+)?[A-Z][\w'’-]+\s+[A-Z]{1,3}\b[,.]", text)) and parse_citation(text) is not None


def is_bibliographic_separator_line(text: str) -> bool:
    """"Journal · 2022 · DOI: ..." lines of aggregators, whose parts are split by dots or bars."""
    return bool(_SEPARATOR_LINE.search(text))
