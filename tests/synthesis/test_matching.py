"""Assigning studies to themes: real evidence only, curators overrule, citing papers never count.

Every abstract here is written for these tests; several mention a theme's word in passing to
check that a passing mention is not enough.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pytest

from generator.model.study import Section, Statement, Study
from generator.synthesis.matching import CitedEvidence, Evidence, assign_themes, match_theme


@dataclass(frozen=True)
class _Theme:
    """Just what matching reads of a theme, so these tests do not depend on how theme files load."""

    id: str
    title: str
    signals: tuple[str, ...]


STIGMA = _Theme("stigma", "Stigma", (r"\bstigma\w*", r"\bdiscriminat\w*", r"\bdrug[- ]seeking\b"))
TRAINING = _Theme("training", "Clinician training", (r"\btrain(ing|ings|ees?|ers?)\b", r"\bmentor\w*"))
ENGAGEMENT = _Theme("engagement", "Patient engagement", (r"\bengag\w*", r"\bretention\b", r"\boutreach\b"))


def _study(title: str = "A study of buprenorphine in rural clinics", *sections: tuple[str | None, str],
           **fields: object) -> Study:
    return Study(id=str(fields.pop("id", "s")), title=title,
                 abstract=tuple(Section(heading, text) for heading, text in sections), **fields)  # type: ignore[arg-type]


# --- false positives: a word in passing is not evidence -------------------------------------------

def test_trained_research_assistants_in_methods_do_not_make_a_training_study() -> None:
    study = _study("Prescribing patterns for buprenorphine",
                   ("Objective", "To describe prescribing patterns."),
                   ("Methods", "Research assistants completed a two-day training before chart review."),
                   ("Results", "Prescribing rose by 12% over two years."),
                   ("Conclusions", "Rural prescribing is growing."))
    match = match_theme(study, TRAINING)
    assert not match.assigned
    assert match.evidence == ()  # a methods sentence without a role is no evidence
    assert match.reason == "no signal in title, keywords or evidence sentences"


def test_a_broad_pattern_still_needs_more_than_one_methods_sentence() -> None:
    broad = _Theme("training", "Clinician training", (r"\btrain\w*",))
    study = _study("Prescribing patterns", ("Methods", "Trained research assistants asked about barriers to care."),
                   ("Results", "Rates rose."))
    match = match_theme(study, broad)
    assert [e.anchor for e in match.evidence] == ["s1-1"]  # it has a role, so it is shown ...
    assert not match.assigned  # ... but one methods sentence never assigns a theme
    assert match.reason == "only 1 sentence with a signal; two are needed"


def test_retention_once_in_an_unstructured_abstract_is_not_engagement() -> None:
    study = _study("A peer group that welcomes medication",
                   (None, "The group grew over two years. Welcoming medication may help treatment retention."))
    match = match_theme(study, ENGAGEMENT)
    assert not match.assigned
    assert match.reason == "only 1 sentence with a signal; two are needed"
    assert [e.text for e in match.evidence] == ["Welcoming medication may help treatment retention."]


def test_background_mentions_never_count() -> None:
    study = _study("Prescribing after a policy change",
                   ("Background", "Stigma is widely discussed. Discrimination against patients is common."),
                   ("Methods", "We analysed claims from 40 clinics."),
                   ("Results", "Prescribing rose by 12%."))
    match = match_theme(study, STIGMA)
    assert not match.assigned
    assert match.evidence == ()


def test_keywords_alone_are_one_sentence_not_enough() -> None:
    study = _study("Prescribing after a policy change", ("Results", "Prescribing rose."), keywords=("Stigma",))
    match = match_theme(study, STIGMA)
    assert not match.assigned
    assert match.reason == "only the keywords with a signal; two are needed"


# --- real evidence -------------------------------------------------------------------------------

def test_a_title_signal_is_enough() -> None:
    study = _study("Overcoming stigma in peer recovery", (None, "The group grew. Members supported each other."))
    match = match_theme(study, STIGMA)
    assert match.assigned and not match.by_hand
    assert match.reason == "signal in title"
    assert match.evidence == ()


@pytest.mark.parametrize("heading, reason", [("Results", "signal in results"),
                                             ("Conclusions", "signal in conclusions"),
                                             ("Findings", "signal in results")])
def test_one_finding_sentence_is_enough(heading: str, reason: str) -> None:
    study = _study("Barriers to MOUD", (heading, "Clinicians feared patients were drug seeking."))
    match = match_theme(study, STIGMA)
    assert match.assigned
    assert match.reason == reason


def test_two_unlabelled_sentences_are_enough() -> None:
    study = _study("A peer group", (None, "Members faced stigma at meetings."),
                   (None, "Leaders worked against discrimination."))
    match = match_theme(study, STIGMA)
    assert match.assigned
    assert match.reason == "2 sentences with signals"


def test_a_methods_sentence_with_a_role_and_the_keywords_are_enough() -> None:
    study = _study("Interviews in primary care",
                   ("Methods", "We asked about practices that aided or hindered engagement."),
                   keywords=("Patient engagement",))
    match = match_theme(study, ENGAGEMENT)
    assert match.assigned
    assert match.reason == "1 sentence and the keywords with signals"


def test_evidence_quotes_the_sentence_and_says_where_it_is() -> None:
    study = _study("Barriers to MOUD",
                   ("Objective", "To study stigma."),
                   ("Results", "Most participants (eg, nurses) said stigma hindered training. Stigma and "
                               "STIGMATIZING talk were common, as was discrimination."))
    match = match_theme(study, STIGMA)
    assert match.evidence == (
        Evidence("s2-1", "Results", "results", "Most participants (eg, nurses) said stigma hindered training.",
                 "barrier", ("stigma",)),
        Evidence("s2-2", "Results", "results",
                 "Stigma and STIGMATIZING talk were common, as was discrimination.", None,
                 ("Stigma", "STIGMATIZING", "discrimination")),
    )


# --- curators and citing papers ----------------------------------------------------------------------

def test_pinned_assigns_whatever_the_text_says() -> None:
    study = _study("Prescribing patterns", ("Results", "Rates rose."), themes_pinned=("stigma",))
    match = match_theme(study, STIGMA)
    assert (match.assigned, match.by_hand, match.reason) == (True, True, "pinned by a curator")


def test_excluded_removes_whatever_the_text_says() -> None:
    study = _study("Stigma and training", ("Results", "Stigma hindered training."), themes_excluded=("stigma",))
    match = match_theme(study, STIGMA)
    assert (match.assigned, match.by_hand, match.reason) == (False, True, "excluded by a curator")
    assert match.evidence  # still computed, so a curator can see what was overruled
    assert match_theme(study, TRAINING).assigned  # only the named theme is excluded


def test_excluded_wins_over_pinned() -> None:
    study = _study("Stigma", themes_pinned=("stigma",), themes_excluded=("stigma",))
    assert not match_theme(study, STIGMA).assigned


def test_citation_statements_are_cited_evidence_and_never_assign() -> None:
    statements = (Statement("Even participants on MOUD report stigma in these settings (Smith, 2018).",
                            "Discussion", "mentioning", 99),
                  Statement("Peer groups retain members.", "Introduction", "mentioning", 90))
    study = _study("A peer group", (None, "The group grew."), citation_statements=statements)
    match = match_theme(study, STIGMA)
    assert not match.assigned
    assert match.cited_evidence == (CitedEvidence(statements[0].text, "Discussion", ("stigma",)),)
    assert match.evidence == ()


# --- patterns and the whole set --------------------------------------------------------------------

def test_signals_are_case_insensitive_and_a_bad_pattern_does_not_crash() -> None:
    theme = _Theme("stigma", "Stigma", ("[unclosed", r"\bSTIGMA\b"))
    study = _study("stigma in clinics")
    assert match_theme(study, theme).assigned


def test_a_theme_without_signals_matches_nothing() -> None:
    assert not match_theme(_study("Stigma everywhere"), _Theme("empty", "Empty", ())).assigned


def test_assign_themes_keeps_assigned_published_studies_sorted_by_id() -> None:
    studies = [
        _study("Stigma in clinics", id="zeta"),
        _study("Stigma in pharmacies", id="alpha"),
        _study("Training nurses", id="beta"),
        _study("Stigma in prisons", id="gone", status="excluded"),
    ]
    result = assign_themes(studies, [STIGMA, TRAINING, ENGAGEMENT])
    assert {theme: [m.study_id for m in matches] for theme, matches in result.items()} == {
        "stigma": ["alpha", "zeta"], "training": ["beta"], "engagement": []}
    assert all(m.theme_id == "stigma" for m in result["stigma"])


def test_the_site_theme_type_works_too() -> None:
    from generator.synthesis.themes import Theme

    names = {f.name for f in dataclasses.fields(Theme)}
    if "signals" not in names:
        pytest.skip("themes.Theme has no signals yet")
    values = {f.name: f.default for f in dataclasses.fields(Theme) if f.default is not dataclasses.MISSING}
    required = dict.fromkeys(names - set(values) - {"order"}, "x")
    theme = Theme(**{**required, "id": "stigma", "signals": (r"\bstigma\w*",), "order": 1})  # type: ignore[arg-type]
    assert match_theme(_study("Stigma in clinics"), theme).assigned
