"""Time the no-op check of the build manifest (generator/model/manifest.py) at 1,000 and 10,000 studies.

Lays out a synthetic brief shaped like a real one (one record and one seed per study, a few themes; in
output/ a study page, three citation downloads and a search fragment per study), records a manifest the
way a build does, then times ``is_up_to_date``:

- "settled": files written long before the build (the usual no-op: stat only, nothing read);
- "just built": every file written within the racy window, so each one is hashed (the worst case:
  a check run within two seconds of the build; it refreshes the manifest, so the next check is settled).

Usage: .venv/bin/python bench/noop_bench.py [--studies 1000 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.model import manifest  # noqa: E402

OPTIONS = manifest.BuildOptions(build_date="2031-01-01")
HOUR_NS = 3600 * 10**9
FILLER = "Participants tended community plots twice a week; outcomes were measured at twelve weeks. " * 20


def lay_out(root: Path, studies: int) -> None:
    """The inputs and output/ of a brief with ``studies`` studies."""
    files: dict[str, str] = {"site.yaml": "title: Synthetic brief\n", "content/index.md": "Key messages.\n",
                             "content/about.md": "Method.\n"}
    for theme in range(12):
        files[f"content/themes/theme-{theme}.md"] = f"---\ntitle: Theme {theme}\n---\n{FILLER}\n"
    for n in range(studies):
        sid = f"study-{n:05d}"
        files[f"seeds/batch-{n % 50:02d}/{sid}.ris"] = f"TY  - JOUR\nTI  - Study {n}\nAB  - {FILLER}\nER  - \n"
        files[f"content/studies/{sid}.yaml"] = f"id: {sid}\ntitle: Study {n}\nabstract: {FILLER}\n"
        page = f"<html><body><h1>Study {n}</h1><p>{FILLER}</p></body></html>\n"
        files[f"output/studies/{sid}/index.html"] = page * 3
        for ext in ("ris", "bib", "json"):
            files[f"output/studies/{sid}/cite.{ext}"] = f"{sid} {ext}\n" * 10
        files[f"output/pagefind/fragment/{sid}.pf_fragment"] = page
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def age(root: Path) -> None:
    for folder, _dirs, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            info = os.stat(path)
            os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns - HOUR_NS))


def record(root: Path) -> None:
    """What a build does after writing output/: fingerprint inputs and output, save the manifest."""
    inputs = manifest.inputs_fingerprint(root, OPTIONS)
    manifest.save_manifest(root, inputs, manifest.output_fingerprint(root / "output"))


def time_check(root: Path, attempts: int = 5) -> float:
    """Seconds one ``is_up_to_date`` takes. The generator's own files are inputs too: when a developer saved
    one meanwhile, the manifest is recorded again and the check retried."""
    for _ in range(attempts):
        started = time.perf_counter()
        found, why = manifest.check_manifest(root, OPTIONS, root / "output")
        elapsed = time.perf_counter() - started
        if found is not None:
            return elapsed
        if not why.startswith((manifest.CODE_PREFIX, manifest.DESIGN_PREFIX)):
            raise AssertionError(f"the synthetic brief should be up to date, but: {why}")
        record(root)
    raise AssertionError("the generator's files kept changing")


def bench(studies: int, repeat: int) -> None:
    root = Path(tempfile.mkdtemp(prefix=f"noop-bench-{studies}-"))
    try:
        lay_out(root, studies)
        count = sum(len(names) for _f, _d, names in os.walk(root))
        started = time.perf_counter()
        record(root)
        recorded = time.perf_counter() - started
        just_built = time_check(root)  # every file racy: hashed, then the manifest is refreshed
        age(root)
        record(root)
        settled = statistics.median(time_check(root) for _ in range(repeat))
        size = manifest.manifest_path(root).stat().st_size
        print(f"{studies:>6} studies, {count:>6} files: record manifest {recorded:.3f} s; is_up_to_date "
              f"settled {settled * 1000:.0f} ms (median of {repeat}), just built {just_built * 1000:.0f} ms; "
              f"manifest {size / 1e6:.1f} MB")
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--studies", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for studies in args.studies:
        bench(studies, args.repeat)


if __name__ == "__main__":
    main()
