"""The writer never writes outside its folder, and a full or read-only disk costs nothing but a clear line:
the previous site stays whole and no staging folder is left behind."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
from pathlib import Path

import pytest

from generator import cli
from generator.build import build_site
from generator.errors import ProjectError
from generator.model.manifest import discard_manifest
from generator.write import writer
from generator.write.writer import remove_leftovers, safe_target, staging_dir, swap_in, write_file

REPO = Path(__file__).resolve().parents[2]


def _manifest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _beside_output(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if "output" in p.name)


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A copy of the repository's brief, built once (without the search index)."""
    project = tmp_path / "brief"
    for name in ("seeds", "content"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy(REPO / "site.yaml", project / "site.yaml")
    assert build_site(project, search_index=False).ok
    return project


@pytest.mark.parametrize("site_path", ["../escape.html", "a/../../escape.html", "/tmp/escape.html", "", ".",
                                       "studies\\..\\..\\escape.html", "nul\x00.html"])
def test_paths_that_leave_the_folder_are_refused(tmp_path: Path, site_path: str) -> None:
    root = tmp_path / "site"
    root.mkdir()
    with pytest.raises(ProjectError, match="outside the site folder"):
        write_file(root, site_path, "<p>x</p>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_symlinked_folder_pointing_outside_is_refused(tmp_path: Path) -> None:
    root, outside = tmp_path / "site", tmp_path / "elsewhere"
    root.mkdir()
    outside.mkdir()
    (root / "studies").symlink_to(outside, target_is_directory=True)
    with pytest.raises(ProjectError):
        write_file(root, "studies/a/index.html", "<p>x</p>")
    (root / "page.html").symlink_to(outside / "page.html")
    with pytest.raises(ProjectError):
        write_file(root, "page.html", "<p>x</p>")
    assert list(outside.iterdir()) == []


def test_ordinary_nested_paths_are_written(tmp_path: Path) -> None:
    write_file(tmp_path, "studies/one-study/index.html", "<p>ok</p>")
    write_file(tmp_path, "./data/studies.json", b"[]")
    assert (tmp_path / "studies/one-study/index.html").read_text() == "<p>ok</p>"
    assert safe_target(tmp_path, "data/studies.json") == tmp_path / "data/studies.json"


def _full_disk_after(count: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer's one write function fails with ENOSPC after ``count`` files, as a full disk would."""
    real, written = writer.store_bytes, [0]

    def store(target: Path, data: bytes) -> None:
        written[0] += 1
        if written[0] > count:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))
        real(target, data)

    monkeypatch.setattr(writer, "store_bytes", store)


def test_a_full_disk_stops_the_build_and_keeps_the_previous_site(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _manifest(built / "output")
    discard_manifest(built)  # as if an input had changed: otherwise nothing needs writing
    _full_disk_after(3, monkeypatch)
    with pytest.raises(ProjectError) as raised:
        build_site(built, search_index=False)
    line = raised.value.diagnostic.format()
    assert str(built) in line and "No space left on device" in line and "Free some space" in line
    assert _manifest(built / "output") == before
    assert _beside_output(built) == ["output"]


def test_the_command_prints_one_line_and_exits_1_on_a_full_disk(built: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    before = _manifest(built / "output")
    _full_disk_after(0, monkeypatch)
    monkeypatch.setattr("generator.build._index_search", lambda staging, result: None)
    assert cli.main(["build", "--project", str(built), "--quiet"]) == 1
    err = capsys.readouterr().err
    [line] = [row for row in err.splitlines() if "error:" in row]
    assert line.startswith(f"{built}: error: cannot write the site there (No space left on device)")
    assert "Traceback" not in err
    assert _manifest(built / "output") == before and _beside_output(built) == ["output"]


def test_a_read_only_disk_is_a_clear_error(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _manifest(built / "output")

    def read_only(*args: object, **kwargs: object) -> str:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(built))

    monkeypatch.setattr(writer.tempfile, "mkdtemp", read_only)
    discard_manifest(built)  # as if an input had changed: otherwise nothing needs writing
    with pytest.raises(ProjectError, match="Read-only file system.*Make that folder writable"):
        build_site(built, search_index=False)
    assert _manifest(built / "output") == before


def test_a_folder_without_write_permission_is_a_clear_error(built: Path) -> None:
    published = built.parent / "published"
    assert build_site(built, output=published / "site", search_index=False, ingest=False).ok
    before = _manifest(published / "site")
    published.chmod(0o555)
    try:
        try:
            (published / "probe").write_text("x")
        except PermissionError:
            pass
        else:
            (published / "probe").unlink()
            pytest.skip("running as root (or with CAP_DAC_OVERRIDE): chmod does not stop writes here")
        with pytest.raises(ProjectError, match="Permission denied.*Make that folder writable"):
            build_site(built, output=published / "site", search_index=False, ingest=False)
    finally:
        published.chmod(0o755)
    assert _manifest(published / "site") == before
    assert sorted(p.name for p in published.iterdir()) == ["site"]


@pytest.mark.parametrize("atomic_exchange", [True, False])
def test_the_swap_replaces_the_whole_site_and_removes_the_old_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 atomic_exchange: bool) -> None:
    if not atomic_exchange:
        monkeypatch.setattr(writer, "_exchange", lambda staging, output: None)
    output = tmp_path / "output"
    write_file(output, "old.html", "old")
    staging = staging_dir(output)
    write_file(staging, "new.html", "new")
    swap_in(staging, output)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]
    assert sorted(p.name for p in output.iterdir()) == ["new.html"]
    assert output.stat().st_mode & 0o777 == 0o755  # readable by a web server running as another user


def test_leftovers_of_a_killed_build_are_removed_and_nothing_else(tmp_path: Path) -> None:
    output = tmp_path / "output"
    ours = [".output.k2x_9ab1.tmp", ".output.old-4242"]
    theirs = [".output.notes", ".output.abc.tmp", "output-backup", ".output.old-copy", ".output.k2x_9ab1.tmp.keep"]
    for name in ["output", *ours, *theirs]:
        (tmp_path / name).mkdir()
    (tmp_path / ".output.zzzzzzzz.tmp").write_text("a user's file, not a folder of ours")
    removed = remove_leftovers(output)
    assert sorted(p.name for p in removed) == sorted(ours)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["output", *theirs, ".output.zzzzzzzz.tmp"])


def test_a_build_killed_between_its_renames_gets_its_previous_site_back(tmp_path: Path) -> None:
    previous = tmp_path / ".output.old-4242"
    write_file(previous, "index.html", "previous site")
    staging = tmp_path / ".output.abcd1234.tmp"
    write_file(staging, "index.html", "unfinished")
    remove_leftovers(tmp_path / "output")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]
    assert (tmp_path / "output" / "index.html").read_text() == "previous site"
