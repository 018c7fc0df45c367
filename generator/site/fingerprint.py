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
from collections.abc import Callable, Mapping, Sized
from typing import Any

from markupsafe import Markup


class Unfingerprintable(TypeError):
    """A value whose content cannot be told from its type and fields."""


class Fingerprinter:
    """Digests of values, each record-like object digested once while this fingerprinter lives (one build).

    Only dataclass instances are digested on their own and remembered (by id, kept alive so that the id
    is not reused): they are what pages share (a study's view on its page and in every list). Lists,
    dicts and the like are spelled out inside their container's encoding, each with its count, so no
    two values encode alike; hashing every one of them apart cost more than it saved (a million dicts
    at 10,000 studies).
    """

    def __init__(self) -> None:
        self._memo: dict[int, tuple[bytes, object]] = {}
        #: How to encode each type met so far, and each dataclass's field names (looked up once per type).
        self._encoders: dict[type, Callable[[Any], bytes]] = {}
        self._field_names: dict[type, tuple[str, ...]] = {}

    def digest(self, value: object) -> bytes:
        """16 bytes that differ whenever ``value``'s content does; raises Unfingerprintable."""
        try:
            if dataclasses.is_dataclass(value) and not isinstance(value, type):
                return self._dataclass_digest(value)
            return hashlib.blake2b(self._part(value), digest_size=16).digest()
        except (OverflowError, ValueError) as exc:  # a number too long to spell out (a record may hold one)
            raise Unfingerprintable(str(exc)) from None

    def _dataclass_digest(self, value: Any) -> bytes:
        hit = self._memo.get(id(value))
        if hit is not None and hit[1] is value:
            return hit[0]
        kind = type(value)
        names = self._field_names.get(kind)
        if names is None:
            names = self._field_names[kind] = tuple(field.name for field in dataclasses.fields(value))
        part = self._part
        encoded = b"o" + _spelled(_type_name(value)) + b"".join([part(getattr(value, name)) for name in names])
        digest = hashlib.blake2b(encoded, digest_size=16).digest()
        self._memo[id(value)] = (digest, value)
        return digest

    def _part(self, value: Any) -> bytes:
        """A value's encoding, which says where it ends (text with its length, containers with their
        count), so that no two sequences of parts read alike; a dataclass stands there by its digest."""
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
        encoder = self._encoders.get(kind) or self._encoder_for(kind, value)
        return encoder(value)

    def _encoder_for(self, kind: type, value: object) -> Callable[[Any], bytes]:
        """How values of ``kind`` are encoded; raises Unfingerprintable for a kind not listed."""
        part = self._part
        encoder: Callable[[Any], bytes]
        if isinstance(value, enum.Enum):
            encoder = lambda v: b"e" + _spelled(_type_name(v)) + part(v.value)  # noqa: E731
        elif isinstance(value, (datetime.date, datetime.datetime)):
            encoder = lambda v: b"d" + _spelled(v.isoformat())  # noqa: E731
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            encoder = lambda v: b"h" + self._dataclass_digest(v)  # noqa: E731
        elif isinstance(value, Mapping):
            encoder = lambda v: b"{" + _count(v) + b"".join([part(k) + part(item) for k, item in v.items()])  # noqa: E731
        elif kind is list or kind is tuple:
            opener = b"[" if kind is list else b"("
            encoder = lambda v: opener + _count(v) + b"".join([part(item) for item in v])  # noqa: E731
        elif kind is set or kind is frozenset:
            encoder = lambda v: b"<" + _count(v) + b"".join(sorted([part(item) for item in v]))  # noqa: E731
        else:
            raise Unfingerprintable(f"cannot fingerprint a {kind.__qualname__}")
        self._encoders[kind] = encoder
        return encoder


def _count(items: Sized) -> bytes:
    return len(items).to_bytes(4, "big")


def _spelled(text: str) -> bytes:
    data = text.encode("utf-8", "surrogatepass")
    return len(data).to_bytes(4, "big") + data


def _type_name(value: object) -> str:
    kind = type(value)
    return f"{kind.__module__}.{kind.__qualname__}"

