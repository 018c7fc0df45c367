"""The site model: every page (template + context) and every generated file, decided before rendering.

Pure: takes the config, studies, themes and the brief's text, returns a SiteModel. Excluded
studies never reach it. Each page gets a link function relative to its own URL.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from typing import Any, TypeVar

from markupsafe import Markup

from ..config import SiteConfig
from ..model.study import Study
from ..model.vocabulary import DESIGNS, SETTINGS
from ..synthesis.matching import ThemeMatch
from ..synthesis.themes import Theme
from . import urls
from .themeviews import (
    CITED_KEY,
    ROLES,
    QuoteGroup,
    abstract_view,
    appraisal_rows,
    cited_first,
    comparison_rows,
    evidence_groups,
    evidence_items,
    theme_detail,
)
from .views import StudyRow, study_row, study_view

Matches = dict[str, list[ThemeMatch]]
T = TypeVar("T")

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
    strongest_finding: str | None = None


@dataclass(frozen=True)
class FilterSet:
    """Facet links: (label, href, count, slug) per value, so no-JS links and JS selects agree."""

    designs: list[tuple[str, str, int, str]]
    settings: list[tuple[str, str, int, str]]
    years: list[tuple[str, str, int, str]]
    themes: list[tuple[str, str, int, str]]


@dataclass(frozen=True)
class BriefText:
    """The brief's curated text, already rendered to safe HTML by the build."""

    key_messages_html: Markup
    about_html: Markup
    theme_narratives: dict[str, Markup]
    theme_cited: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class SiteModel:
    pages: list[Page]
    studies: list[Study]
    themes: list[Theme]


@dataclass(frozen=True)
class _Brief:  # not slotted: cached_property needs an instance __dict__
    """What every page builder reads: settings, published studies, themes and their matches."""

    config: SiteConfig
    studies: list[Study]
    themes: list[Theme]
    text: BriefText
    matches: Matches

    def themes_of(self, study_id: str) -> list[tuple[Theme, ThemeMatch]]:
        return self._by_study.get(study_id, [])

    @cached_property
    def _by_study(self) -> dict[str, list[tuple[Theme, ThemeMatch]]]:
        index: dict[str, list[tuple[Theme, ThemeMatch]]] = {}
        for theme in self.themes:
            for match in self.matches.get(theme.id, []):
                index.setdefault(match.study_id, []).append((theme, match))
        return index

    @cached_property
    def facets(self) -> dict[str, list[tuple[str, str, int]]]:
        """(label, value, number of studies) for every facet value, in display order."""
        designs: Counter[str] = Counter(s.design for s in self.studies if s.design)
        settings: Counter[str] = Counter(x for s in self.studies for x in s.settings)
        years: Counter[int] = Counter(s.year for s in self.studies if s.year)
        return {
            "design": [(DESIGNS.get(d, d), d, designs[d]) for d in sorted(designs)],
            "setting": [(SETTINGS.get(x, x), x, settings[x]) for x in sorted(settings)],
            "year": [(str(y), str(y), years[y]) for y in sorted(years, reverse=True)],
            "theme": [(t.title, t.id, len(self.matches[t.id])) for t in self.themes if self.matches.get(t.id)],
        }

    @cached_property
    def by_id(self) -> dict[str, Study]:
        return {s.id: s for s in self.studies}

    def studies_of(self, theme_id: str) -> list[Study]:
        ids = {m.study_id for m in self.matches.get(theme_id, [])}
        return [s for s in self.studies if s.id in ids]


def link_for(path: str, config: SiteConfig) -> Callable[[str], str]:
    """Links from the page at ``path``: relative, except from the 404 page served at any depth."""
    if path == urls.NOT_FOUND:
        return partial(urls.rooted, config.base_path)
    return partial(urls.relative, path)


def build_site_model(config: SiteConfig, studies: list[Study], themes: list[Theme], text: BriefText,
                     matches: Matches | None = None) -> SiteModel:
    """All pages of the site in a stable order."""
    published = sorted((s for s in studies if s.published), key=lambda s: (-(s.year or 0), s.id))
    brief = _Brief(config, published, themes, text, matches or {})
    pages = [
        _home(brief),
        *_study_list_pages(brief),
        *_facet_pages(brief),
        *(_study_page(brief, study) for study in published),
        _themes_page(brief),
        *(page for theme in themes for page in _theme_pages(brief, theme)),
        Page(urls.ABOUT, "about.html", "How this brief was made", f"Sources, methods and limits of {config.title}.",
             "about", {"about_html": text.about_html}),
        Page(urls.SEARCH, "search.html", "Search", f"Search the studies and themes of {config.title}.", "search"),
        Page(urls.NOT_FOUND, "404.html", "Page not found", "This page does not exist.", "404", in_sitemap=False),
    ]
    return SiteModel(pages, published, themes)


def _filters(brief: _Brief, path: str) -> FilterSet:
    """The facet links as seen from ``path``; the counts are the brief's, computed once."""
    link = link_for(path, brief.config)

    def links(kind: str) -> list[tuple[str, str, int, str]]:
        return [(label, link(urls.facet(kind, value)), count, value) for label, value, count in brief.facets[kind]]

    return FilterSet(designs=links("design"), settings=links("setting"), years=links("year"), themes=links("theme"))


def _rows(brief: _Brief, studies: list[Study], path: str) -> list[StudyRow]:
    return [_row(brief.config, path, s, tuple(t.id for t, _ in brief.themes_of(s.id))) for s in studies]


# The two memoised builders below are pure functions of frozen, hashable values. A live preview
# rebuilds the model on every save; with them, studies that did not change cost a lookup.
@lru_cache(maxsize=65536)
def _row(config: SiteConfig, path: str, study: Study, themes: tuple[str, ...]) -> StudyRow:
    return study_row(study, link_for(path, config), themes)


def _home(brief: _Brief) -> Page:
    config = brief.config
    link = link_for(urls.HOME, config)
    return Page(urls.HOME, "home.html", config.title, config.description or config.scope, "home", {
        "key_messages_html": brief.text.key_messages_html,
        "themes": [_card(brief, t, link) for t in brief.themes],
        "map_rows": _setting_map(brief, link),
        "role_rows": _role_map(brief, link),
        "recent": _rows(brief, brief.studies[: config.home_studies], urls.HOME),
        "all_studies_href": link(urls.STUDIES),
        "total": len(brief.studies),
        "filters": _filters(brief, urls.HOME),
    })


_CONFIDENCE_ORDER = {"high": 0, "moderate": 1, "low": 2, "very low": 3}


def _card(brief: _Brief, theme: Theme, link: Callable[[str], str]) -> ThemeCard:
    strongest = min(theme.findings, key=lambda f: _CONFIDENCE_ORDER[f.confidence], default=None)
    return ThemeCard(theme.id, theme.title, theme.question, theme.definition, link(urls.theme(theme.id)),
                     len(brief.matches.get(theme.id, [])), brief.text.theme_narratives.get(theme.id, Markup("")),
                     strongest.statement if strongest else None)


def _setting_map(brief: _Brief, link: Callable[[str], str]) -> list[tuple[str, str, list[tuple[str, int, str]]]]:
    """Themes x settings: studies per cell, each cell linking to the theme's list filtered by setting."""
    settings = sorted({x for s in brief.studies for x in s.settings}, key=lambda x: list(SETTINGS).index(x)
                      if x in SETTINGS else len(SETTINGS))
    rows = []
    for theme in brief.themes:
        members = brief.studies_of(theme.id)
        cells = [(SETTINGS.get(x, x), sum(x in s.settings for s in members),
                  link(urls.facet("theme", theme.id)) + f"?settings={x}") for x in settings]
        rows.append((theme.title, link(urls.theme(theme.id)), cells))
    return rows if settings else []


def _role_map(brief: _Brief, link: Callable[[str], str]) -> list[tuple[str, str, list[tuple[str, int, str]]]]:
    """Themes x evidence role: studies with at least one sentence in that role, linking to the theme page."""
    rows = []
    for theme in brief.themes:
        matches = brief.matches.get(theme.id, [])
        cells = [(label, sum(any(e.role == role for e in m.evidence) for m in matches),
                  link(urls.theme(theme.id)) + f"#role-{role}") for role, label in ROLES]
        rows.append((theme.title, link(urls.theme(theme.id)), cells))
    return rows


def _study_list_pages(brief: _Brief) -> list[Page]:
    count = len(brief.studies)
    return _paged_list(brief, brief.studies, urls.studies_page, "All studies", "studies", None,
                       f"The {count} studies of {brief.config.title}.", f"{count} studies.")


def _facet_pages(brief: _Brief) -> list[Page]:
    studies = brief.studies
    facets: list[tuple[str, str, str, str, list[Study]]] = []
    for design in sorted({s.design for s in studies if s.design}):
        facets.append(("design", design, "Design", DESIGNS.get(design, design),
                       [s for s in studies if s.design == design]))
    for setting in sorted({x for s in studies for x in s.settings}):
        facets.append(("setting", setting, "Setting", SETTINGS.get(setting, setting),
                       [s for s in studies if setting in s.settings]))
    for year in sorted({s.year for s in studies if s.year}, reverse=True):
        facets.append(("year", str(year), "Year", str(year), [s for s in studies if s.year == year]))
    for theme in brief.themes:
        facets.append(("theme", theme.id, "Theme", theme.title, brief.studies_of(theme.id)))
    pages = []
    for kind, value, kind_label, value_label, matching in facets:
        pages += _paged_list(
            brief, matching, partial(urls.facet, kind, value), f"Studies — {kind_label.lower()}: {value_label}",
            "facet", (kind_label, value_label),
            f"{len(matching)} studies with {kind_label.lower()} {value_label} in {brief.config.title}.",
            f"{len(matching)} of {len(studies)} studies.")
    return pages


def _chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """``items`` in pages of ``size``; an empty list is one empty page."""
    return [items[i: i + size] for i in range(0, len(items), size)] or [items[:0]]


def _pagination(path_of: Callable[[int], str], count: int, number: int,
                link: Callable[[str], str]) -> list[tuple[str, str, bool]]:
    """(label, href, current) for every page of a paginated list, as seen from page ``number``."""
    return [(str(n), link(path_of(n)), n == number) for n in range(1, count + 1)]


def _paged_list(brief: _Brief, studies: list[Study], path_of: Callable[[int], str], heading: str, kind: str,
                facet: tuple[str, str] | None, description: str, intro: str) -> list[Page]:
    """A study list split into pages of ``page_size`` rows, so no list page grows past a phone's budget."""
    chunks = _chunks(studies, brief.config.page_size)
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        path = path_of(number)
        link = link_for(path, brief.config)
        title = heading if number == 1 else f"{heading}, page {number}"
        pages.append(Page(path, "studies.html", title, description, kind, {
            "rows": _rows(brief, list(chunk), path), "filters": _filters(brief, path), "heading": title,
            "intro": intro, "pagination": _pagination(path_of, len(chunks), number, link), "facet": facet}))
    return pages


def _study_page(brief: _Brief, study: Study) -> Page:
    return _study_page_of(brief.config, study, tuple(brief.themes_of(study.id)))


@lru_cache(maxsize=16384)
def _study_page_of(config: SiteConfig, study: Study, matches: tuple[tuple[Theme, ThemeMatch], ...]) -> Page:
    path = urls.study(study.id)
    link = link_for(path, config)
    themes = [(t.title, link(urls.theme(t.id)), m.by_hand) for t, m in matches]
    description = next((s.text for s in study.abstract), "")[:155] or f"Summary of the study {study.title}."
    return Page(path, "study.html", study.title, description, "study", {
        "study": study, "v": study_view(study, link, themes), "abstract_sections": abstract_view(study, matches),
        "appraisal": appraisal_rows(study)})


def _themes_page(brief: _Brief) -> Page:
    link = link_for(urls.THEMES, brief.config)
    return Page(urls.THEMES, "themes.html", "Themes", f"The themes of {brief.config.title}.", "themes",
                {"themes": [_card(brief, t, link) for t in brief.themes]})


def _theme_pages(brief: _Brief, theme: Theme) -> list[Page]:
    """The theme page, bounded in size, and the paginated pages of whatever it cuts short: an
    evidence group longer than ``theme_quotes`` sentences, a comparison longer than ``page_size`` rows."""
    config = brief.config
    path = urls.theme(theme.id)
    link = link_for(path, config)
    matches = brief.matches.get(theme.id, [])
    cited = brief.text.theme_cited.get(theme.id, ())
    groups = evidence_groups(matches, cited_first(theme, cited))
    members = brief.studies_of(theme.id)
    pages = [Page(path, "theme.html", theme.title, theme.question, "theme", {
        "theme": _card(brief, theme, link), "rows": _rows(brief, members[: config.page_size], path),
        "rows_total": len(members), "all_rows_href": link(urls.facet("theme", theme.id)),
        "detail": theme_detail(theme, matches, brief.by_id, link, cited, config, groups)})]
    for group in groups:
        if len(group.quotes) > config.theme_quotes:  # theme_detail links the same groups
            pages += _evidence_pages(brief, theme, group)
    if len(matches) > config.page_size:
        pages += _comparison_pages(brief, theme, matches)
    return pages


def _evidence_pages(brief: _Brief, theme: Theme, group: QuoteGroup) -> list[Page]:
    """Every sentence of one evidence group of a theme, ``page_size`` per page, in the theme page's order."""
    size = brief.config.page_size
    chunks = _chunks(group.quotes, size)
    heading = f"{group.label} — {theme.title}"
    cited = group.key == CITED_KEY
    total = len(group.quotes)
    subject = f"the {group.study_count} studies on {theme.title.lower()} in {brief.config.title}"
    description = (f"All {total} statements of papers citing {subject}." if cited
                   else f"All {total} sentences on {group.label.lower()} from {subject}.")
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        path = urls.theme_evidence(theme.id, group.key, number)
        link = link_for(path, brief.config)
        title = heading if number == 1 else f"{heading}, page {number}"
        start = (number - 1) * size
        pages.append(Page(path, "theme_evidence.html", title, description, "theme-evidence", {
            "heading": title, "theme_title": theme.title, "group_label": group.label, "cited": cited,
            "total": total, "study_count": group.study_count, "first": start + 1, "last": start + len(chunk),
            "items": evidence_items(chunk, brief.by_id, link),
            "back_href": link(urls.theme(theme.id)) + ("#cited-evidence-title" if cited else f"#role-{group.key}"),
            "pagination": _pagination(partial(urls.theme_evidence, theme.id, group.key), len(chunks), number, link)}))
    return pages


def _comparison_pages(brief: _Brief, theme: Theme, matches: list[ThemeMatch]) -> list[Page]:
    """A theme's full comparison table, ``page_size`` rows per page, in the theme page's order."""
    size = brief.config.page_size
    chunks = _chunks(matches, size)
    heading = f"Comparison of studies — {theme.title}"
    description = (f"Design, sample, setting, population and key finding of the {len(matches)} studies on "
                   f"{theme.title.lower()} in {brief.config.title}.")
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        path = urls.theme_comparison(theme.id, number)
        link = link_for(path, brief.config)
        title = heading if number == 1 else f"{heading}, page {number}"
        start = (number - 1) * size
        pages.append(Page(path, "theme_comparison.html", title, description, "theme-comparison", {
            "heading": title, "theme_title": theme.title, "total": len(matches), "first": start + 1,
            "last": start + len(chunk), "rows": comparison_rows(chunk, brief.by_id, link),
            "back_href": link(urls.theme(theme.id)) + "#comparison-title",
            "pagination": _pagination(partial(urls.theme_comparison, theme.id), len(chunks), number, link)}))
    return pages
