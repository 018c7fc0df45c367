"""Copied results of a scholarly search engine (generator/ingest/webpage/search_result.py), on results
written fresh for this test."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.ingest.registry import choose_reader
from generator.ingest.webpage.search_result import SearchResultReader, parse_byline

TWO_RESULTS = """\
Scholar
About 95 results
[HTML] Peer mentoring for first-year nursing students on clinical placement: a qualitative study
K Mbeki, P Johansson - Nurse Education Today, 2020 - nursingworld.example.net
… We held 14 focus groups with 61 students … Students valued mentors who had recently completed the same placement …
Save Cite Cited by 9 Related articles All 3 versions
Telephone follow-up after day surgery: a randomised comparison of nurse and automated calls
D O'Connor, S Patel, W Zhang… - 2018 - Elsevier
… 312 patients were randomly allocated to a nurse call or an automated call on the first evening …
Save Cite Cited by 120 Related articles
"""


def test_byline_gives_initials_and_family_names_year_and_journal() -> None:
    byline = parse_byline("AB Carter, L van der Meer - Journal of Wound Care, 2016 - woundcare.example.org")
    assert byline is not None
    assert byline.authors == ("Carter, AB", "van der Meer, L")
    assert (byline.journal, byline.year, byline.truncated) == ("Journal of Wound Care", 2016, False)


def test_journal_cut_short_by_the_engine_is_left_out() -> None:
    byline = parse_byline("T Nakata, R Silva - Journal of Advanced …, 2021 - example.com")
    assert byline is not None and byline.journal is None and byline.year == 2021


def test_sentences_with_dashes_are_no_byline() -> None:
    assert parse_byline("Results - as expected - were mixed") is None
    assert parse_byline("Smith J, Jones K - Lancet - 2019") is None  # not the engine's initials-first order


def test_each_result_is_one_record_and_a_cut_list_keeps_only_the_names_shown() -> None:
    reader = choose_reader(TWO_RESULTS)
    assert isinstance(reader, SearchResultReader)
    result = reader.read(TWO_RESULTS, "seeds/results.txt")
    first, second = result.records
    assert first.title == "Peer mentoring for first-year nursing students on clinical placement: a qualitative study"
    assert first.authors == ("Mbeki, K", "Johansson, P")
    assert (first.journal, first.year, first.cited_by) == ("Nurse Education Today", 2020, (("publications", 9),))
    assert first.abstract[0].text.startswith("We held 14 focus groups")
    assert second.authors == ("O'Connor, D", "Patel, S", "Zhang, W")
    assert (second.journal, second.year) == (None, 2018)
    assert any("cut the author list short" in d.message for d in result.diagnostics)


def test_article_page_with_a_cited_by_counter_is_not_a_search_result() -> None:
    page = ("Home > Journals\nA trial of reminder letters for cervical screening in general practice\n"
            "Jane Doe, Rahul Mehta\nBMJ Open. 2019;9:e01234.\nCited by 12\nAbstract\nWe sent letters.\n")
    assert SearchResultReader().sniff(page) == 0.0


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_reader_never_raises(text: str) -> None:
    reader = SearchResultReader()
    reader.sniff(text + "\nCited by 3")
    reader.read(text + "\nCited by 3", "seeds/x.txt")
