"""Turning a page analysis into the study record (an :class:`Extraction`).

Chooses the abstract in the title's language, sets translations apart, moves a catalogue's
publication-status note and a closing self-citation out of the abstract, and names by kind what
the page showed besides the study (navigation, counters, banners), so curators see what was dropped.
"""

from __future__ import annotations

import re

from ..base import AbstractSection, Extraction, Translation
from ..clean import is_abstract_heading, split_abstract
from ..normalize import clean_text, normalize_keywords, normalize_title
from .citation import Citation, parse_citation
from .common import Line, join_paragraphs
from .fields import filled_from, publication_date
from .languages import guess_language
from .linekinds import is_title_like, script_of
from .page import Block, Page
from .translation import split_translated_abstract
from .vocabulary import (
    DISCLAIMER,
    LABEL_LANGUAGE,
    NOT_PEER_REVIEWED,
    PUBLISHER_LABELS,
    REPOSITORY_NAMES,
    is_chrome_line,
    is_stop_heading,
)

_PUBLICATION_NOTE = re.compile(
    r"^\s*((?:This is (?:the|a|an) [^.]{0,80}\b(?:article|report|paper|version|manuscript|preprint)\b[^.]*\.\s*)?"
    r"(?:[^.]*\b(?:has not been|not yet been|was not|is not)\s+(?:published|peer[- ]reviewed)[^.]*\.\s*))",
    re.IGNORECASE)


def name_stripped(page: Page) -> None:
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
    main_text = " ".join(line.text for line in (main.lines if main else []))
    language = guess_language(f"{page.title_text or ''} {main_text}") or _label_language(main)
    abstract_text, note = _take_publication_note(join_paragraphs(_titled_block(main.lines)[1]) if main else "")
    peer_reviewed = False if note and NOT_PEER_REVIEWED.search(note) else page.peer_reviewed
    abstract_text, closing = _closing_citation(abstract_text)
    citation = page.citation
    if closing is not None:
        citation = closing if citation is None else (filled_from(citation, closing) or citation)
    date = publication_date(page) or (citation.date if closing is not None and citation else None)
    return Extraction(
        line=page.title.number,
        title=page.title_text,
        authors=page.authors.names if page.authors else (),
        year=int(date[:4]) if date else None,
        date=date,
        journal=_journal_not_publisher(page, page.journal or (citation.journal if citation else None)),
        volume=citation.volume if citation else None,
        issue=citation.issue if citation else None,
        pages=citation.pages if citation else None,
        doi=page.doi,
        url=page.url,
        publication_type=page.notice or ("preprint" if page.preprint and peer_reviewed is False else None),
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


def _label_language(main: Block | None) -> str | None:
    """The language the abstract's own label names ("Sammendrag": Norwegian) when its words did not tell;
    an English label is not evidence, since sites in every language print "Abstract"."""
    if main is None or main.label is None:
        return None
    language = LABEL_LANGUAGE.get(main.label)
    return language if language and language != "en" else None


def _journal_not_publisher(page: Page, journal: str | None) -> str | None:
    """The journal, unless it is a general repository or the name the page labels as its publisher
    ("Publisher" / "Zenodo"), which an APA reference puts where a journal would stand."""
    # '", Journal' after an APA title in quotes: the quote and comma are the reference's, not the journal's
    journal = journal.lstrip(" \"'“”‘’«»,;.").rstrip(" \"'“”‘’«»,;") if journal else None
    if not journal:
        return None
    key = " ".join(journal.casefold().split())
    if key in REPOSITORY_NAMES or key in _labelled_publishers(page) or _is_thesis(page) \
            or _PLACE_AND_PUBLISHER.match(journal):
        return None
    return journal


#: "Lisbon: National Health Institute ...", "London: Home Office", "Geneva: World Health Organization": the place and
#: publisher of a report or book as references print them, where a journal would stand. The publisher must
#: name itself as one (press, office, organisation, ministry, ...), so a journal with a colon is kept.
_PLACE_AND_PUBLISHER = re.compile(
    r"^[A-Z][^\W\d_]+(?:[ \-][A-Z][^\W\d_]+){0,2}(?:,\s*[A-Z][^\W\d_.]+)?\s*:\s+\S.*?\b(?:press|publish\w*|office|"
    r"organi[sz]ation|ministry|department|agency|government|council|institute|verlag|[ée]ditions?|editora|editorial|"
    r"books|foundation|commission)\b", re.IGNORECASE)


#: A document-type value saying the work is a thesis ("Doctoral dissertation", "Thesis or dissertation",
#: "Record type: Master's thesis", "Tesis doctoral"), on a line of its own or after its label.
_THESIS_WORD = r"(?:dissertation|thesis|tesis|thèse|tese|tesi|doktorarbeit|dissertação|proefschrift)"
_TYPE_LABEL = r"(?:document|source|publication|item|resource|record|work) type"
_THESIS_TYPE = re.compile(
    rf"^\s*(?:{_TYPE_LABEL}\s*[:：]?\s*)?"
    r"(?:(?:doctoral|doctorate|master'?s|masters|ph\.?\s?d\.?|bachelor'?s|graduate|senior|honou?rs)\s+)?"
    rf"{_THESIS_WORD}(?:\s*(?:/|or|and|&)\s*{_THESIS_WORD})?(?:\s+(?:doctoral|de doctorado|de doutorado))?\s*\.?\s*$",
    re.IGNORECASE)
#: The word alone ("Thesis"), which is also what a repository's menu or a collection heading says: a type
#: only as the value under a type label.
_BARE_THESIS = re.compile(rf"^\s*{_THESIS_WORD}\s*\.?\s*$", re.IGNORECASE)
_TYPE_LABEL_LINE = re.compile(rf"^\s*{_TYPE_LABEL}\s*[:：]?\s*$", re.IGNORECASE)


def _is_thesis(page: Page) -> bool:
    """A thesis has no journal: what its record shows as the source is an index ("Dissertation Abstracts
    International" with its volume) or the degree-granting school, and neither is a journal."""
    previous = ""
    for line in page.lines:
        text = line.text
        if _THESIS_TYPE.match(text) and (not _BARE_THESIS.match(text) or _TYPE_LABEL_LINE.match(previous)):
            return True
        previous = text if text.strip() else previous
    return False


def _labelled_publishers(page: Page) -> set[str]:
    """Publisher names the page labels: "Publisher: X" or "Publisher" with the name on the next line."""
    found: set[str] = set()
    lines = page.lines
    for index, line in enumerate(lines):
        label, _, value = line.text.partition(":")
        if label.strip().casefold() not in PUBLISHER_LABELS:
            continue
        value = value.strip() or (lines[index + 1].text if index + 1 < len(lines) else "")
        found.add(" ".join(value.casefold().split()))
    return found


def _main_abstract(page: Page) -> tuple[Block | None, list[Block]]:
    """The abstract in the title's language is the record's; the others are translations."""
    if not page.abstracts:
        return None, []
    title_language = script_of(page.title_text or "")
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
        own_title, lines = _titled_block(block.lines)
        sections = _sections(join_paragraphs(lines), lang)
        title = by_language[lang].title if lang in by_language else None
        by_language[lang] = Translation(lang, title or own_title, sections)
    return tuple(by_language.values())


def _titled_block(lines: list[Line]) -> tuple[str | None, list[Line]]:
    """A translated abstract that opens with the title in its language ("English abstract" / the English
    title / "BACKGROUND" / ...): that line is the translation's title, not the abstract's first words."""
    if len(lines) >= 3 and not is_abstract_heading(lines[0].text) and is_abstract_heading(lines[1].text) \
            and is_title_like(lines[0].text) and not re.search(r"[.!]\s*$", lines[0].text):
        return normalize_title(lines[0].text), lines[1:]
    return None, lines


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
