"""Multi-line structures of copied pages: the site's own name, menus, and author lists spread over lines.

Copying a page flattens its layout into lines, so one visual element often becomes several lines:
an author list with one name per line and its affiliation markers ("1,*," / "2 and") on lines of
their own, names each followed by their affiliation, or the site's name followed by its menu. These
helpers read such runs by the shape of each line (a name, a marker, an affiliation, a short menu
entry), never by any one site's wording.
"""

from __future__ import annotations

import re

from ..clean import cjk_share
from .authors import AuthorLine, parse_author_line
from .common import Line
from .linekinds import label_of
from .vocabulary import is_chrome_line

#: Words that make a line (or the part of a line after a name) an affiliation, in several languages.
AFFILIATION = re.compile(
    r"\b(universit(y|ies|[äàé]t?|ät|eit|ade|ad|à|é)|universi(dade|dad)|department|departamento|département|dept\.?|school|escola|"
    r"escuela|école|faculty|faculdade|facultad|faculté|fakultät|institut[eo]?|hospital|hôpital|klinik(um)?|"
    r"clinic|centre|center|centro|college|laboratory|ministry|ministerio|division|program|programme|unit|"
    r"service|serviço|servicio|foundation|agency|council|trust|nhs|association|society|corporation|inc\.?|"
    r"ltd\.?|gmbh|hochschule|fachhochschule|abteilung|zentrum|krankenhaus|lehrstuhl|uniwersytet|instytut|"
    r"universitas|fakultas|dinas|kabupaten|puskesmas|rumah sakit|politeknik|kementerian|program studi|"
    r"universiteit|hogeschool|ziekenhuis|sjukhus|yliopisto|università|ospedale|dipartimento|istituto|"
    r"ministère|secretaria|prefeitura|üniversitesi|hastanesi|fakültesi|trường|bệnh viện|viện)\b|"
    r"университет|институт|центр|больниц|大学|学院|医院|中心|研究所",
    re.IGNORECASE)
# A line holding only affiliation markers and joiners: "1", "1,*,", "2 and", "a, b", "*".
_MARKER_LINE = re.compile(r"^(?:[\s\d,*†‡§¶#]|\b[a-h]\b)*(?:\band\b|&)?(?:[\s\d,*†‡§¶#]|\b[a-h]\b)*$")
# The end of a name line that marks it as one entry of an author list: a marker, a comma or "and".
_LIST_ENTRY_END = re.compile(r"(?:[\d¹²³⁴⁵⁶⁷⁸⁹*†‡✉]|,|\band)\s*[,;]?\s*$")
_VANCOUVER = re.compile(r"^[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?\s[A-Z]{1,3}\b")
_SHORT_CJK = 8
# A researcher identifier printed under a name (an ORCID link or bare ORCID iD): part of the entry above.
_PERSON_ID_LINE = re.compile(r"^\s*(?:https?://)?(?:www\.)?orcid\.org/\S+\s*$|^\s*(?:orcid\s*(?:id|iD)?\s*:?\s*)?"
                             r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]\s*$", re.IGNORECASE)
# A detail printed under one author's name: their roles, affiliation, e-mail or a note ("Roles Conceptualization,
# Writing – original draft", "Affiliation Department of ...", "* E-mail: ...", "Contributed equally to this work").
_AUTHOR_DETAIL_LINE = re.compile(r"^\s*[*†‡#¶§]?\s*(roles?|contributions?|affiliations?|e-?mail|correspondence|"
                                 r"corresponding author|"
                                 r"contributed equally|equal contributors?|current address|present address|"
                                 r"deceased)\b", re.IGNORECASE)
# The links under an author's name to find their other work ("Search for other works by this author on:",
# "Find articles by this author", then "Google Scholar", "PubMed"): short lines naming a search site.
_AUTHOR_SEARCH_LINE = re.compile(r"^\s*(search|find|look) (for )?(other )?(works|articles|papers|publications)? ?"
                                 r"(by|from) (this|the) author\b.{0,20}$", re.IGNORECASE)
_SEARCH_SITE_LINE = re.compile(r"^\s*(google scholar|pubmed|scopus|web of science|crossref|orcid|"
                               r"[\w&-]+ (academic|scholar|library|online))\s*$", re.IGNORECASE)
# Accessibility links that come before everything else on a page, the masthead included.
_SKIP_LINK = re.compile(r"^\s*(skip|jump) (to|nav(igation)?)\b|"
                        r"^\s*zum (haupt)?inhalt|^\s*aller au contenu|^\s*saltar al contenido|"
                        r"^\s*an official website of\b", re.IGNORECASE)


# The markers of the name on the line above, left at the start of the next name's line ("1, Lukas Feldhaus").
_LEADING_MARKERS = re.compile(r"^\s*[\d*†‡§¶#]+(?:\s*,\s*[\d*†‡§¶#]+)*\s*,\s*(?:and\s+)?(?=\S)")


def without_leading_markers(text: str) -> str:
    """A name line without the previous name's affiliation markers that a copy put before it."""
    return _LEADING_MARKERS.sub("", text)


def is_marker_line(text: str) -> bool:
    """Only affiliation markers, commas and "and": what is left of a superscript on its own line."""
    return bool(re.search(r"[\d*†‡§¶#]|\band\b|&", text)) and bool(_MARKER_LINE.match(text)) and len(text) <= 12


def is_person_id_line(text: str) -> bool:
    """An ORCID link or iD on its own line: it belongs to the name above, and names may follow it."""
    return bool(_PERSON_ID_LINE.match(text))


def is_author_detail_line(text: str) -> bool:
    """Roles, an affiliation or an e-mail under an author's name: the list of names goes on after it."""
    return bool(_AUTHOR_DETAIL_LINE.match(text))


def is_author_search_line(text: str) -> bool:
    """A link under an author's name to their other works, or the search site it points to."""
    return bool(_AUTHOR_SEARCH_LINE.match(text) or _SEARCH_SITE_LINE.match(text))


def is_affiliation(text: str) -> bool:
    return bool(AFFILIATION.search(text))


#: The place an affiliation ends with: ", Brasil", ", Oslo, Norway", ", Rio de Janeiro" (capitalised words
#: and the little words of place names, no more than four).
_PLACE_AT_END = re.compile(
    r",\s*(?:[A-Z][^\W\d_]+\.?)"
    r"(?:[ -](?:[A-Z][^\W\d_]+\.?|de|do|da|dos|das|del|di|of|and|the|y|et|und|am|an|upon)){0,3}\.?\s*$")


def is_affiliation_line(text: str) -> bool:
    """"Universidad Nacional del Litoral, Argentina", "Department of Nursing, Lund University, Sweden": an
    institution named in a line's first part (of two or more words) and a place at its end. Such a line is
    an author's address, never the article's title, however title-like its words."""
    first, comma, _ = text.partition(",")
    if not comma or re.search(r"[:?!;]", text) or len(first.split()) < 2 or len(text.split()) > 30:
        return False
    return bool(AFFILIATION.search(first)) and bool(_PLACE_AT_END.search(text))


def name_of_entry(text: str) -> AuthorLine | None:
    """The person a line names: the whole line, or its first comma part when the rest is an affiliation
    ("Inês Carvalho, Faculdade de Enfermagem, Universidade do Litoral")."""
    first, _, rest = text.partition(",")
    if rest and is_affiliation(rest) and not is_affiliation(first):
        parsed = parse_author_line(first)  # "Facultad de Medicina" looks like a name, so test this first
        return parsed if parsed and len(parsed.names) == 1 else None
    if is_affiliation(text):
        return None
    parsed = parse_author_line(text)
    return parsed if parsed and parsed.names else None


def names_below(lines: list[Line], start: int, limit: int = 24) -> tuple[AuthorLine | None, int]:
    """The author list written on the lines from ``start``: names (one or several a line) with marker
    and affiliation lines between them, up to the first line that is none of these. Returns the names
    and the index after the last name."""
    names: list[str] = []
    inverted = False
    end = start
    for index in range(start, min(len(lines), start + limit)):
        text = lines[index].text
        if is_marker_line(text) or is_person_id_line(text) or names and (is_author_detail_line(text)
                                                                         or is_author_search_line(text)):
            continue
        entry = name_of_entry(without_leading_markers(text))
        if entry:
            names.extend(name for name in entry.names if name not in names)  # a name printed twice is one author
            inverted = inverted or entry.inverted
            end = index + 1
            continue
        if names and is_affiliation(text) and not is_chrome_line(text):
            continue
        break
    return (AuthorLine(tuple(names), inverted), end) if names else (None, start)


def is_list_entry(text: str) -> bool:
    """A single name written as one entry of a list: "Lindqvist E 1 ,", "Jane Doe,", "Ravi Rao 2 and"."""
    parsed = parse_author_line(text)
    if not parsed or len(parsed.names) != 1:
        return False
    return bool(_LIST_ENTRY_END.search(text) or _VANCOUVER.match(text))


_PLAIN_RUN = 3  # bare names one a line: three in a row, as two menu entries can look like a name


def _plain_name_run(lines: list[Line], index: int) -> int:
    """How many lines from ``index`` each hold one bare personal name ("Ana Roy") and nothing else:
    pages that list authors one a line without markers or commas."""
    count = 0
    for line in lines[index:index + 12]:
        text = line.text
        if "," in text or not 2 <= len(text.split()) <= 4 or is_chrome_line(text) or is_affiliation(text):
            break
        parsed = parse_author_line(text)
        if not parsed or len(parsed.names) != 1:
            break
        count += 1
    return count


def _opens_abstract(lines: list[Line], index: int) -> bool:
    """Whether the line at ``index`` is an abstract's label: two bare names just above it are the byline."""
    if index >= len(lines):
        return False
    label = label_of(lines[index].text)
    return label is not None and label[0] == "abstract"


def name_per_line_block(lines: list[Line], index: int) -> AuthorLine | None:
    """Names one per line from ``index``: at least two list entries in a row (each with a marker, a
    comma or Vancouver initials), or a name followed by its affiliation."""
    if index + 1 >= len(lines):
        return None
    here = lines[index].text
    following = index + 1
    while following + 1 < len(lines) and (is_person_id_line(lines[following].text)
                                           or is_author_detail_line(lines[following].text)):
        following += 1
    after = lines[following].text
    marked_after = without_leading_markers(after)
    entries = is_list_entry(here) and (is_list_entry(after) or is_marker_line(after)) \
        or marked_after != after and name_of_entry(marked_after) is not None and parse_author_line(here) is not None
    with_affiliation = is_affiliation(after) and not is_affiliation(here)
    run = _plain_name_run(lines, index)
    if not (entries or with_affiliation or run >= _PLAIN_RUN or run >= 2 and _opens_abstract(lines, index + run)):
        return None
    block, _ = names_below(lines, index)
    return block


def _is_short(text: str) -> bool:
    if cjk_share(text) > 0.5:
        return len(text) <= _SHORT_CJK
    return len(text.split()) <= 3 and not re.search(r"[.!?]\s*$", text)


def menu_follows(lines: list[Line], start: int) -> bool:
    """Three of the next four lines are menu entries: short, or recognised chrome."""
    following = lines[start:start + 4]
    return len(following) >= 3 and sum(1 for line in following
                                       if _is_short(line.text) or is_chrome_line(line.text)) >= 3


def site_name(lines: list[Line]) -> str | None:
    """The site's own name: the first line of the page (after skip links), when it is a short name (no
    sentence, no digits) that the page repeats further down (a footer, a licence, "Available at ...") or
    that a menu follows. Pages put their masthead first; a menu entry never comes before the menu."""
    for index, line in enumerate(lines[:4]):
        text = line.text
        if _SKIP_LINK.match(text):
            continue
        if is_chrome_line(text) or not _is_name_shaped(text):
            return None
        later = " ".join(other.text for other in lines[index + 2:])
        if re.search(rf"(?<!\w){re.escape(text)}(?!\w)", later) or menu_follows(lines, index + 1):
            return text
        return None
    return None


def _is_name_shaped(text: str) -> bool:
    """Short, no digits and no sentence: a name, not a statement or a counter."""
    if re.search(r"\d|[.!?:;,]\s*$|[:;]", text):
        return False
    if cjk_share(text) > 0.5:
        return 2 <= len(text) <= 16
    return 1 <= len(text.split()) <= 4 and len(text) <= 40


# --------------------------------------------------------------------------- CJK names with their readings
# Japanese and Korean databases list each author as a block: the name in its own script ("中森 亜希子"),
# often its reading in kana, its romanisation ("NAKAMORI Akiko") and an affiliation. The space inside
# the native name separates family and given name: it is one person, not two.
_CJK_CHARS = r"[\u3400-\u9fff\u3040-\u30ff\uac00-\ud7af]{1,5}"
_CJK_PERSON = re.compile(rf"^{_CJK_CHARS}(?:[ \u3000]{_CJK_CHARS})?$")
_KANA_READING = re.compile(r"^[\u3040-\u30ff\u31f0-\u31ffー・ ]+$")
_ROMANISED = re.compile(r"^(?P<family>[A-Z][A-Za-z'’\-]+)\s+(?P<given>[A-Z][A-Za-z'’\-]+)$")
#: Affiliation lines that may follow one person's block before the next name.
_MAX_AFFILIATION_LINES = 2


def reading_name_blocks(lines: list[Line], index: int) -> AuthorLine | None:
    """Authors listed as native-script name blocks from ``index``, each with a kana or Latin reading below
    the name; the romanised form is given as "Family, Given" (a capitalised family name first), the
    native name where there is none. None when the name at ``index`` has no reading under it."""
    names: list[str] = []
    at = index
    while at < len(lines) and _CJK_PERSON.match(lines[at].text):
        person, at = _one_reading_block(lines, at)
        if person is None:
            break
        names.append(person)
        skipped = 0
        while at < len(lines) and not _CJK_PERSON.match(lines[at].text) and skipped < _MAX_AFFILIATION_LINES \
                and AFFILIATION.search(lines[at].text):
            at, skipped = at + 1, skipped + 1
    return AuthorLine(tuple(names)) if names else None


def _one_reading_block(lines: list[Line], at: int) -> tuple[str | None, int]:
    """(the person, the index after the block) for a native name with its readings, or (None, at)."""
    native = " ".join(lines[at].text.split())
    following = at + 1
    has_kana = following < len(lines) and bool(_KANA_READING.match(lines[following].text))
    if has_kana:
        following += 1
    roman = _ROMANISED.match(lines[following].text) if following < len(lines) else None
    if roman is not None and (is_chrome_line(lines[following].text) or not (
            has_kana or " " in native or roman.group("family").isupper() or roman.group("given").isupper())):
        roman = None  # "Web Site" under a heading is a link: a reading needs a kana line, a spaced name or capitals
    if roman is None:
        named = has_kana and " " in native + lines[at + 1].text.strip()  # family and given name both given
        return (native, following) if named else (None, at)
    family, given = roman.group("family"), roman.group("given")
    if not family.isupper() and given.isupper():
        family, given = given, family  # "Akiko NAKAMORI": the family name is the one in capitals
    return f"{family.capitalize() if family.isupper() else family}, {given}", following + 1


#: A line that continues a list begun on the line above: ", Ann Roe" or "and Bo Lind" / "& Bo Lind".
_LIST_CONTINUATION = re.compile(r"^(?:,\s*(?:and\s+|&\s*)?|and\s+|&\s*)(?=\S)")


def join_split_author_lines(lines: list[Line]) -> list[Line]:
    """Author lists whose separators were copied onto the next line ("Ann Roe" / ", Bo Lind" / "and Cy Dee")
    joined back into one line: a page lays each name out as a link, and copying breaks the line before
    the comma or "and". A continuation is joined only when the line above and the joined line both read
    as names, so wrapped prose is never touched."""
    joined: list[Line] = []
    for line in lines:
        previous = joined[-1] if joined else None
        if previous is not None and _LIST_CONTINUATION.match(line.text) and len(line.text.split()) <= 8 \
                and parse_author_line(previous.text) is not None:
            separator = "" if line.text.startswith(",") else " "
            merged = parse_author_line(previous.text + separator + line.text)
            if merged is not None and len(merged.names) >= 2:
                joined[-1] = Line(previous.number, previous.text + separator + line.text)
                continue
        joined.append(line)
    return joined
