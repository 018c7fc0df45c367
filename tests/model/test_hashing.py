"""hashed_once: equal values hash equal, and a value's fields are hashed once, not on every lookup."""

from __future__ import annotations

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
