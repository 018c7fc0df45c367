"""The reader contract: ``read`` never raises; a parser's failure is one error naming the file."""

from __future__ import annotations

import pytest

from generator.ingest import bibtex, csljson, medline
from generator.ingest.base import ReadResult, line_numbers


def _explode(text: str, path: str) -> ReadResult:
    raise ValueError("unbalanced brace")


@pytest.mark.parametrize(("module", "reader", "what"), [
    (bibtex, bibtex.BibtexReader(), "BibTeX file"),
    (medline, medline.MedlineReader(), "MEDLINE file"),
    (csljson, csljson.CslJsonReader(), "CSL-JSON file"),
])
def test_a_parser_that_fails_becomes_one_error_naming_the_file(module: object, reader: object, what: str,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(module, "_read", _explode)
    result = reader.read("anything", "seeds/x.txt")  # type: ignore[attr-defined]
    assert result.records == ()
    [problem] = result.diagnostics
    line = problem.format()
    assert line.startswith("seeds/x.txt:1: error: ") and f"could not read this {what}" in line
    assert "ValueError: unbalanced brace" in line


def test_line_numbers_of_offsets_counted_in_one_pass() -> None:
    text = "first\nsecond\n\nfourth line\nfifth"
    offsets = [0, text.index("second"), text.index("fourth"), text.index("line"), text.index("fifth")]
    assert line_numbers(text, offsets) == [1, 2, 4, 4, 5]
    assert line_numbers(text, []) == []
