"""Formatted citations kept on disk between builds, so citeproc-py runs once per record and style.

citeproc-py needs about 10 ms a reference, two references a study: most of a cold build. A reference
is a pure function of what citeproc receives (the study's CSL item) and of the style, so it is stored
in ``.cache/citations/citations.sqlite3`` under a SHA-256 of both (the style side also covers the
citeproc-py and nh3 versions and the code that post-processes the output; see style_fingerprint).

The file is a ``model.diskcache.DiskCache``: a damaged value is a miss, never a wrong reference, and a
cache that cannot be read or written falls back to formatting in memory. Deleting ``.cache/`` is always safe.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.context import BaseContext
from pathlib import Path
from types import TracebackType

from markupsafe import Markup

from ..model.diskcache import DiskCache
from ..model.study import Study
from .citations import Citation, Style, citeproc_input, render_citation, style_fingerprint

#: Where the cache lives inside a project; ``evidence-brief clean`` removes ``.cache/``.
CACHE_DIR = Path(".cache") / "citations"
CACHE_FILE = "citations.sqlite3"
#: Bumped when the stored layout changes (older files are then simply not matched).
LAYOUT = b"evidence-brief citations 2"
#: Below this many references to format, worker processes cost more to start than they save.
PARALLEL_MINIMUM = 64

Formatter = Callable[[str, Style], Citation]


class CitationCache:
    """Formatted references of one project: memoised in memory, and on disk unless disabled.

    One object per build (or per ``serve`` session): it owns its memo and its database connection,
    so nothing is kept in module state. ``formatted`` counts the references citeproc had to format.
    """

    def __init__(self, path: Path | None, formatter: Formatter = render_citation) -> None:
        self._path = path
        self._formatter = formatter
        self._memo: dict[tuple[Study, Style], Citation] = {}
        self._fingerprints: dict[Style, bytes] = {}
        self._store = DiskCache(path, "citation")
        self.formatted = 0

    @property
    def path(self) -> Path | None:
        """The database file (None: memory only)."""
        return self._path

    @classmethod
    def for_project(cls, project: Path) -> CitationCache:
        """The cache kept in the project's ``.cache/citations/`` (created on first use)."""
        return cls(project / CACHE_DIR / CACHE_FILE)

    @classmethod
    def disabled(cls) -> CitationCache:
        """A cache that keeps references in memory only (tests, ``check``, a read-only project)."""
        return cls(None)

    def __enter__(self) -> CitationCache:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Closes the database; the memo stays, and a later lookup reopens the file."""
        self._store.close()

    def citation(self, study: Study, style: Style) -> Citation:
        """The study's reference in ``style``: from memory, else from disk, else formatted and stored."""
        found = self._memo.get((study, style))
        if found is not None:
            return found
        item_json = citeproc_input(study)
        key = self.key(item_json, style)
        citation = self._read(key)
        if citation is None:
            citation = self._formatter(item_json, style)
            self.formatted += 1
            self._write([(key, citation)])
        self._memo[(study, style)] = citation
        return citation

    def prefetch(self, studies: Iterable[Study], styles: Iterable[Style] = ("apa", "vancouver"),
                 workers: int = 1) -> None:
        """Every reference of ``studies`` looked up at once, the missing ones formatted (in up to
        ``workers`` processes when there are many) and stored in one transaction."""
        styles = tuple(styles)
        inputs = {study: citeproc_input(study) for study in dict.fromkeys(studies)
                  if any((study, style) not in self._memo for style in styles)}  # once for all styles
        wanted = [(study, style) for study in inputs for style in styles if (study, style) not in self._memo]
        keys = {pair: self.key(inputs[pair[0]], pair[1]) for pair in wanted}
        stored = self._read_many(list(keys.values()))
        missing = [pair for pair in wanted if keys[pair] not in stored]
        fresh = dict(zip(missing, self._format_many([(inputs[p[0]], p[1]) for p in missing], workers), strict=True))
        self.formatted += len(fresh)
        self._write([(keys[pair], citation) for pair, citation in fresh.items()])
        for pair in wanted:
            self._memo[pair] = stored[keys[pair]] if keys[pair] in stored else fresh[pair]

    def key(self, item_json: str, style: Style) -> bytes:
        """SHA-256 of the stored layout, the style's fingerprint and the exact citeproc input."""
        fingerprint = self._fingerprints.get(style)
        if fingerprint is None:
            fingerprint = self._fingerprints[style] = style_fingerprint(style)
        return hashlib.sha256(LAYOUT + b"\0" + fingerprint + item_json.encode()).digest()

    # --- formatting ----------------------------------------------------------------------------

    def _format_many(self, jobs: list[tuple[str, Style]], workers: int) -> list[Citation]:
        """citeproc over many items, in worker processes when that pays (results in job order)."""
        context = _worker_context()
        minimum = PARALLEL_MINIMUM if context.get_start_method() == "fork" else PARALLEL_MINIMUM * 8
        if workers <= 1 or len(jobs) < minimum or self._formatter is not render_citation:
            return [self._formatter(item_json, style) for item_json, style in jobs]
        chunk = max(1, len(jobs) // (workers * 4))
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            return list(pool.map(_render_job, jobs, chunksize=chunk))

    # --- storage -------------------------------------------------------------------------------

    def _read(self, key: bytes) -> Citation | None:
        return self._read_many([key]).get(key)

    def _read_many(self, keys: list[bytes]) -> dict[bytes, Citation]:
        """The stored references among ``keys``; damaged values are left out (and later replaced)."""
        found = ((key, _decoded(value)) for key, value in self._store.read_many(keys).items())
        return {key: citation for key, citation in found if citation is not None}

    def _write(self, entries: list[tuple[bytes, Citation]]) -> None:
        """Stores new references in one transaction; a failed write only costs a later re-format."""
        self._store.write((key, _encoded(citation)) for key, citation in entries)


def _worker_context() -> BaseContext:
    """Forked workers start at once with the styles already parsed, but forking a process that runs
    other threads (a preview server) can deadlock a child; such a process pays for a fork server."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _render_job(job: tuple[str, Style]) -> Citation:
    """One reference in a worker process (module-level so that it pickles)."""
    return render_citation(*job)


def _encoded(citation: Citation) -> bytes:
    return json.dumps([citation.text, str(citation.html)], ensure_ascii=False).encode()


def _decoded(value: bytes) -> Citation | None:
    """The stored reference, or None when its shape is wrong (the store checked its checksum)."""
    try:
        text, html = json.loads(value)
    except ValueError:
        return None
    if not isinstance(text, str) or not isinstance(html, str):
        return None
    return Citation(text=text, html=Markup(html))
