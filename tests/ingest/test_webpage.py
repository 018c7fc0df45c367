"""The web-page readers on pages of our own making: same sites, other studies, other layouts."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.ingest.clean import split_abstract
from generator.ingest.registry import choose_reader
from generator.ingest.webpage import ArticlePageReader, CitationIndexReader, JsonBlobReader
from generator.ingest.webpage.article import analyse
from generator.ingest.webpage.authors import parse_author_line
from generator.ingest.webpage.citation import parse_citation
from generator.ingest.webpage.dates import labelled_dates, parse_page_date

AGGREGATOR = """Buprenorphine access in rural pharmacies: a survey

农村药店丁丙诺啡获取情况:一项调查

阅读:27

Abstract

BACKGROUND: Rural pharmacies may not stock buprenorphine. METHODS: We surveyed 412 pharmacists in
four states. RESULTS: Stocking was uncommon. CONCLUSIONS: Policy change is needed.

免责声明

本站内容仅供参考。
"""


def test_aggregator_page_about_another_study() -> None:
    reader = choose_reader(AGGREGATOR)
    assert reader is not None
    [record] = reader.read(AGGREGATOR, "seeds/a.txt").records
    assert record.format == "webpage-aggregator"
    assert record.title == "Buprenorphine access in rural pharmacies: a survey"
    assert [s.heading for s in record.abstract] == ["Background", "Methods", "Results", "Conclusions"]
    assert record.abstract[1].text == "We surveyed 412 pharmacists in four states."
    assert record.translations[0].lang == "zh"
    assert record.translations[0].title == "农村药店丁丙诺啡获取情况:一项调查"
    assert "counters and metrics" in record.stripped and "site disclaimer" in record.stripped
    assert record.authors == () and record.year is None and record.doi is None


CATALOGUE = """Retention in Methadone Treatment Among Veterans.

Journal of Substance Abuse Treatment 2019;98(2):59-65. [doi: 10.1016/J.JSAT.2018.12.006]

Smith, Jane A. | de la Cruz, Maria | O'Brien, Pat

This record has not been peer-reviewed. Background text of the study goes here. We enrolled 120 veterans.

Results: Retention improved.

Keywords: Methadone | Veterans | Retention

Record No: 999

Powered by Some Catalogue Software
"""


def test_catalogue_record_of_a_journal_article() -> None:
    reader = choose_reader(CATALOGUE)
    assert reader is not None
    [record] = reader.read(CATALOGUE, "seeds/c.txt").records
    assert record.format == "webpage-catalogue"
    assert record.title == "Retention in Methadone Treatment Among Veterans"
    assert record.authors == ("Smith, Jane A.", "de la Cruz, Maria", "O'Brien, Pat")
    assert (record.journal, record.year, record.volume, record.issue, record.pages) == (
        "Journal of Substance Abuse Treatment", 2019, "98", "2", "59-65")
    assert record.doi == "10.1016/j.jsat.2018.12.006"
    assert record.keywords == ("Methadone", "Veterans", "Retention")
    assert record.publication_note == "This record has not been peer-reviewed."
    assert record.peer_reviewed is False and record.publication_type is None
    assert record.abstract[0].text.startswith("Background text")
    assert record.abstract[-1].heading == "Results"
    assert ("catalogue_record", "999") in record.identifiers


def _json_page(blob: dict) -> str:
    return "\n".join(["Some Title Of A Study On Naloxone.", "IF 2.1 Q2 SUBSTANCE ABUSE",
                      json.dumps(blob, ensure_ascii=False), "Abstract", "Plain text abstract.",
                      "Copyright © 2024 Example"])


def test_json_blob_page_with_list_authors_and_plain_abstract() -> None:
    page = _json_page({"title": "Naloxone <i>distribution</i> in EDs", "authors": ["Ana Lima", "Bo Chen"],
                       "doi": "https://doi.org/10.1000/XYZ.1", "abstract": "Methods: We did x. Results: y.",
                       "journal": "J Emerg", "year": 2022, "citationCount": "12"})
    reader = JsonBlobReader()
    assert reader.sniff(page) > 0.5
    [record] = reader.read(page, "seeds/j.txt").records
    assert record.title == "Naloxone distribution in EDs"
    assert record.authors == ("Lima, Ana", "Chen, Bo")
    assert record.doi == "10.1000/xyz.1"
    assert [s.heading for s in record.abstract] == ["Methods", "Results"]
    assert dict(record.cited_by) == {"publications": 12}
    assert "journal metrics" in record.stripped and "site footer" in record.stripped
    assert record.translations == ()


CITATION_PAGE = """2020
DOI: 10.1000/abc.2
|View full text |Cite

Peer Navigators and Buprenorphine Retention in Jails

Abstract: We describe a peer navigation program.

Citation Types

3
10
1

Cited by 14 publications
(14 citation statements)
“…as shown by Jones et al (2020), navigators help.…”
Section: Introductionsupporting
confidence: 87%
"""


def test_citation_index_page_keeps_statements_apart_from_the_study() -> None:
    reader = CitationIndexReader()
    assert reader.sniff(CITATION_PAGE) > 0.5
    [record] = reader.read(CITATION_PAGE, "seeds/s.txt").records
    assert record.title == "Peer Navigators and Buprenorphine Retention in Jails"
    assert record.year == 2020 and record.doi == "10.1000/abc.2"
    assert record.authors == ()
    [statement] = record.citation_statements
    assert statement.text == "as shown by Jones et al (2020), navigators help."
    assert (statement.section, statement.citation_type, statement.confidence) == ("Introduction", "supporting", 87)
    assert dict(record.cited_by) == {"publications": 14, "citation_statements": 14, "supporting": 3,
                                     "mentioning": 10, "contrasting": 1}


def test_readers_do_not_claim_each_others_pages() -> None:
    assert analyse(AGGREGATOR).kind() == "aggregator" and analyse(CATALOGUE).kind() == "catalogue"
    assert CitationIndexReader().sniff(CATALOGUE) < 0.3
    assert JsonBlobReader().sniff(CITATION_PAGE) == 0


def test_journal_describing_itself_as_peer_reviewed_says_nothing_about_the_article() -> None:
    page = _json_page({"title": "Peer navigation in jails", "authors": "Ana Lima", "year": 2021})
    page += "\nAbout the journal: a peer-reviewed journal publishing services research."
    [record] = JsonBlobReader().read(page, "seeds/j.txt").records
    assert record.peer_reviewed is None


# A copied literature-database page whose first lines are chrome and whose journal line precedes the title.
DATABASE_PAGE = """Skip to main page content
Full text links
Expand
Clinical Trial
Addict Sci Pract
. 2017 Jan 5;12(1):3.
doi: 10.9999/asp.2017.3.
Nurse Care Managers and Office-Based Opioid Treatment in Community Health Centres
Ines Varga 1 , Tobias Lind 2
Affiliations
Expand
Affiliations
1 Health Services Unit, Northern University.
PMID: 28000001
Abstract
Background: Nurse care managers may extend office-based treatment. Methods: We enrolled 300 patients.
Similar articles
Smith A, et al. J Addict. 2015. PMID: 26000000
"""


def test_database_page_chrome_never_becomes_title_or_author() -> None:
    reader = choose_reader(DATABASE_PAGE)
    assert reader is not None
    [record] = reader.read(DATABASE_PAGE, "seeds/p.txt").records
    assert record.format == "webpage-article"
    assert record.title == "Nurse Care Managers and Office-Based Opioid Treatment in Community Health Centres"
    assert record.authors == ("Varga, Ines", "Lind, Tobias")
    assert (record.journal, record.date, record.volume, record.issue, record.pages) == (
        "Addict Sci Pract", "2017-01-05", "12", "1", "3")
    assert dict(record.identifiers) == {"pmid": "28000001"}


SKIP_LINK_PAGE = """Skip to main content
Original Research
Open Access
Harm reduction vending machines in two regional towns | Regional Public Health Reports
Lena Fischer, MSc, Omar Haddad, PhD
Regional Public Health Reports 2024; 3: 44-52
Abstract
Vending machines offer sterile injecting equipment around the clock. We analysed 18 months of dispensing data.
"""


def test_article_type_labels_are_not_titles_or_authors() -> None:
    reader = choose_reader(SKIP_LINK_PAGE)
    assert reader is not None
    [record] = reader.read(SKIP_LINK_PAGE, "seeds/s.txt").records
    assert record.title == "Harm reduction vending machines in two regional towns"
    assert record.authors == ("Fischer, Lena", "Haddad, Omar")
    assert (record.journal, record.year, record.volume, record.pages) == (
        "Regional Public Health Reports", 2024, "3", "44-52")


def test_a_page_with_only_an_abstract_heading_is_not_accepted() -> None:
    page = "Menu\nSearch\nAbstract\nWe looked at things and found other things in the data we had at hand.\n"
    assert choose_reader(page) is None


def test_author_lines() -> None:
    line = parse_author_line("María José Ruiz-Gómez, RN, MSN¹, Kai Tanaka MD, PhD²³ and Li Wei*")
    assert line is not None and line.names == ("Ruiz-Gómez, María José", "Tanaka, Kai", "Wei, Li")
    assert parse_author_line("Expand, Affiliations") is None
    assert parse_author_line("Original Research") is None
    assert parse_author_line("Download PDF, Share") is None
    inverted = parse_author_line("Okoye, Chidi; van Dijk, Anna")
    assert inverted is not None and inverted.inverted and inverted.names == ("Okoye, Chidi", "van Dijk, Anna")


def test_citation_lines() -> None:
    citation = parse_citation("Health Equity Res, Vol. 4, No. 2, pp. 101-118, 2018")
    assert citation is not None
    assert (citation.journal, citation.year, citation.volume, citation.issue, citation.pages) == (
        "Health Equity Res", 2018, "4", "2", "101-118")
    citation = parse_citation("2019; 45(3): e1234")
    assert citation is not None and (citation.year, citation.volume, citation.issue, citation.pages) == (
        2019, "45", "3", "e1234")
    assert parse_citation("Published: 2 May 2020") is None
    assert parse_citation("We enrolled 45 (12%) of 2019 patients in the study and followed them up.") is None


def test_page_dates() -> None:
    assert parse_page_date("1st September 2019") == "2019-09-01"
    assert parse_page_date("Sept. 9, 2020") == "2020-09-09"
    assert parse_page_date("2022年11月3日") == "2022-11-03"
    assert parse_page_date("8 de marzo de 2018") == "2018-03-08"
    assert labelled_dates("Received 2 Jan 2020; Revised 1 Mar 2020; Published online 4 Apr 2020") == [
        ("received", "2020-01-02"), ("revised", "2020-03-01"), ("online", "2020-04-04")]


def test_run_in_headings_are_split() -> None:
    sections = split_abstract("PurposeTo test a tool. ResultsThe tool worked well. ConclusionWe recommend it.")
    assert [(s.heading, s.text) for s in sections] == [
        ("Purpose", "To test a tool."), ("Results", "The tool worked well."), ("Conclusion", "We recommend it.")]
    assert split_abstract("Methodology matters. Results matter too.")[0].heading is None


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_article_reader_never_raises(text: str) -> None:
    reader = ArticlePageReader()
    assert 0 <= reader.sniff(text) <= 1
    reader.read(text, "seeds/x.txt")
