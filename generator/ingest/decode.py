"""Bytes on disk to text a reader can trust, or one clear reason why not.

Reference managers and browsers save text in whatever encoding the machine prefers: UTF-8 with
or without a BOM, UTF-16 from Windows tools, a legacy code page from older exports (Windows-1252
above all; also Mac Roman, Central European, Turkish, Cyrillic, Greek and Hebrew pages, GBK/GB18030,
Big5, EUC-KR, Shift_JIS and EUC-JP). We accept all of them, say when we had to guess (naming the
lines, when a UTF-8 file has a few pasted in from elsewhere), and refuse binary files and huge files
up front so a reader never sees them.
"""

from __future__ import annotations

import codecs
import itertools
import re
import unicodedata
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
    legacy_lines: tuple[int, ...] = ()
    text, encoding = _decode_with_bom(data)
    if text is None:
        text, encoding = _decode_utf16_without_bom(data)
    guessed = encoding in ("utf-16-le", "utf-16-be")
    if text is None:
        if _looks_binary(data):
            return _refuse(path, "file is binary, not a text export (no reader can read it)",
                           "Export the study as RIS, BibTeX, MEDLINE, CSL-JSON or plain text")
        text, encoding, legacy_lines = _decode_utf8_or_guess(data)
        guessed = encoding not in ("utf-8", "ascii") or bool(legacy_lines)
    if text is None:
        return _refuse(path, "file is not in any text encoding we recognise",
                       "Save it as UTF-8 text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _control_share(text) > 0.05:
        return _refuse(path, "file holds control characters, so it looks binary or corrupted",
                       "Export the study again as plain text")
    notes: tuple[Diagnostic, ...] = ()
    if legacy_lines:
        notes = (warning(path, f"file is UTF-8 but {len(legacy_lines)} line(s) are not, from this one on; read "
                               f"them as {encoding}", "Check accented names in those records, and save the file "
                               "as UTF-8 to be sure", line=legacy_lines[0]),)
        encoding = "utf-8"
    elif guessed:
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


def _decode_utf8_or_guess(data: bytes) -> tuple[str | None, str | None, tuple[int, ...]]:
    """The text, its encoding, and the (1-based) lines read in a legacy encoding in a UTF-8 file."""
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError:
        pass
    mixed = _decode_mixed_lines(data)
    if mixed is not None:
        return mixed
    text, encoding = _best_legacy_decoding(data)
    return text, encoding, ()


def _decode_mixed_lines(data: bytes) -> tuple[str, str, tuple[int, ...]] | None:
    """Exports pasted together from two tools: lines that are valid UTF-8 with accented letters show
    the file is UTF-8, so only the other lines are read in the legacy encoding that fits them best."""
    lines = data.split(b"\n")
    utf8: dict[int, str] = {}
    legacy: list[int] = []
    for index, line in enumerate(lines):
        try:
            utf8[index] = line.decode("utf-8")
        except UnicodeDecodeError:
            legacy.append(index)
    if not any(not text.isascii() for text in utf8.values()):
        return None
    text, encoding = _best_legacy_decoding(b"\n".join(lines[index] for index in legacy))
    if text is None or encoding is None or text.count("\n") != len(legacy) - 1:
        return None
    utf8.update(zip(legacy, text.split("\n")))
    return "\n".join(utf8[index] for index in range(len(lines))), encoding, tuple(i + 1 for i in legacy)


# --- Legacy encodings -------------------------------------------------------------------------
#
# Statistical detectors guess from letter frequencies, and on the short runs of accented names in
# a bibliography they often pick a neighbouring code page (cp1250 for Windows-1252 text, turning
# "Núñez" into "Nuńez"). So we decode with each legacy encoding we support and ask which reading
# gives words a person could have written: letters of one script, the accented letters of one
# language's alphabet, capitals only at the start of a word, no stray symbols inside words. Ties
# go to the encoding listed first, Windows-1252 being the usual one for Western exports; the
# statistical detector only breaks ties between East Asian readings and speaks when none of ours fits.

#: Single-byte encodings with the script their words are written in, in order of preference when two
#: readings are equally plausible. Mac Roman comes before the Central European pages because its
#: readings of their letters are symbols.
_SINGLE_BYTE = {"cp1252": "LATIN", "mac-roman": "LATIN", "cp1250": "LATIN", "iso8859-2": "LATIN",
                "cp1254": "LATIN", "cp1251": "CYRILLIC", "cp1253": "GREEK", "cp1255": "HEBREW"}
#: Vowels of the scripts that write them: a long word without one is another script misread.
_VOWELS = {"CYRILLIC": frozenset("аеёиоуыэюяіїєў"), "GREEK": frozenset("αεηιουωάέήίόύώϊϋΐΰ")}
_GREEK_TONOS = frozenset("άέήίόύώΐΰ")

#: Multi-byte East Asian encodings, each with the language whose characters it is expected to hold.
_MULTI_BYTE = {"gb18030": "zh-hans", "big5": "zh-hant", "cp949": "ko", "cp932": "ja", "euc_jp": "ja"}

#: The accented letters of Latin-script alphabets (lower case). A word whose accented letters fit no
#: single alphabet ("Dvøák", "Núńez") is how a wrong code page shows itself.
_ALPHABETS: tuple[frozenset[str], ...] = tuple(frozenset(letters) for letters in (
    "áéíóúüñ",  # Spanish
    "áâãàçéêíóôõúü",  # Portuguese
    "àâæçéèêëîïôœùûüÿ",  # French
    "àèéìíîòóùú",  # Italian
    "àçèéíïòóúü",  # Catalan
    "äöüß",  # German
    "áéíóúàèëïöü",  # Dutch
    "æøåéèêóòô",  # Danish, Norwegian
    "åäöé",  # Swedish
    "äöåšž",  # Finnish
    "áðéíóúýþæö",  # Icelandic
    "õäöüšž",  # Estonian
    "ąćęłńóśźż",  # Polish
    "áčďéěíňóřšťúůýž",  # Czech
    "áäčďéíĺľňóôŕšťúýž",  # Slovak
    "áéíóöőúüű",  # Hungarian
    "čćđšž",  # Slovene, Croatian, Bosnian, Serbian Latin
    "ăâîșțşţ",  # Romanian
    "çë",  # Albanian
    "çğıöşü",  # Turkish
    "āčēģīķļņšūž",  # Latvian
    "ąčęėįšųūž",  # Lithuanian
))

#: Typographic marks that may touch a word: quotes, dashes, ellipsis, Spanish question marks,
#: trade marks, daggers for footnotes, the degree sign.
_WORD_MARKS = frozenset("“”‘’„‚«»‹›–—…¿¡©®™†‡°•§¶€")
#: Marks that may stand inside a word: apostrophe, Catalan middle dot, hyphens.
_INNER_MARKS = frozenset("’·\u2010\u2011\u00ad")
#: Letters that belong to no alphabet but occur in scientific text (micro sign, ordinals).
_NEUTRAL_LETTERS = frozenset("µªº")

_SAMPLE_WORDS = 2000
_LONGEST_WORD = 80
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SPACE = re.compile(r"\s")
_TRUSTED_SCORE = 0.5


def _best_legacy_decoding(data: bytes) -> tuple[str | None, str | None]:
    """The legacy encoding whose reading of ``data`` looks most like text a person wrote."""
    readings: list[tuple[float, str, str]] = []
    for encoding, script in _SINGLE_BYTE.items():
        text = _strict_decode(data, encoding)
        if text is not None:
            readings.append((_alphabetic_score(text, script), encoding, text))
    for encoding, language in _MULTI_BYTE.items():
        text = _strict_decode(data, encoding)
        if text is not None:
            readings.append((_east_asian_score(text, language), encoding, text))
    top = max((reading[0] for reading in readings), default=0.0)
    if top < _TRUSTED_SCORE:
        guess = _detector_guess(data)
        if guess is not None:
            return guess
    tied = [reading for reading in readings if reading[0] == top]
    if not tied:
        return data.decode("latin-1"), "latin-1"
    if tied[0][1] not in _SINGLE_BYTE and len(tied) > 1:
        tied = _ordered_by_detector(data, tied)  # only East Asian readings tie here
    return tied[0][2], tied[0][1]


def _strict_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _non_ascii_words(text: str) -> list[str]:
    """The distinct whitespace-separated words holding a non-ASCII character (the only ones that tell
    encodings apart), up to a sample large enough to decide."""
    words: dict[str, None] = {}
    end = 0
    for match in itertools.islice(_NON_ASCII.finditer(text), 20 * _SAMPLE_WORDS):
        position = match.start()
        if position < end:
            continue
        window = max(0, position - _LONGEST_WORD)
        start = max(text.rfind(space, window, position) for space in " \n\t") + 1
        after = _SPACE.search(text, position, position + _LONGEST_WORD)
        end = after.start() if after else min(len(text), position + _LONGEST_WORD)
        words[text[max(start, window):end]] = None
        if len(words) >= _SAMPLE_WORDS:
            break
    return list(words)


def _alphabetic_score(text: str, script: str) -> float:
    """Share of the words with non-ASCII characters that read as a word of a real alphabet."""
    words = _non_ascii_words(text)
    if not words:
        return 1.0
    plausible = sum(1 for word in words if _plausible_word(word, script))
    return plausible / len(words)


def _plausible_word(word: str, script: str) -> bool:
    start, end = _letter_span(word)
    if not _edges_plausible(word, start, end):
        return False
    core = word[start:end]
    if not core:
        return True
    return _inner_marks_plausible(core) and (_latin_word(core) if script == "LATIN" else _script_word(core, script))


def _letter_span(word: str) -> tuple[int, int]:
    """From a word's first letter to just after its last one (empty when it has no letters)."""
    start, end = 0, len(word)
    while start < end and not word[start].isalpha():
        start += 1
    while end > start and not word[end - 1].isalpha():
        end -= 1
    return start, end


def _edges_plausible(word: str, start: int, end: int) -> bool:
    """Before and after the letters: punctuation, digits, typographic marks; symbols only apart from letters."""
    for index, ch in enumerate(word):
        if start <= index < end or ch.isascii() or ch in _WORD_MARKS:
            continue
        touches_letters = end > start and index in (start - 1, end)
        if touches_letters or unicodedata.category(ch)[0] not in "SPNZ":
            return False
    return True


def _inner_marks_plausible(core: str) -> bool:
    """Between letters only letters, ASCII, an apostrophe, a hyphen or a Catalan middle dot."""
    return all(ch.isascii() or ch.isalpha() or ch in _INNER_MARKS for ch in core)


def _latin_word(core: str) -> bool:
    letters = [ch for ch in core if ch.isalpha()]
    accented = [ch for ch in letters if not ch.isascii() and ch not in _NEUTRAL_LETTERS]
    if not accented:
        return True
    if not all(unicodedata.name(ch, "").startswith("LATIN") for ch in accented):
        return False
    if len(accented) >= 3 and len(accented) * 2 > len(letters):
        return False  # Western words are mostly plain letters; a run of accents is another script misread
    if not _capitals_plausible(core):
        return False
    lower = {ch.lower() for ch in accented}
    return any(lower <= alphabet for alphabet in _ALPHABETS)


def _script_word(core: str, script: str) -> bool:
    """All letters of one script (no Latin mixed in), capitals at the start, a vowel in a long word."""
    letters = [ch for ch in core if ch.isalpha() and ch not in _NEUTRAL_LETTERS]
    if not all(unicodedata.name(ch, "").startswith(script) for ch in letters):
        return False
    vowels = _VOWELS.get(script)
    if vowels is not None and len(letters) >= 3 and not any(ch.lower() in vowels for ch in letters):
        return False
    if script == "GREEK" and not _greek_accents_plausible(letters):
        return False
    return _capitals_plausible(core)


def _greek_accents_plausible(letters: list[str]) -> bool:
    """Modern Greek marks the stressed vowel of a lower-case word of several syllables, once."""
    if not all(ch.islower() for ch in letters):
        return True
    accents = sum(1 for ch in letters if ch in _GREEK_TONOS)
    vowels = sum(1 for ch in letters if ch in _VOWELS["GREEK"])
    return accents <= 1 and (accents == 1 or vowels < 3)


def _capitals_plausible(core: str) -> bool:
    """Capitals start a word or fill it; an accented capital inside a lower-case word is a misreading."""
    if not any(ch.islower() for ch in core):
        return True
    return not any(ch.isupper() and not ch.isascii() for ch in core[1:])


def _east_asian_score(text: str, language: str) -> float:
    """Share of the non-ASCII characters that the language commonly writes with."""
    runs = _non_ascii_words(text)
    scores = [_east_asian_char_score(run, index, language) for run in runs for index in range(len(run))
              if not run[index].isascii()]
    return sum(scores) / len(scores) if scores else 0.0


def _east_asian_char_score(run: str, index: int, language: str) -> float:
    ch = run[index]
    block = _block(ch)
    if block == "punctuation":
        return 1.0
    if block == "kana":
        return 1.0 if language == "ja" else 0.0
    if block == "hangul":
        return (1.0 if _in_ks_x_1001(ch) else 0.2) if language == "ko" else 0.0
    if block == "han":
        if language == "ko":  # Korean writes Hanja apart, never inside a Hangul word
            return 0.0 if any(_block(other) == "hangul" for other in run) else 0.5
        return _han_frequency(ch, language)
    return 0.0


def _block(ch: str) -> str:
    code = ord(ch)
    if 0x3000 <= code <= 0x303F or 0xFF01 <= code <= 0xFF5E or code in (0x00B7, 0x2014, 0x2026, 0x201C, 0x201D,
                                                                          0x2018, 0x2019):
        return "punctuation"
    if 0x3040 <= code <= 0x30FF:
        return "kana"
    if 0xAC00 <= code <= 0xD7A3:
        return "hangul"
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
        return "han"
    return "other"


#: Per language: the national standard's encoding, the lead bytes of its first (most frequent) level
#: of Han characters, and the lead bytes of all its Han characters. The levels are the code ranges the
#: standards themselves define: GB 2312 level 1 (rows 16-55), Big5's frequently used characters
#: (A440-C67E), JIS X 0208 level 1 (Shift_JIS 889F-9872).
_HAN_LEVELS = {"zh-hans": ("gb2312", range(0xB0, 0xD8), range(0xB0, 0xF8)),
               "zh-hant": ("big5", range(0xA4, 0xC7), range(0xA4, 0xFA)),
               "ja": ("shift_jis", range(0x88, 0x99), range(0x88, 0xEB))}


def _han_frequency(ch: str, language: str) -> float:
    """1 for the national standard's first (most frequent) level of characters, less for rarer ones."""
    encoding, common, known = _HAN_LEVELS[language]
    try:
        lead = ch.encode(encoding)[0]
    except UnicodeEncodeError:
        return 0.2
    return 1.0 if lead in common else 0.6 if lead in known else 0.2


def _in_ks_x_1001(ch: str) -> bool:
    """The 2,350 precomposed syllables of KS X 1001 cover nearly all Korean text; the rest of Hangul is
    rare (Python's codec spells those as 8-byte jamo sequences, so the length tells them apart)."""
    try:
        return len(ch.encode("euc_kr")) == 2
    except UnicodeEncodeError:
        return False


def _ordered_by_detector(data: bytes, readings: list[tuple[float, str, str]]) -> list[tuple[float, str, str]]:
    """East Asian readings in the statistical detector's order, so it breaks ties between them."""
    ranked = _detector_ranking(data)
    return sorted(readings, key=lambda reading: ranked.index(reading[1]) if reading[1] in ranked else len(ranked))


def _detector_ranking(data: bytes) -> list[str]:
    return [_canonical(match.encoding) for match in from_bytes(data[:200_000])]


#: Encodings charset-normalizer may name, to the superset among ours that we decode them with.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "big5hkscs": "big5", "euc_kr": "cp949", "johab": "cp949",
              "shift_jis": "cp932", "euc_jis_2004": "euc_jp", "euc_jisx0213": "euc_jp", "latin-1": "cp1252",
              "iso8859-1": "cp1252", "iso8859-15": "cp1252", "mac-latin2": "cp1250"}


def _canonical(encoding: str) -> str:
    """charset-normalizer's name for an encoding, as the superset we decode it with."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return encoding
    return _SUPERSETS.get(name, name)


def _detector_guess(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's best guess, when it names an encoding we do not check ourselves (Arabic,
    Thai, Baltic...): between the ones we check, our reading of the words decides."""
    best = from_bytes(data[:1_000_000]).best()
    if best is None or not best.encoding or _canonical(best.encoding) in (*_SINGLE_BYTE, *_MULTI_BYTE):
        return None
    text = _strict_decode(data, best.encoding)
    return (text, best.encoding) if text is not None else None


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
