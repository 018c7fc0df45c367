"""A small grammar of every source format, and random damage, for the fuzz property tests.

Why a grammar: random text almost never gets past a reader's first check, so it only tests the
"not my format" path. Documents built from each format's own structure, filled with freshly invented
studies and then damaged the way files are damaged in the wild (cut off, mis-encoded, edited by hand,
saved on another system), reach the parsing code where crashes hide. Every value here is invented.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

import pytest
from hypothesis import strategies as st

from generator.ingest.registry import choose_reader


@dataclass(frozen=True)
class Study:
    """One invented study, with the fields most formats carry."""

    title: str
    authors: tuple[tuple[str, str], ...]  # (family, given)
    year: int
    journal: str
    volume: str
    pages: str
    doi: str
    abstract: str
    keywords: tuple[str, ...]


# --- invented values --------------------------------------------------------------------------------------

_SYLLABLES = ("ka", "lo", "mer", "vin", "tu", "sa", "bri", "dov", "el", "qua", "rho", "zan", "ö", "é", "ł")
_WORDS = ("tenants", "walking", "clinic", "ferry", "rural", "trial", "cohort", "outreach", "lanterns", "kiosk",
          "survey", "pilot", "of", "and", "in", "vouchers", "nurses", "garden", "teenagers", "weekly")
_ODD = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=12)  # anything at all, now and then

_word = st.sampled_from(_WORDS)
_name = st.lists(st.sampled_from(_SYLLABLES), min_size=1, max_size=4).map(lambda parts: "".join(parts).title())
_phrase = st.lists(st.one_of(_word, _word, _word, _ODD), min_size=1, max_size=12).map(" ".join)
_doi = st.builds(lambda prefix, suffix: f"10.{prefix}/{suffix}", st.integers(1000, 99999),
                 st.from_regex(r"[a-z0-9.\-]{1,16}", fullmatch=True))

studies = st.builds(
    Study,
    title=_phrase.filter(lambda t: t.strip() != ""),
    authors=st.lists(st.tuples(_name, _name), max_size=4).map(tuple),
    year=st.integers(1890, 2035),
    journal=_phrase,
    volume=st.integers(1, 300).map(str),
    pages=st.builds(lambda a, b: f"{a}-{a + b}", st.integers(1, 900), st.integers(0, 40)),
    doi=_doi,
    abstract=st.lists(_phrase, max_size=4).map(lambda parts: ". ".join(parts)),
    keywords=st.lists(_phrase, max_size=3).map(tuple),
)


# --- one builder per format -------------------------------------------------------------------------------

def _tagged(rows: list[tuple[str, str]], separator: str) -> str:
    return "".join(f"{tag}{separator}{value}\n" for tag, value in rows)


def ris(items: list[Study]) -> str:
    parts = []
    for s in items:
        rows = [("TY", "JOUR"), ("TI", s.title), *(("AU", f"{f}, {g}") for f, g in s.authors), ("PY", str(s.year)),
                ("JO", s.journal), ("VL", s.volume), ("SP", s.pages), ("DO", s.doi), ("AB", s.abstract),
                *(("KW", k) for k in s.keywords)]
        parts.append(_tagged(rows, "  - ") + "ER  - \n")
    return "\n".join(parts)


def medline(items: list[Study]) -> str:
    parts = []
    for number, s in enumerate(items, start=1):
        rows = [("PMID", str(30000000 + number)), ("TI  ", s.title),
                *(row for f, g in s.authors for row in (("FAU ", f"{f}, {g}"), ("AU  ", f"{f} {g[:1]}"))),
                ("DP  ", str(s.year)), ("JT  ", s.journal), ("VI  ", s.volume), ("PG  ", s.pages),
                ("LID ", f"{s.doi} [doi]"), ("AB  ", s.abstract), *(("OT  ", k) for k in s.keywords)]
        parts.append(_tagged(rows, "- "))
    return "\n".join(parts)


def bibtex(items: list[Study]) -> str:
    parts = []
    for number, s in enumerate(items):
        authors = " and ".join(f"{f}, {g}" for f, g in s.authors)
        fields = {"title": s.title, "author": authors, "year": str(s.year), "journal": s.journal,
                  "volume": s.volume, "pages": s.pages.replace("-", "--"), "doi": s.doi, "abstract": s.abstract,
                  "keywords": ", ".join(s.keywords)}
        body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields.items())
        parts.append(f"@article{{key{number},\n{body}\n}}\n")
    return "\n".join(parts)


def _csl_item(s: Study) -> dict[str, object]:
    return {"type": "article-journal", "title": s.title, "author": [{"family": f, "given": g} for f, g in s.authors],
            "issued": {"date-parts": [[s.year]]}, "container-title": s.journal, "volume": s.volume,
            "page": s.pages, "DOI": s.doi, "abstract": s.abstract, "keyword": ", ".join(s.keywords)}


def csljson(items: list[Study]) -> str:
    return json.dumps([_csl_item(s) for s in items], ensure_ascii=False, indent=1)


def crossref(items: list[Study]) -> str:
    works = [{"DOI": s.doi, "type": "journal-article", "title": [s.title], "container-title": [s.journal],
              "author": [{"given": g, "family": f, "sequence": "additional"} for f, g in s.authors],
              "issued": {"date-parts": [[s.year]]}, "volume": s.volume, "page": s.pages,
              "abstract": f"<jats:p>{escape(s.abstract)}</jats:p>", "subject": list(s.keywords)} for s in items]
    if len(works) == 1:
        return json.dumps({"status": "ok", "message-type": "work", "message": works[0]}, ensure_ascii=False)
    return json.dumps({"status": "ok", "message-type": "work-list", "message": {"items": works}}, ensure_ascii=False)


def wos(items: list[Study]) -> str:
    parts = ["FN Clarivate Analytics Web of Science\nVR 1.0\n"]
    for s in items:
        authors = [f"{f}, {g[:1]}" for f, g in s.authors] or [""]
        rows = [("PT", "J"), ("AU", "\n   ".join(authors)), ("TI", s.title), ("SO", s.journal.upper()),
                ("DE", "; ".join(s.keywords)), ("AB", s.abstract), ("PY", str(s.year)), ("VL", s.volume),
                ("BP", s.pages.split("-")[0]), ("DI", s.doi)]
        parts.append(_tagged(rows, " ") + "ER\n\n")
    return "".join(parts) + "EF\n"


def refworks(items: list[Study]) -> str:
    parts = []
    for s in items:
        rows = [("RT", "Journal Article"), *(("A1", f"{f}, {g}") for f, g in s.authors), ("T1", s.title),
                ("JF", s.journal), ("YR", str(s.year)), ("VO", s.volume), ("SP", s.pages.split("-")[0]),
                ("OP", s.pages.split("-")[-1]), ("DO", s.doi), ("AB", s.abstract), *(("K1", k) for k in s.keywords)]
        parts.append(_tagged(rows, " "))
    return "\n".join(parts)


def ovid(items: list[Study]) -> str:
    parts = ["Database: Ovid MEDLINE(R) ALL <1946 to Present>\nSearch Strategy:\n" + "-" * 60 + "\n1     x.tw. (9)\n"]
    for number, s in enumerate(items, start=1):
        fields = [("Unique Identifier", [str(40000000 + number)]), ("Authors", [f"{f}, {g}" for f, g in s.authors]),
                  ("Title", [s.title]), ("Source", [f"{s.journal}. {s.volume}:{s.pages}, {s.year}."]),
                  ("Abstract", [s.abstract]), ("Keyword Heading", list(s.keywords)),
                  ("Year of Publication", [str(s.year)]), ("Digital Object Identifier", [s.doi])]
        body = "".join(f"{label}\n" + "".join(f"  {value}\n" for value in values) for label, values in fields)
        parts.append(f"\n<{number}>\n{body}")
    return "".join(parts)


def _table(items: list[Study], delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["Authors", "Title", "Year", "Source title", "Volume", "Page start", "DOI", "Abstract",
                     "Author Keywords"])
    for s in items:
        writer.writerow(["; ".join(f"{f} {g[:1]}." for f, g in s.authors), s.title, s.year, s.journal, s.volume,
                         s.pages.split("-")[0], s.doi, s.abstract, "; ".join(s.keywords)])
    return out.getvalue()


def csv_export(items: list[Study]) -> str:
    return _table(items, ",")


def tsv_export(items: list[Study]) -> str:
    return _table(items, "\t")


def _xml_style(value: str) -> str:
    return f'<style face="normal" font="default" size="100%">{escape(value)}</style>'


def endnote_xml(items: list[Study]) -> str:
    records = "".join(
        '<record><ref-type name="Journal Article">17</ref-type><contributors><authors>'
        + "".join(f"<author>{_xml_style(f'{f}, {g}')}</author>" for f, g in s.authors)
        + f"</authors></contributors><titles><title>{_xml_style(s.title)}</title><secondary-title>"
        f"{_xml_style(s.journal)}</secondary-title></titles><pages>{escape(s.pages)}</pages><volume>{s.volume}"
        f"</volume><keywords>" + "".join(f"<keyword>{escape(k)}</keyword>" for k in s.keywords)
        + f"</keywords><dates><year>{s.year}</year></dates><abstract>{escape(s.abstract)}</abstract>"
        f"<electronic-resource-num>{escape(s.doi)}</electronic-resource-num></record>\n" for s in items)
    return f'<?xml version="1.0" encoding="UTF-8" ?><xml><records>\n{records}</records></xml>\n'


def pubmed_xml(items: list[Study]) -> str:
    articles = "".join(
        f"<PubmedArticle><MedlineCitation><PMID>{50000000 + n}</PMID><Article><Journal><JournalIssue>"
        f"<Volume>{s.volume}</Volume><PubDate><Year>{s.year}</Year></PubDate></JournalIssue>"
        f"<Title>{escape(s.journal)}</Title></Journal><ArticleTitle>{escape(s.title)}</ArticleTitle>"
        f"<Pagination><MedlinePgn>{s.pages}</MedlinePgn></Pagination>"
        f'<ELocationID EIdType="doi">{escape(s.doi)}</ELocationID>'
        f"<Abstract><AbstractText>{escape(s.abstract)}</AbstractText></Abstract><AuthorList>"
        + "".join(f"<Author><LastName>{escape(f)}</LastName><ForeName>{escape(g)}</ForeName></Author>"
                  for f, g in s.authors)
        + "</AuthorList></Article></MedlineCitation></PubmedArticle>\n" for n, s in enumerate(items))
    return f'<?xml version="1.0" ?>\n<PubmedArticleSet>\n{articles}</PubmedArticleSet>\n'


def article_page(items: list[Study]) -> str:
    s = items[0]
    authors = ", ".join(f"{g} {f}" for f, g in s.authors)
    return (f"Skip to content\nHome\n{s.journal}\nVolume {s.volume}, {s.year}\nResearch article\n{s.title}\n"
            f"{authors}\nhttps://doi.org/{s.doi}\nAbstract\n{s.abstract}\nKeywords\n{', '.join(s.keywords)}\n"
            f"References\n1. Example A. Another paper. 2001.\n")


def json_blob_page(items: list[Study]) -> str:
    s = items[0]
    blob = json.dumps({"title": s.title, "authors": [f"{g} {f}" for f, g in s.authors], "doi": s.doi,
                       "year": s.year, "journal": s.journal, "abstract": s.abstract}, ensure_ascii=False)
    return f"Search\nSign in\n{s.title}\n{blob}\nShare\nCite\n"


def citation_index_page(items: list[Study]) -> str:
    s = items[0]
    authors = ", ".join(f"{g} {f}" for f, g in s.authors)
    return (f"{s.title}\n{authors}\n{s.journal}\n{s.year}\nhttps://doi.org/{s.doi}\nCited by 12 publications\n"
            f"Abstract: {s.abstract}\n“{s.keywords[0] if s.keywords else 'Another study'} agrees.”\n"
            "Section: Discussion supporting\nconfidence: 80%\n")


def search_result_page(items: list[Study]) -> str:
    """Scholarly search results: title, "VK Family - Journal, Year - host" byline, snippet, result controls."""
    return "".join(f"[PDF] {s.title}\n{', '.join(f'{g[:1]} {f}' for f, g in s.authors)} - {s.journal}, {s.year} - "
                   f"example.org\n… {s.abstract[:120]} …\nSave Cite Cited by 7 Related articles All 2 versions\n"
                   for s in items)


def _pubmed_citation(s: Study) -> str:
    return f"{s.journal}. {s.year};{s.volume}:{s.pages}. doi: {s.doi}."


def pubmed_summary(items: list[Study]) -> str:
    """PubMed's "Summary (text)": numbered entries of title, "Family I" authors, citation and PMID lines."""
    return "\n".join(f"{n}. {s.title}.\n{', '.join(f'{f} {g[:1]}' for f, g in s.authors)}.\n{_pubmed_citation(s)}\n"
                     f"PMID: {30000000 + n}\n" for n, s in enumerate(items, start=1))


def pubmed_abstract(items: list[Study]) -> str:
    """PubMed's "Abstract (text)": citation line, then title, marked authors, affiliations, abstract and PMID."""
    return "\n\n".join(f"{n}. {_pubmed_citation(s)}\n\n{s.title}.\n\n"
                       f"{', '.join(f'{f} {g[:1]}(1)' for f, g in s.authors)}.\n\n"
                       "Author information:\n(1)Isle Unit.\n\n"
                       f"{s.abstract}\n\nPMID: {30000000 + n}\n" for n, s in enumerate(items, start=1))


#: Every format, by the name its reader stores as ``source.format`` (or the reader's family).
BUILDERS: dict[str, Callable[[list[Study]], str]] = {
    "ris": ris, "medline": medline, "bibtex": bibtex, "csl-json": csljson, "crossref": crossref, "wos": wos,
    "ovid": ovid, "refworks": refworks, "csv": csv_export, "tsv": tsv_export, "endnote-xml": endnote_xml,
    "pubmed-xml": pubmed_xml, "pubmed-summary": pubmed_summary, "pubmed-abstract": pubmed_abstract,
    "article-page": article_page, "json-blob-page": json_blob_page, "citation-index-page": citation_index_page,
    "search-result-page": search_result_page,
}


# --- damage -----------------------------------------------------------------------------------------------

_RUN_CHARS = ("{", "}", "[", "<", "(", '"', "\\", " ", "-", "\n", "&", "@", ",", "\t", "a", "é", "\x00", "\u202e")
_ODD_CHARS = st.sampled_from(["\x00", "\ufeff", "\r", "\x1a", "\u2028", "\ufffd", "\x85", "<", "{", "}", '"', "&",
                              "\\", "\t", ";", ",", "=", "-", "\n", "é", "\U0001f600"])


def _at(text: str, fraction: float) -> int:
    return int(len(text) * fraction)


def _lines_edit(text: str, fraction: float, edit: Callable[[list[str], int], None]) -> str:
    lines = text.split("\n")
    edit(lines, min(int(len(lines) * fraction), len(lines) - 1))
    return "\n".join(lines)


def _delete_line(lines: list[str], index: int) -> None:
    del lines[index]


def _duplicate_line(lines: list[str], index: int) -> None:
    lines.insert(index, lines[index])


def _mojibake(text: str) -> str:
    """UTF-8 bytes read as Windows-1252, as a file opened with the wrong encoding shows them."""
    return text.encode("utf-8").decode("cp1252", errors="replace")


def _lost_characters(text: str) -> str:
    """A file saved in Latin-1 and read back as UTF-8: every character outside Latin-1 lost, accents broken."""
    return text.encode("latin-1", errors="replace").decode("utf-8", errors="replace")


damage_step = st.one_of(
    st.floats(0, 1).map(lambda f: lambda t: t[:_at(t, f)]),                                   # truncated
    st.tuples(st.floats(0, 1), _ODD_CHARS).map(lambda a: lambda t: t[:_at(t, a[0])] + a[1] + t[_at(t, a[0]) + 1:]),
    st.tuples(st.floats(0, 1), _ODD_CHARS).map(lambda a: lambda t: t[:_at(t, a[0])] + a[1] + t[_at(t, a[0]):]),
    st.floats(0, 1).map(lambda f: lambda t: _lines_edit(t, f, _delete_line)),
    st.floats(0, 1).map(lambda f: lambda t: _lines_edit(t, f, _duplicate_line)),
    st.just(lambda t: "\ufeff" + t),
    st.just(lambda t: t.replace("\n", "\r\n")),
    st.just(lambda t: t.replace("\n", "\r")),
    st.tuples(st.floats(0, 1), st.sampled_from(_RUN_CHARS), st.integers(100, 20_000)).map(
        lambda a: lambda t: t[:_at(t, a[0])] + a[1] * a[2] + t[_at(t, a[0]):]),               # a huge line or run
    st.just(_mojibake),
    st.just(_lost_characters),
)


@st.composite
def damaged_documents(draw: st.DrawFn, formats: tuple[str, ...] = tuple(BUILDERS)) -> tuple[str, str]:
    """(format name, text): a document of one format built from 1-3 invented studies, then 0-4 damage steps."""
    name = draw(st.sampled_from(formats))
    text = BUILDERS[name](draw(st.lists(studies, min_size=1, max_size=3)))
    for step in draw(st.lists(damage_step, max_size=4)):
        text = step(text)
    return name, text


# --- the grammar itself is checked: an undamaged document is read by its own reader -------------------------

PLAIN = Study(title="Evening ferry vouchers for rural teenagers", authors=(("Kalomer", "Vinta"), ("Dovsa", "Brielo")),
               year=2019, journal="Journal of Island Transport", volume="14", pages="33-41", doi="10.5555/jit.2019.33",
               abstract="Background: Teenagers on two islands missed evening classes. Methods: We gave 212 teenagers "
                        "ferry vouchers. Results: Attendance rose.",
               keywords=("ferry", "vouchers"))
#: The reader name (``source.format`` prefix) each builder's documents must be read by.
_EXPECTED_READER = {"ris": "ris", "medline": "medline", "bibtex": "bibtex", "csl-json": "csl-json",
                    "crossref": "crossref", "wos": "wos", "ovid": "ovid", "refworks": "refworks", "csv": "tabular",
                    "tsv": "tabular",
                    "endnote-xml": "endnote", "pubmed-xml": "pubmed", "pubmed-summary": "pubmed-text",
                    "pubmed-abstract": "pubmed-text", "article-page": "webpage-article",
                    "json-blob-page": "webpage-json", "citation-index-page": "webpage-citation",
                    "search-result-page": "webpage-search-result"}


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_each_undamaged_document_is_read_by_its_own_reader(name: str) -> None:
    """Without this, the damaged documents could all be unrecognisable and the fuzz tests would never get past
    the sniffers."""
    text = BUILDERS[name]([PLAIN])
    reader = choose_reader(text)
    assert reader is not None, name
    assert reader.name.startswith(_EXPECTED_READER[name]), (name, reader.name)
    result = reader.read(text, "seed.txt")
    assert [record.title for record in result.records] == ["Evening ferry vouchers for rural teenagers"], (
        name, [d.format() for d in result.diagnostics])
