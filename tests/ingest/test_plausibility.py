"""Plausibility checks: page chrome, journal names and dates are never a confident record.

Every example here was written for this file (invented studies, invented sites and journals);
none is taken from the seeds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import assume, given
from hypothesis import strategies as st

from generator.cli import main
from generator.errors import Severity
from generator.ingest.pipeline import ingest_project
from generator.ingest.plausibility import (
    AFFILIATION_WORDS,
    JOURNAL_WORDS,
    UI_LABELS,
    abstract_problems,
    author_problems,
    coherence_problems,
    doi_problems,
    journal_problems,
    label_kind,
    notice_problems,
    record_problems,
    title_problems,
    year_problems,
)
from generator.model.yamlio import dump_yaml

EVERY_LABEL = [(kind, label) for kind, labels in UI_LABELS.items() for label in sorted(labels)]


# --------------------------------------------------------------------------- the vocabulary


@pytest.mark.parametrize(("kind", "label"), EVERY_LABEL)
def test_every_label_is_refused_as_a_title(kind: str, label: str) -> None:
    [problem] = title_problems(label)
    assert kind in problem


@pytest.mark.parametrize(("kind", "label"), EVERY_LABEL)
def test_every_label_is_found_whatever_its_case_punctuation_or_count(kind: str, label: str) -> None:
    assert label_kind(f"  {label.upper()}: ") == kind
    assert label_kind(f"» {label.title()} (27)") == kind


# --------------------------------------------------------------------------- titles

GARBAGE_TITLES = [
    ("Skip to main content", "navigation"),
    ("Zum Hauptinhalt springen", "navigation"),
    ("Aller au contenu principal", "navigation"),
    ("Ir al contenido principal", "navigation"),
    ("首页", "navigation"),
    ("Cited by (14)", "navigation"),
    ("Similar articles", "navigation"),
    ("Original Research", "article-type"),
    ("Artículo original", "article-type"),
    ("摘要", "heading"),
    ("Zusammenfassung", "heading"),
    ("Author information", "metadata"),
    ("Europe PMC", "website"),
    ("Abstract | Full text | PDF", "row of website labels"),
    ("Share • Cite • Metrics", "row of website labels"),
    ("15 March 2022", "date"),
    ("Published: 3 May 2021", "date"),
    ("2021-11-04", "date"),
    ("2021年3月", "date"),
    ("12 de octubre de 2020", "date"),
    ("Int J Rural Nurs Pract", "journal"),
    ("Scand J Prim Care Res", "journal"),
    ("Am. J. Harm Reduct.", "journal"),
    ("Journal of Rural Addiction Studies", "journal"),
    ("International Journal of Peer Recovery", "journal"),
    ("Revista de Salud Comunitaria", "journal"),
    ("Harbourside Nursing Journal", "journal"),
    ("Addict Behav Rep. 2021;14(2):100362", "citation line"),
    ("Vol. 12, No. 3", "citation line"),
    ("www.lakeshore-health-press.org", "web address"),
    ("See https://example.org/article/12", "web address"),
    ("Stigma among ward nurses - Europe PMC", "website's name"),
    ("Opioid tapering in small clinics | ScienceDirect", "website's name"),
    ("Naloxone", "too few"),
    ("Ref 2 No 12.345.678/90-12-33-4411-5566", "digits"),
    ("12 345 678 / 90-12", "0 words"),
]


@pytest.mark.parametrize(("title", "why"), GARBAGE_TITLES)
def test_garbage_titles_are_flagged_with_a_reason(title: str, why: str) -> None:
    [problem] = title_problems(title)
    assert why in problem and title.split()[0] in problem


def test_a_title_that_repeats_the_journal_is_flagged() -> None:
    [problem] = title_problems("Northfield Review of Community Care", journals=["Northfield Review of Community Care"])
    assert "journal's name" in problem


VALID_TITLES = [
    "Peer navigators and opioid treatment: a mixed-methods evaluation",
    "Why do clinicians hesitate? Interviews with rural prescribers",
    "Buprenorphine access in 2019–2021: a difference-in-differences analysis",
    "Abstract reasoning and relapse among adolescents in outpatient care",
    "Original research on telehealth adoption in county jails",
    "Home visits after an overdose: a pragmatic randomised trial",
    "Search and rescue? Outreach to people who use drugs in winter",
    "The journal club as a teaching tool for addiction fellows",
    "Methadone dosing",
    "Peer Recovery Coaching: A Scoping Review",
    "A Systematic Literature Review of Peer Recovery Coaching",
    "COVID-19 and take-home doses: 12 months of data from 40 clinics",
    "基层医疗机构阿片类药物使用障碍治疗的质性研究",
    "Estigma hacia las personas que usan drogas en atención primaria",
    "Substitutionsbehandlung in der hausärztlichen Versorgung: eine Befragung",
    "Prise en charge des patients sous buprénorphine en officine : une étude qualitative",
    "A CONTROLLED TRIAL OF CONTINGENCY MANAGEMENT IN A SMALL TOWN",
    "Stigma, shame and silence: " + " ".join(["how nurses talk about addiction"] * 6),
]


@pytest.mark.parametrize("title", VALID_TITLES)
def test_real_looking_titles_pass(title: str) -> None:
    assert title_problems(title) == []


def test_a_missing_title_is_not_a_plausibility_problem() -> None:
    assert title_problems(None) == title_problems("  ") == []


# --------------------------------------------------------------------------- authors

GARBAGE_AUTHORS = [
    ("Expand, Affiliations", "label"),
    ("Research, Original", "label"),
    ("Show more", "label"),
    ("Author information", "label"),
    ("Autores", "label"),
    ("作者单位", "label"),
    ("et al", "label"),
    ("Results, Methods", "label"),
    ("Department of Psychiatry, Westbrook University", "affiliation"),
    ("Universidad de Las Colinas", "affiliation"),
    ("江南医科大学", "affiliation"),
    ("Journal of Rural Health Studies", "journal"),
    ("Smith1,2, Anna", "digits"),
    ("m.okafor@example.org", "address"),
    ("Patients were recruited from three clinics; most were men", "text"),
    ("1234", "letters"),
]


@pytest.mark.parametrize(("author", "why"), GARBAGE_AUTHORS)
def test_garbage_authors_are_flagged(author: str, why: str) -> None:
    [problem] = author_problems([author])
    assert why in problem and author[:5] in problem


VALID_AUTHORS = [
    "van der Berg, Anneke", "Ng, Wei", "O'Connor-Baptiste, Siobhán", "Wang, Xiaoming", "王晓明",
    "Close, Glenn", "Home, Alec", "Müller-Lüdenscheidt, Hans-Jürgen", "da Silva, João", "Al-Khatib, Rana",
    "Nguyễn, Thị Lan", "de la Cruz, María José", "Okafor, C. N.", "Smith, J. R., Jr", "Broadbent, Tamsin",
    "Roadley, Jane", "WHO Collaborative Group on Peer Support", "Lakeside Recovery Study Investigators",
    "National Institute on Drug Abuse", "Department of Health and Social Care", "Grupo de Trabajo en Adicciones",
    "Kowalczyk, Łukasz", "Núñez, Inés", "Søndergaard, Bjørn", "Papadopoulou, Eleni",
]


@pytest.mark.parametrize("author", VALID_AUTHORS)
def test_personal_and_group_names_pass(author: str) -> None:
    assert author_problems([author]) == []


def test_each_bad_author_gets_its_own_reason() -> None:
    problems = author_problems(["Expand", "Lindqvist, Maja", "Affiliations"])
    assert len(problems) == 2 and "Lindqvist" not in " ".join(problems)


# --------------------------------------------------------------------------- abstracts

GOOD_ABSTRACT = [
    {"heading": "Background", "text": "Rural clinics rarely offer buprenorphine, and little is known about why."},
    {"heading": "Methods", "text": "We interviewed 31 prescribers in four counties and coded the transcripts."},
    {"heading": "Results", "text": "Prescribers named stigma, staffing and pharmacy stock as the main barriers."},
    {"heading": "Conclusions", "text": "Support for pharmacies may matter as much as training. © 2022 The Authors. "
                                       "All rights reserved."},
]


def test_a_structured_abstract_with_a_copyright_line_passes() -> None:
    assert abstract_problems(GOOD_ABSTRACT) == []


@pytest.mark.parametrize("text", [
    "In dieser Studie befragten wir 120 Pflegekräfte aus sechs Kliniken zu ihren Erfahrungen mit der "
    "Substitutionsbehandlung. Die meisten Befragten sahen Schulungen als wichtigste Maßnahme.",
    "Entrevistamos a 24 trabajadores de apoyo entre pares en dos ciudades. Los participantes describieron "
    "el estigma como la principal barrera para el tratamiento.",
    "Nous avons interrogé 18 pharmaciens d'officine. La plupart décrivent un manque de formation sur les "
    "traitements de substitution.",
    "目的 了解社区药房药师对丁丙诺啡治疗的态度。方法 对 86 名药师进行问卷调查。结果 多数药师支持扩大治疗。",
    "BACKGROUND: OPIOID DEATHS ROSE IN SMALL TOWNS. METHODS: WE SURVEYED 400 RESIDENTS BY TELEPHONE. "
    "RESULTS: MOST KNEW WHERE TO FIND NALOXONE.",
])
def test_prose_in_several_languages_and_cases_passes(text: str) -> None:
    assert abstract_problems([{"heading": None, "text": text}]) == []


@pytest.mark.parametrize(("text", "why"), [
    ("Abstract not available.", "too few"),
    ("This article is protected by copyright. All rights reserved.", "publisher's notice"),
    ("rk2019", "too few"),
    ("Home About Journals Books Sign in Register Search Cart Help Contact Privacy Terms", "no sentences"),
    ("Cited by. Similar articles. Full text links. Share. Cite. Rural nurses and stigma in two towns.",
     "website labels"),
    ("Home. About Us. Our Journals. Open Access Policy. Editorial Board. Submit Your Paper. Contact "
     "Information. Privacy Notice.", "menu"),
    ("We use cookies to improve your experience. By continuing to browse you agree to our use of cookies.",
     "cookie"),
    ("Wir verwenden Cookies, um Ihnen ein besseres Erlebnis zu bieten. Mehr dazu in unserer Erklärung.",
     "cookie"),
    ("Participants described long waits for care. " * 700, "more than an abstract"),
])
def test_non_abstracts_are_flagged(text: str, why: str) -> None:
    [problem] = abstract_problems([{"heading": None, "text": text}])
    assert why in problem


# --------------------------------------------------------------------------- year, DOI, journal


@pytest.mark.parametrize(("year", "ok"), [
    (1800, True), (1995, True), (2025, True), (2026, True), (1799, False), (2027, False), (12, False),
    ("2020", False), (True, False), (None, True),
])
def test_years(year: object, ok: bool) -> None:
    assert (year_problems(year, this_year=2025) == []) is ok


@pytest.mark.parametrize(("doi", "ok"), [
    ("10.1234/abc.def", True), ("10.55555/rural-health.2021.004", True),
    ("10.1002/(sici)1097-4571(199806)49:8<693::aid-asi4>3.0.co;2-0", True), ("10.1234.5/x", True),
    ("10.123/abc", False), ("doi:10.1234/x", False), ("https://doi.org/10.1234/x", False),
    ("10.1234/abc.", False), ("10.1234/ab cd", False), ("10.5555/x(1", False), ("10.1234/", False),
])
def test_dois(doi: str, ok: bool) -> None:
    assert (doi_problems(doi) == []) is ok


def test_journal_field_holding_a_label_or_date_is_flagged() -> None:
    assert journal_problems("Skip to main content") and journal_problems("March 2021")
    assert journal_problems("Northfield Review of Community Care") == []


@pytest.mark.parametrize(("journal", "why"), [
    ("Year", "metadata label"),
    ("Source", "metadata label"),
    ("Journal", "metadata label"),
    ("Source title", "metadata label"),
    ("Año", "metadata label"),
    ("Publisher: Ashgrove Press", "begins with a metadata label"),
    ("Author to whom correspondence should be addressed", "sentence"),
    ("Correspondence may be sent to the first author", "sentence"),
    ("This article is part of a special collection on rural nursing", "sentence"),
    ("Please cite this paper as follows", "sentence"),
    ("Submitted to the board of the rural health trust.", "full stop"),
    ("Sec. Rural Midwifery", "section of a journal"),
    ("Section: Community Pharmacy", "section of a journal"),
    ("Specialty section: Ward Nursing", "section of a journal"),
    ("Sección Enfermería Rural", "section of a journal"),
    ("Northfield Review of Community Care, Vol", "ends in \"Vol\""),
    ("Ward Nursing Today No.", "ends in \"No\""),
    ("Lakeside Care Notes, pp", "ends in \"pp\""),
    ("https://northfield-review.example/current", "web address"),
    ("www.northfield-review.example", "web address"),
    ("editors@northfield-review.example", "web address"),
])
def test_journal_values_that_are_labels_sentences_sections_or_addresses_are_flagged(journal: str, why: str) -> None:
    [problem] = journal_problems(journal)
    assert why in problem


@pytest.mark.parametrize("journal", [
    "Northfield Review of Community Care", "Ward Nursing: Research and Practice", "Queues and its Applications",
    "Ageing and Care in Small Towns", "Revista de Salud Rural", "Gesundheit und Versorgung", "Nursing",
    "Science", "Proc. Lakeside Conf. Rural Health 2019", "Bulletin de la S.R.C.", "Rural Nurs. Rep.",
    "can fam nurs", "JOURNAL OF WARD NURSING", "Rural Care Numbers and Trends", "Care Notes (Lakeside)",
    "Pages of Rural History: A Review", "农村卫生管理", "Zeitschrift für Landpflege", "Who Cares Quarterly",
])
def test_journal_names_of_many_shapes_pass(journal: str) -> None:
    assert journal_problems(journal) == []


_JOURNAL_WORD = st.sampled_from(["Rural", "Nursing", "Care", "Health", "Review", "Practice", "Community",
                                 "Research", "Services", "Pharmacy", "Quarterly", "Annals", "Studies", "Ward"])


@given(st.lists(st.tuples(st.sampled_from(["", "of", "and", "in", "&", "for"]), _JOURNAL_WORD), min_size=1,
                max_size=6))
def test_journal_names_built_from_journal_words_pass(parts: list[tuple[str, str]]) -> None:
    journal = " ".join(word if not joint or index == 0 else f"{joint} {word}"
                       for index, (joint, word) in enumerate(parts))
    assert journal_problems(journal) == []


# --------------------------------------------------------------------------- authors: the list as a whole


@pytest.mark.parametrize("authors", [
    ["Lindqvist, Maja", "Okafor, Chiamaka", "Lindqvist, Maja"],
    ["Lindqvist, Maja", "Lindqvist, M."],
    ["Lindqvist, M. E.", "Okafor, C. N.", "Lindqvist, M. E."],
    ["Lindqvist, Maja Elin", "Lindqvist, Maja"],
    ["Núñez, Inés", "Nunez, I."],
    ["Lindqvist, ME", "Lindqvist, M. E."],
    ["Okafor, Jean-Paul", "Okafor, J.-P."],
    ["Lakeside Recovery Study Investigators", "Lakeside Recovery Study Investigators"],
])
def test_an_author_listed_twice_is_flagged(authors: list[str]) -> None:
    [problem] = author_problems(authors)
    assert "same author twice" in problem


@pytest.mark.parametrize("authors", [
    ["Lindqvist, M.", "Lindqvist, K."],
    ["Lindqvist, Maja", "Lindqvist, Karin"],
    ["Lindqvist, M. E.", "Lindqvist, M. K."],
    ["Okafor, Jean-Paul", "Okafor, Jean-Luc"],
    ["Wang, Y.", "Wang, Y."],  # MEDLINE style: one initial each, often two different people
    ["Lindqvist", "Lindqvist, Maja"],  # too little to tell
    ["Lindqvist, Maja", "Lindgren, Maja"],
])
def test_different_people_sharing_a_family_name_pass(authors: list[str]) -> None:
    assert author_problems(authors) == []


@pytest.mark.parametrize("author", [
    "Petrovna, Vorontsova Elena", "Nikolaevna, Elena", "Ivanovich, Sokolov Dmitri", "Петровна, Воронцова Елена",
])
def test_a_patronymic_as_family_name_is_flagged(author: str) -> None:
    [problem] = author_problems([author])
    assert "patronymic" in problem


@pytest.mark.parametrize("author", [
    "Vorontsova, Elena Petrovna", "Abramovich, Sergei", "Rabinovich, Lena K.", "Sokolov, Dmitri Ivanovich",
    "Jankovich, Maria Sokolova",
])
def test_slavic_names_in_the_right_order_pass(author: str) -> None:
    assert author_problems([author]) == []


@pytest.mark.parametrize("author", ["Lindqvist, Corresponding author", "Okafor, Show more", "Lund, Affiliations",
                                    "Okafor, Author information"])
def test_a_given_name_that_is_a_label_is_flagged(author: str) -> None:
    [problem] = author_problems([author])
    assert "label" in problem


def test_a_record_with_a_repeated_author_and_a_label_for_a_journal_gets_both_reasons() -> None:
    record = {**VALID_RECORD, "authors": ["Ng, Wei", "Okafor, Chiamaka", "Ng, W."], "journal": "Year"}
    problems = record_problems(record, this_year=2025)
    assert [p.split()[0] for p in problems] == ["authors", "journal"]


# --------------------------------------------------------------------------- whole records

VALID_RECORD = {
    "title": "Peer navigators in rural emergency departments: a qualitative study",
    "authors": ["van der Berg, Anneke", "Ng, Wei", "WHO Collaborative Group on Peer Support"],
    "year": 2021, "doi": "10.5555/rural.2021.17", "journal": "Northfield Review of Community Care",
    "journal_abbrev": "Northf Rev Community Care", "abstract": GOOD_ABSTRACT,
    "translations": {"es": {"title": "Navegadores pares en urgencias rurales: un estudio cualitativo",
                            "abstract": []}},
}


def test_a_valid_record_has_no_problems() -> None:
    assert record_problems(VALID_RECORD, this_year=2025) == []


def test_a_copied_aggregator_page_read_wrongly_gets_every_reason() -> None:
    record = {**VALID_RECORD, "title": "Addict Behav Rep", "authors": ["Expand, Affiliations"],
              "abstract": [{"heading": None, "text": "Full text links"}],
              "translations": {"zh": {"title": "摘要", "abstract": []}}}
    problems = record_problems(record, this_year=2025)
    assert [p.split()[0] for p in problems] == ["title", "author", "abstract", "zh"]


@given(st.dictionaries(st.sampled_from(["title", "authors", "year", "doi", "journal", "abstract", "translations"]),
                       st.one_of(st.none(), st.text(), st.integers(), st.lists(st.text()),
                                 st.lists(st.dictionaries(st.sampled_from(["heading", "text"]), st.text())),
                                 st.dictionaries(st.text(max_size=3), st.dictionaries(st.text(), st.text())))))
def test_the_checks_never_raise_whatever_the_record_holds(record: dict[str, object]) -> None:
    assert isinstance(record_problems(record), list)


_NAME = st.from_regex(r"[A-Z][a-z]{3,11}", fullmatch=True)


@given(_NAME, _NAME)
def test_capitalised_family_and_given_names_pass(family: str, given_name: str) -> None:
    words = {family.casefold(), given_name.casefold()}
    assume(not words & set(AFFILIATION_WORDS + JOURNAL_WORDS))
    assume(all(label_kind(text) is None for text in (f"{given_name} {family}", f"{family} {given_name}")))
    assume(label_kind(family) is None or label_kind(given_name) is None)
    assume(label_kind(given_name) != "a metadata label")  # "Okafor, Title": a field name, flagged on purpose
    assume(not family.endswith(("ovna", "evna", "ichna")))  # a patronymic, never a family name
    assert author_problems([f"{family}, {given_name}"]) == []


# --------------------------------------------------------------------------- title and abstract together

HOME_VISITS_EN = ("Older adults discharged from hospital often lose mobility in the first weeks at home. We "
                  "randomly allocated 214 adults aged 75 or over to weekly physiotherapist home visits or usual "
                  "care. Mobility scores at twelve weeks were higher after home visits, and falls were fewer.")
PHARMACISTS_FR = ("Les pharmaciens communautaires jouent un rôle croissant dans le suivi des maladies chroniques. "
                  "Nous avons interrogé 19 pharmaciennes et pharmaciens de quatre régions rurales sur leurs "
                  "pratiques de conseil. Ils décrivent un manque de temps et de reconnaissance professionnelle.")
MIDWIVES_ES = ("Las parteras de zonas rurales atienden partos con pocos recursos. Realizamos una encuesta "
               "transversal a 340 parteras de cinco provincias sobre su formación y sus condiciones de trabajo. "
               "La mayoría señaló la falta de transporte de urgencia como el principal problema.")
CARERS_DE = ("Pflegende Angehörige von Menschen mit Demenz sind häufig überlastet. In einer Befragung von 512 "
             "pflegenden Angehörigen in drei Bundesländern untersuchten wir die Nutzung von Tagespflege. Nur ein "
             "Drittel nutzte das Angebot regelmäßig; Wartezeiten und Kosten wurden als Hindernisse genannt.")
CLINICS_ZH = ("目的 了解乡村卫生室慢性病随访服务的现状。方法 对三个县的 120 名乡村医生进行问卷调查，并访谈 18 名"
              "卫生院管理人员。结果 多数乡村医生缺少随访培训，慢性病随访记录不完整。结论 应加强乡村医生的随访培训。")


def _record(title: str, abstract: str, **fields: Any) -> dict[str, Any]:
    return {"title": title, "abstract": [{"heading": None, "text": abstract}], **fields}


@pytest.mark.parametrize(("title", "abstract"), [
    ("Browse by Subject", HOME_VISITS_EN),
    ("Guidance for contributors", HOME_VISITS_EN),
    ("Numéros précédents", PHARMACISTS_FR),
    ("Colecciones y revistas", MIDWIVES_ES),
    ("Unser Leitbild und Team", CARERS_DE),
    ("期刊简介与编委会", CLINICS_ZH),
])
def test_a_title_sharing_no_word_with_its_abstract_is_flagged(title: str, abstract: str) -> None:
    [problem] = record_problems(_record(title, abstract))
    assert "shares no word with the abstract" in problem


@pytest.mark.parametrize(("title", "abstract"), [
    # inflected forms of the same word: allocated / allocation, visits / visiting
    ("Visiting physiotherapists after hospital discharge", HOME_VISITS_EN),
    ("Conseil en pharmacie rurale : une étude qualitative", PHARMACISTS_FR),
    ("Formación de parteras rurales en cinco provincias", MIDWIVES_ES),
    ("Tagespflege für Menschen mit Demenz", CARERS_DE),
    ("乡村医生慢性病随访培训现状调查", CLINICS_ZH),
    ("Québec : quelle reconnaissance pour les pharmaciennes ?", PHARMACISTS_FR.replace("rurales", "du Quebec")),
])
def test_a_title_sharing_a_word_root_with_its_abstract_passes(title: str, abstract: str) -> None:
    assert record_problems(_record(title, abstract)) == []


def test_a_title_translated_from_the_abstract_passes_by_way_of_the_translation() -> None:
    record = _record("Daily care use among carers of people with dementia", CARERS_DE,
                     translations={"de": {"title": "Nutzung der Tagespflege durch pflegende Angehörige",
                                          "abstract": []}})
    assert record_problems(record) == []


def test_a_title_matching_only_a_keyword_passes() -> None:
    record = _record("Falls after discharge", HOME_VISITS_EN.replace("falls were fewer", "fewer fell"),
                     keywords=["falls", "physiotherapy"])
    assert record_problems(record) == []


@pytest.mark.parametrize(("title", "abstract"), [
    ("Who cares?", HOME_VISITS_EN),  # no content word in the title: nothing to judge
    ("Browse by Subject", "Older adults at home lost mobility after discharge."),  # too short to judge
    ("Rural clinics in three counties", CLINICS_ZH),  # different scripts: cannot be compared
])
def test_a_title_that_cannot_be_judged_is_left_alone(title: str, abstract: str) -> None:
    assert not any("shares no word" in p for p in record_problems(_record(title, abstract)))


def test_acronyms_count_as_shared_words() -> None:
    abstract = ("We followed 880 people starting PrEP at three sexual health clinics for twelve months. "
                "Two thirds stayed on PrEP for a year; stopping was commoner among the youngest.")
    assert record_problems(_record("PrEP persistence in England", abstract)) == []


@pytest.mark.parametrize(("title", "authors", "page", "flagged"), [
    ("Books and proceedings", [], "webpage-article", True),
    ("Current issue", [], "webpage-aggregator", True),
    ("Home visits after discharge", [], "webpage-article", True),
    ("Home visits after discharge", ["Okafor, Chiamaka"], "webpage-article", False),
    ("Home visits after discharge", [], "ris", False),
    ("Home visits by physiotherapists after hospital discharge", [], "webpage-article", False),
])
def test_a_short_page_title_without_authors_is_flagged(title: str, authors: list[str], page: str,
                                                        flagged: bool) -> None:
    record = _record(title, HOME_VISITS_EN, authors=authors, source={"format": page})
    problems = [p for p in record_problems(record) if "gave no author" in p]
    assert bool(problems) == flagged


@pytest.mark.parametrize(("text", "why"), [
    ("dc.identifier.citation Okafor, C. (2020) Home visits after discharge. Northfield Rev, 4(2), 10-19. "
     "dc.language.iso en", "metadata key"),
    ("citation_title Home visits after discharge in older adults and what the physiotherapists said",
     "metadata key"),
    ("Citation: Okafor C, Lund P. Home visits after discharge. Northfield Rev. 2020;4:10-19. We randomly "
     "allocated older adults to visits.", "metadata label"),
    ("Title: Home visits after discharge\nAuthors: Okafor, Chiamaka; Lund, Per\nPublisher: Northfield Press\n"
     "Date issued: 2020-05-04\nSubjects: Aged; Physiotherapy; Home care services\nType: Article",
     "metadata label"),
    ("Titre : Les pharmaciens ruraux et le conseil\nÉditeur : Presses de Lachine\nDate : 2019\n"
     "Langue : français\nSujets : pharmacie ; ruralité", "metadata label"),
    ("Home visits after discharge in older adults\nPublisher: Northfield Press\nDate issued: 2020-05-04\n"
     "Subjects: Aged; Physiotherapy; Home care services\nType: Article", "'label: value' rows"),
])
def test_an_abstract_made_of_metadata_rows_is_flagged(text: str, why: str) -> None:
    [problem] = abstract_problems([{"heading": None, "text": text}])
    assert why in problem


def test_a_structured_abstract_with_short_labelled_sections_passes() -> None:
    text = ("Objective: To assess weekly home visits by physiotherapists.\nDesign: Randomised trial.\n"
            "Setting: Two hospitals in Northfield.\nParticipants: 214 adults aged 75 or over.\n"
            "Results: Mobility scores were higher after home visits and falls were fewer.\n"
            "Conclusions: Home visits may keep older adults mobile after discharge.")
    assert abstract_problems([{"heading": None, "text": text}]) == []


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80),
       st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_the_coherence_check_never_raises(title: str, abstract: str) -> None:
    assert isinstance(record_problems(_record(title, abstract, source={"format": "webpage-article"})), list)


# --------------------------------------------------------------------------- ingest end to end

GARBAGE_RIS = """TY  - JOUR
TI  - Skip to main content
AU  - Expand
AU  - Affiliations
PY  - 2022
DO  - 10.5555/ljcm.2022.0044
AB  - Rural ward nurses were asked about caring for people who use drugs; most described fear and fatigue.
ER  - 
"""
FIXED_RIS = GARBAGE_RIS.replace("Skip to main content", "Fear and fatigue: ward nurses and patients who use drugs")
FIXED_RIS = FIXED_RIS.replace("AU  - Expand\nAU  - Affiliations", "AU  - Lindqvist, Maja")
GARBAGE_PAGE = """Skip to main content
Lakeshore Health Press
Search
Sign in
Lakeshore J Community Med
. 2022 Mar;9(1):44-51.
Expand
Affiliations
Abstract
Ward nurses in three small hospitals were asked about patients who use drugs. Most described fear.
Full text links
Cite
Share
Similar articles
"""
Project = Callable[..., Path]


def _only_record(project: Path) -> tuple[Path, dict[str, Any]]:
    [path] = (project / "content" / "studies").glob("*.yaml")
    return path, yaml.safe_load(path.read_text(encoding="utf-8"))


def test_a_garbage_record_is_written_for_review_and_ingest_exits_1(
        make_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project({"lakeshore.ris": GARBAGE_RIS})
    assert main(["ingest", "--project", str(project)]) == 1
    path, record = _only_record(project)
    assert record["status"] == "needs-review"
    assert any("Skip to main content" in note and "navigation" in note for note in record["extraction_notes"])
    assert any("Expand" in note for note in record["extraction_notes"])
    [line] = [row for row in capsys.readouterr().err.splitlines() if ": error: " in row]
    assert line.startswith(f"content/studies/{path.name}:2: error: written with status: needs-review")
    assert "seeds/lakeshore.ris:1" in line and "Skip to main content" in line and "set status: included" in line
    assert list(record).index("extraction_notes") == list(record).index("missing") + 1


def test_a_garbage_page_is_never_published(make_project: Project) -> None:
    project = make_project({"copied.txt": GARBAGE_PAGE})
    assert main(["ingest", "--project", str(project)]) == 1
    for path in (project / "content" / "studies").glob("*.yaml"):
        assert yaml.safe_load(path.read_text(encoding="utf-8"))["status"] != "included"


def test_a_record_ingest_marked_goes_back_to_included_once_it_reads_cleanly(make_project: Project) -> None:
    project = make_project({"lakeshore.ris": GARBAGE_RIS})
    ingest_project(project)
    (project / "seeds" / "lakeshore.ris").write_text(FIXED_RIS)
    report = ingest_project(project)
    assert report.ok, [d.format() for d in report.diagnostics]
    _, record = _only_record(project)
    assert (record["status"], record["extraction_notes"]) == ("included", [])
    assert any("status set back to included" in d.format() for d in report.diagnostics)


def test_a_curator_fixing_the_fields_lifts_the_review_too(make_project: Project) -> None:
    project = make_project({"lakeshore.ris": GARBAGE_RIS})
    ingest_project(project)
    path, record = _only_record(project)
    record.update(title="Fear and fatigue among ward nurses", authors=["Lindqvist, Maja"])
    path.write_text(dump_yaml(record))
    assert ingest_project(project).ok
    _, record = _only_record(project)
    assert (record["status"], record["title"]) == ("included", "Fear and fatigue among ward nurses")


def test_a_persons_included_is_kept_and_only_new_doubts_are_reported(make_project: Project) -> None:
    project = make_project({"lakeshore.ris": GARBAGE_RIS})
    ingest_project(project)
    path, record = _only_record(project)
    path.write_text(dump_yaml({**record, "status": "included"}))
    report = ingest_project(project)
    assert report.ok and not [d for d in report.diagnostics if d.severity is Severity.WARNING
                              and "doubts" in d.message]
    _, record = _only_record(project)
    assert record["status"] == "included" and record["extraction_notes"]
    (project / "seeds" / "lakeshore.ris").write_text(GARBAGE_RIS.replace("AU  - Expand", "AU  - Show more"))
    report = ingest_project(project)
    [doubt] = [d.format() for d in report.diagnostics if "doubts" in d.message]
    assert "Show more" in doubt and "Skip to main" not in doubt and report.ok
    assert _only_record(project)[1]["status"] == "included"


@pytest.mark.parametrize("edit", [{"status": "excluded", "exclusion_reason": "not about treatment"},
                                  {"verified": True}])
def test_a_persons_status_or_verified_record_is_never_moved(make_project: Project, edit: dict[str, Any]) -> None:
    project = make_project({"lakeshore.ris": FIXED_RIS})
    ingest_project(project)
    path, record = _only_record(project)
    path.write_text(dump_yaml({**record, **edit}))
    (project / "seeds" / "lakeshore.ris").write_text(FIXED_RIS.replace("AU  - Lindqvist, Maja", "AU  - Show more"))
    ingest_project(project)
    _, record = _only_record(project)
    assert record["status"] == edit.get("status", "included")
    assert any("Show more" in note for note in record["extraction_notes"])


def test_records_written_before_the_checks_existed_are_checked_too(make_project: Project) -> None:
    project = make_project({"lakeshore.ris": GARBAGE_RIS})
    ingest_project(project)
    path, record = _only_record(project)
    del record["ingested"]["status"], record["extraction_notes"]
    path.write_text(dump_yaml({**record, "status": "included"}))
    assert not ingest_project(project).ok
    assert _only_record(project)[1]["status"] == "needs-review"


SECTION_RIS = FIXED_RIS.replace("ER  - ", "JO  - Sec. Rural Midwifery\nER  - ")


def test_a_journal_section_read_as_the_journal_is_held_for_review(make_project: Project) -> None:
    project = make_project({"lakeshore.ris": SECTION_RIS})
    assert main(["ingest", "--project", str(project)]) == 1
    _path, record = _only_record(project)
    assert record["status"] == "needs-review"
    assert any("Sec. Rural Midwifery" in note and "section" in note for note in record["extraction_notes"])


# --------------------------------------------------------------------------- metrics, labels and citations
# Round 8: page metrics read as names, a metadata label kept in the title, a citation line for a title.

METRIC_AUTHORS = [
    "Downloads, Total",  # "Total Downloads 1,204" read as "Family, Given"
    "Citations, Total",
    "Views, Page",
    "Icon, Farida Osei-Mensah",  # "Farida Osei-Mensah ORCID Icon": the name went into the given part
    "Okonkwo, Ada ORCID",
    "ORCID Icon",
    "Altmetric, Score",
    "Email, Share",
    "Share, Total",
    "Descargas, Total",  # Spanish
    "Téléchargements, Total",  # French
    "Zitierungen, Gesamt",  # German
    "Visualizações, Total",  # Portuguese
    "下载次数",  # Chinese: "number of downloads"
]


@pytest.mark.parametrize("author", METRIC_AUTHORS)
def test_metric_and_sharing_words_read_as_names_are_flagged(author: str) -> None:
    [problem] = author_problems([author])
    assert "metrics or sharing" in problem or "website label" in problem


NAMES_NEAR_WIDGET_WORDS = [
    "Share, Lorna", "Total, Michel", "Print, Imogen", "Score, Dale", "Count, Beatrix", "Mail, Ossian",
    "Viewing, Harold", "Downs, Lachlan", "Citron, Élodie", "Sharer, Tom", "Icona, Marta",
    "Institute for Health Metrics and Evaluation", "Consumer Views Collaboration",
]


@pytest.mark.parametrize("author", NAMES_NEAR_WIDGET_WORDS)
def test_real_names_that_look_like_widget_words_pass(author: str) -> None:
    assert author_problems([author]) == []


LABELLED_TITLES = [
    "Publication: Annals of Rural Midwifery",
    "Journal: Coastal Nursing Review",
    "Source: Northern Health Quarterly, 2021",
    "Published in: Journal of Allied Therapies",
    "Fuente: Revista de Salud Comunitaria",
    "Publié dans : Revue des soins de proximité",
    "Quelle: Zeitschrift für Pflegewissenschaft",
    "来源：中华护理杂志",
]


@pytest.mark.parametrize("title", LABELLED_TITLES)
def test_a_title_opening_with_a_metadata_label_is_flagged(title: str) -> None:
    [problem] = title_problems(title)
    assert "metadata label" in problem


@pytest.mark.parametrize("title", [
    "Special Issue: Community Paramedicine in Island Settings",
    "Call for papers: Workforce wellbeing after the pandemic",
    "Numéro spécial : soins de proximité en milieu rural",
    "Sonderheft: Pflege im ländlichen Raum",
])
def test_a_title_opening_with_a_journal_announcement_label_is_flagged(title: str) -> None:
    [problem] = title_problems(title)
    assert "announcement or issue" in problem


@pytest.mark.parametrize("title", [
    "Special issues in caring for older prisoners: an interview study",
    "Supplementing home visits with text messages: a pilot trial",
])
def test_titles_about_special_issues_or_supplements_pass(title: str) -> None:
    assert title_problems(title) == []


CITATION_TITLES = [
    "Journal of Remote Pharmacy Practice 14(3):233-245",
    "Annals of Ferry Medicine 9(2), e1042",
    "Rev Salud Rural. 2018;27(4):301-9",
    "Island Health Bulletin 2020;58",
    "Nordic Journal of Home Care, vol. 12, no. 4, pp. 77-90",
    "Cahiers de santé publique 31(Suppl 1):12-19",
]


@pytest.mark.parametrize("title", CITATION_TITLES)
def test_a_citation_line_as_title_is_flagged(title: str) -> None:
    [problem] = title_problems(title)
    assert "citation line" in problem


TITLES_WITH_COLONS_AND_NUMBERS = [
    "Source of stress: a survey of 412 night-shift porters",
    "Publication bias in trials of ferry-crew fatigue: a meta-analysis",
    "Journal club: does reading together change prescribing?",
    "Copyright: what nursing students believe they may reuse",
    "COVID-19 (SARS-CoV-2): lessons from 3 island clinics",
    "Year in review: 2019 in rural midwifery",
    "Cuidados paliativos en 2 regiones: un estudio mixto (2015-2020)",
    "Phase 2 (part 1): recruitment of 90 carers",
    "Die Quelle der Motivation: Pflegekräfte in 14 Heimen",
]


@pytest.mark.parametrize("title", TITLES_WITH_COLONS_AND_NUMBERS)
def test_titles_with_topic_colons_and_numbers_pass(title: str) -> None:
    assert title_problems(title) == []


def test_a_page_read_with_its_metrics_widget_gets_every_reason() -> None:
    record = {
        "title": "Publication: Annals of Harbour Medicine",
        "authors": ["Downloads, Total", "Citations, Total", "Mbeki, Ayanda"],
        "year": 2022,
    }
    problems = record_problems(record, this_year=2025)
    assert len(problems) == 3
    assert sum("metrics or sharing" in p for p in problems) == 2


@pytest.mark.parametrize("title", ["Ana Roy-Hartley, PhD", "Okafor, Chidi, RN, MSc", "Tomas Ek, MD, MPH",
                                   "Cookies on our council's website", "Reject optional cookies",
                                   "About cookies", "We'd like to set analytics cookies"])
def test_a_person_with_degrees_or_a_cookie_banner_is_never_a_title(title: str) -> None:
    assert title_problems(title)


@pytest.mark.parametrize("title", ["Third-party cookies on pharmacy websites: a cross-sectional audit",
                                   "Smoking, HIV, and TB among miners: a cohort study",
                                   "Depression in Ghana, Nigeria and Kenya: the MINDS study"])
def test_titles_about_cookies_or_with_commas_stay_titles(title: str) -> None:
    assert not title_problems(title)


# --------------------------------------------------------------------------- notices and menus (round 12)

_PROSE = ("Community nurses in four rural districts were interviewed about their work with families after "
          "discharge from hospital. Travel times, staffing and the lack of shared records were the main barriers "
          "they described, and most wanted a single named contact at the hospital.")


@pytest.mark.parametrize("record", [
    {"title": "Correction to: Home visits after discharge: a qualitative study", "publication_type": None},
    {"title": "Retraction Note: Iron supplements for rural schoolchildren", "publication_type": None},
    {"title": "Thank you to our 2023 reviewers", "publication_type": None},
    {"title": "Nurse staffing in hill districts", "publication_type": "retraction notice"},
    {"title": "Expression of concern: A trial of text reminders for vaccination", "publication_type": None},
])
def test_notices_are_held(record: dict[str, Any]) -> None:
    assert notice_problems(record)


@pytest.mark.parametrize("record", [
    {"title": "Correction of anaemia in pregnancy in rural clinics: a cohort study", "publication_type": None},
    {"title": "Reviewing medication in care homes: a before-and-after study", "publication_type": "journal article"},
    {"title": "A letter on rural nurse staffing", "publication_type": "letter"},
])
def test_studies_and_letters_are_no_notices(record: dict[str, Any]) -> None:
    assert not notice_problems(record)


def test_a_menu_run_together_is_no_title() -> None:
    assert title_problems("Current issue Archives Submit About")
    assert not title_problems("Home visits by nurses after hip fracture")


def test_a_title_in_another_language_than_the_abstract_is_not_held_for_sharing_no_word() -> None:
    record = {"title": "Kırsal Aile Hekimliğinde Hemşire Ev Ziyaretleri: Nitel Bir Çalışma",
              "abstract": [{"heading": None, "text": _PROSE}]}
    assert coherence_problems(record) == []


def test_a_short_menu_heading_over_an_abstract_in_its_language_is_still_held() -> None:
    record = {"title": "Aims and scope", "abstract": [{"heading": None, "text": _PROSE}]}
    assert coherence_problems(record)


def test_a_short_record_with_one_paragraph_abstract_passes() -> None:
    record = {"title": "Rural nurses and families after discharge: a short report", "authors": ["Lind, Maja"],
              "year": 2022, "abstract": [{"heading": None, "text": _PROSE}], "publication_type": "letter"}
    assert record_problems(record, this_year=2024) == []


@pytest.mark.parametrize("author", ["a@" * 1500, "@" * 3000, "x.@" * 1000])
def test_a_long_run_of_at_signs_is_judged_at_once(author: str) -> None:
    """Fuzzing found the e-mail pattern backtracking for seconds on such an author (16 s at 3,000 "@")."""
    from generator.ingest.plausibility import author_problems

    assert author_problems([author])  # too long and no letters / digits: never a person
