"""Loading records from disk, with and without the parse cache a long-running preview keeps."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.model import store
from generator.model.store import RecordCache, is_record_name, load_records


def _write(path: Path, text: str, bump_ns: int = 0) -> None:
    path.write_text(text, encoding="utf-8")
    if bump_ns:
        stamp = path.stat().st_mtime_ns + bump_ns
        os.utime(path, ns=(stamp, stamp))


def test_incoming_extractions_and_temp_files_are_not_records() -> None:
    assert is_record_name("a.yaml")
    assert not is_record_name("a.incoming.yaml") and not is_record_name(".a.yaml") and not is_record_name("a.yml~")


def test_a_cache_parses_only_files_whose_stamp_moved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    studies = tmp_path / "content" / "studies"
    studies.mkdir(parents=True)
    _write(studies / "a.yaml", "id: a\ntitle: First\n")
    _write(studies / "b.yaml", "id: b\ntitle: Second\n")
    cache: RecordCache = {}
    records, problems = load_records(studies, tmp_path, cache)
    assert [r.study_id for r in records] == ["a", "b"] and problems == []
    parsed: list[str] = []
    real = store.load_record
    monkeypatch.setattr(store, "load_record", lambda path, root: parsed.append(path.name) or real(path, root))
    _write(studies / "b.yaml", "id: b\ntitle: Second, edited\n", bump_ns=1_000_000)
    (studies / "a.yaml").unlink()
    _write(studies / "c.yaml", "id: c\ntitle: [broken\n")
    records, problems = load_records(studies, tmp_path, cache)
    assert sorted(parsed) == ["b.yaml", "c.yaml"]
    assert [r.data["title"] for r in records] == ["Second, edited"]
    assert [p.location.path for p in problems] == ["content/studies/c.yaml"]
    assert set(cache) == {"content/studies/b.yaml", "content/studies/c.yaml"}
