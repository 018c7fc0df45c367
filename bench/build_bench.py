"""Issue 10's build benchmark: our builds against Hugo on the same invented studies (not part of the suite).

    python bench/build_bench.py [--sizes 1000 4000 10000] [--runs 3] [--json PATH] [--keep --work DIR]
                                [--skip-hugo] [--seed 7]

For each size N it writes, once:
  * a brief from raw sources: this brief's site.yaml, content/ and seeds/ (so its themes and key messages
    still resolve) plus N invented studies as RIS, MEDLINE and BibTeX exports and text copied from article
    pages, one kind after another (bench/corpus.py);
  * the same N studies as a Hugo site: Markdown with front matter, a themes taxonomy, minimal layouts
    (bench/hugo_site.py).
Then, --runs times, alternating which goes first: our cold build (a fresh copy with no output/ and no
.cache/, ``evidence-brief build``, search included), our no-op rebuild (build again), our one-record
rebuild (one study's record in content/studies/ gets a new title, then build), Hugo's cold build (a fresh
copy, its own empty cache) and Pagefind over Hugo's output. Each command runs as its own child process;
its wall time, the largest resident set of any process in its tree (the kernel's ru_maxrss from wait4)
and the sampled sum over the tree at any moment (every 0.1 s from /proc) are recorded. The table shows
medians of wall time and the largest peak of any run; the ratios are the goals of issue 10.

Hugo is installed with the system package manager when missing (Debian: apt-get, as root or via sudo);
Pagefind comes from this venv (``python -m pagefind``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from corpus import PER_FILE, make_studies, write_corpus
from hugo_site import write_hugo_site

REPO = Path(__file__).resolve().parents[1]
#: The raw source kinds of the issue; CSL-JSON is left out (a reference manager's export of lesser use).
BENCH_KINDS = ("ris", "nbib", "bib", "page")
SAMPLE_SECONDS = 0.1
OUR_STEPS = ("cold", "noop", "one_record")
HUGO_STEPS = ("hugo_cold", "pagefind")
PEAK_GOAL_MB = 400
QUICK_GOAL_SECONDS = 1.0
#: At most 11 times the cost for 10 times the studies.
LINEARITY_SLACK = 1.1
#: One step's summary (median, runs, peaks, exit codes), as written to the JSON report.
Row = dict[str, Any]
#: Called with each step's figure as soon as it is measured (recorded and printed: a 10k run takes long).
Note = Callable[[str, "Measure"], None]


@dataclass(frozen=True)
class Measure:
    """One command's cost: wall seconds, peak memory in MB and how it ended."""

    seconds: float
    maxrss_mb: float
    tree_mb: float
    exit_code: int

    @property
    def peak_mb(self) -> float:
        """The larger of the biggest single process and the sampled sum over the tree."""
        return max(self.maxrss_mb, self.tree_mb)


@dataclass(frozen=True)
class Sources:
    """The generated projects of one size, copied afresh for every cold run."""

    size: int
    brief: Path
    hugo: Path


# --- measuring -------------------------------------------------------------------------------------------

def measure(command: list[str], cwd: Path, log: Path) -> Measure:
    """Run ``command`` as a child of this process and wait for it with wait4, whose rusage covers exactly
    that child's tree, so an earlier command's memory never leaks into this one's figure."""
    with log.open("ab") as out:
        out.write(f"$ {' '.join(command)}  (in {cwd})\n".encode())
        out.flush()
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        sampler = TreeSampler(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        sampler.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    return Measure(round(seconds, 3), round(usage.ru_maxrss / 1024, 1), round(sampler.peak_bytes / 2**20, 1),
                   process.returncode)


class TreeSampler(threading.Thread):
    """Samples the summed resident memory of a process and its descendants (Linux /proc; else nothing).

    ru_maxrss is the largest single process; a build that runs workers side by side holds their sum,
    which only sampling sees."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.peak_bytes = 0
        self._done = threading.Event()
        self._page = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

    def run(self) -> None:
        while not self._done.is_set():
            self.peak_bytes = max(self.peak_bytes, self.tree_bytes())
            self._done.wait(SAMPLE_SECONDS)

    def stop(self) -> None:
        self._done.set()
        self.join()

    def tree_bytes(self) -> int:
        """Resident bytes of the root and every descendant alive now."""
        return sum(_resident_pages(pid) for pid in _descendants(self.root)) * self._page


def _descendants(root: int) -> list[int]:
    """The root and all processes below it, from each process's parent id in /proc/PID/stat."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])  # the command name, in parentheses, may hold spaces
        children.setdefault(parent, []).append(int(entry.name))
    tree, stack = [], [root]
    while stack:
        pid = stack.pop()
        tree.append(pid)
        stack.extend(children.get(pid, []))
    return tree


def _resident_pages(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0


# --- the projects ----------------------------------------------------------------------------------------

def chunk_size(size: int) -> int:
    """Studies per export file: the corpus's usual 60, fewer for small N so that every kind still occurs."""
    return max(1, min(PER_FILE, size // (2 * len(BENCH_KINDS))))


def generate(work: Path, size: int, seed: int) -> Sources:
    """Write the raw-source brief and the Hugo site of ``size`` studies under ``work``."""
    base = work / f"n{size}"
    brief, hugo = base / "brief", base / "hugo"
    write_corpus(brief, studies=size, seed=seed, kinds=BENCH_KINDS, per_file=chunk_size(size))
    title = str(yaml.safe_load((REPO / "site.yaml").read_text(encoding="utf-8")).get("title", "Benchmark"))
    write_hugo_site(hugo, make_studies(size, seed), REPO / "content" / "themes", title)
    return Sources(size, brief, hugo)


def edit_one_record(project: Path, run: int) -> Path:
    """Give one invented study's record a new title, as a curator would; returns the record changed."""
    own = {path.name for path in (REPO / "content" / "studies").glob("*.yaml")}  # the brief's curated five
    records = sorted(path for path in (project / "content" / "studies").glob("*.yaml")
                     if not path.name.endswith(".incoming.yaml"))
    candidates = [path for path in records if path.name not in own] or records
    if not candidates:
        raise SystemExit(f"no record to edit in {project / 'content' / 'studies'}: did the cold build fail?")
    record = candidates[len(candidates) // 2]
    data = yaml.safe_load(record.read_text(encoding="utf-8"))
    data["title"] = f"{data['title']} (title revised, run {run + 1})"
    record.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
    return record


def our_command() -> list[str]:
    """This venv's evidence-brief, else the package run as a module by this interpreter."""
    script = Path(sys.executable).with_name("evidence-brief")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "generator"]


def run_ours(sources: Sources, scratch: Path, run: int, log: Path, note: Note) -> None:
    """Cold, no-op and one-record builds of a fresh copy of the brief."""
    shutil.copytree(sources.brief, scratch, ignore=shutil.ignore_patterns("output", ".cache"))
    build = [*our_command(), "build"]
    note("cold", measure(build, scratch, log))
    note("noop", measure(build, scratch, log))
    edit_one_record(scratch, run)
    note("one_record", measure(build, scratch, log))


def run_hugo(sources: Sources, scratch: Path, hugo: str, log: Path, note: Note) -> None:
    """Hugo's cold build of a fresh copy (its own empty cache), then Pagefind over what Hugo wrote."""
    shutil.copytree(sources.hugo, scratch)
    public = scratch / "public"
    render = [hugo, "--quiet", "--source", str(scratch), "--destination", str(public),
              "--cacheDir", str(scratch / ".hugo_cache")]
    note("hugo_cold", measure(render, scratch, log))
    note("pagefind", measure([sys.executable, "-m", "pagefind", "--site", str(public), "--silent"], scratch, log))


# --- Hugo ------------------------------------------------------------------------------------------------

def ensure_hugo() -> str:
    """Hugo's path, installing Debian's package first when it is missing (as root, or through sudo)."""
    found = shutil.which("hugo")
    if found:
        return found
    if not shutil.which("apt-get"):
        raise SystemExit("Hugo is missing and there is no apt-get here: install Hugo (https://gohugo.io) "
                         "or run with --skip-hugo")
    if os.geteuid() == 0:
        prefix = []
    elif shutil.which("sudo"):
        prefix = ["sudo"]
    else:
        raise SystemExit("Hugo is missing, and installing it needs root or sudo: `apt-get install hugo`, "
                         "or run with --skip-hugo")
    print("installing Hugo with apt-get (once)", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for step in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "hugo"]):
        done = subprocess.run([*prefix, *step], env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"could not install Hugo ({' '.join(step)} failed):\n{done.stderr.strip()}\n"
                             "install it by hand or run with --skip-hugo")
    found = shutil.which("hugo")
    if not found:
        raise SystemExit("apt-get installed no `hugo` command; install Hugo by hand or run with --skip-hugo")
    return found


def hugo_version(hugo: str) -> str:
    done = subprocess.run([hugo, "version"], capture_output=True, text=True, check=False)
    return done.stdout.strip()


# --- the runs and the summary ----------------------------------------------------------------------------

def bench_size(sources: Sources, runs: int, hugo: str | None, work: Path, keep: bool) -> dict[str, list[Measure]]:
    """All runs of one size, ours and Hugo's alternating which goes first; every figure of every run."""
    figures: dict[str, list[Measure]] = {step: [] for step in (*OUR_STEPS, *(HUGO_STEPS if hugo else ()))}
    log = work / f"n{sources.size}" / "commands.log"
    log.unlink(missing_ok=True)
    for run in range(runs):
        ours = work / f"n{sources.size}" / f"ours-{run + 1}"
        theirs = work / f"n{sources.size}" / f"hugo-{run + 1}"

        def note(step: str, figure: Measure, run: int = run) -> None:
            figures[step].append(figure)
            print(f"  N={sources.size} run {run + 1}: {step:<10} {figure.seconds:8.2f} s {figure.peak_mb:7.0f} MB"
                  f"{'' if figure.exit_code == 0 else f'  EXIT {figure.exit_code}'}", flush=True)
            if figure.exit_code != 0:
                print(log_tail(log), file=sys.stderr)

        for who in (["ours", "hugo"] if run % 2 == 0 else ["hugo", "ours"]):
            if who == "ours":
                run_ours(sources, ours, run, log, note)
            elif hugo:
                run_hugo(sources, theirs, hugo, log, note)
        if not keep or run < runs - 1:  # --keep keeps the last run's trees to look at
            shutil.rmtree(ours, ignore_errors=True)
            shutil.rmtree(theirs, ignore_errors=True)
    return figures


def log_tail(log: Path, lines: int = 15) -> str:
    """The end of the commands' output, shown when one fails (the log itself may not be kept)."""
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def summarise(figures: dict[str, list[Measure]]) -> dict[str, Row]:
    """Per step: the median wall time, every run's, the largest peak and whether every run succeeded."""
    return {step: {"median_s": round(statistics.median(m.seconds for m in runs), 3),
                   "runs_s": [m.seconds for m in runs],
                   "peak_mb": max(m.peak_mb for m in runs),
                   "maxrss_mb": max(m.maxrss_mb for m in runs),
                   "tree_mb": max(m.tree_mb for m in runs),
                   "ok": all(m.exit_code == 0 for m in runs),
                   "exit_codes": [m.exit_code for m in runs]}
            for step, runs in figures.items() if runs}


def ratios(sizes: dict[int, dict[str, Row]]) -> dict[str, Any]:
    """The figures issue 10's goals name, from the summaries by size."""
    def median(size: int, step: str) -> float | None:
        value = sizes[size].get(step, {}).get("median_s")
        return float(value) if isinstance(value, int | float) else None

    out: dict[str, Any] = {}
    for size in sorted(sizes):
        ours, hugo, pagefind = median(size, "cold"), median(size, "hugo_cold"), median(size, "pagefind")
        peak = sizes[size]["cold"]["peak_mb"]
        out[str(size)] = {
            "cold_vs_hugo": round(ours / hugo, 2) if ours and hugo else None,
            "cold_vs_hugo_and_pagefind": round(ours / (hugo + pagefind), 2) if ours and hugo and pagefind else None,
            "noop_s": median(size, "noop"), "one_record_s": median(size, "one_record"),
            "peak_mb": peak, "peak_vs_goal": round(peak / PEAK_GOAL_MB, 2)}
    small, large = min(sizes), max(sizes)
    if large > small:
        low, high = median(small, "cold"), median(large, "cold")
        out["linearity"] = {"sizes": [small, large], "size_ratio": round(large / small, 2),
                            "cost_ratio": round(high / low, 2) if low and high else None,
                            "allowed": round(LINEARITY_SLACK * large / small, 2)}
    return out


def print_report(sizes: dict[int, dict[str, Row]], summary: dict[str, Any]) -> None:
    """The table of medians, then the ratios against the goals."""
    print(f"\n{'N':>6}  {'step':<11}{'median s':>10}  {'runs (s)':<26}{'peak MB':>8}{'largest':>8}  ok")
    for size in sorted(sizes):
        for step, row in sizes[size].items():
            runs = ", ".join(f"{value:.2f}" for value in row["runs_s"])
            print(f"{size:>6}  {step:<11}{row['median_s']:>10.2f}  {runs:<26}{row['peak_mb']:>8.0f}"
                  f"{row['maxrss_mb']:>8.0f}  {'yes' if row['ok'] else 'NO ' + str(row['exit_codes'])}")
    print("  (peak MB: the larger of the biggest process and the sampled sum over the process tree, which counts"
          " forked workers' shared pages again; largest: the biggest single process)")
    print("\nGoals (issue 10): cold/Hugo <= 1.0 at 4k and 10k; no-op and one-record < 1 s and peak < "
          f"{PEAK_GOAL_MB} MB at 10k; 10k at most 11x 1k")
    for size in sorted(sizes):
        row = summary[str(size)]
        cold = f"{row['cold_vs_hugo']:.2f}" if row["cold_vs_hugo"] is not None else "n/a"
        with_search = (f"{row['cold_vs_hugo_and_pagefind']:.2f}" if row["cold_vs_hugo_and_pagefind"] is not None
                       else "n/a")
        print(f"  N={size}: ours cold / Hugo cold = {cold} (/ Hugo + Pagefind = {with_search}); "
              f"no-op {row['noop_s']:.2f} s; one record {row['one_record_s']:.2f} s; "
              f"peak {row['peak_mb']:.0f} MB = {row['peak_vs_goal']:.2f} of {PEAK_GOAL_MB} MB")
    linear = summary.get("linearity")
    if linear and linear["cost_ratio"] is not None:
        small, large = linear["sizes"]
        print(f"  linearity: cold {large} / cold {small} = {linear['cost_ratio']:.2f} "
              f"(size ratio {linear['size_ratio']}, allowed {linear['allowed']})")


def environment(hugo: str | None) -> dict[str, object]:
    """What the figures were measured on, so a note can say it."""
    return {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
            "hugo": hugo_version(hugo) if hugo else None, "load_average": list(os.getloadavg()),
            "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, 10000])
    parser.add_argument("--runs", type=int, default=3, help="runs per size; the median is reported (default 3)")
    parser.add_argument("--json", type=Path, help="write the figures here as JSON")
    parser.add_argument("--work", type=Path, help="where to generate and build (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the generated trees and the last run's builds")
    parser.add_argument("--skip-hugo", action="store_true", help="time our builds only")
    parser.add_argument("--seed", type=int, default=7, help="the corpus's seed (the same seed, the same bytes)")
    args = parser.parse_args(argv)
    if args.runs < 1 or any(size < 1 for size in args.sizes):
        parser.error("--runs and --sizes must be positive")
    hugo = None if args.skip_hugo else ensure_hugo()
    work = args.work or Path(tempfile.mkdtemp(prefix="build-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    report: dict[str, object] = {"environment": environment(hugo), "runs": args.runs, "seed": args.seed}
    sizes: dict[int, dict[str, Row]] = {}
    try:
        for size in args.sizes:
            print(f"N={size}: generating raw sources and the Hugo site under {work}", flush=True)
            sources = generate(work, size, args.seed)
            sizes[size] = summarise(bench_size(sources, args.runs, hugo, work, args.keep))
            if not args.keep:
                shutil.rmtree(work / f"n{size}", ignore_errors=True)
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    summary = ratios(sizes)
    report.update({"sizes": {str(size): rows for size, rows in sizes.items()}, "ratios": summary})
    print_report(sizes, summary)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"\nfigures written to {args.json}")
    if args.keep:
        print(f"generated trees kept under {work}")
    failed = [f"N={size} {step}" for size, rows in sizes.items() for step, row in rows.items() if not row["ok"]]
    if failed:
        print(f"some commands failed ({', '.join(failed)}); see commands.log under --work with --keep",
              file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
