"""Readers never raise: whatever text arrives, sniff and read return normally."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.ingest.base import ReadResult
from generator.ingest.ris import RisReader
from generator.ingest.wos import WosReader

# Text biased towards the characters these formats are made of, so tags and dashes meet often.
_ALPHABET = st.sampled_from(list("TYAUIERN12 -\n\t,;.:/PFJKOLVSDBX") + ["\ufeff", "é", "   "])
_TAGGY = st.lists(_ALPHABET, max_size=200).map("".join)
_TEXT = st.one_of(st.text(max_size=300), _TAGGY)


def _check(reader: RisReader | WosReader, text: str) -> None:
    score = reader.sniff(text)
    assert 0.0 <= score <= 1.0
    result = reader.read(text, "seed.txt")
    assert isinstance(result, ReadResult)
    assert all(record.title for record in result.records)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_ris_never_raises(text: str) -> None:
    _check(RisReader(), text)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_ris_never_raises_after_a_ty_line(text: str) -> None:
    _check(RisReader(), "TY  - " + text)
    _check(RisReader(), "TY - JOUR T1 - " + text)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_wos_never_raises(text: str) -> None:
    _check(WosReader(), text)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_wos_never_raises_after_a_header(text: str) -> None:
    _check(WosReader(), "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\n" + text)
