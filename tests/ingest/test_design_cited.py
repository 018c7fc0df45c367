"""Design from this study's methods only: cited earlier work and bare arms say nothing (issue 9)."""

from __future__ import annotations

import pytest

from generator.ingest.design import classify_design


@pytest.mark.parametrize(("text", "design"), [
    ("Previous questionnaires of dentists found low morale; we interviewed 14 dentists.", "qualitative"),
    ("A large survey of midwives (Holm et al., 2018) reported stress; we held focus groups with 30 midwives.",
     "qualitative"),
    ("The coaching arm had 58 smokers and the leaflet arm 61.", None),
    ("The outreach group included 90 tenants and the comparison group 84 tenants.", "quantitative"),
    ("Schools enrolled 312 pupils; all 312 were tested again at 6 and 18 months.", "quantitative"),
    ("Symptoms were assessed at 6 and 12 months.", None),
])
def test_design_ignores_cited_work_and_reads_follow_up(text: str, design: str | None) -> None:
    assert classify_design("", text, None) == design


@pytest.mark.parametrize("text", [
    "Pharmacists tested 260 customers with a finger-prick device, and laboratory HbA1c was the reference standard.",
    "The screening app reached a sensitivity of 88% against clinician diagnosis.",
    "Positive predictive values were estimated for each cut-off.",
])
def test_diagnostic_accuracy_wording_is_quantitative(text: str) -> None:
    assert classify_design("", text, None) == "quantitative"
