"""Standard metadata rows (Dublin Core, Highwire citation_*) rewritten as labelled page lines."""

from __future__ import annotations

from generator.ingest.webpage.article import analyse, extraction
from generator.ingest.webpage.common import page_lines
from generator.ingest.webpage.metadata_rows import metadata_rows


def test_page_without_rows_is_unchanged() -> None:
    lines = page_lines("Title of a study\nBy Ann Lee\nAbstract\nSome text.")
    assert metadata_rows(lines) == lines


def test_one_row_is_not_a_table() -> None:
    lines = page_lines("Intro\ndc.title\tA lone row\nEnd")
    assert metadata_rows(lines) == lines


def test_repeated_rows_join_and_language_column_goes() -> None:
    lines = page_lines("Record\ndc.contributor.author\tRoe, Ann\ten_GB\ndc.contributor.author\tLim, Bo\ten_GB\n"
                       "dc.subject\tNursing\ten\ndc.subject\tStaffing\ten\ndc.date.accessioned\t2020-01-01\nFooter")
    texts = [line.text for line in metadata_rows(lines)]
    assert texts == ["Record", "Authors: Roe, Ann; Lim, Bo", "Keywords: Nursing; Staffing", "Footer"]


def test_highwire_meta_tags_make_a_record() -> None:
    text = "\n".join([
        "Digital Archive of Westford",
        "citation_title Community pharmacists and smoking cessation: a survey",
        "citation_author Dara Quinn",
        "citation_author Emeka Obi",
        "citation_publication_date 2018/05/14",
        "citation_journal_title Westford Journal of Pharmacy",
        "citation_volume 14",
        "citation_issue 2",
        "citation_firstpage 88",
        "citation_lastpage 97",
        "citation_doi 10.1234/wjp.2018.882",
        "citation_abstract We surveyed 260 community pharmacists about smoking cessation advice. Most gave "
        "advice but few referred patients to services.",
    ])
    record = extraction(analyse(text))
    assert record.title == "Community pharmacists and smoking cessation: a survey"
    assert record.authors == ("Quinn, Dara", "Obi, Emeka")
    assert (record.journal, record.volume, record.issue, record.pages) == ("Westford Journal of Pharmacy", "14", "2",
                                                                           "88-97")
    assert record.year == 2018
    assert record.doi == "10.1234/wjp.2018.882"
