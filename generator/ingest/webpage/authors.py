"""Author lines of article pages: the people who wrote the study, without degrees or markers.

Pages write authors as "Jane Q. Doe, MD, MPH¹², John Roe PhD¹" (degrees and superscript affiliation
markers), "Helen Park 1 , Samuel Adeyemi 2" (markers copied as digits), "Ana Lima a, Bo Chen b"
(letter markers), "Doe JQ, Roe J" (Vancouver), "Hughes, Eleanor | Santos, Rafael" (catalogues,
family name first) or "王丽；陈明". A line is a list of authors only when every part is a plausible
personal name: "Expand, Affiliations" or "Original Research" never are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..clean import cjk_share
from ..normalize import clean_text, normalize_name
from .vocabulary import DEGREES, INLINE_AUTHOR_CHROME, INLINE_AUTHOR_LINKS, NOT_NAME_WORDS

_MARKERS = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹⁺ᵃᵇᶜᵈᵉᶠ*†‡§¶#✉]|\d+")
_LETTER_MARKERS = re.compile(r"(?<=[A-Za-zÀ-ÿ'’.\-])\s+[a-h](?:\s*,?\s*[a-h])*(?=\s*(?:[,;&|]|\band\b|$))")
_PARTICLES = frozenset(
    [
        "van",
        "von",
        "de",
        "der",
        "den",
        "del",
        "della",
        "da",
        "di",
        "la",
        "le",
        "du",
        "dos",
        "das",
        "bin",
        "ibn",
        "al",
        "el",
        "ten",
        "ter",
        "y",
        "zu",
    ]
)
# Particles that open a family name even when capitalised ("El Amrani", "Van Dijk", "De Souza"); short or
# ambiguous ones ("Y", "Le", "Di", "Da") could be an initial or a name of their own and are left out.
_CAPITAL_PARTICLES = frozenset(
    ["el", "al", "van", "von", "de", "del", "della", "dos", "das", "ten", "ter", "bin", "ibn"])
_SUFFIXES = frozenset(["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"])
_NAME_TOKEN = re.compile(r"^[A-ZÀ-ÞŁŚŻŹĆŃА-ЯЁ][\w'’\-]*\.?$|^(?:[A-Z]\.){1,3}$|^[A-Z]\.?-[A-Z]\.?$")
_INITIALS = re.compile(r"^[A-Z]{1,3}$")
# A lower-case particle joined to a capitalised name: "ud-Din", "al-Rashid", "el-Sayed", "d'Almeida".
_JOINED_PARTICLE = re.compile(r"^[a-z]{1,3}-[A-ZÀ-Þ][\w'’\-]*$|^[a-z]{1,2}['’][A-ZÀ-Þ][\w'’\-]*$")
# A patronymic (Russian, Ukrainian, Belarusian), in Cyrillic or transliterated: the name after it is never
# the family name, so "Ivanova Maria Petrovna" is family name first.
_PATRONYMIC = re.compile(r"(?:[oe]vich|[oe]vych|[oe]vna|ichna|inichna|[oe]vi[cč]|ович|евич|овна|евна|ична|инична)$",
                         re.IGNORECASE)
# "and" in the other languages of author lines, tried only when the line does not read with "and".
_FOREIGN_AND = re.compile(r"\s(?:et|und|y|e)\s")
# A study group named after the authors ("..., and Ana Roy, for the HOME Investigators"): a group, not a person.
_FOR_GROUP = re.compile(r"[,;]?\s*\bfor the\b[^,;]{1,80}?\b(?:investigators|group|consortium|collaborators|"
                        r"collaboration|team|network|trialists|committee)\b\W*$", re.IGNORECASE)
_CJK_NAME = re.compile(r"^[\u3400-\u9fff·]{2,5}$|^[\uac00-\ud7af]{2,5}$")  # Chinese or Japanese; Korean
_CJK_SPACED_NAME = re.compile(r"^[\u3400-\u9fff\u3040-\u30ff\uac00-\ud7af]{1,4} "
                              r"[\u3400-\u9fff\u3040-\u30ff\uac00-\ud7af]{1,4}$")


@dataclass(frozen=True)
class AuthorLine:
    """The names a line lists ("Family, Given") and whether it wrote them family name first."""

    names: tuple[str, ...]
    inverted: bool = False


def parse_author_line(text: str) -> AuthorLine | None:
    """The authors a line lists, or None when any part of it is not a personal name."""
    if re.search(r"[@/]|\d{4}-\d{4}", text):
        text = INLINE_AUTHOR_LINKS.sub(" ", text)
    text = clean_text(INLINE_AUTHOR_CHROME.sub(" ", text)) or ""
    text = re.sub(r"^\s*by\s*[:：]?\s+", "", text, flags=re.IGNORECASE)
    text = _FOR_GROUP.sub("", text)
    if not text or len(text) > 1500 or re.search(r"[a-z]{3}[.!?](?:\s|$)", text):
        return None
    if cjk_share(text) > 0.5:
        return _cjk_names(text)
    text = _LETTER_MARKERS.sub("", _MARKERS.sub(" ", text))
    for separator in ("|", ";"):
        if separator in text:
            return _listed(text.split(separator))
    joined = [p for p in re.split(r"\s+and\s+|\s*&\s*", text) if p.strip()]
    if len(joined) >= 2 and all(p.count(",") == 1 for p in joined):
        return _listed(joined)  # "Okafor, Ada and Lind, Erik": each part one inverted name
    parts = [p for p in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*", text) if p.strip()]
    names = _names_of_parts([p for p in parts if not _is_degree_part(p)])
    if names is None and (single := _inverted_with_degrees(parts)) is not None:
        return AuthorLine((single,), inverted=True)  # read only where the given-first reading fails
    if names is None and _FOREIGN_AND.search(text):  # "Ana Roy, Yacine Belkacemi et Claire Dubé"
        parts = [p for p in re.split(r"\s*,\s*|\s+(?:and|et|und|y|e)\s+|\s*&\s*", text) if p.strip()]
        names = _names_of_parts([p for p in parts if not _is_degree_part(p)])
    return AuthorLine(tuple(dict.fromkeys(names))) if names else None  # a name and its menu button: once


def single_inverted_name(text: str) -> AuthorLine | None:
    """One "Family, Given I." name ("Vandermolen-Ibarra, Wilhelmina T."), as a labelled author field of a catalogue
    or database gives it. Read only where a label says a name follows: alone, such a line could be two
    one-word names or a place."""
    text = clean_text(text) or ""
    if text.count(",") != 1 or re.search(r"[;|&]|\band\b", text):
        return None
    name = _inverted(text)
    return AuthorLine((name,), inverted=True) if name else None


def _inverted_with_degrees(parts: list[str]) -> str | None:
    """One "Family, Given, DEGREES" entry ("Okoro, Ngozi, RN, MSc"), as databases list authors one a line:
    read as one inverted name only when credentials follow, so "Lee, Ann, Roy, Bo" stays two names."""
    kept = parts[:2]
    degrees = parts[2:]
    if len(kept) != 2 or not degrees or not all(_is_degree_part(p) for p in degrees) \
            or any(_is_degree_part(p) or not 1 <= len(p.split()) <= 3 for p in kept):
        return None  # "Ann Lee, MSc, Bo Chen, PhD" is two people, each with a degree
    return _inverted(f"{kept[0]}, {kept[1]}")


def _names_of_parts(parts: list[str]) -> list[str] | None:
    """The names of comma parts, each "Given Family"; a job title after a name ("Ann Lee, senior
    lecturer1, Bo Chen, statistician2") is left out when the line names two people or more."""
    names: list[str] = []
    roles = 0
    for part in parts:
        if names and _is_role_part(part) and len(names) > roles:
            roles += 1
            continue
        name = _given_first(part)
        if name is None:
            return None
        names.append(name)
    if roles and len(names) < 2:
        return None
    return names or None


def _is_role_part(part: str) -> bool:
    """A job title or role in lower case ("professor of mental health services research")."""
    words = part.split()
    return 1 <= len(words) <= 8 and all(re.fullmatch(r"[a-z][a-z'’-]*|&", word) for word in words)


def _cjk_names(text: str) -> AuthorLine | None:
    """Chinese, Japanese or Korean names. Where punctuation separates the names, a space inside one
    separates family and given name ("森本 由紀, 高橋 誠") and the name stays whole. An affiliation in
    brackets after a name ("박서연(동해대학교)") is not part of it."""
    text = _MARKERS.sub(" ", re.sub(r"[(（][^()（）]{1,60}[)）]", " ", text))
    if re.search(r"[;；,，、]", text):
        parts = [" ".join(p.split()) for p in re.split(r"[;；,，、]+", text) if p.strip()]
        if parts and all(_CJK_NAME.match(p) or _CJK_SPACED_NAME.match(p) for p in parts):
            return AuthorLine(tuple(parts))
    parts = [p.strip() for p in re.split(r"\s+", text) if p.strip()]
    if parts and all(_CJK_NAME.match(p) for p in parts):
        return AuthorLine(tuple(parts))
    return None


def _listed(parts: list[str]) -> AuthorLine | None:
    """Names separated by bars or semicolons: each "Family, Given" or "Given Family"."""
    parts = [_without_degrees(p) for p in parts if p.strip()]
    parts = [p for p in parts if p]
    if not parts:
        return None
    if all(p.count(",") == 1 for p in parts):
        names = [_inverted(p) for p in parts]
        return AuthorLine(tuple(n for n in names if n), inverted=True) if all(names) else None
    names = [_given_first(p) for p in parts]
    return AuthorLine(tuple(n for n in names if n)) if all(names) else None


def _without_degrees(part: str) -> str:
    """"Jane Q. Doe, MD, MPH ," -> "Jane Q. Doe": credentials and empty pieces left by markers removed."""
    pieces = [piece.strip() for piece in part.split(",")]
    return ", ".join(piece for piece in pieces if piece and not _is_degree_part(piece))


def _inverted(part: str) -> str | None:
    """"Family, Given" with credentials after the given name dropped ("Bertolini, Giada PhD")."""
    family, _, given = part.partition(",")
    given_tokens = given.split()
    while len(given_tokens) > 1 and given_tokens[-1].lower().strip(".") in DEGREES:
        given_tokens.pop()
    tokens = family.split() + given_tokens
    if not 2 <= len(tokens) <= 6 or not all(_is_name_token(t) for t in tokens):
        return None
    return normalize_name(f"{family.strip()}, {' '.join(given_tokens)}")


def _given_first(part: str) -> str | None:
    """A "Given Family" or Vancouver "Family GQ" name without degrees, or None."""
    tokens = [t.strip(",") for t in part.split()]
    while len(tokens) > 2 and tokens[-1].lower().strip(".") in DEGREES:
        tokens.pop()  # but "Hartley JD" keeps "JD": with one token left the letters are initials
    while tokens and tokens[0].lower().strip(".") in DEGREES:
        tokens.pop(0)
    if not 2 <= len(tokens) <= 5 or not all(_is_name_token(t) for t in tokens):
        return None
    if not any(len(t.strip(".")) > 1 and not _INITIALS.match(t) for t in tokens):
        return None
    text = " ".join(tokens)
    if len(tokens) == 3 and _PATRONYMIC.search(tokens[2]) and not _PATRONYMIC.search(tokens[0]) \
            and len(tokens[1].strip(".")) > 1:  # "Ana M. Petrovic": an initial is no given name
        return normalize_name(f"{tokens[0]}, {tokens[1]} {tokens[2]}")  # East Slavic "Family Given Patronymic"
    if len(tokens) >= 3 and tokens[-2].lower() in _CAPITAL_PARTICLES and tokens[-2][:1].isupper():
        return normalize_name(f"{tokens[-2]} {tokens[-1]}, {' '.join(tokens[:-2])}")  # "Leïla El Amrani"
    if len(tokens) == 2 and _INITIALS.match(tokens[1]) and len(tokens[0]) > 1:
        return normalize_name(text, given_first=False)
    if len(tokens) == 3 and _INITIALS.match(tokens[2]) and not _INITIALS.match(tokens[0]) \
            and (tokens[0].lower() in _PARTICLES or tokens[0].lower() in _CAPITAL_PARTICLES or len(tokens[0]) <= 2):
        return normalize_name(f"{tokens[0]} {tokens[1]}, {tokens[2]}")  # Vancouver "Ó Murchadha D", "Van Dijk AM"
    return normalize_name(text, given_first=True)


def _is_name_token(token: str) -> bool:
    lowered = token.lower()
    if lowered in _PARTICLES or lowered in _SUFFIXES:
        return True
    if lowered.strip(".") in NOT_NAME_WORDS:
        return False
    return bool(_NAME_TOKEN.match(token) or _INITIALS.match(token) or _JOINED_PARTICLE.match(token))


def _is_degree_part(part: str) -> bool:
    """A comma-separated part holding only credentials ("MD", "MPH", "RN, BSN")."""
    tokens = part.replace(".", "").split()
    return bool(tokens) and all(t.lower() in DEGREES for t in tokens)


def is_name_with_degrees(text: str) -> bool:
    """A person's name followed by credentials ("Ana Roy, PhD", "Roy, Ana, RN, MSc"): an author's
    heading on a publisher page, which can never be a study's title."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if len(parts) < 2 or not _is_degree_part(parts[-1]):
        return False
    kept = [part for part in parts if not _is_degree_part(part)]
    if len(kept) == 1:
        return _given_first(kept[0]) is not None
    return len(kept) == 2 and _inverted(f"{kept[0]}, {kept[1]}") is not None
