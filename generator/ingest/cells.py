"""Reading the values export tools pack into one cell or line: author lists and citation strings.

Spreadsheet exports and Ovid's text exports squeeze structured data into single values: a list of
authors written "Family, G.; Family, G.", "Family GA, Family GB", "Given Family; Given Family" or
(Springer) with no separator at all, and a citation string such as "Journal of X. 45(3):211-9,
2019 Mar." in place of separate journal, volume, issue, pages and year. These helpers read such
values and return nothing rather than a guess when a value does not have a shape they know.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlsplit

from .normalize import (
    MONTH_NUMBERS,
    clean_text,
    iso_date,
    normalize_doi,
    normalize_name,
    normalize_pages,
    parse_year,
)
from .ris import publication_type as ris_publication_type

_INITIALS = re.compile(r"^(?:[A-Z]\.?-?){1,3}$|^(?:[A-Z]\.\s?-?)+$")
_SCOPUS_ID = re.compile(r"\s*\(\d{5,}\)\s*$")
# Family-name particles written joined to the next capital ("McDonald", "DeLuca", "LaFontaine"):
# a lower-to-upper case change right after one of these is not a boundary between two people.
_JOINED_PARTICLES = frozenset({"mc", "mac", "fitz", "de", "di", "da", "du", "le", "la", "van", "von", "o", "d",
                               "al", "el", "ben", "st"})
_AND = re.compile(r",?\s+and\s+|\s*&\s*")
_COMMA_OR_AND = re.compile(r",\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*")
_YEAR = r"(?:1[89]\d\d|20\d\d)"
# A month as a word in any case ("Mar", "MARCH", "Sept."), also run into a year ("Mar2021"), but
# not the start of another word ("Marine", "Decade").
_MONTH = re.compile(r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
                    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?", re.IGNORECASE)


# --- authors ---------------------------------------------------------------------------------


def python_list(cell: str) -> list[str] | None:
    """Items of a cell written as a Python list ("['Marx, Karl', 'Lindgren, Astrid']"), as tools
    built on Python (ASReview, rispy) write list fields; None when the cell is not one."""
    text = cell.strip()
    if not (text.startswith("[") and text.endswith("]")):
        return None
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return None
    return [item for item in value if item.strip()]


def split_authors(cell: str | None) -> tuple[str, ...] | None:
    """People named in one author cell, each as "Family, Given"; () for an empty cell and None when
    the cell has no layout we can split without guessing (then no authors beat wrong ones)."""
    text = clean_text(cell)
    if not text:
        return ()
    listed = python_list(text)
    if listed is not None:
        return _people(listed)
    if text.startswith("[") and text.endswith("]"):
        return ()  # a placeholder such as "[No author name available]"
    if ";" in text:
        return _people(text.split(";"))
    joined_by_and = _AND.split(text)
    if len(joined_by_and) > 1 and all(piece.count(",") == 1 for piece in joined_by_and):
        return _people(joined_by_and)  # "Roe, J. and Doe, K." (BibTeX, Rayyan), "Roe, J. & Doe, K." (APA)
    if "," in text:
        return _comma_separated(text)
    if len(joined_by_and) > 1:
        return _people(joined_by_and)
    dotted = _split_after_initials(text)
    if len(dotted) > 1:
        return _people(dotted)
    joined = _split_joined(text)
    return _people(joined) if joined is not None else None


def _people(parts: Iterable[str]) -> tuple[str, ...]:
    names: list[str] = []
    for part in parts:
        name = person_name(part)
        if name is None:
            continue
        if name not in names:
            names.append(name)
    return tuple(names)


#: Generation suffixes written after a name's initials ("Nakashima Y Jr").
GENERATION_SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV"})


def person_name(text: str) -> str | None:
    """One person as "Family, Given", from "Family, Given", "Family GA" or "Given Family"; a generation
    suffix after the initials stays last ("Nakashima Y Jr" -> "Nakashima, Y, Jr", as MEDLINE's AU writes it)."""
    part = clean_text(_SCOPUS_ID.sub("", text or ""))
    if not part:
        return None
    part = part.strip(" ,;")
    if not part:
        return None  # punctuation alone (";,") names nobody
    tokens = part.split()
    if len(tokens) > 2 and "," not in part and tokens[-1].rstrip(".") in GENERATION_SUFFIXES \
            and _ends_with_initials(" ".join(tokens[:-1])):
        name = person_name(" ".join(tokens[:-1]))
        return f"{name}, {tokens[-1].rstrip('.')}" if name else None
    last = part.split()[-1]
    if part.endswith(".") and (not _is_initials(last) or re.fullmatch(r"[A-Z]{2,3}\.", last)):
        part = part.rstrip(" .")  # a closing full stop, not the dot of an initial ("Okafor CN.")
    if "," in part:
        return normalize_name(part)
    if _ends_with_initials(part):
        tokens = part.split()
        cut = len(tokens)
        while cut > 1 and _is_initials(tokens[cut - 1]):
            cut -= 1
        return normalize_name(f"{' '.join(tokens[:cut])}, {' '.join(tokens[cut:])}")
    return normalize_name(part, given_first=True)


def _ends_with_initials(part: str) -> bool:
    tokens = part.strip(" ,;").split()
    return len(tokens) >= 2 and _is_initials(tokens[-1]) and not _is_initials(tokens[0])


def _is_initials(token: str) -> bool:
    """"J.C.", "JC", "J", "J.-P." are initials; "Li", "Wu" and "ABCD" are not."""
    letters = token.replace(".", "").replace("-", "")
    return 0 < len(letters) <= 3 and letters.isalpha() and letters.isupper()


def _comma_separated(text: str) -> tuple[str, ...] | None:
    """"Liu R., Adler D.G." (one person per part), "Phillips, J.C., Braun, R." (family and initials
    alternate), "Jane Roe, John Doe" (given names first) or one "Family, Given"."""
    parts = [part.strip() for part in _COMMA_OR_AND.split(text) if part.strip()]
    if all(_ends_with_initials(part) for part in parts):
        return _people(parts)
    if len(parts) > 1 and all(_initials_then_family(part) for part in parts):
        return _people(parts)  # "P Lindqvist, T Amadi" (Google Scholar): no part is a family name alone
    odd = parts[1::2]
    paired = all(_initials_only(part) for part in odd) or all(len(part.split()) == 1 for part in parts)
    if len(parts) % 2 == 0 and paired:
        return _people(f"{family}, {given}" for family, given in zip(parts[::2], odd))
    if all(len(part.split()) >= 2 for part in parts):
        # "Jane Roe, John Doe"; but "Garcia Lopez, Ana Maria" is one person, so two parts stay unread
        return _people(parts) if len(parts) > 2 else None
    if len(parts) == 2:
        return _people([text])
    return None


def _initials_then_family(part: str) -> bool:
    """"P Lindqvist", "J.-P. van Rooyen": initials first, then family-name words with no initials."""
    tokens = part.split()
    cut = 0
    while cut < len(tokens) and _is_initials(tokens[cut]):
        cut += 1
    return 0 < cut < len(tokens) and all(not token.endswith(".") for token in tokens[cut:])


def _initials_only(part: str) -> bool:
    return all(_is_initials(token) for token in part.split())


def _split_after_initials(text: str) -> list[str]:
    """"Okafor CN. Lindqvist M. Brandt-Ruiz E." (Ovid MEDLINE): a full stop after initials that
    follow a family name ends one person; "J. Smith" is not cut, its initial comes first."""
    pieces: list[list[str]] = [[]]
    for token in text.split():
        pieces[-1].append(token)
        ends_person = token.endswith(".") and _is_initials(token) and any(
            not _is_initials(earlier) for earlier in pieces[-1][:-1])
        if ends_person:
            pieces.append([])
    people = [piece for piece in pieces if piece]
    if not all(_family_then_initials(piece) for piece in people):
        return [text]  # "Prof. Rafik A. Aliev..." is not a list of "Family AB." names
    return [" ".join(piece) for piece in people]


def _family_then_initials(tokens: list[str]) -> bool:
    """"Okafor CN." or "Brandt-Ruiz E": family-name words (no abbreviations) and then initials."""
    family = tokens[:-1]
    return bool(family) and _is_initials(tokens[-1]) and all(
        not _is_initials(word) and not word.endswith(".") for word in family)


def _split_joined(text: str) -> list[str] | None:
    """Springer writes authors run together ("Mario RossiAnna Bianchi"): cut where a lower-case
    letter meets a capital, except after particles such as "Mc" and "De". None when a piece would
    not be a full name (the cell is then not split at all)."""
    pieces: list[str] = []
    start = 0
    for index in range(1, len(text)):
        before, here = text[index - 1], text[index]
        if not (before.islower() and here.isupper()):
            continue
        fragment = re.split(r"[\s.'’-]", text[start:index])[-1].lower()
        if fragment in _JOINED_PARTICLES:
            continue
        pieces.append(text[start:index])
        start = index
    pieces.append(text[start:])
    if len(pieces) > 1 and any(len(_without_titles(piece).split()) < 2 for piece in pieces):
        return None
    return pieces


def _without_titles(name: str) -> str:
    return re.sub(r"\b(?:Prof|Dr|Mr|Mrs|Ms|Professor|Assoc)\.?\s*", "", name)


# --- keywords, DOIs, types --------------------------------------------------------------------


def keyword_list(cell: str | None) -> list[str]:
    """Keywords from one cell: a Python list, ";"-separated, or ","-separated outside brackets
    (Embase writes "cyst (diagnosis, surgery), colonoscopy")."""
    text = clean_text(cell)
    if not text:
        return []
    listed = python_list(text)
    if listed is not None:
        return listed
    if ";" in text:
        return text.split(";")
    return _split_outside_brackets(text, ",")


def _split_outside_brackets(text: str, separator: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for char in text:
        depth += (char in "([") - (char in ")]")
        if char == separator and depth <= 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [part for part in parts if part.strip()]


def doi_from_url(url: str | None) -> str | None:
    """A DOI a link states as one: a doi.org address, a "doi=" parameter or an OpenURL "doi:" id."""
    text = clean_text(url)
    if not text or not re.match(r"^https?://", text, re.IGNORECASE):
        return None
    parts = urlsplit(text)
    if parts.netloc.lower().endswith("doi.org"):
        return normalize_doi(unquote(parts.path.lstrip("/")))
    for key, value in parse_qsl(parts.query):
        value = value.strip()
        if key.lower() in ("doi", "rft_id", "id") or value.lower().startswith(("doi:", "info:doi/")):
            doi = normalize_doi(re.sub(r"^(?:info:doi/|doi:)", "", value, flags=re.IGNORECASE))
            if doi and (key.lower() == "doi" or value.lower().startswith(("doi:", "info:doi/"))):
                return doi
    return None


_TYPE_WORDS = {
    "article": "journal article", "journal article": "journal article", "journalarticle": "journal article",
    "review": "review", "conference paper": "conference paper", "proceedings paper": "conference paper",
    "conferencepaper": "conference paper", "chapter": "book chapter", "book chapter": "book chapter",
    "bookchapter": "book chapter", "book section": "book chapter", "book": "book", "editorial": "editorial",
    "editorial material": "editorial", "letter": "letter", "note": "note", "erratum": "correction",
    "correction": "correction", "meeting abstract": "conference abstract", "conference abstract":
    "conference abstract", "conference review": "conference proceedings", "short survey": "review",
    "preprint": "preprint",
    "thesis": "thesis", "dissertation": "thesis", "report": "report", "data paper": "data paper",
}


def publication_type(value: str | None) -> str | None:
    """Plain words for a type column: "Article", "Conference Paper", "journalArticle", "JOUR"."""
    text = clean_text(value)
    if not text:
        return None
    first = text.split(";")[0].strip()
    if len(first) <= 2:
        return None  # a one-letter code such as Web of Science's "J" says too little
    if re.fullmatch(r"[A-Z]{3,6}", first):
        return ris_publication_type(first)
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", first).lower()
    return _TYPE_WORDS.get(words, words)


# --- citation strings -------------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """What a citation string states; every field None when the string has no shape we know."""

    journal: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    year: int | None = None
    date: str | None = None


_EMBASE_STYLE = re.compile(  # "Cancer (2004) 102:4 (253-258). Date of Publication: 25 Aug 2004"
    rf"^(?P<journal>[^()]+?)\s+\((?P<year>{_YEAR})\)\s*(?P<volume>[A-Za-z]?\d[\w.-]*)(?::(?P<issue>[\w./-]+))?"
    r"\s*(?:\((?P<pages>[^)]+)\))?")
# "Vol. 4", "Volume 4": the word before a volume number; "No. 2", "Issue 2": the word before an issue.
_VOLUME_WORD = r"(?i:vol(?:ume)?\.?)\s*"
_ISSUE_WORD = r"(?i:issue|iss\.?|no\.?|number|nr\.?)\s*"
_PUBMED_STYLE = re.compile(  # "J Abbrev. 2019 Mar 5;98(2):1-8." / "J Abbrev. 2023;11(4):211-219" / "J. 2018; Vol. 4"
    rf"^(?P<journal>.+?)\.\s+(?P<year>{_YEAR})(?P<when>[^;:]*?);\s*(?:{_VOLUME_WORD})?(?P<volume>[^(:;,\s]+)?"
    rf"(?:\s*\((?P<issue>[^)]+)\)|\s*,?\s*{_ISSUE_WORD}(?P<numbered_issue>[\w/-]+))?"
    r"(?::\s*(?P<pages>[\w\u2010-\u2015-]+))?")
_VOLUME_FIRST = re.compile(  # Ovid: "J. 45(3):211-9, 2019 Mar." / "J. 28 (5-6) (pp 1020-1031), 2019." /
    # PsycINFO: "J. Vol.104(5), 2019, pp. 613-627." / "J, Vol. 4, No. 2, pp. 101-118, 2018"
    rf"^(?P<journal>.+?)(?:\.\s+|[.,;]\s*(?={_VOLUME_WORD}\d))(?:{_VOLUME_WORD})?"
    r"(?P<volume>[A-Za-z]?\d+[A-Za-z]?(?:-\d+)?)"
    rf"(?:\s*\((?P<issue>[^)]+)\)|\s*,?\s*{_ISSUE_WORD}(?P<numbered_issue>[\w/-]+))?"
    r"(?:\s*(?::\s*|\(pp\.?\s*)(?P<pages>[\w\u2010-\u2015-]+)\)?)?"
    r"(?P<tail>.*)$")
_LABELLED = re.compile(  # EBSCOhost, ProQuest: "J. Mar2021, Vol. 37 Issue 2, p141-150. 10p." /
    # "J; Spring 2019, Vol 12, No 3, pp 45-60" / "J, 2020, Volume 8, Number 1, Pages 1-9"
    rf"^(?P<journal>.+?)[.;,]\s+(?P<when>[^.;,]*?{_YEAR}[^.;,]*?)\s*[,.;]\s*Vol(?:ume)?\.?\s*(?P<volume>[\w-]+)"
    r"(?:\s*[,.]?\s*(?:Issue|Iss\.?|No\.?|Number|Nr\.?)\s*(?P<issue>[\w/-]+))?"
    r"(?:\s*[,.]?\s*(?:Pages?|pp?\.?)\s*(?P<pages>[A-Za-z]?\d\w*(?:\s*[\u2010-\u2015-]\s*\w+)?))?",
    re.IGNORECASE)
_PAGES_LATER = re.compile(r"\bpp?\.?\s*(\w+(?:\s*[\u2010-\u2015-]\s*\w+)?)")
_YEAR_LATER = re.compile(rf"(?:^|[,;.]\s*|\s)(?P<year>{_YEAR})\b(?P<when>[^,;]*)")


def parse_citation(text: str | None) -> Citation:
    """Journal, volume, issue, pages and year from a citation string in the shapes databases use.

    Each shape is tried in turn and the first reading that makes sense wins; a reading whose
    journal ends in a volume or issue word ("Rural Care Notes, Vol") or whose volume has no number
    cut the string in the wrong place, and the next shape is tried instead.
    """
    source = clean_text(text)
    if not source:
        return Citation()
    for read in (_embase_style, _pubmed_style, _labelled, _volume_first):
        citation = read(source)
        if citation is not None and citation.journal is not None:
            return citation
    return Citation()


def _embase_style(source: str) -> Citation | None:
    match = _EMBASE_STYLE.match(source)
    if match is None:
        return None
    return _citation(match["journal"], match["volume"], match["issue"], match["pages"], int(match["year"]),
                     _date_after(source, "Date of Publication:") or match["year"])


def _pubmed_style(source: str) -> Citation | None:
    match = _PUBMED_STYLE.match(source)
    if match is None:
        return None
    return _citation(match["journal"], match["volume"], match["issue"] or match["numbered_issue"], match["pages"],
                     int(match["year"]), date_from_words(match["year"] + " " + match["when"]))


def _labelled(source: str) -> Citation | None:
    match = _LABELLED.match(source)
    if match is None:
        return None
    year = int(re.search(_YEAR, match["when"]).group(0))  # type: ignore[union-attr]
    return _citation(match["journal"], match["volume"], match["issue"], match["pages"], year,
                     date_from_words(_spaced_month(match["when"])))


def _spaced_month(text: str) -> str:
    """"Mar2021" -> "Mar 2021": EBSCOhost runs the month into the year."""
    return re.sub(r"(?<=[A-Za-z])(?=\d)", " ", text)


def _volume_first(source: str) -> Citation | None:
    match = _VOLUME_FIRST.match(source)
    if match is None:
        return None
    tail = match["tail"]
    pages = match["pages"]
    if pages is None:
        later = _PAGES_LATER.search(tail)
        if later is not None:
            pages = later.group(1)
            tail = tail[:later.start()] + tail[later.end():]  # page numbers such as "1998-2004" are no year
    year_match = _YEAR_LATER.search(tail)
    if year_match is None:
        return None
    date = _date_after(source, "Date of Publication:") or date_from_words(
        year_match["year"] + " " + year_match["when"])
    return _citation(match["journal"], match["volume"], match["issue"] or match["numbered_issue"], pages,
                     int(year_match["year"]), date)


#: A journal name never ends in the word that introduces a volume, issue or pages: such an ending
#: means the string was cut in the wrong place ("Rural Care Notes, Vol. 4" read as "Rural Care Notes, Vol").
_ENDS_IN_LOCATOR_WORD = re.compile(r"(?:^|[\s,.;:(])(?:vol|volume|no|nr|number|issue|iss|pp|pages?)\W*$",
                                   re.IGNORECASE)
#: A volume is a number ("12", "12A", "S3", "3-4") or a Roman numeral ("XII"); "Vol" or "Suppl" alone is not.
_VOLUME_VALUE = re.compile(r"\d|^[IVXLCDM]{1,8}$")


def _citation(journal: str, volume: str | None, issue: str | None, pages: str | None, year: int,
              date: str | None) -> Citation | None:
    """The citation, or None when the journal or volume shows the string was cut in the wrong place."""
    name = (clean_text(journal) or "").rstrip(". ")
    if not re.search(r"[A-Za-z]", name) or _ENDS_IN_LOCATOR_WORD.search(name):
        return None
    volume = _clean_number(volume)
    if volume is not None and not _VOLUME_VALUE.search(volume):
        return None
    return Citation(journal=name, volume=volume, issue=_clean_number(issue),
                    pages=expand_pages(pages), year=year,
                    date=date if date and parse_year(date) == year else str(year))


def _clean_number(value: str | None) -> str | None:
    return (clean_text(value) or "").strip(" .,:") or None


def expand_pages(value: str | None) -> str | None:
    """A page range with the end written in full: "211-9" -> "211-219" (MEDLINE abbreviates it)."""
    pages = normalize_pages((clean_text(value) or "").strip(" .,"))
    match = re.fullmatch(r"(\d+)-(\d+)", pages or "")
    if match and len(match.group(2)) < len(match.group(1)):
        start, end = match.groups()
        full = start[: len(start) - len(end)] + end
        if int(full) > int(start):
            return f"{start}-{full}"
    return pages


def _date_after(text: str, label: str) -> str | None:
    index = text.find(label)
    return date_from_words(text[index + len(label):]) if index >= 0 else None


def date_from_words(text: str) -> str | None:
    """An ISO date from "25 Aug 2004", "March 2019", "2019 Mar 5" or "2019"; None without a year."""
    year_match = re.search(_YEAR, text)
    if year_match is None:
        return None
    year = int(year_match.group(0))
    month_match = _MONTH.search(text)
    if month_match is None:
        return str(year)
    month = MONTH_NUMBERS[month_match.group(0)[:3].lower()]
    rest = text.replace(year_match.group(0), " ")
    day_match = re.search(r"(?<!\d)([0-3]?\d)(?!\d)", rest)
    return iso_date(year, str(month), day_match.group(1) if day_match else None)


# Databases and search tools that exports name in a "Source" column to say where a record came
# from (Scopus writes "Scopus" there); such a value is provenance, never the journal.
_DATABASE_NAMES = frozenset({
    "scopus", "web of science", "web of science core collection", "wos", "pubmed", "medline", "embase",
    "cinahl", "cinahl complete", "cinahl plus", "psycinfo", "apa psycinfo", "eric", "ebscohost", "ebsco",
    "proquest", "ovid", "cochrane", "cochrane library", "central", "google scholar", "crossref", "openalex",
    "semantic scholar", "dimensions", "lens", "lens.org", "europe pmc", "pmc", "pubmed central", "jstor",
    "ieee xplore", "springerlink", "sciencedirect", "wiley online library", "core", "base", "doaj",
    "covidence", "rayyan", "zotero", "mendeley", "endnote", "manual", "hand search", "handsearch",
    "other", "unknown", "n/a", "na", "none",
})


def journal_name(cell: str | None) -> str | None:
    """A source cell that holds only a journal's name ("Journal of Rural Nursing"), as EBSCOhost and
    Google Scholar tools write it; None for a citation we could not read (a standalone number such
    as a volume or year shows the cell is more than a name: better no journal than a wrong one), a
    web address, or the name of the database the record came from."""
    text = clean_text(cell)
    if not text or len(text) > 200 or not re.search(r"[^\W\d_]{2}", text):
        return None
    if re.search(r"(?<![\w])\d+(?![\w])", text) or re.search(r"https?://|www\.|\bdoi\b", text, re.IGNORECASE):
        return None
    if text.strip(" .").lower() in _DATABASE_NAMES:
        return None
    return text.rstrip(" ,;:") or None
