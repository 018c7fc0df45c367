"""Content fingerprints of pages, stable from one process to the next, so a build can keep the pages of
the last build whose inputs did not change (see ``write.reuse.PageReuse``).

``pickle`` will not do: it writes an object shared twice once, so equal pages pickle differently when
their strings happen to be shared, and it includes attributes that are not fields (a cached hash, which
differs in every process). Here a value is digested by what it is: its type and its fields or items in
order, sets sorted. A value of a kind not listed makes the page unfingerprintable, and it is rendered.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import hashlib
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup


class Unfingerprintable(TypeError):
    """A value whose content cannot be told from its type and fields."""


class Fingerprinter:
    """Digests of values, each object digested once while this fingerprinter lives (one build)."""

    def __init__(self) -> None:
        # id -> (digest, the object itself: kept alive so that its id is not reused for another one)
        self._memo: dict[int, tuple[bytes, object]] = {}

    def digest(self, value: object) -> bytes:
        """16 bytes that differ whenever ``value``'s content does; raises Unfingerprintable."""
        hit = self._memo.get(id(value))
        if hit is not None and hit[1] is value:
            return hit[0]
        try:
            encoded = self._encode(value)
        except (OverflowError, ValueError) as exc:  # a number too long to spell out (a record may hold one)
            raise Unfingerprintable(str(exc)) from None
        digest = hashlib.blake2b(encoded, digest_size=16).digest()
        self._memo[id(value)] = (digest, value)
        return digest

    def _part(self, value: Any) -> bytes:
        """A value as part of its container's encoding: text and numbers spelled out (with their length,
        so that no two sequences of parts read alike), anything else by its digest."""
        kind = type(value)
        if kind is str:
            data = value.encode("utf-8", "surrogatepass")
            return b"s" + len(data).to_bytes(4, "big") + data
        if kind is Markup:
            data = value.encode("utf-8", "surrogatepass")
            return b"m" + len(data).to_bytes(4, "big") + data
        if kind is bytes:
            return b"b" + len(value).to_bytes(4, "big") + value
        if value is None or kind is bool or kind is int or kind is float:
            data = repr(value).encode()
            return b"n" + len(data).to_bytes(4, "big") + data
        return b"h" + self.digest(value)

    def _encode(self, value: Any) -> bytes:
        kind = type(value)
        if kind in (str, Markup, bytes, bool, int, float) or value is None:
            return self._part(value)
        if isinstance(value, enum.Enum):
            return b"e" + _type_name(value).encode() + self._part(value.value)
        if isinstance(value, (datetime.date, datetime.datetime)):
            return b"d" + value.isoformat().encode()
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            parts = [self._part(getattr(value, field.name)) for field in dataclasses.fields(value)]
            return b"o" + _type_name(value).encode() + b"\0" + b"".join(parts)
        if isinstance(value, Mapping):
            return b"{" + b"".join(self._part(k) + self._part(v) for k, v in value.items())
        if kind is list or kind is tuple:
            return (b"[" if kind is list else b"(") + b"".join(self._part(item) for item in value)
        if kind is set or kind is frozenset:
            return b"<" + b"".join(sorted(self._part(item) for item in value))
        raise Unfingerprintable(f"cannot fingerprint a {kind.__qualname__}")


def _type_name(value: object) -> str:
    kind = type(value)
    return f"{kind.__module__}.{kind.__qualname__}"

