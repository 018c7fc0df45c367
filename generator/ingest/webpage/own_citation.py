"""Filling gaps from the page's own reference to the article and from its issue box.

Pages often give the volume, issue or pages only in a "How to cite" block, a repository's reference
line, or an "issue" side box. These cite this very article (they hold its title, or sit beside it),
so what they add is taken, but never when it contradicts what the head already said.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..clean import is_abstract_heading
from .authors import parse_author_line
from .citation import Citation, looks_like_citation_list_item, parse_citation
from .common import Line
from .dates import parse_page_date
from .fields import filled_from, find_title_in, publication_date
from .linekinds import SELF_CITATION_INLINE, first_stop, is_date_only, is_journal_like, is_title_like, label_of
from .page import Page
from .vocabulary import SELF_CITATION, is_article_type, is_chrome_line, is_stop_heading


def find_own_citation(page: Page) -> None:
    """Fill what the head left out from the page's "How to cite" / "Cite this article" block: it cites
    this very article (it contains the title), so the journal, volume, issue and pages after the title
    are this article's. Nothing is taken when the block contradicts the head."""
    if page.title_text is None:
        return
    texts = _own_citation_texts(page.lines) + _reference_lines_below_title(page)
    for text in texts:
        _take_authors_and_year(page, text, page.title_text)
    titles = [page.title_text] + ([page.title_translation[1]] if page.title_translation else []) \
        + _neighbouring_titles(page)
    for text in texts:
        for title in titles:  # a bilingual page cites the article under its original-language title
            cited = _citation_after_title(text, title)
            if cited is not None:
                _merge_citation(page, cited)
                return


def _neighbouring_titles(page: Page) -> list[str]:
    """The lines just above and below the title when they read as a title too: a bilingual page prints the
    article's title in both languages, and its own reference may cite either."""
    assert page.title is not None
    at = page.lines.index(page.title)
    near = [page.lines[i].text for i in (at - 1, at + 1) if 0 <= i < len(page.lines)]
    return [text for text in near if len(text.split()) >= 4 and is_title_like(text)]


def _reference_lines_below_title(page: Page) -> list[str]:
    """Repository records print a reference to the item just below its title ("Doe, Ann and Roe, Bo
    (2019) Title. Journal, 14 (3). pp. 1-9."): a line of the next few that holds the whole title."""
    assert page.title is not None
    start = page.lines.index(page.title) + 1
    return [line.text for line in page.lines[start:start + 3]
            if len(line.text) > len(page.title_text or "") + 10 and line is not page.title]


def _take_authors_and_year(page: Page, text: str, title: str) -> None:
    """Authors and year from the part of a reference to this article before its title, for pages whose
    head states neither (an APA or repository citation: "Doe, A., & Roe, B. (2021, October 19). Title")."""
    flat = " ".join(text.split())
    found = find_title_in(flat, title)
    if found is None or found.start() <= 0:
        return
    before = flat[:found.start()]
    year = re.search(r"\(\s*((?:19|20)\d\d)\b[^)]*\)\s*[.:]?\s*$", before)
    if year is None:
        return
    if not (page.authors and page.authors.names):
        names = parse_author_line(before[:year.start()].strip(" .,"))
        if names and names.names and all("," in name for name in names.names):
            page.authors = names
    if publication_date(page) is None:
        page.dates.append(("published", year.group(1)))


def _own_citation_texts(lines: list[Line]) -> list[str]:
    """Texts of the page's self-citation blocks: inline after the label, or the lines just below it."""
    texts: list[str] = []
    for index, line in enumerate(lines):
        inline = SELF_CITATION_INLINE.match(line.text)
        if inline:
            texts.append(inline.group(1))
        elif SELF_CITATION.match(line.text):
            texts.extend(follower.text for follower in lines[index + 1:index + 3])
    return texts


def _citation_after_title(text: str, title: str) -> Citation | None:
    """The citation that follows the title inside a reference to this article, or None."""
    flat = " ".join(text.split())
    found = find_title_in(flat, title)
    main_title = re.split(r"\s*[:：]\s+", title, maxsplit=1)[0]
    if found is None and main_title != title and len(main_title.split()) >= 4:
        found = find_title_in(flat, main_title)  # references often cite the title without its subtitle
        title = main_title
    if found is None or len(title) < 15:
        return None
    before, after = flat[:found.start()], flat[found.end():].lstrip(" .")
    cited = parse_citation(after, lenient=True)
    if cited is None and (year := re.search(r"\b((?:19|20)\d\d)\b", before)):
        cited = parse_citation(f"{after} ({year.group(1)})", lenient=True)
    return cited if cited and cited.journal else None


def _merge_citation(page: Page, cited: Citation) -> None:
    """Fill the empty parts of the page's citation from ``cited`` unless the two disagree."""
    own = page.citation
    if own is None:
        page.citation = cited
        page.journal = page.journal or cited.journal
        return
    merged = filled_from(own, cited)
    if merged is None:
        return
    page.citation = merged
    page.journal = page.journal or merged.journal


_ISSUE_BOX_VOLUME = re.compile(r"^\s*(?:volume|vol\.?)\s*\d+[A-Za-z]?\s*"
                               r"(?:[,;·•|]?\s*(?:issue|iss\.?|no\.?|number)\s*\d+[A-Za-z]?(?:[-/]\d+)?)?\s*(?:[,;·•|]?\s*(?:pages?|pp?\.)\s*[:：]?\s*[A-Za-z]{0,2}\d+"
                               r"[A-Za-z]?(?:\s*[-–—]\s*[A-Za-z]{0,2}\d+)?)?\s*$", re.IGNORECASE)


_ISSUE_BOX_PAGES = re.compile(r"^\s*(?:(?:pages?|pp?\.)\s*[:：]?\s*[A-Za-z]{0,2}\d+[A-Za-z]?"
                              r"(?:\s*[-–—]\s*[A-Za-z]{0,2}\d+)?|e\d{3,8})\s*$", re.IGNORECASE)  # or an e-locator alone


def find_issue_box(page: Page, title_index: int) -> None:
    """An "issue" side box, wherever the page puts it: "Volume 63, Issue 11" on its own line, with the
    issue date and "Pages 1873-1886" on the lines just below. Taken only when the head cites no volume;
    the journal is then the masthead line above the title."""
    if page.citation and page.citation.volume and page.citation.issue:
        return
    lines = page.lines
    for index, line in enumerate(lines):
        if not _ISSUE_BOX_VOLUME.match(line.text):
            continue
        volume = page.citation.volume if page.citation else None
        if volume and not re.search(rf"\b{re.escape(volume)}\b", line.text):
            continue  # "VOL. 291 NO. 6" under "Br Rev Med 2021;291:544-553" adds the issue; another volume no
        box = ", ".join(below.text for below in lines[index + 1:index + 4]
                       if _ISSUE_BOX_PAGES.match(below.text)
                       or is_date_only(below.text) and re.search(r"\d", below.text))  # not "Figures"
        found = parse_citation(f"{line.text}, {box}", lenient=True)
        if found is None and (date := publication_date(page) or _date_by_title(page, title_index)):
            # "Vol. 14, Iss. 3" under the journal, undated
            found = parse_citation(f"{line.text}, {box} ({date[:4]})", lenient=True)
        if found is None or not found.volume:
            continue
        if not found.pages and (fuller := _same_box_with_pages(lines[index + 1:], found)) is not None:
            found = fuller  # "Volume 5, Issue 3" over the title; the issue box further down adds "e2409"
        journal = page.journal or (page.citation.journal if page.citation else None) \
            or _masthead_journal(page, title_index) or _name_above(page, index)
        merged = filled_from(found, page.citation) if page.citation else found
        if merged is None:
            return
        page.citation = replace(merged, journal=journal)
        page.journal = page.journal or journal
        return


def _same_box_with_pages(lines: list[Line], first: Citation) -> Citation | None:
    """A later issue line of the same volume and issue whose box gives the pages or e-locator."""
    for index, line in enumerate(lines):
        if not _ISSUE_BOX_VOLUME.match(line.text):
            continue
        box = ", ".join(below.text for below in lines[index + 1:index + 4]
                        if _ISSUE_BOX_PAGES.match(below.text)
                        or is_date_only(below.text) and re.search(r"\d", below.text))
        found = parse_citation(f"{line.text}, {box}", lenient=True)
        if found is not None and found.pages and found.volume == first.volume and found.issue == first.issue:
            return found if first.year is None or found.year == first.year else None
    return None


def find_missing_pages(page: Page, title_index: int) -> None:
    """Pages (or an e-locator) the head's citation leaves out, from a bare citation line lower down
    ("J Abbrev 2023;25:e44871" under the abstract) that agrees on year and volume. Reference lists
    and related-article panels (after a stop heading) are not read."""
    own = page.citation
    if own is None or own.pages or not own.volume or not own.year:
        return
    for line in page.lines[title_index + 1:first_stop(page.lines, title_index + 1)]:
        if len(line.text) > 120 or looks_like_citation_list_item(line.text):
            continue
        other = parse_citation(line.text)
        if other and other.pages and other.volume == own.volume and other.year == own.year \
                and (merged := filled_from(own, other)) is not None:
            page.citation = merged
            page.journal = page.journal or merged.journal
            return


def _date_by_title(page: Page, title_index: int) -> str | None:
    """A date standing alone on a line just above or below the title ("12 February 2024"): the date
    publishers print over an article's title."""
    for index in range(max(0, title_index - 3), min(len(page.lines), title_index + 4)):
        text = page.lines[index].text
        if index != title_index and is_date_only(text) and (date := parse_page_date(text)):
            return date
    return None


def _masthead_journal(page: Page, title_index: int) -> str | None:
    """The journal's name standing alone a few lines above the title, as publishers print it; a name right
    over the issue's volume line first, since a section label ("SYSTEMATIC REVIEW") may stand nearer."""
    for index in range(title_index - 1, max(0, title_index - 6), -1):
        if _VOLUME_OPENING.match(page.lines[index].text) and _is_masthead_name(page.lines[index - 1].text.strip()):
            return page.lines[index - 1].text.strip()
    for index in range(title_index - 1, max(-1, title_index - 6), -1):
        text = page.lines[index].text.strip()
        if text != page.site and re.search(r"\b(journal|review|revue|revista|zeitschrift|annals|bulletin|"
                                           r"quarterly|proceedings)\b", text, re.IGNORECASE) \
                and is_journal_like(text, None) and not is_chrome_line(text) and not is_article_type(text):
            return text
    return None


_VOLUME_OPENING = re.compile(r"^\s*(?:volume|vol\.?)\s*\d", re.IGNORECASE)


def _name_above(page: Page, index: int) -> str | None:
    """The line just over an issue box when it is a name in title case ("Frailty Care and Policy" over
    "Vol. 14, Iss. 3"): the journal the box belongs to."""
    above = index - 1
    while above >= 0 and index - above <= 3 and is_chrome_line(page.lines[above].text):
        above -= 1  # "Ageing, Work & Society" / "List of Issues" / "Volume 29, Issue 6": a menu entry between
    if above < 0:
        return None
    text = page.lines[above].text.strip()
    words = text.split()
    if not 1 <= len(words) <= 10 or text == page.site or re.search(r"[\d:;.!?|]", text) or is_chrome_line(text) \
            or is_article_type(text) or label_of(text) or is_abstract_heading(text) or is_stop_heading(text):
        return None
    capitalised = [word for word in words if word[:1].isupper()]
    return text if words[0][:1].isupper() and len(capitalised) >= len(words) / 2 else None


#: How many lines above the title may name the journal (masthead, breadcrumb trail).
_MASTHEAD_REACH = 30


def find_named_citation(page: Page, title_index: int) -> None:
    """A citation line below the title ("Journal Name, Volume 31, 2022, e58" in an "Information" panel)
    when the head cites no volume: it is this article's when its journal is the one the page names
    above the title (masthead or breadcrumb). Reference lists and related articles are not read."""
    if page.citation and page.citation.volume:
        return
    above = {_crumb_text(line.text) for line in page.lines[max(0, title_index - _MASTHEAD_REACH):title_index]}
    above |= {_crumb_text(page.journal)} if page.journal else set()  # a labelled "Journal" field
    start = title_index + 1
    if page.abstracts and page.abstracts[-1].lines:
        last = page.abstracts[-1].lines[-1].number  # tabs over the abstract end nothing
        start = max(start, next((i for i, line in enumerate(page.lines) if line.number > last), len(page.lines)))
    for line in page.lines[start:first_stop(page.lines, start)]:
        if len(line.text) > 160 or looks_like_citation_list_item(line.text):
            continue
        found = parse_citation(line.text)
        if found is None or not found.journal or not found.volume or found.journal.casefold() not in above:
            continue
        merged = filled_from(found, page.citation) if page.citation else found
        if merged is not None:
            page.citation = merged
            page.journal = page.journal or merged.journal
        return


def _crumb_text(text: str) -> str:
    """A line above the title as a journal name would stand in it: without crumb marks, case-folded."""
    return " ".join(text.strip(" >›»/|").split()).casefold()


def find_journal_issue_line(page: Page) -> None:
    """Volume, issue and pages the head leaves out, from a line anywhere on the page that opens with the
    page's own journal ("Journal of X, Volume 41, Issue 6, Pages 215–223"): a details panel that names
    the same journal cites this article, never another one."""
    own = page.citation
    journal = page.journal or (own.journal if own else None)
    if own is None or not journal or own.volume and own.pages:
        return
    opening = re.compile(rf"^\W*{re.escape(journal)}\s*[,.:;]\s*(?=\S)", re.IGNORECASE)
    for line in page.lines:
        if line is page.title or not opening.match(line.text) or len(line.text) > 160:
            continue
        dated = line.text if re.search(r"\b(?:1[89]|20)\d\d\b", line.text) or not own.year \
            else f"{line.text} ({own.year})"
        found = parse_citation(dated, lenient=True)
        if found is None or not (found.volume or found.pages):
            continue
        merged = filled_from(own, found)
        if merged is not None:
            page.citation = merged
            return


# --------------------------------------------------------------------------- the journal's masthead
#: Words journal titles are made of: the kind of periodical ("Journal", "Tijdschrift", "Gaceta") or the field
#: of the health and social sciences it covers ("Medicine", "Public Health", "Nursing Practice").
_JOURNAL_TITLE_WORD = re.compile(
    r"\b(journal|tijdschrift|zeitschrift|revista|rivista|revue|gaceta|gazette|annals|annales|anales|archives?|"
    r"archivos|bulletin|boletín|reviews?|reports?|quarterly|proceedings|acta|medicine|medical|medicina|médecine|"
    r"medizin|health|salud|saúde|santé|gesundheit|gezondheid|sanità|zorg\w*|nursing|enfermería|pflege|"
    r"verpleeg\w*|care|practice|research|science|sciences|ciencias|epidemiology|pediatrics|paediatrics|"
    r"psychiatry|psychology|sociology|policy|therapy|pharmacy|pharmacology|rehabilitation|midwifery|dentistry|"
    r"surgery|oncology|cardiology|gerontology|geriatrics)\b", re.IGNORECASE)
#: Words of a publisher, an institution, a database or a menu entry that names the journal ("About the
#: journal", "Journal information"): never the journal's own name.
_NOT_MASTHEAD_WORD = re.compile(
    r"\b(press|publish\w*|publishers?|group|ltd|inc|gmbh|llc|library|universit\w+|database|repository|server|"
    r"logo|institute|ministry|department|agency|foundation|trust|council|government|office|about|information|"
    r"menu|submit|authors?|this|home|current|archives? of issues|issues?|subscribe|editorial|policies|guidelines|"
    r"instructions|contact|alerts|topics|news|events|jobs|browse|search|latest|special)\b", re.IGNORECASE)
#: How far from the top of the page a masthead stands.
_MASTHEAD_TOP = 12


def find_masthead_journal(page: Page, title_index: int) -> None:
    """The journal named only by the banner at the top of its own article page ("Juniper Medicine" over
    the menu, then "VOLUME 7, ISSUE 2"): taken when the page cites an issue but names no journal, from the
    first name-shaped line of the page head made of journal-title words and of no publisher or menu word."""
    citation = page.citation
    if page.journal or page.preprint or citation is None or citation.journal \
            or not (citation.volume or citation.issue or citation.pages):
        return
    for line in page.lines[:min(title_index, _MASTHEAD_TOP)]:
        text = line.text.strip()
        if _is_masthead_name(text):
            page.journal = text
            page.citation = replace(citation, journal=text)
            return


def _is_masthead_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 8 or len(text) > 90 or re.search(r"[\d.:;!?|,/()]", text) or is_chrome_line(text):
        return False
    if not words[0][:1].isupper() or sum(1 for word in words if word[:1].isupper()) < len(words) / 2:
        return False
    if is_article_type(text) or label_of(text) or is_abstract_heading(text) or is_stop_heading(text):
        return False
    return bool(_JOURNAL_TITLE_WORD.search(text)) and not _NOT_MASTHEAD_WORD.search(text)
