"""Counts written as digits ("1,204") or words ("five", "twenty-three") to integers."""

from __future__ import annotations

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}


def parse_count(text: str) -> int | None:
    """An integer from digits or English number words up to ninety-nine; None otherwise."""
    text = text.strip().lower().replace(",", "")
    if text.isdigit():
        return int(text)
    words = text.replace("-", " ").split()
    if not words or len(words) > 2:
        return None
    if len(words) == 1:
        return _UNITS.get(words[0]) or _TENS.get(words[0])
    if words[0] in _TENS and words[1] in _UNITS and _UNITS[words[1]] < 10:
        return _TENS[words[0]] + _UNITS[words[1]]
    return None
