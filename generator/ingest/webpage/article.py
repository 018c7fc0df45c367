"""One reader for any copied article page, by the page's structure rather than by its site.

Publisher pages, literature databases, preprint servers, catalogues, Chinese database pages and
abstract aggregators all show the same parts in roughly the same order: a title, an author line,
a citation line, dates and a DOI, an abstract (under a heading, as a label, or as the first prose),
keywords, perhaps the title and abstract in a second language, and then back matter. Everything
else is chrome, recognised by the general vocabulary in :mod:`vocabulary`. The title is anchored by
its neighbours (the author line below it); where nothing anchors it, the first title-like line in
the page head is taken, and where there is none the page is refused rather than guessed at.

A page is accepted only with real structure: a title and at least two kinds of bibliographic
evidence, one of them scholarly (a citation line, a DOI, an abstract label, keywords or a database
identifier). A news story with a byline and a date is not an article page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...errors import error
from ..base import AbstractSection, Extraction, ReadResult, Translation, read_guarded
from ..clean import (
    cjk_language,
    cjk_share,
    is_abstract_heading,
    is_closing_heading,
    is_concluding_heading,
    leading_heading,
    split_abstract,
)
from ..normalize import clean_text, normalize_doi, normalize_keywords, normalize_title, parse_year
from .authors import AuthorLine, parse_author_line
from .blocks import name_of_entry, name_per_line_block, names_below, site_name
from .citation import Citation, is_bibliographic_separator_line, looks_like_citation_list_item, parse_citation
from .common import Line, join_paragraphs, page_lines
from .dates import labelled_dates, parse_page_date
from .languages import guess_language
from .metadata_rows import metadata_rows
from .profiles import profile_identifiers
from .translation import split_translated_abstract
from .vocabulary import (
    ASIDE_HEADING,
    DISCLAIMER,
    LABEL_LANGUAGE,
    NOT_PEER_REVIEWED,
    PEER_REVIEWED_ARTICLE,
    RECORD_NUMBER_LABEL,
    SELF_CITATION,
    SITE_WORDS,
    date_kind,
    field_of_label,
    is_article_type,
    is_chrome_line,
    is_stop_heading,
)

_DOI_IN_TEXT = re.compile(r"(?:doi\s*[:：]?\s*|doi\.org/)(10\.\d{4,9}/[^\s\]\"'<>]+)", re.IGNORECASE)
_BRACKET_LABEL = re.compile(r"^[【\[]\s*([^】\]]{1,20}?)\s*[】\]]\s*(.*)$")
_COLON_LABEL = re.compile(r"^([^:：]{1,32}?)\s*[:：]\s*(.*)$")
# Labels that read as a phrase and need no colon: "Published in Journal of X 1 May 2019".
_PHRASE_LABEL = re.compile(r"^(published in|appeared in|is part of)\s+(\S.*)$", re.IGNORECASE)
_PREPRINT_STATEMENT = re.compile(r"\b(this|it) is a preprint\b|\b(article|paper|work|manuscript) is a preprint\b|"
                                 r"\bpreprint server\b|预印本", re.IGNORECASE)
# A status label over the title: "Preprint", "Preprint / Version 2", "Preprint · v1".
_PREPRINT_LABEL = re.compile(r"^\s*preprint\s*(?:$|[/·|•]\s*(?:version|v)\s*\d+\s*$)", re.IGNORECASE)
_PUBLICATION_NOTE = re.compile(
    r"^\s*((?:This is (?:the|a|an) [^.]{0,80}\b(?:article|report|paper|version|manuscript|preprint)\b[^.]*\.\s*)?"
    r"(?:[^.]*\b(?:has not been|not yet been|was not|is not)\s+(?:published|peer[- ]reviewed)[^.]*\.\s*))",
    re.IGNORECASE)
_BROWSER_SUFFIX = re.compile(r"^(?P<title>.{15,}?)\s+(?P<sep>[|\-–—])\s+(?P<site>[^|\-–—]{2,80})$")
_RESPONSIBILITY = re.compile(r"\s+/\s+[^/]{2,200}$")
_SELF_CITATION_INLINE = re.compile(
    r"^\s*(?:how to cite(?: this (?:article|paper))?|cite this (?:article|paper)(?: as)?|"
    r"cite this as|suggested citation|cite as|pour citer (?:cet article|ce document)|"
    r"citation|zitierweise|citer cet article|c[oó]mo citar(?: este art[ií]culo| este artigo)?|引用本文|引用格式)"
    r"\s*[:：]\s*(\S.{20,})$",
    re.IGNORECASE)
# A show/hide control copied onto the end of an abstract's last sentence ("... all week. Collapse").
_TRAILING_TOGGLE = re.compile(r"(?<=[.!?)])\s+(collapse|show less|read less|see less|less|hide|einklappen|réduire)\s*$",
                              re.IGNORECASE)
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
        return any(_label_of(line.text) for line in self.lines[:60])


def analyse(text: str) -> Page:
    """Read the structure of a copied page (never raises on odd text; fields stay empty instead)."""
    page = Page(metadata_rows(page_lines(text[:500_000])))
    lines = page.lines
    abstract_starts = _abstract_starts(lines)
    head_end = abstract_starts[0][0] if abstract_starts else _first_stop(lines, 0)
    _find_title_and_authors(page, head_end)
    if page.title is None:
        return page
    title_index = lines.index(page.title)
    if abstract_starts and abstract_starts[0][0] < title_index:
        abstract_starts = [start for start in abstract_starts if start[0] > title_index]
    head_end = abstract_starts[0][0] if abstract_starts else _first_stop(lines, title_index + 1)
    head = lines[:head_end]
    _find_labelled_fields(page, head_end)
    _find_citation(page, head, title_index)
    _find_doi(page, head)
    _find_dates(page, head)
    _find_abstracts(page, abstract_starts, title_index, head_end)
    _find_status(page, head)
    _find_own_citation(page)
    _find_issue_box(page, title_index)
    _find_server(page)
    page.identifiers = profile_identifiers([line.text for line in head]) + page.identifiers
    _name_stripped(page)
    return page


# --------------------------------------------------------------------------- line kinds


def _label_of(text: str) -> tuple[str, str, str] | None:
    """(field, label, value) for a labelled metadata line ("关键词：a；b", "【作者】", "Keywords")."""
    match = _BRACKET_LABEL.match(text) or _COLON_LABEL.match(text) or _PHRASE_LABEL.match(text)
    if match:
        field_name = field_of_label(match.group(1))
        if field_name:
            return field_name, match.group(1).strip().lower(), match.group(2).strip()
    field_name = field_of_label(text.rstrip(":："))
    return (field_name, text.strip().rstrip(":：").lower(), "") if field_name else None


def _is_prose(text: str) -> bool:
    """A sentence or more of running text, the stuff abstracts are made of."""
    if cjk_share(text) > 0.5:  # Korean writes Western stops and commas between its words
        return len(text) >= 20 and bool(re.search(r"[。；，]|[\uac00-\ud7af][.,]\s", text))
    words = text.split()
    return len(words) >= 12 or (len(words) >= 5 and bool(re.search(r"[a-z0-9%)][.!?]\s*$", text)))


def _is_title_like(text: str) -> bool:
    """Could be a study title: a phrase of several words, not a sentence pile, not a control."""
    if is_chrome_line(text) or is_stop_heading(text) or ASIDE_HEADING.match(text) or is_abstract_heading(text):
        return False
    if _label_of(text) or _DOI_IN_TEXT.search(text) or "http" in text or labelled_dates(text):
        return False
    if cjk_share(text) > 0.5:
        return 8 <= len(text) <= 120 and not re.search(r"[。；]\S", text) and not re.search(r"\s[>›»/]\s", text)
    words = text.split()
    if not 3 <= len(words) <= 45 or len(text) > 350 or text.endswith((":", ",")):
        return False
    if len(re.findall(r"[a-z]{2}[.!?]\s", text)) >= 1 or parse_citation(text):
        return False
    letters = sum(1 for ch in text if ch.isalpha())
    return letters > len(text) * 0.6 and text[0].isupper() or text[0].isdigit() and letters > len(text) * 0.6


def _is_journal_like(text: str, journal: str | None) -> bool:
    """A journal or site name standing alone (a masthead), which must never become the title."""
    plain = text.strip().rstrip(".")
    if journal and plain.lower() == journal.lower():
        return True
    words = plain.split()
    return len(words) <= 7 and bool(SITE_WORDS.search(plain)) and ":" not in plain and not re.search(
        r"\b(among|with|for|in|of|and|on|to|from|after|during|versus|vs)\b.*\b(among|with|for|in|on|to|from|"
        r"after|during|versus|vs)\b", plain)


def _script(text: str) -> str:
    return cjk_language(text) if cjk_share(text) > 0.5 else (guess_language(text) or "latin")


def _first_stop(lines: list[Line], start: int) -> int:
    for index in range(start, len(lines)):
        if is_stop_heading(lines[index].text) or SELF_CITATION.match(lines[index].text):
            return index
    return len(lines)


# --------------------------------------------------------------------------- title and authors


def _find_title_and_authors(page: Page, head_end: int) -> None:
    """The title is the title-like line just above the author line; without one, the first title-like
    line of the head. A labelled title wins over both. The site's own name is never the title."""
    lines = page.lines
    head = lines[:head_end] if head_end else lines
    page.site = _own_site_name(lines)
    labelled_title = next((value for index, line in enumerate(head) if (lab := _label_of(line.text))
                           and lab[0] == "title" and (value := lab[2] or _value_below(lines, index))), None)
    authors_at, authors = _author_lines(lines, head_end, page.site)
    title_index: int | None = None
    title_text: str | None = labelled_title
    if labelled_title:
        title_index = next(i for i, line in enumerate(lines) if labelled_title in line.text)
    elif authors_at is not None:
        title_index = _title_above(lines, authors_at, page.site)
    if title_index is None:
        title_index = next((i for i, line in enumerate(head) if _is_title_candidate(line.text, page.site)
                            and parse_author_line(line.text) is None), None)
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
    page.title_text = _clean_title(title_text or lines[title_index].text)
    if labelled_title and page.title_translation and page.title_translation[1] == page.title_text:
        original = lines[title_index].text  # the label named the translation; the other line is the original
        page.title_translation = (_script(original), _clean_title(original) or original)
    if authors is not None and authors_at is not None and authors_at > title_index:
        page.authors, page.authors_at = authors, authors_at
    elif (labelled := _labelled_authors(lines)) is not None:
        page.authors = labelled  # catalogues and databases list authors as a field, below the abstract too


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
    return _is_title_like(text) and not _is_journal_like(text, site)


def _value_below(lines: list[Line], index: int) -> str | None:
    """The value of a label that stands alone on its line: the next line, unless it is a label or chrome."""
    if index + 1 >= len(lines):
        return None
    text = lines[index + 1].text
    if _label_of(text) or is_chrome_line(text) or is_stop_heading(text) or labelled_dates(text):
        return None  # "Published In" over "Article first published online: May 2, 2022" has no value
    return text


def _author_lines(lines: list[Line], head_end: int, site: str | None) -> tuple[int | None, AuthorLine | None]:
    """The first author line of the head: labelled, a line of names, or names one per line."""
    limit = head_end if head_end else len(lines)
    for index, line in enumerate(lines[:limit]):
        label = _label_of(line.text)
        if label and label[0] == "authors":
            found = _labelled_author_value(lines, index, label[2])
            if found is not None:
                return index, found
            continue
        if label or is_chrome_line(line.text) or _is_journal_like(line.text, site):
            continue
        parsed = parse_author_line(line.text)
        if parsed and len(parsed.names) >= 2:
            return index, parsed
        if parsed and (block := name_per_line_block(lines, index)) is not None:
            return index, block
    return None, None


def _labelled_author_value(lines: list[Line], index: int, value: str) -> AuthorLine | None:
    """Authors after an "Authors"/"by"/"作者" label: on the label's line, or on the lines below it."""
    if value:
        parsed = parse_author_line(value)
        if parsed and parsed.names:
            return parsed
        return name_of_entry(value)
    found, _ = names_below(lines, index + 1)
    return found


def _labelled_authors(lines: list[Line]) -> AuthorLine | None:
    """The first labelled author field anywhere on the page."""
    for index, line in enumerate(lines):
        label = _label_of(line.text)
        if label and label[0] == "authors" and (found := _labelled_author_value(lines, index, label[2])):
            return found
    return None


def _title_above(lines: list[Line], authors_at: int, site: str | None) -> int | None:
    """The nearest title-like line above the author line, across chrome, dates and citation lines."""
    for index in range(authors_at - 1, max(-1, authors_at - 9), -1):
        text = lines[index].text
        if _is_title_candidate(text, site):
            return index
        if _is_prose(text) and not _is_title_like(text):
            return None
    return None


def _with_subtitle(lines: list[Line], index: int, site: str | None) -> tuple[int, str]:
    """A title broken over two lines: "Main title" / "A Telephone Audit" (a subtitle, joined with a
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
    if not _is_title_candidate(first.text.rstrip(":"), site) or _is_prose(second.text):
        return False
    if _label_of(second.text) or parse_citation(second.text, lenient=True) or parse_author_line(first.text) \
            or (parse_author_line(second.text) and not re.match(r"(A|An|The)\s", second.text)):
        return False  # an author line is never part of a title; "A Telephone Audit" only looks like a name
    if second.text[:1].islower():
        return len(second.text.split()) <= 20
    if not _is_title_candidate(second.text, site) or is_article_type(second.text):
        return False
    first_words, second_words = len(first.text.split()), len(second.text.split())
    return first_words >= 6 and second_words <= 12 and first_words >= 1.5 * second_words


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
        if _is_title_like(text) and not _is_journal_like(text, None) and parse_author_line(text) is None \
                and _script(text) != _script(here) and _told_apart(_script(text), _script(here)):
            translated = here if original == other else text
            page.title_translation = (_script(translated), _clean_title(translated) or translated)
            return original
    return index


def _told_apart(first: str, second: str) -> bool:
    """Two scripts surely in different languages: a CJK one beside any other, or two known languages
    ("latin" is Latin script of unknown language, which may be either of two Latin-script titles)."""
    return bool({first, second} & {"zh", "ja", "ko"}) or "latin" not in (first, second)


def _clean_title(text: str) -> str | None:
    """Without a browser-title suffix ("| Journal", "- PubMed"), a catalogue's "/ responsibility"
    statement, or the spaced colon of library cataloguing ("Title : subtitle")."""
    text = _RESPONSIBILITY.sub("", text.strip())
    match = _BROWSER_SUFFIX.match(text)
    if match and (match.group("sep") == "|" or SITE_WORDS.search(match.group("site"))) \
            and len(match.group("site").split()) <= 8:
        text = match.group("title")
    text = re.sub(r"\s+:\s+", ": ", text)
    return normalize_title(text)


# --------------------------------------------------------------------------- metadata


def _find_labelled_fields(page: Page, head_end: int) -> None:
    """Fields the page labels (anywhere, since catalogues list them below the abstract)."""
    lines = page.lines
    title_index = lines.index(page.title) if page.title else 0
    for index, line in enumerate(lines):
        label = _label_of(line.text)
        if label and not label[2] and index < title_index:
            continue  # a bare label above the title is a menu entry or a tab ("期刊", "Journal"), not a field
        value = (label[2] or _value_below(lines, index) or "") if label else ""
        if label and label[0] == "journal" and index < max(head_end, 1) + 30 and not page.journal:
            citation = parse_citation(value, lenient=True)
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
        match = _COLON_LABEL.match(line.text)
        if match and RECORD_NUMBER_LABEL.match(match.group(1).strip()) and match.group(2).split():
            page.identifiers.append(("catalogue_record", match.group(2).split()[0]))


def _first_script(name: str | None) -> str | None:
    """A journal named in two scripts ("中国社区医学杂志 Chinese Journal of ...") is the first name; the
    second is its translation."""
    if not name:
        return None
    match = re.match(r"^([\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af][^A-Za-z]*?)\s+[A-Z][A-Za-z]", name)
    return match.group(1).strip() if match else name


def _with_pages(citation: Citation, value: str) -> Citation:
    pages = re.sub(r"\s*[-–—]\s*", "-", value.strip())
    return Citation(citation.journal, citation.year, citation.date, citation.volume, citation.issue, pages)


def _url_in(text: str) -> str | None:
    match = re.search(r"https?://\S+", text)
    return match.group(0).rstrip(".,;") if match else None


def _find_citation(page: Page, head: list[Line], title_index: int) -> None:
    """The citation line of the head; a journal on the line above it where the line has none."""
    found: list[tuple[int, Citation]] = []
    if sum(1 for line in head if looks_like_citation_list_item(line.text)) >= 2:
        page.listing = True
        return
    for index, line in enumerate(head):
        if index == title_index or is_chrome_line(line.text) or _cites_this_title(line.text, page.title_text):
            continue  # a reference to this very article is read by _find_own_citation, authors apart
        own = _SELF_CITATION_INLINE.match(line.text)
        text = own.group(1) if own else line.text  # "Cite this as: J Abbrev 2023;12:e0745": this article
        lenient = bool(_DOI_IN_TEXT.search(text) or is_bibliographic_separator_line(text)
                       or re.search(r"\(\s*\d{4}\s*\)", text))
        citation = parse_citation(text, lenient=lenient)
        if citation is None or _label_of(text):
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
    journal = citation.journal or _journal_above(head, index, title_index)
    page.citation = Citation(journal, citation.year, citation.date, citation.volume, citation.issue, citation.pages)
    for _, other in found[1:]:
        page.citation = _filled_from(page.citation, other) or page.citation
    page.journal = page.journal or journal


def _dated_beside(citation: Citation, head: list[Line], index: int) -> Citation:
    """An undated citation line ("Journal 14(3):233-245") with its date alone on the line just above or
    below ("September 2021"), as aggregators print them."""
    for other in (index - 1, index + 1):
        if 0 <= other < len(head) and _is_date_only(head[other].text) and (date := parse_page_date(head[other].text)):
            return Citation(citation.journal, parse_year(date), date, citation.volume, citation.issue, citation.pages)
    return citation


def _cites_several_works(found: list[tuple[int, Citation]]) -> bool:
    """Citation lines of different journals, or of one journal that disagree (a list of results); two
    lines of the same issue, one stating more than the other, cite one work."""
    cited = [citation for _, citation in found if citation.journal]
    if len({citation.journal.casefold() for citation in cited if citation.journal}) > 1:
        return True
    return any(_filled_from(first, second) is None for first, second in zip(cited, cited[1:]))


def _cites_this_title(text: str, title: str | None) -> bool:
    """Whether a line, longer than the title, holds the whole title: a reference to this article."""
    if not title or len(title) < 15 or len(text) <= len(title) + 10:
        return False
    return _find_title_in(text, title) is not None


def _find_title_in(text: str, title: str) -> re.Match[str] | None:
    """Where ``title`` stands in ``text`` (already flattened to single spaces), however the two space
    their punctuation ("ouverte : le" / "ouverte: le") or write apostrophes and case."""
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


def _filled_from(own: Citation, other: Citation) -> Citation | None:
    """``own`` with its empty parts taken from ``other``, a second line citing the same issue ("Vol. 27
    (2021) No. 2" and "2021, 27(2), p. 55-63"); None when the two disagree on anything both state."""
    pairs = ((own.year, other.year), (own.volume, other.volume), (own.issue, other.issue),
             (_first_page(own.pages), _first_page(other.pages)))
    if any(mine is not None and theirs is not None and str(mine) != str(theirs) for mine, theirs in pairs):
        return None
    return Citation(own.journal or other.journal, own.year or other.year, own.date or other.date,
                    own.volume or other.volume, own.issue or other.issue, own.pages or other.pages)


def _first_page(pages: str | None) -> str | None:
    """The first page of a range: "3318-3324" and the shortened "3318-24" cite the same pages."""
    return re.split(r"\s*[-–—]\s*", pages, maxsplit=1)[0] if pages else None


def _journal_above(head: list[Line], index: int, title_index: int) -> str | None:
    """PubMed and publishers put the journal on its own line just above "2020 Sep;14(3):122-130"."""
    if index == 0:
        return None
    text = head[index - 1].text.strip().rstrip(".")
    if not text or _is_prose(text) or len(text.split()) > 10 or is_chrome_line(text) or _label_of(text) \
            or is_article_type(text) or _DOI_IN_TEXT.search(text) or labelled_dates(text) or index - 1 == title_index:
        return None
    return text if re.search(r"[^\W\d_]{2}", text) else None


def _find_doi(page: Page, head: list[Line]) -> None:
    """The DOI of the head; else the one in the page's own "Cite this article" block."""
    for line in head:
        if page.title and line is page.title:
            continue
        match = _DOI_IN_TEXT.search(line.text)
        if match:
            page.doi = normalize_doi(match.group(1))
            return
    lines = page.lines
    for index, line in enumerate(lines):
        label = _label_of(line.text)
        if label and label[0] == "doi" and (doi := normalize_doi(label[2] or _value_below(lines, index) or "")):
            page.doi = doi
            return
    for index, line in enumerate(lines):
        if SELF_CITATION.match(line.text):
            for follower in lines[index + 1:index + 4]:
                if (match := _DOI_IN_TEXT.search(follower.text)):
                    page.doi = normalize_doi(match.group(1))
                    return


def _find_dates(page: Page, head: list[Line]) -> None:
    """Labelled dates of the head; lines that are only a labelled date anywhere else on the page, or a
    date label alone with its date on the next line ("Published" / "2021-03-15")."""
    for line in head:
        page.dates.extend(labelled_dates(line.text))
    lines = page.lines
    for index, line in enumerate(lines[:-1]):
        kind = date_kind(line.text.rstrip(":： "))
        below = lines[index + 1].text
        if kind and _is_date_only(below) and (date := parse_page_date(below)):
            page.dates.append((kind, date))
    if not any(kind in {"published", "posted", "online", "epub"} for kind, _ in page.dates):
        for line in page.lines[len(head):]:
            if len(line.text) <= 60 and not page.lines.index(line) < len(head):
                page.dates.extend(labelled_dates(line.text))


def _is_date_only(text: str) -> bool:
    """A short line holding a date and nothing else ("2021-03-15", "March 4, 2024")."""
    return len(text) <= 30 and not re.search(r"[^\W\d_]{3,}\s+[^\W\d_]{3,}", text)


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
    return cited


# --------------------------------------------------------------------------- abstract and keywords


def _abstract_starts(lines: list[Line]) -> list[tuple[int, int, str]]:
    """(label line, first text line, label) of every abstract the page labels and fills with text;
    an "Abstract" tab followed by other tabs is not one."""
    starts: list[tuple[int, int, str]] = []
    for index, line in enumerate(lines):
        label = _label_of(line.text)
        if not label or label[0] != "abstract":
            continue
        first = _after_controls(lines, index + 1)  # a language switch or toggle under the label
        if label[2]:
            starts.append((index, index, label[1]))
        elif first < len(lines) and (_is_prose(lines[first].text) or _opens_structured_abstract(lines, first)):
            starts.append((index, first, label[1]))
    return starts


def _after_controls(lines: list[Line], index: int) -> int:
    """The first line from ``index`` that is not a control ("Available in", "English", "Español", "Expand"),
    looking at most five lines on."""
    for ahead in range(index, min(len(lines), index + 5)):
        if not is_chrome_line(lines[ahead].text):
            return ahead
    return index


def _opens_structured_abstract(lines: list[Line], index: int) -> bool:
    """A heading with text under it ("Background" / prose); a run of headings is a table of contents."""
    return is_abstract_heading(lines[index].text) and index + 1 < len(lines) and _is_prose(lines[index + 1].text)


def _find_abstracts(page: Page, starts: list[tuple[int, int, str]], title_index: int, head_end: int) -> None:
    lines = page.lines
    for label_index, first, name in starts:
        body = _abstract_lines(lines, first, label_index == first)
        if body:
            page.abstracts.append(Block(name, body, _block_language(name, body)))
    page.labelled_abstract = bool(page.abstracts)
    if not page.abstracts:
        after = max(title_index, page.authors_at if page.authors_at is not None else -1)
        first_prose = next((i for i in range(after + 1, len(lines))
                            if _is_prose(lines[i].text) and not is_chrome_line(lines[i].text)
                            and not _label_of(lines[i].text) and parse_author_line(lines[i].text) is None), None)
        if first_prose is not None and first_prose <= head_end + 1:
            body = _abstract_lines(lines, first_prose, False)
            if body:
                page.abstracts.append(Block(None, body, _block_language(None, body)))
    for index, line in enumerate(lines):
        label = _label_of(line.text)
        if label and label[0] == "keywords":
            values = [label[2]] if label[2] else _keyword_lines(lines, index + 1)
            if values:
                page.keywords.append(Block(label[1], [Line(line.number, v) for v in values],
                                           LABEL_LANGUAGE.get(label[1]) or guess_language(" ".join(values))))


def _abstract_lines(lines: list[Line], first: int, inline: bool) -> list[Line]:
    """The abstract's lines from ``first`` up to the first line of something else."""
    taken: list[Line] = []
    script = None
    concluded = False
    for index in range(first, len(lines)):
        line = lines[index]
        text = line.text
        if inline and index == first:
            label = _label_of(text)
            text = label[2] if label else text
        elif _under_heading(text, taken):
            pass  # the text of a section whose heading stands alone above it, however short
        elif _section_of_structured(text, taken):
            pass  # "Subjects:" is a label elsewhere, but a section heading inside a structured abstract
        elif _ends_abstract(text, concluded) or _body_heading_after_inline(text, taken):
            break
        current = "cjk" if cjk_share(text) > 0.5 else "latin"
        if script is not None and current != script and not is_abstract_heading(text):
            break
        script = script or current
        concluded = concluded or _is_concluding(text)
        taken.append(Line(line.number, _TRAILING_TOGGLE.sub("", text)))
    return taken


def _section_of_structured(text: str, taken: list[Line]) -> bool:
    """A heading line after two or more headings standing alone: the next section of a structured abstract,
    even when the word also names a field elsewhere ("Subjects:"). Keywords still close the abstract."""
    if not is_abstract_heading(text) or re.match(r"\s*key\s*words?\b", text, re.IGNORECASE):
        return False
    headings = [t.text for t in taken if is_abstract_heading(t.text)]
    return len(headings) >= 2 and not any(is_concluding_heading(h.rstrip(":： ")) for h in headings)


def _under_heading(text: str, taken: list[Line]) -> bool:
    if not taken or not is_abstract_heading(taken[-1].text) or is_abstract_heading(text):
        return False
    return not (_label_of(text) or is_chrome_line(text) or is_stop_heading(text) or SELF_CITATION.match(text)
                or _SELF_CITATION_INLINE.match(text))


def _body_heading_after_inline(text: str, taken: list[Line]) -> bool:
    """An abstract whose headings open its paragraphs ("Results Of 300 ...") ends at a heading standing
    alone: that is the article body's "Introduction", not another abstract section."""
    return is_abstract_heading(text) and len(taken) >= 2 and not any(is_abstract_heading(t.text) for t in taken)


def _is_concluding(text: str) -> bool:
    """A "Conclusions" heading line, or a paragraph opening with one."""
    if is_abstract_heading(text):
        return is_concluding_heading(text.rstrip(":： "))
    return bool(re.match(r"^\s*(conclusions?|interpretation)(\s+and\s+relevance)?\s*[:：]", text, re.IGNORECASE)
                or re.match(r"^\s*(Conclusions?|CONCLUSIONS?|Interpretation)(\s+and\s+[Rr]elevance)?\s+[A-Z]", text))


def _ends_abstract(text: str, concluded: bool) -> bool:
    label = _label_of(text)
    if label and label[0] != "abstract":
        return True
    if is_abstract_heading(text):
        return concluded and not is_closing_heading(text)
    if is_chrome_line(text) or is_stop_heading(text) or ASIDE_HEADING.match(text) or SELF_CITATION.match(text) \
            or _SELF_CITATION_INLINE.match(text):
        return True
    if _label_of(text) or DISCLAIMER.search(text):
        return True
    match = _COLON_LABEL.match(text)
    if match and re.fullmatch(r"[A-Z][\w()/ -]{0,30}", match.group(1)) and len(match.group(1).split()) <= 3 \
            and not is_abstract_heading(match.group(1)):
        return True
    if (heading := leading_heading(text)) is not None:  # "Trial registration ISRCTN 48213307."
        return concluded and not is_closing_heading(heading)
    return not _is_prose(text) and not re.match(r"^\s*\S+\s*[:：]", text)


def _keyword_lines(lines: list[Line], start: int) -> list[str]:
    """Keywords written below a "Keywords" heading: one line with separators, or one per line."""
    if start >= len(lines):
        return []
    first = lines[start].text
    if re.search(r"[;；,，|]|\s[-–—]\s", first) and not _label_of(first):
        return [first]
    values: list[str] = []
    for line in lines[start:start + 15]:
        text = line.text
        if _label_of(text) or is_chrome_line(text) or is_stop_heading(text) or len(text.split()) > 6 \
                or is_abstract_heading(text) or line.number - (lines[start].number + len(values)) > 0:
            break
        values.append(text)
    return values


def _block_language(label: str | None, body: list[Line]) -> str | None:
    text = " ".join(line.text for line in body)
    return guess_language(text) or (LABEL_LANGUAGE.get(label) if label else None)


def _find_status(page: Page, head: list[Line]) -> None:
    """Preprint status and peer review, only from statements about this article."""
    notices = [line.text for line in head]
    if page.abstracts:
        notices.append(page.abstracts[0].lines[0].text)
    if any(NOT_PEER_REVIEWED.search(text) for text in notices):
        page.peer_reviewed = False
    elif any(PEER_REVIEWED_ARTICLE.search(text) for text in notices):
        page.peer_reviewed = True
    page.preprint = any(_PREPRINT_STATEMENT.search(text) or _PREPRINT_LABEL.match(text) for text in notices)


# --------------------------------------------------------------------------- the page's own citation


def _find_own_citation(page: Page) -> None:
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
    return [text for text in near if len(text.split()) >= 4 and _is_title_like(text)]


def _reference_lines_below_title(page: Page) -> list[str]:
    """Repository records print a reference to the item just below its title ("Doe, Ann and Roe, Bo
    (2019) Title. Journal, 14 (3). pp. 1-9."): a line of the next few that holds the whole title."""
    assert page.title is not None
    start = page.lines.index(page.title) + 1
    return [line.text for line in page.lines[start:start + 3]
            if len(line.text) > len(page.title_text or "") + 10 and line is not page.title]


def _take_authors_and_year(page: Page, text: str, title: str) -> None:
    """Authors and year from the part of a reference to this article before its title, for pages whose
    head states neither (an APA or repository citation: "Doe, A., & Roe, B. (2022, March 4). Title")."""
    flat = " ".join(text.split())
    found = _find_title_in(flat, title)
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
        inline = _SELF_CITATION_INLINE.match(line.text)
        if inline:
            texts.append(inline.group(1))
        elif SELF_CITATION.match(line.text):
            texts.extend(follower.text for follower in lines[index + 1:index + 3])
    return texts


def _citation_after_title(text: str, title: str) -> Citation | None:
    """The citation that follows the title inside a reference to this article, or None."""
    flat = " ".join(text.split())
    found = _find_title_in(flat, title)
    main_title = re.split(r"\s*[:：]\s+", title, maxsplit=1)[0]
    if found is None and main_title != title and len(main_title.split()) >= 4:
        found = _find_title_in(flat, main_title)  # references often cite the title without its subtitle
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
    merged = _filled_from(own, cited)
    if merged is None:
        return
    page.citation = merged
    page.journal = page.journal or merged.journal


_ISSUE_BOX_VOLUME = re.compile(r"^\s*(?:volume|vol\.?)\s*\d+[A-Za-z]?\s*(?:[,;]?\s*(?:issue|iss\.?|no\.?|number)\s*\d+"
                               r"[A-Za-z]?(?:[-/]\d+)?)?\s*$", re.IGNORECASE)
_ISSUE_BOX_PAGES = re.compile(r"^\s*(?:pages?|pp?\.)\s*[:：]?\s*[A-Za-z]{0,2}\d+[A-Za-z]?"
                              r"(?:\s*[-–—]\s*[A-Za-z]{0,2}\d+)?\s*$", re.IGNORECASE)


def _find_issue_box(page: Page, title_index: int) -> None:
    """An "issue" side box, wherever the page puts it: "Volume 79, Issue 7" on its own line, with the
    issue date and "Pages 2614-2625" on the lines just below. Taken only when the head cites no volume;
    the journal is then the masthead line above the title."""
    if page.citation and page.citation.volume and page.citation.issue:
        return
    lines = page.lines
    for index, line in enumerate(lines):
        if not _ISSUE_BOX_VOLUME.match(line.text):
            continue
        volume = page.citation.volume if page.citation else None
        if volume and not re.search(rf"\b{re.escape(volume)}\b", line.text):
            continue  # "VOL. 388 NO. 11" under "N Engl Rev Med 2023;388:1021-1031" adds the issue; another volume no
        box = ", ".join(below.text for below in lines[index + 1:index + 4]
                       if _ISSUE_BOX_PAGES.match(below.text) or _is_date_only(below.text))
        found = parse_citation(f"{line.text}, {box}", lenient=True)
        if found is None and (date := publication_date(page) or _date_by_title(page, title_index)):
            # "Vol. 21, Iss. 5" under the journal, undated
            found = parse_citation(f"{line.text}, {box} ({date[:4]})", lenient=True)
        if found is None or not found.volume:
            continue
        journal = page.journal or (page.citation.journal if page.citation else None) \
            or _masthead_journal(page, title_index) or _name_above(page, index)
        merged = _filled_from(found, page.citation) if page.citation else found
        if merged is None:
            return
        page.citation = Citation(journal, merged.year, merged.date, merged.volume, merged.issue, merged.pages)
        page.journal = page.journal or journal
        return


def _date_by_title(page: Page, title_index: int) -> str | None:
    """A date standing alone on a line just above or below the title ("12 February 2024"): the date
    publishers print over an article's title."""
    for index in range(max(0, title_index - 3), min(len(page.lines), title_index + 4)):
        text = page.lines[index].text
        if index != title_index and _is_date_only(text) and (date := parse_page_date(text)):
            return date
    return None


def _masthead_journal(page: Page, title_index: int) -> str | None:
    """The journal's name standing alone a few lines above the title, as publishers print it."""
    for index in range(title_index - 1, max(-1, title_index - 6), -1):
        text = page.lines[index].text.strip()
        if text != page.site and re.search(r"\b(journal|review|revue|revista|zeitschrift|annals|bulletin|"
                                           r"quarterly|proceedings)\b", text, re.IGNORECASE) \
                and _is_journal_like(text, None) and not is_chrome_line(text) and not is_article_type(text):
            return text
    return None


def _name_above(page: Page, index: int) -> str | None:
    """The line just over an issue box when it is a name in title case ("Dementia Practice and Policy" over
    "Vol. 21, Iss. 5"): the journal the box belongs to."""
    above = index - 1
    while above >= 0 and index - above <= 3 and is_chrome_line(page.lines[above].text):
        above -= 1  # "Health, Risk & Care" / "List of Issues" / "Volume 34, Issue 8": a menu entry between
    if above < 0:
        return None
    text = page.lines[above].text.strip()
    words = text.split()
    if not 1 <= len(words) <= 10 or text == page.site or re.search(r"[\d:;.!?|]", text) or is_chrome_line(text) \
            or is_article_type(text) or _label_of(text) or is_abstract_heading(text) or is_stop_heading(text):
        return None
    capitalised = [word for word in words if word[:1].isupper()]
    return text if words[0][:1].isupper() and len(capitalised) >= len(words) / 2 else None


def _find_server(page: Page) -> None:
    """A preprint or working paper names no journal: its container is the server that posted it, the
    site whose name heads the page."""
    if page.journal or (page.citation and page.citation.journal) or not page.site:
        return
    posted = any(kind == "posted" for kind, _ in page.dates)
    if page.preprint or posted:
        page.journal = page.site


# --------------------------------------------------------------------------- the record


def _name_stripped(page: Page) -> None:
    """Name, by kind, what the page showed besides the study."""
    texts = [line.text for line in page.lines]
    checks = (
        ("site navigation and buttons", any(is_chrome_line(t) and not _is_counter(t) for t in texts)),
        ("counters and metrics", any(_is_counter(t) for t in texts)),
        ("cookie banner", any(re.search(r"cookie", t, re.IGNORECASE) for t in texts)),
        ("licence and copyright notice", any(re.search(r"©|copyright|licen[cs]e|版权", t, re.IGNORECASE)
                                             for t in texts)),
        ("site disclaimer", any(DISCLAIMER.search(t) for t in texts)),
        ("back matter and related-article panels", any(is_stop_heading(t) for t in texts)),
    )
    page.stripped = [label for label, present in checks if present]
    if page.title_translation:
        language = page.title_translation[0]
        page.stripped.append("Chinese translation of the title" if language == "zh"
                             else "translation of the title" if language == "latin"
                             else f"translation of the title ({language})")


def _is_counter(text: str) -> bool:
    return bool(re.search(r"\d", text)) and is_chrome_line(text) and len(text) < 40 and not re.search(
        r"©|copyright", text, re.IGNORECASE)


def extraction(page: Page) -> Extraction:
    """The study record a page analysis amounts to."""
    assert page.title is not None
    main, others = _main_abstract(page)
    language = guess_language(" ".join([page.title_text or ""] + [line.text for line in (main.lines if main else [])]))
    abstract_text, note = _take_publication_note(join_paragraphs(main.lines) if main else "")
    peer_reviewed = False if note and NOT_PEER_REVIEWED.search(note) else page.peer_reviewed
    abstract_text, closing = _closing_citation(abstract_text)
    citation = page.citation
    if closing is not None:
        citation = closing if citation is None else (_filled_from(citation, closing) or citation)
    date = publication_date(page) or (citation.date if closing is not None and citation else None)
    return Extraction(
        line=page.title.number,
        title=page.title_text,
        authors=page.authors.names if page.authors else (),
        year=int(date[:4]) if date else None,
        date=date,
        journal=page.journal or (citation.journal if citation else None),
        volume=citation.volume if citation else None,
        issue=citation.issue if citation else None,
        pages=citation.pages if citation else None,
        doi=page.doi,
        url=page.url,
        publication_type="preprint" if page.preprint and peer_reviewed is False else None,
        peer_reviewed=peer_reviewed,
        publication_note=note,
        language=language,
        abstract=_sections(abstract_text, main.lang if main else None),
        keywords=_keywords(page, language),
        translations=_translations(page, others),
        identifiers=tuple(dict.fromkeys(page.identifiers)),
        stripped=tuple(page.stripped) + (("catalogue note on publication status",) if note else ()),
        format=f"webpage-{page.kind()}",
    )


def _main_abstract(page: Page) -> tuple[Block | None, list[Block]]:
    """The abstract in the title's language is the record's; the others are translations."""
    if not page.abstracts:
        return None, []
    title_language = _script(page.title_text or "")
    main = next((block for block in page.abstracts if block.lang == title_language), page.abstracts[0])
    return main, [block for block in page.abstracts if block is not main]


def _sections(text: str, lang: str | None) -> tuple[AbstractSection, ...]:
    if lang in {"zh", "ja", "ko"}:
        return split_translated_abstract(text)
    return split_abstract(text)


def _keywords(page: Page, language: str | None) -> tuple[str, ...]:
    if not page.keywords:
        return ()
    blocks = sorted(page.keywords, key=lambda b: bool(re.match(r"subject", b.label or "")))  # terms of a
    block = next((b for b in blocks if b.lang == language), blocks[0])  # classification only as a last resort
    values = [line.text for line in block.lines]
    parts: list[str] = []
    for value in values:
        parts.extend(p for p in re.split(r"\s*[;；|,，]\s*|\s+[-–—]\s+|\s*·\s*", value) if p.strip())
    return normalize_keywords(parts)


def _translations(page: Page, others: list[Block]) -> tuple[Translation, ...]:
    by_language: dict[str, Translation] = {}
    if page.title_translation:
        title_lang, translated_title = page.title_translation
        if title_lang == "latin":  # a Latin-script title of no recognised language: that of the abstract beside it
            title_lang = next((b.lang for b in others if b.lang and b.lang not in {"zh", "ja", "ko"}), "und")
        by_language[title_lang] = Translation(title_lang, translated_title)
    for block in others:
        lang = block.lang
        if not lang:
            continue
        sections = _sections(join_paragraphs(block.lines), lang)
        title = by_language[lang].title if lang in by_language else None
        by_language[lang] = Translation(lang, title, sections)
    return tuple(by_language.values())


_CLOSING_CITATION = re.compile(r"\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)\s*$")


def _closing_citation(text: str) -> tuple[str, Citation | None]:
    """Some journals close the abstract with the article's own citation in brackets ("... adults.
    (Am J Public Health. 2022;112(9):1334-1342. doi:...)"): it is no part of the abstract, and it cites this
    article, so its journal, volume, issue and pages are the record's."""
    match = _CLOSING_CITATION.search(text)
    if not match or not re.search(r"\d", match.group(1)):
        return text, None
    cited = parse_citation(match.group(1))
    if cited is None or not cited.journal or not cited.year or not (cited.volume and cited.pages):
        return text, None
    return text[:match.start()].rstrip(), cited


def _take_publication_note(text: str) -> tuple[str, str | None]:
    """Catalogues open an abstract with a note on the item's publication status; move it out."""
    match = _PUBLICATION_NOTE.match(text)
    if not match:
        return text, None
    note = clean_text(match.group(1))
    return text[match.end():].lstrip(), note


# --------------------------------------------------------------------------- readers


class ArticlePageReader:
    """Reads any copied article page. Each record names the page's layout family as its format
    (``webpage-catalogue``, ``-aggregator``, ``-article``), so one analysis serves every family."""

    name = "webpage-article"

    def sniff(self, text: str) -> float:
        if text.lstrip().startswith(("{", "[", "@", "TY  -", "PMID-", "FN ")):
            return 0.0
        page = analyse(text)
        if not page.accepted():
            return 0.0
        return min(0.8, 0.55 + 0.05 * len(page.evidence()))

    def read(self, text: str, path: str) -> ReadResult:
        return read_guarded(_read_page, text, path, "page", "Copy the article page again, from its title down")


def _read_page(text: str, path: str) -> ReadResult:
    page = analyse(text)
    if page.title is None or page.listing:
        why = "it lists several works" if page.listing else "no line is clearly the study's title"
        return ReadResult(diagnostics=(error(path, f"page not read: {why}",
                                             "Copy one article's page, from its title down", line=1),))
    return ReadResult(records=(extraction(page),))



