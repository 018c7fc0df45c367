"""The compiled schema check only short-cuts valid records: its verdict always matches jsonschema's,
and the problems users see are still jsonschema's, worded as before."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from generator.model.schema import _schema_errors, study_schema, validate_record
from generator.model.store import load_record

RECORDS = sorted((Path(__file__).parents[2] / "content" / "studies").glob("*.yaml"))  # the brief's own records
_BASES = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in RECORDS]
_FIELDS = sorted({key for base in _BASES for key in base} | set(study_schema()["properties"]) | {"invented_key"})
_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-5, 3000), st.floats(allow_nan=False), st.just(2023.0),
              st.text(max_size=12), st.sampled_from(["included", "needs-review", "excluded", "10.1000/xyz1",
                                                      "qualitative", "trial", "2023-02-01", "https://a.example"])),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["file", "record", "line", "x"]),
                                                                inner, max_size=3),
    max_leaves=6)


def _reference_errors(data: Any) -> list[str]:
    validator = Draft202012Validator(study_schema())
    found = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    return [f"{list(e.absolute_path)} {e.message}" for e in found]


def test_the_briefs_records_are_valid_both_ways() -> None:
    for base in _BASES:
        assert _schema_errors(base) == [] and _reference_errors(base) == []


@settings(max_examples=300, deadline=None)
@given(st.integers(0, len(_BASES) - 1), st.lists(st.tuples(st.sampled_from(_FIELDS), _values), min_size=1,
                                                  max_size=3), st.lists(st.sampled_from(_FIELDS), max_size=2))
def test_the_fast_path_agrees_with_jsonschema(base: int, changes: list[tuple[str, Any]], drops: list[str]) -> None:
    data = copy.deepcopy(_BASES[base])
    for key, value in changes:
        data[key] = value
    for key in drops:
        data.pop(key, None)
    before = copy.deepcopy(data)
    got = [f"{list(e.absolute_path)} {e.message}" for e in _schema_errors(data)]
    assert got == _reference_errors(data)
    assert data == before  # the compiled check fills in no defaults


def test_a_wrong_value_is_still_worded_for_a_curator(tmp_path: Path) -> None:
    record = dict(_BASES[0], sample_size="about forty", year=1.5)
    path = tmp_path / "content" / "studies" / "wrong.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(yaml.safe_dump(record, sort_keys=False), encoding="utf-8")
    stored, problem = load_record(path, tmp_path)
    assert stored is not None and problem is None
    messages = [d.message for d in validate_record(stored) if d.is_error]
    assert "'sample_size' must be a whole number or null, got \"about forty\"" in messages
    assert any(m.startswith("'year' must be a whole number") and m.endswith("got 1.5") for m in messages)
