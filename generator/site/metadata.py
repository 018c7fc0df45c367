"""Machine-readable descriptions in page heads: COinS, schema.org JSON-LD and Google Scholar tags.

Google Scholar's ``citation_*`` tags say "this page IS the work", which is true of the brief's
home page (the brief is a report) and false of a study page (a summary of someone else's
paper), so study pages get only schema.org markup that says the page is *about* the paper.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from markupsafe import Markup

from ..config import SiteConfig
from ..model.study import Study
from .citations import csl_name, plain_abstract
from .exports import split_pages

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
#: Characters a browser drops from a URL before reading its scheme: controls, spaces and the invisible ones.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
#: What a DOI may keep unencoded in a doi.org link: its own punctuation, never quotes, brackets or spaces.
_DOI_SAFE = "/:;()._-"
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_JOURNAL_TYPES = {None, "", "journal article", "review", "editorial", "letter", "note", "correction", "data paper",
                  "book review", "magazine article", "newspaper article", "preprint"}
_BOOK_GENRES = {"book": "book", "book series": "book", "book chapter": "bookitem"}
#: schema.org types for works that are not articles.
_SCHEMA_TYPES = {"book": "Book", "book series": "Book", "book chapter": "Chapter", "report": "Report",
                 "government document": "Report", "thesis": "Thesis"}


def source_link(url: str | None) -> str | None:
    """``url`` when it is a plain http(s) link to a host, else None: the only kind a source may turn into a link.

    A source or a hand-edited record can say anything, so the scheme is judged the way a browser would
    read it (entities decoded, spaces and control characters dropped, any case): ``" JaVaScRiPt:"``,
    ``data:``, ``vbscript:`` and ``javascript&#58;`` are all refused, not repaired.
    """
    written = (url or "").strip()
    as_read = _URL_NOISE.sub("", html.unescape(html.unescape(written)))
    if not all(text.lower().startswith(("http://", "https://")) for text in (written, as_read)):
        return None
    try:
        host = urlsplit(written).hostname
    except ValueError:
        return None
    return written if host and not _URL_NOISE.search(written) else None


def doi_link(doi: str | None) -> str | None:
    """The doi.org link of a DOI (``10.`` prefix), percent-encoding anything a DOI should not carry raw."""
    doi = (doi or "").strip()
    if not re.match(r"10\.\d{4,9}/\S", doi):
        return None
    return "https://doi.org/" + quote(doi, safe=_DOI_SAFE)


@lru_cache(maxsize=8192)
def coins(study: Study) -> str:
    """The OpenURL ContextObject for a COinS span, which lets Zotero and link resolvers find the paper."""
    kind = (study.publication_type or "").lower()
    pairs: list[tuple[str, str | None]] = [("ctx_ver", "Z39.88-2004")]
    if kind in _BOOK_GENRES:
        chapter = kind == "book chapter"
        pairs += [("rft_val_fmt", "info:ofi/fmt:kev:mtx:book"), ("rft.genre", _BOOK_GENRES[kind]),
                  ("rft.atitle" if chapter else "rft.btitle", study.title),
                  ("rft.btitle" if chapter else "rft.series", study.journal), *_coins_parts(study, "rft.au")]
    elif kind in _JOURNAL_TYPES and (study.journal or kind):
        pairs += [("rft_val_fmt", "info:ofi/fmt:kev:mtx:journal"),
                  ("rft.genre", "preprint" if study.is_preprint else "article"),
                  ("rft.atitle", study.title), ("rft.jtitle", study.journal), ("rft.stitle", study.journal_abbrev),
                  *_coins_parts(study, "rft.au")]
    else:  # Dublin Core: what is left when we cannot say what kind of work it is
        pairs += [("rft_val_fmt", "info:ofi/fmt:kev:mtx:dc"), ("rft.type", study.publication_type),
                  ("rft.title", study.title), ("rft.source", study.journal), ("rft.date", _date(study)),
                  ("rft.language", study.language), *(("rft.creator", author) for author in study.authors)]
    pairs += [("rft_id", f"info:doi/{study.doi}" if study.doi else None), ("rft_id", source_link(study.url))]
    return urlencode([(key, value) for key, value in pairs if value])


def _coins_parts(study: Study, author_key: str) -> list[tuple[str, str | None]]:
    """Date, volume, issue, pages, language and authors, as the journal and book formats name them."""
    first, last = split_pages(study.pages)
    return [("rft.date", _date(study)), ("rft.volume", study.volume), ("rft.issue", study.issue),
            ("rft.spage", first), ("rft.epage", last), ("rft.pages", study.pages),
            ("rft.language", study.language), *((author_key, author) for author in study.authors)]


def _date(study: Study) -> str | None:
    return study.date or (str(study.year) if study.year else None)


def study_jsonld(study: Study, page_url: str, site: SiteConfig) -> dict[str, Any]:
    """schema.org for a study page: a WebPage of the brief whose subject is the paper."""
    page = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "@id": page_url,
        "url": page_url,
        "name": f"{study.title} (study summary)",
        "inLanguage": site.language,
        "isPartOf": _website_ref(site),
        "about": work_jsonld(study),
    }
    return _pruned(page)


def work_jsonld(study: Study) -> dict[str, Any]:
    """The paper itself as schema.org (ScholarlyArticle unless it is a book, report or thesis)."""
    schema_type = _SCHEMA_TYPES.get((study.publication_type or "").lower(), "ScholarlyArticle")
    first, last = split_pages(study.pages)
    doi_url = doi_link(study.doi)
    return _pruned({
        "@type": schema_type,
        "@id": doi_url,
        "headline": study.title,
        "name": study.title,
        "author": [_agent(author) for author in study.authors if author.strip()],
        "datePublished": _date(study),
        "isPartOf": _periodical(study) if schema_type == "ScholarlyArticle" else _named("CreativeWork", study.journal),
        "pagination": study.pages,
        "pageStart": first,
        "pageEnd": last,
        "sameAs": _same_as(doi_url, study),
        "url": source_link(study.url),
        "identifier": _identifiers(study),
        "keywords": ", ".join(study.keywords),
        "abstract": plain_abstract(study, "\n"),
        "inLanguage": study.language,
        "creativeWorkStatus": "Preprint" if study.is_preprint else None,
    })


def _same_as(doi_url: str | None, study: Study) -> str | list[str] | None:
    """The paper's own pages at its registries (doi.org, PubMed, PMC, arXiv): one link as a string, more as a list."""
    from .identifiers import same_as_links  # here, not at the top: identifiers builds on this module's links

    links = list(dict.fromkeys([*([doi_url] if doi_url else []), *same_as_links(study.identifiers)]))
    return links[0] if len(links) == 1 else links or None


def _identifiers(study: Study) -> list[dict[str, str]] | None:
    """DOI first, then the other identifiers that name the paper itself (PMID, PMCID, arXiv)."""
    from .identifiers import property_values

    doi = [{"@type": "PropertyValue", "propertyID": "DOI", "value": study.doi}] if study.doi else []
    others = [item for item in property_values(study.identifiers) if item["propertyID"] != "DOI"]
    return [*doi, *others] or None


def _agent(author: str) -> dict[str, str]:
    name = csl_name(author)
    if "literal" in name:
        return {"@type": "Organization", "name": name["literal"]}
    full = " ".join(part for part in (name.get("given"), name["family"], name.get("suffix")) if part)
    return {"@type": "Person", "familyName": name["family"], "givenName": name.get("given", ""), "name": full}


def _periodical(study: Study) -> dict[str, Any] | None:
    """Journal > volume > issue, nested as schema.org models them; only the levels the record gives."""
    if not study.journal:
        return None
    node: dict[str, Any] = {"@type": "Periodical", "name": study.journal, "alternateName": study.journal_abbrev}
    if study.volume:
        node = {"@type": "PublicationVolume", "volumeNumber": study.volume, "isPartOf": node}
    if study.issue:
        node = {"@type": "PublicationIssue", "issueNumber": study.issue, "isPartOf": node}
    return node


def _named(schema_type: str, name: str | None) -> dict[str, str] | None:
    return {"@type": schema_type, "name": name} if name else None


def _website_ref(site: SiteConfig) -> dict[str, Any]:
    return {"@type": "WebSite", "@id": site.absolute("") + "#website", "name": site.title, "url": site.absolute("")}


def home_meta(site: SiteConfig, updated: str) -> list[tuple[str, str]]:
    """Google Scholar tags for the home page, describing the brief itself as a report."""
    authors = site.authors or ((site.organisation,) if site.organisation else ())
    tags = [("citation_title", site.title)]
    tags += [("citation_author", author) for author in authors]
    tags += [("citation_publication_date", scholar_date(updated)),
             ("citation_technical_report_institution", site.organisation),
             ("citation_language", site.language)]
    return [(name, value) for name, value in tags if value]


def scholar_date(value: str) -> str:
    """Google Scholar's YYYY/MM/DD from an ISO date (or timestamp); anything else is left out."""
    match = _ISO_DATE.match(value.strip())
    return "/".join(part for part in match.groups() if part) if match else ""


def home_jsonld(site: SiteConfig, updated: str) -> dict[str, Any]:
    """schema.org for the home page: the web site, whose main entity is the brief as a Report."""
    organisation = _named("Organization", site.organisation)
    authors = [_agent(author) for author in site.authors] or ([organisation] if organisation else [])
    report = {
        "@type": "Report",
        "name": site.title,
        "url": site.absolute(""),
        "abstract": site.scope,
        "description": site.description,
        "author": authors,
        "publisher": organisation,
        "dateModified": updated,
        "inLanguage": site.language,
        "license": source_link(site.licence_url) or site.licence,
        "keywords": ", ".join(site.keywords),
    }
    website = {"@context": "https://schema.org", **_website_ref(site), "description": site.description,
               "inLanguage": site.language, "publisher": organisation, "mainEntity": report}
    return _pruned(website)


def render_head(meta: list[tuple[str, str]], jsonld: dict[str, Any] | None) -> Markup:
    """<meta> tags and an ld+json script; no source text can end the script or leave an attribute."""
    lines = [Markup('<meta name="{}" content="{}">').format(name, content) for name, content in meta]
    if jsonld is not None:
        lines.append(Markup('<script type="application/ld+json">{}</script>').format(Markup(script_json(jsonld))))
    return Markup("\n").join(lines)


def script_json(data: Any) -> str:
    """JSON safe inside <script>: < > & (and the JS line separators) only ever appear as \\u escapes,
    which is valid JSON because they can only occur inside strings."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda match: _JSON_ESCAPES[match.group(0)], text)


def _pruned(value: Any) -> Any:
    """Without empty values (None, "", [], {}), so nothing unknown is stated as known."""
    if isinstance(value, dict):
        pruned = {key: _pruned(item) for key, item in value.items()}
        return {key: item for key, item in pruned.items() if item not in (None, "", [], {})}
    if isinstance(value, list):
        return [item for item in (_pruned(item) for item in value) if item not in (None, "", [], {})]
    return value

