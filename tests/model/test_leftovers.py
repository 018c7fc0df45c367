"""A run killed while writing a record leaves a hidden temporary file; the next run removes it, and only it."""

from __future__ import annotations

from pathlib import Path

from generator.ingest.pipeline import ingest_project
from generator.model.store import record_files, remove_write_leftovers

RIS = """TY  - JOUR
TI  - Lantern-lit reading groups and loneliness among retired lighthouse keepers
AU  - Marrowby, Celestine
AU  - Ouattara, Ibrahim
PY  - 2019
JO  - Review of Invented Coastal Studies
ER  - 
"""
#: Names ``yamlio.write_text_atomic`` gives a record while it writes (``tempfile.mkstemp`` adds 8 characters).
OURS = [".lantern-2019.yaml.k3_9zq0a.tmp", ".lantern-2019.incoming.yaml.abcdefgh.tmp"]
#: Hidden or temporary-looking files a person might keep there: never ours to remove.
THEIRS = [".lantern-2019.yaml.tmp", "notes.tmp", ".draft.yaml", ".lantern-2019.yaml.short.tmp",
          ".lantern-2019.yaml.abcdefgh.tmp.bak", "lantern-2019.yaml.abcdefgh.tmp", ".lantern.md.abcdefgh.tmp"]


def test_only_our_half_written_records_are_removed(tmp_path: Path) -> None:
    for name in OURS + THEIRS:
        (tmp_path / name).write_text("partial: [", encoding="utf-8")
    (tmp_path / ".folder.yaml.abcdefgh.tmp").mkdir()  # a folder is never a write of ours
    removed = remove_write_leftovers(tmp_path)
    assert sorted(p.name for p in removed) == sorted(OURS)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*THEIRS, ".folder.yaml.abcdefgh.tmp"])


def test_a_missing_folder_has_no_leftovers(tmp_path: Path) -> None:
    assert remove_write_leftovers(tmp_path / "nowhere") == []


def test_the_next_ingest_removes_what_a_killed_one_left(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "keepers.ris").write_text(RIS, encoding="utf-8")
    studies = tmp_path / "content" / "studies"
    studies.mkdir(parents=True)
    for name in OURS:
        (studies / name).write_text("id: lantern-2019\ntitle: Lantern-lit rea", encoding="utf-8")
    (studies / "notes.tmp").write_text("a curator's notes", encoding="utf-8")
    report = ingest_project(tmp_path)
    assert report.ok, [d.format() for d in report.diagnostics]
    names = sorted(p.name for p in studies.iterdir())
    assert [p.name for p in record_files(studies)] == [n for n in names if n.endswith(".yaml")]
    assert len(record_files(studies)) == 1 and "notes.tmp" in names
    assert not [n for n in names if n.startswith(".")]
