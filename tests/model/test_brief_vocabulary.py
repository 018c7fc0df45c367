"""A brief's own vocabulary (vocabulary.yaml): loading, errors, settings derived by ingest, record validation.

Every study, abstract and setting here is invented for these tests (a brief on school nutrition).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.config import load_config
from generator.ingest.base import AbstractSection, Extraction
from generator.ingest.derive import derive, find_settings
from generator.ingest.pipeline import ingest_project
from generator.model.schema import validate_record
from generator.model.store import load_record
from generator.model.vocabulary import (
    DEFAULT_VOCABULARY,
    VOCABULARY_FILE,
    Setting,
    Vocabulary,
    default_vocabulary_yaml,
    load_vocabulary,
    parse_vocabulary,
)
from generator.model.yamlio import parse_yaml

SCHOOL_VOCABULARY = """\
settings:
  - id: primary-school
    label: Primary school
    words: [primary school, elementary school]
  - id: secondary-school
    label: Secondary school
    words:
      - secondary school
      - high school
    patterns: ['\\bgrades? (9|10|11|12)\\b']
  - id: community
    label: Community
    words: [community centre, food bank]
designs:
  trial: Controlled trial
roles:
  barrier: Obstacles for schools
"""


def _project(tmp_path: Path, vocabulary: str | None) -> Path:
    (tmp_path / "content" / "studies").mkdir(parents=True)
    if vocabulary is not None:
        (tmp_path / VOCABULARY_FILE).write_text(vocabulary, encoding="utf-8")
    return tmp_path


def _messages(problems: list) -> list[str]:  # type: ignore[type-arg]
    return [p.format() for p in problems]


# --- loading ------------------------------------------------------------------------------------


def test_no_file_means_the_default_vocabulary(tmp_path: Path) -> None:
    assert load_vocabulary(tmp_path) == (DEFAULT_VOCABULARY, [])
    assert "primary-care" in DEFAULT_VOCABULARY.setting_ids
    assert DEFAULT_VOCABULARY.setting_label("telehealth") == "Telehealth"


def test_the_default_file_for_a_new_brief_reads_back_as_the_default() -> None:
    text = default_vocabulary_yaml()
    assert text.startswith("#")  # commented for the curator
    vocabulary, problems = parse_vocabulary(parse_yaml(text))
    assert problems == []
    assert vocabulary == DEFAULT_VOCABULARY


def test_a_brief_of_its_own(tmp_path: Path) -> None:
    vocabulary, problems = load_vocabulary(_project(tmp_path, SCHOOL_VOCABULARY))
    assert problems == []
    assert vocabulary.setting_ids == ("primary-school", "secondary-school", "community", "other")  # other: always
    assert vocabulary.setting_label("secondary-school") == "Secondary school"
    assert vocabulary.design_label("trial") == "Controlled trial"
    assert vocabulary.design_label("qualitative") == "Qualitative"  # not relabelled: the general label
    assert vocabulary.role_label("barrier") == "Obstacles for schools"
    assert vocabulary.role_label("facilitator") == "Facilitators"


def test_sections_left_out_keep_their_defaults(tmp_path: Path) -> None:
    vocabulary, problems = load_vocabulary(_project(tmp_path, "roles:\n  outcome: Effects on children\n"))
    assert problems == []
    assert vocabulary.settings == DEFAULT_VOCABULARY.settings
    assert vocabulary.role_label("outcome") == "Effects on children"


@pytest.mark.parametrize(("text", "expected"), [
    ("setings:\n  - id: a\n    label: A\n",
     "vocabulary.yaml:1: error: unknown section 'setings'. Did you mean 'settings'?"),
    ("settings:\n  - id: a\n    label: A\n    wrds: [x]\n",
     "vocabulary.yaml:4: error: unknown key 'wrds'. Did you mean 'words'?"),
    ("settings:\n  - id: a\n    label: A\n    patterns: ['(unclosed']\n",
     "vocabulary.yaml:4: error: invalid regular expression '(unclosed'"),
    ("settings:\n  - id: Primary School\n    label: A\n",
     "vocabulary.yaml:2: error: setting 1 needs an 'id' of lower-case letters"),
    ("settings:\n  - id: a\n    words: [x]\n",
     "vocabulary.yaml:2: error: setting 1 needs a 'label', got None"),
    ("settings:\n  - id: a\n    label: A\n  - id: a\n    label: B\n",
     "vocabulary.yaml:4: error: setting id 'a' is listed twice"),
    ("designs:\n  qualitativ: Interviews\n",
     "vocabulary.yaml:2: error: unknown design id 'qualitativ'. Did you mean 'qualitative'?"),
    ("roles:\n  barrier: [not, a, label]\n",
     "vocabulary.yaml:2: error: 'roles.barrier' must be a label (text)"),
    ("settings:\n  - id: a\n    label: A\n    words: 3\n",
     "vocabulary.yaml:4: error: 'words' must be a list of text, got 3"),
    ("settings:\n  - id: a\n    label: A\n    words: ['-']\n",
     "vocabulary.yaml:4: error: '-' has no letter or digit"),
    ("settings: [\n", "vocabulary.yaml:"),
    ("settings: primary school\n", "vocabulary.yaml:1: error: 'settings' must be a list of settings"),
])
def test_a_bad_file_is_an_error_naming_file_and_line(tmp_path: Path, text: str, expected: str) -> None:
    vocabulary, problems = load_vocabulary(_project(tmp_path, text))
    assert problems and all(p.is_error for p in problems)
    assert _messages(problems)[0].startswith(expected), _messages(problems)
    assert vocabulary == DEFAULT_VOCABULARY  # never half of a broken file


def test_invalid_yaml_names_its_line(tmp_path: Path) -> None:
    problems = load_vocabulary(_project(tmp_path, "settings:\n  - id: a\n    label: [unclosed\n"))[1]
    assert len(problems) == 1 and problems[0].location.line is not None


def test_every_problem_in_one_run(tmp_path: Path) -> None:
    text = "settings:\n  - id: a\n    lable: A\n  - id: b\n    label: B\n    patterns: ['[']\nrolez: {}\n"
    lines = sorted(p.location.line or 0 for p in load_vocabulary(_project(tmp_path, text))[1])
    assert lines == [2, 3, 6, 7]  # label missing, misspelt key, bad pattern, unknown section


# --- settings derived from the brief's words ------------------------------------------------------


def _study(title: str, methods: str, keywords: tuple[str, ...] = ()) -> Extraction:
    return Extraction(title=title, keywords=keywords, abstract=(
        AbstractSection("Background", "Children eat fewer vegetables than advised."),
        AbstractSection("Methods", methods),
        AbstractSection("Results", "Uptake rose; community centres asked to join."),
    ))


def test_ingest_finds_the_brief_s_settings() -> None:
    school = load_school_vocabulary()
    study = _study("Salad bars and vegetable intake",
                   "We observed lunches in 12 Elementary-Schools and two high schools in one district.")
    settings, detail = find_settings(study, school)
    assert settings == ("primary-school", "secondary-school")  # plural, hyphen and case do not matter
    assert detail == "We observed lunches in 12 Elementary-Schools and two high schools in one district."
    # "community centres" is in the results only: what a study found is not where it took place.
    assert "community" not in settings


def test_patterns_and_keywords_signal_too() -> None:
    school = load_school_vocabulary()
    study = _study("Water fountains and sugary drinks", "Pupils in grade 10 kept a drinks diary.", ("Food Bank",))
    assert find_settings(study, school)[0] == ("secondary-school", "community")


def test_words_must_be_whole_words() -> None:
    vocabulary = Vocabulary((Setting("farm", "Farm", words=("farm",)),))
    assert find_settings(_study("Farmers' markets near schools", "A survey of farmland owners."), vocabulary)[0] == ()
    assert find_settings(_study("School farms", "Two farm visits per term."), vocabulary)[0] == ("farm",)


def test_the_default_brief_keeps_its_settings() -> None:
    study = _study("Buprenorphine in rural clinics",
                   "We interviewed 20 clinicians in primary care practices and two emergency departments.")
    assert derive(study).settings == ("primary-care", "emergency-department")
    assert derive(study, load_school_vocabulary()).settings == ()  # other words, other settings


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_phrase_is_matched_literally(phrase: str) -> None:
    """A curator's phrase is never read as a regular expression, and never breaks derivation."""
    setting = Setting("x", "X", words=(phrase,))
    found = setting.found_in("Some abstract text (with brackets) and * stars.")
    if not re.search(r"\w", phrase):
        assert not found  # punctuation alone never tags every study


def test_punctuation_alone_finds_nothing() -> None:
    assert Setting("y", "Y", words=("*",)).found_in("a * b") is False


def load_school_vocabulary() -> Vocabulary:
    vocabulary, problems = parse_vocabulary(parse_yaml(SCHOOL_VOCABULARY))
    assert problems == []
    return vocabulary


# --- record validation ----------------------------------------------------------------------------

RECORD = """\
id: salad-bars-2022
status: included
title: Salad bars and vegetable intake
year: 2022
settings:
  - primary-school
  - secundary-school
"""


def _record_problems(tmp_path: Path, vocabulary: str | None) -> list[str]:
    project = _project(tmp_path, vocabulary)
    path = project / "content" / "studies" / "salad-bars-2022.yaml"
    path.write_text(RECORD, encoding="utf-8")
    record, problem = load_record(path, project)
    assert record is not None and problem is None
    return [m for m in _messages(validate_record(record)) if "unknown setting" in m]


def test_a_record_takes_the_brief_s_setting_ids(tmp_path: Path) -> None:
    assert _record_problems(tmp_path, SCHOOL_VOCABULARY) == [
        "content/studies/salad-bars-2022.yaml:7: error: unknown setting 'secundary-school' (not in the brief's "
        "settings). Did you mean 'secondary-school'?"]


def test_the_default_brief_rejects_another_brief_s_settings(tmp_path: Path) -> None:
    problems = _record_problems(tmp_path, None)
    assert len(problems) == 2
    assert problems[0].startswith("content/studies/salad-bars-2022.yaml:6: error: unknown setting 'primary-school'")
    assert "Did you mean 'primary-care'?" in problems[0]


def test_a_label_written_for_an_id_gets_the_id_as_hint(tmp_path: Path) -> None:
    project = _project(tmp_path, SCHOOL_VOCABULARY)
    path = project / "content" / "studies" / "x.yaml"
    path.write_text("id: x\ntitle: X\nsettings: [Community]\n", encoding="utf-8")
    record = load_record(path, project)[0]
    assert record is not None
    problems = [p.format() for p in validate_record(record) if "unknown setting" in p.message]
    assert problems and problems[0].endswith("Did you mean 'community'?")


def test_a_broken_vocabulary_is_not_blamed_on_records(tmp_path: Path) -> None:
    assert _record_problems(tmp_path, "settings: [\n") == []  # the file's own error is reported with site.yaml


# --- ingest loads the vocabulary once per run -------------------------------------------------------

ABSTRACT = ("OBJECTIVE: To see whether a free breakfast changes attention. METHODS: We ran a survey in 14 primary "
            "schools and 3 food banks serving families. RESULTS: Teachers reported better attention.")
RIS = f"""\
TY  - JOUR
TI  - Free school breakfasts and attention in class
AU  - Okonkwo, Adaeze
AU  - Lindqvist, Maja
PY  - 2021
JO  - Journal of Invented Child Nutrition
AB  - {ABSTRACT}
ER  - 
"""


def test_ingest_writes_the_brief_s_settings(tmp_path: Path) -> None:
    project = _project(tmp_path, SCHOOL_VOCABULARY)
    (project / "seeds").mkdir()
    (project / "seeds" / "search.ris").write_text(RIS, encoding="utf-8")
    report = ingest_project(project)
    assert report.ok, _messages(report.diagnostics)
    [written] = report.written
    data = parse_yaml((project / written).read_text(encoding="utf-8")).data
    assert data["settings"] == ["primary-school", "community"]


def test_ingest_stops_on_a_bad_vocabulary(tmp_path: Path) -> None:
    project = _project(tmp_path, "settings:\n  - id: a\n    lable: A\n")
    (project / "seeds").mkdir()
    (project / "seeds" / "search.ris").write_text(RIS, encoding="utf-8")
    report = ingest_project(project)
    assert not report.ok and report.written == []
    assert any(p.location.path == VOCABULARY_FILE and p.location.line == 3 for p in report.diagnostics)


def test_other_is_a_setting_of_every_brief(tmp_path: Path) -> None:
    project = _project(tmp_path, SCHOOL_VOCABULARY)
    path = project / "content" / "studies" / "x.yaml"
    path.write_text("id: x\ntitle: X\nsettings: [other, community]\n", encoding="utf-8")
    record = load_record(path, project)[0]
    assert record is not None
    assert [p for p in validate_record(record) if "unknown setting" in p.message] == []


def test_the_site_settings_carry_the_brief_s_vocabulary(tmp_path: Path) -> None:
    """Pages get the vocabulary with the site's settings; a broken file is an error there (check and build)."""
    project = _project(tmp_path, SCHOOL_VOCABULARY)
    (project / "site.yaml").write_text("title: School meals\nbase_url: https://example.org/\n", encoding="utf-8")
    config, problems = load_config(project)
    assert not [p for p in problems if p.is_error]
    assert config.vocabulary == load_school_vocabulary()
    (project / VOCABULARY_FILE).write_text("settings:\n  - id: a\n    lable: A\n", encoding="utf-8")
    problems = load_config(project)[1]
    assert "vocabulary.yaml:3: error: unknown key 'lable'. Did you mean 'label'?" in _messages(problems)
