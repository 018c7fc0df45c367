"""Which language a title or abstract is written in, from its script and its commonest words.

Pages often carry the same abstract in two languages; knowing which is which decides what is the
record's abstract and what is a translation. Short texts without enough evidence get None.
"""

from __future__ import annotations

import re

from ..clean import cjk_language, cjk_share

_STOPWORDS = {
    "en": [
        "the",
        "of",
        "and",
        "in",
        "to",
        "a",
        "is",
        "was",
        "were",
        "with",
        "for",
        "on",
        "that",
        "by",
        "from",
        "this",
        "we",
        "are",
        "as",
        "at",
        "an",
        "be",
        "or",
    ],
    "es": [
        "el",
        "la",
        "los",
        "las",
        "de",
        "del",
        "y",
        "en",
        "con",
        "por",
        "para",
        "que",
        "se",
        "una",
        "un",
        "fue",
        "al",
        "es",
        "como",
        "entre",
        "sus",
    ],
    "fr": [
        "le",
        "la",
        "les",
        "des",
        "de",
        "du",
        "et",
        "en",
        "un",
        "une",
        "pour",
        "par",
        "que",
        "est",
        "sont",
        "dans",
        "au",
        "aux",
        "avec",
        "sur",
        "été",
    ],
    "de": [
        "der",
        "die",
        "das",
        "und",
        "in",
        "den",
        "von",
        "zu",
        "mit",
        "für",
        "ist",
        "im",
        "dem",
        "des",
        "ein",
        "eine",
        "wurde",
        "nicht",
        "auf",
        "bei",
    ],
    "pt": [
        "o",
        "a",
        "os",
        "as",
        "de",
        "do",
        "da",
        "dos",
        "das",
        "e",
        "em",
        "com",
        "por",
        "para",
        "que",
        "um",
        "uma",
        "foi",
        "no",
        "na",
        "ao",
    ],
    "it": [
        "il",
        "lo",
        "la",
        "gli",
        "le",
        "di",
        "del",
        "della",
        "e",
        "in",
        "con",
        "per",
        "che",
        "un",
        "una",
        "è",
        "sono",
        "nel",
        "nella",
    ],
    "nl": ["de", "het", "een", "en", "van", "in", "met", "voor", "op", "dat", "is", "zijn", "werd", "bij", "naar"],
}


#: The same lists as sets, built once: they are looked up for every word of every page.
_STOPWORD_SETS: dict[str, frozenset[str]] = {lang: frozenset(words) for lang, words in _STOPWORDS.items()}


def guess_language(text: str) -> str | None:
    """A BCP 47 tag for ``text``, or None when the evidence is too thin to say."""
    if not text or not text.strip():
        return None
    if cjk_share(text) > 0.3:
        return cjk_language(text)
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < 3:
        return None
    scores = {lang: sum(1 for w in words if w in stops) for lang, stops in _STOPWORD_SETS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] >= 2 and ranked[0] > ranked[1]:
        return best
    return None


def has_function_words(text: str, lang: str) -> bool:
    """Whether ``text`` uses any function word of ``lang`` ("the", "of", "and" for English); a title of
    several words with none of them is written in another language. True for languages without a list."""
    stops = _STOPWORD_SETS.get(lang)
    if stops is None:
        return True
    return any(word in stops for word in re.findall(r"[^\W\d_]+", text.lower()))
