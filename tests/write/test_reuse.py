"""A build after a small edit keeps the last build's unchanged pages, and its output/ is what a cold build
of the same files writes."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import build_site
from generator.model.manifest import load_manifest, output_fingerprint
from generator.write.reuse import PAGES_FILE

Project = Callable[..., Path]


@pytest.fixture
def built(built_brief: Path) -> Path:
    assert (built_brief / "output" / "index.html").is_file()
    return built_brief


def _inodes(output: Path) -> dict[str, int]:
    return {p.relative_to(output).as_posix(): p.stat().st_ino for p in output.rglob("*.html")}


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _edit_a_title(project: Path) -> str:
    record = sorted((project / "content" / "studies").glob("*.yaml"))[0]
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("\ntitle: ", "\ntitle: Revised by a curator - ", 1), encoding="utf-8")
    return record.stem


def _cold_copy(project: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "cold"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("output", ".cache"))
    assert build_site(copy, search_index=False).ok
    return copy


def test_an_edit_rewrites_its_pages_and_keeps_the_others(built: Path, tmp_path: Path) -> None:
    before = _inodes(built / "output")
    study = _edit_a_title(built)
    assert build_site(built, search_index=False).ok
    after = _inodes(built / "output")
    kept = {page for page in after if before.get(page) == after[page]}
    assert f"studies/{study}/index.html" not in kept
    assert "studies/index.html" not in kept  # the list shows the new title
    assert len(kept) >= len(after) // 2, "most pages do not show the edited study"
    assert _files(built / "output") == _files(_cold_copy(built, tmp_path) / "output")


def test_an_edit_keeps_the_other_studies_citation_files_and_rewrites_its_own(built: Path, tmp_path: Path) -> None:
    output = built / "output"
    before = {p.relative_to(output).as_posix(): p.stat().st_ino for p in output.rglob("cite.*")}
    other = next(path for path in sorted(before) if not path.startswith("studies/" + _first_study(built) + "/"))
    (output / other).write_bytes(b"edited by hand in output/\n")
    study = _edit_a_title(built)
    assert build_site(built, search_index=False).ok
    after = {p.relative_to(output).as_posix(): p.stat().st_ino for p in output.rglob("cite.*")}
    assert before.keys() == after.keys()
    changed = {path for path in after if before[path] != after[path]}
    assert {path for path in changed if path.startswith(f"studies/{study}/")} == \
        {f"studies/{study}/cite.{kind}" for kind in ("ris", "bib", "json")}
    assert other in changed  # the hand edit is not kept: the file is made again
    assert len(changed) == 4
    assert _files(output) == _files(_cold_copy(built, tmp_path) / "output")


def test_the_manifest_of_an_edit_build_holds_the_digests_of_what_is_in_output(built: Path) -> None:
    """Kept files are recorded by the digests the build knows; they must be what a full read gives."""
    _edit_a_title(built)
    assert build_site(built, search_index=False).ok
    manifest = load_manifest(built)
    assert manifest is not None
    recorded = {key: digest for key, (_, digest) in manifest.outputs.files.items()}
    assert recorded == {key: digest for key, (_, digest) in output_fingerprint(built / "output").files.items()}


def _first_study(project: Path) -> str:
    return sorted((project / "content" / "studies").glob("*.yaml"))[0].stem


def test_a_page_changed_by_hand_in_output_is_rendered_again(built: Path) -> None:
    about = built / "output" / "about" / "index.html"
    good = about.read_bytes()
    about.write_bytes(good.replace(b"</main>", b"<p>scribbled</p></main>"))
    _edit_a_title(built)
    assert build_site(built, search_index=False).ok
    assert (built / "output" / "about" / "index.html").read_bytes() == good


def test_a_template_change_renders_every_page_using_it(built: Path, tmp_path: Path) -> None:
    templates = built / "templates"
    shutil.copytree(Path(__file__).resolve().parents[2] / "templates", templates)
    base = templates / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</body>", "<!-- a note --></body>"), encoding="utf-8")
    assert build_site(built, search_index=False).ok
    pages = list((built / "output").rglob("*.html"))
    assert pages and all(b"<!-- a note -->" in p.read_bytes() for p in pages)
    assert _files(built / "output") == _files(_cold_copy(built, tmp_path) / "output")


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"format": 1, "output": "/elsewhere", "pages": {}}',
                                    b'{"format": 1, "pages": [1, 2]}'])
def test_a_damaged_or_foreign_record_of_pages_costs_only_time(built: Path, tmp_path: Path, damage: bytes) -> None:
    (built / PAGES_FILE).write_bytes(damage)
    _edit_a_title(built)
    assert build_site(built, search_index=False).ok
    assert _files(built / "output") == _files(_cold_copy(built, tmp_path) / "output")
