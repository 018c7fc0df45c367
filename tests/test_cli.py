"""The command as users run it: a real process, exit codes, messages without tracebacks."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

Project = Callable[..., Path]


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120)


def test_help_explains_the_commands() -> None:
    result = _run("--help")
    assert result.returncode == 0
    for word in ("ingest", "build", "serve", "check", "seeds/", "content/studies/"):
        assert word in result.stdout


def test_usage_error_exits_2() -> None:
    assert _run("frobnicate").returncode == 2
    result = _run("ingest", "--project", "/no/such/folder")
    assert result.returncode == 2
    assert "project folder not found" in result.stderr


def test_ingest_then_check_on_the_real_seeds(make_project: Project) -> None:
    project = make_project(real_seeds=True)
    result = _run("ingest", "--project", str(project))
    assert result.returncode == 0, result.stderr
    assert "5 written" in result.stderr
    assert len(list((project / "content" / "studies").glob("*.yaml"))) == 5
    assert _run("check", "--project", str(project)).returncode == 0


def test_bad_seed_exits_1_with_one_line_and_no_traceback(make_project: Project) -> None:
    project = make_project({"junk.bin": bytes(range(256)) * 10}, real_seeds=True)
    result = _run("ingest", "--project", str(project), "-q")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [line] = [x for x in result.stderr.splitlines() if x.startswith("seeds/junk.bin")]
    assert ": error: file is binary" in line
    assert len(list((project / "content" / "studies").glob("*.yaml"))) == 5


def test_project_defaults_to_the_current_folder(make_project: Project) -> None:
    project = make_project(real_seeds=True)
    assert _run("ingest", cwd=project).returncode == 0
    assert (project / "content" / "studies").is_dir()
