"""Real exports in ../shared/database-exports: every row and record becomes a study extraction.

Counts were established by reading the files: ``grep -c '^TY  -'`` (plus a record whose TY line
follows a byte-order mark in embase.ris) for RIS, and data rows counted in a spreadsheet sense
(header excluded, quoted line breaks inside a row not counted) for CSV/TSV.
"""

from __future__ import annotations

import functools
import time
from pathlib import Path

import pytest

from generator.ingest.base import ReadResult
from generator.ingest.decode import decode_bytes
from generator.ingest.registry import choose_reader
from generator.ingest.tabular import TabularReader

EXPORTS = Path(__file__).resolve().parents[3] / "shared" / "database-exports"

pytestmark = pytest.mark.skipif(not EXPORTS.is_dir(), reason="../shared/database-exports not present")

RECORDS_PER_FILE = {
    "asreview/embase.csv": 6,
    "asreview/embase.ris": 6,
    "asreview/generic_semicolon.csv": 2,
    "asreview/generic_tab.tsv": 2,
    "asreview/ovid_psycinfo.ris": 6,
    "asreview/ovid_zotero.ris": 6,
    "asreview/proquest.ris": 6,
    "asreview/pubmed_endnote.txt": 6,
    "asreview/pubmed_zotero.ris": 6,
    "asreview/scopus.ris": 6,
    "asreview/web_of_science.txt": 10,
    "litstudy/ieee.csv": 10,
    "litstudy/scopus.csv": 58,
    "litstudy/springer.csv": 18,
}


@functools.cache
def _read(relative: str) -> tuple[str, ReadResult]:
    """(chosen reader's name, what it read); cached because sniffing with every reader is not free."""
    text = decode_bytes((EXPORTS / relative).read_bytes(), relative).text
    assert text is not None
    reader = choose_reader(text)
    assert reader is not None, relative
    return reader.name, reader.read(text, relative)


def test_every_export_file_is_counted() -> None:
    files = {p.relative_to(EXPORTS).as_posix() for p in EXPORTS.rglob("*") if p.is_file() and p.name != "README.md"}
    assert files == set(RECORDS_PER_FILE)


@pytest.mark.parametrize(("relative", "expected"), sorted(RECORDS_PER_FILE.items()))
def test_every_record_is_read(relative: str, expected: int) -> None:
    _name, result = _read(relative)
    assert len(result.records) == expected
    assert all(record.title for record in result.records)
    assert not any(d.is_error for d in result.diagnostics)


def test_spreadsheets_go_to_the_tabular_reader() -> None:
    for relative in RECORDS_PER_FILE:
        if relative.endswith((".csv", ".tsv")):
            assert _read(relative)[0] == "tabular"


def test_embase_csv_rows() -> None:
    _name, result = _read("asreview/embase.csv")
    first, *_, last = result.records
    assert first.title == "Duplication cysts: Diagnosis, management, and the role of endoscopic ultrasound"
    assert first.authors == ("Liu, R.", "Adler, D.G.")
    # "Endoscopic Ultrasound (2014) 3:3 (152-160). Date of Publication: 2014" in the Source column.
    assert (first.journal, first.year, first.volume, first.issue, first.pages) == (
        "Endoscopic Ultrasound", 2014, "3", "3", "152-160")
    assert first.doi == "10.4103/2303-9027.138783"  # from the OpenURL link's "id=doi:" value
    assert first.url is None  # a library's link resolver is not the article's address
    assert result.records[3].title == "Congenital Neck Masses"
    assert last.title == ("Completely Isolated Retroperitoneal Enteric Duplication Cyst with Adenocarcinoma "
                          "Transformation Managed with Robotic Radical Nephrectomy")


def test_generic_semicolon_and_tab_files() -> None:
    for relative in ("asreview/generic_semicolon.csv", "asreview/generic_tab.tsv"):
        first, second = _read(relative)[1].records
        assert first.title == "Title of reference"
        assert first.authors == ("Marx, Karl", "Lindgren, Astrid")
        assert (first.year, first.volume, first.issue) == (2014, "9", "3")
        assert second.title == "The title of the reference"
        assert second.authors == ("Marxus, Karlus", "Lindgren, Astrid")
        assert second.year == 2006


def test_ieee_rows() -> None:
    records = _read("litstudy/ieee.csv")[1].records
    assert records[0].authors == ("Kogge, P.", "Shalf, J.")
    assert (records[0].volume, records[0].issue, records[0].pages) == ("15", "6", "16-26")
    assert records[0].doi == "10.1109/mcse.2013.95"
    assert [r.title for r in records[-3:]] == [
        "A Community Roadmap for Scientific Workflows Research and Development",
        "Multiobjective Optimization of SAR Reconstruction on Hybrid Multicore Systems",
        "Methodology and Application of HPC: I/O Characterization with MPIProf and IOT",
    ]


def test_springer_authors_run_together_are_split() -> None:
    records = _read("litstudy/springer.csv")[1].records
    by_title = {r.title: r for r in records}
    chapter = by_title["A machine-learning-based method for automatizing lattice-Boltzmann simulations of "
                       "respiratory flows"]
    assert chapter.authors == ("Rüttgers, Mario", "Waldmann, Moritz", "Schröder, Wolfgang", "Lintermann, Andreas")
    assert chapter.journal == "Applied Intelligence"
    editors = by_title["11th International Conference on Theory and Application of Soft Computing, Computing with "
                       "Words and Perceptions and Artificial Intelligence - ICSCCW-2021"]
    assert editors.authors == ("Aliev, Rafik A.", "Kacprzyk, Janusz", "Pedrycz, Witold", "Jamshidi, Mo",
                               "Babanli, Mustafa", "Sadikoglu, Fahreddin M.")
    assert by_title["Against the Grain: The Tragedy of Zimbabwe in the Context of 4IR"].authors == ("Saidi, Umali",)


def test_scopus_csv_is_read_fast_and_realigned() -> None:
    text = decode_bytes((EXPORTS / "litstudy/scopus.csv").read_bytes(), "scopus.csv").text
    assert text is not None
    started = time.perf_counter()
    reader = TabularReader()
    assert reader.sniff(text) >= 0.8
    result = reader.read(text, "litstudy/scopus.csv")
    assert time.perf_counter() - started < 1.0  # 616 KB; about 0.05 s on the development machine
    assert len(result.records) == 58
    first = result.records[0]
    assert first.title == "Scalable molecular dynamics with NAMD"
    assert (first.year, first.volume, first.issue, first.pages) == (2005, "26", "16", "1781-1802")
    # Later rows carry one cell more than the header: fields after the extra cell are shifted back.
    odes = result.records[2]
    assert odes.title.startswith("Petri nets and ODEs as complementary methods")
    assert odes.authors[:2] == ("Gutowska, K.", "Kogut, D.")
    assert (odes.year, odes.language, odes.doi) == (2022, "en", "10.1038/s41598-022-04849-0")
    assert ("pmid", "35064163") in odes.identifiers
    last = result.records[-1]
    assert last.title == ("Proceedings - 1999 International Conference on Information Intelligence and Systems, "
                          "ICIIS 1999")
    assert last.authors == ()  # "[No author name available]"
