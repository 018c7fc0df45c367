"""The web-page readers on pages of our own making: same sites, other studies, other layouts."""

from __future__ import annotations

import json

from generator.ingest.webpage import AggregatorReader, CatalogueReader, CitationIndexReader, JsonBlobReader

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
    reader = AggregatorReader()
    assert reader.sniff(AGGREGATOR) > 0.5
    [record] = reader.read(AGGREGATOR, "seeds/a.txt").records
    assert record.title == "Buprenorphine access in rural pharmacies: a survey"
    assert [s.heading for s in record.abstract] == ["Background", "Methods", "Results", "Conclusions"]
    assert record.abstract[1].text == "We surveyed 412 pharmacists in four states."
    assert record.translations[0].lang == "zh"
    assert record.translations[0].title == "农村药店丁丙诺啡获取情况:一项调查"
    assert "read counter" in record.stripped and "site disclaimer" in record.stripped
    assert record.authors == () and record.year is None and record.doi is None


CATALOGUE = """Retention in Methadone Treatment Among Veterans.

Journal of Substance Abuse Treatment 2019;98(2):59-65. [doi: 10.1016/J.JSAT.2018.12.006]

Smith, Jane A. | de la Cruz, Maria | O'Brien, Pat

Background text of the study goes here. We enrolled 120 veterans in opioid treatment programs.

Results: Retention improved.

Keywords: Methadone | Veterans | Retention

Document No: 999

Powered by Some Catalogue Software
"""


def test_catalogue_record_of_a_journal_article() -> None:
    reader = CatalogueReader()
    assert reader.sniff(CATALOGUE) > 0.5
    [record] = reader.read(CATALOGUE, "seeds/c.txt").records
    assert record.title == "Retention in Methadone Treatment Among Veterans"
    assert record.authors == ("Smith, Jane A.", "de la Cruz, Maria", "O'Brien, Pat")
    assert (record.journal, record.year, record.volume, record.issue, record.pages) == (
        "Journal of Substance Abuse Treatment", 2019, "98", "2", "59-65")
    assert record.doi == "10.1016/j.jsat.2018.12.006"
    assert record.keywords == ("Methadone", "Veterans", "Retention")
    assert record.peer_reviewed is None and record.publication_note is None
    assert record.abstract[-1].heading == "Results"


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
    assert CatalogueReader().sniff(AGGREGATOR) < 0.3
    assert CitationIndexReader().sniff(CATALOGUE) < 0.3
    assert JsonBlobReader().sniff(CITATION_PAGE) == 0
