"""Journal names from a page's banner, and thesis records without a journal (invented lines)."""

from __future__ import annotations

import pytest

from generator.ingest.webpage.own_citation import _is_masthead_name
from generator.ingest.webpage.record import _THESIS_TYPE


@pytest.mark.parametrize("line", ["Coastal Nursing Practice", "Revista de Salud Insular", "Annals of Rural Care",
                                  "Zeitschrift für Pflegeforschung"])
def test_a_banner_of_journal_title_words_is_a_masthead(line: str) -> None:
    assert _is_masthead_name(line)


@pytest.mark.parametrize("line", ["Meridian Academic Press", "About the Journal", "Journal information",
                                  "Research Article", "Northvale University Library", "Skip to content",
                                  "Volume 12, Issue 4", "Health topics", "Ocean Breeze Holidays"])
def test_publishers_menus_and_other_names_are_not(line: str) -> None:
    assert not _is_masthead_name(line)


@pytest.mark.parametrize("line", ["Dissertation/Thesis", "Doctoral thesis", "Master's thesis",
                                  "Document type: Dissertation or Thesis", "Tesis doctoral", "Ph.D. dissertation"])
def test_thesis_document_types(line: str) -> None:
    assert _THESIS_TYPE.match(line)


@pytest.mark.parametrize("line", ["Thesis statement and argument", "A thesis on rural care was written"])
def test_sentences_about_theses_are_not_types(line: str) -> None:
    assert not _THESIS_TYPE.match(line)
