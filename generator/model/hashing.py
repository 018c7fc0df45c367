"""Hash frozen value objects once instead of on every lookup.

The site model memoises its builders on whole studies, themes and settings, and the live preview
rebuilds the model on every save: a dataclass's generated ``__hash__`` walks every field (abstracts,
findings) on each lookup, which at thousands of studies costs more than the work it saves.
"""

from __future__ import annotations

from dataclasses import fields
from typing import TypeVar

T = TypeVar("T")


def hashed_once(cls: type[T]) -> type[T]:
    """Class decorator for a frozen (not slotted) dataclass: the hash of its compared fields, kept on the instance."""
    compared = tuple(f.name for f in fields(cls) if f.compare)  # type: ignore[arg-type]

    def __hash__(self: object) -> int:
        cached = self.__dict__.get("_hash_once")
        if cached is None:
            cached = hash(tuple(getattr(self, name) for name in compared))
            object.__setattr__(self, "_hash_once", cached)
        return int(cached)

    def __getstate__(self: object) -> dict[str, object]:
        """The fields without the kept hash: a pickle read by another process (a build's caches) must
        not carry this one's hash, since str hashes differ from one process to the next."""
        return {name: value for name, value in self.__dict__.items() if name != "_hash_once"}

    cls.__hash__ = __hash__  # type: ignore[assignment,method-assign]
    cls.__getstate__ = __getstate__  # type: ignore[assignment,method-assign]
    return cls
