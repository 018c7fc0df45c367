"""The record schema (study.schema.json, shipped in the package) and messages a curator can act on.

jsonschema finds the problems; this module words them: the field, the value received, what was
expected, and how to fix it, at the line of the field in the YAML file.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from ..errors import Diagnostic, error, warning
from .appraisal import appraisal_problems
from .store import StoredRecord
from .vocabulary import VOCABULARY_FILE, Vocabulary, brief_vocabulary

_TYPE_WORDS = {"integer": "a whole number", "string": "text", "array": "a list", "object": "a mapping",
               "boolean": "true or false", "null": "null", "number": "a number"}
_FIXES = {
    "sample_size": "Write the number of people enrolled (e.g. 48) and keep any detail in 'participants'",
    "year": "Write the four-digit publication year, e.g. 2023",
    "doi": "Write the bare DOI in lower case, e.g. 10.1370/afm.2920 (no https://doi.org/)",
    "date": "Write an ISO date: 2023, 2023-02 or 2023-02-01",
    "authors": "Write a list with one '- Family, Given' line per author",
    "settings": "Use setting ids from the brief's vocabulary.yaml; put free text in 'setting_detail'",
    "design": "Use one of the listed designs, or null if the source does not say",
    "status": "Write 'included', 'needs-review', or 'excluded' together with an 'exclusion_reason'",
    "keep_without_source": "Write true to publish the study without its source file, or remove the key",
    "extraction_notes": "Leave this list to ingest: it rewrites it on every run",
    "exclusion_reason": "Say in one sentence why the study is excluded",
    "id": "Use lower-case letters, digits and hyphens; never change an id that is already published",
    "url": "Write a full http:// or https:// address",
}


#: What a curator does with a record ingest marked ``status: needs-review``.
NEEDS_REVIEW_FIX = ("Review the record against its source, correct the wrong fields, then set status: included "
                    "(or status: excluded with an exclusion_reason)")
#: What a curator does with a record whose source files have all gone from seeds/.
ORPHAN_FIX = ("Put the file back in seeds/, or add 'keep_without_source: true' to the record to keep "
              "publishing it, or delete the record")


def needs_review_warning(rel_path: str, notes: Sequence[str]) -> Diagnostic:
    """The line ``check`` and ``build`` print for a record waiting for review (it is not published)."""
    reasons = "; ".join(notes) if notes else "its status says so"
    return warning(rel_path, f"needs review, so it is not published: {reasons}", NEEDS_REVIEW_FIX)


def missing_facts_warning(record: Mapping[str, Any], rel_path: str) -> Diagnostic | None:
    """The warning for key facts the sources did not state (title, authors, year, DOI), at the source's
    line; ``ingest`` prints it for what it reads and ``check`` for the records on disk, so the two agree.
    A field a curator listed under ``not_stated`` is no longer in ``missing``."""
    checked = record.get("not_stated") or []
    gaps = [key for key in ("title", "authors", "year", "doi") if key in (record.get("missing") or [])
            and key not in checked]
    if not gaps:
        return None
    found = record.get("source")
    source: Mapping[str, Any] = found if isinstance(found, dict) else {}
    line = source.get("line") if isinstance(source.get("line"), int) else None
    words = gaps[0] if len(gaps) == 1 else ", ".join(gaps[:-1]) + " or " + gaps[-1]
    return warning(str(source.get("file") or rel_path), f"no {words} stated",
                   f"If the study itself states {'it' if len(gaps) == 1 else 'them'}, fill {rel_path} in by hand",
                   line=line)


def orphan_warning(rel_path: str, missing: Sequence[str]) -> Diagnostic:
    """The line ``ingest``, ``check`` and ``build`` print for a record whose sources have all disappeared."""
    files = ", ".join(missing)
    word = "file" if len(missing) == 1 else "files"
    return warning(rel_path, f"its source {word} {files} no longer exist{'s' if len(missing) == 1 else ''}, "
                             "so the study is not published", ORPHAN_FIX)


@lru_cache(maxsize=1)
def study_schema() -> dict[str, Any]:
    """The JSON Schema for study records, read from the installed package."""
    text = resources.files("generator.model").joinpath("study.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@lru_cache(maxsize=1)
def _record_validator() -> Draft202012Validator:
    """The jsonschema validator for records, checked and built once per process (the schema ships
    with the package, so it cannot change under a running process)."""
    schema = study_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@lru_cache(maxsize=1)
def _quick_check() -> Callable[[Any], Any]:
    """The same schema compiled to Python code by fastjsonschema: about 20x faster than jsonschema.

    It only answers "valid or not"; when it says not, jsonschema finds and words the problems, so
    messages are jsonschema's. Defaults are never filled in (the record must stay as written).
    """
    check: Callable[[Any], Any] = fastjsonschema.compile(study_schema(), use_default=False)
    return check


def _schema_errors(data: Any) -> list[ValidationError]:
    """jsonschema's problems with ``data``, in the order of their paths; none without asking it when
    the compiled check passes (the usual case)."""
    try:
        _quick_check()(data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    return sorted(_record_validator().iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])


def validate_record(record: StoredRecord, vocabulary: Vocabulary | None = None) -> list[Diagnostic]:
    """Every schema problem in one record, plus a warning per unknown key (with a suggestion).

    Settings are checked against ``vocabulary``, by default the brief's own (its vocabulary.yaml, read
    once per version of the file); when that file has errors they are reported with the brief's
    settings, and records are not blamed for them.
    """
    schema = study_schema()
    problems = [_diagnostic(record, problem) for problem in _schema_errors(record.data)]
    vocabulary = vocabulary or brief_vocabulary(_project_of(record))
    if vocabulary is not None:
        problems.extend(_unknown_settings(record, vocabulary))
    known = set(schema["properties"])
    for key in record.data:
        if key not in known:
            close = difflib.get_close_matches(str(key), sorted(known), n=1)
            hint = f"Did you mean '{close[0]}'?" if close else "Remove it or check its spelling"
            problems.append(warning(record.rel_path, f"unknown key '{key}'", hint,
                                    line=record.loaded.line_of((key,))))
    if not any(p.is_error for p in problems):  # an appraisal is checked against its tool once its shape is right
        problems.extend(appraisal_problems(record))
    return problems


def _project_of(record: StoredRecord) -> Path:
    """The brief's folder: the record's path without its project-relative part."""
    return record.path.parents[len(PurePosixPath(record.rel_path).parts) - 1]


def _unknown_settings(record: StoredRecord, vocabulary: Vocabulary) -> list[Diagnostic]:
    """An error per setting id the brief's vocabulary lacks, with the closest id or label as a hint."""
    settings = record.data.get("settings")
    if not isinstance(settings, list):
        return []
    known = vocabulary.setting_ids
    by_label = {s.label.lower(): s.id for s in vocabulary.settings}
    problems = []
    for index, value in enumerate(settings):
        if not isinstance(value, str) or value in known:
            continue
        close = difflib.get_close_matches(value, known, n=1) or [
            by_label[label] for label in difflib.get_close_matches(value.lower(), by_label, n=1)]
        hint = (f"Did you mean '{close[0]}'?" if close else
                f"Use one of {', '.join(known)}, or add it to {VOCABULARY_FILE}")
        problems.append(error(record.rel_path, f"unknown setting '{value}' (not in the brief's settings)", hint,
                              line=record.loaded.line_of(("settings", index))))
    return problems


def _diagnostic(record: StoredRecord, problem: ValidationError) -> Diagnostic:
    path = tuple(problem.absolute_path)
    field = ".".join(str(part) for part in path) or "(record)"
    top = str(path[0]) if path else ""
    if problem.validator == "required":
        missing = problem.message.split("'")[1] if "'" in problem.message else problem.message
        top = missing
        message = f"'{missing}' is required" + (" in " + field if path else "")
    else:
        message = f"'{field}' {_expected(problem)}, got {_shown(problem.instance)}"
    return error(record.rel_path, message, _FIXES.get(top, "Correct the value or set it to null"),
                 line=record.loaded.line_of(path))


def _expected(problem: ValidationError) -> str:
    schema = problem.schema if isinstance(problem.schema, dict) else {}
    if problem.validator == "type":
        kinds = schema.get("type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        return "must be " + " or ".join(_TYPE_WORDS.get(str(k), str(k)) for k in kinds)
    if problem.validator == "enum":
        return "must be one of " + ", ".join("null" if v is None else str(v) for v in schema.get("enum", []))
    if problem.validator == "pattern":
        return f"does not have the expected form ({schema.get('pattern')})"
    if problem.validator in ("minimum", "maximum", "minLength", "maxLength"):
        return f"must have {problem.validator} {problem.validator_value}"
    if problem.validator == "uniqueItems":
        return "must not list the same value twice"
    if problem.validator == "additionalProperties":
        return "has keys that are not allowed"
    return problem.message


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."
