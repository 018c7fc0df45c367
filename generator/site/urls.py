"""Every URL of the site is decided here, and nowhere else.

Site paths are relative to the site root and carry no leading slash: "" is the home page,
"studies/x/" a study, "data/studies.csv" a file. Links between pages are written relative
(``../../assets/style.css``), so the same output works at any sub-path and from a file system;
only the 404 page, which hosts serve at arbitrary depths, links from the site's base path.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache

HOME = ""
STUDIES = "studies/"
THEMES = "themes/"
ABOUT = "about/"
SEARCH = "search/"
#: The screening log: every excluded record with its stage and reason.
SCREENING = "screening/"
#: The whole brief on one page, laid out for print and PDF (generator/site/printable.py).
BRIEF = "brief/"
NOT_FOUND = "404.html"
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
STYLESHEET = "assets/style.css"
SCRIPT = "assets/site.js"
FAVICON = "favicon.svg"
PAGEFIND_DIR = "pagefind/"
DATA_JSON = "data/studies.json"
DATA_CSV = "data/studies.csv"
DATA_RIS = "data/studies.ris"
DATA_BIB = "data/studies.bib"
DATA_SCREENING_CSV = "data/screening-log.csv"

CITE_FORMATS = {"ris": "cite.ris", "bibtex": "cite.bib", "csl-json": "cite.json"}


def study(study_id: str) -> str:
    return f"studies/{study_id}/"


def study_download(study_id: str, kind: str) -> str:
    """"ris", "bibtex" or "csl-json" download of one study, beside its page."""
    return study(study_id) + CITE_FORMATS[kind]


def theme(theme_id: str) -> str:
    return f"themes/{theme_id}/"


def studies_page(number: int) -> str:
    """Page ``number`` (1-based) of the full study list."""
    return STUDIES if number == 1 else f"studies/page/{number}/"


def facet(kind: str, value: str, number: int = 1) -> str:
    """Page ``number`` of a static filtered list: kind is "design", "setting", "year" or "theme"."""
    return f"studies/{kind}/{value}/" if number == 1 else f"studies/{kind}/{value}/page/{number}/"


#: The kinds of facet whose values each have a list page under studies/<kind>/<value>/.
FACET_KINDS = ("design", "setting", "year", "theme")


def facet_index(kind: str) -> str:
    """The page listing every value of one facet kind with its count ("studies/design/"), so a reader
    who trims a facet URL to its folder finds the other values instead of a 404."""
    return f"studies/{kind}/"


def theme_evidence(theme_id: str, group: str, number: int = 1) -> str:
    """Page ``number`` of every evidence sentence of one group on a theme: a role ("barrier",
    "facilitator", "strategy", "outcome", "other") or "cited" (what citing papers say)."""
    first = f"themes/{theme_id}/evidence/{group}/"
    return first if number == 1 else f"{first}page/{number}/"


def theme_comparison(theme_id: str, number: int = 1) -> str:
    """Page ``number`` of a theme's full comparison table."""
    first = f"themes/{theme_id}/comparison/"
    return first if number == 1 else f"{first}page/{number}/"


def appraisal(theme_id: str | None = None) -> str:
    """The appraisal summary of every appraised study, or of one theme's studies."""
    return "appraisal/" if theme_id is None else f"appraisal/themes/{theme_id}/"


def output_file(path: str) -> str:
    """The file in output/ that serves ``path`` ("studies/x/" -> "studies/x/index.html")."""
    return path + "index.html" if path == "" or path.endswith("/") else path


#: What ``_relpath`` leaves to ``posixpath``: an absolute path, an empty or a "." or ".." part, a trailing slash.
_UNCLEAN = re.compile(r"^/|//|(?:^|/)\.\.?(?:/|$)|/$")


@lru_cache(maxsize=1 << 18)  # a 2,000-study site has about 100,000 distinct links: all must fit
def relative(from_path: str, to_path: str) -> str:
    """A link from the page at ``from_path`` to ``to_path`` that works at any sub-path (pure, so memoised)."""
    from_dir = posixpath.dirname(output_file(from_path))
    target = _relpath(output_file(to_path), from_dir)
    if to_path == "" or to_path.endswith("/"):
        target = posixpath.dirname(target)
        target = (target + "/") if target not in ("", ".") else "./"
    return target


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath(path, start or ".")`` for the clean relative paths of a site, by splitting the
    strings (``relpath`` makes both absolute through the working folder: most of a big build's link time)."""
    if _UNCLEAN.search(path) or _UNCLEAN.search(start):
        return posixpath.relpath(path, start or ".")
    start_parts = start.split("/") if start else []
    path_parts = path.split("/") if path else []
    common = 0
    for mine, theirs in zip(start_parts, path_parts):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + path_parts[common:]) or "."


def rooted(base_path: str, to_path: str) -> str:
    """A link from the site's base path ("/briefs/moud/" + path), for pages served at any depth."""
    return base_path.rstrip("/") + "/" + to_path
