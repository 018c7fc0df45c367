"""A running preview of a scratch copy of the repository's brief, and one headless Chromium.

The preview listens on a free port of 127.0.0.1 and builds without the search index (it is not
what these tests look at, and Pagefind costs a second). Browser tests use Debian's chromium.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.serve import Preview

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("EVIDENCE_BRIEF_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def copy_brief(target: Path) -> Path:
    """seeds/, content/, templates/ and site.yaml of the repository, copied into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("seeds", "content", "templates"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, target / name)
    shutil.copy2(REPO / "site.yaml", target / "site.yaml")
    return target


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    running = Preview(copy_brief(tmp_path / "project"), port=0, search_index=False, log=lambda message: None)
    running.start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="session")
def chromium(browser: Any) -> Any:
    """The session's one Chromium (tests/conftest.py): Playwright's sync API runs one instance at a time."""
    return browser
