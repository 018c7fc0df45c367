"""Small pieces of page reading met on repository, Japanese and Chinese database pages: names that
keep a space between family and given name, inverted names joined by "and", a page range after a
volume(issue) with only spaces between them, and ORCID lines inside a one-name-per-line author list.
Expected values written by reading each invented line."""

from __future__ import annotations

import pytest

from generator.ingest.webpage.authors import parse_author_line
from generator.ingest.webpage.blocks import is_person_id_line, name_per_line_block
from generator.ingest.webpage.citation import parse_citation
from generator.ingest.webpage.common import Line


def test_cjk_names_with_inner_space_stay_whole() -> None:
    parsed = parse_author_line("木村 拓也、小林 直子")
    assert parsed is not None and parsed.names == ("木村 拓也", "小林 直子")


def test_cjk_names_without_punctuation_split_on_spaces() -> None:
    parsed = parse_author_line("张伟 刘洋")
    assert parsed is not None and parsed.names == ("张伟", "刘洋")


def test_inverted_names_joined_by_and() -> None:
    parsed = parse_author_line("Moreau, Elise and Tanaka, Ren and Kowalczyk, Ada")
    assert parsed is not None and parsed.inverted
    assert parsed.names == ("Moreau, Elise", "Tanaka, Ren", "Kowalczyk, Ada")


def test_page_range_after_spaces() -> None:
    cited = parse_citation("护理研究杂志  2020, 34(2)  88-95")
    assert cited is not None and (cited.volume, cited.issue, cited.pages) == ("34", "2", "88-95")


def test_year_after_volume_issue_is_not_pages() -> None:
    cited = parse_citation("Health Policy Notes, 12(3) 2020", lenient=True)
    assert cited is not None and cited.pages is None


def test_orcid_lines_inside_name_list() -> None:
    lines = [Line(i + 1, t) for i, t in enumerate([
        "Pedro Almeida Costa1", "https://orcid.org/0000-0003-1111-2222", "Helena Vaz2",
        "https://orcid.org/0000-0002-3333-4444", "1Instituto de Saúde Pública, Porto", "Resumo"])]
    block = name_per_line_block(lines, 0)
    assert block is not None and block.names == ("Costa, Pedro Almeida", "Vaz, Helena")
    assert is_person_id_line("ORCID iD: 0000-0001-5109-370X")
    assert not is_person_id_line("Helena Vaz")


def test_history_dates_in_a_citation_line_do_not_give_its_year() -> None:
    cited = parse_citation("pp. 12-30 | Received: 2 May 2016 | Accepted: 30 Dec 2016 | Published: 8 Feb 2017")
    assert cited is not None and cited.year == 2017 and cited.pages == "12-30"


def test_undated_compact_citation_names_journal_volume_issue_pages() -> None:
    cited = parse_citation("Child and Family Social Work Review 22(1):5-19")
    assert cited is not None
    assert (cited.journal, cited.year, cited.volume, cited.issue, cited.pages) == (
        "Child and Family Social Work Review", None, "22", "1", "5-19")


@pytest.mark.parametrize("line", ["Parents reported 3(2):4 problems", "in 12(3):4-9", "Table 2(b):3-4 shows"])
def test_undated_compact_forms_that_are_not_citations(line: str) -> None:
    assert parse_citation(line) is None


def test_volume_words_of_other_languages() -> None:
    nordic = parse_citation("Skandinavisk Omsorgstidskrift, Årgång 9, nr 3 (2020), s. 14–22")
    assert nordic is not None and (nordic.journal, nordic.volume, nordic.issue, nordic.pages) == (
        "Skandinavisk Omsorgstidskrift", "9", "3", "14-22")
    dutch = parse_citation("Jaargang 31, nummer 4 (2019), pagina's 101–109")
    assert dutch is not None and (dutch.journal, dutch.volume, dutch.pages) == (None, "31", "101-109")


def test_an_article_type_crumb_is_no_journal() -> None:
    crumb = parse_citation("REVIEW ARTICLE | VOLUME 7, ISSUE 1, 100412, JANUARY 8, 2025")
    assert crumb is not None and crumb.journal is None and (crumb.volume, crumb.issue) == ("7", "1")


def test_a_bracketed_abbreviation_after_the_journal_is_dropped() -> None:
    cited = parse_citation("Journal of Rural Midwifery (J RURAL MIDWIF), Oct2021; 5(4): 77-84. (8p)")
    assert cited is not None and cited.journal == "Journal of Rural Midwifery"


def test_a_publication_phrase_before_the_volume_is_no_journal_and_a_bracketed_year_no_issue() -> None:
    citation = parse_citation("Published on 17.1.2021 in Vol 6 (2021)", lenient=True)
    assert citation is not None
    assert (citation.journal, citation.year, citation.volume, citation.issue) == (None, 2021, "6", None)


@pytest.mark.parametrize("line, journal, year", [
    ("2018, Nordic Journal of Ward Nursing", "Nordic Journal of Ward Nursing", 2018),
    ("2022 · Rural Pharmacy Practice · Article", "Rural Pharmacy Practice", 2022),
])
def test_year_then_journal_lines_of_aggregators(line: str, journal: str, year: int) -> None:
    citation = parse_citation(line, lenient=True)
    assert citation is not None and (citation.journal, citation.year) == (journal, year)


def test_a_later_version_date_line_is_no_citation_of_a_journal() -> None:
    citation = parse_citation("Last updated: 02 Mar 2021, 3:19 (https://doi.org/10.9999/x.1.2)", lenient=True)
    assert citation is None or citation.journal is None


def test_a_bracketed_month_after_a_page_range_is_no_volume_and_issue() -> None:
    found = parse_citation("Seiten 211-219 (Oktober 2020)", lenient=True)
    assert found is not None
    assert (found.volume, found.issue, found.pages, found.year) == (None, None, "211-219", 2020)


def test_a_page_prefix_after_volume_and_issue() -> None:
    found = parse_citation("Rural Nursing Review 14(2): pp. 45-52, March 2020", lenient=True)
    assert found is not None
    assert (found.journal, found.volume, found.issue, found.pages, found.year) == (
        "Rural Nursing Review", "14", "2", "45-52", 2020)
