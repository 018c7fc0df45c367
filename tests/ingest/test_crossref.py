"""CrossrefReader: Crossref works JSON (one work, a list of works), JATS abstracts, damaged files.

Every document here is invented for these tests; expected values are read off the documents.
"""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.ingest.base import AbstractSection, ReadResult
from generator.ingest.crossref import CrossrefReader, jats_abstract
from generator.ingest.csljson import CslJsonReader
from generator.ingest.registry import choose_reader

ONE_WORK = json.dumps({
    "status": "ok", "message-type": "work", "message-version": "1.0.0",
    "message": {
        "indexed": {"date-parts": [[2024, 1, 5]]}, "reference-count": 31, "publisher": "Example Health Press",
        "issue": "4", "short-container-title": ["J Rural Pharm"],
        "abstract": "<jats:title>Abstract</jats:title><jats:sec><jats:title>Background</jats:title>"
                    "<jats:p>Pharmacists in remote towns rarely stock naloxone.</jats:p></jats:sec>"
                    "<jats:sec><jats:title>Methods</jats:title><jats:p>We surveyed 214 pharmacies in "
                    "<jats:italic>three</jats:italic> provinces; response was 61&amp;#x0025;.</jats:p>"
                    "<jats:p>Data were weighted.</jats:p></jats:sec><jats:sec><jats:title>Results</jats:title>"
                    "<jats:p>Stocking rose where p &lt; 0.05; CO<jats:sub>2</jats:sub> was irrelevant.</jats:p>"
                    "</jats:sec>",
        "DOI": "10.5555/JRP.2022.0417", "type": "journal-article", "page": "211-219",
        "title": ["Naloxone stocking in remote community pharmacies"], "subtitle": ["a cross-sectional survey"],
        "prefix": "10.5555", "volume": "11", "member": "9999",
        "author": [{"given": "Aroha", "family": "Ngata", "sequence": "first", "affiliation": []},
                   {"given": "Liam", "family": "O'Neill", "suffix": "Jr", "sequence": "additional"},
                   {"name": "Remote Pharmacy Research Group", "sequence": "additional"}],
        "container-title": ["Journal of Rural Pharmacy"], "language": "en",
        "resource": {"primary": {"URL": "https://journal.example.org/jrp/article/417"}},
        "issued": {"date-parts": [[2022, 8, 15]]}, "URL": "https://doi.org/10.5555/jrp.2022.0417",
        "ISSN": ["2345-6789"], "subject": ["Pharmacy", "Public Health"],
    },
}, indent=2)

WORK_LIST = """{
  "status": "ok",
  "message-type": "work-list",
  "message": {
    "total-results": 3,
    "items": [
      {
        "DOI": "10.5555/preprint.2021.88",
        "type": "posted-content",
        "subtype": "preprint",
        "title": ["Peer support workers in <i>emergency</i> departments &amp; hospital wards"],
        "author": [{"given": "Mei", "family": "Lin"}],
        "posted": {"date-parts": [[2021, 11]]},
        "abstract": "<jats:p>We interviewed 26 peer workers.</jats:p><jats:p>Themes were trust and pay.</jats:p>",
        "member": "1234"
      },
      {
        "DOI": "10.5555/book.2019.ch3",
        "type": "book-chapter",
        "title": ["Measuring outreach"],
        "container-title": ["Handbook of Street Medicine"],
        "issued": {"date-parts": [[null]]},
        "ISBN": ["978-1-23-456789-7"],
        "member": "1234"
      },
      {
        "DOI": "10.5555/untitled.1",
        "type": "journal-article",
        "member": "1234"
      }
    ]
  }
}
"""


def read(text: str) -> ReadResult:
    return CrossrefReader().read(text, "works.json")


def test_one_work_every_field() -> None:
    result = read(ONE_WORK)
    assert result.diagnostics == ()
    (record,) = result.records
    assert record.line == 5  # the line of "message": {
    assert record.title == "Naloxone stocking in remote community pharmacies: a cross-sectional survey"
    assert record.authors == ("Ngata, Aroha", "O'Neill, Liam, Jr", "Remote Pharmacy Research Group")
    assert (record.year, record.date) == (2022, "2022-08-15")
    assert (record.journal, record.journal_abbrev) == ("Journal of Rural Pharmacy", "J Rural Pharm")
    assert (record.volume, record.issue, record.pages) == ("11", "4", "211-219")
    assert record.doi == "10.5555/jrp.2022.0417"
    assert record.url == "https://journal.example.org/jrp/article/417"
    assert record.publication_type == "journal article"
    assert record.language == "en"
    assert record.keywords == ("Pharmacy", "Public Health")
    assert record.identifiers == (("issn", "2345-6789"),)
    assert record.abstract == (
        AbstractSection("Background", "Pharmacists in remote towns rarely stock naloxone."),
        AbstractSection("Methods", "We surveyed 214 pharmacies in three provinces; response was 61%. "
                                   "Data were weighted."),
        AbstractSection("Results", "Stocking rose where p < 0.05; CO2 was irrelevant."),
    )


def test_work_list_one_record_per_item_with_its_line() -> None:
    result = read(WORK_LIST)
    preprint, chapter = result.records
    assert (preprint.line, chapter.line) == (7, 17)
    assert preprint.title == "Peer support workers in emergency departments & hospital wards"
    assert preprint.authors == ("Lin, Mei",)
    assert (preprint.publication_type, preprint.peer_reviewed) == ("preprint", False)
    assert (preprint.year, preprint.date) == (2021, "2021-11")
    assert preprint.abstract == (AbstractSection(None, "We interviewed 26 peer workers."),
                                 AbstractSection(None, "Themes were trust and pay."))
    assert chapter.title == "Measuring outreach"
    assert (chapter.journal, chapter.publication_type) == ("Handbook of Street Medicine", "book chapter")
    assert (chapter.year, chapter.date, chapter.authors, chapter.abstract) == (None, None, (), ())
    assert chapter.identifiers == (("isbn", "978-1-23-456789-7"),)
    (warning,) = result.diagnostics
    assert warning.location.line == 26 and "no title" in warning.message


def test_plain_text_abstract_with_inline_headings() -> None:
    assert jats_abstract("Aim: To count clinics. Results: There were 12.") == (
        AbstractSection("Aim", "To count clinics."), AbstractSection("Results", "There were 12."))
    assert jats_abstract("<jats:p>Broken <jats:italic>markup") == (AbstractSection(None, "Broken markup"),)
    assert jats_abstract(None) == ()


def test_broken_json_is_an_error_with_its_line() -> None:
    result = read('{"status": "ok", "message-type": "work",\n "message": {"DOI": "10.5555/x" "title": []}}')
    (diagnostic,) = result.diagnostics
    assert diagnostic.is_error and diagnostic.location.line == 2


def test_error_status_is_reported() -> None:
    result = read('{"status": "error", "message-type": "validation-failure", "message": [{"type": "x"}]}')
    assert result.records == () and result.diagnostics[0].is_error


def test_sniff_takes_crossref_from_csl_json_but_leaves_reference_manager_json() -> None:
    assert choose_reader(ONE_WORK).name == "crossref"
    assert choose_reader(WORK_LIST).name == "crossref"
    zotero = json.dumps([{"id": "x", "type": "article-journal", "title": "A study", "DOI": "10.5555/a",
                          "container-title": "Journal", "issued": {"date-parts": [[2020]]}}])
    assert CrossrefReader().sniff(zotero) == 0.0
    assert choose_reader(zotero).name == CslJsonReader.name
    assert CrossrefReader().sniff("TY  - JOUR\nER  -\n") == 0.0


_DOCUMENTS = st.sampled_from([ONE_WORK, WORK_LIST])


@settings(max_examples=150, deadline=None)
@given(_DOCUMENTS, st.integers(min_value=0, max_value=4000), st.text(max_size=20))
def test_damaged_documents_never_raise(document: str, position: int, inserted: str) -> None:
    at = position % (len(document) + 1)
    for damaged in (document[:at], document[:at] + inserted + document[at:]):
        assert 0.0 <= CrossrefReader().sniff(damaged) <= 1.0
        result = read(damaged)
        assert all(record.title and record.line >= 1 for record in result.records)


def test_trimmed_works_list_is_still_crossref_by_its_list_titles() -> None:
    text = json.dumps({"message": {"items": [{"DOI": "10.5555/A.1", "title": ["Trimmed work"],
                                              "published-print": {"date-parts": [[2020, 2]]}}]}})
    assert choose_reader(text).name == "crossref"
    (record,) = read(text).records
    assert (record.title, record.doi, record.date) == ("Trimmed work", "10.5555/a.1", "2020-02")
