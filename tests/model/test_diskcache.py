"""The SQLite store under .cache/: a new generation of keys starts with an empty, small file."""

from __future__ import annotations

from pathlib import Path

from generator.model.diskcache import DiskCache


def test_a_new_generation_empties_the_table_and_gives_the_space_back(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    entries = [(f"key {n}".encode(), bytes(2000)) for n in range(500)]
    with DiskCache(path, "things", generation=b"tool 1.0") as first:
        first.write(entries)
    with DiskCache(path, "things", generation=b"tool 1.0") as same:
        assert len(same.read_many([key for key, _ in entries])) == 500
    grown = path.stat().st_size
    with DiskCache(path, "things", generation=b"tool 1.1") as newer:
        assert newer.read_many([key for key, _ in entries]) == {}
        newer.write(entries[:1])
    assert path.stat().st_size < grown // 10
    with DiskCache(path, "things", generation=b"tool 1.1") as again:
        assert again.read_many([entries[0][0]]) == {entries[0][0]: entries[0][1]}
