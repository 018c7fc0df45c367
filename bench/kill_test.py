"""Kill ``evidence-brief build`` and ``ingest`` with SIGKILL at random moments; prove nothing is lost.

    python bench/kill_test.py [--kills 30] [--studies 300] [--seed 1] [--work DIR]

Not part of the test suite (it takes minutes; tests/test_signals.py runs a few kills). After each kill:

* output/ is byte for byte either the previous complete site or the new one (manifest of hashes);
* every record in content/studies/ loads;
* the next, uninterrupted run leaves no temporary file of ours anywhere (project, beside output/,
  the system temp folder) and gives the same bytes as a run that was never interrupted.

Ingest runs over a generated corpus (bench/corpus.py); build over the repository's own brief, whose
site title alternates between two values so the old and the new site differ on every page.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from corpus import write_corpus  # noqa: E402

from generator.model.store import load_record, record_files  # noqa: E402

Manifest = dict[str, str]
#: Temporary names our writers make: staging and swapped-out sites, half-written records, the lock.
OUR_TEMP_NAMES = re.compile(r"(\.output\.([a-z0-9_]{8}\.tmp|old-\d+)|\..+\.yaml\.[a-z0-9_]{8}\.tmp|"
                            r"\.evidence-brief\.lock|evidence-brief-preview-.*)")


@dataclass
class Tally:
    """What the kills found; ``failures`` lists every broken promise."""

    kills: int = 0
    survived: int = 0
    leftovers_after_kill: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def check(self, ok: bool, what: str) -> bool:
        if not ok:
            self.failures.append(what)
        return ok


def manifest(folder: Path) -> Manifest:
    """sha256 of every file under ``folder``, by relative path (empty when it does not exist)."""
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def our_temp_files(project: Path, temp_dir: Path) -> list[Path]:
    """Files and folders under ``project`` named as our writers name temporary things, and anything
    at all in the private system temp folder the commands ran with."""
    found = [p for p in project.rglob("*") if OUR_TEMP_NAMES.fullmatch(p.name)]
    return found + sorted(temp_dir.iterdir())


def differing(got: Manifest, *wanted: Manifest) -> list[str]:
    """Up to five paths where ``got`` differs from the closest of ``wanted`` (for the failure message)."""
    best = min(wanted, key=lambda w: len(set(got.items()) ^ set(w.items())))
    return sorted({path for path, _ in set(got.items()) ^ set(best.items())})[:5]


def kind(path: Path) -> str:
    """What a temporary thing is, for the figures."""
    if path.name.startswith(".output."):
        return "staging or swapped-out site"
    if path.name.endswith(".tmp"):
        return "half-written record"
    if path.name == ".evidence-brief.lock":
        return "lock file (the lock itself died with its process)"
    return "entry in the system temp folder"


def unreadable_records(project: Path) -> list[str]:
    """Records in content/studies/ that do not load (an empty list is the promise)."""
    bad = []
    for path in record_files(project / "content" / "studies"):
        record, problem = load_record(path, project)
        if record is None:
            bad.append(f"{path.name}: {problem.format() if problem else 'unreadable'}")
    return bad


def command_env(temp_dir: Path) -> dict[str, str]:
    """Reproducible dates, no lock waiting, and a private system temp folder we can inspect."""
    return {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "TMPDIR": str(temp_dir),
            "EVIDENCE_BRIEF_LOCK_WAIT": "5", "PYTHONPATH": str(REPO)}


def run(command: str, project: Path, temp_dir: Path) -> tuple[int, float]:
    """Run one uninterrupted command; returns its exit code and seconds."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "generator", command, "--project", str(project), "-q"],
                          capture_output=True, text=True, env=command_env(temp_dir), check=False)
    if done.returncode != 0 or "Traceback" in done.stderr:
        raise RuntimeError(f"{command} failed: {done.stderr[-2000:]}")
    return done.returncode, time.perf_counter() - started


def run_and_kill(command: str, project: Path, temp_dir: Path, after: float) -> bool:
    """Start ``command`` and SIGKILL it ``after`` seconds later; True when it was still running."""
    process = subprocess.Popen([sys.executable, "-m", "generator", command, "--project", str(project), "-q"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=command_env(temp_dir))
    try:
        process.wait(timeout=after)
        return False
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return True


def set_title(project: Path, title: str) -> None:
    config = project / "site.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^title:.*$", f"title: {title}", text, count=1), encoding="utf-8")


def brief_project(target: Path, source: Path = REPO) -> Path:
    """The brief's sources and design, copied: each copy builds the same bytes even when the
    repository's own files change while the test runs."""
    target.mkdir(parents=True)
    for name in ("seeds", "content", "templates"):
        shutil.copytree(source / name, target / name)
    shutil.copy2(source / "site.yaml", target / "site.yaml")
    return target


def kill_builds(work: Path, kills: int, rng: random.Random, tally: Tally, log: Callable[[str], None], *,
                alternate: bool = True) -> None:
    """Alternate the site's title, kill the build at a random moment, check, rebuild, check.

    ``alternate=False`` keeps one title (one reference build fewer, for the quick test in tests/).
    """
    titles = ("Kill test brief, first title", "Kill test brief, second title")[:2 if alternate else 1]
    temp_dir = work / "tmp-build"
    temp_dir.mkdir()
    expected: dict[str, Manifest] = {}
    seconds = 0.0
    snapshot = brief_project(work / "brief-snapshot")
    for title in titles:  # the two complete sites, each from an uninterrupted build of its own copy
        reference = brief_project(work / f"build-reference-{len(expected)}", snapshot)
        set_title(reference, title)
        _, took = run("build", reference, temp_dir)
        seconds = max(seconds, took)
        expected[title] = manifest(reference / "output")
    project = brief_project(work / "build", snapshot)
    set_title(project, titles[0])
    shutil.copytree(work / "build-reference-0" / "output", project / "output")  # as if built: saves a build
    for number in range(kills):
        old, new = titles[number % len(titles)], titles[(number + 1) % len(titles)]
        set_title(project, new)
        killed = run_and_kill("build", project, temp_dir, rng.uniform(0.05, seconds * 0.95))
        tally.kills += killed
        now = manifest(project / "output")
        ok = tally.check(now in (expected[old], expected[new]), f"build kill {number}: output/ is neither site "
                         f"{differing(now, expected[old], expected[new])}")
        ok &= tally.check(not unreadable_records(project), f"build kill {number}: a record does not load")
        tally.leftovers_after_kill.update(kind(p) for p in our_temp_files(project, temp_dir))
        run("build", project, temp_dir)
        rebuilt = manifest(project / "output")
        ok &= tally.check(rebuilt == expected[new], f"build kill {number}: rebuild differs "
                          f"{differing(rebuilt, expected[new])}")
        ok &= tally.check(not our_temp_files(project, temp_dir), f"build kill {number}: temporary files remain "
                          f"{our_temp_files(project, temp_dir)}")
        tally.survived += ok
        log(f"build kill {number + 1}/{kills}: {'ok' if ok else 'FAILED'}{'' if killed else ' (finished first)'}")


def kill_ingests(work: Path, kills: int, studies: int, rng: random.Random, tally: Tally,
                 log: Callable[[str], None]) -> None:
    """Kill a fresh ingest of ``studies`` studies at a random moment, check, ingest again, check."""
    temp_dir = work / "tmp-ingest"
    temp_dir.mkdir()
    pristine = work / "ingest-pristine"
    write_corpus(pristine, studies=studies)
    reference = work / "ingest-reference"
    shutil.copytree(pristine, reference)
    _, seconds = run("ingest", reference, temp_dir)
    expected = manifest(reference / "content")
    for number in range(kills):
        project = work / f"ingest-{number}"
        shutil.copytree(pristine, project)
        killed = run_and_kill("ingest", project, temp_dir, rng.uniform(0.05, seconds * 0.95))
        tally.kills += killed
        ok = tally.check(not unreadable_records(project), f"ingest kill {number}: a record does not load "
                         f"{unreadable_records(project)[:3]}")
        tally.leftovers_after_kill.update(kind(p) for p in our_temp_files(project, temp_dir))
        run("ingest", project, temp_dir)
        records = manifest(project / "content")
        ok &= tally.check(records == expected, f"ingest kill {number}: records differ from an uninterrupted "
                          f"ingest {differing(records, expected)}")
        ok &= tally.check(not our_temp_files(project, temp_dir), f"ingest kill {number}: temporary files remain "
                          f"{our_temp_files(project, temp_dir)}")
        tally.survived += ok
        shutil.rmtree(project)
        log(f"ingest kill {number + 1}/{kills}: {'ok' if ok else 'FAILED'}{'' if killed else ' (finished first)'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=30, help="kills of each command (default: %(default)s)")
    parser.add_argument("--studies", type=int, default=300, help="studies in the ingest corpus (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the random kill moments")
    parser.add_argument("--work", type=Path, help="scratch folder to keep (default: a temporary one, removed)")
    parser.add_argument("--only", choices=("build", "ingest"), help="kill only this command")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="kill-test-"))
    work.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    results: dict[str, Tally] = {}
    started = time.perf_counter()
    try:
        if args.only in (None, "build"):
            results["build"] = Tally()
            kill_builds(work, args.kills, rng, results["build"], print)
        if args.only in (None, "ingest"):
            results["ingest"] = Tally()
            kill_ingests(work, args.kills, args.studies, rng, results["ingest"], print)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    for name, tally in results.items():
        seen = ", ".join(f"{count} {what}" for what, count in sorted(tally.leftovers_after_kill.items())) or "none"
        print(f"{name}: {tally.survived}/{args.kills} rounds survived, {tally.kills} killed mid-run; left right "
              f"after the kills: {seen} (the next run removed them all unless a failure says otherwise)")
        for failure in tally.failures:
            print(f"  FAILED: {failure}")
    print(f"{time.perf_counter() - started:.0f} s in all")
    return 1 if any(t.failures for t in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
