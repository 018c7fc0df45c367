"""Roles of evidence sentences, read from their wording (sentences written for these tests)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.synthesis.roles import ROLES, classify_role


@pytest.mark.parametrize("sentence, role", [
    # barriers
    ("Stigma impeded the uptake of training.", "barrier"),
    ("Cost was the main barrier to prescribing.", "barrier"),
    ("Clinic rules hindered referral.", "barrier"),
    ("Staff named a lack of time and concerns about diversion.", "barrier"),
    ("Attitudes that enabled or hindered treatment were described.", "barrier"),  # a tie: the obstacle is reported
    # facilitators
    ("Trainees valued the mentoring of experienced colleagues.", "facilitator"),
    ("Leadership support enabled clinics to start MOUD.", "facilitator"),
    ("Peer mentors enabled new tenants to keep their homes, despite facing challenges.", "facilitator"),
    ("Participants mentioned the importance of helpful tools.", "facilitator"),
    # strategies
    ("Several strategies were described to address these challenges.", "strategy"),
    ("Programs should consider peer mentors.", "strategy"),
    ("Participants described strategies that improved uptake, including attention to clinician concerns and fears.",
     "strategy"),
    ("We recommend telehealth follow-up.", "strategy"),
    # outcomes
    ("Retention improved after the change.", "outcome"),
    ("The program was associated with higher retention at 6 months.", "outcome"),
    ("There was a reduction in missed visits.", "outcome"),
    # general vocabulary, not one study's words (sentences invented for these tests)
    ("Staff shortages and rigid rotas constrained the rollout of the scheme.", "barrier"),
    ("Teachers struggled to find time for the new lessons.", "barrier"),
    ("Farmers were unable to obtain credit for the new seed.", "barrier"),
    ("A named contact person made it easier for families to ask for help.", "facilitator"),
    ("Local champions contributed to the spread of the practice.", "facilitator"),
    ("Participants suggested ways to simplify the referral form.", "strategy"),
    ("Clinics adapted the protocol to suit rural patients and proposed shared rotas.", "strategy"),
    # no role
    ("Participants included 14 nurses.", None),
    ("Here we report on efforts to improve opioid management.", None),  # an aim, not a result
    ("Practice facilitators were recruited from each region.", None),  # a job title, not an enabler
    ("", None),
])
def test_role_from_wording(sentence: str, role: str | None) -> None:
    assert classify_role(sentence) == role


def test_barriers_and_facilitators_named_together_is_a_barrier_sentence() -> None:
    assert classify_role("We assessed barriers to and facilitators of implementation.") == "barrier"


def test_case_does_not_matter() -> None:
    assert classify_role("BARRIERS INCLUDED COST.") == "barrier"


@given(st.text())
def test_any_text_gets_a_known_role_or_none(text: str) -> None:
    assert classify_role(text) in (*ROLES, None)
