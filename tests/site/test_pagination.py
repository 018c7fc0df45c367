"""Long study lists link the pages near the reader's, not all of them."""

from __future__ import annotations

import pytest

from generator.site.model import page_window


@pytest.mark.parametrize("count, number, expected", [
    (1, 1, [1]),
    (9, 5, [1, 2, 3, 4, 5, 6, 7, 8, 9]),  # short lists link every page
    (200, 1, [1, 2, 3, None, 200]),
    (200, 100, [1, None, 98, 99, 100, 101, 102, None, 200]),
    (200, 4, [1, 2, 3, 4, 5, 6, None, 200]),
    (200, 5, [1, 2, 3, 4, 5, 6, 7, None, 200]),  # one page left out is shown, not a gap
    (10, 10, [1, None, 8, 9, 10]),
])
def test_the_pages_linked_from_a_page(count: int, number: int, expected: list[int | None]) -> None:
    assert page_window(count, number) == expected


@pytest.mark.parametrize("count", [10, 11, 57, 200])
def test_every_page_can_reach_every_other_by_steps(count: int) -> None:
    """From any page the reader can walk to any other: the neighbours, first and last are always linked."""
    for number in range(1, count + 1):
        window = page_window(count, number)
        numbers = [n for n in window if n is not None]
        assert numbers == sorted(set(numbers)) and number in numbers
        assert {1, count, max(1, number - 1), min(count, number + 1)} <= set(numbers)
        assert len(window) <= 9
