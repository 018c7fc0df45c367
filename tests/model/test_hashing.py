"""hashed_once: equal values hash equal, and a value's fields are hashed once, not on every lookup."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from dataclasses import dataclass, field

from hypothesis import given
from hypothesis import strategies as st

from generator.model.hashing import hashed_once
from generator.model.study import Study


class _CountingHash:
    def __init__(self) -> None:
        self.calls = 0

    def __hash__(self) -> int:
        self.calls += 1
        return 7


@hashed_once
@dataclass(frozen=True)
class _Value:
    name: str
    parts: tuple[str, ...] = ()
    probe: object = None
    note: str = field(default="", compare=False)


@given(st.text(), st.lists(st.text(), max_size=4), st.text())
def test_equal_values_hash_equal_whatever_their_uncompared_fields(name: str, parts: list[str], note: str) -> None:
    one, two = _Value(name, tuple(parts)), _Value(name, tuple(parts), note=note)
    assert one == two and hash(one) == hash(two)


def test_fields_are_hashed_once_per_instance() -> None:
    probe = _CountingHash()
    value = _Value("x", probe=probe)
    assert {value: 1}[value] == 1 and hash(value) == hash(value)
    assert probe.calls == 1


def test_studies_stay_usable_as_keys() -> None:
    study = Study("a", "A title", authors=("Quist, L.",))
    assert hash(study) == hash(Study("a", "A title", authors=("Quist, L.",)))
    assert study in {Study("a", "A title", authors=("Quist, L.",))}


def test_a_pickle_read_by_another_process_hashes_as_that_process_does() -> None:
    """String hashes differ between processes: a kept hash must not travel in a pickle (builds keep
    theme matches and readings in .cache/ and read them in a later process)."""
    study = Study("a", "A title", authors=("Quist, L.",))
    hash(study)
    payload = pickle.dumps(study)
    program = ("import pickle, sys; from generator.model.study import Study; "
               "s = pickle.loads(sys.stdin.buffer.read()); "
               "kept = '_hash_once' in s.__dict__; "
               "print(hash(s) == hash(Study('a', 'A title', authors=('Quist, L.',))), kept)")
    result = subprocess.run([sys.executable, "-c", program], input=payload, capture_output=True, check=True,
                            env={**os.environ, "PYTHONHASHSEED": "12345"})
    assert result.stdout.split() == [b"True", b"False"]
