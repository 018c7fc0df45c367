"""Counts written as digits ("1,204", "4 086", "1.2 million") or English words ("three hundred and six").

Number words are parsed by text2num, a maintained library that is strict: a run of words that is
not one well-formed number ("five six", "twenty thirty") raises instead of being added up, so a
malformed phrase gives no count rather than a wrong one. This module only finds where a count is
written; deciding what it counts is the sample-size grammar's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

_UNIT_WORDS = ("zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
               "fifteen|sixteen|seventeen|eighteen|nineteen")
_TENS_WORDS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_SCALE_WORDS = "hundred|thousand|million"
_WORD = rf"(?:(?:{_TENS_WORDS})(?:[- ](?:{_UNIT_WORDS}))?|{_UNIT_WORDS}|{_SCALE_WORDS})"
# A run of number words: "a hundred", "three hundred and six", "Thirty-one", "eleven hundred and fifty".
# "and" only joins number words, so "five and six" is not taken as one number (text2num refuses it).
NUMBER_WORDS = rf"(?:\ba\s+(?=(?:{_SCALE_WORDS})\b))?\b{_WORD}(?:(?:\s+and\s+|[\s-]+){_WORD})*\b"
# Digits, optionally grouped in thousands by a comma or a (thin, no-break) space: "3,517", "4 086".
# A leading or trailing decimal point, or letters glued on ("COVID-19", "H1N1"), make it something else.
_GROUP_SEP = "[,\u00a0\u2009\u202f ]"
_NOT_AFTER = r"(?<![\w.,/\-\u2010\u2011\u2013])"
DIGITS = rf"{_NOT_AFTER}\d{{1,3}}(?:{_GROUP_SEP}\d{{3}})+(?![\w]|[.,]\d)|{_NOT_AFTER}\d+(?![\w]|[.,]\d)"
_MILLIONS = rf"{_NOT_AFTER}(\d+(?:\.\d+)?)\s+million\b"
# "a dozen", "two dozen": twelve of something; "dozens of" and "several dozen" stay vague (no multiplier).
_DOZEN = rf"\b(?:a|one|{_UNIT_WORDS})\s+dozen\b"
COUNT = re.compile(rf"{_MILLIONS}|{DIGITS}|{_DOZEN}|{NUMBER_WORDS}", re.IGNORECASE)
# A scale word with no number before it is vague: "several hundred", "hundreds of", "thousands".
_BARE_SCALE = re.compile(rf"^(?:{_SCALE_WORDS})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Count:
    """One count written in a sentence: its value and where it stands."""

    value: int
    start: int
    end: int
    text: str
    in_words: bool


def parse_count(text: str) -> int | None:
    """An integer from digits (thousands separators allowed) or English number words; None otherwise."""
    text = text.strip()
    millions = re.fullmatch(r"(\d+(?:\.\d+)?)\s+million", text, re.IGNORECASE)
    if millions:
        return round(float(millions.group(1)) * 1_000_000)
    dozen = re.fullmatch(r"(\w+)\s+dozen", text, re.IGNORECASE)
    if dozen:
        multiplier = 1 if dozen.group(1).lower() == "a" else _parse_words(dozen.group(1))
        return None if multiplier is None else multiplier * 12
    digits = re.sub(_GROUP_SEP, "", text)
    if digits.isdigit():
        return int(digits)
    return _parse_words(text)


def _parse_words(text: str) -> int | None:
    """Number words to an integer, or None when the words are not one well-formed number."""
    words = re.sub(r"^a\s+", "one ", text.strip().lower())
    words = re.sub(r"\s+", " ", words)
    if not re.fullmatch(NUMBER_WORDS, words, re.IGNORECASE):
        return None
    try:
        value = text2num(words, "en")
    except ValueError:
        return None
    return value if isinstance(value, int) else None


def find_counts(sentence: str) -> list[Count]:
    """Every count written in a sentence, in order, each with its position."""
    found: list[Count] = []
    for match in COUNT.finditer(sentence):
        for start, end in _number_spans(match):
            value = parse_count(sentence[start:end])
            if value is not None and not _BARE_SCALE.match(sentence[start:end]):
                found.append(Count(value, start, end, sentence[start:end], in_words=not sentence[start].isdigit()))
    return found


def _number_spans(match: re.Match[str]) -> list[tuple[int, int]]:
    """The match itself, or its parts around "and" when the whole is not one number ("five and six")."""
    text = match.group(0)
    if parse_count(text) is not None or not re.search(r"\sand\s", text, re.IGNORECASE):
        return [(match.start(), match.end())]
    spans: list[tuple[int, int]] = []
    start = match.start()
    for joiner in re.finditer(r"\s+and\s+", text, re.IGNORECASE):
        spans.append((start, match.start() + joiner.start()))
        start = match.start() + joiner.end()
    spans.append((start, match.end()))
    return spans
