"""``evidence-brief ingest``: seeds/ to content/studies/, one reviewed YAML record per study.

The orchestration only: read each seed (decode, sniff, read), group extractions of the same
study, match them to the records already on disk, merge with curators' edits, write atomically.
A bad seed costs only itself; a record on disk that cannot be read stops all writing, because
we could no longer tell which study it holds and might write a duplicate.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from ..errors import Diagnostic, error, info, warning
from ..model.identity import StudyIdentity, compare, identity_keys
from ..model.record import NEEDS_REVIEW, is_orphan, missing_files, source_files
from ..model.schema import NEEDS_REVIEW_FIX, missing_facts_warning, orphan_warning
from ..model.stamps import Stamp, file_stamp
from ..model.store import RecordCache, RecordMemo, StoredRecord, load_records, remove_write_leftovers
from ..model.vocabulary import Vocabulary, load_vocabulary
from ..model.yamlio import dump_yaml, write_text_atomic
from .curation import Review, merge_with_existing, new_record
from .decode import decode_bytes, size_problem
from .derive import derive
from .persist import IngestStore
from .records import Found, SourceRef, build_record, found_identity, group_studies
from .registry import choose_reader
from .slugs import base_slug, unique_slug

INCOMING_SUFFIX = ".incoming.yaml"
# Below this many bytes of seeds to read, starting worker processes costs more than it saves (measured:
# see _worth_a_pool). Above it, seeds are read, parsed and their fields derived on every core.
POOL_MIN_BYTES = 200_000


@dataclass
class IngestReport:
    """What ingest did: files written and the problems it reports (errors make exit code 1)."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    incoming: list[str] = field(default_factory=list)
    rejected_files: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


@dataclass
class IngestMemo:
    """What a long-running process (the live preview) keeps between ingests, keyed by file stamps.

    With it a changed seed costs reading that seed and re-merging its own studies: unchanged seeds
    are not read again, unchanged records not parsed again, and a study whose sources and record
    are exactly as last time is not rebuilt (its diagnostics are replayed). The result is the same
    as a fresh ingest; a one-shot ``ingest`` simply starts with an empty memo.
    """

    seeds: dict[str, tuple[Stamp, list[Found], list[Diagnostic]]] = field(default_factory=dict)
    records: RecordCache = field(default_factory=dict)
    #: Parsed record files by content: the build's loader reads the same files after ingest (see store.RecordMemo).
    parsed: RecordMemo = field(default_factory=RecordMemo)
    settled: dict[tuple[object, ...], list[Diagnostic]] = field(default_factory=dict)
    #: What earlier runs left in the project's .cache/ (ingest/persist.py); by default nothing.
    store: IngestStore = field(default_factory=IngestStore.disabled)

    def read_seeds(self, paths: list[Path], project: Path,
                   vocabulary: Vocabulary | None) -> list[tuple[list[Found], list[Diagnostic]]]:
        """What each seed holds, in the order given: unchanged seeds from the memo or the store, the
        others read (on every core when there are enough of them). ``vocabulary`` (None when it has
        errors) lets the workers derive each study's fields too; the result is the same as reading one
        by one."""
        stamps = {path: file_stamp(path) for path in paths}
        known: dict[Path, tuple[list[Found], list[Diagnostic]]] = {}
        for path in paths:
            hit = self.seeds.get(path.relative_to(project).as_posix())
            if hit is not None and stamps[path] is not None and hit[0] == stamps[path]:
                known[path] = (hit[1], hit[2])
        fresh = [path for path in paths if path not in known]
        keys = self._store_keys(fresh, project, vocabulary)
        stored = self.store.seeds(list(keys.values()), vocabulary)
        readings = {path: stored[keys[path]] for path in fresh if keys.get(path) in stored}
        unread = [path for path in fresh if path not in readings]
        for path, reading in zip(unread, _read_unread(unread, project, vocabulary)):
            readings[path] = reading
            if path in keys:
                self.store.keep_seed(keys[path], *reading)
        self.store.flush()
        for path, (found, diagnostics) in readings.items():
            stamp = stamps[path]
            if stamp is not None:
                self.seeds[path.relative_to(project).as_posix()] = (stamp, found, diagnostics)
        known.update(readings)
        return [known[path] for path in paths]

    def _store_keys(self, paths: list[Path], project: Path, vocabulary: Vocabulary | None) -> dict[Path, bytes]:
        """The store's key of each seed's bytes as they are now (a seed that cannot be read has none)."""
        if not self.store.enabled:
            return {}
        keys: dict[Path, bytes] = {}
        for path in paths:
            try:
                keys[path] = self.store.seed_key(path.relative_to(project).as_posix(), path.read_bytes(), vocabulary)
            except OSError:
                continue  # read_seed says why
        return keys

    def settled_key(self, group: list[Found], record: StoredRecord, incoming: Path) -> tuple[object, ...]:
        """Everything a merge depends on: the exact source records (with their files' digests), the
        record file and the pending incoming file, each by stamp."""
        return (tuple(item.source for item in group), record.rel_path, file_stamp(record.path), file_stamp(incoming))


def seed_files(project: Path) -> list[Path]:
    """Every regular, visible file under seeds/, in a stable order."""
    seeds = project / "seeds"
    if not seeds.is_dir():
        return []
    return sorted(p for p in seeds.rglob("*") if p.is_file() and not any(
        part.startswith(".") for part in p.relative_to(seeds).parts))


def read_seed(path: Path, project: Path) -> tuple[list[Found], list[Diagnostic]]:
    """All studies in one seed file, or diagnostics saying why there are none."""
    rel = path.relative_to(project).as_posix()
    try:
        too_large = size_problem(path.stat().st_size, rel)  # before reading it into memory
        if too_large is not None:
            return [], [too_large]
        data = path.read_bytes()
    except OSError as exc:
        return [], [error(rel, f"cannot read the file ({exc.strerror})", "Check its permissions")]
    decoded = decode_bytes(data, rel)
    diagnostics = list(decoded.diagnostics)
    if decoded.text is None:
        return [], diagnostics
    reader = choose_reader(decoded.text)
    if reader is None:
        diagnostics.append(error(rel, "format not recognised: could not tell which kind of document this is "
                                      "(reference-manager export, database table or copied article page)",
                                 "Export the study as RIS or BibTeX, or see 'Source formats' in the README"))
        return [], diagnostics
    try:
        result = reader.read(decoded.text, rel)
    except Exception as exc:  # a reader bug must not cost the other seeds
        diagnostics.append(error(rel, f"the {reader.name} reader failed ({type(exc).__name__}: {exc})",
                                 "Report this file to the Evidence Brief maintainers"))
        return [], diagnostics
    diagnostics.extend(result.diagnostics)
    digest = hashlib.sha256(data).hexdigest()
    found = [Found(extraction, SourceRef(rel, index, extraction.line, digest,
                                              extraction.format or reader.name))
             for index, extraction in enumerate(result.records, start=1) if extraction.title]
    if not found and not any(d.is_error for d in diagnostics):
        why = "see the warnings about its records" if diagnostics else "no record has a title"
        diagnostics.append(error(rel, f"read as {reader.name}, but no study was ingested from it ({why})",
                                 "Check that the export holds at least one complete record"))
    return found, diagnostics


def _read_unread(paths: list[Path], project: Path,
                 vocabulary: Vocabulary | None) -> list[tuple[list[Found], list[Diagnostic]]]:
    """Each seed read, in order: in worker processes when that pays, else here one by one."""
    if not _worth_a_pool(paths):
        return [read_seed(path, project) for path in paths]
    context = multiprocessing.get_context("fork")
    with context.Pool(min(_usable_cores(), len(paths)), initializer=_worker_ignores_stop_keys) as pool:
        # terminated on leaving, also when a stop signal raises here: no worker outlives the run
        return list(pool.imap(partial(_read_and_derive, project=project, vocabulary=vocabulary), paths))


def _worth_a_pool(paths: list[Path]) -> bool:
    """Workers pay only with two cores, two seeds and enough bytes. They are forked, which is only safe
    from a process with a single thread (the live preview, with its server threads, reads here)."""
    if len(paths) < 2 or _usable_cores() < 2 or threading.active_count() > 1 \
            or "fork" not in multiprocessing.get_all_start_methods():
        return False
    return sum(_size(path) for path in paths) >= POOL_MIN_BYTES


def _usable_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # read_seed reports it


def _worker_ignores_stop_keys() -> None:
    """Ctrl-C reaches the whole process group: the parent handles it and ends the workers (SIGTERM, which
    workers let kill them). A worker inherits the parent's handlers, which would raise inside a task."""
    for signum in (signal.SIGINT, getattr(signal, "SIGHUP", signal.SIGINT)):
        signal.signal(signum, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _read_and_derive(path: Path, project: Path, vocabulary: Vocabulary | None) -> tuple[list[Found], list[Diagnostic]]:
    """A worker's task: one seed read, and each study's derived fields worked out (writes nothing)."""
    found, diagnostics = read_seed(path, project)
    if vocabulary is None:
        return found, diagnostics
    return list(_with_derived(found, vocabulary)), diagnostics


def _with_derived(found: list[Found], vocabulary: Vocabulary) -> Iterator[Found]:
    for item in found:
        try:
            derived = derive(item.extraction, vocabulary)
        except Exception:  # noqa: BLE001 - left to the merge, which fails on it as a serial run does
            yield item
            continue
        yield Found(item.extraction, item.source, derived=(vocabulary, derived))


def ingest_project(project: Path, memo: IngestMemo | None = None, *, report_orphans: bool = True) -> IngestReport:
    """Run ingest over ``project``; see the module docstring for what is written when.

    ``report_orphans=False`` is for callers that go on to assemble the site, which names orphaned
    records itself (``build.assemble_site``), so each is reported once. Callers hold the project's
    lock (``model.lockfile.project_lock``), so every temporary record file is this run's or a killed
    run's: ingest removes them first, and again when it is stopped (a stop signal can land while a
    write's temporary file exists but before the writer could name it for its own clean-up).
    """
    studies_dir = project / "content" / "studies"
    remove_write_leftovers(studies_dir)
    try:
        return _ingest(project, studies_dir, memo if memo is not None else IngestMemo(), report_orphans)
    except BaseException:
        remove_write_leftovers(studies_dir)
        raise


def _ingest(project: Path, studies_dir: Path, memo: IngestMemo, report_orphans: bool) -> IngestReport:
    report = IngestReport()
    stored, load_problems = load_records(studies_dir, project, memo.records, memo=memo.parsed)
    report.diagnostics.extend(load_problems)
    found: list[Found] = []
    seeds = seed_files(project)
    vocabulary, vocabulary_problems = load_vocabulary(project)  # settings would be derived from the wrong words
    for path, (items, diagnostics) in zip(seeds, memo.read_seeds(seeds, project,
                                                                 None if vocabulary_problems else vocabulary)):
        found.extend(items)
        report.diagnostics.extend(diagnostics)
        if not items:
            report.rejected_files.append(path.relative_to(project).as_posix())
    if not seeds:
        report.diagnostics.append(warning("seeds", "no source documents found",
                                          "Put reference-manager exports or copied pages in seeds/"))
    if any(d.is_error for d in load_problems):
        report.diagnostics.append(error("content/studies", "no record was written because a record "
                                        "above cannot be read", "Fix that YAML file and run ingest again"))
        return report
    if vocabulary_problems:
        report.diagnostics.extend(vocabulary_problems)
        return report
    grouping = group_studies(found)
    report.diagnostics.extend(grouping.notes)
    handled = _write_studies(grouping.groups, stored, studies_dir, project, report, memo, vocabulary)
    if report_orphans:
        _report_orphans([record for record in stored if record.rel_path not in handled], project, report)
    return report


def _report_orphans(records: list[StoredRecord], project: Path, report: IngestReport) -> None:
    """Records no seed matched whose source files have all disappeared (unless kept on purpose)."""
    for record in records:
        files = source_files(record.data)
        if is_orphan(files, project) and record.data.get("keep_without_source") is not True:
            report.diagnostics.append(orphan_warning(record.rel_path, missing_files(files, project)))


def _write_studies(groups: list[list[Found]], stored: list[StoredRecord], studies_dir: Path,
                   project: Path, report: IngestReport, memo: IngestMemo, vocabulary: Vocabulary) -> set[str]:
    """Write a record per group; returns the paths of the records on disk that a group matched."""
    handled: set[str] = set()
    matcher = _Matcher(stored)
    taken = {record.study_id for record in stored}
    for group in groups:
        existing = matcher.match(group)
        if existing is None:
            first = group[0].extraction
            study_id = unique_slug(base_slug(first.title, first.authors[0] if first.authors else None,
                                             first.year), taken)
            taken.add(study_id)
            record, review = new_record(build_record(group, study_id, vocabulary))
            first_diagnostic = len(report.diagnostics)
            written = _write(studies_dir / f"{study_id}.yaml", record, project, report, review=review)
            _keep_new_as_settled(memo.store, group, written, vocabulary, report.diagnostics[first_diagnostic:])
            continue
        handled.add(existing.rel_path)
        incoming_path = studies_dir / f"{existing.study_id}{INCOMING_SUFFIX}"
        replay = memo.settled.get(_settled_key(memo, group, existing, incoming_path, vocabulary))
        if replay is None:
            replay = memo.store.settled(_stored_settled_key(memo.store, group, existing, incoming_path, vocabulary,
                                                            existing.digest))
        if replay is not None:  # same sources, same record as last time: nothing to merge or write
            report.unchanged.append(existing.rel_path)
            report.diagnostics.extend(replay)
            continue
        first_diagnostic, writes = len(report.diagnostics), len(report.written)
        _merge_into(existing, group, incoming_path, project, report, vocabulary)
        # keyed after the merge: it may have written the incoming file whose presence the key records
        settled = report.diagnostics[first_diagnostic:]
        memo.settled[_settled_key(memo, group, existing, incoming_path, vocabulary)] = settled
        record_digest = existing.digest if len(report.written) == writes else None  # None: read it again
        memo.store.keep_settled(_stored_settled_key(memo.store, group, existing, incoming_path, vocabulary,
                                                    record_digest), settled)
    memo.store.flush()
    return handled


def _keep_new_as_settled(store: IngestStore, group: list[Found], written: bytes, vocabulary: Vocabulary,
                         diagnostics: list[Diagnostic]) -> None:
    """A record just written from ``group`` is what merging ``group`` into it again would settle on: the
    merge keeps every field (none was edited), finds the same plausibility problems (the reasons are
    already noted, so a needs-review record stays so) and writes the same bytes. Storing that now spares
    the first build after a cold one from merging every study (4,000 merges, ~8 s at 4,000 studies)."""
    if store.enabled:
        key = store.settled_key([item.source for item in group], hashlib.sha256(written).digest(), None, vocabulary)
        store.keep_settled(key, diagnostics)


def _stored_settled_key(store: IngestStore, group: list[Found], existing: StoredRecord, incoming_path: Path,
                        vocabulary: Vocabulary, record_digest: bytes | None = None) -> bytes:
    """The store's key of a settled merge: as ``_settled_key``, by the files' contents rather than their stamps
    (a later run is another process, and a save within one clock tick must not go unseen). ``record_digest``:
    the record's as loaded (default), or None when the merge rewrote it."""
    if not store.enabled:
        return b""
    if record_digest is None:
        record_digest = hashlib.sha256(_bytes_or_none(existing.path) or b"").digest()
    return store.settled_key([item.source for item in group], record_digest, _bytes_or_none(incoming_path),
                             vocabulary)


def _bytes_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _settled_key(memo: IngestMemo, group: list[Found], existing: StoredRecord, incoming_path: Path,
                 vocabulary: Vocabulary) -> tuple[object, ...]:
    """What a settled merge depends on: its sources, the record and incoming file on disk, and the brief's
    vocabulary (a new vocabulary derives settings again)."""
    return (*memo.settled_key(group, existing, incoming_path), vocabulary)


def _merge_into(existing: StoredRecord, group: list[Found], incoming_path: Path, project: Path,
                report: IngestReport, vocabulary: Vocabulary) -> None:
    """Merge a new extraction into a record on disk: hand edits kept, or an incoming file when they clash."""
    fresh = build_record(group, existing.study_id, vocabulary)
    merged = merge_with_existing(existing.data, fresh)
    if merged.incoming is not None:
        _write(incoming_path, merged.incoming, project, report, incoming=True)
        report.diagnostics.append(warning(
            existing.rel_path, f"hand edits and a new extraction disagree on "
            f"{', '.join(merged.conflicting_fields)}; the record was kept as it is",
            f"Compare with {incoming_path.relative_to(project).as_posix()}, copy what you want "
            "into the record, then delete the .incoming.yaml file"))
        return
    incoming_path.unlink(missing_ok=True)
    if merged.kept_edits:
        report.diagnostics.append(info(existing.rel_path, "kept hand edits to " + ", ".join(merged.kept_edits)))
    _write(existing.path, merged.record, project, report, review=merged.review)


def _report_gaps(record: dict[str, Any], rel: str, report: IngestReport) -> None:
    """Tell the curator what the sources left open: key facts missing, sources disagreeing, reports
    merged although their DOIs differ. A message about one record of a file names its line."""
    missing = missing_facts_warning(record, rel)
    if missing is not None:
        report.diagnostics.append(missing)
    conflicts = record.get("conflicts") or []
    disagreeing = [c["field"] for c in conflicts]
    if disagreeing:
        report.diagnostics.append(info(rel, f"sources disagree on {', '.join(disagreeing)}; the first "
                                            "source's values were kept", "See 'conflicts' in the record"))
    dois = [str(v["value"]) for c in conflicts if c["field"] == "doi" for v in c["values"]]
    if len(dois) > 1 and record.get("verified") is not True:
        report.diagnostics.append(warning(
            rel, f"merged reports with different DOIs ({', '.join(dois)}) as one study, because their title, "
                 "year and authors match (a conference abstract and its paper, or a preprint and its article)",
            f"Check that they are one study and set 'verified: true' in {rel}; if they are two, make their "
            "titles or years differ in the sources"))


def _write(path: Path, record: dict[str, Any], project: Path, report: IngestReport, *,
           incoming: bool = False, review: Review | None = None) -> bytes:
    """Writes ``record`` (unless the file holds it already) and reports on it; returns the file's bytes."""
    rel = path.relative_to(project).as_posix()
    if not incoming:
        _report_gaps(record, rel, report)
    text = dump_yaml(record)
    changed = write_text_atomic(path, text)
    (report.incoming if incoming else report.written if changed else report.unchanged).append(rel)
    if review is not None:
        _report_review(review, record, rel, text, report)
    return text.encode("utf-8")  # what write_text_atomic wrote


def _report_review(review: Review, record: dict[str, Any], rel: str, text: str, report: IngestReport) -> None:
    """An error for a record written for review (exit code 1), a warning when a person's status keeps
    a doubtful record published, a note when a record passes the checks again."""
    line = next((n for n, row in enumerate(text.splitlines(), start=1) if row.startswith("status:")), None)
    source = record.get("source") or {}
    origin = f"{source.get('file')}:{source.get('line')}" if source.get("line") else str(source.get("file"))
    reasons = "; ".join(review.reasons)
    if review.status == NEEDS_REVIEW and review.reasons and not review.person_owns_status:
        report.diagnostics.append(error(rel, f"written with status: needs-review and not published; read from "
                                             f"{origin}: {reasons}", NEEDS_REVIEW_FIX, line=line))
    elif review.person_owns_status and review.status == "included" and review.new_reasons:
        report.diagnostics.append(warning(
            rel, f"a person set status: included, so it stays published, but ingest doubts it (read from "
                 f"{origin}): {'; '.join(review.new_reasons)}",
            "Check these fields against the source; they are listed under extraction_notes", line=line))
    elif review.lifted:
        report.diagnostics.append(info(rel, "passes the plausibility checks now; status set back to included",
                                       line=line))


class _Matcher:
    """Finds the record on disk a group of new extractions belongs to, by the rules that group them.

    In order of trust: the record read from the same source record (unless nothing links the two
    any more: records of an edited file shift, and the study now at that position is another one),
    a shared DOI, then a shared title and year that no author list or DOI contradicts. Each record
    on disk is matched once.
    """

    def __init__(self, stored: list[StoredRecord]) -> None:
        self._by_key: dict[str, list[StoredRecord]] = {}
        for record in stored:
            for key in record.identity_keys():
                self._by_key.setdefault(key, []).append(record)
        self._used: set[str] = set()

    def match(self, group: list[Found]) -> StoredRecord | None:
        identities: list[StudyIdentity] = []  # worked out only when some record shares a key
        source_keys, doi_keys, title_keys = _group_keys(group)
        for keys, accepts in ((source_keys, _still_linked), (doi_keys, _any_record), (title_keys, _same_by_title)):
            for key in keys:
                for record in self._by_key.get(key, []):
                    if record.study_id in self._used:
                        continue
                    identities = identities or [found_identity(item) for item in group]
                    if accepts(_record_identity(record), identities):
                        self._used.add(record.study_id)
                        return record
        return None


def _group_keys(group: list[Found]) -> tuple[list[str], list[str], list[str]]:
    """The group's lookup keys by kind: its exact source records, its DOIs, its titles with years."""
    sources = [f"source:{item.source.file}#{item.source.record}" for item in group]
    identity = [key for item in group for key in identity_keys(
        doi=item.extraction.doi, title=item.extraction.title, year=item.extraction.year)]
    return (sources, [k for k in identity if k.startswith("doi:")], [k for k in identity if k.startswith("title:")])


def _record_identity(record: StoredRecord) -> StudyIdentity:
    data = record.data
    return StudyIdentity.of(doi=data.get("doi"), title=data.get("title"), year=data.get("year"),
                            authors=data.get("authors"))


def _still_linked(record: StudyIdentity, group: list[StudyIdentity]) -> bool:
    """A record from the same source position still holds the group's study if anything links them:
    the DOI, the title, or an author (a corrected title or author list keeps its record)."""
    return any((item.doi and item.doi == record.doi) or (item.title and item.title == record.title)
               or item.shares_authors(record) for item in group)


def _any_record(record: StudyIdentity, group: list[StudyIdentity]) -> bool:
    """A shared DOI is an identity."""
    return True


def _same_by_title(record: StudyIdentity, group: list[StudyIdentity]) -> bool:
    verdicts = [compare(item, record) for item in group]
    return any(v.same_study for v in verdicts) and not any(v.kept_apart for v in verdicts)
