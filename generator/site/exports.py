"""Downloads for researchers: RIS, BibTeX, CSL-JSON, CSV and JSON of the studies.

Each function takes studies in the order they should appear and returns text that is the same,
byte for byte, for the same studies, so a rebuild never changes a published file by accident.
Only what a record states is written; an absent value is an absent field (or an empty cell).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields, is_dataclass, replace
from functools import lru_cache
from typing import Any, TypeVar

import rispy

from ..model.study import Section, Study
from .citations import csl_item, plain_abstract

PageUrl = Callable[[Study], str]
T = TypeVar("T")


@dataclass(frozen=True)
class ThemeAssignment:
    """A theme a study is assigned to, and the evidence roles (barrier, facilitator, ...) its sentences have
    there: the evidence map's data, so a reader can rebuild or reuse the map from the downloads."""

    theme_id: str
    title: str
    roles: tuple[str, ...] = ()


#: Study id -> its theme assignments in the brief's theme order (absent: assigned to no theme).
Assignments = Mapping[str, tuple[ThemeAssignment, ...]]
_NO_ASSIGNMENTS: Assignments = {}

#: Characters no generated file may carry: C0 controls but tab, line feed and carriage return (a NUL
#: makes the feed invalid XML), DEL and the C1 controls, the bidi embedding, override and isolate
#: controls (a reference manager would show "exe.txt" for "txt.exe"), and what UTF-8 or XML cannot
#: hold at all (lone surrogates, U+FFFE, U+FFFF). The HTML pages drop the same (render/env.py).
UNSHOWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")

_RIS_TYPES = {
    "journal article": "JOUR", "review": "JOUR", "editorial": "JOUR", "letter": "JOUR", "note": "JOUR",
    "correction": "JOUR", "data paper": "JOUR", "book review": "JOUR", "magazine article": "MGZN",
    "newspaper article": "NEWS", "book": "BOOK", "book series": "BOOK", "book chapter": "CHAP",
    "conference paper": "CPAPER", "conference abstract": "ABST", "report": "RPRT", "government document": "GOVDOC",
    "thesis": "THES", "unpublished work": "UNPB", "manuscript": "MANSCPT", "web page": "ELEC",
    "blog post": "BLOG", "dataset": "DATA", "patent": "PAT", "standard": "STAND", "software": "COMP",
}
_BIBTEX_TYPES = {
    "journal article": "article", "review": "article", "editorial": "article", "letter": "article",
    "note": "article", "correction": "article", "data paper": "article", "book review": "article",
    "magazine article": "article", "newspaper article": "article", "book": "book", "book series": "book",
    "book chapter": "incollection", "conference paper": "inproceedings", "conference abstract": "inproceedings",
    "report": "techreport", "government document": "techreport", "unpublished work": "unpublished",
    "manuscript": "unpublished",
}
#: The BibTeX field that names where each entry type appeared.
_BIBTEX_VENUE = {"article": "journal", "incollection": "booktitle", "inproceedings": "booktitle",
                 "techreport": "institution", "book": "series", "misc": "howpublished",
                 "unpublished": "howpublished"}
_BIBTEX_ESCAPES = str.maketrans({
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
    "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
})
_URL_UNSAFE = str.maketrans({"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20"})
_PAGES = re.compile(r"\s*([^\s\-–—]+)\s*[-–—]+\s*(\S+)\s*")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = ("id", "title", "authors", "year", "journal", "volume", "issue", "pages", "doi", "url", "design",
               "sample_size", "settings", "peer_reviewed", "publication_type", "keywords", "abstract", "page", "themes")


def render_ris(studies: Iterable[Study]) -> str:
    """An RIS file (no "1." counter lines before records, which some importers trip on)."""
    entries = [_ris_entry(study) for study in studies]
    return rispy.dumps(entries, implementation=_PlainRisWriter) if entries else ""


class _PlainRisWriter(rispy.RisWriter):
    def set_header(self, count: int) -> str:
        return ""


def _ris_entry(study: Study) -> dict[str, Any]:
    """rispy's field names, in the order the tags are written; every value on one line."""
    kind = _RIS_TYPES.get((study.publication_type or "").lower()) or (
        "UNPB" if study.is_preprint else "JOUR" if study.journal else "GEN")
    first, last = split_pages(study.pages)
    entry: dict[str, Any] = {
        "type_of_reference": kind,
        "id": study.id,
        "title": study.title,
        "authors": list(study.authors),
        "year": str(study.year) if study.year else None,
        "date": (study.date or "").replace("-", "/") if study.date and "-" in study.date else None,
        "journal_name" if kind == "JOUR" else "secondary_title": study.journal,
        "alternate_title1": study.journal_abbrev,
        "volume": study.volume,
        "number": study.issue,
        "start_page": first,
        "end_page": last,
        "doi": study.doi,
        "urls": [study.url] if study.url else [],
        "abstract": plain_abstract(study, " "),
        "keywords": list(study.keywords),
        "language": study.language,
        "type_of_work": "Preprint" if study.is_preprint else None,
        "notes": [study.publication_note] if study.publication_note else [],
    }
    return {key: _one_line(value) for key, value in entry.items() if value}


def _one_line(value: Any) -> Any:
    """A line break inside a value would start a new (forged) RIS tag line."""
    if isinstance(value, list):
        return [" ".join(item.split()) for item in value]
    return " ".join(str(value).split())


def split_pages(pages: str | None) -> tuple[str | None, str | None]:
    """("S31", "S38") from "S31-S38"; a single page or an article number is the first page only."""
    if not pages:
        return None, None
    match = _PAGES.fullmatch(pages)
    return (match.group(1), match.group(2)) if match else (pages.strip(), None)


def render_bibtex(studies: Iterable[Study]) -> str:
    """A .bib file whose keys are the study ids."""
    return "\n".join(_bibtex_entry(study) for study in studies)


def bibtex_type(study: Study) -> str:
    if study.is_preprint:
        return "misc"
    return _BIBTEX_TYPES.get((study.publication_type or "").lower()) or ("article" if study.journal else "misc")


def _bibtex_entry(study: Study) -> str:
    kind = bibtex_type(study)
    first, last = split_pages(study.pages)
    fields: list[tuple[str, str | None]] = [
        ("author", " and ".join(_bibtex_name(name) for name in study.authors if name.strip())),
        ("title", _bibtex_title(study.title)),
        (_BIBTEX_VENUE[kind], _bibtex_text(study.journal)),
        ("shortjournal" if kind == "article" else "", _bibtex_text(study.journal_abbrev)),
        ("year", str(study.year) if study.year else None),
        ("date", _bibtex_text(study.date) if study.date and "-" in study.date else None),
        ("volume", _bibtex_text(study.volume)),
        ("number", _bibtex_text(study.issue)),
        ("pages", f"{_bibtex_text(first)}--{_bibtex_text(last)}" if last else _bibtex_text(first)),
        ("doi", _bibtex_url(study.doi)),
        ("url", _bibtex_url(study.url)),
        ("abstract", _bibtex_text(plain_abstract(study, " "))),
        ("keywords", _bibtex_text(", ".join(study.keywords))),
        ("language", _bibtex_text(study.language)),
        ("note", _bibtex_text(_bibtex_note(study))),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if name and value)
    return f"@{kind}{{{study.id},\n{body}\n}}\n"


def _bibtex_note(study: Study) -> str | None:
    notes = ["Preprint" if study.is_preprint else None, study.publication_note]
    return ". ".join(note for note in notes if note) or None


def _bibtex_text(value: str | None) -> str | None:
    return _tex(value) if value else None


def _tex(text: str) -> str:
    """Plain text made literal for (La)TeX; line breaks would end a paragraph there."""
    return " ".join(text.split()).translate(_BIBTEX_ESCAPES)


def _bibtex_title(title: str) -> str | None:
    """Words with capitals after their first letter ("MOUD", "mHealth") are braced so styles keep them."""
    return " ".join(_tex(word) if word[1:] == word[1:].lower() else f"{{{_tex(word)}}}"
                    for word in title.split()) or None


def _bibtex_name(name: str) -> str:
    """"Family, Given[, Suffix]" as BibTeX reads it. An organisation (no comma) is braced whole so it is not
    split into given and family names; a family name holding the word "and" is braced so it is
    not split into two people."""
    family, comma, given = name.strip().partition(",")
    if not comma:
        return f"{{{_tex(family)}}}"
    family_tex = _tex(family)
    if re.search(r"\band\b", family, re.IGNORECASE):
        family_tex = f"{{{family_tex}}}"
    given, _, suffix = given.partition(",")
    parts = [family_tex, _tex(suffix), _tex(given)]  # BibTeX's order is "Family, Jr, Given"
    return ", ".join(part for part in parts if part)


def _bibtex_url(value: str | None) -> str | None:
    """URLs and DOIs are verbatim in BibLaTeX: left as they are, except what would unbalance the entry."""
    return value.strip().translate(_URL_UNSAFE) if value else None


def render_csl_json(studies: Iterable[Study]) -> str:
    """The studies as a CSL-JSON array (what Zotero, Mendeley and pandoc import)."""
    return json.dumps([csl_item(study) for study in studies], indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def render_csv(studies: Iterable[Study], page_url: PageUrl, assignments: Assignments = _NO_ASSIGNMENTS) -> str:
    """One row per study; cells a spreadsheet would run as a formula are quoted with a leading '.
    The ``themes`` column holds the ids of the study's themes joined by "; " (empty: no theme)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for study in studies:
        writer.writerow([_csv_cell(value) for value in _csv_row(study, page_url, assignments.get(study.id, ()))])
    return buffer.getvalue()


def _csv_row(study: Study, page_url: PageUrl, themes: tuple[ThemeAssignment, ...]) -> list[Any]:
    return [study.id, study.title, "; ".join(study.authors), study.year, study.journal, study.volume, study.issue,
            study.pages, study.doi, study.url, study.design, study.sample_size, "; ".join(study.settings),
            _yes_no(study.peer_reviewed), study.publication_type, "; ".join(study.keywords),
            plain_abstract(study, "\n"), page_url(study), "; ".join(t.theme_id for t in themes)]


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else "yes" if value else "no"


def _csv_cell(value: Any) -> str:
    """Cleaned before the formula check: a NUL before "=" must not hide the formula from it."""
    text = showable_text("" if value is None else str(value))
    return "'" + text if text.startswith(_FORMULA_START) else text


#: Columns of data/screening-log.csv, one row per excluded record.
SCREENING_COLUMNS = ("id", "title", "year", "stage", "reason_id", "reason", "detail")


def render_screening_csv(rows: Iterable[tuple[str, str, int | None, str, str | None, str, str | None]]) -> str:
    """The screening log: (id, title, year, stage, reason id, reason label, free text) per excluded record.

    Cells are guarded against spreadsheet formulas like the studies CSV; ``csv.reader`` reads back the
    same cells (a guarded cell keeps its leading ')."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SCREENING_COLUMNS)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return buffer.getvalue()


def render_json(studies: Iterable[Study], page_url: PageUrl, assignments: Assignments = _NO_ASSIGNMENTS) -> str:
    """Every public field of every study; null means "not reported in the source"."""
    return json.dumps([study_dict(study, page_url, assignments.get(study.id, ())) for study in studies], indent=2,
                      ensure_ascii=False) + "\n"


def study_dict(study: Study, page_url: PageUrl, themes: tuple[ThemeAssignment, ...] = ()) -> dict[str, Any]:
    """A study as plain data, keys in a fixed order (curator-only fields such as notes are left out);
    ``themes`` lists the study's themes with the evidence roles of its sentences there."""
    return {
        "id": study.id, "page": page_url(study), "title": study.title, "authors": list(study.authors),
        "year": study.year, "date": study.date, "journal": study.journal, "journal_abbrev": study.journal_abbrev,
        "volume": study.volume, "issue": study.issue, "pages": study.pages, "doi": study.doi, "url": study.url,
        "publication_type": study.publication_type, "peer_reviewed": study.peer_reviewed,
        "publication_note": study.publication_note, "language": study.language, "design": study.design,
        "sample_size": study.sample_size, "participants": study.participants, "settings": list(study.settings),
        "setting_detail": study.setting_detail, "keywords": list(study.keywords),
        "abstract": _sections(study.abstract),
        "translations": [{"lang": t.lang, "title": t.title, "abstract": _sections(t.abstract), "note": t.note,
                          "machine_translated": t.machine_translated} for t in study.translations],
        "citation_statements": [{"text": s.text, "section": s.section, "type": s.kind, "confidence": s.confidence}
                                for s in study.citation_statements],
        "cited_by": dict(study.cited_by), "identifiers": dict(study.identifiers), "missing": list(study.missing),
        "verified": study.verified,
        "sources": [{"file": s.file, "record": s.record, "format": s.format, "sha256": s.sha256,
                     "stripped": list(s.stripped)} for s in study.sources],
        "themes": [{"id": t.theme_id, "title": t.title, "roles": list(t.roles)} for t in themes],
    }


def _sections(sections: tuple[Section, ...]) -> list[dict[str, str | None]]:
    return [{"heading": section.heading, "text": section.text} for section in sections]


def showable_text(text: str) -> str:
    """``text`` without the UNSHOWABLE characters; nothing else changes, so cleaning twice is harmless."""
    return UNSHOWABLE.sub("", text) if UNSHOWABLE.search(text) else text


@lru_cache(maxsize=16384)
def showable_study(study: Study) -> Study:
    """The study with every text field cleaned, before any format serialises it: JSON would otherwise write
    a NUL as the escape ``\\u0000``, which a cleaning of the finished file cannot see. Memoised because the
    live preview asks for every study after each save; an already clean study is returned as it is."""
    return showable(study)


def showable(value: T) -> T:
    """Strings, tuples and (frozen) dataclasses of them, cleaned; the very same object when nothing changed.
    Other values (numbers, mappings) are returned as they are."""
    if isinstance(value, str):
        return showable_text(value)  # type: ignore[return-value]
    if isinstance(value, tuple):
        items = tuple(showable(item) for item in value)
        return value if all(new is old for new, old in zip(items, value, strict=True)) else items  # type: ignore[return-value]
    if is_dataclass(value) and not isinstance(value, type):
        changed = {f.name: new for f in fields(value) if f.init
                   if (new := showable(getattr(value, f.name))) is not getattr(value, f.name)}
        return replace(value, **changed) if changed else value  # type: ignore[type-var]
    return value
