"""The record's keys and the source bookkeeping that decides whether a study is an orphan."""

from __future__ import annotations

from pathlib import Path

from generator.model.record import (
    CURATION_KEYS,
    KEY_ORDER,
    SOURCE_KEYS,
    is_orphan,
    missing_files,
    ordered,
    source_files,
)
from generator.model.schema import study_schema


def test_extraction_notes_follow_missing_and_the_keep_marker_is_a_curation_key() -> None:
    assert SOURCE_KEYS[:2] == ("missing", "extraction_notes")
    assert "keep_without_source" in CURATION_KEYS
    record = ordered({"source": {}, "extraction_notes": ["x"], "missing": [], "id": "a", "status": "included"})
    assert list(record) == ["id", "status", "missing", "extraction_notes", "source"]


def test_the_schema_knows_every_declared_key_and_the_new_status() -> None:
    schema = study_schema()
    assert set(KEY_ORDER) <= set(schema["properties"])
    assert "needs-review" in schema["properties"]["status"]["enum"]


def _record(*files: str) -> dict[str, object]:
    sources = [{"file": name, "record": 1} for name in files]
    return {"source": sources[0] if sources else None, "other_sources": sources[1:]}


def test_an_orphan_has_lost_every_source_file(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "kept.ris").write_text("x")
    assert is_orphan(source_files(_record("seeds/gone.ris")), tmp_path)
    assert is_orphan(source_files(_record("seeds/gone.ris", "seeds/also-gone.bib")), tmp_path)
    assert not is_orphan(source_files(_record("seeds/gone.ris", "seeds/kept.ris")), tmp_path)
    assert missing_files(source_files(_record("seeds/gone.ris", "seeds/kept.ris")), tmp_path) == ["seeds/gone.ris"]


def test_a_record_written_by_hand_without_sources_is_no_orphan(tmp_path: Path) -> None:
    assert source_files({"id": "hand-written"}) == []
    assert not is_orphan(source_files({"id": "hand-written", "source": None}), tmp_path)
