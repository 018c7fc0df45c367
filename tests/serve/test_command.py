"""``evidence-brief serve`` as a user runs it: a real process, a real port, Ctrl-C to stop."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .conftest import copy_brief


def _serve(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "generator", "serve", "--project", str(project), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})


def _wait_for_line(process: subprocess.Popen[str], needle: str, timeout: float = 60) -> list[str]:
    """stderr lines up to the first one containing ``needle``."""
    assert process.stderr is not None
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line and process.poll() is not None:
            break
        lines.append(line.rstrip("\n"))
        if needle in line:
            return lines
    raise AssertionError(f"no line with {needle!r} in {lines}")


def _stop(process: subprocess.Popen[str]) -> tuple[int, str]:
    process.send_signal(signal.SIGINT)
    _, rest = process.communicate(timeout=30)
    return process.returncode, rest


def test_open_shows_the_site_in_the_users_browser_and_ctrl_c_stops_cleanly(tmp_path: Path) -> None:
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\nprintf "%s" "$1" > "{opened}"\n', encoding="utf-8")
    browser.chmod(0o755)
    process = _serve(copy_brief(tmp_path / "project"), "--port", "0", "--open", env={"BROWSER": str(browser)})
    try:
        lines = _wait_for_line(process, "Ctrl-C to stop")
        url = lines[-1].split(" at ", 1)[1].split(" ", 1)[0]
        deadline = time.monotonic() + 10
        while not opened.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert opened.read_text(encoding="utf-8") == url
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200 and b"__livereload__" in response.read()
    finally:
        code, rest = _stop(process)
    assert code == 130 and "serve: stopped by SIGINT" in rest and "Traceback" not in rest  # 128 + SIGINT


def test_a_busy_port_is_one_line_suggesting_another(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = _serve(copy_brief(tmp_path / "project"), "--port", str(port))
        _, err = process.communicate(timeout=60)
    assert process.returncode == 1 and "Traceback" not in err
    [line] = [line for line in err.splitlines() if "cannot listen" in line]
    assert line.startswith("serve: error: ") and f"127.0.0.1:{port}" in line and f"--port {port + 1}" in line


def test_listening_beyond_this_computer_warns_first(tmp_path: Path) -> None:
    process = _serve(copy_brief(tmp_path / "project"), "--host", "0.0.0.0", "--port", "0")
    try:
        lines = _wait_for_line(process, "Ctrl-C to stop")
    finally:
        code, _ = _stop(process)
    assert lines[0].startswith("serve: warning: listening on 0.0.0.0") and "--host 127.0.0.1" in lines[0]
    assert code == 130
