"""Bytes to text: every encoding people save exports in, and a clear refusal for the rest."""

from __future__ import annotations

import codecs

import pytest

from generator.ingest.decode import MAX_BYTES, decode_bytes

TEXT = "TY  - JOUR\nTI  - Stigma in Zürich: São Paulo and Kraków\nER  - \n"


@pytest.mark.parametrize("data, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
])
def test_unicode_encodings_decode_exactly(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data, "seeds/x.ris")
    assert decoded.text == TEXT
    assert decoded.encoding == encoding
    assert decoded.diagnostics == ()


def test_utf16_without_bom_is_recognised_with_a_warning() -> None:
    decoded = decode_bytes(TEXT.encode("utf-16-le"), "seeds/x.ris")
    assert decoded.text == TEXT
    [note] = decoded.diagnostics
    assert "read it as utf-16-le" in note.format() and not note.is_error


def test_cp1252_is_read_with_a_warning() -> None:
    decoded = decode_bytes(TEXT.encode("cp1252"), "seeds/x.ris")
    assert decoded.text is not None and "Zürich" in decoded.text
    [note] = decoded.diagnostics
    assert not note.is_error
    assert note.format().startswith("seeds/x.ris: warning: file is not UTF-8")


def test_crlf_becomes_lf() -> None:
    decoded = decode_bytes(TEXT.replace("\n", "\r\n").encode("utf-8"), "seeds/x.ris")
    assert decoded.text == TEXT


@pytest.mark.parametrize("data, words", [
    (b"", "file is empty"),
    (b"  \n\n ", "file is empty"),
    (b"%PDF-1.7\n\x00\x01binary", "binary"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    (bytes(range(256)) * 4, "binary"),
])
def test_unreadable_files_get_one_clear_error(data: bytes, words: str) -> None:
    decoded = decode_bytes(data, "seeds/bad.txt")
    assert decoded.text is None
    [problem] = decoded.diagnostics
    assert problem.is_error
    assert problem.format().startswith("seeds/bad.txt: error: ")
    assert words in problem.format()


def test_huge_file_is_refused_before_decoding() -> None:
    decoded = decode_bytes(b"a" * (MAX_BYTES + 1), "seeds/huge.txt")
    assert decoded.text is None
    assert "Split the export" in decoded.diagnostics[0].format()
