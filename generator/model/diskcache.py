"""A key-value store in one SQLite file under a project's ``.cache/``: what builds keep for the next one.

Every value is a pure function of its key (callers put the content hashes of all it depends on into
the key), so the store only ever saves time. SQLite gives atomic writes and safe use by two processes
(a ``serve`` and a ``build``) for free. A file that is not a database, or is damaged, is deleted and made
again; a file that cannot be used (locked too long, read-only, disk full) leaves the caller working in
memory. Every value carries a keyed checksum of its key and bytes, so a damaged value, or one moved to
another key, is a miss, never a wrong answer. Deleting ``.cache/`` is always safe.

Values that are pickles (see ``PickleStore``) are signed with a secret kept outside the project, in the
user's own cache folder: a ``.cache/`` folder that arrived with a project (committed to a repository,
say) was signed with another secret, so its values are misses and are never unpickled.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from types import TracebackType

#: How long a process waits for another one's write before treating the store as unavailable.
BUSY_SECONDS = 10.0
_COLUMNS = [("key", "BLOB"), ("value", "BLOB"), ("digest", "BLOB")]
SECRET_NAME = "cache-secret"


class DiskCache:
    """One table of (key, value) pairs in one SQLite file, opened on first use.

    ``secret`` keys the checksum of every value; without one the checksum still catches damage.
    ``generation``: when every key embeds something that changes between versions (the tool's code
    digest), the entries of another generation can never be asked for again; the table is emptied when
    it is opened by a new one, instead of growing by a copy of everything with each version.
    """

    def __init__(self, path: Path | None, table: str, secret: bytes = b"", generation: bytes = b"") -> None:
        if not table.isidentifier():
            raise ValueError(f"not a table name: {table!r}")
        self._path = path
        self._table = table
        self._secret = secret
        self._generation = generation
        self._db: sqlite3.Connection | None = None
        self._opened = path is None

    @property
    def path(self) -> Path | None:
        """The database file (None: nothing is kept)."""
        return self._path

    def __enter__(self) -> DiskCache:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Closes the database; a later lookup reopens it."""
        if self._db is not None:
            self._db.close()
            self._db = None
        self._opened = self._path is None

    def read_many(self, keys: list[bytes]) -> dict[bytes, bytes]:
        """The stored values among ``keys``; damaged ones are left out (and later replaced)."""
        found: dict[bytes, bytes] = {}
        for chunk in _chunks(keys, 500):
            marks = ",".join("?" * len(chunk))
            for key, value, digest in self._query(
                    f"SELECT key, value, digest FROM {self._table} WHERE key IN ({marks})", chunk):
                if isinstance(value, bytes) and isinstance(digest, bytes) \
                        and hmac.compare_digest(self._digest(bytes(key), value), digest):
                    found[bytes(key)] = value
        return found

    def write(self, entries: Iterable[tuple[bytes, bytes]]) -> None:
        """Stores values in one transaction; a failed write only costs a later miss."""
        rows = [(key, value, self._digest(key, value)) for key, value in entries]
        db = self._connection() if rows else None
        if db is None:
            return
        try:
            with db:
                db.executemany(f"INSERT OR REPLACE INTO {self._table} (key, value, digest) VALUES (?, ?, ?)", rows)
        except sqlite3.Error as problem:
            self._give_up(problem)

    def _digest(self, key: bytes, value: bytes) -> bytes:
        return hashlib.blake2b(len(key).to_bytes(4, "big") + key + value, key=self._secret[:64],
                               digest_size=16).digest()

    def _query(self, sql: str, parameters: list[bytes]) -> list[tuple[bytes, object, object]]:
        db = self._connection()
        if db is None:
            return []
        try:
            return db.execute(sql, parameters).fetchall()
        except sqlite3.Error as problem:
            self._give_up(problem)
            return []

    def _connection(self) -> sqlite3.Connection | None:
        if not self._opened:
            self._opened = True
            self._db = self._open()
        return self._db

    def _open(self) -> sqlite3.Connection | None:
        assert self._path is not None
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        for _attempt in range(2):
            try:
                db = _checked_connection(self._path, self._table)
                if self._generation:
                    _start_generation(db, self._table, self._generation)
                return db
            except sqlite3.Error as problem:
                if not _is_damage(problem):
                    return None  # locked, read-only or out of space: nothing is deleted
                _delete_database(self._path)  # not a database, or a damaged one: start again
        return None

    def _give_up(self, problem: sqlite3.Error) -> None:
        """The file failed in use: go on without it; a damaged file is made again next time."""
        if self._db is not None:
            self._db.close()
            self._db = None
        if _is_damage(problem) and self._path is not None:
            _delete_database(self._path)


class PickleStore:
    """Python objects by key in a ``DiskCache`` signed with the user's secret (see the module docstring).

    Without a secret (no writable user cache folder) nothing is kept: every lookup is a miss. Callers put
    the tool's code digest into every key, so the table's generation is that digest: a new version of
    the tool starts with an empty table rather than a file that holds every earlier version's entries.
    """

    def __init__(self, path: Path | None, table: str) -> None:
        self._path = path
        self._table = table
        self._opened: DiskCache | None = None

    @property
    def _cache(self) -> DiskCache:
        """The signed store, made on first use (only then is the user's secret read, or made)."""
        if self._opened is None:
            secret = user_secret() if self._path is not None else None
            self._opened = DiskCache(self._path if secret else None, self._table, secret or b"", code_digest())
        return self._opened

    def close(self) -> None:
        if self._opened is not None:
            self._opened.close()

    def get_many(self, keys: list[bytes]) -> dict[bytes, object]:
        """The stored objects among ``keys``."""
        found: dict[bytes, object] = {}
        for key, value in self._cache.read_many(keys).items():
            try:
                found[key] = pickle.loads(value)  # noqa: S301 - signed by this user's own secret
            except Exception:  # noqa: BLE001 - a class that changed shape: a miss
                continue
        return found

    def put_many(self, entries: Iterable[tuple[bytes, object]]) -> None:
        self._cache.write((key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)) for key, value in entries)


def user_secret() -> bytes | None:
    """This user's secret for signing cached pickles, made on first use; None when it cannot be kept."""
    try:
        path = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "evidence-brief" / SECRET_NAME
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                data = path.read_bytes()  # another process made it a moment ago
            else:
                data = secrets.token_bytes(32)
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
    except (OSError, RuntimeError):  # RuntimeError: no home folder to be found
        return None
    return data if len(data) >= 32 else None  # half written by another process: keep nothing this time


def _is_damage(problem: sqlite3.Error) -> bool:
    """SQLite reports a damaged or foreign file as a plain DatabaseError; its subclasses mean a lock,
    a full disk or a misuse, none of which is a reason to delete the file."""
    return type(problem) is sqlite3.DatabaseError


def _checked_connection(path: Path, table: str) -> sqlite3.Connection:
    """A connection to a database that passed SQLite's own structural check, with our table."""
    db = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False)
    try:
        verdict = db.execute("PRAGMA quick_check").fetchone()
        if not verdict or verdict[0] != "ok":
            raise sqlite3.DatabaseError(f"damaged cache: {verdict}")
        db.execute("PRAGMA journal_mode=WAL")  # a reader never waits for a writer
        db.execute("PRAGMA synchronous=NORMAL")  # a lost last write after a power cut is only a miss
        db.execute(f"CREATE TABLE IF NOT EXISTS {table} "
                   "(key BLOB PRIMARY KEY, value BLOB NOT NULL, digest BLOB NOT NULL) WITHOUT ROWID")
        columns = [row[1:3] for row in db.execute(f"PRAGMA table_info({table})")]
        if columns != _COLUMNS:
            raise sqlite3.DatabaseError(f"not our {table} table: {columns}")
    except sqlite3.Error:
        db.close()
        raise
    db.isolation_level = "DEFERRED"  # ``with db:`` writes are one transaction
    return db


def _start_generation(db: sqlite3.Connection, table: str, generation: bytes) -> None:
    """Empties ``table`` (and gives its space back) unless its entries are of ``generation``."""
    meta = f"{table}_generation"
    db.execute(f"CREATE TABLE IF NOT EXISTS {meta} (generation BLOB NOT NULL)")
    stored = db.execute(f"SELECT generation FROM {meta}").fetchall()
    if stored == [(generation,)]:
        return
    with db:
        db.execute(f"DELETE FROM {table}")
        db.execute(f"DELETE FROM {meta}")
        db.execute(f"INSERT INTO {meta} (generation) VALUES (?)", (generation,))
    db.execute("VACUUM")


def _delete_database(path: Path) -> None:
    for name in (path.name, f"{path.name}-wal", f"{path.name}-shm", f"{path.name}-journal"):
        try:
            os.unlink(path.with_name(name))
        except FileNotFoundError:
            pass
        except OSError:
            return


def _chunks(items: list[bytes], size: int) -> Iterator[list[bytes]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


@lru_cache(maxsize=1)
def code_digest() -> bytes:
    """A digest of the generator's own files (code, default design) and of the versions of the libraries
    that shape what it makes: part of every cache key, so a new version never answers from an old one's work.

    Memoised for the process: the code a process runs does not change while it runs.
    """
    from .manifest import LIBRARIES, library_versions

    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    digest.update(repr((sys.version, sorted(library_versions(LIBRARIES).items()))).encode())
    return digest.digest()
