"""Design, sample size and settings from an abstract's own wording (texts written for these tests)."""

from __future__ import annotations

import pytest

from generator.ingest.base import AbstractSection, Extraction
from generator.ingest.derive import classify_design, derive, find_sample_size, find_settings


@pytest.mark.parametrize("text, design", [
    ("We conducted semi-structured interviews and a thematic analysis.", "qualitative"),
    ("Focus groups with nurses were held.", "qualitative"),
    ("A cross-sectional survey; odds ratios with 95% CI were estimated by logistic regression.", "quantitative"),
    ("We ran a cluster-randomized controlled trial in 20 clinics.", "trial"),
    ("A systematic review and meta-analysis of 41 studies.", "review"),
    ("A convergent mixed-methods design combined a survey with interviews.", "mixed-methods"),
    ("This commentary argues for a new approach to recovery housing.", "other"),
    ("Opioid overdoses rose in 2020.", None),
])
def test_design_from_wording(text: str, design: str | None) -> None:
    assert classify_design("", text, None) == design


def test_publication_type_review_wins() -> None:
    assert classify_design("Barriers to MOUD", "We interviewed 12 people.", "Review") == "review"


def test_survey_and_interviews_with_strong_signals_are_mixed_methods() -> None:
    text = ("We surveyed 300 clinicians (cross-sectional survey, regression models, 95% CI) and conducted "
            "semi-structured interviews analysed thematically with a qualitative approach.")
    assert classify_design("", text, None) == "mixed-methods"


@pytest.mark.parametrize("text, size", [
    ("We conducted a qualitative study of 23 key stakeholders.", 23),
    ("Between March and May 2021, 19 semi-structured interviews were conducted with directors.", 19),
    ("Three of the five trainees completed the program.", 5),
    ("We surveyed 1,204 primary care physicians.", 1204),
    ("Participants (n = 48) were recruited from two clinics.", 48),
    ("Forty-two patients were enrolled.", 42),
    ("Patients aged 18 years or older were eligible.", None),
    ("Rates rose by 20% over 12 months.", None),
])
def test_sample_size(text: str, size: int | None) -> None:
    assert find_sample_size(text)[0] == size


def _study(title: str, sections: list[tuple[str | None, str]]) -> Extraction:
    return Extraction(title=title, abstract=tuple(AbstractSection(h, t) for h, t in sections))


def test_settings_come_from_where_the_study_was_done_not_its_recommendations() -> None:
    study = _study("MOUD in community mental health centers", [
        ("Methods", "We interviewed 10 program leaders."),
        ("Results", "Leaders recommended telehealth and partnering with emergency departments."),
    ])
    settings, detail = find_settings(study)
    assert settings == ("community-mental-health",)
    assert detail is None  # the methods sentence does not name the setting


def test_unstructured_abstract_is_read_whole_for_settings() -> None:
    study = _study("A new paradigm", [(None, "Peer recovery groups in a rural county adopted MOUD.")])
    assert find_settings(study)[0] == ("peer-recovery",)


def test_derive_keeps_participant_sentences_verbatim() -> None:
    study = _study("Study", [("Methods", "We interviewed 14 nurses in primary care clinics."),
                             ("Results", "Participants included 9 women. Stigma was common.")])
    derived = derive(study)
    assert derived.sample_size == 14
    assert derived.participants == ("We interviewed 14 nurses in primary care clinics. "
                                    "Participants included 9 women.")
    assert derived.settings == ("primary-care",)
