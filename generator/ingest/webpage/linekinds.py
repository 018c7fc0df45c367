"""What kind of line a copied page shows: a labelled field, prose, a title-like phrase, a masthead, a date.

Every step of the page analysis (head, citation, abstract) asks these questions of single lines, so
they live here, apart from the steps, and answer from a line's shape and the general vocabulary of
scholarly pages rather than from any one site's wording.
"""

from __future__ import annotations

import re

from ..clean import cjk_language, cjk_share, is_abstract_heading
from .authors import is_name_with_degrees
from .citation import is_bibliographic_separator_line, parse_citation
from .common import Line
from .dates import labelled_dates
from .languages import guess_language
from .vocabulary import ASIDE_HEADING, SELF_CITATION, SITE_WORDS, field_of_label, is_chrome_line, is_stop_heading

DOI_IN_TEXT = re.compile(r"(?:doi\s*[:：]?\s*|doi\.org/)(10\.\d{4,9}/[^\s\]\"'<>]+)", re.IGNORECASE)


_BRACKET_LABEL = re.compile(r"^[【\[]\s*([^】\]]{1,20}?)\s*[】\]]\s*(.*)$")


COLON_LABEL = re.compile(r"^([^:：]{1,32}?)\s*[:：]\s*(.*)$")


# Labels that read as a phrase and need no colon: "Published in Journal of X 1 May 2019".
_PHRASE_LABEL = re.compile(r"^(published in|appeared in|is part of)\s+(\S.*)$", re.IGNORECASE)


SELF_CITATION_INLINE = re.compile(
    r"^\s*(?:how to cite(?: this (?:article|paper))?|cite this (?:article|paper)(?: as)?|"
    r"cite this as|suggested citation|cite as|pour citer (?:cet article|ce document)|"
    r"citation|zitierweise|citer cet article|c[oó]mo citar(?: este art[ií]culo| este artigo)?|引用本文|引用格式|"
    r"cara (?:mengutip|sitasi)(?: artikel ini)?|zitiervorschlag|zitierempfehlung|hoe te citeren|come citare)"
    r"\s*[:：]\s*(\S.{20,})$",
    re.IGNORECASE)


# A year standing as one part of a "2021 · Journal · Article" line.
YEAR_ALONE = re.compile(r"(?:^|[·•|]\s*)(?:1[89]|20)\d\d\s*(?:[·•|]|$)")


def label_of(text: str) -> tuple[str, str, str] | None:
    """(field, label, value) for a labelled metadata line ("关键词：a；b", "【作者】", "Keywords")."""
    match = _BRACKET_LABEL.match(text) or COLON_LABEL.match(text) or _PHRASE_LABEL.match(text)
    if match:
        field_name = field_of_label(match.group(1))
        if field_name:
            return field_name, match.group(1).strip().lower(), match.group(2).strip()
    field_name = field_of_label(text.rstrip(":："))
    return (field_name, text.strip().rstrip(":：").lower(), "") if field_name else None


def is_prose(text: str) -> bool:
    """A sentence or more of running text, the stuff abstracts are made of."""
    if cjk_share(text) > 0.5:  # Korean writes Western stops and commas between its words
        return len(text) >= 20 and bool(re.search(r"[。；，]|[\uac00-\ud7af][.,]\s", text))
    words = text.split()
    return len(words) >= 12 or (len(words) >= 5 and bool(re.search(r"[a-z0-9%)][.!?]\s*$", text)))


def is_title_like(text: str) -> bool:
    """Could be a study title: a phrase of several words, not a sentence pile, not a control."""
    if is_chrome_line(text) or is_stop_heading(text) or ASIDE_HEADING.match(text) or is_abstract_heading(text):
        return False
    if label_of(text) or DOI_IN_TEXT.search(text) or "http" in text or labelled_dates(text):
        return False
    if is_name_with_degrees(text) or is_bibliographic_separator_line(text) and YEAR_ALONE.search(text):
        return False  # "Ana Roy, MSc": an author's heading; "2021 · Journal · Article": a citation
    if cjk_share(text) > 0.5:
        return 8 <= len(text) <= 120 and not re.search(r"[。；]\S", text) and not re.search(r"\s[>›»/]\s", text)
    words = text.split()
    if not 3 <= len(words) <= 45 or len(text) > 350 or text.endswith((":", ",")):
        return False
    if len(re.findall(r"[a-z]{2}[.!?]\s", text)) >= 1 or parse_citation(text):
        return False
    letters = sum(1 for ch in text if ch.isalpha())
    return letters > len(text) * 0.6 and text[0].isupper() or text[0].isdigit() and letters > len(text) * 0.6


def is_journal_like(text: str, journal: str | None) -> bool:
    """A journal or site name standing alone (a masthead), which must never become the title."""
    plain = text.strip().rstrip(".")
    if journal and plain.lower() == journal.lower():
        return True
    words = plain.split()
    return len(words) <= 7 and bool(SITE_WORDS.search(plain)) and ":" not in plain and not re.search(
        r"\b(among|with|for|in|of|and|on|to|from|after|during|versus|vs)\b.*\b(among|with|for|in|on|to|from|"
        r"after|during|versus|vs)\b", plain)


def script_of(text: str) -> str:
    return cjk_language(text) if cjk_share(text) > 0.5 else (guess_language(text) or "latin")


def first_stop(lines: list[Line], start: int) -> int:
    for index in range(start, len(lines)):
        if is_stop_heading(lines[index].text) or SELF_CITATION.match(lines[index].text):
            return index
    return len(lines)


def is_date_only(text: str) -> bool:
    """A short line holding a date and nothing else ("2021-03-15", "March 4, 2024")."""
    return len(text) <= 30 and not re.search(r"[^\W\d_]{3,}\s+[^\W\d_]{3,}", text)
