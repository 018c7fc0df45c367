"""Bytes to text: every encoding people save exports in, and a clear refusal for the rest."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.ingest.decode import MAX_BYTES, decode_bytes

REALDATA = Path(__file__).resolve().parents[3] / "shared" / "realdata"

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


# --- Legacy encodings: each test text is written here, encoded with Python's codecs, and must come
# --- back exactly, with the "not UTF-8, check the names" warning.

def _ris(*lines: str) -> str:
    return "TY  - JOUR\n" + "".join(line + "\n" for line in lines) + "ER  - \n"


LEGACY = [
    ("cp1252", _ris("TI  - Naloxone kits in rural Galicia", "AU  - Núñez, Begoña", "AU  - Müller, Jörg")),
    ("cp1252", _ris("AU  - Núñez, Ramón")),
    ("cp1252", _ris("AU  - Søren Østergaard", "AU  - Åsa Lindgren", "TI  - Ærø ferry workers and alcohol")),
    ("cp1252", _ris("TI  - Soins à domicile: l’œuvre des infirmières", "AU  - Benoît Lefèvre")),
    ("cp1252", _ris("TI  - “Harm reduction” – a reply…", "AU  - O’Leary, Seán")),
    ("cp1252", _ris("AU  - Gonçalves, João", "AU  - Simões, Inês")),
    ("cp1250", _ris("AU  - Łukasz Zieliński", "AU  - Wojciechowska, Małgorzata")),
    ("cp1250", _ris("AU  - Dvořák, Tomáš", "TI  - Léčba závislosti v Brně")),
    ("cp1250", _ris("AU  - Michał Kowalczyk")),
    ("iso8859-2", _ris("AU  - Łukasz Zieliński", "AU  - Dąbrowska, Jadwiga")),
    ("cp1251", _ris("AU  - Петров, Алексей", "TI  - Метадон в поликлинике")),
    ("cp1253", _ris("AU  - Κωνσταντίνου, Μαρία", "TI  - Μεθαδόνη στην πρωτοβάθμια φροντίδα")),
    ("cp1254", _ris("AU  - Şahin, Gökhan", "AU  - Doğan, Işıl", "AU  - Güneş, Çağrı")),
    ("cp1255", _ris("AU  - לוי, מיכל", "TI  - מתדון במרפאות קהילה")),
    ("mac-roman", _ris("AU  - Müller, Jörg", "AU  - Núñez, Ramón")),
    ("gbk", _ris("TI  - 社区卫生服务中心的美沙酮维持治疗", "AU  - 陈志强", "AU  - 林晓燕")),
    ("gbk", _ris("AU  - 赵敏")),
    ("gb18030", _ris("TI  - 农村地区戒毒药物的可及性调查", "AU  - 黄海涛")),
    ("big5", _ris("TI  - 社區藥局的美沙冬治療經驗", "AU  - 林志明")),
    ("euc-kr", _ris("TI  - 지역 약국의 메타돈 치료 경험", "AU  - 이수진")),
    ("euc-kr", _ris("AU  - 최윤호", "AU  - 정하늘")),
    ("shift_jis", _ris("TI  - 地域薬局における依存症治療の経験", "AU  - 佐藤花子")),
    ("euc-jp", _ris("TI  - 地域薬局における依存症治療の経験", "AU  - 佐藤花子")),
]


@pytest.mark.parametrize("encoding, text", LEGACY)
def test_legacy_encodings_come_back_exactly_with_a_warning(encoding: str, text: str) -> None:
    decoded = decode_bytes(text.encode(encoding), "seeds/old.ris")
    assert decoded.text == text
    [note] = decoded.diagnostics
    assert not note.is_error
    assert note.format().startswith("seeds/old.ris: warning: file is not UTF-8")
    assert "Check accented names" in note.format()


def test_windows_1252_wins_when_a_central_european_reading_is_just_as_plausible() -> None:
    text = _ris("AU  - Søren Ørsted")  # in cp1250 the same bytes spell "Sřren Řrsted", letters of Czech
    decoded = decode_bytes(text.encode("cp1252"), "seeds/x.ris")
    assert decoded.encoding == "cp1252" and decoded.text == text


def test_the_gbk_bibtex_file_reads_as_chinese() -> None:
    text = "@article{wang2019,\n  author = {王芳},\n  title = {Pilot},\n  journal = {中华预防医学杂志}\n}\n"
    decoded = decode_bytes(text.encode("gbk"), "seeds/zh.bib")
    assert decoded.text == text and decoded.encoding == "gb18030"


WESTERN_WORDS = st.sampled_from(["Núñez", "Peña", "Müller", "Straße", "Søren", "Bjørk", "Ålund", "François",
                                 "Lefèvre", "naïve", "João", "Gonçalves", "Ibáñez", "Köhler", "Ærø", "café",
                                 "Zürich", "Gómez", "Mário", "Jürgen", "Ångström", "Hélène", "clinic", "2021"])


@given(st.lists(WESTERN_WORDS, min_size=1, max_size=12))
def test_western_names_in_windows_1252_always_read_back(words: list[str]) -> None:
    text = _ris("AU  - " + " ".join(words))
    assert decode_bytes(text.encode("cp1252"), "seeds/x.ris").text == text


@given(st.binary(min_size=1, max_size=400))
def test_any_bytes_give_text_or_one_error_never_a_traceback(data: bytes) -> None:
    decoded = decode_bytes(data, "seeds/x.bin")
    assert (decoded.text is None) == any(d.is_error for d in decoded.diagnostics)


def test_a_utf8_file_with_pasted_windows_1252_lines_keeps_both_and_names_the_first_odd_line() -> None:
    first = _ris("TI  - Pharmacies in Kraków", "AU  - Wiśniewska, Zofia")
    pasted = _ris("TI  - Naloxone in Logroño", "AU  - Núñez, Ramón")
    decoded = decode_bytes(first.encode("utf-8") + pasted.encode("cp1252"), "seeds/both.ris")
    assert decoded.text == first + pasted
    [note] = decoded.diagnostics
    assert note.format().startswith(f"seeds/both.ris:{first.count(chr(10)) + 2}: warning: file is UTF-8 but 2 line(s)")
    assert "cp1252" in note.format()


def test_the_real_gbk_bibtex_file_from_bibtexparser_reads_as_chinese() -> None:
    path = REALDATA / "bibtex" / "gbk_test.bib"
    if not path.is_file():
        pytest.skip(f"{path} is not available")
    decoded = decode_bytes(path.read_bytes(), "seeds/gbk_test.bib")
    assert decoded.encoding == "gb18030"
    assert decoded.text is not None and "author = {凯撒}" in decoded.text and "journal = {测试期刊}" in decoded.text
