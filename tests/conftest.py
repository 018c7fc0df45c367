"""Shared fixtures: small scratch projects on real disk."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
REALDATA = REPO.parent / "shared" / "realdata"


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
