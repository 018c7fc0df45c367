"""Generated files that are not pages: downloads, per-study citations, sitemap, robots, feed."""

from __future__ import annotations

import json
from functools import lru_cache
from xml.sax.saxutils import escape as xml_escape

from ..config import SiteConfig
from ..design import DESIGN_CSS, design_css
from ..model.study import Study
from . import urls
from .exports import (
    Assignments,
    ThemeAssignment,
    render_bibtex,
    render_csl_json,
    render_csv,
    render_ris,
    showable,
    showable_study,
    showable_text,
    study_dict,
)
from .model import Page

DOWNLOADS = (("Studies (CSV)", urls.DATA_CSV), ("Studies (JSON)", urls.DATA_JSON), ("Studies (RIS)", urls.DATA_RIS),
             ("Studies (BibTeX)", urls.DATA_BIB), ("Screening log (CSV)", urls.DATA_SCREENING_CSV))


def generated_files(config: SiteConfig, studies: list[Study], pages: list[Page], updated: str) -> dict[str, str]:
    """Site path -> file text, for every generated non-HTML file.

    The one place control and bidi characters are kept out of them: every text they are made of (the
    studies, the site settings, a page's own files) is cleaned before any format writes it. Cleaning
    the finished files instead would miss JSON's escapes and cost a scan of every byte on each save.
    """
    config = showable(config)
    ordered = sorted((showable_study(study) for study in studies), key=lambda s: s.id)

    def page_url(study: Study) -> str:
        return config.absolute(urls.study(study.id))

    each = [_citation_files(study) for study in ordered]
    assignments = theme_assignments(pages)
    files = {
        urls.DATA_JSON: join_json_items([_json_item(study, page_url(study), assignments.get(study.id, ()))
                                         for study in ordered]),
        urls.DATA_CSV: render_csv(ordered, page_url, assignments),
        urls.DATA_RIS: "\n".join(ris for ris, _, _ in each),  # what render_ris(ordered) writes, from parts
        urls.DATA_BIB: "\n".join(bib for _, bib, _ in each),  # likewise render_bibtex(ordered)
        urls.SITEMAP: render_sitemap(config, pages, updated),
        urls.ROBOTS: f"User-agent: *\nAllow: /\nSitemap: {config.absolute(urls.SITEMAP)}\n",
        urls.FEED: render_feed(config, ordered, updated),
    }
    if config.accent_colour:  # the CSP forbids inline styles: the accent comes as a stylesheet
        files[DESIGN_CSS] = design_css(config.accent_colour)
    for page in pages:  # files a page carries with it (the screening log's CSV)
        files.update({path: showable_text(text) for path, text in page.context.get("files", {}).items()})
    for study, (ris, bib, csl) in zip(ordered, each, strict=True):
        files[urls.study_download(study.id, "ris")] = ris
        files[urls.study_download(study.id, "bibtex")] = bib
        files[urls.study_download(study.id, "csl-json")] = csl
    return files


# The two memoised renderers below are pure functions of a frozen study: the live preview writes
# the downloads after every save, and only the studies that changed should cost anything.
@lru_cache(maxsize=16384)
def _citation_files(study: Study) -> tuple[str, str, str]:
    """One study's RIS, BibTeX and CSL-JSON files."""
    return render_ris([study]), render_bibtex([study]), render_csl_json([study])


@lru_cache(maxsize=16384)
def _json_item(study: Study, page: str, themes: tuple[ThemeAssignment, ...] = ()) -> str:
    return json.dumps(study_dict(study, lambda _: page, themes), indent=2, ensure_ascii=False)


def theme_assignments(pages: list[Page]) -> Assignments:
    """The studies' theme assignments, which the themes page carries (site/model.py); none without it."""
    for page in pages:
        found = page.context.get("assignments")
        if found is not None:
            return {study_id: showable(themes) for study_id, themes in found.items()}
    return {}


def join_json_items(items: list[str]) -> str:
    """The JSON array of already-serialised items, byte for byte what ``render_json`` writes for them."""
    if not items:
        return "[]\n"
    # Every line break json.dumps writes is structural (breaks inside strings are escaped), so
    # nesting an item is putting two spaces after each; str.splitlines would also split at U+2028.
    return "[\n" + ",\n".join("  " + item.replace("\n", "\n  ") for item in items) + "\n]\n"


def render_sitemap(config: SiteConfig, pages: list[Page], updated: str) -> str:
    entries = "".join(f"  <url><loc>{xml_escape(config.absolute(p.path))}</loc><lastmod>{updated}</lastmod></url>\n"
                      for p in pages if p.in_sitemap)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "</urlset>\n")


def render_feed(config: SiteConfig, studies: list[Study], updated: str) -> str:
    """An Atom feed of the studies, newest publication first."""
    newest = sorted(studies, key=lambda s: (-(s.year or 0), s.id))
    entries = []
    for study in newest:
        link = config.absolute(urls.study(study.id))
        summary = " ".join(section.text for section in study.abstract)[:500]
        authors = "".join(f"<author><name>{xml_escape(a)}</name></author>" for a in study.authors[:3])
        entries.append(
            f"  <entry>\n    <id>{xml_escape(link)}</id>\n    <title>{xml_escape(study.title)}</title>\n"
            f'    <link href="{xml_escape(link)}"/>\n    <updated>{updated}T00:00:00Z</updated>\n'
            f"    {authors}\n    <summary>{xml_escape(summary)}</summary>\n  </entry>\n")
    author = xml_escape(config.organisation or config.title)
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
            f"  <id>{xml_escape(config.absolute(''))}</id>\n  <title>{xml_escape(config.title)} — studies</title>\n"
            f'  <link href="{xml_escape(config.absolute(urls.FEED))}" rel="self"/>\n'
            f'  <link href="{xml_escape(config.absolute(""))}"/>\n  <updated>{updated}T00:00:00Z</updated>\n'
            f"  <author><name>{author}</name></author>\n" + "".join(entries) + "</feed>\n")
