"""Every registered reader, fed damaged documents of every format: sniff stays in [0, 1], read never raises.

The documents come from a small grammar of each format (test_fuzz_grammar.py) filled with invented studies,
then cut, mis-encoded, edited and padded. Random text alone would be turned away by the first check of each
reader; these get into the parsers. Slow parsers make ``deadline=None`` necessary; examples stay few so the
whole file runs in a few seconds.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fuzz_grammar import BUILDERS, PLAIN, damaged_documents

from generator.errors import Diagnostic
from generator.ingest.base import Reader, ReadResult
from generator.ingest.registry import all_readers, choose_reader

READERS = all_readers()
PATH = "seeds/fuzzed.txt"
_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                            HealthCheck.data_too_large])


def _check_diagnostics(diagnostics: tuple[Diagnostic, ...], reader: Reader) -> None:
    """A reader reports on the file it was given, in one line, and no internal exception hides in a report
    (``read_guarded`` keeps the contract, but an exception it caught is still a reader bug)."""
    for diagnostic in diagnostics:
        shown = diagnostic.format()
        assert diagnostic.location.path == PATH, shown
        assert "\n" not in shown and "\r" not in shown, shown
        assert "could not read this" not in diagnostic.message, f"{reader.name}: {shown}"


def _read(reader: Reader, text: str) -> ReadResult:
    result = reader.read(text, PATH)
    assert isinstance(result, ReadResult)
    _check_diagnostics(result.diagnostics, reader)
    return result


@_SETTINGS
@given(damaged_documents())
def test_every_sniffer_stays_in_range_and_the_chosen_reader_never_raises(document: tuple[str, str]) -> None:
    _, text = document
    for reader in READERS:
        score = reader.sniff(text)
        assert isinstance(score, float | int) and 0.0 <= score <= 1.0, (reader.name, score)
    chosen = choose_reader(text)
    if chosen is not None:
        _read(chosen, text)


@_SETTINGS
@given(st.sampled_from(READERS), damaged_documents())
def test_any_reader_reads_any_damaged_document_without_raising(reader: Reader, document: tuple[str, str]) -> None:
    """Forced reads: a reader may be handed a document it would not have chosen (a tie, a mislabelled file)."""
    _read(reader, document[1])


def test_the_grammar_covers_every_registered_reader() -> None:
    """A new reader added to the registry must get a builder here, or the fuzz tests would pass it by."""
    chosen = {reader.name for build in BUILDERS.values() if (reader := choose_reader(build([PLAIN]))) is not None}
    assert chosen == {reader.name for reader in READERS}
