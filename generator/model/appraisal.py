"""Appraisal tools as data, and the check of every record's appraisal against the tool it names.

A tool (CASP qualitative, JBI, MMAT, a team's own) is a YAML file: criteria with a short label and
the full question, and an answer scale saying which answers are favourable, unfavourable or unclear.
The package ships some in ``generator/model/appraisal_tools/``; a brief adds or replaces tools with
files in its own ``appraisal_tools/`` folder. Nothing here knows one tool's questions, so adding a
tool never needs code.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any

from jsonschema import Draft202012Validator

from ..errors import Diagnostic, error
from .store import StoredRecord
from .yamlio import Loaded, YamlError, parse_yaml

#: The tool of a record whose appraisal names none (records written before tools were data).
DEFAULT_TOOL = "casp-qualitative"
#: A brief's own tool files, beside content/.
TOOLS_DIR = "appraisal_tools"
#: What an answer means for the reader; the order is the order of the summary bars.
JUDGEMENTS = ("favourable", "unfavourable", "unclear", "not-applicable")

_SLUG = "^[a-z0-9][a-z0-9_-]*$"
_TOOL_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "name", "scale", "criteria"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": _SLUG},
        "name": {"type": "string", "minLength": 1},
        "version": {"type": ["string", "null"]},
        "citation": {"type": ["string", "null"]},
        "url": {"type": ["string", "null"]},
        "scale": {"type": "array", "minItems": 2, "items": {
            "type": "object", "required": ["value", "label", "judgement"], "additionalProperties": False,
            "properties": {"value": {"type": "string", "minLength": 1}, "label": {"type": "string", "minLength": 1},
                           "judgement": {"enum": list(JUDGEMENTS)}}}},
        "criteria": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["id", "label", "question"], "additionalProperties": False,
            "properties": {"id": {"type": "string", "pattern": _SLUG}, "label": {"type": "string", "minLength": 1},
                           "question": {"type": "string", "minLength": 1}}}},
    },
}


@dataclass(frozen=True)
class ScaleValue:
    """One answer a tool allows: what a record writes, what a reader sees, and what it means."""

    value: str
    label: str
    judgement: str


@dataclass(frozen=True)
class Criterion:
    id: str
    label: str
    question: str


@dataclass(frozen=True)
class AppraisalTool:
    """A checklist: its criteria in order and its answer scale. Frozen and hashable, so memoised
    page builders can key on it."""

    id: str
    name: str
    criteria: tuple[Criterion, ...]
    scale: tuple[ScaleValue, ...]
    version: str | None = None
    citation: str | None = None
    url: str | None = None
    source: str = ""

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    def answer(self, value: str) -> ScaleValue | None:
        return next((s for s in self.scale if s.value == value), None)


#: Tools by id, in a stable order (sorted by id).
Tools = Mapping[str, AppraisalTool]


def builtin_tool_files() -> list[tuple[str, str]]:
    """(name, text) of the tool files shipped in the package, sorted by name."""
    folder = resources.files("generator.model").joinpath(TOOLS_DIR)
    return sorted((f.name, f.read_text(encoding="utf-8")) for f in folder.iterdir() if f.name.endswith(".yaml"))


def project_tool_files(project: Path) -> list[Path]:
    folder = project / TOOLS_DIR
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def load_appraisal_tools(project: Path | None = None) -> tuple[dict[str, AppraisalTool], list[Diagnostic]]:
    """The package's tools, then the brief's (a brief's file with the same id replaces the package's).

    Returns the tools by id and one error per tool file that cannot be used (that file is skipped).
    """
    tools: dict[str, AppraisalTool] = {}
    problems: list[Diagnostic] = []
    files = [(f"generator/model/{TOOLS_DIR}/{name}", text) for name, text in builtin_tool_files()]
    if project is not None:
        files += [(p.relative_to(project).as_posix(), p.read_text(encoding="utf-8"))
                  for p in project_tool_files(project)]
    for rel, text in files:
        tool, found = parse_tool(text, rel)
        problems.extend(found)
        if tool is not None:
            tools[tool.id] = tool
    return dict(sorted(tools.items())), problems


@lru_cache(maxsize=64)
def parse_tool(text: str, rel: str) -> tuple[AppraisalTool | None, tuple[Diagnostic, ...]]:
    """One tool file's text to a tool, or None and the errors that say why (memoised: every record
    is checked against the tools, and the files rarely change)."""
    try:
        loaded = parse_yaml(text)
    except YamlError as exc:
        return None, (error(rel, f"this appraisal tool file is not valid YAML: {exc.message}",
                            "Correct the YAML syntax", line=exc.line),)
    problems = tuple(_tool_problems(loaded, rel))
    if problems:
        return None, problems
    return _tool_from(loaded.data, rel), ()


def _tool_problems(loaded: Loaded, rel: str) -> list[Diagnostic]:
    if not isinstance(loaded.data, dict):
        return [error(rel, "an appraisal tool file must be a mapping", "Start with 'id:', 'name:', 'scale:' and "
                                                                          "'criteria:'", line=1)]
    problems = []
    for problem in Draft202012Validator(_TOOL_SCHEMA).iter_errors(loaded.data):
        where = ".".join(str(p) for p in problem.absolute_path) or "(file)"
        problems.append(error(rel, f"'{where}': {problem.message}", "See the package's casp-qualitative.yaml "
                              "for the expected shape", line=loaded.line_of(tuple(problem.absolute_path))))
    if problems:
        return problems
    for key in ("scale", "criteria"):
        field = "value" if key == "scale" else "id"
        seen = [item[field] for item in loaded.data[key]]
        for index, value in enumerate(seen):
            if value in seen[:index]:
                problems.append(error(rel, f"'{key}.{index}.{field}' repeats '{value}'", "Give each one once",
                                      line=loaded.line_of((key, index, field))))
    return problems


def _tool_from(data: dict[str, Any], rel: str) -> AppraisalTool:
    return AppraisalTool(
        id=data["id"], name=data["name"],
        criteria=tuple(Criterion(c["id"], c["label"], c["question"]) for c in data["criteria"]),
        scale=tuple(ScaleValue(s["value"], s["label"], s["judgement"]) for s in data["scale"]),
        version=data.get("version"), citation=data.get("citation"), url=data.get("url"), source=rel)


def answer_value(raw: Any) -> tuple[str | None, str | None]:
    """(answer, note) of one answer as a record writes it: a bare value or {answer, note}.

    YAML 1.1 reads an unquoted yes/no as true/false; those mean "yes" and "no".
    """
    note = None
    if isinstance(raw, dict):
        note = raw.get("note") if isinstance(raw.get("note"), str) else None
        raw = raw.get("answer")
    if isinstance(raw, bool):
        return ("yes" if raw else "no"), note
    return (raw if isinstance(raw, str) else None), note


def record_tool_id(appraisal: Mapping[str, Any]) -> str:
    tool = appraisal.get("tool")
    return tool if isinstance(tool, str) and tool else DEFAULT_TOOL


def project_of(record: StoredRecord) -> Path | None:
    """The brief a record belongs to: its path minus its project-relative path."""
    depth = len(PurePosixPath(record.rel_path).parts)
    parents = record.path.parents
    return parents[depth - 1] if 0 < depth <= len(parents) and not record.rel_path.startswith("..") else None


def appraisal_problems(record: StoredRecord, tools: Tools | None = None) -> list[Diagnostic]:
    """Errors in a record's appraisal: an unknown tool, an unknown criterion, an answer outside the
    tool's scale, each at its line with the allowed values. ``tools`` defaults to the record's brief's."""
    appraisal = record.data.get("appraisal")
    if not isinstance(appraisal, dict):
        return []
    tool_problems: list[Diagnostic] = []
    if tools is None:
        tools, tool_problems = load_appraisal_tools(project_of(record))
    tool_id = record_tool_id(appraisal)
    tool = tools.get(tool_id)
    if tool is None:
        broken = [p for p in tool_problems if PurePosixPath(p.location.path).stem == tool_id]
        return broken + [_unknown_tool(record, tool_id, tools)]
    answers = appraisal.get("answers")
    if not isinstance(answers, dict):
        return []  # the record schema reports it
    problems = []
    for key, raw in answers.items():
        problem = _answer_problem(record, tool, str(key), raw)
        if problem is not None:
            problems.append(problem)
    return problems


def _unknown_tool(record: StoredRecord, tool_id: str, tools: Tools) -> Diagnostic:
    known = ", ".join(tools) or "none"
    return error(record.rel_path, f"'appraisal.tool' names an unknown appraisal tool '{tool_id}'",
                 f"{_did_you_mean(tool_id, list(tools))}Use one of: {known}; or add {TOOLS_DIR}/{tool_id}.yaml "
                 "to the brief", line=record.loaded.line_of(("appraisal", "tool")))


def _answer_problem(record: StoredRecord, tool: AppraisalTool, key: str, raw: Any) -> Diagnostic | None:
    line = record.loaded.line_of(("appraisal", "answers", key))
    if tool.criterion(key) is None:
        ids = [c.id for c in tool.criteria]
        return error(record.rel_path, f"'appraisal.answers.{key}' is not a criterion of {tool.name} ({tool.id})",
                     f"{_did_you_mean(key, ids)}The criteria are: {', '.join(ids)}", line=line)
    value, _ = answer_value(raw)
    if raw is None or (isinstance(raw, dict) and raw.get("answer") is None):
        return None  # not answered yet
    if value is not None and tool.answer(value) is not None:
        return None
    allowed = [s.value for s in tool.scale]
    shown = raw.get("answer") if isinstance(raw, dict) else raw
    return error(record.rel_path, f"'appraisal.answers.{key}' must be one of {', '.join(allowed)} "
                                  f"({tool.id}), got {json.dumps(shown, ensure_ascii=False)}",
                 f"{_did_you_mean(str(shown), allowed)}Write one of the tool's answers", line=line)


def _did_you_mean(value: str, choices: list[str]) -> str:
    lowered = {c.lower(): c for c in choices}
    close = difflib.get_close_matches(value.lower(), list(lowered), n=1, cutoff=0.6)
    return f"Did you mean '{lowered[close[0]]}'? " if close else ""
