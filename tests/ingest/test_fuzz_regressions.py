"""Every input that once broke a reader (tests/ingest/fuzz_regressions/), handed to every reader again.

Each must be sniffed to a score in [0, 1] and read without raising, without an internal exception hidden in
a diagnostic by ``read_guarded``, and within a time bound. Inputs are UTF-8 text files, read as they are (not
through the decoder), because a reader must hold for any text it is given.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from generator.ingest.base import Reader
from generator.ingest.pipeline import ingest_project
from generator.ingest.registry import all_readers, choose_reader

FOLDER = Path(__file__).parent / "fuzz_regressions"
#: Far above what any of these inputs needs once fixed, far below a hang.
SECONDS_PER_READ = 5.0
#: (input file, reader name) pairs still failing in readers other helpers are changing, with why.
KNOWN: dict[tuple[str, str], str] = {}


def _cases() -> list[object]:
    cases: list[object] = []
    for path in sorted(p for p in FOLDER.iterdir() if p.suffix not in (".md", ".py")):
        for reader in all_readers():
            reason = KNOWN.get((path.name, reader.name))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            cases.append(pytest.param(path, reader, id=f"{path.name}-{reader.name}", marks=marks))
    return cases


@pytest.mark.parametrize(("path", "reader"), _cases())
def test_a_past_crash_is_read_cleanly(path: Path, reader: Reader) -> None:
    text = path.read_bytes().decode("utf-8")  # not read_text: it would turn CR line ends into LF
    started = time.monotonic()
    score = reader.sniff(text)
    result = reader.read(text, "seeds/regression.txt")
    elapsed = time.monotonic() - started
    assert isinstance(score, float | int) and 0.0 <= score <= 1.0
    shown = [d.format() for d in result.diagnostics]
    assert not [line for line in shown if "could not read this" in line], shown
    assert all("\n" not in line for line in shown), shown
    assert elapsed < SECONDS_PER_READ, f"{elapsed:.1f} s"


def test_deeply_nested_json_is_reported_as_such() -> None:
    """The fix, seen from the curator's side: one error that says what is wrong with the file."""
    text = (FOLDER / "json_nested_3000_arrays.json").read_bytes().decode("utf-8")
    for reader in all_readers():
        if reader.name in ("csl-json", "crossref"):
            [diagnostic] = reader.read(text, "seeds/deep.json").diagnostics
            assert diagnostic.is_error and "nested far too deeply" in diagnostic.message


def test_a_sniffer_that_raises_costs_neither_the_ingest_nor_the_other_files(tmp_path: Path) -> None:
    """A page line nesting JSON deeper than the recursion limit once made a sniffer raise out of
    ``choose_reader`` and stopped the whole ingest; now that file is reported and the next one read."""
    page = (FOLDER / "page_with_deeply_nested_json_line.txt").read_bytes().decode("utf-8")
    choose_reader(page)  # returns (whichever reader it settles on), where it used to raise
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "deep.txt").write_text(page, encoding="utf-8")
    (tmp_path / "seeds" / "good.ris").write_text(
        "TY  - JOUR\nTI  - Lantern walks for night-shift nurses\nAU  - Merovin, Tula\nPY  - 2021\nER  - \n",
        encoding="utf-8")
    report = ingest_project(tmp_path)
    assert report.rejected_files == ["seeds/deep.txt"]
    assert any(d.is_error and d.location.path == "seeds/deep.txt" for d in report.diagnostics)
    [record] = (tmp_path / "content" / "studies").glob("*.yaml")
    assert yaml.safe_load(record.read_text(encoding="utf-8"))["title"] == "Lantern walks for night-shift nurses"


def test_medline_with_carriage_returns_alone_is_read_line_by_line() -> None:
    """Handed text with old-Mac line ends, the MEDLINE reader once saw one long line and put the whole
    record into a warning that spanned many lines."""
    from generator.ingest.medline import MedlineReader

    text = (FOLDER / "medline_cr_line_endings.nbib").read_bytes().decode("utf-8")
    result = MedlineReader().read(text, "seeds/old-mac.nbib")
    assert [record.title for record in result.records] == ["Kiosk nurses and the night ferry"]
    assert [d.format() for d in result.diagnostics] == [
        "seeds/old-mac.nbib:1: warning: record 31415926 at line 1 has no title (TI) and was skipped. "
        "Add a TI line or remove the record."]
