"""One writer per brief: a second build or ingest waits, then says which run holds the brief; a killed
holder never leaves a stale lock; the preview's ingest takes the same lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from generator.errors import ProjectError
from generator.model.lockfile import LOCK_NAME, holder, lock_path, project_lock
from generator.serve.builder import Builder

REPO = Path(__file__).resolve().parents[1]
#: A small invented study, so an ingest has something to write.
RIS = """TY  - JOUR
TI  - Evening clinic hours and retention in a fictional harm-reduction service
AU  - Quillfeather, Odile
PY  - 2021
JO  - Journal of Imaginary Practice
ER  - 
"""


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "brief"
    (project / "seeds").mkdir(parents=True)
    (project / "seeds" / "clinic.ris").write_text(RIS, encoding="utf-8")
    return project


def _hold_in_child(project: Path) -> subprocess.Popen[str]:
    """Another process holding the project's lock until killed; returns once it holds it."""
    code = ("import sys, time; from pathlib import Path; from generator.model.lockfile import project_lock\n"
            "with project_lock(Path(sys.argv[1]), 'build', wait=0):\n"
            "    print('held', flush=True); time.sleep(60)\n")
    child = subprocess.Popen([sys.executable, "-c", code, str(project)], stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(REPO)})
    assert child.stdout is not None and child.stdout.readline().strip() == "held"
    return child


def test_the_lock_file_names_its_holder_and_goes_away_on_release(tmp_path: Path) -> None:
    with project_lock(tmp_path, "ingest", wait=0):
        assert holder(tmp_path) == (os.getpid(), "ingest")
    assert not lock_path(tmp_path).exists()


def test_a_second_run_gives_up_after_the_wait_naming_the_running_one(tmp_path: Path) -> None:
    with project_lock(tmp_path, "build", wait=0):
        started = time.monotonic()
        with pytest.raises(ProjectError) as raised, project_lock(tmp_path, "ingest", wait=0.3):
            pass
        waited = time.monotonic() - started
    assert 0.3 <= waited < 2
    assert f"another build of this brief is running (pid {os.getpid()})" in raised.value.diagnostic.format()


def test_a_second_run_goes_ahead_once_the_first_finishes(tmp_path: Path) -> None:
    messages: list[str] = []
    first = threading.Event()

    def hold_briefly() -> None:
        with project_lock(tmp_path, "build", wait=0):
            first.set()
            time.sleep(0.3)

    thread = threading.Thread(target=hold_briefly)
    thread.start()
    first.wait(5)
    with project_lock(tmp_path, "ingest", wait=5, on_wait=messages.append):
        assert holder(tmp_path) == (os.getpid(), "ingest")
    thread.join()
    assert messages == [f"ingest: waiting for another build of this brief to finish (pid {os.getpid()})"]


def test_a_killed_holder_leaves_its_file_but_never_the_lock(tmp_path: Path) -> None:
    child = _hold_in_child(tmp_path)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert (tmp_path / LOCK_NAME).exists()  # the kernel released the flock; the file is only a name
    with project_lock(tmp_path, "build", wait=0):
        assert holder(tmp_path)[0] == os.getpid()
    assert not (tmp_path / LOCK_NAME).exists()


@pytest.mark.parametrize("command", ["build", "ingest"])
def test_the_command_says_another_build_is_running_and_writes_nothing(tmp_path: Path, command: str) -> None:
    project = _project(tmp_path)
    child = _hold_in_child(project)
    try:
        done = subprocess.run([sys.executable, "-m", "generator", command, "--project", str(project)],
                              capture_output=True, text=True, timeout=60, check=False,
                              env={**os.environ, "EVIDENCE_BRIEF_LOCK_WAIT": "0.2", "PYTHONPATH": str(REPO)})
    finally:
        child.kill()
        child.wait()
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"another build of this brief is running (pid {child.pid})" in done.stderr
    assert not (project / "content").exists() and not (project / "output").exists()


def test_the_previews_ingest_waits_for_a_running_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The preview renders into its own temporary folder, but its ingest writes content/studies/."""
    project = _project(tmp_path)
    monkeypatch.setenv("EVIDENCE_BRIEF_LOCK_WAIT", "0.2")
    with project_lock(project, "build", wait=0):
        outcome = Builder(project, tmp_path / "site").rebuild()
    assert outcome.crashed and "another build of this brief is running" in outcome.diagnostics[0].message
    assert not (project / "content" / "studies").exists()
