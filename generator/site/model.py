"""The site model: every page (template + context) and every generated file, decided before rendering.

Pure: takes the config, studies, themes and the brief's text, returns a SiteModel. Excluded
studies never reach it. Each page gets a link function relative to its own URL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from markupsafe import Markup

from ..config import SiteConfig
from ..model.study import Study
from ..model.vocabulary import DESIGNS, SETTINGS
from ..synthesis.themes import Theme
from . import urls
from .views import StudyRow, study_row, study_view

NAV = (("Brief", urls.HOME), ("Themes", urls.THEMES), ("Studies", urls.STUDIES), ("Search", urls.SEARCH),
       ("About", urls.ABOUT))


@dataclass(frozen=True)
class Page:
    path: str
    template: str
    title: str
    description: str
    kind: str
    context: dict[str, Any] = field(default_factory=dict)
    head: Markup = Markup("")
    in_sitemap: bool = True


@dataclass(frozen=True)
class NavItem:
    label: str
    href: str
    current: bool


@dataclass(frozen=True)
class ThemeCard:
    id: str
    title: str
    question: str
    definition: str
    href: str
    study_count: int | None
    narrative_html: Markup = Markup("")


@dataclass(frozen=True)
class FilterSet:
    """Facet links: (label, href, count, slug) per value, so no-JS links and JS selects agree."""

    designs: list[tuple[str, str, int, str]]
    settings: list[tuple[str, str, int, str]]
    years: list[tuple[str, str, int, str]]


@dataclass(frozen=True)
class BriefText:
    """The brief's curated text, already rendered to safe HTML by the build."""

    key_messages_html: Markup
    about_html: Markup
    theme_narratives: dict[str, Markup]


@dataclass(frozen=True)
class SiteModel:
    pages: list[Page]
    studies: list[Study]
    themes: list[Theme]


def link_for(path: str, config: SiteConfig) -> Callable[[str], str]:
    """Links from the page at ``path``: relative, except from the 404 page served at any depth."""
    if path == urls.NOT_FOUND:
        return partial(urls.rooted, config.base_path)
    return partial(urls.relative, path)


def build_site_model(config: SiteConfig, studies: list[Study], themes: list[Theme], text: BriefText) -> SiteModel:
    """All pages of the site in a stable order."""
    published = sorted((s for s in studies if s.published), key=lambda s: (-(s.year or 0), s.id))
    pages = [
        _home(config, published, themes, text),
        *_study_list_pages(config, published),
        *_facet_pages(config, published),
        *(_study_page(config, study) for study in published),
        _themes_page(config, themes, text),
        *(_theme_page(config, theme, text) for theme in themes),
        Page(urls.ABOUT, "about.html", "How this brief was made", f"Sources, methods and limits of {config.title}.",
             "about", {"about_html": text.about_html}),
        Page(urls.SEARCH, "search.html", "Search", f"Search the studies and themes of {config.title}.", "search"),
        Page(urls.NOT_FOUND, "404.html", "Page not found", "This page does not exist.", "404", in_sitemap=False),
    ]
    return SiteModel(pages, published, themes)


def _filters(config: SiteConfig, studies: list[Study], path: str) -> FilterSet:
    link = link_for(path, config)
    designs = sorted({s.design for s in studies if s.design})
    settings = sorted({x for s in studies for x in s.settings})
    years = sorted({s.year for s in studies if s.year}, reverse=True)
    return FilterSet(
        designs=[(DESIGNS.get(d, d), link(urls.facet("design", d)), sum(s.design == d for s in studies), d)
                 for d in designs],
        settings=[(SETTINGS.get(x, x), link(urls.facet("setting", x)), sum(x in s.settings for s in studies), x)
                  for x in settings],
        years=[(str(y), link(urls.facet("year", str(y))), sum(s.year == y for s in studies), str(y))
               for y in years])


def _rows(config: SiteConfig, studies: list[Study], path: str) -> list[StudyRow]:
    link = link_for(path, config)
    return [study_row(s, link) for s in studies]


def _home(config: SiteConfig, studies: list[Study], themes: list[Theme], text: BriefText) -> Page:
    link = link_for(urls.HOME, config)
    return Page(urls.HOME, "home.html", config.title, config.description or config.scope, "home", {
        "key_messages_html": text.key_messages_html,
        "themes": [_card(t, link, text) for t in themes],
        "map_rows": [],
        "recent": _rows(config, studies[: config.home_studies], urls.HOME),
        "all_studies_href": link(urls.STUDIES),
        "total": len(studies),
        "filters": _filters(config, studies, urls.HOME),
    })


def _card(theme: Theme, link: Callable[[str], str], text: BriefText) -> ThemeCard:
    return ThemeCard(theme.id, theme.title, theme.question, theme.definition, link(urls.theme(theme.id)), None,
                     text.theme_narratives.get(theme.id, Markup("")))


def _study_list_pages(config: SiteConfig, studies: list[Study]) -> list[Page]:
    chunks = [studies[i: i + config.page_size] for i in range(0, len(studies), config.page_size)] or [[]]
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        path = urls.studies_page(number)
        link = link_for(path, config)
        pagination = [(str(n), link(urls.studies_page(n)), n == number) for n in range(1, len(chunks) + 1)]
        title = "All studies" if number == 1 else f"All studies, page {number}"
        pages.append(Page(path, "studies.html", title, f"The {len(studies)} studies of {config.title}.", "studies", {
            "rows": _rows(config, chunk, path), "filters": _filters(config, studies, path), "heading": title,
            "intro": f"{len(studies)} studies.", "pagination": pagination, "facet": None}))
    return pages


def _facet_pages(config: SiteConfig, studies: list[Study]) -> list[Page]:
    facets: list[tuple[str, str, str, str, list[Study]]] = []
    for design in sorted({s.design for s in studies if s.design}):
        facets.append(("design", design, "Design", DESIGNS.get(design, design),
                       [s for s in studies if s.design == design]))
    for setting in sorted({x for s in studies for x in s.settings}):
        facets.append(("setting", setting, "Setting", SETTINGS.get(setting, setting),
                       [s for s in studies if setting in s.settings]))
    for year in sorted({s.year for s in studies if s.year}, reverse=True):
        facets.append(("year", str(year), "Year", str(year), [s for s in studies if s.year == year]))
    pages = []
    for kind, value, kind_label, value_label, matching in facets:
        path = urls.facet(kind, value)
        heading = f"Studies — {kind_label.lower()}: {value_label}"
        pages.append(Page(path, "studies.html", heading, f"{len(matching)} studies with {kind_label.lower()} "
                          f"{value_label} in {config.title}.", "facet", {
                              "rows": _rows(config, matching, path), "filters": _filters(config, studies, path),
                              "heading": heading, "intro": f"{len(matching)} of {len(studies)} studies.",
                              "pagination": [], "facet": (kind_label, value_label)}))
    return pages


def _study_page(config: SiteConfig, study: Study) -> Page:
    path = urls.study(study.id)
    link = link_for(path, config)
    first_sentence = next((s.text for s in study.abstract), "")[:155]
    description = first_sentence or f"Summary of the study {study.title}."
    return Page(path, "study.html", study.title, description, "study",
                {"study": study, "v": study_view(study, link, [])})


def _themes_page(config: SiteConfig, themes: list[Theme], text: BriefText) -> Page:
    link = link_for(urls.THEMES, config)
    return Page(urls.THEMES, "themes.html", "Themes", f"The themes of {config.title}.", "themes",
                {"themes": [_card(t, link, text) for t in themes]})


def _theme_page(config: SiteConfig, theme: Theme, text: BriefText) -> Page:
    path = urls.theme(theme.id)
    link = link_for(path, config)
    return Page(path, "theme.html", theme.title, theme.question, "theme",
                {"theme": _card(theme, link, text), "rows": []})
