"""The brief's date, in its own small module: the no-op check of ``build`` needs it before anything
heavy is imported (see build.py)."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path


def build_date(project: Path) -> str:
    """The brief's date, taken from its inputs so that the same inputs give the same bytes.

    SOURCE_DATE_EPOCH when set; else the date of the project's last git commit; only outside
    version control, today.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%d")
    try:
        command = ["git", "-C", str(project), "log", "-1", "--format=%cd", "--date=format-local:%Y-%m-%d"]
        completed = subprocess.run(command, capture_output=True, text=True, timeout=10, check=False,
                                   env={**os.environ, "TZ": "UTC"})
        if completed.returncode == 0 and len(completed.stdout.strip()) == 10:
            return completed.stdout.strip()
    except OSError:
        pass
    return datetime.now(UTC).strftime("%Y-%m-%d")
