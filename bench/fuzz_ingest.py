"""Coverage-guided fuzzing of ingest's format sniffer and every reader with atheris (not part of the suite).

Why: Hypothesis tests explore what their strategies describe; a coverage-guided fuzzer mutates real
exports and pages towards branches nobody thought of. The reader contract is that ``sniff`` returns a
float in [0, 1] and ``read`` never raises, so a "crash" here is any exception escaping either, a sniff
outside [0, 1], or one input that uses more than ``--hang-seconds`` of CPU time. ``read_guarded`` (which
turns a reader's exception into a diagnostic) is switched off while fuzzing, so exceptions it would hide
are found too; they are reported as "masked", the others as "escaped".

The script runs the fuzzer in a child process (libFuzzer ends its process without returning to Python)
and prints, at the end, executions and crashes in total and per reader. Each distinct crash is saved
under ``--out`` with its traceback, for turning into a regression test in tests/ingest/fuzz_regressions/.

    python bench/fuzz_ingest.py --seconds 600     # or: make fuzz
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any, cast

ROOT = Path(__file__).resolve().parents[1]
#: Where the seed corpus comes from: the project's test fixtures and the shared real-world material.
CORPUS_SOURCES = (ROOT / "tests" / "ingest", Path("/work/shared/seeds"), Path("/work/shared/realdata"),
                  Path("/work/shared/database-exports"), ROOT / "seeds")
#: Seed inputs are cut to this size (and libFuzzer never grows one past it): small inputs run fast,
#: and a reader's loops see everything they branch on within a few kilobytes.
MAX_INPUT_BYTES = 8192
#: A fixture string in a test module shorter than this is an expectation, not a document.
MIN_FIXTURE_CHARS = 60
STATS_EVERY_SECONDS = 2.0


def unguarded(parse: Callable[[str, str], Any], text: str, path: str, what: str, fix: str) -> Any:
    """Stands in for ``base.read_guarded`` while fuzzing: the guard turns a reader's exception into a
    diagnostic, which keeps ingest running but would hide the bug from the fuzzer. An exception that
    passes through this frame is reported as "masked" (caught in production), one that does not as
    "escaped" (it would break the read contract)."""
    return parse(text, path)


def remove_guards() -> int:
    """Point every ingest module's ``read_guarded`` at ``unguarded``; returns how many modules used it."""
    from generator.ingest import base

    modules = [m for name, m in sys.modules.items() if name.startswith("generator.ingest")
               and getattr(m, "read_guarded", None) is base.read_guarded and m is not base]
    for module in modules:
        module.read_guarded = unguarded  # type: ignore[attr-defined]
    return len(modules)


@dataclass
class KnownScore:
    """A reader whose sniff has already run on this input: lets the registry choose without sniffing twice."""

    reader: Any
    score: float
    name: str

    def sniff(self, text: str) -> float:
        return self.score

    def read(self, text: str, path: str) -> Any:
        return self.reader.read(text, path)


class Hang(BaseException):
    """One input ran past the time bound (a BaseException so no reader's ``except Exception`` hides it)."""


@dataclass
class Stats:
    """Counts the worker writes out as it goes, so the parent can report even after a hard crash."""

    executions: int = 0
    reads: dict[str, int] = field(default_factory=dict)
    crashes: dict[str, int] = field(default_factory=dict)
    distinct: dict[str, str] = field(default_factory=dict)


# --- the seed corpus --------------------------------------------------------------------------------------

def fixture_strings(module: Path) -> Iterator[str]:
    """Long string constants of a test module: the inline documents the reader tests are written with."""
    try:
        tree = ast.parse(module.read_text(encoding="utf-8"))
    except (SyntaxError, UnicodeDecodeError):
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) >= MIN_FIXTURE_CHARS:
            yield node.value


def corpus_documents(sources: tuple[Path, ...] = CORPUS_SOURCES) -> Iterator[bytes]:
    """Every seed document as bytes, cut to ``MAX_INPUT_BYTES``: files as they are, fixture strings as UTF-8."""
    for source in sources:
        if not source.is_dir():
            continue
        for path in sorted(p for p in source.rglob("*") if p.is_file()):
            if path.suffix == ".py":
                for text in fixture_strings(path):
                    yield text.encode("utf-8")[:MAX_INPUT_BYTES]
            elif path.suffix not in (".pyc", ".md"):
                yield path.read_bytes()[:MAX_INPUT_BYTES]


def write_corpus(folder: Path) -> int:
    """Fill ``folder`` with the seed corpus (one file per distinct document); returns how many."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for document in corpus_documents():
        name = hashlib.sha1(document).hexdigest()
        target = folder / name
        if not target.exists():
            target.write_bytes(document)
            count += 1
    return count


# --- the worker: runs inside atheris ----------------------------------------------------------------------

def crash_key(exc: BaseException) -> str:
    """Where an exception came from, as ``kind Type at file:line`` of the innermost project frame: one key
    per distinct bug, however many inputs reach it."""
    trace = traceback.extract_tb(exc.__traceback__)
    frames = [f for f in trace if "/generator/" in f.filename]
    where = f"{Path(frames[-1].filename).relative_to(ROOT)}:{frames[-1].lineno}" if frames else "?"
    kind = "masked" if any(f.name == unguarded.__name__ for f in trace) else "escaped"
    return f"{kind} {type(exc).__name__} at {where}"


class Harness:
    """One fuzz target over all readers: decode the bytes as ingest does, ask every reader to sniff, read
    with the reader the registry chooses and with one more reader picked by the input's first byte (so
    every reader's parser is driven even by inputs that do not look like its format)."""

    def __init__(self, out: Path, hang_seconds: float) -> None:
        from generator.ingest.decode import decode_bytes
        from generator.ingest.registry import all_readers, choose_reader

        self.decode = decode_bytes
        self.choose = choose_reader
        self.readers = all_readers()
        self.out = out
        self.hang_seconds = hang_seconds
        self.stats = Stats(reads={type(r).__name__: 0 for r in self.readers},
                           crashes={type(r).__name__: 0 for r in self.readers} | {"registry": 0})
        self.last_write = 0.0
        self.alarm_installed = False
        self.cpu_at_start = 0.0

    def __call__(self, data: bytes) -> None:
        if not self.alarm_installed:  # after libFuzzer's own setup, so ours is the handler that stays
            signal.signal(signal.SIGALRM, self.on_alarm)
            self.alarm_installed = True
        self.stats.executions += 1
        if not data:
            return
        forced = self.readers[data[0] % len(self.readers)]
        decoded = self.decode(data[1:], "fuzz.txt")
        if decoded.text is not None:
            text = decoded.text
            chosen: list[Any] = []
            self.guarded("registry", data, lambda: chosen.extend(self.sniff_and_read_chosen(text)))
            if forced not in chosen:  # already read when the registry chose it
                self.guarded(type(forced).__name__, data, lambda: self.read_with(forced, text))
        self.write_stats()

    def sniff_and_read_chosen(self, text: str) -> list[Any]:
        """Every sniffer once (each is checked, and the slow ones dominate the cost of an execution), then
        the registry's choice made from those scores, and a read with the reader it chose."""
        scores = []
        for reader in self.readers:
            score = reader.sniff(text)
            if not (isinstance(score, float | int) and 0.0 <= score <= 1.0):
                raise ValueError(f"{type(reader).__name__}.sniff returned {score!r}")
            scores.append(KnownScore(reader, score, reader.name))
        chosen = self.choose(text, tuple(scores))
        if chosen is None:
            return []
        reader = cast(KnownScore, chosen).reader
        self.read_with(reader, text)
        return [reader]

    def read_with(self, reader: Any, text: str) -> None:
        self.stats.reads[type(reader).__name__] += 1
        reader.read(text, "fuzz.txt")

    def guarded(self, target: str, data: bytes, run: Callable[[], None]) -> None:
        """Run one target under the time bound; record, rather than stop at, what escapes it. The bound is CPU
        time, not wall time: on a shared machine a nice'd fuzzer waits for the processor, and that is no hang."""
        self.cpu_at_start = time.process_time()
        signal.setitimer(signal.ITIMER_REAL, self.hang_seconds)
        try:
            run()
        except (Exception, Hang) as exc:  # noqa: BLE001 - anything escaping a reader is what we look for
            self.record_crash(target, data, exc)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)

    def on_alarm(self, signum: int, frame: FrameType | None) -> None:
        """The wall-clock alarm rang: a hang only if the input also used the CPU time (libFuzzer's own
        timers live on other signals, so the bound is kept here, on SIGALRM, with -timeout=0)."""
        used = time.process_time() - self.cpu_at_start
        if used >= self.hang_seconds:
            raise Hang(f"input used {used:.1f} s of CPU time")
        signal.setitimer(signal.ITIMER_REAL, self.hang_seconds - used)

    def record_crash(self, target: str, data: bytes, exc: BaseException) -> None:
        key = f"{target}: {crash_key(exc)}"
        self.stats.crashes[target] = self.stats.crashes.get(target, 0) + 1
        if key in self.stats.distinct:
            return
        name = hashlib.sha1(data).hexdigest()[:12]
        self.stats.distinct[key] = name
        (self.out / f"crash-{name}.bin").write_bytes(data)
        (self.out / f"crash-{name}.txt").write_text(
            f"{key}\n\n{''.join(traceback.format_exception(exc))}", encoding="utf-8")
        print(f"\nCRASH {key} -> {self.out / ('crash-' + name)}.bin", flush=True)
        self.write_stats(force=True)

    def write_stats(self, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self.last_write >= STATS_EVERY_SECONDS:
            self.last_write = now
            (self.out / "stats.json").write_text(json.dumps(self.stats.__dict__, indent=1), encoding="utf-8")


def run_worker(corpus: Path, out: Path, seconds: int, hang_seconds: float, keep_guards: bool) -> None:
    """The child process: instrument the project's ingest code, then let libFuzzer drive the harness."""
    import atheris

    with atheris.instrument_imports(include=["generator"]):
        import generator.ingest.registry  # noqa: F401 - imported for its instrumentation
    if not keep_guards:
        print(f"fuzz_ingest: read_guarded removed from {remove_guards()} reader modules", flush=True)
    harness = Harness(out, hang_seconds)
    argv = [sys.argv[0], str(corpus), f"-max_total_time={seconds}", f"-max_len={MAX_INPUT_BYTES}",
            "-timeout=0", "-rss_limit_mb=3072", f"-artifact_prefix={out}/", "-print_final_stats=1"]
    atheris.Setup(argv, harness)
    atheris.Fuzz()


# --- the parent: prepares, runs and reports ---------------------------------------------------------------

def report(out: Path, elapsed: float, returncode: int, runs: int | None) -> int:
    """Print what the worker measured; non-zero when anything crashed."""
    stats_file = out / "stats.json"
    stats = json.loads(stats_file.read_text(encoding="utf-8")) if stats_file.exists() else {}
    crashes = stats.get("crashes", {})
    executions = runs if runs is not None else stats.get("executions", 0)
    print(f"\nfuzz_ingest: {executions} executions in {elapsed:.0f} s "
          f"(worker exit code {returncode}), {sum(crashes.values())} crashing executions, "
          f"{len(stats.get('distinct', {}))} distinct crashes")
    print(f"{'target':<22}{'reads':>10}{'crashes':>10}")
    for target in sorted(crashes):
        print(f"{target:<22}{stats.get('reads', {}).get(target, '-')!s:>10}{crashes[target]:>10}")
    for key, name in stats.get("distinct", {}).items():
        print(f"  {key}  ({out / ('crash-' + name)}.bin)")
    abnormal = returncode != 0 and not stats.get("distinct")
    if abnormal:
        print("the worker died without recording a crash (a hard crash, out of memory or a signal): see its output")
    return 1 if sum(crashes.values()) or abnormal else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=600, help="how long to fuzz (default 600)")
    parser.add_argument("--hang-seconds", type=float, default=10.0,
                        help="CPU-time bound per input and target (default 10)")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "fuzz_ingest",
                        help="where crashes, the grown corpus and stats go")
    parser.add_argument("--keep-guards", action="store_true",
                        help="leave read_guarded in place (count only exceptions that escape it)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    corpus = args.out / "corpus"
    if args.worker:
        run_worker(corpus, args.out, args.seconds, args.hang_seconds, args.keep_guards)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for old in [*args.out.glob("crash-*"), args.out / "stats.json"]:
        old.unlink(missing_ok=True)
    if not corpus.exists():
        print(f"seed corpus: {write_corpus(corpus)} documents in {corpus}")
    else:
        print(f"seed corpus: reusing {corpus} ({sum(1 for _ in corpus.iterdir())} documents)")
    started = time.monotonic()
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", "--seconds", str(args.seconds),
               "--hang-seconds", str(args.hang_seconds), "--out", str(args.out),
               *(["--keep-guards"] if args.keep_guards else [])]
    env = os.environ | {"PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    returncode, runs = run_and_echo(command, env)
    return report(args.out, time.monotonic() - started, returncode, runs)


def run_and_echo(command: list[str], env: dict[str, str]) -> tuple[int, int | None]:
    """Run the worker, passing its output through, and pick libFuzzer's final count of runs out of it
    (the worker's own counts are written every few seconds, so they may lag by the last few)."""
    runs: int | None = None
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          errors="replace") as worker:
        assert worker.stdout is not None
        for line in worker.stdout:
            print(line, end="", flush=True)
            done = re.match(r"Done (\d+) runs", line)
            if done:
                runs = int(done.group(1))
    return worker.returncode, runs


if __name__ == "__main__":
    sys.exit(main())
