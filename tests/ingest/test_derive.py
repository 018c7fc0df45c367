"""Design, sample size and settings from an abstract's own wording (texts written for these tests)."""

from __future__ import annotations

import pytest

from generator.ingest.base import AbstractSection, Extraction, Translation
from generator.ingest.derive import (
    classify_design,
    derive,
    find_sample_size,
    find_sample_size_with_notes,
    find_settings,
)


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
    # phrasings the old phrase list missed, in new wording
    ("We carried out 41 semistructured interviews with lock keepers.", 41),
    ("305 teachers attending summer courses filled in a form.", 305),
    ("Ninety-four responded.", 94),
    ("The cohort included 8210 enrollees.", 8210),
    ("We ran three focus groups with 19 bus drivers.", 19),
    ("We interviewed two hundred and six gardeners.", 206),
    # counts that used to come out wrong
    ("From 4 kinds of clinics, 180 clinicians were surveyed.", 180),
    ("Among 2020 respondents, most agreed.", None),
    ("Of 2,050 eligible, 730 were enrolled.", 730),
    ("Of 640 screened, 302 were randomised.", 302),
    ("Two of the six apprentices completed the course.", 6),
])
def test_sample_size(text: str, size: int | None) -> None:
    assert find_sample_size(text)[0] == size


def test_conflicting_counts_leave_the_sample_empty_with_a_note() -> None:
    found = find_sample_size_with_notes("We surveyed 140 midwives and 60 obstetricians.")
    assert found.count is None
    assert found.notes and "140" in found.notes[0] and "60" in found.notes[0]


def test_a_total_that_the_parts_add_up_to_is_the_sample() -> None:
    assert find_sample_size("We interviewed 8 porters, 5 cleaners and 7 cooks, 20 staff in all.")[0] == 20


def test_a_review_has_no_sample_of_its_own() -> None:
    study = _study("Exercise for back pain", [(None, "A systematic review of 14 trials with 2,300 adults.")])
    derived = derive(study)
    assert derived.design == "review" and derived.sample_size is None


@pytest.mark.parametrize("text, design", [
    ("Mystery shoppers telephoned 90 opticians to ask for an urgent appointment.", "quantitative"),
    ("Survival was compared with Cox models and hazard ratios are reported.", "quantitative"),
    ("Families were randomly allocated to home visits or leaflets.", "trial"),
    ("A new paradigm for allotments is proposed; we enrolled 150 gardeners and plot use rose from 40% to 65%.",
     "quantitative"),
    ("A new paradigm for allotments is proposed.", None),
    ("Ethnographic fieldwork was done in a fish market.", "qualitative"),
])
def test_design_from_method_wording(text: str, design: str | None) -> None:
    assert classify_design("", text, None) == design


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


def test_an_abstract_in_another_script_is_read_in_its_english_version() -> None:
    study = Extraction(
        title="某市社区护士职业倦怠调查",
        abstract=(AbstractSection(None, "目的 了解社区护士的职业倦怠状况。"
                                        "方法 对某市社区卫生服务中心的护士进行问卷调查。"),),
        translations=(Translation(lang="en", title="Burnout among community nurses in one city", abstract=(
            AbstractSection("Methods", "A cross-sectional survey of 407 community nurses used a burnout scale."),)),),
    )
    derived = derive(study)
    assert (derived.sample_size, derived.design) == (407, "quantitative")


def test_a_chinese_abstract_alone_gives_its_sample_and_design() -> None:
    study = _study("乡村教师的工作体验", [(None, "方法 采用目的抽样法，对9名乡村教师进行半结构式访谈，"
                                                 "运用主题分析法分析资料。")])
    derived = derive(study)
    assert (derived.sample_size, derived.design) == (9, "qualitative")


def test_units_a_trial_randomised_are_clusters_not_its_sample() -> None:
    study = _study("Reminder letters", [(None, "Thirty dental surgeries were sampled and randomised to reminder "
                                               "letters or usual recall in a cluster randomised trial.")])
    derived = derive(study)
    assert derived.design == "trial" and derived.sample_size is None


def test_an_abstract_in_another_latin_script_language_is_read_in_english() -> None:
    study = Extraction(
        title="Experiências de cuidadores de idosos",
        abstract=(AbstractSection(None, "Objetivo: compreender as experiências dos cuidadores. Método: estudo "
                                        "qualitativo com entrevistas semiestruturadas a 16 cuidadoras familiares."),),
        translations=(Translation(lang="en", abstract=(AbstractSection(None, (
            "Objective: to understand carers' experiences. Method: a qualitative study with semi-structured "
            "interviews with 16 family carers.")),)),),
    )
    derived = derive(study)
    assert (derived.sample_size, derived.design) == (16, "qualitative")


@pytest.mark.parametrize("text, design", [
    # round 6 (sentences written for these tests)
    ("The protocol of a stepped trial in which 24 care homes are to be randomised is set out.", "other"),
    ("Clustering of patients within wards was handled by generalised estimating equations.", "quantitative"),
    ("Respondents completed a discrete choice experiment on clinic opening hours.", "quantitative"),
    ("Using a central randomisation website, we assigned 130 pupils to tutoring or usual lessons.", "trial"),
    ("Schools were randomly ordered to cross over to the new timetable.", "trial"),
    ("Searches of five databases found 2,040 records; 14 cohort studies met our criteria.", "review"),
    ("Patient diaries were analysed narratively.", "qualitative"),
    ("The median stay was 4 days (IQR 2-7), and 11% of patients returned within a month.", None),
    ("방법 노인 20명과 심층면담을 실시하였다.", "qualitative"),
    ("방법 간호사를 대상으로 설문조사를 실시하였다.", "quantitative"),
    ("Il s'agit d'une revue systématique de la littérature.", "review"),
    ("Nous avons conduit des entretiens semi-directifs auprès de 12 médecins.", "qualitative"),
    ("Un essai randomisé a comparé deux pansements.", "trial"),
])
def test_design_round_six_wording(text: str, design: str | None) -> None:
    assert classify_design("", text, None) == design


@pytest.mark.parametrize("text, design", [
    # round 7 (sentences written for these tests)
    ("We pooled individual patient data from eleven cohorts.", "review"),
    ("A realist synthesis drew on 37 programme reports.", "review"),
    ("We charted the literature on school nurse prescribing.", "review"),
    ("A Markov model projected outcomes for a simulated population of 1,000 adults.", "other"),
    ("We plan to interview ward clerks about night handovers.", "other"),
    ("We aim to recruit 50 patients per arm.", None),
    ("Bakers had their lung function tested at the start of each shift.", "quantitative"),
    ("Apprentices completed a validated resilience inventory.", "quantitative"),
    ("Volunteer stewards wore heart-rate monitors during matches.", "quantitative"),
    ("Student paramedics kept reflective journals for a term.", "qualitative"),
    ("Two workshops with carers explored how discharge letters could be clearer.", "qualitative"),
    ("The evaluation drew on usage logs and interviews with app users.", "mixed-methods"),
    ("Response rates differed between the two regions.", None),
    ("Se realizaron grupos focales con madres adolescentes.", "qualitative"),
    ("Die Daten wurden mit einem standardisierten Fragebogen erhoben.", "quantitative"),
    ("Проведено рандомизированное исследование.", "trial"),
])
def test_design_round_seven_wording(text: str, design: str | None) -> None:
    assert classify_design("", text, None) == design


def test_a_modelled_cohort_gives_no_sample_and_other_design() -> None:
    study = Extraction(title="Screening for glaucoma", abstract=(AbstractSection(
        None, "A decision-analytic model simulated a hypothetical cohort of 40,000 adults aged 60."),))
    derived = derive(study)
    assert (derived.sample_size, derived.design) == (None, "other")


@pytest.mark.parametrize(("text", "design"), [
    # a planned study is "other" even when it will randomise
    ("We plan to enrol 260 smokers and randomise them to text messages or leaflets.", "other"),
    # records kept in a database or register are routine data
    ("All strokes notified to the regional stroke register from 2014 to 2019 were included.", "quantitative"),
    ("We counted prescriptions held in the national dispensing database.", "quantitative"),
    # groups compared by how much
    ("Night workers reported poorer sleep and higher fatigue scores than day workers.", "quantitative"),
    # a follow-up's length alone is no design
    ("Median follow-up was 2.5 years.", None),
    # actors who visit or call services are an audit, not a modelled population
    ("Simulated patients visited 95 opticians and asked about glaucoma checks.", "quantitative"),
    ("A simulated cohort of 100,000 women was followed in a Markov model.", "other"),
    # records analysed beside interviews: both kinds of data
    ("An analysis of 880 referral letters was paired with interviews with 12 GPs.", "mixed-methods"),
    # Japanese and French method wording
    ("高齢者施設の職員を対象に横断調査を行った。", "quantitative"),
    ("訪問看護師に半構造化インタビューを行い、質的記述的に分析した。", "qualitative"),
    ("Une enquête par entretiens a été menée auprès de médecins généralistes.", "qualitative"),
])
def test_round_eleven_design_wording(text: str, design: str | None) -> None:
    assert classify_design("", text, None) == design
