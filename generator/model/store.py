"""content/studies/*.yaml on disk: load every record with its line marks, or say which file is bad.

``<id>.incoming.yaml`` files (new extractions waiting for a curator) are not records: builds
ignore them and ``check`` lists them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Diagnostic, error
from .diskcache import PickleStore, code_digest
from .identity import identity_keys
from .stamps import Stamp, file_stamp
from .yamlio import Loaded, YamlError, parse_yaml

INCOMING_SUFFIX = ".incoming.yaml"
MAX_RECORD_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class StoredRecord:
    """A record file as found on disk."""

    path: Path
    rel_path: str
    loaded: Loaded
    #: SHA-256 of the file's bytes as read (what ingest's store keys a settled merge on).
    digest: bytes = b""

    @property
    def data(self) -> dict[str, Any]:
        return self.loaded.data

    @property
    def study_id(self) -> str:
        value = self.data.get("id")
        return value if isinstance(value, str) and value else self.path.stem

    def identity_keys(self) -> list[str]:
        """Keys that match this record to a new extraction (see ingest.pipeline._Matcher)."""
        keys: list[str] = []
        for source in [self.data.get("source"), *(self.data.get("other_sources") or [])]:
            if isinstance(source, dict) and source.get("file"):
                keys.append(f"source:{source['file']}#{source.get('record', 1)}")
        doi = self.data.get("doi")
        title = self.data.get("title")
        return keys + identity_keys(doi=doi if isinstance(doi, str) else None,
                                    title=title if isinstance(title, str) else None,
                                    year=self.data.get("year"))


def record_files(studies_dir: Path) -> list[Path]:
    """Record files in a stable order, without incoming extractions and hidden temp files."""
    if not studies_dir.is_dir():
        return []
    return sorted(p for p in studies_dir.glob("*.yaml") if is_record_name(p.name))


def is_record_name(name: str) -> bool:
    """True for a record's file name in content/studies/ (not an incoming extraction, not a temp file)."""
    return name.endswith(".yaml") and not name.endswith(INCOMING_SUFFIX) and not name.startswith(".")


#: The hidden temporary name ``yamlio.write_text_atomic`` gives a record while writing it:
#: ``.<id>.yaml.<8 random characters of tempfile.mkstemp>.tmp``.
_WRITE_LEFTOVER = re.compile(r"\.[^/]+\.yaml\.[a-z0-9_]{8}\.tmp")


def remove_write_leftovers(studies_dir: Path) -> list[Path]:
    """Remove the temporary files of record writes that a killed run never finished; returns them.

    Only files named exactly as our atomic writer names them are touched, never a user's file.
    Call it while holding the project's lock (model.lockfile): a running writer's file looks the same.
    """
    if not studies_dir.is_dir():
        return []
    leftovers = sorted(p for p in studies_dir.iterdir()
                       if _WRITE_LEFTOVER.fullmatch(p.name) and p.is_file() and not p.is_symlink())
    for path in leftovers:
        path.unlink(missing_ok=True)
    return leftovers


def incoming_files(studies_dir: Path) -> list[Path]:
    return sorted(studies_dir.glob(f"*{INCOMING_SUFFIX}")) if studies_dir.is_dir() else []


#: Where parsed records are kept between runs (see ``RecordMemo.for_project``).
PARSED_CACHE_FILE = Path(".cache") / "records" / "parsed.sqlite3"
#: Bumped when what a stored parse holds changes shape.
PARSED_LAYOUT = b"evidence-brief parsed record 1"


@dataclass
class RecordMemo:
    """Parsed record files by the SHA-256 of their bytes, so one build parses each file once.

    Ingest's merge and the build's loader both read every record; made once per build (or per warm
    preview) and passed to both, the second read costs a file read and a hash instead of a YAML parse.
    Keyed by content, not by (mtime, size), so a same-size save within one clock tick is never missed.
    The parsed data is shared: callers treat it as read-only (as with ``RecordCache``).

    With a ``disk`` store (``for_project``) parses are also kept in the project's .cache/ for later
    runs, under the file's digest and the tool's code: parsing 10,000 records took 12 s of a one-record
    rebuild. A file that does not parse is never stored (its error is worked out again, with its line).
    """

    parsed: dict[bytes, Loaded | YamlError] = field(default_factory=dict)
    disk: PickleStore | None = None
    _pending: list[tuple[bytes, object]] = field(default_factory=list)

    @classmethod
    def for_project(cls, project: Path) -> RecordMemo:
        return cls(disk=PickleStore(project / PARSED_CACHE_FILE, "parsed"))

    def parse(self, text: str, digest: bytes | None = None) -> Loaded:
        """``parse_yaml(text)``, or the result of an earlier call with the same text; raises YamlError.
        ``digest``: the SHA-256 of the text's UTF-8 bytes, when the caller has it already."""
        key = digest or hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
        found = self.parsed.get(key)
        if found is None:
            found = self._stored(key)
        if found is None:
            try:
                found = parse_yaml(text)
                self._keep(key, found)
            except YamlError as exc:
                found = exc
        self.parsed[key] = found
        if isinstance(found, YamlError):
            raise YamlError(found.message, found.line)
        return found

    def _stored(self, key: bytes) -> Loaded | None:
        if self.disk is None:
            return None
        stored_key = _parsed_key(key)
        value = self.disk.get_many([stored_key]).get(stored_key)
        return value if isinstance(value, Loaded) else None

    def _keep(self, key: bytes, loaded: Loaded) -> None:
        if self.disk is not None:
            self._pending.append((_parsed_key(key), loaded))

    def flush(self) -> None:
        """Stores the parses made since the last flush, in one transaction. The file stays open: a live
        preview flushes after every save, and opening it means checking it whole."""
        if self.disk is not None and self._pending:
            self.disk.put_many(self._pending)
        self._pending = []

    def close(self) -> None:
        """Flushes and lets go of the file (a later parse opens it again)."""
        self.flush()
        if self.disk is not None:
            self.disk.close()

    def clear(self) -> None:
        """Forget everything held in memory (a warm preview calls it now and then so old versions do not
        pile up); what was parsed is stored first."""
        self.flush()
        self.parsed.clear()


def _parsed_key(file_digest: bytes) -> bytes:
    return hashlib.sha256(PARSED_LAYOUT + b"\0" + code_digest() + file_digest).digest()


def load_record(path: Path, project: Path,
                memo: RecordMemo | None = None) -> tuple[StoredRecord | None, Diagnostic | None]:
    """One record file, or a diagnostic naming the file and line that cannot be read.

    With a ``memo``, a file whose exact bytes were parsed before in this build is not parsed again.
    """
    rel = path.relative_to(project).as_posix()
    try:
        if path.stat().st_size > MAX_RECORD_BYTES:
            return None, error(rel, "record file is larger than 5 MB", "A study record is a few KB; "
                               "check that the file is the right one")
        data = path.read_bytes()
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None, error(rel, "record is not UTF-8 text", "Save it as UTF-8")
    except OSError as exc:
        return None, error(rel, f"cannot read the record ({exc.strerror})", "Check its permissions")
    try:
        digest = hashlib.sha256(data).digest()
        loaded = memo.parse(text, digest) if memo is not None else parse_yaml(text)
    except YamlError as exc:
        return None, error(rel, f"invalid YAML: {exc.message}", "Fix the YAML syntax at this line",
                           line=exc.line)
    if not isinstance(loaded.data, dict):
        return None, error(rel, "a record must be a YAML mapping of keys to values",
                           "Start the file with 'id: <study-id>' and one key per line", line=1)
    return StoredRecord(path, rel, loaded, digest), None


#: Records already parsed, by project-relative path: (stamp, record, problem). Only a long-running
#: process keeps one; see ``load_records``.
RecordCache = dict[str, tuple[Stamp | None, StoredRecord | None, Diagnostic | None]]


def load_records(studies_dir: Path, project: Path, cache: RecordCache | None = None,
                 memo: RecordMemo | None = None) -> tuple[list[StoredRecord], list[Diagnostic]]:
    """Every readable record and a diagnostic per unreadable one.

    With a ``cache``, files whose stamp has not moved are not parsed again; with a ``memo``, files
    whose bytes were parsed before are not parsed again (callers must treat the records' data as
    read-only in both cases).
    """
    records: list[StoredRecord] = []
    problems: list[Diagnostic] = []
    paths = record_files(studies_dir)
    for path in paths:
        rel = path.relative_to(project).as_posix()
        stamp = file_stamp(path) if cache is not None else None
        hit = cache.get(rel) if cache is not None else None
        if hit is not None and stamp is not None and hit[0] == stamp:
            record, problem = hit[1], hit[2]
        else:
            record, problem = load_record(path, project, memo)
            if cache is not None:
                cache[rel] = (stamp, record, problem)
        if record is not None:
            records.append(record)
        if problem is not None:
            problems.append(problem)
    if cache is not None and len(cache) > len(paths):
        current = {path.relative_to(project).as_posix() for path in paths}
        for gone in set(cache) - current:
            del cache[gone]
    return records, problems
