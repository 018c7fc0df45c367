"""Bibliographic fields of the page head: labelled fields, the citation line, DOI, dates and status.

Each finder reads the head (the lines above the abstract) first and the rest of the page only for
what pages put elsewhere (labelled catalogue fields, a "Cite this article" DOI). Citation lines that
disagree mean a list of works, which is refused rather than merged.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..normalize import clean_text, normalize_doi, normalize_pages, parse_year
from .citation import Citation, is_bibliographic_separator_line, looks_like_citation_list_item, parse_citation
from .common import Line
from .dates import labelled_dates, parse_page_date
from .head import value_below
from .linekinds import COLON_LABEL, DOI_IN_TEXT, SELF_CITATION_INLINE, is_date_only, is_journal_like, is_prose, label_of
from .page import Page
from .vocabulary import (
    NOT_PEER_REVIEWED,
    PEER_REVIEWED_ARTICLE,
    RECORD_NUMBER_LABEL,
    SELF_CITATION,
    breadcrumb_rest,
    date_kind,
    is_aggregator_name,
    is_article_type,
    is_chrome_line,
    notice_kind,
)

_PREPRINT_STATEMENT = re.compile(r"\b(this|it) is a preprint\b|\b(article|paper|work|manuscript) is a preprint\b|"
                                 r"\bpreprint server\b|预印本", re.IGNORECASE)


# A status label over the title: "Preprint", "Preprint / Version 2", "Preprint · v1".
_PREPRINT_LABEL = re.compile(r"^\s*preprint\s*(?:$|[/·|•]\s*(?:version|v)\s*\d+\s*$)", re.IGNORECASE)


def find_labelled_fields(page: Page, head_end: int) -> None:
    """Fields the page labels (anywhere, since catalogues list them below the abstract)."""
    lines = page.lines
    title_index = lines.index(page.title) if page.title else 0
    for index, line in enumerate(lines):
        label = label_of(line.text)
        if label and not label[2] and index < title_index:
            continue  # a bare label above the title is a menu entry or a tab ("期刊", "Journal"), not a field
        value = (label[2] or value_below(lines, index) or "") if label else ""
        if label and label[0] == "journal" and index < max(head_end, 1) + 30 and not page.journal:
            citation = parse_citation(value, lenient=True) or _undated_source(value)
            page.citation = page.citation or citation
            page.journal = _first_script(citation.journal if citation else None) or _first_script(clean_text(value))
        elif label and label[0] == "volume_issue" and value and page.citation is None:
            page.citation = parse_citation(value, lenient=True) or parse_citation(f"x {value}", lenient=True)
        elif label and label[0] == "pages" and value and page.citation and not page.citation.pages:
            page.citation = _with_pages(page.citation, value)
        elif label and label[0] == "url" and not page.url:
            page.url = _url_in(value) or (_url_in(lines[index + 1].text) if index + 1 < len(lines) else None)
        elif label and label[0] == "language" and value:
            continue
        match = COLON_LABEL.match(line.text)
        if match and RECORD_NUMBER_LABEL.match(match.group(1).strip()) and match.group(2).split():
            page.identifiers.append(("catalogue_record", match.group(2).split()[0]))


#: "Coastal Midwifery Practice, Vol. 11, No. 3, pp. 61-70": a journal field that gives the locators but no year
#: (repositories keep the year in a date field of its own).
_UNDATED_SOURCE = re.compile(
    r"^\s*(?P<journal>[^\W\d][^,;]{1,150}?)\s*[,;]\s*(?:vol(?:ume)?\.?)\s*(?P<volume>\d{1,4})"
    r"(?:\s*[,;(]?\s*(?:no|nr|n[°º]|issue|iss|number)\.?\s*(?P<issue>\d{1,4}(?:\s*[-–/]\s*\d{1,4})?)\)?)?"
    r"(?:\s*[,;:]\s*(?:pp?\.?|pages)?\s*(?P<pages>[eE]?\d+(?:\s*[-–]\s*[eE]?\d+)?))?\s*\.?\s*$", re.IGNORECASE)


def _undated_source(value: str) -> Citation | None:
    """The journal, volume, issue and pages of a labelled source without a year (the year is then None,
    never guessed)."""
    match = _UNDATED_SOURCE.match(value)
    if match is None:
        return None
    pages = match.group("pages")
    return Citation(journal=match.group("journal").strip(), year=None, date=None, volume=match.group("volume"),
                    issue=match.group("issue"), pages=normalize_pages(pages) if pages else None)


def _first_script(name: str | None) -> str | None:
    """A journal named in two scripts ("中华乡村护理杂志 Chinese Journal of ...") is the first name; the
    second is its translation."""
    if not name:
        return None
    match = re.match(r"^([\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af][^A-Za-z]*?)\s+[A-Z][A-Za-z]", name)
    return match.group(1).strip() if match else name


def _with_pages(citation: Citation, value: str) -> Citation:
    """The citation with the pages of a labelled "Pages" field, written as every reader writes a range."""
    return replace(citation, pages=normalize_pages(value) or citation.pages)


def _url_in(text: str) -> str | None:
    match = re.search(r"https?://\S+", text)
    return match.group(0).rstrip(".,;") if match else None


def find_citation(page: Page, head: list[Line], title_index: int) -> None:
    """The citation line of the head; a journal on the line above it where the line has none."""
    found: list[tuple[int, Citation]] = []
    if sum(1 for line in head if looks_like_citation_list_item(line.text)) >= 2:
        page.listing = True
        return
    for index, line in enumerate(head):
        if index == title_index or is_chrome_line(line.text) or _cites_this_title(line.text, page.title_text):
            continue  # a reference to this very article is read by find_own_citation, authors apart
        own = SELF_CITATION_INLINE.match(line.text)
        text = own.group(1) if own else line.text  # "Cite this as: J Abbrev 2023;12:e0745": this article
        text = breadcrumb_rest(text) or text  # "Home  Journals  Journal X  2021/3": the crumbs after the site's
        lenient = bool(DOI_IN_TEXT.search(text) or is_bibliographic_separator_line(text)
                       or re.search(r"\(\s*\d{4}\s*\)", text) or re.match(r"\s*(?:1[89]|20)\d\d\s*,", text))
        citation = parse_citation(text, lenient=lenient)
        if citation is None or label_of(text) or _article_type_dated(citation):
            continue
        if looks_like_citation_list_item(text) and index > title_index:
            continue
        found.append((index, citation))
    if _cites_several_works(found):
        page.listing = True
        return
    if not found or page.citation and page.journal:
        return
    index, citation = found[0]
    if citation.year is None:
        citation = _dated_beside(citation, head, index)
    if not citation.journal and not citation.volume and (numbered := _volume_issue_above(head, index)) is not None:
        index, volume, issue = numbered  # "Vol. 52. Núm. 4." between the journal and "Páginas 233-240"
        citation = replace(citation, volume=volume, issue=citation.issue or issue)
    journal = citation.journal or _journal_above(head, index, title_index) or _crumbed_journal(head[:title_index])
    page.citation = replace(citation, journal=journal)
    for _, other in found[1:]:
        page.citation = filled_from(page.citation, other) or page.citation
    page.journal = page.journal or journal


def _dated_beside(citation: Citation, head: list[Line], index: int) -> Citation:
    """An undated citation line ("Journal 22(4):118-129") with its date alone on the line just above or
    below ("September 2021"), as aggregators print them."""
    for other in (index - 1, index + 1):
        if 0 <= other < len(head) and is_date_only(head[other].text) and (date := parse_page_date(head[other].text)):
            return replace(citation, year=parse_year(date), date=date)
    return citation


def _article_type_dated(citation: Citation) -> bool:
    """"Research Article: Community Section | October 19 2021": an article-type line with its date, no citation."""
    if not citation.journal or citation.volume or citation.issue or citation.pages:
        return False
    return is_article_type(re.split(r"\s*[:|·•]\s*", citation.journal.strip(" |"))[0])


def _cites_several_works(found: list[tuple[int, Citation]]) -> bool:
    """Citation lines of different journals, or of one journal that disagree (a list of results); two
    lines of the same issue, one stating more than the other, cite one work."""
    cited = [citation for _, citation in found if citation.journal]
    if len({citation.journal.casefold() for citation in cited if citation.journal}) > 1:
        return True
    return any(filled_from(first, second) is None for first, second in zip(cited, cited[1:]))


def _cites_this_title(text: str, title: str | None) -> bool:
    """Whether a line, longer than the title, holds the whole title: a reference to this article."""
    if not title or len(title) < 15 or len(text) <= len(title) + 10:
        return False
    return find_title_in(text, title) is not None


def find_title_in(text: str, title: str) -> re.Match[str] | None:
    """Where ``title`` stands in ``text`` (already flattened to single spaces), however the two space
    their punctuation ("publique : la" / "publique: la") or write apostrophes and case."""
    pattern = []
    for char in " ".join(title.split()).rstrip("."):
        if char == " ":
            pattern.append(r"\s+")
        elif char in ":;,!?":
            pattern.append(r"\s*" + re.escape(char))
        elif char in "'’":
            pattern.append("['’]")
        else:
            pattern.append(re.escape(char))
    return re.search("".join(pattern), " ".join(text.split()), re.IGNORECASE)


def filled_from(own: Citation, other: Citation) -> Citation | None:
    """``own`` with its empty parts taken from ``other``, a second line citing the same issue ("Vol. 33
    (2020) No. 4" and "2020, 33(4), p. 112-120"); None when the two disagree on anything both state."""
    pairs = ((own.year, other.year), (own.volume, other.volume), (own.issue, other.issue),
             (_first_page(own.pages), _first_page(other.pages)))
    if any(mine is not None and theirs is not None and str(mine) != str(theirs) for mine, theirs in pairs):
        return None
    return Citation(own.journal or other.journal, own.year or other.year, own.date or other.date,
                    own.volume or other.volume, own.issue or other.issue, own.pages or other.pages)


def _first_page(pages: str | None) -> str | None:
    """The first page of a range: "3318-3324" and the shortened "3318-24" cite the same pages."""
    return re.split(r"\s*[-–—]\s*", pages, maxsplit=1)[0] if pages else None


#: A line that only numbers the issue, in the languages of journal pages: "Vol. 52. Núm. 4.", "Volume 12,
#: Issue 3", "Jg. 45, Heft 2", "Tome 12, n° 4", "Vol 9 Nr 1".
_VOLUME_ISSUE_LINE = re.compile(
    r"^\s*(?:volume|vol|volumen|volume|tomo|tome|band|bd|jaargang|jg|årgång|årg|rocznik|ročník|cilt|annata)\.?\s*"
    r"(?P<volume>\d{1,4}[A-Za-z]?)\s*[.,;:·•|]?\s*"
    r"(?:(?:issue|iss|number|no|núm|num|número|numéro|numero|nr|n\.?\s?º|nº|n°|heft|fasc|fascículo|fascicolo|"
    r"afl|aflevering|sayı|zeszyt|číslo|suppl|n)\.?\s*(?P<issue>\d{1,4}(?:\s*[-/]\s*\d{1,4})?))?\s*\.?\s*$",
    re.IGNORECASE)


def _volume_issue_above(head: list[Line], index: int) -> tuple[int, str, str | None] | None:
    """The issue numbers on the line just above a citation line that names no journal or volume
    ("Vol. 52. Núm. 4." over "Páginas 233-240 (octubre 2021)"): the line's index, its volume and issue."""
    if index < 1 or not (match := _VOLUME_ISSUE_LINE.match(head[index - 1].text)):
        return None
    issue = re.sub(r"\s+", "", match.group("issue")) if match.group("issue") else None
    return index - 1, match.group("volume"), issue


def _journal_above(head: list[Line], index: int, title_index: int) -> str | None:
    """PubMed and publishers put the journal on its own line just above "2020 Sep;14(3):122-130"."""
    above = index - 1
    if above < 0:
        return None
    text = head[above].text.strip().rstrip(".")
    if not text or is_prose(text) or len(text.split()) > 10 or is_chrome_line(text) or label_of(text) \
            or is_article_type(text) or DOI_IN_TEXT.search(text) or labelled_dates(text) or above == title_index:
        return None
    return text if re.search(r"[^\W\d_]{2}", text) else None


def _crumbed_journal(above_title: list[Line]) -> str | None:
    """The journal a breadcrumb trail names ("Home  Journal of X  Article"), when it names one work only."""
    for line in above_title:
        rest = breadcrumb_rest(line.text)
        if rest and "," not in rest and not re.search(r"\d", rest) and is_journal_like(rest, None):
            return rest
        crumbs = rest.split(", ") if rest else []
        if 1 < len(crumbs) <= 3 and all(re.search(r"\d", crumb) for crumb in crumbs[1:]) \
                and not re.search(r"\d", crumbs[0]) and is_journal_like(crumbs[0], None):
            return crumbs[0]  # "Home » Journal of X » Volume 15": the journal, then its volume or issue
    return None


def find_doi(page: Page, head: list[Line]) -> None:
    """The DOI of the head; else the one in the page's own "Cite this article" block."""
    for line in head:
        if page.title and line is page.title:
            continue
        match = DOI_IN_TEXT.search(line.text)
        if match:
            page.doi = normalize_doi(match.group(1))
            return
    lines = page.lines
    for index, line in enumerate(lines):
        label = label_of(line.text)
        if label and label[0] == "doi" and (doi := normalize_doi(label[2] or value_below(lines, index) or "")):
            page.doi = doi
            return
    for index, line in enumerate(lines):
        if SELF_CITATION.match(line.text):
            for follower in lines[index + 1:index + 4]:
                if (match := DOI_IN_TEXT.search(follower.text)):
                    page.doi = normalize_doi(match.group(1))
                    return
    details = {doi for line in lines if (row := _DOI_ROW.match(line.text)) and (doi := normalize_doi(row.group(1)))}
    if len(details) == 1:
        page.doi = details.pop()  # "DOI 10.1234/x" alone on a line of a details block, the page's only such row


#: A details row holding only a DOI and its label, with or without a colon.
_DOI_ROW = re.compile(r"^\s*doi\s*[:：]?\s*(?:https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/\S+)\s*$", re.IGNORECASE)


def find_dates(page: Page, head: list[Line]) -> None:
    """Labelled dates of the head; lines that are only a labelled date anywhere else on the page, or a
    date label alone with its date on the next line ("Published" / "2021-03-15")."""
    for line in head:
        page.dates.extend(labelled_dates(line.text))
    lines = page.lines
    for index, line in enumerate(lines[:-1]):
        kind = date_kind(line.text.rstrip(":： "))
        below = lines[index + 1].text
        if kind and is_date_only(below) and (date := parse_page_date(below)):
            page.dates.append((kind, date))
    if not any(kind in {"published", "posted", "online", "epub"} for kind, _ in page.dates):
        for line in page.lines[len(head):]:
            if len(line.text) <= 60 and not page.lines.index(line) < len(head):
                page.dates.extend(labelled_dates(line.text))


def publication_date(page: Page) -> str | None:
    """The issue date of the citation line; a labelled publication date where the citation gives
    only a year (never a received or accepted date)."""
    cited = page.citation.date if page.citation else None
    for wanted in ("published", "posted", "online", "epub"):
        for kind, date in page.dates:
            if kind != wanted:
                continue
            if cited is None or (len(cited) == 4 and date.startswith(cited)):
                return date
    written = next((date for kind, date in page.dates if kind == "written"), None)
    return cited or written  # a working paper dated only when written: that is its date


def find_status(page: Page, head: list[Line]) -> None:
    """Preprint status and peer review, only from statements about this article."""
    notices = [line.text for line in head]
    if page.abstracts:
        notices.append(page.abstracts[0].lines[0].text)
    if any(NOT_PEER_REVIEWED.search(text) for text in notices):
        page.peer_reviewed = False
    elif any(PEER_REVIEWED_ARTICLE.search(text) for text in notices):
        page.peer_reviewed = True
    page.preprint = any(_PREPRINT_STATEMENT.search(text) or _PREPRINT_LABEL.match(text) for text in notices)


#: How many lines on either side of the title an article-type label of a notice may stand.
_NOTICE_REACH = 3


def find_notice(page: Page, head: list[Line]) -> None:
    """A correction, retraction or reviewer list announces itself by its article-type label or the
    opening of its title, next to the title; such a page reports no study (its record is held)."""
    if page.title is None:
        return
    at = page.lines.index(page.title)
    near = [line.text for line in head[max(0, at - _NOTICE_REACH):at + _NOTICE_REACH + 1]]
    page.notice = next((kind for text in [page.title_text or "", *near] if (kind := notice_kind(text))), None)


def find_server(page: Page) -> None:
    """A preprint or working paper names no journal: its container is the server that posted it, named
    with the date under the byline ("OSF Preprints, 3 Mar 2021") or, failing that, the site whose name
    heads the page -- unless that site is a database showing other publishers' works ("Europe PMC")."""
    if page.journal or (page.citation and page.citation.journal):
        return
    if (source := _source_and_date(page)) is not None:
        name, date = source
        page.journal = name
        if not any(kind in {"published", "posted", "online", "epub"} for kind, _ in page.dates):
            page.dates.append(("posted" if page.preprint else "published", date))
        return
    if not page.site or is_aggregator_name(page.site):
        return
    posted = any(kind == "posted" for kind, _ in page.dates)
    if page.preprint or posted:
        page.journal = page.site


#: "OSF Preprints, 3 Mar 2021": a source's name (no digits) and a date, as databases print where a work
#: was posted or published under its byline.
_SOURCE_AND_DATE = re.compile(r"^(?P<name>[^\W\d_][^,;:|\d]{1,80}?)\s*,\s*(?P<date>[^,]{4,30})$")
#: How many lines under the byline (or title) such a source line may stand.
_SOURCE_REACH = 3


def _source_and_date(page: Page) -> tuple[str, str] | None:
    """The source named with its date just under the byline, if the name is no database's and no label."""
    if page.title is None:
        return None
    start = page.authors_at if page.authors_at is not None else page.lines.index(page.title)
    for line in page.lines[start + 1:start + 1 + _SOURCE_REACH]:
        match = _SOURCE_AND_DATE.match(line.text)
        if not match or not is_date_only(match.group("date")) or label_of(line.text) or is_chrome_line(line.text):
            continue
        name, date = clean_text(match.group("name")), parse_page_date(match.group("date"))
        if name and date and len(name.split()) <= 8 and not is_aggregator_name(name):
            return name, date
    return None
