"""Finding the title and the author line at the head of a copied page.

The title is anchored by its neighbours (the author line below it); where nothing anchors it, the
first title-like line of the head outside a menu is taken. Titles lose a browser or site suffix,
a catalogue's responsibility statement and a version note; a title printed in two languages keeps
the original and sets the translation aside.
"""

from __future__ import annotations

import re

from ..clean import cjk_share
from ..normalize import normalize_title
from .authors import AuthorLine, is_name_with_degrees, parse_author_line, single_inverted_name
from .blocks import (
    is_affiliation_line,
    name_of_entry,
    name_per_line_block,
    names_below,
    reading_name_blocks,
    site_name,
)
from .citation import is_bibliographic_separator_line, parse_citation
from .common import Line
from .dates import labelled_dates
from .linekinds import YEAR_ALONE, is_date_only, is_journal_like, is_prose, is_title_like, label_of, script_of
from .page import Page
from .vocabulary import (
    SITE_WORDS,
    breadcrumb_rest,
    is_article_type,
    is_chrome_line,
    is_menu_run,
    is_stop_heading,
    notice_kind,
)

_BROWSER_SUFFIX = re.compile(r"^(?P<title>.{15,}?)\s+(?P<sep>[|\-–—])\s+(?P<site>[^|\-–—]{2,80})$")


_RESPONSIBILITY = re.compile(r"\s+/\s+[^/]{2,200}$")


# The version and review status open-review platforms print after a title ("[version 1; peer review: 3 approved]").
_VERSION_NOTE = re.compile(r"\s*\[\s*version\s+\d+\s*(?:[;,(][^\]]*)?\]\s*$", re.IGNORECASE)


def find_title_and_authors(page: Page, head_end: int) -> None:
    """The title is the title-like line just above the author line; without one, the first title-like
    line of the head. A labelled title wins over both. The site's own name is never the title."""
    lines = page.lines
    head = lines[:head_end] if head_end else lines
    page.site = _own_site_name(lines)
    labelled_title = next((value for index, line in enumerate(head) if (lab := label_of(line.text))
                           and lab[0] == "title" and (value := lab[2] or value_below(lines, index))), None)
    labelled_title = labelled_title or _title_labelled_below(lines, head)
    authors_at, authors = _author_lines(lines, head_end, page.site)
    title_index: int | None = None
    title_text: str | None = labelled_title
    if labelled_title:
        title_index = next(i for i, line in enumerate(lines) if labelled_title in line.text)
    elif authors_at is not None:
        title_index = _title_above(lines, authors_at, page.site)
    if title_index is None:
        title_index = _first_title_line(lines, head, page.site)
        if title_index is not None and authors_at is not None and authors_at < title_index:
            authors = None
    if title_index is None:
        return
    paired = _pair_translation(page, title_index)
    if paired != title_index:
        title_index, title_text = paired, labelled_title  # the original comes first; its translation is kept apart
    elif not labelled_title:
        title_index, title_text = _with_subtitle(lines, title_index, page.site)
    page.title = lines[title_index]
    page.title_text = clean_title(title_text or lines[title_index].text)
    if labelled_title and page.title_translation and page.title_translation[1] == page.title_text:
        original = lines[title_index].text  # the label named the translation; the other line is the original
        page.title_translation = (script_of(original), clean_title(original) or original)
    if authors is not None and authors_at is not None and authors_at > title_index:
        page.authors, page.authors_at = authors, authors_at
        if _TRUNCATED_AUTHORS.search(lines[authors_at].text) and (full := _labelled_authors(lines)) is not None \
                and len(full.names) > len(authors.names):
            page.authors = full  # "Ana Roy, +2 authors Bo Lind": the full list the page labels further down
    elif (labelled := _labelled_authors(lines)) is not None:
        page.authors = labelled  # catalogues and databases list authors as a field, below the abstract too
    elif (single := _sole_author_below(lines, title_index)) is not None:
        page.authors, page.authors_at = single


def _first_title_line(lines: list[Line], head: list[Line], site: str | None) -> int | None:
    """The first title-like line of the head outside a navigation menu; a menu entry only when the
    line after the menu is a sentence (a page heading repeated in its own menu, over prose)."""
    candidates = [i for i, line in enumerate(head) if _is_title_candidate(line.text, site)
                  and parse_author_line(line.text) is None and not _over_issue_line(lines, i)]
    outside = [i for i in candidates if not _in_menu(lines, i)]
    typed = [i for i in outside if i > 0 and _is_type_label(lines[i - 1].text)]
    if typed and outside and typed[0] != outside[0] and len(lines[outside[0]].text.split()) <= 5:
        return typed[0]  # a short heading above "Book Review" / "Original Article" over the title is the site's
    if outside and (outside[0] == candidates[0] or not _is_sentence(lines[outside[0]].text)):
        return outside[0]
    return candidates[0] if candidates else None


#: "Volume 17, Issue 6, ..." / "Vol. 7 No. 2": the issue line publishers print under the journal's name.
_ISSUE_LINE = re.compile(r"^\s*(?:volume|vol\.?)\s*\d+\s*[,;(]?\s*(?:issue|iss\.?|no\.?|number|nr\.?)\s*\d",
                         re.IGNORECASE)


def _over_issue_line(lines: list[Line], index: int) -> bool:
    """A name right over a "Volume N, Issue N" line is the journal's masthead, never the article's title
    (found when a single author line gives no title to look above)."""
    return index + 1 < len(lines) and bool(_ISSUE_LINE.match(lines[index + 1].text))


def _is_type_label(text: str) -> bool:
    """An article-type label alone on its line ("Research Article", "Book Review", "Obituary")."""
    return len(text.split()) <= 4 and (is_article_type(text) or notice_kind(text) is not None)


def _is_sentence(text: str) -> bool:
    return len(text.split()) >= 12 and text.rstrip().endswith(".")


def _is_menu_entry(text: str) -> bool:
    words = text.split()
    return is_chrome_line(text) or len(words) <= 4 and not re.search(r"[\d.!?:;]", text)


def _in_menu(lines: list[Line], index: int) -> bool:
    """A short line among at least three other short entries and buttons around it ("Home" / "Health and
    social care" / "Workforce"): a navigation menu or breadcrumb trail, not a title."""
    if len(lines[index].text.split()) > 5:
        return False
    run = 0
    for step in (-1, 1):
        other = index + step
        while 0 <= other < len(lines) and abs(other - index) <= 6 and _is_menu_entry(lines[other].text):
            run, other = run + 1, other + step
    return run >= 3


def _title_labelled_below(lines: list[Line], head: list[Line]) -> str | None:
    """A "Title" field of a details table below the abstract whose value is also a line of the head:
    databases print the title on top and again among the record's fields, and the field confirms it."""
    head_texts = {" ".join(line.text.split()).casefold() for line in head}
    for index in range(len(head), len(lines)):
        label = label_of(lines[index].text)
        if not label or label[0] != "title":
            continue
        value = label[2] or value_below(lines, index)
        if value and " ".join(value.split()).casefold() in head_texts:
            return value
    return None


def _sole_author_below(lines: list[Line], title_index: int) -> tuple[AuthorLine, int] | None:
    """One name on its own line just under the title (buttons aside), followed by the work's year or
    citation line: a single author, as repositories and aggregators list one."""
    index = title_index + 1
    while index < len(lines) and index - title_index <= 3 and is_chrome_line(lines[index].text):
        index += 1
    if index + 1 >= len(lines):
        return None
    parsed = parse_author_line(lines[index].text)
    following = lines[index + 1].text
    if parsed is None or len(parsed.names) != 1:
        return None
    if parse_citation(following, lenient=True) or is_date_only(following) or labelled_dates(following) \
            or _DOI_ALONE.match(following):
        return parsed, index
    return None


#: A DOI alone on its line, labelled or as a link: the article's identifier right under its byline.
_DOI_ALONE = re.compile(r"^\s*(?:doi\s*[:：]?\s*|https?://(?:dx\.)?doi\.org/)10\.\d{4,9}/\S+\s*$", re.IGNORECASE)


def _own_site_name(lines: list[Line]) -> str | None:
    """The site's name at the top of the page, unless an author line follows it (then it is a title)."""
    name = site_name(lines)
    if name is None:
        return None
    index = next(i for i, line in enumerate(lines) if line.text == name)
    following = lines[index + 1].text if index + 1 < len(lines) else ""
    parsed = parse_author_line(following)
    return None if parsed and len(parsed.names) >= 2 else name


def _is_title_candidate(text: str, site: str | None) -> bool:
    return is_title_like(text) and not is_journal_like(text, site) and not is_menu_run(text) \
        and breadcrumb_rest(text) is None and not is_affiliation_line(text)  # a trail, however long; an address


def value_below(lines: list[Line], index: int) -> str | None:
    """The value of a label that stands alone on its line: the next line, unless it is a label or chrome."""
    if index + 1 >= len(lines):
        return None
    text = lines[index + 1].text
    if label_of(text) or is_chrome_line(text) or is_stop_heading(text) or labelled_dates(text):
        return None  # "Published In" over "Article first published online: November 14, 2019" has no value
    return text


def _author_lines(lines: list[Line], head_end: int, site: str | None) -> tuple[int | None, AuthorLine | None]:
    """The first author line of the head: labelled, a line of names, or names one per line."""
    limit = head_end if head_end else len(lines)
    for index, line in enumerate(lines[:limit]):
        label = label_of(line.text)
        if label and label[0] == "authors":
            found = _labelled_author_value(lines, index, label[2])
            if found is not None:
                return index, found
            continue
        if (bare := _BARE_AUTHOR_LABEL.match(line.text)) and (named := parse_author_line(bare.group(1))) \
                and named.names:
            return index, named  # "Authors Ó Murchadha D, Kovačić T": a label without its colon
        if label or is_chrome_line(line.text) or is_journal_like(line.text, site) or _after_role_label(lines, index):
            continue
        if is_name_with_degrees(line.text) and (headed := _degree_headed_names(lines[index:limit])) is not None:
            return index, headed
        if (read := reading_name_blocks(lines, index)) is not None:
            return index, read
        parsed = parse_author_line(line.text)
        if parsed and len(parsed.names) >= 2:
            return index, parsed
        if parsed and (block := name_per_line_block(lines, index)) is not None:
            return index, block
    return None, None


#: People named on a record who did not write the work: a thesis's advisor and committee, an article's
#: editors and reviewers ("Committee chair" over "Lee, Ann; Roy, Bo", "Academic Editor: Ann Lee"), the role
#: perhaps with a short clause saying what they did ("Reviewers who read this version: ...").
_NON_AUTHOR_ROLE = re.compile(
    r"^\s*(?:(?:thesis|dissertation|research|academic|handling|associate|section|guest)\s+)?"
    r"(?:advis[oe]rs?|supervisors?|co-?supervisors?|committee(?:\s+(?:members?|chair))?|examiners?|"
    r"editors?|reviewers?|referees?|translators?|directors? of (?:thesis|dissertation)|readers?)"
    r"(?:\s+(?:who|that)(?:\s+[\w-]+){1,5})?\s*(?:[:：]\s*.*)?$", re.IGNORECASE)


def _after_role_label(lines: list[Line], index: int) -> bool:
    """The line names an advisor, committee member, editor or reviewer: itself labelled so, or under
    such a label standing alone."""
    return bool(_NON_AUTHOR_ROLE.match(lines[index].text)
                or index > 0 and _NON_AUTHOR_ROLE.match(lines[index - 1].text)
                and not re.search(r"[:：]\s*\S", lines[index - 1].text))


#: An author line a page shortened ("+1 author", "… 3 more", "et al.").
_TRUNCATED_AUTHORS = re.compile(r"\+\s*\d+\s+(?:more|authors?)\b|\d+\s+more\b|\bet al\b|…", re.IGNORECASE)
#: An author label run into the names with a space only ("Authors Ana Roy, Bo Lind").
_BARE_AUTHOR_LABEL = re.compile(
    r"^\s*(?:authors?|autor(?:en|es)?|auteurs?|autori|penulis|författare)\s+(\S.*)$", re.IGNORECASE)


def _degree_headed_names(lines: list[Line]) -> AuthorLine | None:
    """Authors as publisher pages list them, each "Name, DEGREE" heading its own block of affiliation
    and buttons: every such heading of the head, when there are at least two."""
    names = [parsed.names[0] for line in lines if is_name_with_degrees(line.text)
             and (parsed := parse_author_line(line.text)) is not None and parsed.names]
    return AuthorLine(tuple(dict.fromkeys(names))) if len(names) >= 2 else None


def _labelled_author_value(lines: list[Line], index: int, value: str) -> AuthorLine | None:
    """Authors after an "Authors"/"by"/"作者" label: on the label's line, or on the lines below it."""
    if value:
        parsed = parse_author_line(value)
        if parsed and parsed.names:
            return parsed
        return name_of_entry(value) or single_inverted_name(value)
    found, _ = names_below(lines, index + 1)
    if found is None and index + 1 < len(lines):
        found = single_inverted_name(lines[index + 1].text)
    return found


def _labelled_authors(lines: list[Line]) -> AuthorLine | None:
    """The first labelled author field anywhere on the page."""
    for index, line in enumerate(lines):
        label = label_of(line.text)
        if label and label[0] == "authors" and (found := _labelled_author_value(lines, index, label[2])):
            return found
    return None


def _title_above(lines: list[Line], authors_at: int, site: str | None) -> int | None:
    """The nearest title-like line above the author line, across chrome, dates and citation lines."""
    passed = 0
    for index in range(authors_at - 1, max(-1, authors_at - _TITLE_REACH - 1), -1):
        text = lines[index].text
        if is_chrome_line(text) or notice_kind(text) == _JOURNAL_PAGE:
            continue  # buttons and the journal's own links ("Aims and scope") do not count as distance
        if _is_title_candidate(text, site) and not _is_field_line(text):
            return index
        if is_prose(text) and not is_title_like(text) or passed >= _TITLE_DISTANCE:
            return None
        passed += 1
    return None


#: Lines other than chrome between a title and its author line, and lines of any kind looked through.
_TITLE_DISTANCE = 8
_TITLE_REACH = 16
#: The notice kind of a journal's own pages ("Aims and scope", "Instructions for authors").
_JOURNAL_PAGE = "journal information page"


def _with_subtitle(lines: list[Line], index: int, site: str | None) -> tuple[int, str]:
    """A title broken over two lines: "Main title" / "A Ward-Level Census" (a subtitle, joined with a
    colon) or a line that goes on in lower case (joined with a space). The longer line comes first;
    a short line above the title (a section or article type) is not part of it."""
    here = lines[index]
    if index > 0:
        above = lines[index - 1]
        if _continues(above, here, site):
            return index - 1, _join_title(above.text, here.text)
    if index + 1 < len(lines):
        below = lines[index + 1]
        if _continues(here, below, site) and parse_author_line(below.text) is None:
            return index, _join_title(here.text, below.text)
    return index, here.text


def _continues(first: Line, second: Line, site: str | None) -> bool:
    """Whether ``second`` is the rest of the title that ``first`` opens."""
    if second.number != first.number + 1 or cjk_share(first.text) > 0.5 or cjk_share(second.text) > 0.5:
        return False
    if not _is_title_candidate(first.text.rstrip(":"), site) or is_prose(second.text):
        return False
    if label_of(second.text) or labelled_dates(second.text) or parse_citation(second.text, lenient=True) \
            or parse_author_line(first.text) \
            or is_bibliographic_separator_line(second.text) and YEAR_ALONE.search(second.text) \
            or (parse_author_line(second.text) and not re.match(r"(A|An|The)\s", second.text)):
        return False  # an author line is never part of a title; "A Ward-Level Census" only looks like a name
    if _BYLINE_OR_LABEL.match(second.text):
        return False  # "Reviewed by ...", "Subject Area: Dermatovenereology": a byline or a field under the title
    if second.text[:1].islower():
        return len(second.text.split()) <= 20
    if not _is_title_candidate(second.text, site) or is_article_type(second.text):
        return False
    first_words, second_words = len(first.text.split()), len(second.text.split())
    return first_words >= 6 and second_words <= 12 and first_words >= 1.5 * second_words


#: A field of the page under its title: a short label, a colon and a value ("Subject Area: Dermatovenereology").
_FIELD_LINE = re.compile(r"^[^\W\d_]+(?:\s+[^\W\d_]+){0,2}\s*:\s+\S")
#: Words after a short title's colon that make it a title with its subtitle, not a field's value.
_SUBTITLE_WORDS = 5


def _is_field_line(text: str) -> bool:
    """"Subject Area: Dermatovenereology" is a field; "Trust and repair: volunteer drivers' accounts of rural errands"
    is a short title and its subtitle, told apart by the length of what follows the colon."""
    if not _FIELD_LINE.match(text):
        return False
    value = text.partition(":")[2]
    return len(value.split()) < _SUBTITLE_WORDS or ":" in value
#: A byline ("Reviewed by", "Written by", "Von") or a short label before a colon ("Subject Area: ...").
_BYLINE_OR_LABEL = re.compile(
    r"^\W*(?:(?:reviewed|written|edited|compiled|translated|posted|interviewed)\s+by|by|von|par|por|di|door)\s+\S"
    r"|^[^\W\d_][^\W\d_]*(?:\s+[^\W\d_]+){0,2}\s*:\s+\S",
    re.IGNORECASE)


def _join_title(first: str, second: str) -> str:
    if second[:1].islower():
        return f"{first} {second}"
    return f"{first.rstrip(': ')}: {second}"


def _pair_translation(page: Page, index: int) -> int:
    """A title written twice in two languages on adjacent lines: the first is the title (pages put the
    original first), the other its translation. Returns the index of the original."""
    lines = page.lines
    here = lines[index].text
    for other, original in ((index - 1, index - 1), (index + 1, index)):
        if not 0 <= other < len(lines) or abs(lines[other].number - lines[index].number) > 2:
            continue
        text = lines[other].text
        if is_title_like(text) and not is_journal_like(text, None) and parse_author_line(text) is None \
                and script_of(text) != script_of(here) and _told_apart(script_of(text), script_of(here)):
            translated = here if original == other else text
            page.title_translation = (script_of(translated), clean_title(translated) or translated)
            return original
    return index


def _told_apart(first: str, second: str) -> bool:
    """Two scripts surely in different languages: a CJK one beside any other, or two known languages
    ("latin" is Latin script of unknown language, which may be either of two Latin-script titles)."""
    return bool({first, second} & {"zh", "ja", "ko"}) or "latin" not in (first, second)


def clean_title(text: str) -> str | None:
    """Without a browser-title suffix ("| Journal", "- PubMed"), a catalogue's "/ responsibility"
    statement, or the spaced colon of library cataloguing ("Title : subtitle")."""
    text = _RESPONSIBILITY.sub("", text.strip())
    match = _BROWSER_SUFFIX.match(text)
    if match and (match.group("sep") == "|" or SITE_WORDS.search(match.group("site"))) \
            and len(match.group("site").split()) <= 8:
        text = match.group("title")
    text = re.sub(r"\s+:\s+", ": ", text)
    text = _VERSION_NOTE.sub("", text)
    return normalize_title(text)
