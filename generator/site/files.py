"""Generated files that are not pages: downloads, per-study citations, sitemap, robots, feed."""

from __future__ import annotations

from xml.sax.saxutils import escape as xml_escape

from ..config import SiteConfig
from ..model.study import Study
from . import urls
from .exports import render_bibtex, render_csl_json, render_csv, render_json, render_ris
from .model import Page

DOWNLOADS = (("Studies (CSV)", urls.DATA_CSV), ("Studies (JSON)", urls.DATA_JSON), ("Studies (RIS)", urls.DATA_RIS),
             ("Studies (BibTeX)", urls.DATA_BIB))


def generated_files(config: SiteConfig, studies: list[Study], pages: list[Page], updated: str) -> dict[str, str]:
    """Site path -> file text, for every generated non-HTML file."""
    ordered = sorted(studies, key=lambda s: s.id)

    def page_url(study: Study) -> str:
        return config.absolute(urls.study(study.id))

    files = {
        urls.DATA_JSON: render_json(ordered, page_url),
        urls.DATA_CSV: render_csv(ordered, page_url),
        urls.DATA_RIS: render_ris(ordered),
        urls.DATA_BIB: render_bibtex(ordered),
        urls.SITEMAP: render_sitemap(config, pages, updated),
        urls.ROBOTS: f"User-agent: *\nAllow: /\nSitemap: {config.absolute(urls.SITEMAP)}\n",
        urls.FEED: render_feed(config, ordered, updated),
    }
    for study in ordered:
        files[urls.study_download(study.id, "ris")] = render_ris([study])
        files[urls.study_download(study.id, "bibtex")] = render_bibtex([study])
        files[urls.study_download(study.id, "csl-json")] = render_csl_json([study])
    return files


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
