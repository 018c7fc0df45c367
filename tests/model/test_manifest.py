"""The build manifest: a no-op build is recognised, and every kind of change is not missed."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import warning
from generator.model import manifest as m
from generator.model.manifest import BuildOptions

OPTIONS = BuildOptions(search_index=True, strict=False, keep_going=False, ingest=True, output="output",
                       build_date="2031-02-03")
HOUR_NS = 3600 * 10**9

# An invented brief: one file of every kind the build reads.
INPUTS = {
    "site.yaml": "title: Reading gardens and wellbeing\nlogo: branding/mark.svg\n",
    "vocabulary.yaml": "designs:\n  allotment-trial: Allotment trial\n",
    "seeds/gardens.ris": "TY  - JOUR\nTI  - Allotments and mood in older adults\nER  - \n",
    "content/studies/okafor-2029.yaml": "id: okafor-2029\ntitle: Allotments and mood\n",
    "content/themes/mood.md": "---\ntitle: Mood\n---\nGardening lifted mood [@okafor-2029].\n",
    "content/index.md": "Key messages about gardens.\n",
    "content/about.md": "How this brief was made.\n",
    "content/prisma/screening.yaml": "records_screened: 40\n",
    "templates/study.html": "<h1>{{ study.title }}</h1>\n",
    "appraisal_tools/garden-check.yaml": "id: garden-check\n",
    "branding/mark.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>\n",
}
OUTPUTS = {
    "index.html": "<h1>Reading gardens</h1>\n",
    "studies/okafor-2029/index.html": "<h1>Allotments and mood</h1>\n",
    "studies/okafor-2029/cite.ris": "TY  - JOUR\nER  - \n",
    "assets/style.css": "body { margin: 0 }\n",
}


def write_tree(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def age(root: Path, by_ns: int = HOUR_NS) -> None:
    """Set every file's mtime back, as if written long before the build (no racy entries)."""
    for path in root.rglob("*"):
        if path.is_file():
            info = path.stat()
            os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns - by_ns))


def fake_build(project: Path, options: BuildOptions = OPTIONS, diagnostics: tuple = ()) -> None:
    """What build does around the manifest: fingerprint inputs first, write output/, then record both."""
    inputs = m.inputs_fingerprint(project, options)
    write_tree(project / "output", OUTPUTS)
    m.save_manifest(project, inputs, m.output_fingerprint(project / "output"), diagnostics)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_tree(tmp_path, INPUTS)
    fake_build(tmp_path)
    return tmp_path


def up_to_date(project: Path, options: BuildOptions = OPTIONS) -> bool:
    return m.is_up_to_date(project, options, project / "output")


def test_nothing_changed_is_up_to_date(project: Path) -> None:
    assert up_to_date(project)
    assert up_to_date(project)  # and again, after the check refreshed the manifest


def test_check_touches_no_output_file(project: Path) -> None:
    before = {p: p.stat().st_mtime_ns for p in (project / "output").rglob("*")}
    assert up_to_date(project)
    assert {p: p.stat().st_mtime_ns for p in (project / "output").rglob("*")} == before


@pytest.mark.parametrize("rel", sorted(INPUTS))
def test_an_edited_input_is_a_change(project: Path, rel: str) -> None:
    (project / rel).write_text(INPUTS[rel] + "# one more line\n", encoding="utf-8")
    assert not up_to_date(project)


@pytest.mark.parametrize("rel", sorted(INPUTS))
def test_a_removed_input_is_a_change(project: Path, rel: str) -> None:
    (project / rel).unlink()
    assert not up_to_date(project)


@pytest.mark.parametrize("rel", ["seeds/more/hedges.bib", "content/studies/lindqvist-2030.yaml",
                                 "content/themes/sleep.md", "templates/partials/footer.html",
                                 "appraisal_tools/other.yaml", "content/prisma/full_text.yaml"])
def test_an_added_input_is_a_change(project: Path, rel: str) -> None:
    write_tree(project, {rel: "new\n"})
    assert not up_to_date(project)


def test_files_the_build_does_not_read_are_no_change(project: Path) -> None:
    write_tree(project, {"notes/todo.txt": "call the librarian\n", ".cache/citations/x.json": "{}"})
    assert up_to_date(project)


def test_the_generators_own_code_and_design_are_inputs(project: Path) -> None:
    keys = m.input_stats(project).keys()
    assert f"{m.CODE_PREFIX}model/manifest.py" in keys
    assert any(key.startswith((m.DESIGN_PREFIX, f"{m.CODE_PREFIX}default_templates/")) and key.endswith("base.html")
               for key in keys)
    assert not any(key.endswith(".pyc") for key in keys)


def test_a_changed_generator_file_is_a_change(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = m.input_stats
    fake_code = project.parent / "fake-generator-file.py"
    fake_code.write_text("A = 1\n")
    monkeypatch.setattr(m, "input_stats", lambda p: {**real(p), f"{m.CODE_PREFIX}fake.py": (str(fake_code), m._stat_of(
        fake_code.stat()))})
    fake_build(project)
    assert up_to_date(project)
    fake_code.write_text("A = 22\n")
    assert not up_to_date(project)


@pytest.mark.parametrize("change", [{"search_index": False}, {"strict": True}, {"keep_going": True},
                                    {"ingest": False}, {"output": "elsewhere"}, {"build_date": "2031-02-04"}])
def test_a_changed_option_is_a_change(project: Path, change: dict[str, object]) -> None:
    assert not up_to_date(project, replace(OPTIONS, **change))  # type: ignore[arg-type]


def test_source_date_epoch_is_part_of_the_environment(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1900000000")
    assert not up_to_date(project)


def test_a_library_upgrade_is_a_change(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = m.library_versions
    monkeypatch.setattr(m, "library_versions", lambda names: {**real(names), "citeproc-py": "99.0"})
    assert not up_to_date(project)


@pytest.mark.parametrize("rel", sorted(OUTPUTS))
def test_an_edited_output_file_is_a_change(project: Path, rel: str) -> None:
    (project / "output" / rel).write_text("edited by hand\n", encoding="utf-8")
    assert not up_to_date(project)


@pytest.mark.parametrize("rel", sorted(OUTPUTS))
def test_a_deleted_output_file_is_a_change(project: Path, rel: str) -> None:
    (project / "output" / rel).unlink()
    assert not up_to_date(project)


def test_an_added_output_file_is_a_change(project: Path) -> None:
    write_tree(project / "output", {"stray.html": "x"})
    assert not up_to_date(project)


def test_a_missing_output_folder_is_a_change(project: Path) -> None:
    for path in sorted((project / "output").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    (project / "output").rmdir()
    assert not up_to_date(project)


def same_size_edit_keeping_stat(path: Path, new_text: str) -> None:
    """Rewrite ``path`` in place with as many bytes, then put its mtime back: a save within one mtime tick."""
    info = path.stat()
    assert len(new_text.encode()) == info.st_size
    with path.open("r+", encoding="utf-8") as stream:  # in place: same inode
        stream.write(new_text)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    after = path.stat()
    assert (after.st_mtime_ns, after.st_size, after.st_ino) == (info.st_mtime_ns, info.st_size, info.st_ino)


def test_same_size_edit_within_one_mtime_tick_is_a_change(project: Path) -> None:
    record = project / "content/studies/okafor-2029.yaml"
    same_size_edit_keeping_stat(record, INPUTS["content/studies/okafor-2029.yaml"].replace("mood", "MOOD"))
    assert not up_to_date(project)


def test_same_size_edit_is_caught_by_the_racy_rule_even_when_ctime_does_not_move(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a file system whose ctime is as coarse as its mtime (or a stat that omits it), only hashing the
    files modified close to the fingerprint's time catches the edit."""
    monkeypatch.setattr(m, "_stat_of", lambda info: (info.st_mtime_ns, 0, info.st_size, info.st_ino))
    fake_build(project)
    assert up_to_date(project)
    theme = project / "content/themes/mood.md"
    same_size_edit_keeping_stat(theme, INPUTS["content/themes/mood.md"].replace("lifted", "lowers"))
    assert not up_to_date(project)


def test_needs_hash_only_for_moved_stats_or_recent_files() -> None:
    taken = 100 * HOUR_NS
    old_stat = (taken - HOUR_NS, taken - HOUR_NS, 10, 7)
    recent_stat = (taken - m.RACY_NS // 2, taken - HOUR_NS, 10, 7)
    assert not m.needs_hash((old_stat, "digest"), old_stat, taken)
    assert m.needs_hash((recent_stat, "digest"), recent_stat, taken)
    assert m.needs_hash((old_stat, "digest"), (old_stat[0], old_stat[1], 11, 7), taken)
    assert m.needs_hash((old_stat, "digest"), (old_stat[0], old_stat[1], 10, 8), taken)
    assert m.needs_hash((old_stat, "digest"), (old_stat[0], old_stat[1] + 1, 10, 7), taken)


def test_an_unchanged_old_tree_is_checked_without_reading_a_file(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(tmp_path, INPUTS)
    age(tmp_path)
    inputs = m.inputs_fingerprint(tmp_path, OPTIONS)
    write_tree(tmp_path / "output", OUTPUTS)
    age(tmp_path / "output")
    m.save_manifest(tmp_path, inputs, m.output_fingerprint(tmp_path / "output"))
    read: list[str | Path] = []
    real = m.file_digest

    def counted(path: str | Path) -> str:
        if Path(path).is_relative_to(tmp_path):  # the generator's own files may be under edit by its developers
            read.append(path)
        return real(path)

    monkeypatch.setattr(m, "file_digest", counted)
    assert up_to_date(tmp_path)
    assert read == []


def test_a_touched_but_unchanged_file_costs_a_hash_not_a_rebuild(project: Path) -> None:
    seed = project / "seeds/gardens.ris"
    seed.write_text(INPUTS["seeds/gardens.ris"], encoding="utf-8")
    assert up_to_date(project)


def test_ingest_writes_are_taken_in_with_rescanned(tmp_path: Path) -> None:
    write_tree(tmp_path, INPUTS)
    before = m.inputs_fingerprint(tmp_path, OPTIONS)
    write_tree(tmp_path, {"content/studies/new-2031.yaml": "id: new-2031\n"})  # what ingest wrote
    write_tree(tmp_path / "output", OUTPUTS)
    m.save_manifest(tmp_path, before, m.output_fingerprint(tmp_path / "output"))
    assert not up_to_date(tmp_path)
    m.save_manifest(tmp_path, m.rescanned(before, tmp_path), m.output_fingerprint(tmp_path / "output"))
    assert up_to_date(tmp_path)


def test_an_input_saved_during_the_build_is_a_change_next_time(tmp_path: Path) -> None:
    write_tree(tmp_path, INPUTS)
    inputs = m.inputs_fingerprint(tmp_path, OPTIONS)
    (tmp_path / "content/index.md").write_text("Saved while the build ran.\n", encoding="utf-8")
    write_tree(tmp_path / "output", OUTPUTS)
    m.save_manifest(tmp_path, inputs, m.output_fingerprint(tmp_path / "output"))
    assert not up_to_date(tmp_path)


def test_the_builds_diagnostics_come_back(project: Path) -> None:
    said = (warning("content/studies/okafor-2029.yaml", "no sample size", "Add one", line=3),)
    fake_build(project, diagnostics=said)
    found = m.up_to_date_manifest(project, OPTIONS, project / "output")
    assert found is not None and found.diagnostics == said


@pytest.mark.parametrize("text", ["", "{", "null", "[]", '{"format": 1}', '{"format": 999}',
                                  '{"format": 1, "inputs": {}, "outputs": {}, "diagnostics": []}',
                                  "\x00\xff garbage"])
def test_a_corrupt_manifest_means_build(project: Path, text: str) -> None:
    m.manifest_path(project).write_text(text, encoding="utf-8", errors="surrogateescape")
    assert not up_to_date(project)


def test_a_manifest_with_a_malformed_entry_means_build(project: Path) -> None:
    data = json.loads(m.manifest_path(project).read_text())
    data["outputs"]["stats"][0] = "not a number"
    m.manifest_path(project).write_text(json.dumps(data))
    assert not up_to_date(project)


def test_no_manifest_means_build(project: Path) -> None:
    m.discard_manifest(project)
    assert not up_to_date(project)


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                                       max_size=4), max_leaves=12)


@settings(max_examples=30, deadline=None)
@given(st.fixed_dictionaries({"format": st.just(m.FORMAT), "inputs": json_values, "outputs": json_values,
                              "diagnostics": json_values}))
def test_load_manifest_never_raises(tmp_path_factory: pytest.TempPathFactory, data: dict[str, object]) -> None:
    project = tmp_path_factory.mktemp("p")
    (project / ".cache").mkdir()
    m.manifest_path(project).write_text(json.dumps(data))
    m.load_manifest(project)  # None or a manifest, never an exception


def test_manifest_is_written_atomically_and_leaves_no_temporary_file(project: Path) -> None:
    assert [p.name for p in (project / ".cache").iterdir()] == ["build-manifest.json"]
