"""Plausibility checks: does a record look like a study, or like the page chrome around one?

Readers can be fooled by layouts they were not written for: a journal abbreviation taken for the
title, "Expand, Affiliations" taken for an author, a menu taken for the abstract. A wrong record
published with confidence is worse than an empty one, so every record is checked before it is
written; a record with any problem is written with ``status: needs-review`` and the reasons.

The checks are general: the shape of a title, a personal name, an abstract, a year and a DOI, plus
a small vocabulary of the labels scholarly websites put around articles (in a few languages).
Nothing here knows a particular site. When in doubt a check reports a problem rather than
staying silent: a person then decides.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .webpage.languages import guess_language, has_function_words
from .webpage.vocabulary import (
    CONSENT_PHRASES,
    DEGREES,
    ISSUE_LABELS,
    METRIC_WORDS,
    NOTICE_PHRASES,
    TITLE_PREFIX_LABELS,
    UI_LABELS,
    WEAK_METRIC_WORDS,
    is_menu_run,
    notice_kind,
)

# --------------------------------------------------------------------------- vocabulary (data)
# The labels scholarly websites put around articles live with the page readers' vocabulary
# (:mod:`generator.ingest.webpage.vocabulary`), one list for both; what follows is about records.

#: Metadata labels a real title may open with ("Copyright law and ...").
_TOPICAL_METADATA_LABELS: frozenset[str] = frozenset({
    "copyright", "license", "licence", "correspondence", "editor", "editors", "substances",
    "related information", "comment in", "erratum in", "grants and funding", "keywords plus", "mesh terms",
})

#: Common ISO 4 (LTWA) abbreviations of journal-title words; a title made of them is a journal.
JOURNAL_ABBREVIATIONS: frozenset[str] = frozenset({
    "j", "am", "br", "eur", "int", "ann", "arch", "rev", "res", "med", "clin", "psychiatr", "psychol",
    "soc", "sci", "serv", "treat", "subst", "adm", "ther", "pract", "epidemiol", "prev", "pharmacol",
    "pharm", "nurs", "addict", "behav", "dis", "disord", "emerg", "gen", "intern", "fam", "pediatr",
    "paediatr", "publ", "rep", "bull", "proc", "trans", "z", "jpn", "chin", "aust", "scand", "natl",
    "acad", "assoc", "environ", "econ", "educ", "ment", "stud", "syst", "technol", "surg", "neurol",
    "oncol", "obstet", "gynecol", "cardiol", "immunol", "infect", "commun", "qual", "saf", "manag",
    "rehabil", "occup", "hosp", "nutr", "physiol", "biol", "chem", "phys", "lett", "transm", "depend",
    "engl", "prim", "policy", "pol", "law", "crim", "forensic", "gerontol", "geriatr", "adolesc",
    "child", "dev", "harm", "reduct", "drug", "alcohol", "abuse", "health", "care", "public", "hlth",
    "sociol", "anthropol", "psychother", "couns", "sch", "univ", "inst", "dtsch", "ztschr", "esp", "fr",
    "bras", "latinoam", "mex", "saude", "salud", "publica", "cad",
})
#: The abbreviations above that are not also plain English words: at least two must occur.
_STRICT_ABBREVIATIONS = JOURNAL_ABBREVIATIONS - {
    "care", "health", "public", "drug", "alcohol", "abuse", "harm", "law", "policy", "child", "treat",
    "forensic", "fr", "dev",
}

_JOURNAL_NAME = re.compile(
    r"^(?:the\s+)?(?:(?:international|american|british|european|canadian|australian|asian|african|chinese|"
    r"japanese|indian|nordic|scandinavian|irish|official|new\s+england)\s+)*"
    r"(?:journal|annals|archives|bulletin|proceedings|transactions|revista|revue|zeitschrift|acta|"
    r"cadernos|cahiers|anales|archivos)\s+(?:of|de|für|for|do|da|des|di|on|del)\b", re.IGNORECASE)
_ENDS_AS_JOURNAL = re.compile(r"\b(?:journal|quarterly|bulletin|gazette|zeitschrift)$", re.IGNORECASE)

#: Words that mark a group (corporate) author, which is no person but a real author all the same.
#: Whole words; a trailing ``*`` allows any ending ("collaborat*": collaborative, collaboration).
GROUP_MARKERS: tuple[str, ...] = (
    "group*", "consortium", "collaborat*", "committee", "network", "investigators", "team", "working party",
    "task force", "initiative", "trialists", "study", "panel", "council", "association", "society",
    "organization", "organisation", "agency", "institute", "ministry", "department of health",
    "centers for", "centre for", "center for", "alliance", "coalition", "foundation",
    "grupo", "groupe", "gruppe", "comité", "konsortium", "协作组", "研究组", "小组", "委员会", "课题组",
)
#: Words that put an affiliation where an author should be.
AFFILIATION_WORDS: tuple[str, ...] = (
    "university", "universidad", "université", "universität", "universidade", "università",
    "department", "departamento", "département", "faculty", "facultad", "faculté", "school of",
    "hospital", "hôpital", "klinik", "street", "avenue", "road", "大学", "医院", "学院",
)
#: Words that put a journal where an author should be.
JOURNAL_WORDS: tuple[str, ...] = ("journal", "revista", "revue", "zeitschrift", "proceedings", "杂志", "学报")

#: Function words of four letters or more (shorter words are never compared) in the languages the
#: readers meet, plus words every study title may use; sharing only these proves nothing.
_STOPWORD_TEXT = """
    about above after again against also among amongst around because been before being below between
    both could does doing down during each either from further have having here into itself more most
    much must only other over same should some such than that their them then there these they this
    those through under until upon very were what when where whether which while whom whose with
    within without would your study studies using based toward towards versus
    para como entre sobre desde hasta pero este esta estos estas cuando donde durante según contra
    tras mediante ante todos todas otros otras
    pour dans avec sans sous entre leurs leur cette sont nous vous elle elles mais plus chez selon
    vers depuis aussi dont être
    eine einer eines einem einen über unter nach durch wird werden sind oder auch nicht beim eines
    sowie zwischen gegen
    pelo pela pelos pelas entre sobre como para numa nessa nesse desta deste
    della delle degli dello nella nelle sulla sugli
"""
STOPWORDS: frozenset[str] = frozenset(_STOPWORD_TEXT.split())

_MONTHS: frozenset[str] = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
    "septiembre", "setiembre", "octubre", "noviembre", "diciembre", "janvier", "février", "mars",
    "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    "januar", "februar", "märz", "juni", "juli", "oktober", "dezember",
})
_DATE_FILLERS: frozenset[str] = frozenset({
    "published", "online", "epub", "received", "accepted", "revised", "date", "on", "of", "de", "del",
    "le", "am", "publicado", "publié", "veröffentlicht", "st", "nd", "rd", "th", "er", "spring",
    "summer", "autumn", "fall", "winter",
})

# --------------------------------------------------------------------------- limits

MIN_TITLE_WORDS = 2
MAX_TITLE_WORDS = 60
MIN_ABSTRACT_WORDS = 6
MAX_ABSTRACT_WORDS = 3000
EARLIEST_YEAR = 1800
#: Abstracts shorter than this say too little to judge whether the title belongs to them.
MIN_COMPARED_ABSTRACT_WORDS = 25
#: A title of at most this many words, read from a page with no author found, may be a page heading.
MAX_SHORT_PAGE_TITLE_WORDS = 4
#: Content words are compared by their first letters, so that "nurses" meets "nurse" and "nursed".
STEM_LETTERS = 5

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?。！？]")
_SEPARATORS = re.compile(r"\s*(?:\||•|·|›|»|\s/\s|\s>\s|\n)\s*")
_TRAILING_COUNT = re.compile(r"[\s(\[]*\d[\d,.\s]*[)\]]?$")
_CITATION_LINE = re.compile(r"\b(?:1[89]|20)\d{2}\s*[;,]\s*\d+\s*(?:\(\s*[\w\-–]+\s*\))?\s*:\s*[\w\-–]+")
_VOLUME_LINE = re.compile(r"^(?:vol(?:ume)?\.?|no\.|issue)\s*\d+", re.IGNORECASE)
#: The locators of a citation: "27(5):318-331", "12(Suppl 2), e104", "2019;364", "vol. 27, no. 5", "pp. 318-331".
_CITATION_LOCATOR = re.compile(
    r"\b\d{1,4}\s*\(\s*(?:suppl(?:ement)?\.?\s*)?\d{1,4}(?:\s*[-–/]\s*\d{1,4})?\s*\)\s*[:,]\s*[eE]?\d+"
    r"|\b(?:1[89]|20)\d{2}\s*;\s*\d{1,4}\b"
    r"|\bvol(?:ume)?\.?\s*\d+\s*[,;(]?\s*(?:no|nr|n[°º]|núm|num|issue|iss)\.?\s*\d+"
    r"|\bpp\.?\s*\d+\s*[-–]\s*\d+", re.IGNORECASE)
_WEB_ADDRESS = re.compile(r"https?://|www\.|\bdoi\s*:\s*10\.|\b10\.\d{4,9}/\S+", re.IGNORECASE)
_DOMAIN = re.compile(r"^(?:www\.)?[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}$", re.IGNORECASE)
_ORDINAL = re.compile(r"^\d{1,2}(?:st|nd|rd|th|er|º|°)?$")
_CJK_DATE = re.compile(r"^\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?$")
_DOI = re.compile(r"^10\.\d{4,9}(?:\.\d+)*/\S+$")
#: An e-mail address. Matched only from the start of a run of non-space characters, and never across
#: another "@": the unanchored ``\S+@\S+`` took 16 s on one 3,000-character author of "@"s.
_EMAIL = re.compile(r"(?<![^\s@])[^\s@]+@[^\s@]+\.\w+")
#: Punctuation of sentences, not of names (initials have full stops, but no lower-case word follows them).
_PROSE_MARK = re.compile(r"[:;?!]|\.\s+[a-z]{3,}")
_DATE_TOKEN_BREAK = re.compile(r"[\s,./\-:]+")
_ABBREVIATION_BREAK = re.compile(r"[\s.]+")
_TITLE_PART_BREAK = re.compile(r"\s+[|\-–—:]\s+")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?。])\s*")


# --------------------------------------------------------------------------- the whole record


def record_problems(record: Mapping[str, Any], *, this_year: int | None = None) -> list[str]:
    """Every reason to doubt ``record``, in field order; an empty list means it looks like a study."""
    journals = [record.get("journal"), record.get("journal_abbrev")]
    problems = title_problems(record.get("title"), journals=[j for j in journals if isinstance(j, str)])
    problems += author_problems(_listed(record.get("authors")))
    problems += year_problems(record.get("year"), this_year=this_year)
    problems += doi_problems(record.get("doi"))
    problems += journal_problems(record.get("journal"))
    problems += abstract_problems(_listed(record.get("abstract")))
    translations = record.get("translations")
    problems += translation_problems(translations if isinstance(translations, Mapping) else {})
    problems += coherence_problems(record)
    problems += page_title_problems(record)
    problems += notice_problems(record)
    return problems


def _listed(value: Any) -> list[Any]:
    """A list field as a list (a hand-edited record may hold anything; the schema check says so)."""
    return list(value) if isinstance(value, list | tuple) else []


# --------------------------------------------------------------------------- labels


def normalised_label(text: str) -> str:
    """``text`` as label lookups see it: case-folded, trimmed of punctuation and of a trailing count."""
    folded = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    trimmed = _strip_symbols(folded)
    without_count = _strip_symbols(_TRAILING_COUNT.sub("", trimmed))
    return without_count or trimmed


def _strip_symbols(text: str) -> str:
    start, end = 0, len(text)
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return text[start:end]


#: Every label with its kind, for one lookup; labels are short, so longer text is never looked up.
_KIND_OF_LABEL: dict[str, str] = {label: kind for kind, labels in reversed(UI_LABELS.items()) for label in labels}
_LONGEST_LABEL = max(len(label) for label in _KIND_OF_LABEL)


def label_kind(text: str) -> str | None:
    """What kind of website label ``text`` is (see ``UI_LABELS``), or None for ordinary text."""
    if len(text) > 3 * _LONGEST_LABEL:
        return None
    return _KIND_OF_LABEL.get(normalised_label(text))


def _is_row_of_labels(text: str) -> bool:
    """"Abstract | Full text | PDF": every part between separators is a label."""
    parts = [p for p in _SEPARATORS.split(text) if p.strip()]
    return len(parts) >= 2 and all(label_kind(p) is not None for p in parts)


# --------------------------------------------------------------------------- titles


def title_problems(title: Any, *, journals: Iterable[str] = (), field: str = "title") -> list[str]:
    """Why ``title`` is not an article title (empty when it looks like one)."""
    if not isinstance(title, str) or not title.strip():
        return []  # a missing title is reported under 'missing', not as implausible
    shown = _shown(title)
    kind = label_kind(title)
    if kind is not None:
        return [f"{field} {shown} is {kind}, not an article title"]
    if _is_row_of_labels(title):
        return [f"{field} {shown} is a row of website labels, not an article title"]
    for check in (_date_problem, _citation_problem, _label_prefix_problem, _journal_problem, _site_problem,
                  _banner_problem, _person_problem, _menu_problem, _shape_problem):
        problem = check(title, list(journals))
        if problem:
            return [f"{field} {shown} {problem}"]
    return []


def _label_prefix_problem(title: str, _journals: list[str]) -> str | None:
    """"Publication: Journal of ...", "Source: ...": a metadata field read with its label, not a title."""
    row = _LABEL_ROW.match(title)
    if row is None:
        return None
    label = normalised_label(row.group(1))
    is_metadata = label_kind(label) == "a metadata label" and label not in _TOPICAL_METADATA_LABELS
    if is_metadata or label in TITLE_PREFIX_LABELS:
        return f"begins with a metadata label ({_shown(row.group(1))}): a field of the page, not an article title"
    if label in ISSUE_LABELS:
        return (f"begins with {_shown(row.group(1))}: a journal's announcement or issue, not an article title")
    return None


def _date_problem(title: str, _journals: list[str]) -> str | None:
    if _CJK_DATE.match(title.strip()):
        return "is a date, not an article title"
    tokens = [t for t in _DATE_TOKEN_BREAK.split(title.casefold()) if t]
    has_year = any(t.isdigit() and len(t) == 4 and EARLIEST_YEAR <= int(t) <= 2100 for t in tokens)
    if not (has_year or any(t in _MONTHS for t in tokens)) or not any(t.isdigit() for t in tokens):
        return None
    if all(t.isdigit() or t in _MONTHS or t in _DATE_FILLERS or _ORDINAL.match(t) for t in tokens):
        return "is a date, not an article title"
    return None


def _citation_problem(title: str, _journals: list[str]) -> str | None:
    if _CITATION_LINE.search(title) or _VOLUME_LINE.match(title.strip()) or _CITATION_LOCATOR.search(title):
        return "is a citation line (journal, year, volume, pages), not an article title"
    if _WEB_ADDRESS.search(title) or _EMAIL.search(title):
        return "holds a web address, e-mail or DOI, which an article title does not"
    return None


def _journal_problem(title: str, journals: list[str]) -> str | None:
    key = normalised_label(title)
    if any(key == normalised_label(j) for j in journals if j.strip()):
        return "is the journal's name, not the article's title"
    if ":" not in title and _looks_like_journal(title):
        return "looks like a journal name or abbreviation, not an article title"
    return None


def _looks_like_journal(title: str) -> bool:
    words = title.split()
    if _JOURNAL_NAME.match(title) and len(words) <= 10:
        return True
    if _ENDS_AS_JOURNAL.search(title.strip()) and len(words) <= 6 and all(_capitalised(w) for w in words
                                                                           if len(w) > 3):
        return True
    return _is_journal_abbreviation(title)


def _is_journal_abbreviation(title: str) -> bool:
    """"J Subst Abuse Treat", "Am. J. Public Health": capitalised ISO 4 abbreviations only."""
    tokens = [t for t in _ABBREVIATION_BREAK.split(title) if t and t != "&"]
    if not 2 <= len(tokens) <= 8 or not all(t[0].isupper() for t in tokens):
        return False
    strict = sum(t.casefold() in _STRICT_ABBREVIATIONS for t in tokens)
    known = sum(t.casefold() in JOURNAL_ABBREVIATIONS or t.isupper() and len(t) <= 5 for t in tokens)
    return strict >= 2 and known >= 0.6 * len(tokens) or strict >= 2 and len(tokens) <= 3


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or not word[:1].isalpha()


def _site_problem(title: str, _journals: list[str]) -> str | None:
    stripped = title.strip()
    if _DOMAIN.match(stripped):
        return "is a web address, not an article title"
    parts = _TITLE_PART_BREAK.split(stripped)
    if len(parts) >= 2 and label_kind(parts[-1]) == "the name of a website or database":
        return f"still ends with the website's name ({_shown(parts[-1])})"
    return None


# A cookie or consent banner's heading or sentence: the site speaking of its own cookies.
_BANNER = re.compile(r"\bcookies?\b.{0,40}\b(this|our|the)( [\w'’-]+)? (site|website|service|portal)\b|"
                     r"\b(we|we'd|we’d|we would)\b.{0,40}\bcookies\b|"
                     r"^\W*((your|our|about|manage|managing|accept|reject|allow)\s+)?(\w+\s+)?cookies?"
                     r"(\s+(policy|notice|consent|banner|choices|preferences|settings|statement))?\W*$|"
                     r"\b(cookie|consent) (settings|preferences|choices|banner)\b", re.IGNORECASE)
# "Given Family, PhD" or "Family, Given, RN, MSc": a person's name and credentials (a credential is a
# short token of capitals, optionally with small letters between, as in "MSc", "PhD", "MBChB", "FRCP").
_CREDENTIAL = r"(?:[A-Z][A-Za-z]{0,5}\.?(?:-[A-Z]{1,3})?|Dr\.?|Prof\.?)"
_PERSON_WITH_DEGREES = re.compile(
    rf"^\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){{0,3}}(?:,\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){{0,2}})?"
    rf"(?:,\s*{_CREDENTIAL}(?:\s+{_CREDENTIAL})?)+\s*$")
_CREDENTIAL_SHAPE = re.compile(r"^(?=.*[A-Z].*[A-Z]|.*[A-Z][a-z]+[A-Z])[A-Za-z.-]{2,8}$")


def _banner_problem(title: str, _journals: list[str]) -> str | None:
    if _BANNER.search(title) and len(title.split()) <= 20:
        return "is a cookie or consent banner, not an article title"
    return None


def _person_problem(title: str, _journals: list[str]) -> str | None:
    """A name followed by credentials ("Ana Roy, MSc"): an author's heading on a publisher page."""
    if not _PERSON_WITH_DEGREES.match(title):
        return None
    last = title.rsplit(",", 1)[-1].strip()
    if all(_CREDENTIAL_SHAPE.match(token) and token.lower().strip(".") in DEGREES for token in last.split()):
        return "is a person's name with degrees, not an article title"
    return None


def _menu_problem(title: str, _journals: list[str]) -> str | None:
    """"Current issue All issues Submit About": a menu's items run together, not a title."""
    if is_menu_run(title):
        return "is made only of menu words (a navigation bar run together), not an article title"
    return None


def _shape_problem(title: str, _journals: list[str]) -> str | None:
    cjk = len(_CJK.findall(title))
    words = len(_WORD.findall(_CJK.sub(" ", title)))
    if cjk < 4 and words < MIN_TITLE_WORDS:
        return f"has {_count(words, 'word')}, too few for an article title"
    if words > MAX_TITLE_WORDS:
        return f"has {words} words: it reads like running text, not a title"
    visible = [c for c in title if not c.isspace()]
    letters = sum(c.isalpha() for c in visible)
    if visible and letters < 0.5 * len(visible):
        return "is mostly digits and symbols, not words"
    return None


# --------------------------------------------------------------------------- authors


def author_problems(authors: Iterable[Any]) -> list[str]:
    """Why any listed author is not a person's name (or a group author); one reason per author,
    then one for each person the list names twice."""
    names = [author.strip() for author in authors if isinstance(author, str) and author.strip()]
    problems: list[str] = []
    for author in names:
        problem = _author_problem(author)
        if problem:
            problems.append(f"author {_shown(author)} {problem}")
    for first, second in _repeated_people(names):
        problems.append(f"authors {_shown(first)} and {_shown(second)} name the same author twice "
                        "(a name repeated by the reader or the source?)")
    return problems


def _author_problem(author: str) -> str | None:
    family, _, given = (part.strip() for part in author.partition(","))
    if _is_label_name(author, family, given):
        return "is a website label, not a person's name"
    widget = _metric_word(author)
    if widget:
        return f"holds {_shown(widget)}, a word of a page's metrics or sharing buttons, not of a person's name"
    if given and _is_label_given_name(given):
        return f"has a website label ({_shown(given)}) for its given name"
    if _is_rotated_patronymic(family, given):
        return (f"has the patronymic {_shown(family)} as its family name: the parts of the name are in the "
                "wrong order")
    is_group = _mentions(author, _GROUP_WORDS)
    if _EMAIL.search(author) or _WEB_ADDRESS.search(author):
        return "holds a web or e-mail address, not a name"
    if _mentions(author, _JOURNAL_WORDS) and not is_group:
        return "looks like a journal name, not a person"
    if _mentions(author, _AFFILIATION_WORDS) and not is_group:
        return "looks like an affiliation, not a person"
    if not any(c.isalpha() for c in family):
        return "has no letters in the family name"
    if any(c.isdigit() for c in author) and not is_group:
        return "has digits in it (an affiliation mark or a date?)"
    if not is_group and (len(author) > 80 or len(_WORD.findall(family)) > 5 or _PROSE_MARK.search(author)):
        return "reads like text, not a name"
    return None


def _metric_word(author: str) -> str | None:
    """The metrics or sharing-widget word that makes ``author`` no person ("Downloads, Total"; "Icon, Ana
    Ruiz" from "Ana Ruiz ORCID Icon"), or None. Group authors may name metrics ("Institute for Health
    Metrics"), so a sure word counts only outside one; weak words only when the name is nothing else."""
    folded = unicodedata.normalize("NFKC", author).casefold()
    words = _WORD.findall(_CJK.sub(" ", folded)) + _CJK_RUN.findall(folded)
    if not words:
        return None
    sure = next((w for w in words if w in METRIC_WORDS), None)
    if sure and not _mentions(author, _GROUP_WORDS):
        return sure
    if all(w in METRIC_WORDS or w in WEAK_METRIC_WORDS for w in words):
        return words[0]
    return None


def _is_label_given_name(given: str) -> bool:
    """"Smith, Corresponding author", "Okafor, Show more": the given name is a field or menu label.

    Single menu words ("Home", "Close", "More") are left alone: some are given names somewhere.
    """
    kind = label_kind(given)
    return kind == "a metadata label" or kind == "a navigation or page label" and len(given.split()) > 1


#: Endings of East Slavic patronymics ("Petrovna", "Ivanovich"), in Latin and Cyrillic letters.
_FEMALE_PATRONYMIC = re.compile(r"(?:ovna|evna|ichna|ovná|овна|евна|ична)$", re.IGNORECASE)
_MALE_PATRONYMIC = re.compile(r"(?:ovich|evich|ovič|evič|ович|евич)$", re.IGNORECASE)
#: Endings of East Slavic men's family names ("Petrov", "Sokolovsky"), Latin and Cyrillic.
_SLAVIC_MALE_FAMILY = re.compile(r"(?:ov|ev|in|sky|skiy|skii|ский|ов|ев|ин)$", re.IGNORECASE)


def _is_rotated_patronymic(family: str, given: str) -> bool:
    """"Petrovna, Vorontsova Elena": a patronymic stands as the family name and the family name among
    the given names. Female patronymics (-ovna, -evna) are never family names; male ones (-ovich) are
    ("Abramovich"), so those count only in "Ivanovich, Sokolov Dmitri": a man's family name, then a name."""
    if len(family.split()) != 1 or not given:
        return False
    if _FEMALE_PATRONYMIC.search(family):
        return True
    words = given.split()
    return bool(_MALE_PATRONYMIC.search(family)) and len(words) == 2 and len(words[0]) > 4 and bool(
        _SLAVIC_MALE_FAMILY.search(words[0]))


def _repeated_people(names: list[str]) -> list[tuple[str, str]]:
    """Pairs of list entries that name the same person: the same family name and given names that agree
    ("Lund, Per" and "Lund, P."); "Lund, P." and "Lund, K." are two people, and so are "Lund" and
    "Lund, P." (too little to tell)."""
    pairs: list[tuple[str, str]] = []
    keyed = [(_fold(family.strip()), _given_parts(given), name)
             for name in names for family, _, given in [name.partition(",")]]
    for index, (family, given, name) in enumerate(keyed):
        for other_family, other_given, other in keyed[index + 1:]:
            if family == other_family and _same_given_names(given, other_given):
                pairs.append((name, other))
                break
    return pairs


_GIVEN_PART_BREAK = re.compile(r"[\s.\-‐]+")


def _given_parts(given: str) -> list[str]:
    """Given names and initials, folded: "J.-P." -> ["j", "p"], "JR" -> ["j", "r"], "Jean Pierre" -> both words."""
    parts: list[str] = []
    for part in _GIVEN_PART_BREAK.split(given.strip()):
        if not part:
            continue
        if part.isupper() and 2 <= len(part) <= 3 and part.isalpha():
            parts.extend(part.casefold())  # "JR": run-together initials
        else:
            parts.append(_fold(part))
    return parts


def _same_given_names(first: list[str], second: list[str]) -> bool:
    """Given names agree when both are empty, or when each name or initial of the shorter list matches
    the other list's in order (an initial matches a name it begins).

    One initial on both sides proves nothing: MEDLINE lists two different people "Wang Y" in one paper.
    """
    if not first or not second:
        return not first and not second
    if all(len(part) == 1 for part in first + second) and min(len(first), len(second)) < 2:
        return False
    return all(a == b or (len(a) == 1 or len(b) == 1) and a[0] == b[0] for a, b in zip(first, second))


@dataclass(frozen=True)
class _WordList:
    """A list of words and phrases, prepared for fast whole-word lookups (see ``_mentions``)."""

    phrases: frozenset[str]
    prefixes: tuple[str, ...]
    cjk: tuple[str, ...]
    longest: int


def _word_list(words: Iterable[str]) -> _WordList:
    """``*`` at the end allows any ending; CJK words match anywhere (they are written without spaces)."""
    items = list(words)
    return _WordList(frozenset(w for w in items if not w.endswith("*") and not _CJK.search(w)),
                     tuple(w.rstrip("*") for w in items if w.endswith("*")),
                     tuple(w for w in items if _CJK.search(w)),
                     max(len(w.split()) for w in items))


_GROUP_WORDS = _word_list(GROUP_MARKERS)
_AFFILIATION_WORDS = _word_list(AFFILIATION_WORDS)
_JOURNAL_WORDS = _word_list(JOURNAL_WORDS)
_TOKEN = re.compile(r"[\w.]+")


def _mentions(text: str, words: _WordList) -> bool:
    """Whether ``text`` holds one of ``words`` as whole words."""
    folded = text.casefold()
    if any(w in folded for w in words.cjk):
        return True
    tokens = [t.strip(".") for t in _TOKEN.findall(folded)]
    if any(t.startswith(words.prefixes) for t in tokens if words.prefixes):
        return True
    for size in range(1, words.longest + 1):
        if any(" ".join(tokens[i:i + size]) in words.phrases for i in range(len(tokens) - size + 1)):
            return True
    return False


def _is_label_name(author: str, family: str, given: str) -> bool:
    """"Expand, Affiliations" or "Research, Original": the name is website labels, in either order.

    A family name alone may be a label word and still a real name ("Close, Glenn"), so both parts
    must be labels, or the whole must read as one label.
    """
    whole = [author, f"{given} {family}", f"{family} {given}"]
    if any(label_kind(text) is not None for text in whole if text.strip()):
        return True
    return bool(given) and label_kind(family) is not None and label_kind(given) is not None


# --------------------------------------------------------------------------- other fields


def year_problems(year: Any, *, this_year: int | None = None) -> list[str]:
    """A publication year outside 1800..next year is a misread (a page number, a count, a typo)."""
    if year is None:
        return []
    latest = (this_year or date.today().year) + 1
    if isinstance(year, bool) or not isinstance(year, int) or not EARLIEST_YEAR <= year <= latest:
        return [f"year {year!r} is not a plausible publication year ({EARLIEST_YEAR}-{latest})"]
    return []


def doi_problems(doi: Any) -> list[str]:
    """A DOI is '10.<registrant>/<suffix>' with no spaces; trailing punctuation is a copying slip."""
    if doi is None or doi == "":
        return []
    text = str(doi)
    if not _DOI.match(text) or len(text) > 300:
        return [f"doi {_shown(text)} is not a valid DOI (10.<number>/<suffix>, no spaces)"]
    if text[-1] in ".,;:" or text.count("(") != text.count(")") or text.count("[") != text.count("]"):
        return [f"doi {_shown(text)} ends or is cut in a way no DOI is (check its last characters)"]
    return []


def journal_problems(journal: Any) -> list[str]:
    """The journal field holds a journal's name, not a label, a date, an address or a sentence.

    Readers that take the wrong line of a page or the wrong cell of an export put there a field name
    ("Year"), a footnote ("Author to whom correspondence should be addressed"), a journal's section
    ("Sec. Health Workforce") or a citation cut in the wrong place ("Rural Care Notes, Vol").
    """
    if not isinstance(journal, str) or not journal.strip():
        return []
    text = " ".join(journal.split())
    for check in (_journal_label_problem, _journal_date_problem, _journal_address_problem,
                  _journal_section_problem, _journal_locator_problem, _journal_sentence_problem):
        problem = check(text)
        if problem:
            return [f"journal {_shown(text)} {problem}"]
    return []


def _journal_label_problem(journal: str) -> str | None:
    """"Current issue", "Year", or "Publisher: Ashgrove Press" (a label before the value)."""
    kind = label_kind(journal)
    if kind is not None and kind not in ("the name of a website or database", "an article-type label"):
        return f"is {kind}, not a journal name"
    row = _LABEL_ROW.match(journal)
    if row and label_kind(row.group(1)) == "a metadata label":
        return f"begins with a metadata label ({_shown(row.group(1))}), not with the journal's name"
    return None


def _journal_date_problem(journal: str) -> str | None:
    return "is a date, not a journal name" if _date_problem(journal, []) is not None else None


def _journal_address_problem(journal: str) -> str | None:
    if _WEB_ADDRESS.search(journal) or _EMAIL.search(journal):
        return "holds a web address, e-mail or DOI, which a journal's name does not"
    return None


#: "Sec. Health Workforce", "Section: Primary care", "Specialty section": a part of a journal, not the journal.
_SECTION_MARKER = re.compile(
    r"^(?:specialty\s+)?(?:sec|sect|section|secci[oó]n|se[cç][aã]o|sezione|rubrique|rubrik|sektion|abschnitt|"
    r"栏目|专栏)(?:\.|:|\s|$)", re.IGNORECASE)


def _journal_section_problem(journal: str) -> str | None:
    if _SECTION_MARKER.match(journal):
        return "is a section of a journal, not the journal's name"
    return None


#: "Rural Care Notes, Vol", "Health Review No.": a citation cut before its volume, issue or pages.
_ENDS_IN_LOCATOR = re.compile(r"(?:^|[\s,.;:(])(?:vol|volume|no|nr|number|issue|iss|pp|pages?)\W*$", re.IGNORECASE)


def _journal_locator_problem(journal: str) -> str | None:
    ending = _ENDS_IN_LOCATOR.search(journal)
    if ending:
        return (f"ends in {_shown(ending.group(0).strip(' ,.;:('))}: a citation cut before its volume, issue "
                "or pages, not a journal name")
    return None


#: Lower-case words that make a clause (pronouns, relatives, auxiliary and modal verbs) and that no
#: journal name uses; "to whom correspondence should be addressed" has three of them.
_CLAUSE_WORDS: frozenset[str] = frozenset({
    "i", "we", "our", "you", "your", "he", "she", "they", "whom", "who", "whose",
    "which", "this", "these", "those", "is", "are", "was", "were", "be", "been", "being", "has", "have",
    "had", "should", "would", "could", "must", "shall", "will", "can", "may", "might", "please", "click",
    "here", "not", "see",
    "debe", "deben", "puede", "pueden", "doit", "doivent", "peut", "peuvent", "sollte", "sollten", "wird",
    "werden", "kann", "können",
})


def _journal_sentence_problem(journal: str) -> str | None:
    """A footnote, a notice or an instruction: clause words, or a full stop after a lower-case word."""
    words = _WORD.findall(journal)
    clause = [w for w in words if w in _CLAUSE_WORDS]
    # An export may write a journal all in lower case ("can fam physician"): then one such word is no proof.
    needed = 2 if journal.islower() else 1
    if len(clause) >= needed and len(words) >= 3:
        return f"reads like a sentence (\"{clause[0]}\"), not a journal name"
    last = words[-1] if words else ""
    if len(words) >= 4 and journal.endswith(".") and last.islower() and len(last) >= 3:
        return "reads like a sentence (it ends with a full stop after a word), not a journal name"
    return None


def abstract_problems(sections: Iterable[Any], *, field: str = "abstract") -> list[str]:
    """An abstract is prose of a plausible length: sentences, not a few words, a menu or a whole page."""
    text = _abstract_text(sections)
    if not text:
        return []
    size = _word_count(text)
    kept = _word_count(_without_notices(text))
    if kept < MIN_ABSTRACT_WORDS:
        notice = " besides a publisher's notice" if kept < size else ""
        return [f"{field} has {_count(kept, 'word')}{notice}, too few for an abstract"]
    if size > MAX_ABSTRACT_WORDS:
        return [f"{field} has about {size} words: more than an abstract (the full text or the whole page?)"]
    folded = unicodedata.normalize("NFKC", text).casefold()
    consent = next((phrase for phrase in CONSENT_PHRASES if phrase in folded), None)
    if consent:
        return [f"{field} contains a cookie or consent notice ({consent!r})"]
    metadata = _metadata_problem(text)
    if metadata:
        return [f"{field} {metadata}"]
    if not _SENTENCE_END.search(text):
        return [f"{field} has no sentences (no full stop anywhere)"]
    labels = _label_segments(text)
    if len(labels) >= 3:
        return [f"{field} is full of website labels ({', '.join(_shown(x) for x in labels[:3])}, ...)"]
    if _mostly_capitalised(text):
        return [f"{field} reads like a list of labels or menu items, not sentences"]
    return []


def translation_problems(translations: Mapping[str, Any]) -> list[str]:
    """Titles and abstracts given in other languages get the same checks."""
    problems: list[str] = []
    for lang, translation in translations.items():
        if not isinstance(translation, Mapping):
            continue
        problems += title_problems(translation.get("title"), field=f"{lang} title")
        problems += abstract_problems(_listed(translation.get("abstract")), field=f"{lang} abstract")
    return problems


# --------------------------------------------------------------------------- title and abstract together


def coherence_problems(record: Mapping[str, Any]) -> list[str]:
    """A title that shares no content word with its own abstract is probably page chrome.

    A reader that takes a menu heading ("Collections", "Books and proceedings") for the title still
    finds the real abstract; nothing in the title then recurs in the abstract, which is rare for a
    study. Titles and abstracts in every language the record holds are compared with each other,
    so a title translated from the abstract's language is usually matched by its translation or
    by shared word roots; when it is not, review is the safe side. Only abstracts long enough to
    judge (``MIN_COMPARED_ABSTRACT_WORDS``) and titles with a content word in a script some
    abstract uses are judged.
    """
    titles, abstracts = _titles_and_abstracts(record)
    abstracts = [a for a in abstracts if _word_count(a) >= MIN_COMPARED_ABSTRACT_WORDS]
    if not titles or not abstracts:
        return []
    keywords = [k for k in _listed(record.get("keywords")) if isinstance(k, str)]
    body = _content_terms(" ".join([*abstracts, *keywords]))
    title_terms = [_content_terms(title) for title in titles]
    # Sharing a word is checked before the languages are guessed: it settles most records more cheaply.
    if any(terms.shares_with(body) for terms in title_terms):
        return []
    if all(_in_other_language(title, abstracts) for title in titles):
        return []
    if not any(terms.comparable_with(body) for terms in title_terms):
        return []
    return [f"title {_shown(titles[0])} shares no word with the abstract: it may be a page heading or menu "
            "item rather than the study's title (if it is a translation, confirm it)"]


#: A title with at least this many words and no function word of the abstracts' language is in another one.
MIN_FOREIGN_TITLE_WORDS = 6


def _in_other_language(title: str, abstracts: list[str]) -> bool:
    """A title written in another language than every abstract (a Turkish title over an English abstract):
    the two cannot share words, so their not sharing any says nothing about the title."""
    if len(_WORD.findall(title)) < MIN_FOREIGN_TITLE_WORDS:
        return False
    languages = {guess_language(abstract) for abstract in abstracts}
    return None not in languages and not any(has_function_words(title, lang) for lang in languages if lang)


def page_title_problems(record: Mapping[str, Any]) -> list[str]:
    """A short title read from a web page on which no author was found is likely a page heading.

    Page readers that miss the article block fall back on some heading of the page ("Books and
    proceedings", "Guidance for contributors"); those are short, and such pages give no author
    either. A real article page nearly always names its authors, so the pair calls for a look.
    """
    source = record.get("source")
    page_format = str(source.get("format") or "") if isinstance(source, Mapping) else ""
    title = record.get("title")
    if not page_format.startswith("webpage") or not isinstance(title, str) or _listed(record.get("authors")):
        return []
    if len(_CJK.findall(title)) >= 4:
        return []  # Chinese, Japanese and Korean titles are short in words; the coherence check covers them
    words = _WORD.findall(title)
    if not words or len(words) > MAX_SHORT_PAGE_TITLE_WORDS:
        return []
    return [f"title {_shown(title)} has only {_count(len(words), 'word')} and the page gave no author: "
            "it may be a heading of the website rather than the article's title"]


def notice_problems(record: Mapping[str, Any]) -> list[str]:
    """A correction, retraction, expression of concern, list of reviewers or editorial board is no study,
    whatever else the record holds: its title or its publication type says so."""
    for value in (record.get("publication_type"), record.get("title")):
        kind = notice_kind(value) if isinstance(value, str) and value.strip() else None
        if kind:
            return [f"the source is a journal notice ({kind!r}: a correction, retraction, obituary, "
                    "book review, list of reviewers or the like), not a study; exclude it, or include it if it "
                    "truly reports one"]
    return []


def _titles_and_abstracts(record: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """Titles and abstract texts of ``record`` in its own language and in every translation."""
    titles = [record.get("title")]
    abstracts = [_abstract_text(_listed(record.get("abstract")))]
    translations = record.get("translations")
    for translation in (translations.values() if isinstance(translations, Mapping) else []):
        if isinstance(translation, Mapping):
            titles.append(translation.get("title"))
            abstracts.append(_abstract_text(_listed(translation.get("abstract"))))
    return ([t for t in titles if isinstance(t, str) and t.strip()], [a for a in abstracts if a.strip()])


def _abstract_text(sections: Iterable[Any]) -> str:
    texts = [s.get("text") for s in sections if isinstance(s, Mapping)]
    return "\n".join(t for t in texts if isinstance(t, str) and t.strip())


@dataclass(frozen=True)
class _Terms:
    """The content terms of a text: word stems, whole words, acronyms and CJK character pairs."""

    stems: frozenset[str]
    words: frozenset[str]
    acronyms: frozenset[str]
    pairs: frozenset[str]

    def shares_with(self, other: _Terms) -> bool:
        """Whether a content term of this text recurs in ``other`` (a stem meets a longer word's stem)."""
        if self.stems & other.stems or self.acronyms & other.acronyms or self.pairs & other.pairs:
            return True
        short = {s for s in self.stems if len(s) < STEM_LETTERS}
        return any(w.startswith(tuple(short)) for w in other.words) if short else False

    def comparable_with(self, other: _Terms) -> bool:
        """Whether the two texts have content words in a common script at all."""
        return bool(self.stems and other.stems or self.pairs and other.pairs)


_CJK_RUN = re.compile(f"{_CJK.pattern}+")
_ACRONYM = re.compile(r"\b[A-Z][A-Za-z]*[A-Z]\b")


def _content_terms(text: str) -> _Terms:
    """Content terms of ``text``, compared without case or accents ("Québec" = "Quebec")."""
    latin = _CJK.sub(" ", text)
    words = frozenset(_fold(w) for w in set(_WORD.findall(latin)))  # each distinct word folded once
    content = [w for w in words if len(w) >= 4 and w not in _FOLDED_STOPWORDS]
    pairs = frozenset(run[i:i + 2] for run in _CJK_RUN.findall(text) for i in range(len(run) - 1))
    acronyms = frozenset(a for a in _ACRONYM.findall(latin) if len(a) <= 6)
    return _Terms(frozenset(_stem(w) for w in content), words, acronyms, pairs)


#: Inflections removed before a word is cut to its stem, so that "nursing" meets "nurses".
_INFLECTIONS = ("ing", "ed", "es", "s")


def _stem(word: str) -> str:
    """The first ``STEM_LETTERS`` letters of ``word`` once a plural or verb ending is removed."""
    for ending in _INFLECTIONS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[:-len(ending)][:STEM_LETTERS]
    return word[:STEM_LETTERS]


def _fold(word: str) -> str:
    """``word`` in lower case without accents."""
    if word.isascii():
        return word.lower()  # the same as below for ASCII, and most words are
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_FOLDED_STOPWORDS = frozenset(_fold(w) for w in STOPWORDS)


#: "dc.identifier.citation", "citation_title", "prism.volume": keys of the metadata a repository shows.
_METADATA_KEY = re.compile(r"^[a-z]{2,}(?:[._][a-z]+){1,3}(?=[\s:=])")
#: "Label: value" on one line, the label short.
_LABEL_ROW = re.compile(r"^\s*([^\W\d][^:\n]{0,40}?)\s*[:：]\s*(\S.*)$")
#: Label kinds that open a section of a structured abstract ("Methods: ...") rather than a metadata row.
_SECTION_KINDS = ("a section heading", "an article-type label")


def _metadata_problem(text: str) -> str | None:
    """Why ``text`` is a block of metadata rows rather than an abstract ("Citation: ...", "dc.title ...").

    Repository and catalogue pages list their metadata as "label value" rows; a reader that takes the
    block for the abstract gives a citation or a list of fields. Structured abstracts have labelled
    sections too, but their labels are section headings and their values are sentences.
    """
    first = text.lstrip()
    if _METADATA_KEY.match(first):
        return f"begins with a metadata key ({_shown(first.split()[0])}), not with prose"
    row = _LABEL_ROW.match(first.split("\n", 1)[0])
    if row and label_kind(row.group(1)) == "a metadata label":
        return f"begins with a metadata label ({_shown(row.group(1))}), not with prose"
    lines = [line for line in text.splitlines() if line.strip()]
    rows = [line for line in lines if _is_metadata_row(line)]
    if len(rows) >= 3 and 2 * len(rows) >= len(lines):
        return f"is mostly 'label: value' rows ({len(rows)} of {len(lines)} lines), not prose"
    return None


def _is_metadata_row(line: str) -> bool:
    """"Publisher: Ashgrove Press" is a row; "Methods: We interviewed ..." is a section of prose."""
    if _METADATA_KEY.match(line.lstrip()):
        return True
    row = _LABEL_ROW.match(line)
    if not row or len(_WORD.findall(row.group(1))) > 4:
        return False
    kind = label_kind(row.group(1))
    if kind == "a metadata label":
        return True
    return kind not in _SECTION_KINDS and not _SENTENCE_END.search(row.group(2).rstrip()[-1:])


def _without_notices(text: str) -> str:
    """``text`` without the sentences that are publisher notices ("All rights reserved.")."""
    sentences = _SENTENCE_BREAK.split(text)
    return " ".join(s for s in sentences if not any(p in s.casefold() for p in NOTICE_PHRASES))


def _word_count(text: str) -> int:
    """Words in space-separated scripts plus Chinese/Japanese/Korean characters counted two per word."""
    cjk = len(_CJK.findall(text))
    return len(_WORD.findall(_CJK.sub(" ", text))) + (cjk + 1) // 2


#: Label kinds that never stand alone in an abstract (section headings and article types may).
_CHROME_KINDS = ("a navigation or page label", "a metadata label", "the name of a website or database")
_SEGMENT_BREAK = re.compile(r"\s*(?:[|•·›»\n]|[.!?。](?=\s|$))\s*")


def _label_segments(text: str) -> list[str]:
    """Lines, sentences and separated parts of ``text`` that are website labels on their own."""
    segments = _SEGMENT_BREAK.split(text)
    return [s for s in segments if len(s) <= _LONGEST_LABEL + 8 and label_kind(s) in _CHROME_KINDS]


def _mostly_capitalised(text: str) -> bool:
    """Menus are Title Case; prose (even German, with its capitalised nouns) is mostly lower case."""
    words = [w for w in _WORD.findall(text) if len(w) > 1 and not w.isupper()]
    if len(words) < 10:
        return False
    capitalised = sum(w[0].isupper() for w in words)
    return capitalised > 0.6 * len(words)


def _shown(text: str) -> str:
    flat = " ".join(str(text).split())
    return f'"{flat if len(flat) <= 60 else flat[:57] + "..."}"'


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
