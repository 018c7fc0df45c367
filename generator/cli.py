"""The ``evidence-brief`` command: parse arguments, run a stage, print diagnostics, set the exit code.

Exit codes: 0 all good, 1 problems found in the user's files, 2 wrong usage, 128 + the signal's
number when stopped by Ctrl-C (130), SIGHUP (129) or SIGTERM (143). A traceback is only shown with
``--debug``: a user's mistake deserves a sentence, not a stack.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import FrameType

from .errors import Diagnostic, EvidenceBriefError, Severity
from .scaffold.command import add_new_command, run_new

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
#: The signals that stop a command the way Ctrl-C does (a terminal closing, a process manager, kill).
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Stopped(KeyboardInterrupt):
    """A stop signal turned into an exception in the main thread, so every ``finally`` on the way
    out runs: staging folders, the preview's temporary site and half-written files are removed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextlib.contextmanager
def stop_signals_raise() -> Iterator[None]:
    """While the command runs, SIGTERM and SIGHUP (and Ctrl-C) raise Stopped; the handlers that were
    there before come back afterwards. A second signal during the clean-up is ignored, so the
    clean-up finishes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}

    def stop(signum: int, frame: FrameType | None) -> None:
        for other in STOP_SIGNALS:
            signal.signal(other, signal.SIG_IGN)
        raise Stopped(signum)

    for signum in STOP_SIGNALS:
        signal.signal(signum, stop)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def stopped_message(command: str, signum: int) -> str:
    """The one line a stopped command prints: what stopped it and what state it left."""
    left = {"build": "; output/ holds a complete site (the previous one unless the new one was done)",
            "ingest": "; the records already written are complete"}.get(command, "")
    return f"{command}: stopped by {signal.Signals(signum).name}{left}"

DESCRIPTION = """\
Evidence Brief turns study documents into a citable website.

  seeds/            the source documents (RIS, BibTeX, MEDLINE, CSL-JSON, Web of Science,
                    text copied from article pages); never edited by the tool
  content/studies/  one YAML record per study, written by 'ingest', reviewed and edited by you
  output/           the website written by 'build'

Typical use:  evidence-brief ingest   then review content/studies/,  then evidence-brief build
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="evidence-brief", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action=_VersionAction)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add(commands, "ingest", "read every file in seeds/ and write or update content/studies/*.yaml",
         "Reads each document in seeds/, recognises its format from its content, and writes one "
         "record per study to content/studies/<id>.yaml. Hand edits to records are kept; when a "
         "changed source disagrees with a hand edit, the new extraction is written beside the "
         "record as <id>.incoming.yaml for you to review. A record that fails the plausibility checks "
         "is written with status: needs-review (not published) and ingest exits 1.")
    build = _add(commands, "build", "ingest new or changed seeds, then write the website to output/",
                 "Runs ingest, then renders the site into output/. A build with errors leaves output/ as it was. "
                 "When nothing has changed since the last build (.cache/build-manifest.json), nothing is written "
                 "and the last build's warnings are repeated.")
    build.add_argument("--keep-going", action="store_true",
                       help="write the site to output/ even when there are errors (to look at it locally)")
    serve = _add(commands, "serve", "build, serve the site on 127.0.0.1 and reload it on changes",
                 "Builds the site, serves it locally and rebuilds when a file changes.")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: %(default)s)")
    serve.add_argument("--open", action="store_true", help="open the site in a browser")
    _add(commands, "check", "validate records, settings, themes and citations without writing anything (for CI)",
         "Validates content/studies/*.yaml against the record schema, site.yaml, the theme files in "
         "content/themes/, and every study the brief's text and findings cite; lists incoming extractions "
         "and records waiting for review, and records whose source files have gone from seeds/. Writes "
         "nothing. Exits 1 when there is an error.")
    add_new_command(commands)
    _add(commands, "pdf", "build if needed, then save the printable brief (/brief/) as a PDF",
         "Prints output/brief/index.html to PDF with headless Chromium (built first when output/ is missing "
         "or older than the brief's files). Without Chromium it says how to install it and exits 1."
         ).add_argument("--output", type=Path, metavar="FILE", help="the PDF to write (default: DIR/brief.pdf)")
    _add(commands, "clean", "remove output/, .cache/ and what interrupted builds left (never seeds/ or content/)",
         "Removes what build and serve wrote: output/, .cache/ and staging folders of interrupted builds. "
         "Sources (seeds/, content/, templates/, site.yaml) are never touched; build gives everything back."
         ).add_argument("--dry-run", action="store_true", help="only print what would be removed")
    _add(commands, "list", "list the studies: id (to cite as [@id]), year, first author, status",
         "Prints one line per record of content/studies/, sorted by id. Records that fail validation are "
         "listed as invalid, with a warning.").add_argument("--format", choices=("table", "csv"), default="table",
                                                      help="table to read, csv for a spreadsheet (default: table)")
    return parser


def _add(commands: argparse._SubParsersAction, name: str, summary: str,
         description: str) -> argparse.ArgumentParser:
    sub = commands.add_parser(name, help=summary, description=description)
    sub.add_argument("--project", type=Path, default=Path("."), metavar="DIR",
                     help="the brief's folder, holding seeds/ and content/ (default: the current folder)")
    sub.add_argument("--strict", action="store_true", help="treat warnings as problems (exit 1)")
    sub.add_argument("--quiet", "-q", action="store_true", help="print only warnings and errors")
    sub.add_argument("--debug", action="store_true", help="show tracebacks of unexpected failures")
    return sub


class _VersionAction(argparse.Action):
    """``--version``, looked up only when asked for: reading the package's metadata costs about 0.1 s,
    which every other command (a build with nothing to do above all) would pay first."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **kwargs: object) -> None:
        super().__init__(option_strings, dest=dest, default=argparse.SUPPRESS, nargs=0,
                         help="show program's version number and exit")

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        print(f"{parser.prog} {_version()}")  # on stdout, as argparse's own version action prints it
        parser.exit()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("evidence-brief")
    except PackageNotFoundError:
        return "unknown"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    project: Path = args.project
    if not project.is_dir():
        parser.exit(EXIT_USAGE, f"{project}: error: project folder not found. Pass an existing folder to "
                                f"--project, or run the command inside the brief's folder.\n")
    tune_garbage_collector()
    with stop_signals_raise():
        try:
            try:
                diagnostics = _run(args.command, project.resolve(), args)
            except EvidenceBriefError as exc:
                diagnostics = [exc.diagnostic]
            return _report(diagnostics, strict=args.strict, quiet=args.quiet)
        except KeyboardInterrupt as exc:
            signum = exc.signum if isinstance(exc, Stopped) else int(signal.SIGINT)
            with contextlib.suppress(OSError):  # after SIGHUP the terminal may be gone
                print(stopped_message(args.command, signum), file=sys.stderr)
            return 128 + signum
        except Exception as exc:  # pragma: no cover - last resort, a bug of ours
            if args.debug:
                raise
            print(f"evidence-brief: internal error: {type(exc).__name__}: {exc}. Run again with --debug and "
                  "report the traceback.", file=sys.stderr)
            return EXIT_PROBLEMS


#: Allocations between young collections (CPython's default is 700), and how rarely the older two run.
GC_THRESHOLDS = (50_000, 50, 100)


def tune_garbage_collector() -> None:
    """Collect cycles far less often than CPython's defaults. A build holds every study, view and page at
    once (a million objects and more) and makes few reference cycles; with the defaults the collector
    walked that heap again and again: at 10,000 studies 8.5 s of collections, and a one-record rebuild took
    78 s instead of 59 s, with the same peak memory."""
    gc.set_threshold(*GC_THRESHOLDS)


def _run(command: str, project: Path, args: argparse.Namespace) -> list[Diagnostic]:
    if command == "new":
        return run_new(args)
    if command == "ingest":
        return _ingest(project, quiet=args.quiet)
    if command == "check":
        from .check import check_project

        return check_project(project)
    if command == "build":
        from .build import build_site
        from .progress import Progress

        result = build_site(project, on_wait=_say, keep_going=args.keep_going,
                            progress=Progress.for_stream(sys.stderr, quiet=args.quiet))
        errors = sum(d.is_error for d in result.diagnostics)
        if result.up_to_date:
            if not args.quiet:
                print(f"build: nothing changed since the last build; {result.output_dir} is up to date",
                      file=sys.stderr)
        elif not result.written:
            print(f"build: output/ left unchanged: {errors} error(s); fix them, or use --keep-going to write the "
                  "site anyway for local inspection", file=sys.stderr)
        elif not args.quiet:
            print(f"build: {len(result.pages)} pages written to {result.output_dir}"
                  + (f" despite {errors} error(s) (--keep-going)" if errors else ""), file=sys.stderr)
        return result.diagnostics
    if command == "serve":
        from .serve import serve_project

        return serve_project(project, host=args.host, port=args.port, open_browser=args.open, quiet=args.quiet)
    if command == "pdf":
        from .pdf import write_pdf

        return write_pdf(project, args.output, say=None if args.quiet else _say)
    if command == "clean":
        from .clean import clean_project

        return clean_project(project, dry_run=args.dry_run, on_wait=_say)
    if command == "list":
        from .listing import list_project

        return list_project(project, output_format=args.format)
    raise ValueError(f"unknown command {command!r}")  # argparse only lets known commands through


def _ingest(project: Path, *, quiet: bool) -> list[Diagnostic]:
    from .ingest.persist import IngestStore
    from .ingest.pipeline import IngestMemo, ingest_project
    from .model.lockfile import project_lock
    from .model.store import RecordMemo

    store, parsed = IngestStore.for_project(project), RecordMemo.for_project(project)
    with project_lock(project, "ingest", on_wait=_say):
        try:
            report = ingest_project(project, IngestMemo(parsed=parsed, store=store))
        finally:
            store.close()
            parsed.close()
    if not quiet:
        print(f"ingest: {len(report.written)} written, {len(report.unchanged)} unchanged, "
              f"{len(report.incoming)} incoming for review, {len(report.rejected_files)} file(s) rejected",
              file=sys.stderr)
    return report.diagnostics


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _report(diagnostics: list[Diagnostic], *, strict: bool, quiet: bool) -> int:
    diagnostics = list(dict.fromkeys(diagnostics))  # each problem once, however many stages met it
    for diagnostic in sorted(diagnostics, key=lambda d: (d.location.path, d.location.line or 0)):
        if quiet and diagnostic.severity is Severity.INFO:
            continue
        print(diagnostic.format(), file=sys.stderr)
    errors = sum(d.is_error for d in diagnostics)
    warnings = sum(d.severity is Severity.WARNING for d in diagnostics)
    if errors or warnings:
        why = "; --strict treats warnings as failures" if strict and warnings and not errors else ""
        print(f"{errors} error(s), {warnings} warning(s){why}", file=sys.stderr)
    return EXIT_PROBLEMS if errors or (strict and warnings) else EXIT_OK
