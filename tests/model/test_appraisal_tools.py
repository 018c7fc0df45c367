"""Appraisal tools as data: the shipped tools load, a brief adds its own, and every record's
appraisal is checked against the tool it names, with the file, line and allowed values."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.model.appraisal import load_appraisal_tools, parse_tool
from generator.model.schema import validate_record
from generator.model.store import load_records
from generator.model.study import study_from_record

REPO = Path(__file__).resolve().parents[2]
BASE_RECORD = REPO / "content" / "studies" / "klusaritz-2023-impact-stigma-clinician.yaml"

#: A team's own tool, invented for these tests: three criteria, a yes / partly / no scale.
TEAM_TOOL = """\
id: team-checklist
name: Team checklist
criteria:
  - id: sampling
    label: Sampling
    question: Did the sample cover the people the question is about?
  - id: saturation
    label: Saturation
    question: Did the authors say when they stopped collecting data, and why?
  - id: member_check
    label: Member check
    question: Were the findings taken back to participants?
scale:
  - {value: "yes", label: "Yes", judgement: favourable}
  - {value: "partly", label: "Partly", judgement: unclear}
  - {value: "no", label: "No", judgement: unfavourable}
"""


def _project(tmp_path: Path, appraisal_yaml: str, tools: dict[str, str] | None = None) -> Path:
    """A brief with one record (a valid record of this repository) whose appraisal is ``appraisal_yaml``,
    appended as text so the line numbers below can be read from it."""
    studies = tmp_path / "content" / "studies"
    studies.mkdir(parents=True)
    record = yaml.safe_load(BASE_RECORD.read_text(encoding="utf-8"))
    record.pop("appraisal", None)
    text = yaml.safe_dump(record, sort_keys=False, allow_unicode=True)
    (studies / "rec.yaml").write_text(text + appraisal_yaml, encoding="utf-8")
    for name, body in (tools or {}).items():
        (tmp_path / "appraisal_tools").mkdir(exist_ok=True)
        (tmp_path / "appraisal_tools" / name).write_text(body, encoding="utf-8")
    return tmp_path


def _problems(project: Path) -> tuple[list[str], int]:
    """Formatted errors of the one record, and the line where its appraisal starts."""
    records, _ = load_records(project / "content" / "studies", project)
    text = (project / "content" / "studies" / "rec.yaml").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(text, start=1) if line.startswith("appraisal:"))
    return [d.format() for d in validate_record(records[0]) if d.is_error], start


def test_the_package_ships_casp_and_jbi_with_their_scales() -> None:
    tools, problems = load_appraisal_tools()
    assert problems == []
    casp, jbi = tools["casp-qualitative"], tools["jbi-qualitative"]
    assert len(casp.criteria) == 10 and [s.value for s in casp.scale] == ["yes", "no", "can't tell"]
    assert [s.judgement for s in jbi.scale] == ["favourable", "unfavourable", "unclear", "not-applicable"]
    assert len(jbi.criteria) == 10


def test_a_valid_casp_appraisal_without_a_tool_name_passes(tmp_path: Path) -> None:
    project = _project(tmp_path, 'appraisal:\n  answers:\n    aims: "yes"\n    ethics: yes\n'
                                 '    analysis: {answer: "can\'t tell", note: Thin.}\n')
    assert _problems(project)[0] == []


def test_an_answer_outside_the_scale_names_line_allowed_values_and_a_guess(tmp_path: Path) -> None:
    project = _project(tmp_path, 'appraisal:\n  tool: casp-qualitative\n  answers:\n    aims: "yes"\n'
                                 '    design: "cant tell"\n')
    problems, start = _problems(project)
    assert problems == [
        f"content/studies/rec.yaml:{start + 4}: error: 'appraisal.answers.design' must be one of yes, no, "
        "can't tell (casp-qualitative), got \"cant tell\". Did you mean 'can't tell'? Write one of the tool's answers."]


def test_an_unknown_criterion_is_an_error_with_the_criteria_listed(tmp_path: Path) -> None:
    project = _project(tmp_path, 'appraisal:\n  answers:\n    aim: "yes"\n')
    problems, start = _problems(project)
    assert len(problems) == 1
    assert problems[0].startswith(f"content/studies/rec.yaml:{start + 2}: error: 'appraisal.answers.aim' is not a "
                                  "criterion of CASP Qualitative Studies Checklist (casp-qualitative).")
    assert "Did you mean 'aims'?" in problems[0] and "aims, methodology, design" in problems[0]


def test_an_unknown_tool_is_an_error_listing_the_known_tools(tmp_path: Path) -> None:
    project = _project(tmp_path, 'appraisal:\n  tool: jbi-qualitativ\n  answers:\n    ethics: "yes"\n')
    problems, start = _problems(project)
    assert problems == [
        f"content/studies/rec.yaml:{start + 1}: error: 'appraisal.tool' names an unknown appraisal tool "
        "'jbi-qualitativ'. Did you mean 'jbi-qualitative'? Use one of: casp-qualitative, jbi-qualitative; "
        "or add appraisal_tools/jbi-qualitativ.yaml to the brief."]


def test_each_tool_has_its_own_scale(tmp_path: Path) -> None:
    """'not applicable' is a JBI answer, not a CASP one."""
    jbi = _project(tmp_path / "a", 'appraisal:\n  tool: jbi-qualitative\n  answers:\n    ethics: not applicable\n')
    casp = _project(tmp_path / "b", 'appraisal:\n  answers:\n    ethics: not applicable\n')
    assert _problems(jbi)[0] == []
    assert "must be one of yes, no, can't tell" in _problems(casp)[0][0]


def test_a_brief_adds_its_own_tool(tmp_path: Path) -> None:
    project = _project(tmp_path, 'appraisal:\n  tool: team-checklist\n  answers:\n    sampling: partly\n'
                                 '    saturation: maybe\n', {"team-checklist.yaml": TEAM_TOOL})
    problems, start = _problems(project)
    assert problems == [
        f"content/studies/rec.yaml:{start + 4}: error: 'appraisal.answers.saturation' must be one of yes, partly, "
        "no (team-checklist), got \"maybe\". Write one of the tool's answers."]


def test_a_broken_tool_file_is_reported_at_its_line_for_the_records_using_it(tmp_path: Path) -> None:
    broken = TEAM_TOOL.replace("judgement: unclear", "judgement: meh")
    project = _project(tmp_path, 'appraisal:\n  tool: team-checklist\n  answers:\n    sampling: partly\n',
                       {"team-checklist.yaml": broken})
    problems, _ = _problems(project)
    line = next(i for i, text in enumerate(broken.splitlines(), start=1) if "meh" in text)
    assert problems[0].startswith(f"appraisal_tools/team-checklist.yaml:{line}: error: 'scale.1.judgement': 'meh'")
    assert "unknown appraisal tool 'team-checklist'" in problems[1]


def test_a_tool_repeating_a_criterion_is_refused() -> None:
    text = TEAM_TOOL.replace("id: saturation", "id: sampling")
    tool, problems = parse_tool(text, "appraisal_tools/x.yaml")
    assert tool is None and "'criteria.1.id' repeats 'sampling'" in problems[0].message


def test_the_study_keeps_the_tool_and_reads_unquoted_yes_and_no() -> None:
    study = study_from_record({"id": "x", "title": "T", "appraisal": {
        "tool": "jbi-qualitative", "answers": {"ethics": True, "conclusions": {"answer": "unclear", "note": "n"},
                                               "philosophy_methodology": None}}})
    assert study.appraisal is not None and study.appraisal.tool == "jbi-qualitative"
    assert study.appraisal.answers == (("ethics", "yes", None), ("conclusions", "unclear", "n"))


@pytest.mark.parametrize("tool", [None, "casp-qualitative"])
def test_old_casp_records_keep_checklist_order(tool: str | None) -> None:
    appraisal = {"answers": {"value": "no", "aims": "yes"}} | ({"tool": tool} if tool else {})
    study = study_from_record({"id": "x", "title": "T", "appraisal": appraisal})
    assert study.appraisal is not None and study.appraisal.tool == "casp-qualitative"
    assert study.appraisal.answers == (("aims", "yes", None), ("value", "no", None))


def test_repo_content_still_validates(tmp_path: Path) -> None:
    shutil.copytree(REPO / "content" / "studies", tmp_path / "content" / "studies")
    records, _ = load_records(tmp_path / "content" / "studies", tmp_path)
    assert [d.format() for r in records for d in validate_record(r) if d.is_error] == []


ANSWERS = ("yes", "no", "can't tell")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(["aims", "ethics", "value"]),
                       st.one_of(st.sampled_from(ANSWERS), st.text(min_size=1, max_size=12)), max_size=3))
def test_exactly_the_answers_outside_the_scale_are_errors(tmp_path_factory: pytest.TempPathFactory,
                                                          answers: dict[str, str]) -> None:
    project = _project(tmp_path_factory.mktemp("p"), yaml.safe_dump({"appraisal": {"answers": answers}}))
    problems, _ = _problems(project)
    wrong = sorted(key for key, value in answers.items() if value not in ANSWERS)
    assert sorted(re.search(r"answers\.(\w+)'", p).group(1) for p in problems) == wrong  # type: ignore[union-attr]
