"""Page-reading rules met on journal pages in several layouts (round 7): citation parts written as
"Label : value", names printed twice or with an ORCID link and e-mail, patronymic names, markers that
open the next name's line, German heading case, review headings and language switches. Expected values
written by reading each invented line."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.ingest.clean import heading_case, split_abstract
from generator.ingest.webpage.authors import parse_author_line
from generator.ingest.webpage.blocks import names_below, without_leading_markers
from generator.ingest.webpage.citation import parse_citation
from generator.ingest.webpage.common import Line
from generator.ingest.webpage.vocabulary import date_kind, is_chrome_line


def test_labelled_parts_with_the_year_first_have_no_journal() -> None:
    cited = parse_citation("Year : 2018 | Volume : 4 | Issue : 11 | Page : 45-51", lenient=True)
    assert cited is not None
    assert (cited.journal, cited.year, cited.volume, cited.issue, cited.pages) == (None, 2018, "4", "11", "45-51")


def test_abbreviated_label_before_the_year_is_not_a_journal() -> None:
    cited = parse_citation("Yr: 2017 / Vol: 3 / No: 1 / Pages: 9-14", lenient=True)
    assert cited is not None and cited.journal is None and (cited.volume, cited.issue) == ("3", "1")


def test_one_labelled_volume_alone_is_a_holdings_note() -> None:
    cited = parse_citation("Holdings from 1995 volume: 12")
    assert cited is None  # no volume taken, so no citation outside lenient reading


def test_article_number_is_not_an_issue() -> None:
    cited = parse_citation("Nursing Open volume 9, Article number: 88 (2022)")
    assert cited is not None and cited.issue is None and cited.volume == "9"


def test_abbreviated_journal_keeps_no_invented_full_stop() -> None:
    cited = parse_citation("Scand. J. Caring Sci. Nursing 2021, 14(2), 310; https://doi.org/10.5555/x1")
    assert cited is not None and cited.journal == "Scand. J. Caring Sci. Nursing"


def test_russian_labelled_parts() -> None:
    cited = parse_citation("Том: 7 Номер: 2 Год: 2019 Страницы: 30-41", lenient=True)
    assert cited is not None and (cited.volume, cited.issue, cited.pages, cited.year) == ("7", "2", "30-41", 2019)


def test_a_name_printed_twice_is_one_author() -> None:
    parsed = parse_author_line("Aino Virtanen, Aino Virtanen")
    assert parsed is not None and parsed.names == ("Virtanen, Aino",)


def test_orcid_link_and_email_are_not_part_of_a_name() -> None:
    parsed = parse_author_line("Kalani Mahoe https://orcid.org/0000-0001-2345-6789 kalani@uni.example.org, "
                               "Bram de Wit, and Olu Adebayo")
    assert parsed is not None and parsed.names == ("Mahoe, Kalani", "de Wit, Bram", "Adebayo, Olu")


def test_patronymic_names_are_family_name_first() -> None:
    parsed = parse_author_line("Sokolova Irina Viktorovna, Petrov Alexei Nikolaevich")
    assert parsed is not None and parsed.names == ("Sokolova, Irina Viktorovna", "Petrov, Alexei Nikolaevich")
    cyrillic = parse_author_line("Орлова Дарья Сергеевна")
    assert cyrillic is not None and cyrillic.names == ("Орлова, Дарья Сергеевна",)


def test_markers_opening_the_next_line_belong_to_the_name_above() -> None:
    lines = [Line(i + 1, t) for i, t in enumerate(["Carla Mendes", "1, 3, Piet Janssen", "2", "Versorgung"])]
    found, _ = names_below(lines, 0)
    assert found is not None and found.names == ("Mendes, Carla", "Janssen, Piet")
    assert without_leading_markers("2, and Eva Holm") == "Eva Holm"


def test_author_search_links_between_names_are_skipped() -> None:
    texts = ["Ruth Okello", "Department of Nursing, Lakeview University", "Find articles by this author on:",
             "Google Scholar", "Tomas Berg", "Lakeview University"]
    found, _ = names_below([Line(i + 1, t) for i, t in enumerate(texts)], 0)
    assert found is not None and found.names == ("Okello, Ruth", "Berg, Tomas")


def test_german_headings_keep_their_nouns_capitalised() -> None:
    assert heading_case("ZIEL DER STUDIE") == "Ziel der Studie"
    assert heading_case("material und methoden") == "Material und Methoden"
    assert heading_case("Conclusions and Relevance") == "Conclusions and relevance"


def test_review_headings_split_a_structured_abstract() -> None:
    sections = split_abstract("Search methods: We searched three databases. Selection criteria: Trials of "
                              "any design. Main results: Nine trials met the criteria. Authors' conclusions: "
                              "Evidence is thin.")
    assert [s.heading for s in sections] == ["Search methods", "Selection criteria", "Main results",
                                             "Authors' conclusions"]


def test_language_switch_is_chrome() -> None:
    assert all(is_chrome_line(t) for t in ("Also available in", "Available in", "Español", "Deutsch"))
    assert not is_chrome_line("English nurses abroad")


def test_date_label_with_an_article_prefix() -> None:
    assert date_kind("Article first published online") == "online"
    assert date_kind("Version published") == "published"


@given(st.integers(1, 99), st.integers(1, 12), st.integers(1900, 2030), st.integers(1, 900))
def test_labelled_parts_any_numbers(volume: int, issue: int, year: int, first: int) -> None:
    cited = parse_citation(f"Year : {year} | Volume : {volume} | Issue : {issue} | Page : {first}-{first + 9}",
                           lenient=True)
    assert cited is not None
    assert (cited.journal, cited.year, cited.volume, cited.issue) == (None, year, str(volume), str(issue))
