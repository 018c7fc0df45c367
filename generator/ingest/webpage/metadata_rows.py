"""Metadata tables keyed by standard element names, as repository records show them.

Institutional repositories (DSpace, EPrints and others) offer a "full item record": one row per
metadata element, the qualified Dublin Core name first, then the value, then often a language code
("dc.contributor.author<TAB>Doe, Jane<TAB>en_US"). Pages that copy their ``<meta>`` tags print the
Highwire Press names instead ("citation_title", "citation_author"). These names are a published
standard, not one site's wording, so the rows are rewritten here into the labelled lines the page
reader already understands ("Title: …", "Authors: …; …"), in the order an article page uses.
Elements that describe the repository's own bookkeeping (accession dates, ISSN, format) are dropped.
"""

from __future__ import annotations

import re

from .common import Line

# "dc.contributor.author", "dcterms.abstract", "citation_journal_title", "prism.volume"
_ROW = re.compile(r"^(?P<key>(?:dc|dcterms|prism)\.[a-z]+(?:\.[A-Za-z]+)?|citation_[a-z_]+)"
                  r"(?:\s*\t\s*|\s+)(?P<value>\S.*)$")
# A trailing language column ("en_ZA", "en-US", or "en" after a tab).
_LANGUAGE_COLUMN = re.compile(r"\s*\t\s*(?:[a-z]{2,3}(?:[_-][A-Za-z]{2})?|\*)\s*$|\s+[a-z]{2}[_-][A-Z]{2}\s*$")

# element name (without its "dc."/"dcterms."/"citation_" prefix) -> the field it fills
_ELEMENTS: dict[str, str] = {
    "title": "title",
    "contributor.author": "authors",
    "creator": "authors",
    "contributor": "authors",
    "author": "authors",
    "date.issued": "date",
    "issued": "date",
    "publication_date": "date",
    "date": "date",
    "online_date": "date",
    "identifier.citation": "citation",
    "bibliographiccitation": "citation",
    "identifier.doi": "doi",
    "doi": "doi",
    "identifier.uri": "url",
    "abstract_html_url": "url",
    "description.abstract": "abstract",
    "abstract": "abstract",
    "subject": "keywords",
    "subject.other": "keywords",
    "keywords": "keywords",
    "relation.ispartof": "journal",
    "ispartof": "journal",
    "journal_title": "journal",
    "publicationname": "journal",
    "source": "journal",
    "citation.volume": "volume",
    "volume": "volume",
    "citation.issue": "issue",
    "issue": "issue",
    "number": "issue",
    "citation.spage": "first_page",
    "firstpage": "first_page",
    "startingpage": "first_page",
    "citation.epage": "last_page",
    "lastpage": "last_page",
    "endingpage": "last_page",
}
_PREFIX = re.compile(r"^(?:dc|dcterms|prism)\.|^citation_")


# --------------------------------------------------------------------------- label tables in words
# Repositories and catalogues (OPUS, MyCoRe, OJS, university bibliographies) show a record as a table of
# labels in the site's language, copied as "Label:<TAB>value" rows. The labels are the general words for
# bibliographic fields in several languages; "Titel (Deutsch)" names the language of the value.
_WORD_ROW = re.compile(r"^(?P<key>[^\t:：]{2,50}?)\s*[:：]?\t+\s*(?P<value>\S.*)$")
_LANGUAGE_NOTE = re.compile(r"\s*\([^)]{2,20}\)\s*$")
_WORD_LABELS: dict[str, frozenset[str]] = {
    "title": frozenset({"title", "titel", "título", "titre", "titolo", "judul", "tytuł", "naslov", "název",
                        "hauptsachtitel", "sachtitel", "otsikko"}),
    "authors": frozenset({"author", "authors", "creator", "creators", "urheber", "verfasser", "verfasserin",
                          "autor", "autoren", "autorin", "auteur", "auteurs", "autores", "autori", "penulis",
                          "författare", "auteur(s)", "author(s)", "tekijä", "tekijät"}),
    "journal": frozenset({"erschienen in", "enthalten in", "zeitschrift", "titel der zeitschrift", "journal",
                          "journal title", "published in", "source", "is part of", "revue", "revista", "rivista",
                          "tijdschrift", "verschenen in", "nama jurnal", "jurnal", "paru dans", "publicado en",
                          "pubblicato in", "julkaisu", "lehti", "czasopismo", "časopis", "tidskrift"}),
    "volume": frozenset({"jahrgang", "band", "volume", "vol", "vol.", "bd", "bd.", "tome", "volumen", "deel",
                         "jaargang", "cilt", "tom", "volume/issue", "årgång", "vuosikerta", "rocznik", "ročník"}),
    "issue": frozenset({"heft", "ausgabe", "nummer", "issue", "number", "numéro", "número", "fascicolo",
                        "aflevering", "afl.", "sayı", "nomor", "no", "no.", "nr", "nr.", "numero", "zeszyt", "číslo"}),
    "pages": frozenset({"seiten", "seitenangaben", "seitenangabe", "seite", "pages", "page", "páginas", "pagine",
                        "blz", "blz.", "pagina", "pagina's", "paginas", "bladzijden", "halaman",
                        "sayfa", "sayfalar", "sidor", "sivut", "strony", "strany",
                        "page range", "umfang"}),
    "date": frozenset({"jahr der erstveröffentlichung", "erscheinungsjahr", "jahr", "year", "publication year",
                       "year of publication", "année", "année de publication", "año", "año de publicación",
                       "anno", "jaar", "tahun", "tahun terbit", "erscheinungsdatum", "publication date",
                       "date of publication", "veröffentlichungsdatum", "date de publication", "fecha de publicación",
                       "år", "vuosi", "rok", "rok wydania"}),
    "doi": frozenset({"doi"}),
    "keywords": frozenset({"freies schlagwort / tag", "freie schlagwörter", "schlagwörter", "schlagworte",
                           "schlagwort", "stichwörter", "keywords", "keyword", "subject", "subjects",
                           "mots-clés", "mots clés", "palabras clave", "parole chiave", "trefwoorden",
                           "kata kunci", "nyckelord", "asiasanat", "słowa kluczowe", "klíčová slova",
                           "palavras-chave", "author keywords", "uncontrolled keywords"}),
}
#: Fields that show a table of labels is a bibliographic record rather than any two-column text.
_SOURCE_FIELDS = frozenset({"journal", "volume", "issue", "pages"})


def _word_field(label: str) -> str | None:
    key = " ".join(label.casefold().split())
    for candidate in (key, _LANGUAGE_NOTE.sub("", key)):
        found = next((name for name, labels in _WORD_LABELS.items() if candidate in labels), None)
        if found:
            return found
    return None


def _word_table(lines: list[Line]) -> list[Line]:
    """The page with a table of worded labels (three fields or more, one of them the source) rewritten as
    labelled lines before the first abstract; the first row of each field wins (German before English)."""
    rows = [(index, field, match.group("value").strip()) for index, line in enumerate(lines)
            if (match := _WORD_ROW.match(line.text)) and (field := _word_field(match.group("key")))]
    fields = {field for _, field, _ in rows}
    if len(fields) < 3 or not fields & _SOURCE_FIELDS:
        return lines
    values: dict[str, list[tuple[int, str]]] = {}
    for index, field, value in rows:
        values.setdefault(field, [(lines[index].number, value)])
    if "pages" in values:
        number, pages = values.pop("pages")[0]
        first_page, _, last_page = pages.partition("-")
        values["first_page"] = [(number, first_page.strip())]
        if last_page.strip():
            values["last_page"] = [(number, last_page.strip())]
    taken = {index for index, _, _ in rows}
    kept = [line for i, line in enumerate(lines) if i not in taken]
    at = next((i for i, line in enumerate(kept) if _ABSTRACT_LABEL.match(line.text)), rows[0][0])
    at = min(at, rows[0][0])
    return kept[:at] + _labelled(values) + kept[at:]


#: The label of an abstract on a line of its own, in the languages of the worded tables above.
_ABSTRACT_LABEL = re.compile(r"^\s*(?:abstract|summary|zusammenfassung|kurzfassung|résumé|resumen|resumo|riassunto|"
                             r"samenvatting|abstrak|sammanfattning|tiivistelmä|streszczenie)\s*:?\s*$", re.IGNORECASE)


def metadata_rows(lines: list[Line]) -> list[Line]:
    """The page's lines with a table of standard metadata rows (two rows or more) rewritten as labelled
    lines at the table's place; pages without such a table come back unchanged."""
    rows = [(index, match) for index, line in enumerate(lines) if (match := _ROW.match(line.text))]
    if len(rows) < 2:
        return _word_table(lines)
    values: dict[str, list[tuple[int, str]]] = {}
    for index, match in rows:
        field = _ELEMENTS.get(_PREFIX.sub("", match.group("key")))
        value = _LANGUAGE_COLUMN.sub("", match.group("value")).strip()
        if field and value:
            values.setdefault(field, []).append((lines[index].number, value))
    taken = {index for index, _ in rows}
    first = rows[0][0]
    return lines[:first] + _labelled(values) + [line for i, line in enumerate(lines) if i > first and i not in taken]


def _labelled(values: dict[str, list[tuple[int, str]]]) -> list[Line]:
    """Labelled lines in an article page's order: title, authors, source, date, DOI, abstract, keywords."""
    out: list[Line] = []

    def add(label: str, field: str, joiner: str | None = None) -> None:
        if field in values:
            entries = values[field]
            text = joiner.join(v for _, v in entries) if joiner else entries[0][1]
            out.append(Line(entries[0][0], f"{label}: {text}"))

    add("Title", "title")
    add("Authors", "authors", "; ")
    if "journal" in values:
        number, journal = values["journal"][0]
        out.append(Line(number, f"Journal: {_source(journal, values)}"))
    add("Published", "date")
    add("DOI", "doi")
    add("Citation", "citation")
    add("Permalink", "url")
    add("Abstract", "abstract")
    add("Keywords", "keywords", "; ")
    return out


def _source(journal: str, values: dict[str, list[tuple[int, str]]]) -> str:
    """"Journal, 2021, Vol. 23, No. 1, pp. 44-53" from the separate source elements that are given."""
    def first(field: str) -> str | None:
        return values[field][0][1] if field in values else None

    parts = [journal]
    year = re.search(r"(?:1[89]|20)\d\d", first("date") or "")
    if year and (first("volume") or first("issue") or first("first_page")):
        parts.append(year.group(0))
    if (volume := first("volume")):
        parts.append(f"Vol. {volume}")
    if (issue := first("issue")):
        parts.append(f"No. {issue}")
    if (start := first("first_page")):
        end = first("last_page")
        parts.append(f"pp. {start}-{end}" if end else f"pp. {start}")
    return ", ".join(parts)
