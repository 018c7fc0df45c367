"""Bytes on disk to text a reader can trust, or one clear reason why not.

Reference managers and browsers save text in whatever encoding the machine prefers: UTF-8 with
or without a BOM, UTF-16 from Windows tools, cp1252 or GBK from older exports. We accept all of
them, say when we had to guess, and refuse binary files and huge files up front so a reader never
sees them.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

from ..errors import Diagnostic, error, warning

#: Larger files are refused: no bibliography export of a brief comes near this, and reading one
#: whole into memory to sniff it would be a denial of service.
MAX_BYTES = 20 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class Decoded:
    """The text of a file (newlines normalised to \\n), or None with the reason in diagnostics."""

    text: str | None
    encoding: str | None
    diagnostics: tuple[Diagnostic, ...] = ()


def decode_bytes(data: bytes, path: str) -> Decoded:
    """Decode ``data``; a file that is empty, binary, too large or undecodable gets an error."""
    too_large = size_problem(len(data), path)
    if too_large is not None:
        return Decoded(None, None, (too_large,))
    if not data.strip():
        return _refuse(path, "file is empty", "Export the record again or delete the file")
    text, encoding = _decode_with_bom(data)
    if text is None:
        text, encoding = _decode_utf16_without_bom(data)
    guessed = encoding in ("utf-16-le", "utf-16-be")
    if text is None:
        if _looks_binary(data):
            return _refuse(path, "file is binary, not a text export (no reader can read it)",
                           "Export the study as RIS, BibTeX, MEDLINE, CSL-JSON or plain text")
        text, encoding = _decode_utf8_or_guess(data)
        guessed = encoding not in ("utf-8", "ascii")
    if text is None:
        return _refuse(path, "file is not in any text encoding we recognise",
                       "Save it as UTF-8 text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _control_share(text) > 0.05:
        return _refuse(path, "file holds control characters, so it looks binary or corrupted",
                       "Export the study again as plain text")
    notes: tuple[Diagnostic, ...] = ()
    if guessed:
        notes = (warning(path, f"file is not UTF-8; read it as {encoding}",
                         "Check accented names in the record, and save the file as UTF-8 to be sure"),)
    return Decoded(text, encoding, notes)


def size_problem(size: int, path: str) -> Diagnostic | None:
    """An error for a file over MAX_BYTES; callers check the size before reading the file."""
    if size <= MAX_BYTES:
        return None
    return error(path, f"file is {size / (1024 * 1024):.0f} MB, larger than the {MAX_BYTES // (1024 * 1024)} MB "
                 "a source document may be", "Split the export into smaller files")


def _refuse(path: str, message: str, fix: str) -> Decoded:
    return Decoded(None, None, (error(path, message, fix),))


def _decode_with_bom(data: bytes) -> tuple[str | None, str | None]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding.replace("-le", "").replace("-be", "")
            except UnicodeDecodeError:
                return None, None
    return None, None


def _decode_utf16_without_bom(data: bytes) -> tuple[str | None, str | None]:
    """Windows tools sometimes write UTF-16 without a BOM: NULs in every other byte give it away."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None, None
    even_nuls = sample[0::2].count(0) / (len(sample) / 2)
    odd_nuls = sample[1::2].count(0) / (len(sample) / 2)
    encoding = "utf-16-le" if odd_nuls > 0.3 > even_nuls else "utf-16-be" if even_nuls > 0.3 > odd_nuls else None
    if encoding is None:
        return None, None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None, None
    return (text, encoding) if _control_share(text) < 0.01 else (None, None)


def _decode_utf8_or_guess(data: bytes) -> tuple[str | None, str | None]:
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:1_000_000]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _looks_binary(data: bytes) -> bool:
    """NUL bytes outside a UTF-16/32 BOM, or a known binary signature, mean not text."""
    sample = data[:8192]
    if sample.startswith((b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b",
                          b"\xd0\xcf\x11\xe0")):
        return True
    return b"\x00" in sample


def _control_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\t\f\v")
    return bad / len(sample)
