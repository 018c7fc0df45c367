"""Theme matches kept on disk between builds, so a rebuild matches only the studies or themes that changed.

Matching splits every abstract into sentences and runs every theme's signals over each (about 5 s of a
10,000-study rebuild). A match is a pure function of the study and of the theme's id and signals, so it
is stored under a digest of both (``site.fingerprint``) and of the tool's own code, in
``.cache/themes/matches.sqlite3``. The values are pickles, signed like ingest's (``model.diskcache``):
a ``.cache/`` that came with someone else's project is never unpickled. Deleting it is always safe.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from ..model.diskcache import PickleStore, code_digest
from ..model.study import Study
from ..synthesis.matching import ThemeMatch, ThemeSignals, assign_themes, match_theme
from .fingerprint import Fingerprinter, Unfingerprintable

CACHE_FILE = Path(".cache") / "themes" / "matches.sqlite3"
#: Bumped when what is stored changes shape.
LAYOUT = b"evidence-brief theme matches 1"


class MatchCache:
    """``assign_themes`` with the matches of earlier builds; or plain matching (``disabled``)."""

    def __init__(self, path: Path | None) -> None:
        self._store = PickleStore(path, "matches") if path is not None else None

    @classmethod
    def for_project(cls, project: Path) -> MatchCache:
        return cls(project / CACHE_FILE)

    @classmethod
    def disabled(cls) -> MatchCache:
        return cls(None)

    def assign(self, studies: Iterable[Study], themes: Iterable[ThemeSignals]) -> dict[str, list[ThemeMatch]]:
        """What ``assign_themes`` gives; matches found before are read, the others made and stored."""
        studies, themes = list(studies), list(themes)
        if self._store is None:
            return assign_themes(studies, themes)
        keys = _keys(studies, themes)
        known = self._store.get_many(list(keys.values()))
        made: list[tuple[bytes, object]] = []

        def match(study: Study, theme: ThemeSignals) -> ThemeMatch:
            key = keys.get((id(study), id(theme)))
            found = known.get(key) if key is not None else None
            if isinstance(found, ThemeMatch):
                return found
            fresh = match_theme(study, theme)
            if key is not None:
                made.append((key, fresh))
            return fresh

        try:
            return assign_themes(studies, themes, match)
        finally:
            if made:
                self._store.put_many(made)
            self._store.close()


def _keys(studies: list[Study], themes: list[ThemeSignals]) -> dict[tuple[int, int], bytes]:
    """The store's key of each (study, theme) pair by the objects' ids; a study that cannot be
    fingerprinted has none (it is matched afresh every time)."""
    prints = Fingerprinter()
    base = LAYOUT + b"\0" + code_digest()
    theme_digests = {id(theme): prints.digest((theme.id, tuple(theme.signals))) for theme in themes}
    keys: dict[tuple[int, int], bytes] = {}
    for study in studies:
        try:
            study_digest = prints.digest(study)
        except Unfingerprintable:
            continue
        for theme in themes:
            keys[(id(study), id(theme))] = hashlib.sha256(base + study_digest + theme_digests[id(theme)]).digest()
    return keys
