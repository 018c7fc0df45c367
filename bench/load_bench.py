"""Time loading and validating study records, as a build does: 1,000 and 10,000 record files.

    python bench/load_bench.py PROJECT [--copies 10] [--runs 3]

PROJECT is a brief whose content/studies/ holds the records (e.g. ``bench/corpus.py`` then
``evidence-brief ingest``). The 10,000 set is made by copying every record ``--copies`` times under new
file names into a temporary folder. Per size it prints the median of ``--runs`` runs of: one load
(parse every file; a build without the memo loads twice: ingest's merge, then the build), a build's
two loads sharing a ``RecordMemo``, and schema validation of every record. Works on older checkouts without the memo
(run it with PYTHONPATH pointing at one) so before/after pairs use the same script.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.model import store
from generator.model.schema import validate_record


def _median_seconds(step: Callable[[], Any], runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds; on a shared machine CPU time is the steadier of the two."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        step()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def _two_loads(studies: Path, project: Path, memo_kind: type) -> None:
    memo = memo_kind()
    for _ in range(2):
        store.load_records(studies, project, memo=memo)


def _report(project: Path, runs: int) -> None:
    studies = project / "content" / "studies"
    records, problems = store.load_records(studies, project)
    memo_kind = getattr(store, "RecordMemo", None)
    figures = {
        "load once": _median_seconds(lambda: store.load_records(studies, project), runs),
        "validate": _median_seconds(lambda: [validate_record(r) for r in records], runs),
    }
    if memo_kind is not None:
        figures["load twice (memo)"] = _median_seconds(lambda: _two_loads(studies, project, memo_kind), runs)
    print(f"{len(records):>6} records ({len(problems)} unreadable): "
          + ", ".join(f"{name} {wall:.2f} s (cpu {cpu:.2f} s)" for name, (wall, cpu) in figures.items()), flush=True)


def _copied_project(project: Path, copies: int, into: Path) -> Path:
    """A project whose studies are ``copies`` copies of PROJECT's, under distinct file names and each with
    distinct bytes (a trailing comment), so no memo can share one parse between copies."""
    target = into / "project"
    shutil.copytree(project, target, ignore=shutil.ignore_patterns("studies", "output", ".cache", "seeds"))
    studies = target / "content" / "studies"
    studies.mkdir(parents=True, exist_ok=True)
    for path in store.record_files(project / "content" / "studies"):
        for copy in range(copies):
            text = path.read_text(encoding="utf-8")
            (studies / f"{path.stem}-copy{copy}.yaml").write_text(f"{text}# copy {copy}\n", encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project", type=Path)
    parser.add_argument("--copies", type=int, default=10, help="copies of each record for the large set (0: skip)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    project = args.project.resolve()
    _report(project, args.runs)
    if args.copies > 0:
        with tempfile.TemporaryDirectory() as temp:
            _report(_copied_project(project, args.copies, Path(temp)), args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
