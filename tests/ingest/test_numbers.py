"""Counts written as digits or words (examples written for these tests)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.ingest.numbers import find_counts, parse_count


@pytest.mark.parametrize("text, value", [
    ("57", 57),
    ("3,517", 3517),
    ("4 086", 4086),
    ("4\u2009086", 4086),
    ("12\u00a0904", 12904),
    ("1.4 million", 1_400_000),
    ("five", 5),
    ("Thirty-one", 31),
    ("one hundred", 100),
    ("a hundred", 100),
    ("three hundred and six", 306),
    ("eleven hundred and fifty", 1150),
    ("two thousand four hundred and twelve", 2412),
    ("five six", None),  # two numbers, not one
    ("twenty thirty", None),
    ("several", None),
    ("", None),
])
def test_parse_count(text: str, value: int | None) -> None:
    assert parse_count(text) == value


def test_counts_are_found_with_their_positions() -> None:
    sentence = "We interviewed one hundred clinicians and 3,517 adults in 2019."
    counts = find_counts(sentence)
    assert [c.value for c in counts] == [100, 3517, 2019]
    assert [sentence[c.start:c.end] for c in counts] == ["one hundred", "3,517", "2019"]
    assert [c.in_words for c in counts] == [True, False, False]


@pytest.mark.parametrize("sentence", [
    "Screening grew during the COVID-19 pandemic.",  # a name, not a count
    "The odds ratio was 1.8.",  # a decimal
    "Earlier reports [12,14] agree.",
])
def test_numbers_that_are_not_counts_of_anything_are_not_whole_counts(sentence: str) -> None:
    values = [c.value for c in find_counts(sentence)]
    assert 19 not in values and 1 not in values and 8 not in values and 1214 not in values


def test_five_and_six_are_two_counts() -> None:
    assert [c.value for c in find_counts("between five and six visits")] == [5, 6]


@given(st.integers(min_value=0, max_value=10_000_000))
def test_digits_with_thousands_separators_round_trip(value: int) -> None:
    assert parse_count(f"{value:,}") == value
    assert parse_count(f"{value:,}".replace(",", " ")) == value


@given(st.text(max_size=80))
def test_any_text_gives_counts_or_nothing(text: str) -> None:
    for count in find_counts(text):
        assert count.value >= 0 and text[count.start:count.end] == count.text


@pytest.mark.parametrize("text, value", [
    ("a dozen", 12),
    ("two dozen", 24),
    ("three dozen", 36),
])
def test_dozens(text: str, value: int) -> None:
    assert parse_count(text) == value


@pytest.mark.parametrize("sentence", [
    "Several dozen residents came.",
    "Dozens of residents came.",
    "Hundreds of residents came.",
    "Several thousand residents came.",
])
def test_vague_amounts_give_no_count(sentence: str) -> None:
    assert find_counts(sentence) == []
