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

    cls.__hash__ = __hash__  # type: ignore[assignment,method-assign]
    return cls
