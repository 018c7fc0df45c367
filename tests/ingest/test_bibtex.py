"""BibtexReader: LaTeX, macros, names, entry types, broken entries and real-world libraries."""

from __future__ import annotations

import time
from pathlib import Path

import bibtexparser
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import Severity
from generator.ingest.base import AbstractSection, ReadResult
from generator.ingest.bibtex import BibtexReader

REALDATA = Path(__file__).parents[3] / "shared" / "realdata" / "bibtex"

LIBRARY = r"""% Exported by hand
@preamble{"\newcommand{\noop}[1]{}"}
@comment{This is not an entry}
@string{ jphys = "Journal of {P}hysics" }
@String(first = {Erwin})

@Article{schroedinger1926,
  Author   = {Schr{\"o}dinger, Erwin and {\'E}mile Borel AND von Neumann, Jr, John and {World Health Organization}},
  Title    = {{DNA} and the {Quantum} Theory of {\em Everything}},
  Journal  = jphys # " A",
  Year     = 1926,
  Month    = mar,
  Volume   = {79},
  Number   = {4},
  Pages    = {361--376},
  DOI      = {https://doi.org/10.1002/ANDP.19263840404},
  Keywords = {quantum; wave mechanics, Quantum},
  Abstract = {Background: We asked a question.

Methods: We used ``equations'' and 50\% more caf{\'e} {\c c}a.},
  ISSN     = {0003-3804},
  Language = {German},
}

@misc{preprint2024,
  author = first # " Lastname",
  title = "A preprint about {$\alpha$}-waves",
  year = {2024},
  eprint = {2401.00001},
  archivePrefix = {arXiv},
  howpublished = {\url{https://arxiv.org/abs/2401.00001}},
}

@inproceedings(conf2020,
  title = {A conference paper},
  author = {A. Author and others},
  booktitle = {Proceedings of the Conference},
  year = {2020},
)

@phdthesis{thesis2019, title = {A thesis}, author = {Doe, Jane}, year = {2019}, school = {MIT}}
@techreport{report2018, title = {A report}, year = {2018}, number = {TR-1}}
@incollection{chapter2017, title = {A chapter}, booktitle = {The Book}, year = {2017}, isbn = {978-3-16-148410-0}}
@misc{plainmisc, title = {Just a dataset}, year = {2015}}
@article{scholar, title = {Scholar preprint}, journal = {arXiv preprint arXiv:2001.00001}, year = {2020}}
"""


def read(text: str) -> ReadResult:
    return BibtexReader().read(text, "seeds/library.bib")


def test_sniff() -> None:
    reader = BibtexReader()
    assert reader.sniff(LIBRARY) == 0.9
    assert reader.sniff("@ARTICLE(key, title={x})") == 0.9
    assert reader.sniff("mail me at someone@example.org {or not}") == 0.0
    assert reader.sniff('[{"type": "article-journal", "title": "x"}]') == 0.0
    assert reader.sniff("<!DOCTYPE html><html><pre>\n@article{x, title={T}}\n</pre></html>") < 0.5


def test_all_entries_are_read_without_diagnostics() -> None:
    result = read(LIBRARY)
    assert result.diagnostics == ()
    assert [record.line for record in result.records] == [7, 25, 34, 41, 42, 43, 44, 45]


def test_article_fields() -> None:
    article = read(LIBRARY).records[0]
    assert article.title == "DNA and the Quantum Theory of Everything"
    assert article.authors == (
        "Schrödinger, Erwin", "Borel, Émile", "von Neumann, John, Jr", "World Health Organization")
    assert article.journal == "Journal of Physics A"
    assert (article.year, article.date) == (1926, "1926-03")
    assert (article.volume, article.issue, article.pages) == ("79", "4", "361-376")
    assert article.doi == "10.1002/andp.19263840404"
    assert article.keywords == ("quantum", "wave mechanics")
    assert article.abstract == (
        AbstractSection("Background", "We asked a question."),
        AbstractSection("Methods", "We used “equations” and 50% more café ça."),
    )
    assert article.publication_type == "journal article"
    assert article.peer_reviewed is None
    assert article.language == "de"
    assert dict(article.identifiers) == {"issn": "0003-3804"}


def test_preprint_misc_with_macro_concatenation_and_math() -> None:
    preprint = read(LIBRARY).records[1]
    assert preprint.title == "A preprint about α-waves"
    assert preprint.authors == ("Lastname, Erwin",)
    assert preprint.publication_type == "preprint"
    assert preprint.peer_reviewed is False
    assert preprint.url == "https://arxiv.org/abs/2401.00001"
    assert dict(preprint.identifiers) == {"arxiv": "2401.00001"}


def test_entry_types() -> None:
    types = [(r.title, r.publication_type, r.peer_reviewed) for r in read(LIBRARY).records[2:]]
    assert types == [
        ("A conference paper", "conference paper", None),
        ("A thesis", "thesis", None),
        ("A report", "report", None),
        ("A chapter", "book chapter", None),
        ("Just a dataset", None, None),
        ("Scholar preprint", "preprint", False),
    ]
    conference, _, report, chapter = read(LIBRARY).records[2:6]
    assert conference.authors == ("Author, A.",)
    assert conference.journal == "Proceedings of the Conference"
    assert report.issue == "TR-1"
    assert chapter.journal == "The Book"
    assert dict(chapter.identifiers) == {"isbn": "978-3-16-148410-0"}


def test_broken_entry_is_reported_and_the_others_survive() -> None:
    text = """@article{good1,
  title = {First good},
  year = 2020
}

@article{broken,
  title = {Missing close brace,
  year = 2020
}

@article{good2,
  title = {Second good},
}
"""
    result = read(text)
    assert [(r.line, r.title) for r in result.records] == [(1, "First good"), (11, "Second good")]
    (diagnostic,) = result.diagnostics
    assert diagnostic.severity is Severity.WARNING
    assert diagnostic.location.line == 6
    message = diagnostic.format()
    assert message.startswith("seeds/library.bib:6: warning: entry at line 6 could not be parsed (")
    assert message.endswith("Fix the braces/quotes or remove it.")


def test_entry_without_title_is_skipped_with_its_key_and_line() -> None:
    result = read("@article{kept, title={Kept}}\n\n@article{untitled2020,\n  author = {Doe, J.}\n}\n")
    assert [r.title for r in result.records] == ["Kept"]
    (diagnostic,) = result.diagnostics
    assert diagnostic.location.line == 3
    assert "'untitled2020'" in diagnostic.message and "line 3" in diagnostic.message


def test_duplicate_keys_and_fields_are_read_with_warnings() -> None:
    result = read("@article{a, title={One}}\n@article{a, title={Two}, title={Three}}\n")
    assert [r.title for r in result.records] == ["One", "Two"]
    assert [d.location.line for d in result.diagnostics] == [2]


def test_comma_separated_author_list_is_flagged() -> None:
    result = read("@article{x, title={T}, author={Jean Laid{\\'e}, Ben Loaeb}}")
    assert result.records[0].authors == ("Jean Laidé, Ben Loaeb",)
    assert "separate them with 'and'" in result.diagnostics[0].format()


def test_mendeley_double_escaping() -> None:
    text = r"@article{m, title = {{R$\backslash$'{\{}e{\}}nyi entropies of {\$}\backslashrho{\$}}}}"
    assert read(text).records[0].title == "Rényi entropies of ρ"


def test_splitter_crash_costs_only_the_block_it_crashed_on(monkeypatch: pytest.MonkeyPatch) -> None:
    real_parse = bibtexparser.parse_string

    def fragile(text: str, **kwargs: object) -> object:
        if "@article{bad" in text:
            raise RuntimeError("splitter bug")
        return real_parse(text, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(bibtexparser, "parse_string", fragile)
    text = "@string{j = {J}}\n@article{ok, title={Fine}, journal=j}\n\n@article{bad, title={X}}\n"
    result = read(text)
    assert [(r.line, r.title, r.journal) for r in result.records] == [(2, "Fine", "J")]
    assert [d.location.line for d in result.diagnostics] == [4]
    assert "splitter bug" in result.diagnostics[0].message


def test_empty_and_garbage_text() -> None:
    for text in ("", "no entries here", "@article{", "@article{@@@}}}{{{", "@string{x = {y}}",
                 "@article{x, title = {{}}}", "@article{x, title = { \\relax }}"):
        result = read(text)
        assert result.records == ()
        assert result.diagnostics


needs_realdata = pytest.mark.skipif(not REALDATA.is_dir(), reason="shared real-world data not present")


def read_real(name: str) -> ReadResult:
    data = (REALDATA / name).read_bytes()
    text = data.decode("gbk" if name == "gbk_test.bib" else "utf-8")
    return BibtexReader().read(text, name)


@needs_realdata
@pytest.mark.parametrize("name", sorted(p.name for p in REALDATA.glob("*.bib")) if REALDATA.is_dir() else [])
def test_every_real_file_reads_without_errors(name: str) -> None:
    result = read_real(name)
    assert not any(d.is_error for d in result.diagnostics)
    if name == "confusable_names.bib":  # entries with authors and years only: nothing a study needs
        assert result.records == ()
        assert len([d for d in result.diagnostics if "has no title" in d.message]) == 8
    else:
        assert result.records
        assert all(record.title for record in result.records)


@needs_realdata
def test_real_values() -> None:
    encoding = read_real("encoding.bib").records[0]
    assert encoding.title == "An amazing title: à"
    assert encoding.journal == "Elémentaire"
    assert encoding.authors == ("César, Jean",)

    strings = read_real("article_with_strings.bib").records[0]
    assert strings.journal == "Nice Journal"
    assert strings.authors == ("César, Jean",)
    assert strings.line == 5

    assert read_real("book_capital_AND.bib").records[0].authors == (
        "Bird, R.B.", "Armstrong, R.C.", "Hassager, O.")
    assert read_real("bibtex.bib").records[0].pages == "12-23"
    assert read_real("traps.bib").records[0].title == "An amazing title"
    assert read_real("gbk_test.bib").records[0].journal == "测试期刊"
    wigner = read_real("multiple_entries.bib").records[1]
    assert (wigner.title, wigner.doi, wigner.pages) == (
        "The transition state method", "10.1039/tf9383400029", "29-41")


@needs_realdata
def test_messy_library_is_fast_and_decoded() -> None:
    start = time.perf_counter()
    result = read_real("messy_bibfile.bib")
    elapsed = time.perf_counter() - start
    assert elapsed < 5.0
    assert len(result.records) == 942
    titles = {record.line: record for record in result.records}
    assert titles[1].publication_type == "preprint"
    assert (titles[1].title or "").startswith("Operationally-Motivated Uncertainty Relations")
    assert titles[12].authors[1] == "Schwonnek, René"
    assert all("\\" not in (record.title or "") for record in result.records)


# Zotero (BibLaTeX) and Mendeley (BibTeX) exports, invented for these tests.
ZOTERO_MENDELEY = r"""
@article{nakamura_telephone_2019,
	title = {Telephone follow-up of {\textless}i{\textgreater}rural{\textless}/i{\textgreater} patients:
		CD4{\textless}sup{\textgreater}+{\textless}/sup{\textgreater} counts and p {\textless} 0.05},
	volume = {41},
	issn = {1234-5678},
	shorttitle = {Telephone follow-up},
	url = {https://example.org/articles/rem-2019-33},
	doi = {10.5555/rem.2019.33},
	abstract = {{\textless}p{\textgreater}Background: Few patients get follow-up.{\textless}/p{\textgreater}
		{\textless}p{\textgreater}Methods: We randomly allocated 412 adults.{\textless}/p{\textgreater}},
	langid = {english},
	number = {2},
	urldate = {2023-11-04},
	journaltitle = {Rural Emergency Medicine},
	shortjournal = {Rural Emerg Med},
	author = {Nakamura, Keiko and Ó Súilleabháin, Pádraig},
	date = {2019-06-01},
	pages = {120--128},
	keywords = {emergency medicine, follow-up; rural health},
	file = {Full Text PDF:/home/user/Zotero/storage/ABCD1234/Nakamura - 2019.pdf:application/pdf},
}

@article{Okafor2020,
abstract = {We surveyed 97 pharmacists.},
author = {Okafor, Chidi and Brennan, Siobh{\'{a}}n},
doi = {10.5555/pharm.2020.7},
file = {:C$\backslash$:/Users/me/Mendeley/Okafor2020.pdf:pdf},
journal = {Pharmacy Practice Today},
keywords = {community pharmacy,naloxone,survey},
mendeley-groups = {Review 2023},
mendeley-tags = {include,to-read},
pages = {7},
title = {{Naloxone supply in community pharmacies}},
year = {2020}
}

@online{lin_2021,
	title = {Peer workers in emergency departments},
	author = {Lin, Mei},
	urldate = {2024-02-02},
	eprinttype = {medRxiv},
	file = {Lin - 2021.pdf:files/9/Lin.pdf:application/pdf},
	date = {2021-11},
}
"""


def test_zotero_and_mendeley_fields() -> None:
    result = read(ZOTERO_MENDELEY)
    assert result.diagnostics == ()
    zotero, mendeley, online = result.records
    assert zotero.title == ("Telephone follow-up of rural patients: CD4+ counts and p < 0.05")
    assert zotero.authors == ("Nakamura, Keiko", "Ó Súilleabháin, Pádraig")
    assert (zotero.year, zotero.date) == (2019, "2019-06-01")  # the date, never the urldate
    assert (zotero.journal, zotero.journal_abbrev) == ("Rural Emergency Medicine", "Rural Emerg Med")
    assert (zotero.volume, zotero.issue, zotero.pages) == ("41", "2", "120-128")
    assert zotero.url == "https://example.org/articles/rem-2019-33"
    assert zotero.language == "en"
    assert zotero.keywords == ("emergency medicine", "follow-up", "rural health")
    assert zotero.abstract == (AbstractSection("Background", "Few patients get follow-up."),
                               AbstractSection("Methods", "We randomly allocated 412 adults."))
    assert mendeley.authors == ("Okafor, Chidi", "Brennan, Siobhán")
    assert mendeley.keywords == ("community pharmacy", "naloxone", "survey")  # not the mendeley-tags
    assert (mendeley.url, mendeley.pages) == (None, "7")  # the file field is never a link
    assert (online.year, online.date, online.url) == (2021, "2021-11", None)
    assert (online.publication_type, online.peer_reviewed) == ("preprint", False)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=3000),
       st.lists(st.sampled_from(list("{}@,=\"\\\n ") + ["{\\textless}", "file = {", "@article{x,"]),
                max_size=8).map("".join))
def test_damaged_zotero_library_never_raises(position: int, inserted: str) -> None:
    at = position % (len(ZOTERO_MENDELEY) + 1)
    for damaged in (ZOTERO_MENDELEY[:at], ZOTERO_MENDELEY[:at] + inserted + ZOTERO_MENDELEY[at:]):
        result = read(damaged)
        assert all(record.title and record.line >= 1 for record in result.records)
