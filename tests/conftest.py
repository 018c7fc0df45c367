"""Shared fixtures: small scratch projects on real disk."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
REALDATA = REPO.parent / "shared" / "realdata"
#: Debian's Chromium; Playwright's own browser download does not work on these machines.
CHROMIUM = Path(os.environ.get("EVIDENCE_BRIEF_CHROMIUM", "/usr/bin/chromium"))
#: Flags this closed network needs (TOOLING.md); Playwright adds headless itself.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def browser_unavailable(reason: str) -> None:
    """Skip outside CI; in CI a missing browser is a failure, since `make test` installs it."""
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail(f"{reason} (CI=true)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session: Playwright's sync API allows one instance at a time."""
    try:
        from playwright import sync_api
    except ImportError:
        browser_unavailable("playwright is not installed: pip install -e '.[test]' (make test does it)")
    if not CHROMIUM.is_file():
        browser_unavailable(f"{CHROMIUM} is missing: `apt-get install chromium` (make test does it)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """A project folder whose seeds/ holds the given files (name -> bytes or str)."""

    def make(files: dict[str, bytes | str] | None = None, *, real_seeds: bool = False) -> Path:
        project = tmp_path / "project"
        (project / "seeds").mkdir(parents=True, exist_ok=True)
        if real_seeds:
            for seed in SEEDS.iterdir():
                shutil.copy(seed, project / "seeds" / seed.name)
        for name, content in (files or {}).items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            (project / "seeds" / name).write_bytes(data)
        return project

    return make


@pytest.fixture
def built_brief(make_project: Callable[..., Path]) -> Path:
    """A complete brief (site.yaml with base_url, an about page) with the repository's real seeds, built
    once without search (which ingests the seeds into content/studies/)."""
    from generator.build import build_site

    project = make_project(real_seeds=True)
    (project / "site.yaml").write_text("title: A test brief\nbase_url: https://example.org/brief/\n")
    (project / "content").mkdir(exist_ok=True)
    (project / "content" / "about.md").write_text("How the studies were found.\n")
    build_site(project, search_index=False)
    return project
