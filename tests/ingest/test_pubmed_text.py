"""PubmedTextReader: PubMed's "Summary (text)" and "Abstract (text)" exports.

The fixtures under tests/ingest/pubmed_text/ are invented studies written for these tests; the
expected values below were written by reading those files, not by running the reader.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.ingest.base import AbstractSection
from generator.ingest.pubmed_text import PubmedTextReader
from generator.ingest.registry import choose_reader

FIXTURES = Path(__file__).parent / "pubmed_text"
PAGES = Path(__file__).parent / "pages"


def _read(name: str) -> tuple[str, list]:
    text = (FIXTURES / name).read_bytes().decode("utf-8")
    result = PubmedTextReader().read(text, name)
    return text, list(result.records)


def test_every_fixture_is_chosen_for_this_reader() -> None:
    for path in sorted(FIXTURES.glob("*.txt")):
        reader = choose_reader(path.read_bytes().decode("utf-8"))
        assert reader is not None and reader.name == "pubmed-text", path.name


def test_summary_layout_gives_one_record_per_entry_with_its_line() -> None:
    _, records = _read("summary_four_records.txt")
    assert [r.line for r in records] == [1, 7, 12, 17]
    first = records[0]
    assert first.title == "Lay health coaches for people with type 2 diabetes in rural clinics: a stepped-wedge trial"
    assert first.authors == ("Amarasinghe, PK", "O'Donnell-Reyes, M", "Thorvaldsen, B, Jr", "Kowalczyk-Mba, A")
    assert (first.year, first.date, first.journal_abbrev) == (2021, "2021-09", "Rural Prim Care Res")
    assert (first.volume, first.issue, first.pages) == ("14", "3", "215-224")
    assert first.doi == "10.4021/rpcr.2021.0337"
    assert ("pmid", "34112098") in first.identifiers


def test_erratum_line_is_not_a_record_nor_the_citation() -> None:
    _, records = _read("summary_four_records.txt")
    assert len(records) == 4
    assert all("Erratum" not in (r.title or "") for r in records)
    assert records[0].date == "2021-09"  # from the article's citation line, not the erratum's 2022 Jan


def test_collective_author_alone_and_after_people() -> None:
    _, records = _read("summary_four_records.txt")
    assert records[1].authors == ("Northfield Integrated Care Collaborative",)
    assert records[1].publication_type == "review"
    assert (records[1].volume, records[1].issue, records[1].pages) == ("6", None, "e88")
    assert records[2].authors == ("Lindahl-Okoro, S", "de la Fuente, MJ", "Ward Safety Study Group")


def test_ahead_of_print_citation_has_date_but_no_invented_volume() -> None:
    _, records = _read("summary_four_records.txt")
    ahead = records[2]
    assert (ahead.journal_abbrev, ahead.year, ahead.date) == ("Nurs Manag Q", 2024, "2024-03-04")
    assert (ahead.volume, ahead.issue, ahead.pages) == (None, None, None)
    assert ahead.doi == "10.3390/nmq.2024.1120"


def test_translated_title_loses_its_brackets() -> None:
    _, records = _read("summary_four_records.txt")
    assert records[3].title == "Waiting lists for community physiotherapy in two regions"
    assert records[3].authors == ("Brandstätter, U", "Øvergaard, K")


def test_abstract_layout_reads_labelled_sections_and_drops_the_trailer() -> None:
    _, records = _read("abstract_three_records.txt")
    assert [r.line for r in records] == [1, 26, 37]
    first = records[0]
    assert first.title == ("Pharmacist follow-up calls after hospital discharge and medication errors: "
                           "a randomised controlled trial")
    assert first.authors == ("Vasquez-Hollis, R", "Abubakar, ZN", "Ferreira-Lund, T")
    assert (first.journal_abbrev, first.year, first.volume, first.issue, first.pages) == (
        "J Community Pharm Pract", 2020, "9", "1", "44-52")
    assert [s.heading for s in first.abstract] == ["Background", "Methods", "Results", "Conclusions"]
    assert first.abstract[1].text.startswith("We randomly allocated 318 adults")
    assert first.abstract[-1] == AbstractSection("Conclusions",
                                                 "A single call by a pharmacist reduced medication errors.")
    assert ("pmid", "31944021") in first.identifiers


def test_abstract_layout_record_without_abstract() -> None:
    _, records = _read("abstract_three_records.txt")
    second = records[1]
    assert second.title == "Commentary: the hidden workload of care coordinators"
    assert second.authors == ("Ekwueme-Strand, J",)
    assert second.abstract == ()
    assert ("pmcid", "PMC6004412") in second.identifiers


def test_abstract_layout_collective_author_collaborators_and_erratum_block() -> None:
    _, records = _read("abstract_three_records.txt")
    third = records[2]
    assert third.authors == ("Haaland, IM", "Petrossian, A", "Respite Research Network")
    assert len(third.abstract) == 1 and third.abstract[0].heading is None
    assert third.abstract[0].text.startswith("Family carers often wait long")
    assert third.abstract[0].text.endswith("flexible offers.")
    assert "Erratum" not in third.abstract[0].text and "Copyright" not in third.abstract[0].text


def test_windows_line_ends() -> None:
    text, records = _read("abstract_windows.txt")
    assert "\r\n" in text
    assert [r.line for r in records] == [1, 18]
    assert records[0].title == "School-based vision screening and spectacle uptake: a cohort study"
    assert records[0].authors == ("Møller-Jensen, C", "Adeyinka, OT")
    assert [s.heading for s in records[0].abstract] == ["Objective", "Design", "Results", "Conclusion"]
    assert records[1].abstract == ()  # "No abstract available." is PubMed's note, not an abstract
    assert records[1].pages == "86-87"


def test_copied_article_pages_are_left_to_the_page_readers() -> None:
    for path in sorted(PAGES.glob("*.txt")):
        assert PubmedTextReader().sniff(path.read_text(encoding="utf-8")) == 0.0, path.name


def test_numbered_reference_list_or_prose_is_not_claimed() -> None:
    references = ("1. Okafor T, Lind P. Home visits after stroke. J Rehab Care. 2019;4(2):11-19.\n"
                  "2. Rao S. Waiting for therapy. Ment Health Rev. 2020;8:e3.\n")
    prose = "We interviewed 12 nurses.\n\n1. First theme: time.\n2. Second theme: trust.\n"
    assert PubmedTextReader().sniff(references) == 0.0
    assert PubmedTextReader().sniff(prose) == 0.0


def test_entry_that_cannot_be_read_is_reported_with_its_line() -> None:
    text = ("1. A trial of ward rounds.\nSmith J.\nWard Med. 2020;3(1):1-9.\nPMID: 123\n\n"
            "2. Something that is not a PubMed entry at all\n")
    result = PubmedTextReader().read(text, "mixed.txt")
    assert [r.title for r in result.records] == ["A trial of ward rounds"]
    assert [d.location.line for d in result.diagnostics] == [6]


_PIECES = st.sampled_from([
    "1. ", "2. ", "PMID: 3", "PMID: ", "doi: 10.1/x", "Epub 2020 Mar", "J Foo. 2020 Mar;1(2):3-4.", ";", ":",
    "(1)", "Author information:", "Erratum in: ", "BACKGROUND: ", "\n", "\r\n", "\r", "\n\n", " ", ".", "Smith J",
    ", ", "; ", "Copyright ©", "[", "]", "\ufeff", "\x00", "2021", "Title of a study",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=40))
def test_damaged_input_never_raises(pieces: list[str]) -> None:
    text = "".join(pieces)
    reader = PubmedTextReader()
    assert 0.0 <= reader.sniff(text) <= 1.0
    result = reader.read(text, "fuzz.txt")
    assert all(r.title for r in result.records)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=400))
def test_truncated_real_layouts_never_raise(cut: int) -> None:
    for path in sorted(FIXTURES.glob("*.txt")):
        text = path.read_bytes().decode("utf-8")
        PubmedTextReader().sniff(text[:cut])
        result = PubmedTextReader().read(text[:cut], path.name)
        assert isinstance(result.records, tuple)
