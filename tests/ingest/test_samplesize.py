"""The sample-size grammar on constructions added in round 2 (sentences written for these tests).

Units: when no people are counted, the facilities or records an audit or review observed are the
sample; counts of them found later ("301 answered") are findings.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.ingest.samplesize import choose_sample_size, sample_size_in


@pytest.mark.parametrize("text, size", [
    # proportions are not counts
    ("We questioned 812 ferry passengers; one in six had missed a connection.", 812),
    ("Three out of every four of the 95 gardeners interviewed grew vegetables.", 95),
    # facilities and records observed when no people are counted
    ("We audited all 1,980 outpatient letters sent in 2022.", 1980),
    ("Researchers posing as tenants telephoned a random sample of 410 letting agents' offices; 377 answered.", None),
    ("Of the 140 garages visited by mystery shoppers, 61 quoted a price in writing.", 140),
    ("An audit of 520 theatre lists measured late starts.", 520),
    ("Staff at 26 pharmacies were surveyed.", None),
    ("We analysed 3.1 million prescriptions written by 288 dentists.", 288),
    # a prepositional phrase does not take the verb of its sentence
    ("Fifty-two porters employed by three hospital trusts took part in focus groups.", 52),
    # a bracketed breakdown of a total
    ("Overall, 604 drivers were randomised (300 to feedback and 304 to no feedback).", 604),
    # mailing a questionnaire invites; a response rate in brackets is not a finding
    ("A questionnaire was mailed to 1,600 florists, and 702 florists replied (44%).", 702),
    # a smaller group of the same people interviewed afterwards
    ("Eighty tram drivers completed a fatigue questionnaire; 11 tram drivers were then interviewed.", 80),
    ("We surveyed 300 teachers and, separately, interviewed 20 head teachers.", None),
])
def test_round_two_constructions(text: str, size: int | None) -> None:
    assert choose_sample_size(text).count == size


def test_a_later_larger_count_of_units_leaves_the_sample_empty_with_a_note() -> None:
    found = choose_sample_size("We audited 200 care plans from one home and 450 care plans from another.")
    assert found.count is None


def test_a_count_of_units_is_marked_as_such() -> None:
    found = choose_sample_size("We reviewed 640 ambulance records.")
    assert (found.count, found.units) == (640, True)
    assert choose_sample_size("We interviewed 12 paramedics.").units is False


@pytest.mark.parametrize("text, size", [
    ("方法 共纳入2 507名孕产妇，采用问卷调查收集资料。", 2507),
    ("方法 对3所医院的42名助产士进行半结构式访谈。", 42),
    ("方法 将88例患者随机分为两组，各44例。", 88),
    ("方法 共调查300余名社区居民。", None),
    ("方法 2019年对某市居民进行调查。", None),
])
def test_chinese_counts(text: str, size: int | None) -> None:
    assert sample_size_in("zh", text).count == size


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 9), st.integers(10, 99), st.integers(100, 5000).filter(lambda n: not 1800 <= n <= 2100))
def test_a_proportion_is_never_the_sample(numerator: int, denominator: int, total: int) -> None:
    # (year-like numbers written without a separator are never taken, by design: "Among 2019 respondents")
    text = f"We surveyed {total} cleaners; {numerator} in {denominator} reported back pain."
    assert choose_sample_size(text).count == total


@settings(max_examples=60, deadline=None)
@given(st.integers(100, 9000), st.data())
def test_audited_units_are_the_sample_and_later_counts_are_findings(audited: int, data: st.DataObject) -> None:
    finding = data.draw(st.integers(1, audited - 1))
    text = f"We audited {audited:,} discharge letters; {finding:,} lacked a medication list."
    assert choose_sample_size(text).count == audited


# --- round 4 rules (sentences written for these tests) ----------------------------------------------


@pytest.mark.parametrize("text, size", [
    # vague amounts are no count
    ("Several hundred visitors answered the survey.", None),
    ("Dozens of volunteers took part in the clean-up study.", None),
    ("Thousands of commuters were surveyed at stations.", None),
    # "a dozen", "two dozen"
    ("A dozen lifeguards were interviewed about rip currents.", 12),
    ("Two dozen beekeepers took part in focus groups.", 24),
    # either end of a range is no one count
    ("Between 20 and 30 carers attended each session.", None),
    ("Groups of 5–7 students were observed in class.", None),
    # people in the pairs or couples a bracket counts
    ("We interviewed 15 grandparent-grandchild dyads (30 participants).", 30),
    ("Eleven couples (22 people) took part in joint interviews.", 22),
    # a part of the people the authors invited or contacted
    ("Fifty-eight of the 90 tenants we invited completed the questionnaire.", 58),
    ("Forty-one of the lifeguards we contacted agreed to take part.", 41),
])
def test_round_four_constructions(text: str, size: int | None) -> None:
    assert choose_sample_size(text).count == size


# --- round 6 rules (sentences written for these tests) ----------------------------------------------


@pytest.mark.parametrize("text, size", [
    # a colon breaks a total down by arm
    ("The study randomised 96 walkers: 48 to poles and 48 to usual walking.", 96),
    # "X of Y ..., all of whom ...": the relative clause is X's; a participle after Y is Y's
    ("Screening confirmed 140 of 205 applicants, all of whom were enrolled.", 140),
    ("212 of 540 pharmacists completed the survey.", 212),
    ("Nine of the fourteen crews observed reported fatigue.", 14),
    # "administered to", "filled in", "came back"
    ("The questionnaire was administered to 388 hotel housekeepers.", 388),
    ("Sixty-six market traders filled in a short paper questionnaire.", 66),
    ("Forms were posted to 900 tenants, and 415 questionnaires came back.", 415),
    # interviews with other people than the surveyed ones are a second sample
    ("A depot survey (n = 212) was combined with 9 interviews with union representatives.", None),
    ("We surveyed 410 carers and held 18 interviews with carers.", 410),
    ("We used a survey (n = 150) and 12 follow-up interviews.", 150),
    # a count of one place inside a list member's noun phrase does not break the list
    ("We surveyed 75 cooks in one city and 60 cleaners in another city.", None),
])
def test_round_six_constructions(text: str, size: int | None) -> None:
    assert choose_sample_size(text).count == size


def test_interviews_with_other_people_leave_a_note() -> None:
    found = choose_sample_size("A staff survey (n = 240) ran alongside 11 key-informant interviews.")
    assert found.count is None
    assert any("240" in note and "11 interviews" in note for note in found.notes)


@pytest.mark.parametrize("text, size", [
    ("방법 대학생 312명을 대상으로 온라인 설문조사를 실시하였다.", 312),
    ("방법 간호사 약 200명을 대상으로 설문조사를 하였다.", None),
    ("방법 환자 80명을 무작위 배정하였으며, 그중 남성 35명이었다.", 80),
])
def test_korean_counts(text: str, size: int | None) -> None:
    assert sample_size_in("ko", text).count == size


@pytest.mark.parametrize("text, size", [
    ("Au total, 410 patients ont été inclus, dont 220 femmes.", 410),
    ("Environ 300 étudiants ont répondu à l'enquête.", None),
    ("Nous avons recruté 35 aidants et 28 soignants.", None),
    ("Des entretiens ont été menés auprès de 19 pharmaciens.", 19),
])
def test_french_counts(text: str, size: int | None) -> None:
    assert sample_size_in("fr", text).count == size


def test_other_languages_are_read_when_the_english_grammar_finds_nothing() -> None:
    assert choose_sample_size("Nous avons interrogé 27 kinésithérapeutes libéraux.").count == 27
    assert choose_sample_size("방법 교사 145명을 대상으로 설문조사를 실시하였다.").count == 145


# --- round 7 rules (sentences written for these tests) ----------------------------------------------


@pytest.mark.parametrize("text, size", [
    # the end of a response funnel with no enrolment stage
    ("Links were emailed to 4,100 subscribers; 950 opened the form and 702 completed every item.", 702),
    # records of events are not people
    ("We read 2,760 clinical notes of ambulance call-outs to care homes.", None),
    ("We read the clinical notes of 412 residents of care homes.", 412),
    # gapped clauses, repeated prepositions and comparisons name two groups with no total
    ("The morning shift contributed 58 cleaners and the night shift 47 cleaners.", None),
    ("Discussions were held with 16 bus drivers who worked split shifts, and with 4 depot managers.", None),
    ("We compared 730 mothers who breastfed with 730 who did not.", None),
    # "N of the respondents" is a part of the people counted before it
    ("A postal survey of 2,200 allotment holders was followed by interviews with 14 of the respondents.", 2200),
    # a modelled population is no one studied
    ("A decision model followed a hypothetical cohort of 20,000 smokers over their lifetime.", None),
    ("The simulation generated 5,000 virtual commuters.", None),
    # an ordinal-unit adjective before the noun
    ("Overall, 318 final-year nursing students took part.", 318),
    # the denominator of a rate
    ("Falls dropped by 2.2 per 1,000 residents among the 1,874 residents studied.", 1874),
])
def test_round_seven_constructions(text: str, size: int | None) -> None:
    assert choose_sample_size(text).count == size


def test_people_interviewed_beside_a_cohort_of_events_are_not_the_sample() -> None:
    found = choose_sample_size("A cohort analysis of 8,410 home visits was set beside interviews with 12 midwives.")
    assert found.count is None
    assert any("8410" in note and "12" in note for note in found.notes)


@pytest.mark.parametrize("text, size", [
    ("Se encuestó a 640 docentes de educación primaria.", 640),
    ("Participaron 2.015 adolescentes de 31 colegios públicos.", 2015),
    ("Se entrevistó a unos 40 agricultores.", None),
    ("Se incluirán 300 pacientes en el estudio.", None),
])
def test_spanish_counts(text: str, size: int | None) -> None:
    assert sample_size_in("es", text).count == size


@pytest.mark.parametrize("text, size", [
    ("Es wurden 27 Hebammen interviewt.", 27),
    ("Insgesamt 3.102 Studierende aus 12 Hochschulen füllten den Fragebogen aus.", 3102),
    ("Befragt wurden 40 Beschäftigte aus 9 Pflegeheimen.", 40),
    ("Es wurden etwa 500 Eltern befragt.", None),
])
def test_german_counts(text: str, size: int | None) -> None:
    assert sample_size_in("de", text).count == size


@pytest.mark.parametrize("text, size", [
    ("В исследование включено 3 480 беременных женщин.", 3480),
    ("Опрошены 96 фельдшеров из 11 районов.", 96),
    ("Было опрошено около 700 студентов.", None),
])
def test_russian_counts(text: str, size: int | None) -> None:
    assert sample_size_in("ru", text).count == size


@given(st.integers(min_value=1000, max_value=999_999), st.sampled_from([".", " "]))
@settings(max_examples=40, deadline=None)
def test_grouped_thousands_are_read_whole_in_german(value: int, separator: str) -> None:
    written = f"{value:,}".replace(",", separator)
    assert sample_size_in("de", f"Insgesamt {written} Pflegekräfte beantworteten den Fragebogen.").count == value


def test_other_latin_script_languages_are_told_apart() -> None:
    assert choose_sample_size("Un total de 1.260 estudiantes respondieron una encuesta en línea.").count == 1260
    assert choose_sample_size("An der Umfrage nahmen 1.260 Lehrkräfte teil.").count == 1260
    assert choose_sample_size("Each participant received a £20 voucher.").count is None


@pytest.mark.parametrize("text, size", [
    # a part at a later stage than its whole is the sample; the whole is the pool
    ("Of 915 pupils who were offered the app, 402 agreed to use it and answered the weekly check-ins.", 402),
    ("We approached 260 beekeepers at the show and enrolled 81 of them in the survey.", 81),
    ("In all, 3,020 women were assessed for eligibility, of whom 1,114 underwent randomisation.", 1114),
    ("Seventeen of the 64 tutors contacted agreed to be interviewed.", 17),
    # a part that is a nested interview sub-sample of a declared whole leaves the whole in place
    ("Porters completed a survey (n = 140); 18 of them were then interviewed.", 140),
])
def test_funnel_parts_at_a_later_stage_are_the_sample(text: str, size: int) -> None:
    assert choose_sample_size(text).count == size


@pytest.mark.parametrize("text, size", [
    ("A random sample of 2,000 dentists was drawn from the register; 1,190 returned the form.", 1190),
    ("Six thousand voters were selected at random and mailed a ballot survey; seven hundred returned it.", 700),
    ("A random sample of 640 dairy farmers was drawn from the levy register.", 640),
])
def test_a_drawn_sample_gives_way_to_its_responders(text: str, size: int) -> None:
    assert choose_sample_size(text).count == size


@pytest.mark.parametrize("text, size", [
    ("Students aged 11 to 14 years (n = 389) wore step counters for a week.", 389),
    ("Logs of 9,210 helpline calls about debt, involving 6,044 callers, were coded.", 6044),
    ("We inspected the menus of 63 school canteens for salt content.", 63),
    ("We compared length of stay between 2,310 patients seen by day and 1,877 seen at night.", None),
    ("We describe how a trust set up a falls clinic, which treated 412 patients in its first year.", None),
    ("This paper describes the development of a peer-support line that answered 3,100 callers.", None),
])
def test_ranges_events_units_comparisons_and_descriptions(text: str, size: int | None) -> None:
    assert choose_sample_size(text).count == size


@pytest.mark.parametrize("text, size", [
    ("Partecipanti: 2.315 studenti di 14 scuole superiori hanno compilato un questionario online.", 2315),
    ("Sono stati intervistati 27 infermieri di cui 19 donne.", 27),
    ("Hanno partecipato circa 400 genitori.", None),
    ("Lo studio arruolerà 300 pazienti in 6 ospedali.", None),
])
def test_italian_counts(text: str, size: int | None) -> None:
    assert sample_size_in("it", text).count == size


def test_an_italian_abstract_is_read_by_the_italian_grammar() -> None:
    text = ("Disegno: studio trasversale con questionario. Setting e partecipanti: 1.048 operatori sanitari "
            "di età compresa tra 25 e 60 anni in tre aziende ospedaliere. Risultati: il 62,3% era vaccinato.")
    assert choose_sample_size(text).count == 1048


def test_an_abbreviation_defined_for_people_counts_people() -> None:
    background = "Lay health workers (LHWs) visit farms in the uplands."
    assert choose_sample_size("In all, 52 LHWs were shadowed for a day.", context=background).count == 52
    assert choose_sample_size("In all, 52 LHWs were shadowed for a day.").count is None


@pytest.mark.parametrize(("text", "size"), [
    # the part spoken with is the sample; the whole is only named as where it came from
    ("The follow-on study drew on focus groups with 19 of the 530 tenants in the rehousing scheme.", 19),
    ("A census (n = 640) was run; interviews with 14 of the 640 respondents followed.", 640),
    # screening for a condition and clinical referral describe people, they are not funnel stages
    ("The evaluation covered 9,314 pregnant women screened for gestational diabetes at four maternity units.", 9314),
    ("Of 1,100 patients screened for eligibility, 412 were enrolled.", 412),
    ("In this trial, 506 adults referred to memory clinics in 4 regions were allocated to app or leaflet.", 506),
    # a data source beside a count of people interviewed
    ("We merged footfall data from 61 libraries with interviews of 27 library volunteers.", 27),
    # people pooled in the studies a review included are not its sample
    ("Fourteen trials involving 3,870 adolescents met the inclusion criteria.", None),
    ("Six cohort studies (n = 21,400) were included in the meta-analysis.", None),
    ("We ran two trials with 310 patients in total.", 310),
    # focus groups with other, uncounted people beside a count of interviewees
    ("We interviewed 31 ferry crews and held five group discussions with island residents.", None),
    ("We interviewed 18 midwives and ran four focus groups with them.", 18),
])
def test_round_ten_constructions(text: str, size: int | None) -> None:
    assert choose_sample_size(text).count == size


@pytest.mark.parametrize(("text", "size"), [
    # a programme's or service's reach is a figure of its activity, not a sample
    ("The food bank network has served 12,400 households since it opened.", None),
    ("Over its first decade the peer-support helpline helped 8,150 callers.", None),
    ("We surveyed 640 callers to the helpline.", 640),
    # a count of pairs already holds both members
    ("In total, 118 couples of a patient and their partner completed the questionnaire.", 118),
    ("We recruited 70 adolescents and their mothers from youth clubs.", None),
    # people interviewed beside records of other, uncounted people: two samples
    ("We abstracted 1,260 ambulance records and interviewed 12 dispatchers.", None),
    # people screened by trainees the study also counts: no funnel, two counts side by side
    ("We trained 35 pharmacists, who then screened 980 customers for atrial fibrillation.", None),
    ("Of 720 people screened for eligibility, 301 enrolled.", 301),
    # "held conversations with": the people spoken with, even under a noun the vocabulary lacks
    ("We held long conversations with 17 harbour pilots.", 17),
    # responses obtained are respondents
    ("Forms were posted to 1,400 tenants, and 655 valid responses were obtained.", 655),
    # a planned count, "intend to"
    ("We intend to recruit 90 carers.", None),
])
def test_round_eleven_constructions(text: str, size: int | None) -> None:
    assert choose_sample_size(text).count == size


@pytest.mark.parametrize(("text", "size"), [
    ("病棟看護師を対象に質問紙を配布し、523名から回答を得た。", 523),
    ("介護職員18人に半構造化インタビューを行った。", 18),
    ("参加者は45名で、うち女性は30名であった。", 45),
    ("約1200名の住民を対象とした。", None),
    ("120名以上の学生が回答した。", None),
    ("今後、200名を対象に調査を行う予定である。", None),
])
def test_japanese_counts(text: str, size: int | None) -> None:
    assert sample_size_in("ja", text).count == size


def test_a_japanese_abstract_is_read_by_the_japanese_grammar() -> None:
    assert choose_sample_size("地域の保健師64名に質問紙調査を実施した。").count == 64


@pytest.mark.parametrize(("text", "size"), [
    ("Nous avons réalisé quarante et un entretiens semi-directifs auprès de kinésithérapeutes.", 41),
    ("Au total, trois cent douze étudiants ont répondu au questionnaire.", 312),
    ("Une infirmière a coordonné l'enquête auprès de 86 familles.", 86),
])
def test_french_number_words(text: str, size: int | None) -> None:
    assert sample_size_in("fr", text).count == size


@pytest.mark.parametrize(("text", "size"), [
    # a count in cited earlier work is that work's sample
    ("Prior studies of 1,800 firefighters found poor sleep; we interviewed 22 firefighters on night rosters.", 22),
    ("A regional audit of 3,100 nurses [4] showed high turnover, so we surveyed 640 nurses in two trusts.", 640),
    ("Unlike previous studies, we recruited 95 bakers.", 95),
    # the analysed end of a funnel in a study that allocated no one
    ("Of 820 tenants contacted, 610 agreed and 577 provided usable data.", 577),
    ("Of the 1,400 pupils approached, 1,150 consented and 1,090 were included in the analysis.", 1090),
    ("Of 700 mothers screened, 420 were randomised and 391 were included in the analysis.", 420),
    # two arms with the second noun left out and no total
    ("The coaching arm had 58 smokers and the leaflet arm 61.", None),
    # focus groups drawn from people already counted
    ("We surveyed 275 bus drivers and held three focus groups with a subset of 24 of them.", 275),
])
def test_batch9_constructions(text: str, size: int | None) -> None:
    assert choose_sample_size(text).count == size


@pytest.mark.parametrize(("text", "size"), [
    ("Volunteers screened 275 adults with a finger-prick test.", 275),
    ("We screened 2,000 women with a short questionnaire and enrolled 300 of them.", 300),
    ("The tool had a specificity of 0.92 in 410 callers.", 410),
])
def test_screening_with_a_test_and_decimals_before_in(text: str, size: int) -> None:
    assert choose_sample_size(text).count == size


def test_a_count_of_nobody_is_never_a_sample_size() -> None:
    """Found by fuzzing the whole ingest: an abstract "0 tenants" gave sample_size 0, which the record
    schema refuses (a sample is at least one)."""
    assert choose_sample_size("0 tenants").count is None
    assert choose_sample_size("We approached 0 landlords and surveyed 57 tenants.").count == 57


def test_observed_meetings_leave_the_count_of_interviews_standing() -> None:
    text = ("The study combined 27 interviews with ward managers and nurses with observation of 8 discharge "
            "planning meetings across three hospitals.")
    assert choose_sample_size(text).count == 27


def test_focus_groups_beside_interviews_still_leave_it_empty() -> None:
    text = "We carried out 27 interviews with ward managers and 5 focus groups with carers."
    assert choose_sample_size(text).count is None
