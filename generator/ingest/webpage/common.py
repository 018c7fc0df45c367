"""Signals shared by the readers of text copied from web pages.

Scraped pages mix the study with site chrome: menus, buttons, counters, facets, dialogs and
disclaimers. These helpers recognise each kind of line by its shape (short, no sentence,
mostly digits, mostly CJK, a known UI verb) rather than by any one site's wording, so a page
about another study on the same site reads just as well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..clean import cjk_share
from ..normalize import clean_text, normalize_name

ABSTRACT_HEADING = re.compile(r"^\s*(abstract|summary|摘要)\s*[:：]?\s*$", re.IGNORECASE)
ABSTRACT_INLINE = re.compile(r"^\s*(abstract|summary)\s*[:：]\s*(\S.*)$", re.IGNORECASE)
DOI_LINE = re.compile(r"\b(?:doi)\s*[:：]?\s*(10\.\d{4,9}/\S+)", re.IGNORECASE)
YEAR_LINE = re.compile(r"^\s*(1[89]\d\d|20\d\d)\s*$")
NUMBER_LINE = re.compile(r"^[\s\d.,:%()+\-–/]*$")
# Words that label controls rather than content: buttons, menus, dialogs, sorting, sharing.
_UI_WORDS = re.compile(
    r"^\s*[|·•>]*\s*(view|cite|share|copy|download|export|print|save|sign up|sign in|log in|"
    r"login|register|subscribe|search|order by|sort by|filter|select|help|close|ok|cancel|"
    r"more|less|next|previous|back|home|menu|related|see \d+ more|show more|read more|"
    r"full text|pdf|email|alerts?|tweet|facebook)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"[a-z][.!?](?:\s|$)")


@dataclass(frozen=True)
class Line:
    """A non-blank line of the page and its 1-based line number in the file."""

    number: int
    text: str


def page_lines(text: str) -> list[Line]:
    """The page's non-blank lines, stripped, with their line numbers."""
    return [Line(i, raw.strip()) for i, raw in enumerate(text.split("\n"), start=1) if raw.strip()]


def join_paragraphs(lines: list[Line]) -> str:
    """Lines back into text: consecutive lines form one paragraph, a gap starts another."""
    parts: list[str] = []
    previous: Line | None = None
    for line in lines:
        if previous is not None:
            parts.append(" " if line.number == previous.number + 1 else "\n\n")
        parts.append(line.text)
        previous = line
    return "".join(parts)


def is_cjk_line(text: str) -> bool:
    """Mostly Chinese/Japanese/Korean text: a translation, a counter label or site chrome."""
    return cjk_share(text) > 0.3


def is_ui_line(text: str) -> bool:
    """A button, menu entry, counter or facet label rather than a sentence of content."""
    stripped = text.strip(" |·•")
    if not stripped or NUMBER_LINE.match(stripped):
        return True
    if stripped in {"×", "-", "—", "…", "..."}:
        return True
    words = stripped.split()
    if _UI_WORDS.match(stripped) and len(words) <= 6:
        return True
    return len(words) <= 3 and not _SENTENCE.search(stripped) and not any(ch.isdigit() for ch in stripped[:1])


def looks_like_title(text: str) -> bool:
    """A line that could be a study title: several words, mostly Latin letters, not a sentence pile."""
    if is_cjk_line(text) or len(text) > 400 or len(text.split()) < 3:
        return False
    if ABSTRACT_INLINE.match(text) or DOI_LINE.search(text) or is_ui_line(text):
        return False
    return sum(1 for ch in text if ch.isalpha()) > len(text) * 0.5


def parse_author_line(text: str) -> tuple[str, ...]:
    """Authors from a line that lists people, or () when the line is not such a list.

    Handles "Family, Given | Family, Given" (catalogues) and "Given Family, Given Family"
    (most article pages). A line containing a sentence is never taken for names.
    """
    text = clean_text(text) or ""
    if not text or len(text) > 2000 or re.search(r"[a-z]{2}[.!?](?:\s|$)", text):
        return ()
    if "|" in text:
        parts = [p.strip() for p in text.split("|") if p.strip()]
        names = [normalize_name(p) for p in parts if _plausible_name(p, allow_comma=True)]
        return tuple(n for n in names if n) if len(names) == len(parts) else ()
    parts = [p.strip() for p in re.split(r"\s*[,;]\s*(?:and\s+)?|\s+and\s+", text) if p.strip()]
    if len(parts) < 1 or not all(_plausible_name(p, allow_comma=False) for p in parts):
        return ()
    return tuple(n for n in (normalize_name(p, given_first=True) for p in parts) if n)


_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’\-]*\.?|[A-Z]\.(?:[A-Z]\.)*|van|von|de|der|del|da|di|la|le|du|"
                         r"dos|das|bin|al|el|Jr\.?|Sr\.?|II|III|IV)$")


def _plausible_name(text: str, *, allow_comma: bool) -> bool:
    if not allow_comma and "," in text:
        return False
    tokens = text.replace(",", " ").split()
    return 2 <= len(tokens) <= 6 and all(_NAME_TOKEN.match(t) for t in tokens)


def find_translation_note(lines: list[Line]) -> Line | None:
    """A line stating that text on the page was translated (e.g. by a machine)."""
    for line in lines:
        if re.search(r"(翻译|翻譯|machine[- ]translat|automatically translated|translated by)", line.text,
                     re.IGNORECASE):
            return line
    return None


def is_machine_translation_note(text: str) -> bool:
    """The note says a program, not a person, translated the text."""
    return bool(re.search(r"(计算机|電腦|机器|機器|程序|machine|automatic|computer)", text, re.IGNORECASE))
