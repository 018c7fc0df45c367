"""Author cells and citation strings as export tools write them (names and journals invented)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nameparser.config import CONSTANTS

from generator.ingest.cells import (
    Citation,
    date_from_words,
    doi_from_url,
    journal_name,
    keyword_list,
    parse_citation,
    person_name,
    publication_type,
    split_authors,
)
from generator.ingest.columns import header_key, map_header


@pytest.mark.parametrize(("cell", "people"), [
    ("Okoro T., Brandvold-Ames K.L.", ("Okoro, T.", "Brandvold-Ames, K.L.")),                 # Embase, Scopus
    ("Okoro, T., Brandvold-Ames, K.L.", ("Okoro, T.", "Brandvold-Ames, K.L.")),               # older Scopus
    ("Okoro, Tunde; Brandvold-Ames, Kari", ("Okoro, Tunde", "Brandvold-Ames, Kari")),         # Zotero, WoS AF
    ("T. Okoro; K. L. Brandvold-Ames", ("Okoro, T.", "Brandvold-Ames, K. L.")),               # IEEE
    ("Tunde Okoro; Kari Brandvold-Ames", ("Okoro, Tunde", "Brandvold-Ames, Kari")),           # Lens
    ("Okoro T, Brandvold-Ames KL, van Houten P", ("Okoro, T", "Brandvold-Ames, KL", "van Houten, P")),
    ("Okoro TA. Brandvold-Ames K.", ("Okoro, TA", "Brandvold-Ames, K.")),                     # Ovid MEDLINE
    ("Okoro, Tunde (57000000001); Ames, Kari (57000000002)", ("Okoro, Tunde", "Ames, Kari")),  # Scopus full
    ("['Okoro, Tunde', 'Ames, Kari']", ("Okoro, Tunde", "Ames, Kari")),                       # Python list
    ("Tunde OkoroKari Brandvold-AmesDr. Ewan McAllister", ("Okoro, Tunde", "Brandvold-Ames, Kari",
                                                          "McAllister, Ewan")),                # Springer
    ("Okoro, T. and Brandvold-Ames, K.", ("Okoro, T.", "Brandvold-Ames, K.")),                # Rayyan, BibTeX
    ("Okoro, T., & Brandvold-Ames, K.", ("Okoro, T.", "Brandvold-Ames, K.")),                 # APA
    ("Okoro T, Ames K and van Houten P", ("Okoro, T", "Ames, K", "van Houten, P")),            # Vancouver + "and"
    ("Tunde Okoro and Kari Ames", ("Okoro, Tunde", "Ames, Kari")),
    ("Okoro, Tunde", ("Okoro, Tunde",)),
    ("T Okoro, KL Brandvold-Ames", ("Okoro, T", "Brandvold-Ames, KL")),                        # Google Scholar
    ("T. Okoro, J.-P. van Houten", ("Okoro, T.", "van Houten, J.-P.")),
    ("[No author name available]", ()),
    ("", ()),
    (";,", ()),
])
def test_author_cells(cell: str, people: tuple[str, ...]) -> None:
    assert split_authors(cell) == people


def test_an_author_cell_that_could_be_read_two_ways_is_not_guessed() -> None:
    # One person "Garcia Lopez, Ana Maria" or two people "Garcia Lopez" and "Ana Maria"?
    assert split_authors("Garcia Lopez, Ana Maria") is None
    assert split_authors("Jana Roe, Tomas Doe") is None


def test_a_joined_particle_is_not_a_boundary() -> None:
    assert split_authors("Ines DeLaurentis") == ("DeLaurentis, Ines",)
    assert split_authors("Rory MacAulay") == ("MacAulay, Rory",)


@pytest.mark.parametrize(("text", "expected"), [
    ("Health Visiting Review (2016) 12:2 (88-97). Date of Publication: 3 Mar 2016",
     Citation("Health Visiting Review", "12", "2", "88-97", 2016, "2016-03-03")),
    ("Journal of Ward Nursing. 31(7):1204-9, 2020 Jul.",
     Citation("Journal of Ward Nursing", "31", "7", "1204-1209", 2020, "2020-07")),
    ("Journal of Ward Nursing. 31 (7) (pp 1204-1209), 2020. Date of Publication: July 2020.",
     Citation("Journal of Ward Nursing", "31", "7", "1204-1209", 2020, "2020-07")),
    ("Counselling Quarterly. Vol.9(2), 2018, pp. 40-58.",
     Citation("Counselling Quarterly", "9", "2", "40-58", 2018, "2018")),
    ("Ward Nurs J. 2020 Jul 14;31(7):1204-1209. doi: 10.5555/wnj.31.1204",
     Citation("Ward Nurs J", "31", "7", "1204-1209", 2020, "2020-07-14")),
    ("Ward Nursing Today. Jan2019, Vol. 14 Issue 1, p33-41. 9p.",                              # EBSCOhost
     Citation("Ward Nursing Today", "14", "1", "33-41", 2019, "2019-01")),
    ("Ward Nursing Today; Summer 2019, Vol 14, No 2, pp 50-61",
     Citation("Ward Nursing Today", "14", "2", "50-61", 2019, "2019")),
    ("Ward Nursing Today, 2016, Volume 3, Number 5, Pages 7-15",
     Citation("Ward Nursing Today", "3", "5", "7-15", 2016, "2016")),
    ("Ward Nursing Today. 2022, Vol. 5, pe0123",
     Citation("Ward Nursing Today", "5", None, "e0123", 2022, "2022")),
    ("Rural Care Notes, Vol. 4, No. 2, pp. 101-118, 2018",
     Citation("Rural Care Notes", "4", "2", "101-118", 2018, "2018")),
    ("Rural Care Notes; Volume 7, Issue 11, 2021, pp 5-19.",
     Citation("Rural Care Notes", "7", "11", "5-19", 2021, "2021")),
    ("Rural Care Notes. 2018; Vol. 4", Citation("Rural Care Notes", "4", None, None, 2018, "2018")),
    ("Rural Care Notes. 2018 May; Vol. 4, No. 2: 101-118",
     Citation("Rural Care Notes", "4", "2", "101-118", 2018, "2018-05")),
    ("Rural Care Notes. 2018; Vol", Citation("Rural Care Notes", None, None, None, 2018, "2018")),
    ("Rural Care Notes. 2018; Suppl: 4-5", Citation()),  # no volume number: better nothing than "Suppl"
    ("Scopus", Citation()),
    ("", Citation()),
])
def test_citation_strings(text: str, expected: Citation) -> None:
    assert parse_citation(text) == expected


def test_a_source_cell_is_a_journal_name_only_when_it_can_be_nothing_else() -> None:
    assert journal_name("Journal of Harbour Medicine") == "Journal of Harbour Medicine"
    assert journal_name("F1000Research") == "F1000Research"  # digits inside a word are part of the name
    assert journal_name("Harbour Medicine, 12(3)") is None  # an unread citation, not a name
    assert journal_name("Web of Science") is None and journal_name("PubMed.") is None  # where it came from
    assert journal_name("https://example.org/journal") is None
    assert journal_name("") is None


def test_doi_only_from_links_that_state_one() -> None:
    assert doi_from_url("https://doi.org/10.5555/ABC.1") == "10.5555/abc.1"
    assert doi_from_url("https://resolver.example.edu/?sid=X&id=doi:10.5555%2Fabc.2&atitle=T") == "10.5555/abc.2"
    assert doi_from_url("https://publisher.example.com/article/10.5555/abc.3") is None
    assert doi_from_url("not a link") is None


def test_keyword_cells() -> None:
    assert keyword_list("falls; older adults") == ["falls", " older adults"]
    assert keyword_list("fracture (hip, femur), rehabilitation") == ["fracture (hip, femur)", " rehabilitation"]


def test_publication_types() -> None:
    assert publication_type("Conference Paper") == "conference paper"
    assert publication_type("bookSection") == "book chapter"
    assert publication_type("JOUR") == "journal article"
    assert publication_type("Conference Review") == "conference proceedings"


def test_header_names_are_compared_loosely_and_ranked() -> None:
    assert header_key("\ufeffAuthor(s) ID") == "authorsid"
    fields = map_header(["Authors", "Author(s) ID", "Article Title", "Author Full Names", "Source Title"])
    assert fields["title"] == [2]
    assert fields["authors"] == [0] and fields["authors_full"] == [3]
    assert "authorsid" not in fields
    wos = map_header(["PT", "AU", "TI", "SO", "ID", "PY"])
    assert wos["index_terms"] == [4]  # in a WoS header, ID is Keywords Plus
    assert "index_terms" not in map_header(["ID", "Title", "Year"])
    numbered = map_header(["Title", "Author 2", "Author 10", "Author 1", "Authors"])
    assert numbered["author_each"] == [3, 1, 2]  # by the number in the name, not the column order
    assert numbered["authors"] == [4]


_NAME_WORDS = {word.lower() for group in (CONSTANTS.titles, CONSTANTS.suffix_acronyms, CONSTANTS.suffix_not_acronyms,
                                          CONSTANTS.prefixes, CONSTANTS.conjunctions) for word in group}
# Words nameparser reads as titles ("Cap"), suffixes or particles are not plain given/family names.
_NAME = st.from_regex(r"[A-Z][a-z]{2,9}", fullmatch=True).filter(lambda name: name.lower() not in _NAME_WORDS)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_NAME, _NAME), min_size=1, max_size=6))
def test_names_run_together_come_apart(people: list[tuple[str, str]]) -> None:
    cell = "".join(f"{given} {family}" for given, family in people)
    split = split_authors(cell)
    particles = {"mc", "mac", "fitz", "de", "di", "da", "du", "le", "la", "van", "von", "o", "d", "al", "el", "ben",
                 "st"}
    if any(family.lower() in particles for _given, family in people[:-1]):
        return  # a family name that is also a particle ("La") cannot be told from "LaFontaine"
    assert split == tuple(dict.fromkeys(f"{family}, {given}" for given, family in people))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_cells_never_raise(text: str) -> None:
    split_authors(text)
    parse_citation(text)
    keyword_list(text)
    doi_from_url(text)
    publication_type(text)
    journal_name(text)


_LOCATOR_WORDS = {"vol", "volume", "no", "nr", "number", "issue", "iss", "pp", "page", "pages"}
_JOURNAL = st.lists(st.from_regex(r"[A-Z][a-z]{2,10}", fullmatch=True), min_size=1, max_size=5).filter(
    lambda words: words[-1].lower() not in _LOCATOR_WORDS).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(journal=_JOURNAL, month=st.integers(1, 12), year=st.integers(1950, 2029), volume=st.integers(1, 300),
       issue=st.integers(1, 12), first=st.integers(1, 2000), length=st.integers(1, 40),
       separator=st.sampled_from([". ", "; "]))
def test_labelled_citations_round_trip(journal: str, month: int, year: int, volume: int, issue: int, first: int,
                                       length: int, separator: str) -> None:
    month_word = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")[month - 1]
    pages = f"{first}-{first + length}"
    text = f"{journal}{separator}{month_word}{year}, Vol. {volume} Issue {issue}, p{pages}. {length + 1}p."
    assert parse_citation(text) == Citation(journal, str(volume), str(issue), pages, year, f"{year}-{month:02d}")


@settings(max_examples=150, deadline=None)
@given(journal=_JOURNAL, year=st.integers(1950, 2029), volume=st.integers(1, 300), issue=st.integers(1, 12),
       first=st.integers(1, 2000), length=st.integers(1, 40), separator=st.sampled_from([", ", "; ", ". "]),
       volume_word=st.sampled_from(["Vol. ", "Vol ", "Volume "]), issue_word=st.sampled_from(["No. ", "Issue "]))
def test_volume_and_issue_words_are_never_part_of_the_journal(
        journal: str, year: int, volume: int, issue: int, first: int, length: int, separator: str,
        volume_word: str, issue_word: str) -> None:
    pages = f"{first}-{first + length}"
    text = f"{journal}{separator}{volume_word}{volume}, {issue_word}{issue}, pp. {pages}, {year}"
    assert parse_citation(text) == Citation(journal, str(volume), str(issue), pages, year, str(year))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_a_parsed_journal_never_ends_in_a_locator_word_and_a_volume_has_a_number(text: str) -> None:
    cited = parse_citation(text)
    if cited.journal is not None:
        assert cited.journal.split()[-1].strip(".,;:").lower() not in _LOCATOR_WORDS
    if cited.volume is not None:
        assert any(c.isdigit() for c in cited.volume) or cited.volume.isupper()


MONTH_WORDS = [("Jan", 1), ("February", 2), ("MARCH", 3), ("Sept.", 9), ("june", 6), ("Dec", 12)]


@given(st.integers(1800, 2099), st.sampled_from(MONTH_WORDS), st.one_of(st.none(), st.integers(0, 40)))
def test_dates_in_words_are_as_precise_as_stated(year: int, month: tuple[str, int], day: int | None) -> None:
    word, number = month
    text = f"{word} {year}" if day is None else f"{day} {word} {year}"
    expected = f"{year}-{number:02d}" + (f"-{day:02d}" if day is not None and 1 <= day <= 31 else "")
    assert date_from_words(text) == expected


@pytest.mark.parametrize(("text", "name"), [
    ("Abernethy Q Jr", "Abernethy, Q, Jr"),
    ("Ferreira-Lund TM III", "Ferreira-Lund, TM, III"),
    ("Abernethy Q", "Abernethy, Q"),
])
def test_a_generation_suffix_after_initials_stays_last(text: str, name: str) -> None:
    assert person_name(text) == name
    assert split_authors(f"{text}; Okonjo-Barre PL") == (name, "Okonjo-Barre, PL")

