"""PubMed XML, as efetch (``db=pubmed&retmode=xml``) and PubMed's "Save > XML" return it.

``<PubmedArticleSet>`` holds ``<PubmedArticle>`` (journal articles) and ``<PubmedBookArticle>``
(book chapters). Titles and abstracts carry inline markup (``<i>``, ``<sup>``), so every value is
the element's whole text. Values follow the MEDLINE reader's conventions (the same records in
another syntax): bracketed translated titles lose their brackets, abbreviated page ranges are
written in full, author keywords are preferred to MeSH headings.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from .base import AbstractSection, Extraction, ReadResult, Translation, read_guarded
from .clean import heading_case, split_abstract
from .medline import full_pages, publication_type_of, unbracketed_title
from .normalize import (
    clean_text,
    language_tag,
    normalize_doi,
    normalize_keywords,
    normalize_name,
    parse_date,
    parse_year,
)
from .xmlsafe import element_text, first_text, parse_records, read_records

_SNIFF = re.compile(r"<(?:PubmedArticleSet|PubmedArticle|PubmedBookArticle|MedlineCitation)[\s>]")
_RECORD_TAGS = ("PubmedArticle", "PubmedBookArticle")
_FIX = "Fetch the records from PubMed as XML again, unchanged"
# Labels that carry no heading ("UNLABELLED") or repeat the abstract's own name.
_NO_HEADING = {"unlabelled", "unassigned", "abstract"}
# MEDLINE writes generational suffixes as ordinals ("2nd"); names elsewhere carry them as "II".
_ORDINAL_SUFFIXES = {"2nd": "II", "3rd": "III", "4th": "IV", "5th": "V"}


class PubmedXmlReader:
    """Reads PubMed XML (efetch output)."""

    name = "pubmed-xml"

    def sniff(self, text: str) -> float:
        head = text[:20000]
        if not _SNIFF.search(head):
            return 0.0
        return 0.95 if "<PMID" in text[:200000] or "<ArticleTitle" in text[:200000] else 0.5

    def read(self, text: str, path: str) -> ReadResult:
        return read_guarded(_read, text, path, "PubMed XML file", _FIX)


def _read(text: str, path: str) -> ReadResult:
    parsed = parse_records(text, _RECORD_TAGS, path, "PubMed XML file", _FIX)
    return read_records(parsed, _extract, path, "PubMed XML file")


def _extract(record: Element, line: int) -> Extraction:
    article = record.find("MedlineCitation/Article")
    if article is None:
        article = record.find("BookDocument")
    if article is None:
        article = record
    language = language_tag(first_text(article, "Language"))
    publication_type = publication_type_of(
        [text for element in article.findall("PublicationTypeList/PublicationType")
         if (text := element_text(element))])
    date = _date(article)
    return Extraction(
        line=line,
        title=unbracketed_title(first_text(article, "ArticleTitle", "BookTitle", "Book/BookTitle",
                                           "VernacularTitle")),
        authors=_authors(article),
        year=parse_year(date),
        date=date,
        journal=first_text(article, "Journal/Title"),
        journal_abbrev=first_text(article, "Journal/ISOAbbreviation")
        or first_text(record, "MedlineCitation/MedlineJournalInfo/MedlineTA"),
        volume=first_text(article, "Journal/JournalIssue/Volume"),
        issue=first_text(article, "Journal/JournalIssue/Issue"),
        pages=_pages(article),
        doi=_doi(record, article),
        publication_type=publication_type,
        peer_reviewed=False if publication_type == "preprint" else None,
        language=language,
        abstract=_abstract(article.find("Abstract")),
        keywords=_keywords(record),
        translations=_translations(record, article, language),
        identifiers=_identifiers(record),
    )


def _authors(article: Element) -> tuple[str, ...]:
    """People as "Family, Given" (initials when no fore name); groups (CollectiveName) as written.
    A book's editors stand in only when the chapter names no author (as for RIS and EndNote)."""
    names: list[str] = []
    for author in article.findall("AuthorList/Author") or article.findall("Book/AuthorList/Author"):
        family = first_text(author, "LastName")
        given = first_text(author, "ForeName", "Initials")
        suffix = first_text(author, "Suffix")
        suffix = _ORDINAL_SUFFIXES.get(suffix.lower(), suffix) if suffix else None
        if family:
            name = normalize_name(", ".join(filter(None, (family, given, suffix)))) if given else family
        else:
            name = first_text(author, "CollectiveName")
        if name and name not in names:
            names.append(name)
    return tuple(names)


def _date(article: Element) -> str | None:
    """The issue's date (Year/Month/Day, or MedlineDate such as "2019 Jan-Feb"); a range keeps
    only its year. The electronic ArticleDate stands in when the issue has no date."""
    pub = article.find("Journal/JournalIssue/PubDate")
    if pub is None:
        pub = article.find("Book/PubDate")
    if pub is not None:
        year = first_text(pub, "Year")
        if year:
            return _date_of(year, first_text(pub, "Month"), first_text(pub, "Day"))
        medline_date = first_text(pub, "MedlineDate")
        if medline_date:
            ranged = re.search(r"\d{4}\s+\w+\s*[-/]|\d{4}\s*[-/]\s*\d{4}", medline_date)
            year_only = parse_year(medline_date)
            return str(year_only) if ranged and year_only else parse_date(medline_date)
    electronic = article.find("ArticleDate")
    year = first_text(electronic, "Year") if electronic is not None else None
    if electronic is not None and year:
        return _date_of(year, first_text(electronic, "Month"), first_text(electronic, "Day"))
    return None


def _date_of(year: str, month: str | None, day: str | None) -> str | None:
    """An ISO date from PubMed's parts; months come as "Mar" or "03"."""
    if month and month.isdigit():
        return parse_date("-".join(filter(None, (year, month, day))))
    return parse_date(" ".join(filter(None, (year, month, day))))


def _pages(article: Element) -> str | None:
    """MedlinePgn ("211-9" written in full), else StartPage-EndPage."""
    pages = first_text(article, "Pagination/MedlinePgn")
    if not pages:
        start, end = first_text(article, "Pagination/StartPage"), first_text(article, "Pagination/EndPage")
        pages = f"{start}-{end}" if start and end else start
    return full_pages(pages) if pages and any(char.isdigit() for char in pages) else None


def _doi(record: Element, article: Element) -> str | None:
    """The DOI in ArticleIdList (this article's own ids), else an ELocationID of type doi."""
    for element in record.findall("PubmedData/ArticleIdList/ArticleId"):
        if element.get("IdType") == "doi":
            doi = normalize_doi(element_text(element))
            if doi:
                return doi
    for element in article.findall("ELocationID"):
        if element.get("EIdType") == "doi":
            doi = normalize_doi(element_text(element))
            if doi:
                return doi
    return None


def _abstract(abstract: Element | None) -> tuple[AbstractSection, ...]:
    """One section per labelled AbstractText; unlabelled text is split at any headings it contains."""
    if abstract is None:
        return ()
    sections: list[AbstractSection] = []
    for part in abstract.findall("AbstractText"):
        text = element_text(part)
        if not text:
            continue
        label = clean_text(part.get("Label"))
        if label and label.lower() not in _NO_HEADING:
            sections.append(AbstractSection(heading_case(label), text))
        else:
            sections.extend(split_abstract(text))
    return tuple(sections)


def _keywords(record: Element) -> tuple[str, ...]:
    """Author keywords when present; otherwise the MeSH descriptors."""
    citation = record.find("MedlineCitation")
    if citation is None:
        citation = record.find("BookDocument")
    if citation is None:
        return ()
    own = [text for element in citation.findall("KeywordList/Keyword") if (text := element_text(element))]
    if own:
        return normalize_keywords(own)
    return normalize_keywords([text for element in citation.findall("MeshHeadingList/MeshHeading/DescriptorName")
                               if (text := element_text(element))])


def _translations(record: Element, article: Element, language: str | None) -> tuple[Translation, ...]:
    """The original-language title (VernacularTitle) and abstracts in other languages (OtherAbstract)."""
    titles: dict[str, str] = {}
    original = unbracketed_title(first_text(article, "VernacularTitle"))
    if original and language and language != "en":
        titles[language] = original
    abstracts: dict[str, tuple[AbstractSection, ...]] = {}
    for other in record.findall("MedlineCitation/OtherAbstract"):
        other_language = language_tag(other.get("Language"))
        sections = _abstract(other)
        if other_language and other_language != "en" and sections:
            abstracts.setdefault(other_language, sections)
    return tuple(Translation(lang=lang, title=titles.get(lang), abstract=abstracts.get(lang, ()))
                 for lang in dict.fromkeys([*titles, *abstracts]))


def _identifiers(record: Element) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    pmid = first_text(record, "MedlineCitation/PMID", "BookDocument/PMID")
    if pmid:
        pairs.append(("pmid", pmid))
    for element in record.findall("PubmedData/ArticleIdList/ArticleId"):
        value = element_text(element)
        if element.get("IdType") == "pmc" and value:
            pairs.append(("pmcid", value))
            break
    issn = first_text(record, "MedlineCitation/Article/Journal/ISSN")
    if issn:
        pairs.append(("issn", issn))
    return tuple(pairs)
