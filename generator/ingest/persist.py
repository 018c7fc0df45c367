"""What ingest keeps between runs in ``.cache/ingest/``: each seed's reading, and merges that changed nothing.

A build after a one-record edit used to read and derive every seed again, and merge every study into its
record again, only to find nothing new (at 2,000 studies: 18 s reading, 9 s merging). Both are pure
functions of what they read, so they are stored under a hash of all of it:

* a seed's studies and problems, under its path, the SHA-256 of its bytes and the brief's vocabulary;
* a settled merge's diagnostics, under its sources (each with its seed's digest), the record's bytes
  and the incoming file's bytes (or its absence) and the vocabulary.

Both keys also hold a digest of the generator's own code and the versions of the libraries it uses
(``model.diskcache.code_digest``), so a new version of a reader never answers from an old one's work.
Values are pickles in a ``model.diskcache.PickleStore`` (signed with a secret of the user's, never
unpickled from elsewhere). Deleting ``.cache/`` is always safe; without it ingest reads everything.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import cast

from ..errors import Diagnostic
from ..model.diskcache import PickleStore, code_digest
from ..model.vocabulary import Vocabulary
from .base import Extraction
from .derive import Derived
from .records import Found, SourceRef

CACHE_FILE = Path(".cache") / "ingest" / "ingest.sqlite3"
#: Bumped when what is stored changes shape (older entries are then simply not matched).
LAYOUT = b"evidence-brief ingest 1"
#: What reading one seed gives: its studies and its problems.
Reading = tuple[list[Found], list[Diagnostic]]
#: A seed's reading as stored: each study without the vocabulary object (re-attached on the way out).
StoredSeed = tuple[list[tuple[object, SourceRef, object]], list[Diagnostic]]


class IngestStore:
    """The two kinds of stored results of one project, or a store that keeps nothing (``disabled``)."""

    def __init__(self, path: Path | None) -> None:
        self._store = PickleStore(path, "ingest") if path is not None else None
        self._pending: list[tuple[bytes, object]] = []
        self._vocabularies: dict[int, tuple[Vocabulary | None, bytes]] = {}  # id -> (it, its digest)

    @classmethod
    def for_project(cls, project: Path) -> IngestStore:
        return cls(project / CACHE_FILE)

    @classmethod
    def disabled(cls) -> IngestStore:
        return cls(None)

    @property
    def enabled(self) -> bool:
        return self._store is not None

    def seed_key(self, rel: str, data: bytes, vocabulary: Vocabulary | None) -> bytes:
        return _key(b"seed", rel.encode(), hashlib.sha256(data).digest(), self._vocabulary_digest(vocabulary))

    def settled_key(self, sources: Sequence[SourceRef], record_digest: bytes, incoming: bytes | None,
                    vocabulary: Vocabulary) -> bytes:
        incoming_digest = b"-" if incoming is None else hashlib.sha256(incoming).digest()
        return _key(b"settled", repr(tuple(sources)).encode(), record_digest, incoming_digest,
                    self._vocabulary_digest(vocabulary))

    def _vocabulary_digest(self, vocabulary: Vocabulary | None) -> bytes:
        """The vocabulary's exact contents (a frozen dataclass of tuples, so its repr is stable), worked
        out once per vocabulary object rather than for every key."""
        known = self._vocabularies.get(id(vocabulary))
        if known is None or known[0] is not vocabulary:
            digest = b"-" if vocabulary is None else hashlib.sha256(repr(vocabulary).encode()).digest()
            known = self._vocabularies[id(vocabulary)] = (vocabulary, digest)
        return known[1]

    def seeds(self, keys: list[bytes], vocabulary: Vocabulary | None) -> dict[bytes, Reading]:
        """The stored readings among ``keys``, with ``vocabulary`` back on each derived study."""
        if self._store is None or not keys:
            return {}
        readings: dict[bytes, Reading] = {}
        for key, value in self._store.get_many(keys).items():
            found, diagnostics = cast(StoredSeed, value)
            readings[key] = ([Found(cast(Extraction, extraction), source,
                                    derived=None if derived is None or vocabulary is None
                                    else (vocabulary, cast(Derived, derived)))
                              for extraction, source, derived in found], list(diagnostics))
        return readings

    def keep_seed(self, key: bytes, found: Iterable[Found], diagnostics: list[Diagnostic]) -> None:
        """Stores a reading (at ``flush``); studies whose fields were not derived are stored as such."""
        if self._store is not None:
            stored: StoredSeed = ([(item.extraction, item.source, item.derived[1] if item.derived else None)
                                   for item in found], list(diagnostics))
            self._pending.append((key, stored))

    def settled(self, key: bytes) -> list[Diagnostic] | None:
        """A stored settled merge's diagnostics, or None."""
        if self._store is None:
            return None
        value = self._store.get_many([key]).get(key)
        return cast(list[Diagnostic], value) if isinstance(value, list) else None

    def keep_settled(self, key: bytes, diagnostics: list[Diagnostic]) -> None:
        if self._store is not None:
            self._pending.append((key, list(diagnostics)))

    def flush(self) -> None:
        """Writes what was kept since the last flush, in one transaction."""
        if self._store is not None and self._pending:
            self._store.put_many(self._pending)
        self._pending = []

    def close(self) -> None:
        self.flush()
        if self._store is not None:
            self._store.close()


def _key(kind: bytes, *parts: bytes) -> bytes:
    digest = hashlib.sha256(LAYOUT + b"\0" + kind + b"\0" + code_digest())
    for part in parts:
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.digest()
