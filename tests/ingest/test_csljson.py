"""CslJsonReader: item shapes, names, dates, types, Crossref quirks, broken JSON and line numbers."""

from __future__ import annotations

import json

from generator.errors import Severity
from generator.ingest.base import AbstractSection, ReadResult
from generator.ingest.csljson import CslJsonReader

ITEMS = """[
  {
    "id": "klusaritz2023",
    "type": "article-journal",
    "title": "Impact of Stigma on Clinician Training: A <i>Qualitative</i> Study.",
    "author": [
      {"family": "Klusaritz", "given": "Heather"},
      {"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van", "suffix": "Jr"},
      {"literal": "Primary Care Learning Collaborative"}
    ],
    "issued": {"date-parts": [[2023, 2, 1]]},
    "container-title": "The Annals of Family Medicine",
    "container-title-short": "Ann Fam Med",
    "volume": 21,
    "issue": "Suppl 2",
    "page": "S31–S38",
    "DOI": "https://doi.org/10.1370/AFM.2920",
    "URL": "http://www.annfammed.org/content/21/Suppl_2/S31",
    "abstract": "PURPOSE: We studied stigma. METHODS: We interviewed 23 people.",
    "keyword": "stigma, opioid use disorder; Stigma",
    "PMID": "36849482",
    "PMCID": "PMC9970000",
    "ISSN": "1544-1709",
    "language": "en-US"
  },
  {
    "id": "preprint1",
    "type": "article",
    "title": "A preprint",
    "publisher": "bioRxiv",
    "issued": {"raw": "2024-05"}
  },
  {"id": "book1", "type": "book", "title": "A book", "ISBN": "978-3-16-148410-0",
   "issued": {"literal": "Spring 1999"}},
  {"id": "chap", "type": "chapter", "title": "A chapter", "container-title": "The Book"},
  {"id": "conf", "type": "paper-conference", "title": "A talk"},
  {"id": "rep", "type": "report", "title": "A report"},
  {"id": "thes", "type": "thesis", "title": "A thesis"},
  {"id": "post", "type": "post", "title": "A blog post", "URL": "www.example.org"}
]
"""


def read(text: str) -> ReadResult:
    return CslJsonReader().read(text, "seeds/items.json")


def test_sniff() -> None:
    reader = CslJsonReader()
    assert reader.sniff(ITEMS) == 0.9
    assert reader.sniff('{"type": "book", "title": "One item"}') == 0.9
    assert reader.sniff('{"items": [{"id": "a", "title": "T", "issued": {}}]}') == 0.9
    assert reader.sniff('{"name": "package", "version": "1.0"}') == 0.0
    assert reader.sniff("[1, 2, 3]") == 0.0
    assert reader.sniff('{"type": "Feature", "id": 3, "geometry": null}') == 0.0
    assert reader.sniff("Title: A study\n{\"type\": \"article\", \"title\": \"x\"}\nMore page text") == 0.0
    assert reader.sniff("@article{x, title={T}}") == 0.0
    assert 0.3 < reader.sniff('[{"type": "book", "title": "Broken",}]') < 0.5


def test_journal_article() -> None:
    result = read(ITEMS)
    assert [d for d in result.diagnostics if d.is_error] == []
    article = result.records[0]
    assert article.line == 2
    assert article.title == "Impact of Stigma on Clinician Training: A Qualitative Study"
    assert article.authors == (
        "Klusaritz, Heather", "van Beethoven, Ludwig, Jr", "Primary Care Learning Collaborative")
    assert (article.year, article.date) == (2023, "2023-02-01")
    assert (article.journal, article.journal_abbrev) == ("The Annals of Family Medicine", "Ann Fam Med")
    assert (article.volume, article.issue, article.pages) == ("21", "Suppl 2", "S31-S38")
    assert article.doi == "10.1370/afm.2920"
    assert article.url == "http://www.annfammed.org/content/21/Suppl_2/S31"
    assert article.abstract == (
        AbstractSection("Purpose", "We studied stigma."),
        AbstractSection("Methods", "We interviewed 23 people."),
    )
    assert article.keywords == ("stigma", "opioid use disorder")
    assert article.publication_type == "journal article"
    assert article.peer_reviewed is None
    assert article.language == "en-us"
    assert dict(article.identifiers) == {"pmid": "36849482", "pmcid": "PMC9970000", "issn": "1544-1709"}


def test_types_dates_and_lines() -> None:
    records = read(ITEMS).records
    summary = [(r.line, r.publication_type, r.peer_reviewed) for r in records[1:]]
    assert summary == [
        (26, "preprint", False), (33, "book", None), (35, "book chapter", None),
        (36, "conference paper", None), (37, "report", None), (38, "thesis", None), (39, None, None),
    ]
    assert records[1].date == "2024-05"
    assert (records[2].year, records[2].date) == (1999, "1999")
    assert dict(records[2].identifiers) == {"isbn": "978-3-16-148410-0"}
    assert records[3].journal == "The Book"
    assert records[-1].url is None


def test_wrapped_items_and_single_item() -> None:
    wrapped = read('{"items": [\n{"type": "book", "title": "One"},\n{"type": "book", "title": "Two"}]}')
    assert [(r.line, r.title) for r in wrapped.records] == [(2, "One"), (3, "Two")]
    single = read('\n{"type": "report", "title": "Alone", "issued": {"date-parts": [["2020", "5"]]}}')
    assert [(r.line, r.title, r.date) for r in single.records] == [(2, "Alone", "2020-05")]


def test_crossref_message_with_lists_and_jats() -> None:
    message = {"status": "ok", "message": {
        "type": "journal-article", "title": ["A Crossref &amp; JATS title"],
        "container-title": ["Journal of Things"], "short-container-title": ["J Things"],
        "author": [{"given": "Ada", "family": "Lovelace"}],
        "published-print": {"date-parts": [[2021, 7]]}, "DOI": "10.1000/XYZ", "ISSN": ["1234-5678"],
        "abstract": "<jats:sec><jats:title>Background</jats:title><jats:p>We ask, p < 0.05.</jats:p>"
                    "</jats:sec><jats:sec><jats:title>Results</jats:title><jats:p>We found.</jats:p></jats:sec>",
    }}
    (record,) = read(json.dumps(message, indent=1)).records
    assert record.title == "A Crossref & JATS title"
    assert (record.journal, record.journal_abbrev) == ("Journal of Things", "J Things")
    assert record.authors == ("Lovelace, Ada",)
    assert record.date == "2021-07"
    assert record.abstract == (
        AbstractSection("Background", "We ask, p < 0.05."), AbstractSection("Results", "We found."))
    assert dict(record.identifiers) == {"issn": "1234-5678"}


def test_invalid_json_reports_line_and_column() -> None:
    result = read('[\n  {"type": "book",\n   "title": "Broken",}\n]')
    assert result.records == ()
    (diagnostic,) = result.diagnostics
    assert diagnostic.severity is Severity.ERROR
    assert (diagnostic.location.line, diagnostic.location.column) == (3, 22)
    assert diagnostic.format().startswith("seeds/items.json:3:22: error: this is not valid JSON")


def test_items_without_title_or_not_objects_are_skipped_with_warnings() -> None:
    result = read('[\n{"id": "a", "type": "book"},\n42,\n{"type": "book", "title": "Kept"}\n]')
    assert [r.title for r in result.records] == ["Kept"]
    assert [d.location.line for d in result.diagnostics] == [2, 3]
    assert "'a'" in result.diagnostics[0].message


def test_odd_values_do_not_break_the_reader() -> None:
    odd = ('[{"type": 5, "title": {"x": 1}, "author": "nobody", "issued": [2020]},'
           ' {"type": "book", "title": "T", "author": [null, 3, {"given": "Only"}], "issued": {"date-parts": [[]]},'
           ' "page": 12, "keyword": ["a", "b, c"], "DOI": "not a doi"}]')
    result = read(odd)
    (record,) = result.records
    assert record.authors == ("Only",)
    assert (record.pages, record.keywords, record.doi, record.date) == ("12", ("a", "b", "c"), None, None)
    assert read("").diagnostics[0].is_error
    assert read("[]").records == ()
