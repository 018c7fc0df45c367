"""Page dates and export dates are written by one formatter (normalize.iso_date), so each date reader's
output is a date the other reads back unchanged, never more precise than what the text stated."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from generator.ingest.normalize import iso_date, parse_date
from generator.ingest.webpage.dates import parse_page_date

ISO = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")


@given(st.text(max_size=60))
def test_page_dates_are_iso_and_read_back_unchanged(text: str) -> None:
    date = parse_page_date(text)
    assert date is None or (ISO.fullmatch(date) and parse_date(date) == date)


@given(st.integers(1800, 2100), st.one_of(st.none(), st.integers(-3, 15).map(str)),
       st.one_of(st.none(), st.integers(-3, 40).map(str)))
def test_iso_date_keeps_only_valid_parts(year: int, month: str | None, day: str | None) -> None:
    date = iso_date(year, month, day)
    assert ISO.fullmatch(date)
    if month is None or not 1 <= int(month) <= 12:
        assert date == str(year)
    elif day is None or not 1 <= int(day) <= 31:
        assert date == f"{year}-{int(month):02d}"


def test_dates_as_pages_write_them() -> None:
    assert parse_page_date("Published: 7 Mayo 2019") == "2019-05-07"
    assert parse_page_date("Published: Quintidi 2019") == "2019"  # no month of a listed language: the year only
    assert parse_page_date("Posted 12 de marzo de 2020") == "2020-03-12"
    assert parse_page_date("Online 2018.13.02") == "2018"  # month 13 is no month: only the year stands
    assert parse_page_date("Accepted 31.01.2022") == "2022-01-31"
