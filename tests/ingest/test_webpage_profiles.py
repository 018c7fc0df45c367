"""Site profiles (small data about one kind of site), each tested on a page written for this test."""

from __future__ import annotations

from generator.ingest.webpage import CitationIndexReader
from generator.ingest.webpage.profiles import CITATION_INDEX, profile_identifiers

# An invented citation-index page: an invented study, invented citing statements.
CITATION_INDEX_PAGE = """Hospital volunteer visits and delirium in older inpatients: a stepped-wedge trial
Ingrid Solberg, Tomasz Wrona, Adaeze Okoro
2021
DOI: 10.5555/vol.delirium.2021.07
Abstract: We randomised 14 wards to add daily volunteer visits and recorded delirium among 2,310 patients.
Cited by 31 publications
(19 citation statements)
Citation Types
4
13
2
Year Published
2023
9
“…volunteer visits lowered delirium in a stepped-wedge trial…”
Section: Backgroundsupporting
confidence: 91%
“Unlike Solberg et al., we saw no change in delirium rates.”
Section: Discussioncontrasting
confidence: 78%
“Volunteer programmes were described previously (Solberg 2021).”
Section: Methodsmentioning
confidence: 64%
“The trial's volunteers may have been unusually experienced.”
Section: Limitationsdisputing
"""


def test_citation_index_profile_names_the_counted_kinds_and_statement_kinds() -> None:
    assert CITATION_INDEX.facet_label == CITATION_INDEX.facet_label.lower()  # compared with lower-cased lines
    assert set(CITATION_INDEX.counted_kinds) <= set(CITATION_INDEX.statement_kinds)


def test_citation_index_profile_reads_the_type_split_and_statement_kinds() -> None:
    [record] = CitationIndexReader().read(CITATION_INDEX_PAGE, "seeds/ci.txt").records
    assert record.title == "Hospital volunteer visits and delirium in older inpatients: a stepped-wedge trial"
    assert dict(record.cited_by) == {"publications": 31, "citation_statements": 19, "supporting": 4,
                                     "mentioning": 13, "contrasting": 2}
    assert [(s.section, s.citation_type) for s in record.citation_statements] == [
        ("Background", "supporting"), ("Discussion", "contrasting"), ("Methods", "mentioning"),
        ("Limitations", "disputing")]
    assert [s.confidence for s in record.citation_statements] == [91, 78, 64, None]


def test_a_facet_label_the_profile_does_not_name_gives_no_type_split() -> None:
    page = CITATION_INDEX_PAGE.replace("Citation Types", "Kinds of citation")
    [record] = CitationIndexReader().read(page, "seeds/ci.txt").records
    assert dict(record.cited_by) == {"publications": 31, "citation_statements": 19}


def test_identifier_profiles_take_the_first_of_each_key() -> None:
    lines = ["Invented Journal of Ward Care. 2020;4(2):10-19.", "PMID: 30111222  PMCID: pmc7000123",
             "PMID: 30999999"]
    assert profile_identifiers(lines) == [("pmid", "30111222"), ("pmcid", "PMC7000123")]
