"""Stopping the real commands: SIGTERM and SIGHUP stop ``build``, ``ingest`` and ``serve`` as Ctrl-C does
(clean-up, one line, exit 128 + signal), and SIGKILL at random moments loses nothing (a few kills here;
bench/kill_test.py runs thirty of each)."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from generator.build import build_site
from generator.model.store import load_record, record_files
from generator.serve.preview import PREVIEW_PREFIX, remove_stale_preview_folders

REPO = Path(__file__).resolve().parents[1]


def _bench(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


def _manifest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _brief(target: Path) -> Path:
    for name in ("seeds", "content"):
        shutil.copytree(REPO / name, target / name)
    shutil.copy(REPO / "site.yaml", target / "site.yaml")
    return target


def _start(command: str, project: Path, temp_dir: Path, *args: str) -> subprocess.Popen[str]:
    temp_dir.mkdir(exist_ok=True)
    env = {**os.environ, "TMPDIR": str(temp_dir), "SOURCE_DATE_EPOCH": "1700000000", "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-m", "generator", command, "--project", str(project), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _wait_until(condition: Callable[[], bool], process: subprocess.Popen[str], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert process.poll() is None, "the command ended before the moment to stop it"
        assert time.monotonic() < deadline, "the moment to stop it never came"
        time.sleep(0.01)


def _stop(process: subprocess.Popen[str], signum: int) -> str:
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    return err


def _staging(project: Path) -> list[Path]:
    return [p for p in project.iterdir() if p.name.startswith(".output.")]


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)])
def test_a_stopped_build_removes_its_staging_folder_and_keeps_the_site(tmp_path: Path, signum: int,
                                                                       code: int) -> None:
    project = _brief(tmp_path / "brief")
    assert build_site(project, search_index=False, ingest=True).ok
    before = _manifest(project / "output")
    process = _start("build", project, tmp_path / "tmp")
    _wait_until(lambda: bool(_staging(project)), process)
    err = _stop(process, signum)
    assert process.returncode == code, err
    assert f"build: stopped by {signal.Signals(signum).name}" in err and "Traceback" not in err
    assert _manifest(project / "output") == before
    assert _staging(project) == [] and not (project / ".evidence-brief.lock").exists()
    assert list((tmp_path / "tmp").iterdir()) == []


def test_a_stopped_ingest_leaves_only_whole_records(tmp_path: Path) -> None:
    project = tmp_path / "corpus"
    _bench("corpus").write_corpus(project, studies=240)
    studies = project / "content" / "studies"
    first = {p.name for p in studies.iterdir()}
    process = _start("ingest", project, tmp_path / "tmp")
    _wait_until(lambda: len(list(studies.iterdir())) > len(first), process)
    err = _stop(process, signal.SIGTERM)
    assert process.returncode == 143, err
    assert "ingest: stopped by SIGTERM" in err and "Traceback" not in err
    assert [p.name for p in studies.iterdir() if p.name.startswith(".")] == []
    assert all(load_record(path, project)[0] is not None for path in record_files(studies))
    assert not (project / ".evidence-brief.lock").exists()
    assert list((tmp_path / "tmp").iterdir()) == []


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_a_stopped_preview_removes_its_temporary_site(tmp_path: Path, signum: int, code: int) -> None:
    project = _brief(tmp_path / "brief")
    process = _start("serve", project, tmp_path / "tmp", "--port", "0")
    assert process.stderr is not None
    deadline = time.monotonic() + 60
    while "Ctrl-C to stop" not in process.stderr.readline():
        assert process.poll() is None and time.monotonic() < deadline
    assert [p.name for p in (tmp_path / "tmp").iterdir() if p.name.startswith(PREVIEW_PREFIX)]
    err = _stop(process, signum)
    assert process.returncode == code, err
    assert f"serve: stopped by {signal.Signals(signum).name}" in err and "Traceback" not in err
    assert list((tmp_path / "tmp").iterdir()) == []
    assert not (project / "output").exists()


def test_a_killed_previews_folder_is_removed_by_the_next_preview(tmp_path: Path) -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # a pid that no longer runs (reuse within this test is vanishingly unlikely)
    dead = tmp_path / f"{PREVIEW_PREFIX}{gone.pid}-ab_12cde"
    alive = tmp_path / f"{PREVIEW_PREFIX}{os.getppid()}-ab_12cde"
    unrelated = tmp_path / f"{PREVIEW_PREFIX}notes"
    for folder in (dead, alive, unrelated):
        (folder / "site").mkdir(parents=True)
    assert remove_stale_preview_folders(tmp_path) == [dead]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, unrelated.name])


def test_sigkill_of_ingest_loses_nothing(tmp_path: Path) -> None:
    """Two kills of a 40-study ingest: records load, the next run cleans up and matches an uninterrupted one."""
    kill_test = _bench("kill_test")
    tally = kill_test.Tally()
    kill_test.kill_ingests(tmp_path, 2, 40, random.Random(3), tally, lambda line: None)
    assert tally.failures == [] and tally.survived == 2


def test_sigkill_of_build_loses_nothing(tmp_path: Path) -> None:
    """One kill of a build: output/ is a whole site; the next build leaves nothing behind and gives the same bytes."""
    kill_test = _bench("kill_test")
    tally = kill_test.Tally()
    kill_test.kill_builds(tmp_path, 1, random.Random(5), tally, lambda line: None, alternate=False)
    assert tally.failures == [] and tally.survived == 1
