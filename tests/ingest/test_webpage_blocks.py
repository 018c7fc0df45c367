"""Rules of the article-page reader that read structure spread over several lines, each on text
written for this test: site names, author lists one name per line, subtitles, citation forms,
labels with the value below, search-box chrome and abstract headings."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.ingest.clean import is_closing_heading, split_abstract
from generator.ingest.webpage.article import analyse
from generator.ingest.webpage.authors import parse_author_line
from generator.ingest.webpage.blocks import is_affiliation_line, is_marker_line, names_below, site_name
from generator.ingest.webpage.citation import parse_citation
from generator.ingest.webpage.common import page_lines
from generator.ingest.webpage.vocabulary import is_article_type, is_chrome_line


def test_site_name_is_the_first_line_when_repeated_or_followed_by_a_menu() -> None:
    repeated = page_lines("Skip to content\nHealthVault\nA long tagline about research\nWe host papers.\n"
                          "Title of a paper on something\nlicensed to HealthVault forever")
    assert site_name(repeated) == "HealthVault"
    menu = page_lines("北岸知识库\n期刊\n论文\n专利\n登录\n某研究标题很长的一行文字")
    assert site_name(menu) == "北岸知识库"


def test_menu_entries_and_lone_titles_are_not_site_names() -> None:
    assert site_name(page_lines("Home\nBrowse\nAbout\nA title of some study")) is None
    assert site_name(page_lines("Care homes and falls\nJane Doe, John Roe\nAbstract")) is None


def test_marker_lines() -> None:
    assert all(is_marker_line(t) for t in ("1", "2,*,", "3 and", "*", "1 2"))
    assert not any(is_marker_line(t) for t in ("each", "bad", "Jane Doe"))


def test_names_one_per_line_with_markers_and_affiliations() -> None:
    lines = page_lines("Ana Duarte\n1,*\nWei Chen\n2 and\nOla Berg\n1\nSchool of Health, Nordby University\n"
                       "Author to whom correspondence should be addressed.")
    found, end = names_below(lines, 0)
    assert found is not None and found.names == ("Duarte, Ana", "Chen, Wei", "Berg, Ola")
    assert end == 5


def test_name_followed_by_affiliation_after_a_comma() -> None:
    lines = page_lines("Lucía Romero, Facultad de Medicina, Universidad del Norte\nJoão Lima, Hospital Central")
    found, _ = names_below(lines, 0)
    assert found is not None and found.names == ("Romero, Lucía", "Lima, João")


def test_degrees_with_glued_markers_and_vancouver_initials_like_degrees() -> None:
    line = parse_author_line("Olga P. Brandt, MD, MPH1,2; Kwame Asante, PhD3; Li Wei, MS1")
    assert line is not None and line.names == ("Brandt, Olga P.", "Asante, Kwame", "Wei, Li")
    single = parse_author_line("Hartley JD 1")
    assert single is not None and single.names == ("Hartley, JD",)


def test_subtitle_on_the_next_line_is_joined_but_an_author_is_not() -> None:
    page = analyse("Research Report\nHousing Support and Emergency Visits Among Older Adults Living Alone\n"
                   "A Matched Cohort Study\nMia Holt, PhD1; Sam Reyes, MPH2\nJ Aging Serv. 2022;4(2):10-18.\n"
                   "Abstract\nWe matched 600 adults who received housing support to 600 who did not.")
    assert page.title_text == ("Housing Support and Emergency Visits Among Older Adults Living Alone: "
                               "A Matched Cohort Study")
    lone = analyse("Housing Support and Emergency Visits Among Older Adults Living Alone\nMary K. Jones\n"
                   "J Aging Serv. 2022;4(2):10-18. doi:10.5555/jas.2022.10\nAbstract\n"
                   "We matched 600 adults who received housing support to 600 who did not.")
    assert lone.title_text == "Housing Support and Emergency Visits Among Older Adults Living Alone"


def test_title_broken_in_lower_case_is_joined_with_a_space() -> None:
    page = analyse("Effects of a falls clinic on injuries among older adults in\nthree rural districts of Norway\n"
                   "Kari Lund, Per Dahl\ndoi: 10.5555/x.2020.1\nAbstract\nWe compared injury rates in 3 districts "
                   "before and after the clinics opened in a five-year study.")
    assert page.title_text == ("Effects of a falls clinic on injuries among older adults in "
                               "three rural districts of Norway")


def test_citation_forms() -> None:
    cited = parse_citation("Rural pharmacy review, 2018-09, Vol.12 (3), p.45-52")
    assert cited is not None and (cited.journal, cited.date, cited.volume, cited.issue, cited.pages) == (
        "Rural pharmacy review", "2018-09", "12", "3", "45-52")
    chinese = parse_citation("中华护理研究  2019年 第8卷 第2期  页码：88-93")
    assert chinese is not None and (chinese.volume, chinese.issue, chinese.pages, chinese.year) == ("8", "2", "88-93",
                                                                                                     2019)
    assert parse_citation("Health Policy 2019-2020; a decade") is None


def test_search_box_counts_and_dropdown_defaults_are_chrome() -> None:
    assert is_chrome_line("Search 12,345,678 records from every field")
    assert is_chrome_line("Explore over 9 000 000 articles")
    assert is_chrome_line("All Publication Types")
    assert is_chrome_line("Showing 1-20 of 311 results")
    assert not is_chrome_line("Search strategies for finding qualitative studies in nursing databases")


def test_article_type_labels() -> None:
    assert is_article_type("Brief Research Report") and is_article_type("Open Access Article")
    assert not is_article_type("A Telephone Audit")


def test_headings_after_the_conclusion_and_title_case_multiword_headings() -> None:
    assert is_closing_heading("Impact") and is_closing_heading("Trial registration:")
    assert not is_closing_heading("Introduction")
    sections = split_abstract("Objective To test a thing. Conclusions and Relevance It worked in 3 towns.")
    assert [s.heading for s in sections] == ["Objective", "Conclusions and relevance"]


def test_a_bare_label_above_the_title_is_a_menu_entry() -> None:
    page = analyse("知库\n期刊\n论文集\n登录\n城市社区护士职业倦怠的调查分析研究\n作者：李华；王强\n"
                   "摘要：目的 了解护士职业倦怠。方法 对300名护士调查。\n刊名\n中国社区护理\n年，卷(期)\n2020，5(3)")
    assert page.journal == "中国社区护理"
    assert page.citation is not None and page.citation.volume == "5"


@given(st.lists(st.text(max_size=40), max_size=30))
def test_analyse_never_raises(lines: list[str]) -> None:
    analyse("\n".join(lines))


def test_an_affiliation_line_is_never_a_title_candidate() -> None:
    assert is_affiliation_line("Universidad Nacional de Cuyo, Mendoza, Argentina")
    assert is_affiliation_line("Department of Midwifery, Keele University, United Kingdom")
    assert not is_affiliation_line("Hospital at home for frail older adults, a randomised trial in Wales")
    assert not is_affiliation_line("Trust, Respect and Dignity in Care")
    assert not is_affiliation_line("University students and sleep: a survey, Ghana")


def test_a_short_title_before_its_colon_is_not_a_field_line() -> None:
    page = analyse("Revista de Saúde Rural\nCasa e rua: o trabalho de enfermeiras com famílias ribeirinhas no Pará\n"
                   "Ana Souza\nUniversidade Estadual do Norte, Brasil\n"
                   "Beatriz Lima\nHospital Municipal de Belém, Brasil\n"
                   "Resumo: Estudo qualitativo com entrevistas a 12 enfermeiras de quatro unidades de saúde "
                   "ribeirinhas.\n")
    assert page.title_text == "Casa e rua: o trabalho de enfermeiras com famílias ribeirinhas no Pará"
