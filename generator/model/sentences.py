"""The one sentence splitter: study-page anchors, theme evidence and ingest's derived fields all use it.

A theme page links to ``studies/<id>/#s2-3``; that link only holds if the study page, the theme
matcher and every later build cut the abstract into the same sentences. So there is exactly one
splitter, it is deterministic, and it never drops or rewrites a character: joining its sentences
with single spaces gives back the text with its whitespace collapsed.

It errs towards *not* splitting. Two sentences shown as one still quote the authors exactly; a
sentence cut after "e.g." or "Frances K." quotes them wrongly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .study import Section

# A token that may end a sentence: a full stop, question or exclamation mark, possibly followed by
# closing quotes or brackets ("drug seeking.” Elements").
_TERMINAL = re.compile(r"[.!?][\"'”’»)\]]*$")
_OPENERS = "\"'“‘«(["
# Abbreviations after which a full stop never ends a sentence. Dotted acronyms (U.S., e.g., i.e.,
# a.m.) are caught by the first alternative; "etc." is left out on purpose because it often does.
_ABBREVIATION = re.compile(
    r"^(?:(?:[A-Za-z]\.){2,}|Ph\.D\.|(?i:e\.?g|i\.?e|vs|cf|approx|al|resp)\."
    r"|(?:Dr|Mr|Mrs|Ms|Prof|St|Jr|Sr|Fig|Figs|No|Nos|Vol|Eq|Ref|Refs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct"
    r"|Nov|Dec)\.)$")
_INITIAL = re.compile(r"^[A-Z]\.$")
_NAME_JOINERS = {"and", "by", "with", "from", "of", "et", "&"}
_LIST_MARKER = re.compile(r"^\(?(?:\d{1,2}|[a-z])\)$")
# Parenthetical spans longer than this are taken as a stray bracket rather than an aside, so one
# unbalanced "(" cannot glue the rest of an abstract into one sentence.
_MAX_ASIDE = 300
_CLOSERS = {")": "(", "]": "["}
_BRACKET = re.compile(r"[()\[\]]")

SECTION_KINDS = ("background", "methods", "results", "conclusions", "other", "unlabelled")
# Checked in this order, so "Design, Setting, and Participants" is methods and "Methods and
# Findings" is results: a combined heading counts as its later, more specific part.
_KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("conclusions", ("conclusion", "discussion", "implication", "interpretation", "relevance")),
    ("results", ("result", "finding")),
    ("methods", ("method", "design", "setting", "participant", "subjects", "population", "data source",
                 "measure", "intervention", "procedure", "sample")),
    ("background", ("purpose", "objective", "introduction", "background", "aim", "context", "importance",
                    "rationale", "question")),
)


@dataclass(frozen=True)
class SentenceUnit:
    """One addressable sentence of an abstract: its anchor, where it sits, and its exact text."""

    anchor: str
    section_heading: str | None
    section_kind: str
    text: str


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, in order, with whitespace inside each collapsed to single spaces.

    A split happens only at a space that follows sentence-final punctuation and precedes a
    capital letter or digit (optionally behind an opening quote or bracket), never after an
    initial, a known abbreviation, or inside a short parenthetical aside.
    """
    tokens = text.split()
    if not tokens:
        return []
    inside = _inside_asides(tokens)
    sentences: list[str] = []
    start = 0
    for i in range(len(tokens) - 1):
        if not inside[i] and _ends_sentence(tokens, i) and _starts_sentence(tokens, i + 1):
            sentences.append(" ".join(tokens[start:i + 1]))
            start = i + 1
    sentences.append(" ".join(tokens[start:]))
    return sentences


def sentence_anchor(section_index: int, sentence_index: int) -> str:
    """The fragment id of a sentence on its study page; both indexes count from 1."""
    return f"s{section_index}-{sentence_index}"


def section_kind(heading: str | None) -> str:
    """What an abstract heading introduces: one of SECTION_KINDS ("unlabelled" when there is none)."""
    if heading is None or not heading.strip():
        return "unlabelled"
    words = heading.strip().rstrip(":.").lower()
    for kind, stems in _KIND_WORDS:
        if any(re.search(rf"\b{stem}", words) for stem in stems):
            return kind
    return "other"


@lru_cache(maxsize=8192)
def sentence_units(abstract: tuple[Section, ...]) -> tuple[SentenceUnit, ...]:
    """Every sentence of an abstract with its anchor (section and sentence numbers, from 1).

    Pure and asked for by every page that shows or matches the study, so memoised: the live
    preview rebuilds thousands of pages per save.
    """
    return tuple(SentenceUnit(sentence_anchor(s, n), section.heading, section_kind(section.heading), sentence)
                 for s, section in enumerate(abstract, start=1)
                 for n, sentence in enumerate(split_sentences(section.text), start=1))


def _ends_sentence(tokens: list[str], i: int) -> bool:
    token = tokens[i]
    if not _TERMINAL.search(token):
        return False
    if not token.endswith("."):
        return True  # "?" / "!" or a closing quote or bracket after the stop
    core = token.lstrip(_OPENERS)
    if _ABBREVIATION.match(core):
        return False
    if _INITIAL.match(core):
        # "Frances K. Barg" and "Bennett and G. Brassard" are initials; "hepatitis C. Participants"
        # ends a sentence.
        before = tokens[i - 1].lstrip(_OPENERS) if i > 0 else ""
        return bool(before) and before[0].islower() and before not in _NAME_JOINERS
    return True


def _starts_sentence(tokens: list[str], i: int) -> bool:
    token = tokens[i]
    if _LIST_MARKER.match(token):
        # "... engagement. 2) the need ..." continues a list; "2) The need" may start a sentence.
        if i + 1 >= len(tokens):
            return False
        token = tokens[i + 1]
    core = token.lstrip(_OPENERS)
    return bool(core) and (core[0].isupper() or core[0].isdigit())


def _inside_asides(tokens: list[str]) -> list[bool]:
    """For each token, whether the space after it lies inside a matched (...) or [...] pair.

    Only the brackets are visited (a walk over every character cost seconds at 10,000 studies): each
    matched pair adds one level from just after its opener up to its closer, and the spaces after the
    tokens are read off in order."""
    text = " ".join(tokens)
    steps: dict[int, int] = {}
    stack: list[tuple[str, int]] = []
    for match in _BRACKET.finditer(text):
        char, pos = match.group(), match.start()
        if char in "([":
            stack.append((char, pos))
        elif stack and stack[-1][0] == _CLOSERS[char]:
            _, opened = stack.pop()
            if pos - opened <= _MAX_ASIDE:
                steps[opened + 1] = steps.get(opened + 1, 0) + 1
                steps[pos] = steps.get(pos, 0) - 1
    if not steps:
        return [False] * len(tokens)
    events = sorted(steps.items())
    inside: list[bool] = []
    level, next_event, cursor = 0, 0, 0
    for token in tokens:
        end = cursor + len(token)  # index of the space after this token
        while next_event < len(events) and events[next_event][0] <= end:
            level += events[next_event][1]
            next_event += 1
        inside.append(level > 0)
        cursor = end + 1
    return inside
