"""Export readers never raise: whatever text arrives, sniff and read return normally."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.ingest.base import ReadResult
from generator.ingest.bibtex import BibtexReader
from generator.ingest.csljson import CslJsonReader
from generator.ingest.medline import MedlineReader

Reader = BibtexReader | CslJsonReader | MedlineReader

# Text biased towards each format's own punctuation, so that near-valid documents come up often.
_BIBTEX = st.sampled_from(list('@{}()"#=,\\$~%\n aAnNdD') + ["article", "string", "comment", "and", "{\\'e}"])
_MEDLINE = st.sampled_from(list("PMIDTAUFBGL- \n\t*/[]0123456789") + ["      ", "PMID- ", "TI  - ", "FAU - "])
_JSON = st.sampled_from(list('[]{}":,0123456789 \n\\') + ['"title"', '"type"', '"author"', "null", "true"])
_TEXT = st.one_of(
    st.text(max_size=300),
    *(st.lists(alphabet, max_size=200).map("".join) for alphabet in (_BIBTEX, _MEDLINE, _JSON)),
)
_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["title", "type", "author", "issued", "date-parts", "page", "DOI", "items", "family",
                         "given", "literal", "keyword", "container-title", "abstract", "message"]),
        children, max_size=5),
    max_leaves=20,
)


def _check(reader: Reader, text: str) -> None:
    score = reader.sniff(text)
    assert 0.0 <= score <= 1.0
    result = reader.read(text, "seed.txt")
    assert isinstance(result, ReadResult)
    assert all(record.title for record in result.records)
    assert all(diagnostic.location.path == "seed.txt" for diagnostic in result.diagnostics)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_any_text_never_raises(text: str) -> None:
    for reader in (BibtexReader(), CslJsonReader(), MedlineReader()):
        _check(reader, text)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_bibtex_never_raises_after_an_entry_start(text: str) -> None:
    _check(BibtexReader(), "@article{" + text)
    _check(BibtexReader(), "@article{key,\n  title = {" + text)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_medline_never_raises_after_a_pmid(text: str) -> None:
    _check(MedlineReader(), "PMID- " + text)
    _check(MedlineReader(), "PMID- 1\nTI  - " + text)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_csljson_never_raises_after_a_bracket(text: str) -> None:
    _check(CslJsonReader(), "[" + text)
    _check(CslJsonReader(), '[{"type": "book", "title": ' + text)


@settings(max_examples=200, deadline=None)
@given(_JSON_VALUES)
def test_csljson_never_raises_on_any_json_value(value: object) -> None:
    text = json.dumps(value)
    _check(CslJsonReader(), text)
    _check(CslJsonReader(), json.dumps([value, {"type": "book", "title": "T", "x": value}]))
