"""Heading splitting of structured abstracts (generator/ingest/clean.py), on abstracts written for this test."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.ingest.clean import leading_heading, split_abstract


def _headings(text: str) -> list[str | None]:
    return [section.heading for section in split_abstract(text)]


def test_capitalised_heading_of_several_words_stays_whole() -> None:
    text = ("OBJECTIVES: To describe waiting times. SETTING AND PARTICIPANTS: Nine clinics and 300 patients. "
            "STRENGTHS AND LIMITATIONS: A large sample from one region. PATIENT AND PUBLIC INVOLVEMENT: None.")
    assert _headings(text) == ["Objectives", "Setting and participants", "Strengths and limitations",
                               "Patient and public involvement"]


def test_heading_with_commas_is_one_heading() -> None:
    text = "IMPORTANCE: Falls are common. DESIGN, SETTING, AND PARTICIPANTS: A cohort of 812 residents."
    sections = split_abstract(text)
    assert [s.heading for s in sections] == ["Importance", "Design, setting, and participants"]
    assert sections[1].text == "A cohort of 812 residents."


def test_short_acronyms_before_a_colon_are_not_headings() -> None:
    text = "We studied clinics. HIV AIDS: a double burden remains."
    assert _headings(text) == [None]


def test_title_case_heading_before_a_word_and_comma() -> None:
    text = ("Aims To compare two rotas. Methods A survey of wards. Results However, few wards changed. "
            "Conclusion Rotas matter.")
    assert _headings(text) == ["Aims", "Methods", "Results", "Conclusion"]


def test_title_case_heading_before_a_dotted_word() -> None:
    text = "Objective To test reminders. Results Fewer missed visits. Trial registration ClinicalTrials.gov NCT0001."
    assert _headings(text) == ["Objective", "Results", "Trial registration"]


@pytest.mark.parametrize(("text", "heading"), [
    ("Trial registration ISRCTN 1234.", "Trial registration"),
    ("Methods: We asked nurses.", "Methods"),
    ("Methodological notes follow.", None),
    ("We used methods from before.", None),
])
def test_leading_heading(text: str, heading: str | None) -> None:
    assert leading_heading(text) == heading


@given(st.text(alphabet="abcdefghij ,.", max_size=200))
def test_lower_case_prose_is_never_split(text: str) -> None:
    assert all(section.heading is None for section in split_abstract(text))


def test_run_in_headings_with_a_full_stop() -> None:
    sections = split_abstract("Aims. To test a text reminder. Methods. We sent reminders to 210 parents. "
                              "Results. Attendance rose. Conclusions. Reminders help.")
    assert [s.heading for s in sections] == ["Aims", "Methods", "Results", "Conclusions"]
    assert sections[1].text == "We sent reminders to 210 parents."


def test_headings_of_more_languages() -> None:
    sections = split_abstract("Cel: Ocena programu. Materiał i metody: Ankieta wśród 80 położnych. Wyniki: Poprawa. "
                              "Wnioski: Program działa.")
    assert [s.heading for s in sections] == ["Cel", "Materiał i metody", "Wyniki", "Wnioski"]


def test_management_journal_headings_with_slashes_are_sections() -> None:
    text = ("Purpose: To explore how ward managers plan rotas. Design/methodology/approach: Twelve managers were "
            "interviewed. Findings: Managers relied on informal swaps. Research limitations/implications: One "
            "region only. Originality/value: First study of rota swaps.")
    headings = [section.heading for section in split_abstract(text)]
    assert headings == ["Purpose", "Design/methodology/approach", "Findings", "Research limitations/implications",
                        "Originality/value"]


def test_report_and_italian_closing_headings_are_sections() -> None:
    text = ("Conclusions: Pharmacy triage worked. Future work: Costs over five years. Study registration: "
            "Registry 1234. Funding: A national research programme.")
    assert [s.heading for s in split_abstract(text)] == ["Conclusions", "Future work", "Study registration",
                                                         "Funding"]
    italian = "Obiettivi: Stimare la copertura. Principali misure di outcome: Copertura vaccinale. Risultati: Più alta."
    assert [s.heading for s in split_abstract(italian)] == ["Obiettivi", "Principali misure di outcome", "Risultati"]


def test_run_in_headings_naming_the_people_studied_with_the_methods() -> None:
    text = ("Aim: To test a reminder letter for eye screening. Subjects and Methods: Adults with diabetes at 9 "
            "practices were allocated to a letter or none. Results: Attendance rose by 12 points. "
            "Conclusion: A letter helps.")
    assert _headings(text) == ["Aim", "Subjects and methods", "Results", "Conclusion"]
    assert _headings("Participants and Methods: We surveyed 80 carers. Findings: Most were women.") == [
        "Participants and methods", "Findings"]


def test_headings_on_lines_of_their_own_head_the_text_below_them() -> None:
    """"Aim" on its line over its text (with or without a blank line between) is a heading, not the text's
    first word; a paragraph that merely starts with a heading word is left alone."""
    joined = "Aim\nTo learn why carers stop respite care.\n\nSetting\nThree day centres in a small town."
    spaced = "Aim\n\nTo learn why carers stop respite care.\n\nSetting\n\nThree day centres in a small town."
    expected = [("Aim", "To learn why carers stop respite care."), ("Setting", "Three day centres in a small town.")]
    for text in (joined, spaced):
        assert [(s.heading, s.text) for s in split_abstract(text)] == expected
    assert [(s.heading, s.text) for s in split_abstract("Results were mixed across the centres.")] == [
        (None, "Results were mixed across the centres.")]


def test_nordic_and_czech_headings_are_headings() -> None:
    text = "BAKGRUNN\nFå eldre bruker dagtilbud.\nFORTOLKNING\nTilbudet bør bli kjent.\n\nVýsledky\nPočet klesl."
    assert [s.heading for s in split_abstract(text)] == ["Bakgrunn", "Fortolkning", "Výsledky"]
