"""Page fingerprints: equal content, equal fingerprint, in any process; any change, another one."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field

import pytest
from markupsafe import Markup

from generator.site.fingerprint import Fingerprinter, Unfingerprintable


@dataclass(frozen=True)
class Shelf:
    label: str
    sizes: tuple[int, ...] = ()
    tags: frozenset[str] = frozenset()
    note: str = field(default="", compare=False)


def _digest(value: object) -> bytes:
    return Fingerprinter().digest(value)


def test_equal_values_have_equal_fingerprints_however_they_share_objects() -> None:
    label = "oak " * 3
    shared = (Shelf(label), Shelf(label))
    separate = (Shelf("oak " * 3), Shelf("".join(["oak "] * 3)))
    assert _digest(shared) == _digest(separate)


@pytest.mark.parametrize("other", [
    Shelf("oak", (1, 2), frozenset({"x"})),
    Shelf("pine", (2, 1), frozenset({"x"})),
    Shelf("pine", (1, 2), frozenset({"y"})),
    Shelf("pine", (1, 2), frozenset({"x"}), note="fragile"),  # a field left out of == still shows on a page
])
def test_any_change_of_content_changes_the_fingerprint(other: Shelf) -> None:
    assert _digest(Shelf("pine", (1, 2), frozenset({"x"}))) == _digest(Shelf("pine", (1, 2), frozenset({"x"})))
    assert _digest(Shelf("pine", (1, 2), frozenset({"x"}))) != _digest(other)


def test_text_and_markup_and_numbers_are_told_apart() -> None:
    values = ["1", 1, 1.0, True, None, Markup("1"), b"1", ("1",), ["1"], {"1": 1}]
    assert len({_digest(v) for v in values}) == len(values)


def test_parts_cannot_run_into_each_other() -> None:
    assert _digest(("ab", "c")) != _digest(("a", "bc"))
    assert _digest({"a": "bc"}) != _digest({"ab": "c"})


def test_a_value_of_unknown_kind_is_refused() -> None:
    with pytest.raises(Unfingerprintable):
        _digest({"when": object()})


def test_fingerprints_are_the_same_in_another_process() -> None:
    """Sets of text iterate in another order in every process (hash randomisation); the digest must not."""
    program = ("from generator.site.fingerprint import Fingerprinter;"
               "print(Fingerprinter().digest(({'b', 'a', 'c', 'd'}, frozenset('xyz'), {'k': ['v']})).hex())")
    runs = {subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": str(seed)}).stdout for seed in (1, 2, 3)}
    assert len(runs) == 1
