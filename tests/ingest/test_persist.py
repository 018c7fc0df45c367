"""What ingest keeps in .cache/ between runs: the same records and problems as a fresh run, seeds not read
twice, and nothing kept answering for a file whose bytes moved."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.ingest import pipeline
from generator.ingest.persist import CACHE_FILE, IngestStore
from generator.ingest.pipeline import IngestMemo, IngestReport, ingest_project

Project = Callable[..., Path]

RIS = """TY  - JOUR
TI  - Harbour pilots and night-shift fatigue: a diary study
AU  - Ferreira, Joana
AU  - Lund, Erik
PY  - 2019
JO  - Maritime Health Review
DO  - 10.5555/harbour.7
AB  - We asked 64 harbour pilots to keep sleep diaries for six weeks.
ER  -

TY  - JOUR
TI  - Tugboat crews and noise exposure
AU  - Oyelaran, Bisi
PY  - 2021
DO  - 10.5555/tug.3
AB  - Noise was measured on 18 tugboats in three ports.
ER  -
"""
BIB = """@article{mwangi2022,
  title = {Ferry deckhands on rotating rosters},
  author = {Mwangi, Otieno},
  year = {2022},
  journal = {Maritime Health Review},
}
"""


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The seeds actually read (parsed) during the test, by file name."""
    seen: list[str] = []
    original = pipeline.read_seed

    def counting(path: Path, project: Path):  # type: ignore[no-untyped-def]
        seen.append(path.name)
        return original(path, project)

    monkeypatch.setattr(pipeline, "read_seed", counting)
    yield seen


def _run(project: Path) -> IngestReport:
    """One ``ingest`` as the command runs it: a new process's memo, with the project's store."""
    store = IngestStore.for_project(project)
    try:
        return ingest_project(project, IngestMemo(store=store))
    finally:
        store.close()


def _records(project: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((project / "content" / "studies").glob("*.yaml"))}


def _messages(report: IngestReport) -> list[str]:
    return sorted(d.format() for d in report.diagnostics)


def test_a_second_run_reads_no_seed_and_reports_the_same(make_project: Project, reads: list[str]) -> None:
    project = make_project({"ports.ris": RIS, "ferry.bib": BIB})
    first = _run(project)
    assert sorted(reads) == ["ferry.bib", "ports.ris"]
    assert (project / CACHE_FILE).is_file()
    records = _records(project)
    assert len(records) == 3
    reads.clear()
    second = _run(project)
    assert reads == []
    assert _records(project) == records
    assert _messages(second) == _messages(first)
    assert second.written == [] and len(second.unchanged) == 3


def test_a_stored_run_gives_what_a_fresh_run_gives(make_project: Project, tmp_path: Path) -> None:
    project = make_project({"ports.ris": RIS, "ferry.bib": BIB})
    _run(project)
    (project / "seeds" / "ferry.bib").write_text(BIB.replace("rotating rosters", "fixed rosters"))
    stored = _run(project)
    fresh_project = tmp_path / "fresh"
    for folder in ("seeds", "content"):
        shutil.copytree(project / folder, fresh_project / folder)
    fresh = ingest_project(fresh_project)  # no store at all
    assert _records(project) == _records(fresh_project)
    assert _messages(stored) == _messages(fresh)


def test_a_same_size_save_with_the_same_mtime_is_read_again(make_project: Project, reads: list[str]) -> None:
    project = make_project({"ports.ris": RIS})
    seed = project / "seeds" / "ports.ris"
    _run(project)
    before = seed.stat()
    seed.write_text(RIS.replace("64 harbour", "46 harbour"))  # the same size
    os.utime(seed, ns=(before.st_atime_ns, before.st_mtime_ns))
    reads.clear()
    _run(project)
    assert reads == ["ports.ris"]
    [record] = [r for name, r in _records(project).items() if name.startswith("ferreira")]
    assert b"sample_size: 46" in record


def test_a_hand_edit_is_merged_again_not_replayed(make_project: Project) -> None:
    project = make_project({"ports.ris": RIS})
    _run(project)
    [path] = (project / "content" / "studies").glob("oyelaran-*.yaml")
    path.write_text(path.read_text().replace("Tugboat crews and noise exposure", "Tugboat crews and engine noise"))
    report = _run(project)
    assert any("kept hand edits to title" in d.message for d in report.diagnostics), _messages(report)
    assert "Tugboat crews and engine noise" in path.read_text()


def test_a_cache_from_elsewhere_is_never_unpickled(make_project: Project, reads: list[str],
                                                   monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A .cache/ that came with a project (committed by someone else) was signed with their secret."""
    project = make_project({"ports.ris": RIS})
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "someone-else"))
    _run(project)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "me"))
    reads.clear()
    _run(project)
    assert reads == ["ports.ris"]


def test_a_damaged_cache_file_costs_only_time(make_project: Project, reads: list[str]) -> None:
    project = make_project({"ports.ris": RIS})
    first = _run(project)
    (project / CACHE_FILE).write_bytes(b"this is not a database " * 100)
    for name in ("ingest.sqlite3-wal", "ingest.sqlite3-shm"):
        (project / CACHE_FILE).with_name(name).unlink(missing_ok=True)
    reads.clear()
    second = _run(project)
    assert reads == ["ports.ris"]
    assert _messages(second) == _messages(first)
    reads.clear()
    _run(project)
    assert reads == []  # made again


def test_without_a_home_for_the_secret_nothing_is_kept(make_project: Project, reads: list[str],
                                                       monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    project = make_project({"ports.ris": RIS})
    assert _run(project).ok
    reads.clear()
    assert _run(project).ok
    assert reads == ["ports.ris"]
    assert not (project / CACHE_FILE).exists()


IMPLAUSIBLE = """TY  - JOUR
TI  - Skip to main content
AU  - Quispe, Rosa
PY  - 2018
JO  - Maritime Health Review
AB  - We interviewed 12 lighthouse keepers about long postings.
ER  -
"""


def test_the_first_run_after_a_cold_one_merges_nothing(make_project: Project, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A record ingest has just written is what merging its sources into it again settles on, so the
    next run replays it; what it reports is what a real merge reports (a record held for review too)."""
    project = make_project({"ports.ris": RIS, "ferry.bib": BIB, "keepers.ris": IMPLAUSIBLE})
    _run(project)
    assert any("needs-review" in text.decode() for text in _records(project).values())
    merged_without_store = tmp_path / "merged"
    for folder in ("seeds", "content"):
        shutil.copytree(project / folder, merged_without_store / folder)
    merges: list[str] = []
    original = pipeline._merge_into
    monkeypatch.setattr(pipeline, "_merge_into", lambda existing, *rest: (merges.append(existing.rel_path),
                                                                           original(existing, *rest))[1])
    replayed = _run(project)
    assert merges == []
    merged = ingest_project(merged_without_store)  # no store: every study merged into its record
    assert len(merges) == 4
    assert _messages(replayed) == _messages(merged)
    assert _records(project) == _records(merged_without_store)
    assert replayed.written == merged.written == []


def test_a_record_is_parsed_once_across_runs(make_project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """Parsed records are kept by their bytes: the next run parses only a record whose bytes moved,
    and a record that does not parse is never kept (its error and line come back every time)."""
    from generator.model import store as store_module
    from generator.model.store import RecordMemo

    project = make_project({"ports.ris": RIS, "ferry.bib": BIB})
    _run(project)
    studies = project / "content" / "studies"
    [edited] = studies.glob("mwangi-*.yaml")
    edited.write_text(edited.read_text().replace("rotating rosters", "rotating rosters at sea"))
    (studies / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n")
    parsed: list[int] = []
    original = store_module.parse_yaml
    monkeypatch.setattr(store_module, "parse_yaml", lambda text: (parsed.append(len(text)), original(text))[1])
    reports = []
    for _ in range(2):
        parsed.clear()
        memo = RecordMemo.for_project(project)
        records, problems = store_module.load_records(studies, project, memo=memo)
        memo.close()
        assert len(records) == 3
        reports.append([d.format() for d in problems])
    assert len(reports[0]) == 1 and reports[0][0].startswith("content/studies/broken.yaml:")
    assert reports[1] == reports[0]
    assert len(parsed) == 1  # the second time round only the broken file was parsed
