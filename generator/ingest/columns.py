"""Which column of a spreadsheet export holds which bibliographic field, by its header name.

Every database names its columns its own way ("Article Title", "Document Title", "Item Title",
"TI") and changes the order from one release to the next, so columns are matched by name, never by
position. Names are compared without case, accents, spaces or punctuation ("Author(s) ID" is
"authorsid", which is not "authors"); a few common non-English names are listed too, because
spreadsheets are often saved from tools set to the user's language. Each field lists its
synonyms in order of trust: when a file has two columns for one field (Web of Science's AU and
AF, Scopus's "Authors" and "Author full names"), the earlier synonym wins for every row where it
is filled in.

Web of Science's two-letter codes ("TI", "SO", "DI") are a separate table, used only for headers
that are made of such codes: in an ordinary spreadsheet "ID" is a row number, not WoS's
"Keywords Plus".
"""

from __future__ import annotations

import re
import unicodedata
from types import MappingProxyType

# Field names the tabular reader understands; identifiers are "id:<kind>".
TITLE = "title"
AUTHORS_FULL = "authors_full"
AUTHORS = "authors"
AUTHOR_EACH = "author_each"  # one column per person: "Author 1", "Author 2", ...
YEAR = "year"
DATE = "date"
JOURNAL = "journal"
JOURNAL_ABBREV = "journal_abbrev"
VOLUME = "volume"
ISSUE = "issue"
PAGES = "pages"
PAGE_START = "page_start"
PAGE_END = "page_end"
ARTICLE_NUMBER = "article_number"
DOI = "doi"
ABSTRACT = "abstract"
KEYWORDS = "keywords"
INDEX_TERMS = "index_terms"
LANGUAGE = "language"
PUBLICATION_TYPE = "publication_type"
URL = "url"
CITATION = "citation"

_GENERIC: dict[str, tuple[str, ...]] = {
    TITLE: ("title", "articletitle", "documenttitle", "itemtitle", "primarytitle", "papertitle",
            "titleofarticle", "titleofthearticle", "studytitle", "referencetitle",
            "titel", "titre", "titulo", "titolo"),
    AUTHORS_FULL: ("authorfullnames", "authorsfullnames", "authorfullname", "fullauthornames"),
    AUTHORS: ("authors", "author", "authornames", "authorlist", "firstauthors", "creators", "creator",
              "authorsnames", "allauthors", "autoren", "autor", "auteurs", "auteur", "autores", "autori"),
    YEAR: ("year", "publicationyear", "pubyear", "publishedyear", "yearpublished", "yearofpublication",
           "pubyr", "py", "jahr", "erscheinungsjahr", "annee", "ano", "anno"),
    DATE: ("publicationdate", "datepublished", "publisheddate", "date", "pubdate", "dateofpublication"),
    JOURNAL: ("sourcetitle", "journal", "journaltitle", "journalname", "publicationtitle", "publicationname",
              "journalbook", "containertitle", "parenttitle", "secondarytitle", "alternatetitle3", "periodical",
              "conferencetitle", "booktitle", "publishedin", "publication", "pubtitle", "periodicaltitle",
              "serialtitle", "sourcename", "journalsource", "zeitschrift", "revue", "revista", "rivista"),
    JOURNAL_ABBREV: ("abbreviatedsourcetitle", "journalabbreviation", "journalabbrev", "isoabbreviation",
                     "sourceabbreviation", "abbreviatedjournaltitle", "alternatetitle2", "alternatetitle1"),
    VOLUME: ("volume", "journalvolume", "vol", "volumenumber"),
    ISSUE: ("issue", "journalissue", "issuenumber", "number", "issueno"),
    PAGES: ("pages", "pagination", "pagerange", "page"),
    PAGE_START: ("pagestart", "startpage", "firstpage", "beginningpage", "spage"),
    PAGE_END: ("pageend", "endpage", "lastpage", "epage"),
    ARTICLE_NUMBER: ("artno", "articlenumber", "articleno", "elocationid", "elocation"),
    DOI: ("doi", "itemdoi", "digitalobjectidentifier", "doilink", "doiurl"),
    ABSTRACT: ("abstract", "abstractnote", "notesabstract", "abstracttext", "summary", "zusammenfassung",
               "resume", "resumen", "resumo", "riassunto"),
    KEYWORDS: ("authorkeywords", "keywords", "keyword", "authorkeyword", "authorsuppliedkeywords",
               "keywordsauthor"),
    INDEX_TERMS: ("indexkeywords", "meshterms", "mesh", "meshheadings", "subjectheadings", "keywordsplus",
                  "ieeeterms", "inspeccontrolledterms", "emtreemedicalindexterms", "indexterms",
                  "subjects", "subjectterms", "subjectheadingsmesh", "majorsubjects", "descriptors",
                  "identifierkeywords", "manualtags"),
    LANGUAGE: ("languageoforiginaldocument", "language", "lang", "languages"),
    PUBLICATION_TYPE: ("documenttype", "publicationtype", "itemtype", "contenttype", "typeofreference",
                       "referencetype", "type", "doctype", "articletype"),
    URL: ("link", "url", "urls", "sourceurls", "externalurl", "dimensionsurl", "articleurl", "pdflink",
          "fulltexturl", "openurllink", "linktoarticle", "persistentlinktothisrecord", "persistentlink",
          "permalink", "documenturl", "stableurl"),
    CITATION: ("source", "citation", "fullcitation", "bibliographiccitation", "sourcecitation"),
    "id:pmid": ("pubmedid", "pmid", "pubmed"),
    "id:pmcid": ("pmcid", "pubmedcentralid"),
    "id:issn": ("issn", "issns", "eissn", "printissn", "electronicissn", "onlineissn"),
    "id:isbn": ("isbn", "isbns"),
    "id:scopus": ("eid",),
    "id:wos": ("ut", "uniquewosid", "wosid", "accessionnumberut", "utuniquewosid"),
    "id:covidence": ("covidence", "covidenceid", "covidencenumber"),
    "id:lens": ("lensid",),
    "id:accession": ("accessionnumber", "accessionno"),
    "id:embase": ("embaseaccessionnumber", "embaseid"),
}

# Web of Science tab-delimited exports ("Tab-delimited file"): the tags of its plain-text format.
_WOS_CODES: dict[str, tuple[str, ...]] = {
    TITLE: ("ti",), AUTHORS_FULL: ("af",), AUTHORS: ("au", "ca"), YEAR: ("py",),
    JOURNAL: ("so",), JOURNAL_ABBREV: ("ji", "j9"), VOLUME: ("vl",), ISSUE: ("is",),
    PAGE_START: ("bp",), PAGE_END: ("ep",), ARTICLE_NUMBER: ("ar",), DOI: ("di",), ABSTRACT: ("ab",),
    KEYWORDS: ("de",), INDEX_TERMS: ("id",), LANGUAGE: ("la",), PUBLICATION_TYPE: ("dt",),
    "id:pmid": ("pm",), "id:issn": ("sn", "ei"), "id:isbn": ("bn",), "id:wos": ("ut",),
}

#: Fields that show a header row belongs to a bibliographic export (besides the title).
BIBLIOGRAPHIC = frozenset({AUTHORS_FULL, AUTHORS, AUTHOR_EACH, YEAR, DATE, JOURNAL, JOURNAL_ABBREV, VOLUME, ISSUE,
                           PAGES, PAGE_START, DOI, ABSTRACT, KEYWORDS, CITATION, "id:pmid", "id:issn"})


def _ranked(table: dict[str, tuple[str, ...]]) -> MappingProxyType[str, tuple[str, int]]:
    """Header key -> (field, rank among the field's synonyms); read-only so no caller can change it."""
    ranked: dict[str, tuple[str, int]] = {}
    for name, synonyms in table.items():
        for rank, synonym in enumerate(synonyms):
            ranked.setdefault(header_key(synonym), (name, rank))
    return MappingProxyType(ranked)


def header_key(name: str) -> str:
    """"Author(s) ID" -> "authorsid", "Page start" -> "pagestart": letters and digits, lower case."""
    text = unicodedata.normalize("NFKD", name.replace("\ufeff", "")).lower()
    return re.sub(r"[^0-9a-z]", "", text)


_GENERIC_RANKED = _ranked(_GENERIC)
_WOS_RANKED = _ranked(_WOS_CODES)


def looks_like_wos_header(cells: list[str]) -> bool:
    """A header made of two-letter tags (PT, AU, TI, ...) with a TI among them."""
    tags = [cell.strip() for cell in cells if cell.strip()]
    if not tags or "TI" not in tags:
        return False
    coded = sum(1 for tag in tags if re.fullmatch(r"[A-Z][A-Z0-9]", tag))
    return coded / len(tags) >= 0.8


def map_header(cells: list[str]) -> dict[str, list[int]]:
    """Field -> column indexes holding it, most trusted first; columns we do not know are left out."""
    table = _WOS_RANKED if looks_like_wos_header(cells) else _GENERIC_RANKED
    found: dict[str, list[tuple[int, int]]] = {}
    for index, cell in enumerate(cells):
        hit = table.get(header_key(cell)) or _numbered_author(cell)
        if hit is not None:
            found.setdefault(hit[0], []).append((hit[1], index))
    return {name: [index for _rank, index in sorted(columns)] for name, columns in found.items()}


_NUMBERED_AUTHOR = re.compile(r"(?:author|creator|autor|auteur)s?(\d{1,3})")


def _numbered_author(cell: str) -> tuple[str, int] | None:
    """"Author 1", "Author2", "Creator 3": one person per column, ranked by the number so that the
    people come out in the order the export lists them."""
    match = _NUMBERED_AUTHOR.fullmatch(header_key(cell))
    return (AUTHOR_EACH, int(match.group(1))) if match else None
