"""ingest_project end to end on real files: records, ids, hand edits, duplicates, bad input."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from generator.ingest import pipeline
from generator.ingest.pipeline import IngestMemo, ingest_project

RIS_A = """TY  - JOUR
TI  - Peer support and buprenorphine retention
AU  - Mendes, Ana
PY  - 2020
DO  - 10.1000/PEER.1
AB  - METHODS: We interviewed 12 peer workers. RESULTS: Peers reduced stigma.
ER  -
"""
BIB_SAME_STUDY = """@article{mendes2020,
  title = {Peer Support and Buprenorphine Retention},
  author = {Mendes, Ana and Okafor, Chidi},
  year = {2020},
  journal = {Journal of Peers},
  doi = {https://doi.org/10.1000/peer.1}
}
"""
Project = Callable[..., Path]


def _records(project: Path) -> dict[str, dict]:
    studies = project / "content" / "studies"
    return {p.name: yaml.safe_load(p.read_text()) for p in sorted(studies.glob("*.yaml"))}


def test_new_study_gets_a_readable_id_and_defaults(make_project: Project) -> None:
    project = make_project({"a.ris": RIS_A})
    report = ingest_project(project)
    assert report.ok, [d.format() for d in report.diagnostics]
    [(name, record)] = _records(project).items()
    assert name == "mendes-2020-peer-support-buprenorphine.yaml"
    assert record["id"] == "mendes-2020-peer-support-buprenorphine"
    assert (record["status"], record["verified"], record["notes"]) == ("included", False, None)
    assert record["doi"] == "10.1000/peer.1"
    assert record["sample_size"] == 12 and record["design"] == "qualitative"
    assert "journal" in record["missing"] and "doi" not in record["missing"]


def test_same_study_from_two_formats_is_one_record_listing_both(make_project: Project) -> None:
    project = make_project({"a.ris": RIS_A, "b.bib": BIB_SAME_STUDY})
    ingest_project(project)
    [record] = _records(project).values()
    assert record["source"]["file"] == "seeds/a.ris"
    assert [s["file"] for s in record["other_sources"]] == ["seeds/b.bib"]
    assert record["journal"] == "Journal of Peers"  # filled in from the second source
    fields = {c["field"] for c in record["conflicts"]}
    assert {"title", "authors"} <= fields


def test_id_never_changes_after_first_ingest(make_project: Project) -> None:
    project = make_project({"a.ris": RIS_A})
    ingest_project(project)
    (project / "seeds" / "a.ris").write_text(RIS_A.replace("Mendes, Ana", "Zhou, Li"))
    ingest_project(project)
    [(name, record)] = _records(project).items()
    assert name.startswith("mendes-2020") and record["id"].startswith("mendes-2020")
    assert record["authors"] == ["Zhou, Li"]


def test_hand_edit_survives_reingest_and_curation_keys_are_kept(make_project: Project) -> None:
    project = make_project({"a.ris": RIS_A})
    ingest_project(project)
    path = next((project / "content" / "studies").glob("*.yaml"))
    record = yaml.safe_load(path.read_text())
    record.update(journal="Journal of Peers", status="excluded", exclusion_reason="not MOUD", verified=True)
    path.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True))
    report = ingest_project(project)
    again = yaml.safe_load(path.read_text())
    assert again["journal"] == "Journal of Peers"
    assert (again["status"], again["exclusion_reason"], again["verified"]) == ("excluded", "not MOUD", True)
    assert "journal" not in again["missing"]
    assert any("kept hand edits to journal" in d.format() for d in report.diagnostics)


def test_improved_extraction_replaces_untouched_fields(make_project: Project) -> None:
    project = make_project({"a.ris": RIS_A})
    ingest_project(project)
    (project / "seeds" / "a.ris").write_text(RIS_A.replace("PY  - 2020", "PY  - 2020\nVL  - 7"))
    ingest_project(project)
    [record] = _records(project).values()
    assert record["volume"] == "7"


def test_conflicting_hand_edit_and_changed_seed_go_to_incoming(make_project: Project) -> None:
    project = make_project({"a.ris": RIS_A})
    ingest_project(project)
    path = next((project / "content" / "studies").glob("*.yaml"))
    edited = path.read_text().replace("Peer support and buprenorphine retention", "Peer support (corrected)")
    path.write_text(edited)
    (project / "seeds" / "a.ris").write_text(RIS_A.replace("Peer support and", "Peer-led support and"))
    report = ingest_project(project)
    assert path.read_text() == edited  # the curator's file is untouched, byte for byte
    incoming = path.with_name(path.stem + ".incoming.yaml")
    assert yaml.safe_load(incoming.read_text())["title"] == "Peer-led support and buprenorphine retention"
    [warning] = [d for d in report.diagnostics if "disagree" in d.format()]
    assert warning.format().startswith(f"content/studies/{path.name}: warning: ")
    assert "title" in warning.format() and ".incoming.yaml" in warning.format()


def test_bad_files_are_reported_one_line_each_and_the_rest_ingests(make_project: Project) -> None:
    project = make_project({
        "a.ris": RIS_A,
        "empty.txt": b"",
        "binary.pdf": b"%PDF-1.4\x00\x00\x01\x02",
        "unknown.txt": "just some notes\nnothing bibliographic here\n",
        "python.yaml": "!!python/object/apply:os.system ['echo hi']\n",
        "truncated.ris": "TY  - JOUR\nTI  - Cut short\nAU  - Lee, Kim\n",
    })
    report = ingest_project(project)
    assert not report.ok
    records = _records(project)
    titles = {r["title"] for r in records.values()}
    assert titles == {"Peer support and buprenorphine retention", "Cut short"}
    text = [d.format() for d in report.diagnostics]
    for name in ("empty.txt", "binary.pdf", "unknown.txt", "python.yaml"):
        assert any(line.startswith(f"seeds/{name}") and ": error: " in line for line in text), name
    assert any(line.startswith("seeds/truncated.ris:") and "warning" in line for line in text)
    assert all("\n" not in line for line in text)
    assert sorted(report.rejected_files) == ["seeds/binary.pdf", "seeds/empty.txt", "seeds/python.yaml",
                                             "seeds/unknown.txt"]


def test_a_30_mb_file_is_refused_without_reading_it(make_project: Project) -> None:
    project = make_project({"a.ris": RIS_A, "huge.txt": b"TY  - JOUR\n" + b"x" * (30 * 1024 * 1024)})
    report = ingest_project(project)
    [problem] = [d.format() for d in report.diagnostics if d.location.path == "seeds/huge.txt"]
    assert problem == ("seeds/huge.txt: error: file is 30 MB, larger than the 20 MB a source document may be. "
                       "Split the export into smaller files.")
    assert len(_records(project)) == 1


def test_unreadable_record_on_disk_blocks_writing_and_is_named(make_project: Project) -> None:
    project = make_project({"a.ris": RIS_A})
    studies = project / "content" / "studies"
    studies.mkdir(parents=True)
    (studies / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n")
    report = ingest_project(project)
    assert not report.ok
    assert any(d.format().startswith("content/studies/broken.yaml:") for d in report.diagnostics)
    assert [p.name for p in studies.iterdir()] == ["broken.yaml"]


def test_no_temporary_files_are_left_behind(make_project: Project) -> None:
    project = make_project({"a.ris": RIS_A})
    ingest_project(project)
    names = [p.name for p in (project / "content" / "studies").iterdir()]
    assert all(n.endswith(".yaml") and not n.startswith(".") for n in names)


RIS_B = RIS_A.replace("Peer support and buprenorphine retention", "Pharmacist attitudes to methadone").replace(
    "10.1000/PEER.1", "10.1000/PHARM.2").replace("Mendes, Ana", "Quist, Lena")


def _tree(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in sorted(project.rglob("*")) if p.is_file()}


def test_a_memo_rereads_only_the_changed_seed_and_gives_what_a_fresh_ingest_gives(
        make_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project({"a.ris": RIS_A, "b.bib": BIB_SAME_STUDY, "c.ris": RIS_B})
    memo = IngestMemo()
    ingest_project(project, memo)
    read: list[str] = []
    real_read_seed = pipeline.read_seed
    monkeypatch.setattr(pipeline, "read_seed", lambda path, root: read.append(path.name) or real_read_seed(path, root))
    (project / "seeds" / "c.ris").write_text(RIS_B.replace("PY  - 2020", "PY  - 2020\nVL  - 9"))
    warm = ingest_project(project, memo)
    assert read == ["c.ris"]
    assert len(warm.written) == 1 and warm.written[0].startswith("content/studies/quist-2020")
    again = ingest_project(project, memo)
    assert again.written == [] and read == ["c.ris"]
    incremental = _tree(project)
    shutil.copytree(project / "seeds", tmp_path / "fresh" / "seeds")
    cold = ingest_project(tmp_path / "fresh")
    assert _tree(tmp_path / "fresh") == incremental
    assert [d.format() for d in cold.diagnostics] == [d.format() for d in again.diagnostics]


def test_a_memo_still_notices_hand_edits_and_deleted_incoming_files(make_project: Project) -> None:
    project = make_project({"a.ris": RIS_A})
    memo = IngestMemo()
    ingest_project(project, memo)
    path = next((project / "content" / "studies").glob("*.yaml"))
    path.write_text(path.read_text().replace("Peer support and buprenorphine retention", "Peer support (fixed)"))
    (project / "seeds" / "a.ris").write_text(RIS_A.replace("Peer support and", "Peer-led support and"))
    first = ingest_project(project, memo)
    incoming = path.with_name(path.stem + ".incoming.yaml")
    assert first.incoming and incoming.is_file()
    incoming.unlink()  # the curator read it and decided; the disagreement still stands, so it comes back
    second = ingest_project(project, memo)
    assert second.incoming and incoming.is_file()
    assert any("disagree" in d.format() for d in second.diagnostics)


# --- Same study or not, against each other and against the records on disk (studies invented here).

def _ris_record(title: str, authors: list[str], doi: str | None = None, year: int = 2021) -> str:
    lines = ["TY  - JOUR", f"TI  - {title}", *(f"AU  - {a}" for a in authors), f"PY  - {year}"]
    lines += [f"DO  - {doi}"] if doi else []
    return "\n".join([*lines, "AB  - We surveyed 40 ferry crews about rest breaks.", "ER  - ", ""])


def test_two_studies_sharing_a_title_are_two_records_with_a_note(make_project: Project) -> None:
    project = make_project({
        "a.ris": _ris_record("Rest breaks for ferry crews", ["Haldorsen, Kari"], "10.5555/ferry.1"),
        "b.ris": _ris_record("Rest breaks for ferry crews", ["Obi, Chinedu"], "10.5555/ferry.2"),
    })
    report = ingest_project(project)
    assert report.ok
    assert sorted(r["doi"] for r in _records(project).values()) == ["10.5555/ferry.1", "10.5555/ferry.2"]
    [note] = [d.format() for d in report.diagnostics if "same title and year" in d.format()]
    assert note.startswith("seeds/b.ris:1: info: same title and year as the record at seeds/a.ris:1")


def test_abstract_and_paper_merge_with_a_warning_that_verified_silences(make_project: Project) -> None:
    project = make_project({
        "abstract.ris": _ris_record("Rest breaks for ferry crews", ["Haldorsen, Kari", "Obi, Chinedu"],
                                    "10.5555/conf.77"),
        "paper.ris": _ris_record("Rest Breaks for Ferry Crews", ["Obi C", "Haldorsen K", "Lund, Per"],
                                 "10.5555/paper.301"),
    })
    report = ingest_project(project)
    [(name, record)] = _records(project).items()
    [doi_conflict] = [c for c in record["conflicts"] if c["field"] == "doi"]
    assert [v["value"] for v in doi_conflict["values"]] == ["10.5555/conf.77", "10.5555/paper.301"]
    [merged] = [d.format() for d in report.diagnostics if "different DOIs" in d.format()]
    assert merged.startswith(f"content/studies/{name}: warning: merged reports with different DOIs "
                             "(10.5555/conf.77, 10.5555/paper.301) as one study")
    assert f"set 'verified: true' in content/studies/{name}" in merged
    path = project / "content" / "studies" / name
    path.write_text(path.read_text().replace("verified: false", "verified: true"))
    again = ingest_project(project)
    assert not any("different DOIs" in d.format() for d in again.diagnostics)


def test_reingest_never_folds_another_study_into_a_record_on_disk(make_project: Project) -> None:
    project = make_project({"a.ris": _ris_record("Rest breaks for ferry crews", ["Haldorsen, Kari"])})
    ingest_project(project)
    [first] = _records(project).values()
    (project / "seeds" / "a.ris").unlink()
    (project / "seeds" / "b.ris").write_text(_ris_record("Rest breaks for ferry crews", ["Obi, Chinedu"]))
    ingest_project(project)
    records = _records(project)
    assert len(records) == 2
    assert first in records.values()  # untouched: the new study got its own record
    assert sorted(r["authors"][0] for r in records.values()) == ["Haldorsen, Kari", "Obi, Chinedu"]


def test_a_record_inserted_at_the_top_of_a_seed_does_not_take_over_the_records_below(
        make_project: Project) -> None:
    tram = _ris_record("Tram drivers and back pain", ["Ivanova, Mila"], "10.5555/tram.1")
    kiln = _ris_record("Kiln workers and heat", ["Ferreira, Rui"])
    project = make_project({"a.ris": tram + kiln})
    ingest_project(project)
    before = {r["id"]: r["title"] for r in _records(project).values()}
    (project / "seeds" / "a.ris").write_text(_ris_record("Bakers and flour asthma", ["Nowak, Ewa"]) + tram + kiln)
    ingest_project(project)
    after = {r["id"]: r["title"] for r in _records(project).values()}
    assert {k: after[k] for k in before} == before
    assert sorted(after.values()) == ["Bakers and flour asthma", "Kiln workers and heat", "Tram drivers and back pain"]


def test_a_gap_in_one_record_of_a_multi_record_file_names_its_line(make_project: Project) -> None:
    complete = _ris_record("Tram drivers and back pain", ["Ivanova, Mila"], "10.5555/tram.1")
    no_authors = _ris_record("Kiln workers and heat", [], "10.5555/kiln.1")
    project = make_project({"a.ris": complete + no_authors})
    report = ingest_project(project)
    [gap] = [d.format() for d in report.diagnostics if "no authors stated" in d.format()]
    line = complete.count("\n") + 1  # the second record's "TY  - JOUR" line
    assert gap.startswith(f"seeds/a.ris:{line}: warning: no authors stated")
    assert "fill content/studies/" in gap


def _invented_ris(count: int, offset: int) -> str:
    """Invented studies (not from any seed): a few designs, samples and settings to derive."""
    methods = ["We interviewed {n} school nurses in rural clinics.", "A cross-sectional survey of {n} pharmacists.",
               "We randomly assigned {n} patients to text reminders or usual care.", "Nothing about methods."]
    return "".join(f"TY  - JOUR\nTI  - Invented study number {offset + i} on reminders\nAU  - Author{offset + i}, Kim\n"
                   f"PY  - 2021\nDO  - 10.5555/inv.{offset + i}\nAB  - METHODS: "
                   f"{methods[i % len(methods)].format(n=10 + i)} RESULTS: Uptake rose.\nER  -\n"
                   for i in range(count))


def test_seeds_read_in_worker_processes_give_what_a_serial_ingest_gives(make_project: Project, tmp_path: Path) -> None:
    seeds = {f"s{k}.ris": _invented_ris(6, 10 * k) for k in range(4)}
    seeds["broken.ris"] = "not an export at all\n"
    project = make_project(seeds)
    serial_copy = tmp_path / "serial"
    shutil.copytree(project, serial_copy)
    serial = ingest_project(serial_copy)
    # In a fresh interpreter: forking is only safe from a process with one thread, and a test worker has
    # more (so the ingest here would rightly read serially, and the parallel path would go untested).
    program = f"""
import json, sys
from pathlib import Path
from generator.ingest import pipeline, records
pipeline.POOL_MIN_BYTES = 0
pipeline._usable_cores = lambda: 2  # a one-core runner still forks two workers
derived_here = []
real = records.derive
records.derive = lambda e, v: derived_here.append(e.title) or real(e, v)
project = Path({str(project)!r})
assert pipeline._worth_a_pool(pipeline.seed_files(project)), "the parallel path was not taken"
report = pipeline.ingest_project(project)
json.dump({{"derived_here": derived_here, "diagnostics": [d.format() for d in report.diagnostics],
           "rejected": report.rejected_files}}, sys.stdout)
"""
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    parallel = json.loads(done.stdout)
    assert parallel["derived_here"] == []  # the workers derived every study
    assert _tree(serial_copy) == _tree(project)
    assert parallel["diagnostics"] == [d.format() for d in serial.diagnostics]
    assert parallel["rejected"] == serial.rejected_files == ["seeds/broken.ris"]


def test_a_worker_leaves_stop_keys_to_the_parent_and_dies_on_sigterm() -> None:
    import signal

    before = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM)}
    try:
        pipeline._worker_ignores_stop_keys()
        assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN
        assert signal.getsignal(signal.SIGHUP) == signal.SIG_IGN
        assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
