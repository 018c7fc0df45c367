"""Loading records from disk, with and without the parse cache a long-running preview keeps."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.model import store
from generator.model.store import RecordCache, RecordMemo, is_record_name, load_records


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
    def counting(path: Path, root: Path, memo: RecordMemo | None = None) -> tuple[object, object]:
        parsed.append(path.name)
        return real(path, root, memo)

    monkeypatch.setattr(store, "load_record", counting)
    _write(studies / "b.yaml", "id: b\ntitle: Second, edited\n", bump_ns=1_000_000)
    (studies / "a.yaml").unlink()
    _write(studies / "c.yaml", "id: c\ntitle: [broken\n")
    records, problems = load_records(studies, tmp_path, cache)
    assert sorted(parsed) == ["b.yaml", "c.yaml"]
    assert [r.data["title"] for r in records] == ["Second, edited"]
    assert [p.location.path for p in problems] == ["content/studies/c.yaml"]
    assert set(cache) == {"content/studies/b.yaml", "content/studies/c.yaml"}


def test_a_memo_parses_each_distinct_content_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    studies = tmp_path / "content" / "studies"
    studies.mkdir(parents=True)
    _write(studies / "alpha.yaml", "id: alpha\ntitle: Walking groups in winter\n")
    _write(studies / "beta.yaml", "id: beta\ntitle: [unclosed\n")
    parsed: list[str] = []
    real = store.parse_yaml
    def counting(text: str) -> object:
        parsed.append(text)
        return real(text)

    monkeypatch.setattr(store, "parse_yaml", counting)
    memo = RecordMemo()
    first, first_problems = load_records(studies, tmp_path, memo=memo)
    second, second_problems = load_records(studies, tmp_path, memo=memo)
    assert len(parsed) == 2
    assert [r.data for r in second] == [{"id": "alpha", "title": "Walking groups in winter"}]
    assert second[0].loaded is first[0].loaded
    assert [p.format() for p in second_problems] == [p.format() for p in first_problems]
    assert second_problems[0].location.line is not None


def test_a_memo_sees_a_same_size_save_within_one_clock_tick(tmp_path: Path) -> None:
    studies = tmp_path / "content" / "studies"
    studies.mkdir(parents=True)
    path = studies / "gamma.yaml"
    _write(path, "id: gamma\nyear: 2019\n")
    memo = RecordMemo()
    load_records(studies, tmp_path, memo=memo)
    stamp = path.stat().st_mtime_ns
    _write(path, "id: gamma\nyear: 2021\n")
    os.utime(path, ns=(stamp, stamp))
    records, _ = load_records(studies, tmp_path, memo=memo)
    assert records[0].data["year"] == 2021


def test_identical_files_share_one_parse_but_keep_their_own_paths(tmp_path: Path) -> None:
    studies = tmp_path / "content" / "studies"
    studies.mkdir(parents=True)
    for name in ("delta.yaml", "epsilon.yaml"):
        _write(studies / name, "title: A shared text\n")
    memo = RecordMemo()
    records, _ = load_records(studies, tmp_path, memo=memo)
    assert len(memo.parsed) == 1
    assert [r.study_id for r in records] == ["delta", "epsilon"]
    assert [r.rel_path for r in records] == ["content/studies/delta.yaml", "content/studies/epsilon.yaml"]


def test_a_memo_and_no_memo_give_the_same_records(tmp_path: Path) -> None:
    studies = tmp_path / "content" / "studies"
    studies.mkdir(parents=True)
    _write(studies / "zeta.yaml", "id: zeta\nauthors:\n- Lind, Maja\n- Okoye, Ben\nsample_size: 31\n")
    _write(studies / "eta.yaml", "- not a mapping\n")
    plain = load_records(studies, tmp_path)
    memo = RecordMemo()
    load_records(studies, tmp_path, memo=memo)
    memoised = load_records(studies, tmp_path, memo=memo)
    assert [r.data for r in memoised[0]] == [r.data for r in plain[0]]
    assert [p.format() for p in memoised[1]] == [p.format() for p in plain[1]]
    memo.clear()
    assert memo.parsed == {}
