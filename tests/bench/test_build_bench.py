"""Smoke test of the build benchmark (bench/build_bench.py): what it generates is what it claims to time.

No build, Hugo run or timing here: the raw sources of N=20 invented studies are read by ingest as those 20
studies (every source kind present), the Hugo tree holds the same 20 studies, and the measuring and the
ratios report what they should.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from generator.ingest.pipeline import read_seed
from generator.ingest.records import group_studies

REPO = Path(__file__).resolve().parents[2]
STUDIES = 20


@pytest.fixture(scope="module")
def bench() -> Iterator[ModuleType]:
    """bench/build_bench.py imports its siblings by name, as it does when run as a script."""
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import build_bench

        yield build_bench
    finally:
        sys.path.remove(str(REPO / "bench"))


@pytest.fixture(scope="module")
def generated(bench: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Any:
    return bench.generate(tmp_path_factory.mktemp("bench"), STUDIES, 7)


def test_raw_sources_are_read_by_ingest_as_the_invented_studies(bench: ModuleType, generated: Any) -> None:
    brief = generated.brief
    own = {path.name for path in (REPO / "seeds").iterdir()}
    seeds = sorted(path for path in (brief / "seeds").iterdir() if path.name not in own)
    found = [item for path in seeds for item in read_seed(path, brief)[0]]
    groups = group_studies(found).groups
    invented = bench.make_studies(STUDIES, 7)
    assert len(groups) == STUDIES
    assert {group[0].extraction.doi for group in groups} == {study.doi for study in invented}
    assert sorted(str(group[0].extraction.title) for group in groups) == sorted(study.title for study in invented)
    assert {path.suffix for path in seeds} == {".ris", ".nbib", ".bib", ".txt"}
    assert (brief / "site.yaml").is_file() and (brief / "content" / "themes" / "stigma.md").is_file()


def test_page_text_reads_like_a_copied_article_page(generated: Any) -> None:
    page = next((generated.brief / "seeds").glob("page-*.txt")).read_text(encoding="utf-8")
    assert re.search(r"^Abstract$", page, re.MULTILINE)
    assert re.search(r"\b10\.\d{4}/bench\.\d{5}\b", page)
    assert re.search(r"^Background\n\S", page, re.MULTILINE)


def test_hugo_tree_has_one_content_file_per_study(bench: ModuleType, generated: Any) -> None:
    hugo = generated.hugo
    files = sorted((hugo / "content" / "studies").glob("study-*.md"))
    assert len(files) == STUDIES
    first = bench.make_studies(STUDIES, 7)[0]
    front = yaml.safe_load(files[0].read_text(encoding="utf-8").split("---\n")[1])
    assert front["title"] == first.title and front["doi"] == first.doi and front["year"] == first.year
    assert front["authors"][0] == f"{first.authors[0][0]}, {first.authors[0][1]}"
    assert set(front["themes"]) <= {"stigma", "training", "engagement"}
    assert 'theme = "themes"' in (hugo / "config.toml").read_text(encoding="utf-8")
    for layout in ("_default/baseof.html", "_default/single.html", "_default/list.html", "_default/term.html"):
        assert (hugo / "layouts" / layout).is_file()


def test_study_themes_follow_the_brief_signals(bench: ModuleType) -> None:
    import corpus
    import hugo_site

    signals = hugo_site.theme_signals(REPO / "content" / "themes")
    study = corpus.Fake("Clinician training after a course", [("Roe", "Ada")], 2020, 1, "J", 1, 1, "1-2",
                        "10.1/x", [("Results", "Shame and prejudice fell.")], [])
    assert hugo_site.study_themes(study, signals) == ["stigma", "training"]


def test_measure_sees_the_child_memory_and_exit_code(bench: ModuleType, tmp_path: Path) -> None:
    log = tmp_path / "log"
    # The sampled figure, not ru_maxrss: a child's ru_maxrss starts at its parent's resident size (Linux
    # records the forked copy's high-water mark at exec), so in a large pytest worker it would pass anyway.
    allocate = "import time; b = bytearray(80 * 2**20); b[::4096] = b'x' * len(b[::4096]); time.sleep(0.5)"
    big = bench.measure([sys.executable, "-c", allocate], tmp_path, log)
    assert big.exit_code == 0 and big.tree_mb >= 80
    failed = bench.measure([sys.executable, "-c", "import time; time.sleep(0.3); raise SystemExit(3)"], tmp_path, log)
    assert failed.exit_code == 3 and failed.tree_mb < 60


def test_edit_one_record_changes_one_title(bench: ModuleType, tmp_path: Path) -> None:
    studies = tmp_path / "content" / "studies"
    studies.mkdir(parents=True)
    for name in ("a", "b", "c"):
        (studies / f"{name}.yaml").write_text(f"id: {name}\ntitle: Study {name}\n", encoding="utf-8")
    changed = bench.edit_one_record(tmp_path, 0)
    assert changed.name == "b.yaml"
    assert yaml.safe_load(changed.read_text(encoding="utf-8")) == {"id": "b",
                                                                   "title": "Study b (title revised, run 1)"}
    assert (studies / "a.yaml").read_text(encoding="utf-8") == "id: a\ntitle: Study a\n"


def test_ratios_name_the_goals(bench: ModuleType) -> None:
    def row(seconds: float, peak: float = 100.0) -> dict[str, object]:
        return {"median_s": seconds, "peak_mb": peak}

    sizes = {1000: {"cold": row(10.0, 200.0), "noop": row(0.5), "one_record": row(0.8), "hugo_cold": row(2.0),
                    "pagefind": row(3.0)},
             10000: {"cold": row(120.0, 500.0), "noop": row(2.0), "one_record": row(3.0), "hugo_cold": row(20.0),
                     "pagefind": row(30.0)}}
    summary = bench.ratios(sizes)
    assert summary["1000"]["cold_vs_hugo"] == 5.0
    assert summary["1000"]["cold_vs_hugo_and_pagefind"] == 2.0
    assert summary["10000"]["peak_vs_goal"] == 1.25
    assert summary["10000"]["noop_s"] == 2.0
    assert summary["linearity"] == {"sizes": [1000, 10000], "size_ratio": 10.0, "cost_ratio": 12.0, "allowed": 11.0}


def test_runs_alternate_and_every_step_is_recorded(bench: ModuleType, generated: Any, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench, "our_command", lambda: [sys.executable, "-c", "import sys; print(sys.argv)"])
    figures = bench.bench_size(generated, 2, None, tmp_path, keep=False)
    assert {step: len(runs) for step, runs in figures.items()} == {"cold": 2, "noop": 2, "one_record": 2}
    assert all(m.exit_code == 0 for runs in figures.values() for m in runs)
    assert not (tmp_path / f"n{STUDIES}" / "ours-1").exists()
