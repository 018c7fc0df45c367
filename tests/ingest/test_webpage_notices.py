"""Round 12 of the page reader: notices that are no study, citation parts in many languages, breadcrumbs,
author blocks with readings, and bounded work on huge pages.

Every line here was written for this file (invented journals, people and numbers); expected values come
from reading each line.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.ingest.webpage.article import ArticlePageReader, analyse
from generator.ingest.webpage.blocks import reading_name_blocks
from generator.ingest.webpage.citation import parse_citation
from generator.ingest.webpage.common import MAX_LINE_CHARS, Line, page_lines
from generator.ingest.webpage.dates import labelled_dates
from generator.ingest.webpage.jsonblob import find_blob
from generator.ingest.webpage.vocabulary import breadcrumb_rest, is_menu_run, notice_kind

# --------------------------------------------------------------------------- notices


@pytest.mark.parametrize(("text", "kind"), [
    ("Erratum", "erratum"),
    ("Corrigendum", "corrigendum"),
    ("Expression of Concern", "expression of concern"),
    ("Correction to: Sleep and shift work in rural ambulance crews", "correction"),
    ("Erratum to “A cohort of district nurses”", "correction"),
    ("Author Correction: Waiting times for hip surgery", "correction"),
    ("Notice of Retraction: Vitamin D and falls in care homes", "retraction"),
    ("Retracted: Exercise classes for stroke survivors", "retraction"),
    ("With thanks to our reviewers, 2021", "list of reviewers"),
    ("Acknowledgment of referees for volume 8", "list of reviewers"),
    ("Reviewers in 2020", "list of reviewers"),
    ("Editorial Board", "editorial board"),
    ("Guide for Authors", "journal information page"),
    ("Aims & Scope", "journal information page"),
])
def test_notices_are_named(text: str, kind: str) -> None:
    assert notice_kind(text) == kind


@pytest.mark.parametrize("title", [
    "Correction of visual impairment in school children: a cluster randomised trial",
    "Withdrawal of benzodiazepines in general practice: a qualitative study",
    "Retraction of the gums among older adults: a cohort study",
    "Peer reviewers and their judgements of qualitative manuscripts: a survey",
    "Corrections officers' mental health: a cross-sectional survey",
    "Thanks to the nurses: a history of a rural cottage hospital",
])
def test_studies_about_such_words_are_no_notices(title: str) -> None:
    assert notice_kind(title) is None


def test_a_notice_page_carries_its_kind_as_publication_type() -> None:
    page = analyse("\n".join([
        "Journal of Island Midwifery",
        "Home  Current issue  Archive",
        "Corrigendum",
        "Corrigendum to: Postnatal visits by boat on remote islands: a cohort study",
        "Published: 3 March 2022",
        "J Isl Midwif 2022;7(1):40",
        "doi:10.5555/jim.2022.040",
        "In the article cited above, the number of women in the second table should read 212, not 221.",
    ]))
    assert page.title_text and page.title_text.startswith("Corrigendum to:")
    assert page.notice == "correction"


@pytest.mark.parametrize("line", [
    "Current issue  All issues  Submit  About",
    "Browse  Latest articles  For authors  Contact",
    "Sign in  Register  My account",
])
def test_menus_run_together_are_menu_runs(line: str) -> None:
    assert is_menu_run(line)


@pytest.mark.parametrize("line", ["Open access", "Home care for older people after discharge", "About time"])
def test_titles_are_no_menu_runs(line: str) -> None:
    assert not is_menu_run(line)


# --------------------------------------------------------------------------- citation parts in many languages


@pytest.mark.parametrize(("line", "expected"), [
    ("Dans Revue d'études rurales 2019/2 (Vol. 31), pages 101 à 118",
     ("Revue d'études rurales", 2019, "31", "2", "101-118")),
    ("Yıl 2018, Cilt 4, Sayı 1, 55 - 64, 20.03.2018", (None, 2018, "4", "1", "55-64")),
    ("Jurnal Keperawatan Desa, Vol. 6, Nomor 2, 2017, halaman 71-80",
     ("Jurnal Keperawatan Desa", 2017, "6", "2", "71-80")),
    ("Zeitschrift für Landmedizin, 2016, Heft 4, Seiten 12 bis 19",
     ("Zeitschrift für Landmedizin", 2016, None, "4", "12-19")),
    ("Pielęgniarstwo Wiejskie, 2020, Rocznik 9, zeszyt 3, s. 5-14",
     ("Pielęgniarstwo Wiejskie", 2020, "9", "3", "5-14")),
    ("看護と地域 15 (3), 221-230, 2021", ("看護と地域", 2021, "15", "3", "221-230")),
    ("Rural Therapy Review, 2018, 11 (2), pp.45-53", ("Rural Therapy Review", 2018, "11", "2", "45-53")),
    ("Island Health Reports , Volume 3 , 2020 , e27", ("Island Health Reports", 2020, "3", None, "e27")),
])
def test_citation_parts_in_many_languages(line: str, expected: tuple[object, ...]) -> None:
    found = parse_citation(line)
    assert found is not None
    assert (found.journal, found.year, found.volume, found.issue, found.pages) == expected


def test_year_slash_issue_gives_the_year_only_as_date() -> None:
    found = parse_citation("Cahiers de santé rurale 2020/4 (Vol. 12), pages 9 à 20")
    assert found is not None and found.date == "2020" and found.issue == "4"


def test_published_by_a_publisher_is_a_dated_label() -> None:
    assert labelled_dates("Published online by Northwind University Press:  14 May 2021") == [("online", "2021-05-14")]


@pytest.mark.parametrize(("line", "rest"), [
    ("Home  Journals  Journal of Hill Nursing  Article", "Journal of Hill Nursing"),
    ("Accueil  Revues  Revue de santé rurale  2020/1 (Vol. 4)", "Revue de santé rurale, 2020/1 (Vol. 4)"),
    ("Home > Issues > Vol 3 No 2 (2019)", "Vol 3 No 2 (2019)"),
])
def test_breadcrumbs_lose_the_sites_own_crumbs(line: str, rest: str) -> None:
    assert breadcrumb_rest(line) == rest


def test_a_line_without_a_home_crumb_is_no_breadcrumb() -> None:
    assert breadcrumb_rest("Nurses  Doctors  Pharmacists") is None


# --------------------------------------------------------------------------- authors with readings


def _lines(*texts: str) -> list[Line]:
    return [Line(i + 1, text) for i, text in enumerate(texts)]


def test_native_names_with_readings_are_one_person_each() -> None:
    lines = _lines("山本 早苗", "ヤマモト サナエ", "YAMAMOTO Sanae", "北海道医療大学",
                   "森 大輔", "モリ ダイスケ", "MORI Daisuke")
    found = reading_name_blocks(lines, 0)
    assert found is not None and found.names == ("Yamamoto, Sanae", "Mori, Daisuke")


def test_native_name_with_kana_only_stays_native() -> None:
    found = reading_name_blocks(_lines("石田 恵", "イシダ メグミ", "抄録"), 0)
    assert found is not None and found.names == ("石田 恵",)


def test_a_heading_over_a_link_is_no_author() -> None:
    assert reading_name_blocks(_lines("論文", "Web Site", "抄録"), 0) is None


# --------------------------------------------------------------------------- bounded work


def test_deeply_nested_json_line_is_no_blob() -> None:
    assert find_blob('Title line\n' + '{"title": ' * 3000 + '\n') is None


def test_long_lines_are_cut() -> None:
    assert len(page_lines("x" * (MAX_LINE_CHARS * 3))[0].text) == MAX_LINE_CHARS


def test_a_huge_single_line_page_is_sniffed_quickly() -> None:
    text = "word " * 1_000_000  # 5 MB on one line
    started = time.monotonic()
    score = ArticlePageReader().sniff(text)
    assert score == 0.0 and time.monotonic() - started < 2.0


@given(st.text(max_size=300))
def test_notice_kind_never_raises(text: str) -> None:
    notice_kind(text)
    is_menu_run(text)
    breadcrumb_rest(text)


@pytest.mark.parametrize(("text", "kind"), [
    ("In memoriam: Dr Aiyana Whitecloud (1950–2024)", "obituary"),
    ("Obituary", "obituary"),
    ("Nachruf", "nachruf"),
    ("Necrología: Prof. Ramón Ibarra", "obituary"),
    ("Book review: Caring for Carers, edited by J. Lund", "book review"),
    ("Buchbesprechung", "buchbesprechung"),
    ("Compte rendu : Soigner en ville", "book review"),
    ("Conference programme", "conference programme"),
    ("Annual meeting programme: Nordic Nursing Days 2024", "conference programme"),
])
def test_obituaries_reviews_and_programmes_are_notices(text: str, kind: str) -> None:
    assert notice_kind(text) == kind


@pytest.mark.parametrize("text", [
    "Memory clinics in rural areas: a cohort study",
    "Reviewing medication in care homes: a randomised trial",
    "Conference attendance and burnout among nurses: a survey",
])
def test_study_titles_near_those_words_are_no_notices(text: str) -> None:
    assert notice_kind(text) is None
