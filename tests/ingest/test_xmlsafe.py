"""xmlsafe: record elements of an XML export with their lines, parsed safely, broken documents record by record.

The documents are invented for these tests, in no particular export's vocabulary.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.ingest.base import Extraction
from generator.ingest.xmlsafe import first_text, parse_records, read_records

DOCUMENT = """<?xml version="1.0"?>
<catalogue>
  <item><name>First</name><note></note><alias>One</alias></item>

  <item>
    <name>Second</name>
  </item>
  <other><item><name>Nested third</name></item></other>
</catalogue>
"""


def parse(text: str) -> list[tuple[int, str | None]]:
    parsed = parse_records(text, ("item",), "catalogue.xml", "catalogue", "Export it again")
    return [(line, first_text(element, "name")) for line, element in parsed.records]


def test_elements_in_document_order_with_their_lines() -> None:
    assert parse(DOCUMENT) == [(3, "First"), (5, "Second"), (8, "Nested third")]


def test_first_text_skips_missing_and_empty_paths() -> None:
    parsed = parse_records(DOCUMENT, ("item",), "catalogue.xml", "catalogue", "Export it again")
    first = parsed.records[0][1]
    assert first_text(first, "missing", "note", "alias") == "One"
    assert first_text(first, "missing", "note") is None


def test_a_broken_document_is_read_element_by_element() -> None:
    broken = DOCUMENT.replace("<name>Second</name>", "<name>Sec<ond</name>")
    parsed = parse_records(broken, ("item",), "catalogue.xml", "catalogue", "Export it again")
    assert [(line, first_text(element, "name")) for line, element in parsed.records] == [
        (3, "First"), (8, "Nested third")]
    (warning,) = parsed.diagnostics
    assert warning.location.line == 6 and "could not be read" in warning.message


def test_records_without_a_title_are_reported_by_line() -> None:
    parsed = parse_records(DOCUMENT, ("item",), "catalogue.xml", "catalogue", "Export it again")
    result = read_records(parsed, lambda element, line: Extraction(line=line, title=first_text(element, "alias")),
                          "catalogue.xml", "catalogue")
    assert [record.title for record in result.records] == ["One"]
    assert [d.location.line for d in result.diagnostics] == [5, 8]


@given(st.lists(st.integers(min_value=0, max_value=4), min_size=1, max_size=12))
def test_lines_match_a_plain_count_of_line_breaks(gaps: list[int]) -> None:
    body = "".join("\n" * gap + f"<item><name>n{index}</name></item>" for index, gap in enumerate(gaps))
    text = f"<root>{body}</root>"
    expected = [text[: text.index(f"<item><name>n{index}<")].count("\n") + 1 for index in range(len(gaps))]
    assert [line for line, _ in parse(text)] == expected
