"""The whole ingest over a project of damaged documents: it never raises, writes only records that load back
and pass the schema, and names every file it could not use in a one-line diagnostic.

Seeds are built from the format grammar (test_fuzz_grammar.py), damaged, and saved in the encodings files
arrive in (UTF-8 with and without BOM, UTF-16, Windows-1252) or with raw bytes flipped, so the decoder, the
sniffers, the readers, grouping, merging and writing all run on them together.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fuzz_grammar import damaged_documents

from generator.ingest.pipeline import ingest_project
from generator.model.schema import validate_record
from generator.model.store import load_record, record_files


def _flip_bytes(data: bytes, positions: list[float], value: int) -> bytes:
    flipped = bytearray(data)
    for position in positions:
        if flipped:
            flipped[int(position * (len(flipped) - 1))] = value
    return bytes(flipped)


_ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "cp1252")


@st.composite
def seed_bytes(draw: st.DrawFn) -> bytes:
    """One damaged document as the bytes of a file: encoded one way or another, maybe with bytes flipped."""
    _, text = draw(damaged_documents())
    data = text.encode(draw(st.sampled_from(_ENCODINGS)), errors="replace")
    if draw(st.booleans()):
        data = _flip_bytes(data, draw(st.lists(st.floats(0, 1), max_size=3)), draw(st.integers(0, 255)))
    return data


def _ingest(files: list[bytes], runs: int = 1) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        (project / "seeds").mkdir()
        names = [f"seeds/doc{number}.txt" for number in range(len(files))]
        for name, data in zip(names, files):
            (project / name).write_bytes(data)
        for _ in range(runs):
            _check_run(project)


def _check_run(project: Path) -> None:
    report = ingest_project(project)
    for diagnostic in report.diagnostics:
        shown = diagnostic.format()
        assert "\n" not in shown and "\r" not in shown, shown
        assert "reader failed" not in shown and "could not read this" not in shown, shown
    for rejected in report.rejected_files:
        assert any(d.is_error and d.location.path == rejected for d in report.diagnostics), (
            rejected, [d.format() for d in report.diagnostics])
    for path in record_files(project / "content" / "studies"):
        stored, problem = load_record(path, project)
        assert stored is not None, problem.format() if problem else path
        assert not [d.format() for d in validate_record(stored) if d.is_error]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(seed_bytes(), min_size=1, max_size=4))
def test_ingest_of_damaged_seeds_writes_only_valid_records_and_names_bad_files(files: list[bytes]) -> None:
    _ingest(files)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(seed_bytes())
def test_a_second_ingest_over_its_own_records_still_writes_valid_records(data: bytes) -> None:
    """Running ingest twice merges into the records the first run wrote: the merge path gets the damage too,
    and a second copy of the same file is grouped with the first."""
    _ingest([data, data], runs=2)
