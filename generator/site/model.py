"""The site model: every page (template + context) and every generated file, decided before rendering.

Pure: takes the config, studies, themes and the brief's text, returns a SiteModel. Excluded
studies never reach it. Each page gets a link function relative to its own URL.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from types import MappingProxyType
from typing import Any, TypeVar

from markupsafe import Markup

from ..config import SiteConfig
from ..model.appraisal import AppraisalTool, Tools, load_appraisal_tools
from ..model.study import Study
from ..model.vocabulary import OTHER_SETTING, Vocabulary
from ..synthesis.matching import ThemeMatch
from ..synthesis.themes import Theme
from . import urls
from .appraisal import appraisal_rows, appraised, tool_summaries
from .citation_cache import CitationCache
from .exports import ThemeAssignment, render_screening_csv
from .printable import printable_context
from .prisma import STAGE_LABELS, count_flow, excluded_records, flow_rows
from .prisma_svg import render_prisma_svg
from .themeviews import (
    CITED_KEY,
    OTHER_LABEL,
    ROLES,
    Quote,
    QuoteGroup,
    abstract_view,
    cited_first,
    comparison_rows,
    evidence_groups,
    evidence_items,
    theme_detail,
)
from .views import StudyRow, study_row, study_view

Matches = dict[str, list[ThemeMatch]]
#: (kind, ((label, value, number of studies), ...)) per facet kind.
Facets = tuple[tuple[str, tuple[tuple[str, str, int], ...]], ...]
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
    context: Mapping[str, Any] = field(default_factory=dict)
    head: Markup = Markup("")
    in_sitemap: bool = True

    def __post_init__(self) -> None:
        """A read-only context: pages are memoised and kept between preview runs, so one changed in
        place would change every later build that reuses it."""
        if not isinstance(self.context, MappingProxyType):
            object.__setattr__(self, "context", MappingProxyType(dict(self.context)))


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
    tools: Tools = field(default_factory=dict)
    citations: CitationCache | None = None

    def themes_of(self, study_id: str) -> list[tuple[Theme, ThemeMatch]]:
        return self._by_study.get(study_id, [])

    @cached_property
    def _by_study(self) -> dict[str, list[tuple[Theme, ThemeMatch]]]:
        index: dict[str, list[tuple[Theme, ThemeMatch]]] = {}
        for theme in self.themes:
            for match in self.matches.get(theme.id, []):
                index.setdefault(match.study_id, []).append((theme, match))
        return index

    def theme_ids(self, study_id: str) -> tuple[str, ...]:
        return self._theme_ids.get(study_id, ())

    @cached_property
    def _theme_ids(self) -> dict[str, tuple[str, ...]]:
        return {study_id: tuple(t.id for t, _ in found) for study_id, found in self._by_study.items()}

    @cached_property
    def facets(self) -> Facets:
        """(label, value, number of studies) for every facet value, in display order (hashable, so
        the memoised list pages can key on it)."""
        designs: Counter[str] = Counter(s.design for s in self.studies if s.design)
        settings: Counter[str] = Counter(x for s in self.studies for x in s.settings)
        years: Counter[int] = Counter(s.year for s in self.studies if s.year)
        vocabulary = self.config.vocabulary
        return (
            ("design", tuple((vocabulary.design_label(d), d, designs[d]) for d in sorted(designs))),
            ("setting", tuple((vocabulary.setting_label(x), x, settings[x]) for x in sorted(settings))),
            ("year", tuple((str(y), str(y), years[y]) for y in sorted(years, reverse=True))),
            ("theme", tuple((t.title, t.id, len(self.matches[t.id])) for t in self.themes if self.matches.get(t.id))),
        )

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
                     matches: Matches | None = None, *, appraisal_tools: Tools | None = None,
                     citations: CitationCache | None = None) -> SiteModel:
    """All pages of the site in a stable order. ``appraisal_tools`` are the brief's (default: the package's)."""
    published = sorted((s for s in studies if s.published), key=lambda s: (-(s.year or 0), s.id))
    tools = load_appraisal_tools()[0] if appraisal_tools is None else appraisal_tools
    brief = _Brief(config, published, themes, text, matches or {}, tools, citations)
    pages = [
        _home(brief),
        *_study_list_pages(brief),
        *_facet_pages(brief),
        *(_study_page(brief, study) for study in published),
        _themes_page(brief),
        *(page for theme in themes for page in _theme_pages(brief, theme)),
        Page(urls.ABOUT, "about.html", "How this brief was made", f"Sources, methods and limits of {config.title}.",
             "about", {"about_html": text.about_html, "appraisal_href": _appraisal_href(brief, urls.ABOUT),
                       **_prisma_context(config, studies)}),
        Page(urls.SEARCH, "search.html", "Search", f"Search the studies and themes of {config.title}.", "search"),
        _screening_page(config, studies),
        Page(urls.BRIEF, "brief.html", "Printable brief", f"All of {config.title} on one page, for print or PDF.",
             "brief", printable_context(brief, studies,
                                        lambda link: (_setting_map(brief, link), _role_map(brief, link)))),
        *_appraisal_pages(brief),
        Page(urls.NOT_FOUND, "404.html", "Page not found", "This page does not exist.", "404", in_sitemap=False),
    ]
    return SiteModel(pages, published, themes)


def _filters(config: SiteConfig, facets: Facets, path: str) -> FilterSet:
    """The facet links as seen from ``path``; the counts are the brief's, computed once."""
    link = link_for(path, config)
    kinds = {kind: [(label, link(urls.facet(kind, value)), count, value) for label, value, count in values]
             for kind, values in facets}
    return FilterSet(designs=kinds["design"], settings=kinds["setting"], years=kinds["year"], themes=kinds["theme"])


def _rows(brief: _Brief, studies: Sequence[Study], path: str) -> list[StudyRow]:
    return [_row(brief.config, path, s, brief.theme_ids(s.id)) for s in studies]


# The two memoised builders below are pure functions of frozen, hashable values. A live preview
# rebuilds the model on every save; with them, studies that did not change cost a lookup.
@lru_cache(maxsize=65536)
def _row(config: SiteConfig, path: str, study: Study, themes: tuple[str, ...]) -> StudyRow:
    return study_row(study, link_for(path, config), themes, config.vocabulary)


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
        "filters": _filters(config, brief.facets, urls.HOME),
        "chart_counts": _chart_counts(brief, link),
    })


def _chart_counts(brief: _Brief, link: Callable[[str], str]) -> dict[str, Any]:
    """(value, studies, facet link) per year and per design for the home page's charts; the value ""
    counts the studies that do not state one (they have no facet page, so no link). ``design_labels``:
    the brief's names of the designs."""
    facets = dict(brief.facets)
    unstated = {"year": sum(1 for s in brief.studies if not s.year),
                "design": sum(1 for s in brief.studies if not s.design)}
    counts: dict[str, Any] = {
        kind: (*((value, count, link(urls.facet(kind, value))) for _, value, count in facets[kind]),
               ("", unstated[kind], "")) for kind in unstated}
    counts["design_labels"] = dict(brief.config.vocabulary.designs)
    return counts


_CONFIDENCE_ORDER = {"high": 0, "moderate": 1, "low": 2, "very low": 3}


def _card(brief: _Brief, theme: Theme, link: Callable[[str], str]) -> ThemeCard:
    strongest = min(theme.findings, key=lambda f: _CONFIDENCE_ORDER[f.confidence], default=None)
    return ThemeCard(theme.id, theme.title, theme.question, theme.definition, link(urls.theme(theme.id)),
                     len(brief.matches.get(theme.id, [])), brief.text.theme_narratives.get(theme.id, Markup("")),
                     strongest.statement if strongest else None)


#: The evidence map's last column: studies placed in none of the brief's settings.
UNPLACED_LABEL = "Other / not stated"


def _setting_map(brief: _Brief, link: Callable[[str], str]) -> list[tuple[str, str, list[tuple[str, int, str]]]]:
    """Themes x the brief's settings (in its vocabulary's order, those some study has): studies per
    cell, each cell linking to the theme's list filtered by setting.

    A study with no setting, or only "other", is counted in a last "Other / not stated" column (shown
    when some theme has such a study), so a theme's studies never show on the map as all zeros.
    No map at all when no study states a setting of the brief's: one column would say nothing.
    """
    vocabulary = brief.config.vocabulary
    stated = {x for s in brief.studies for x in s.settings}
    columns = [x for x in vocabulary.setting_ids if x in stated and x != OTHER_SETTING]
    if not columns:
        return []
    members = {theme.id: brief.studies_of(theme.id) for theme in brief.themes}
    unplaced = {theme_id: sum(not set(s.settings) & set(columns) for s in studies)
                for theme_id, studies in members.items()}
    rows = []
    for theme in brief.themes:
        counts = Counter(x for s in members[theme.id] for x in s.settings)
        cells = [(vocabulary.setting_label(x), counts[x], link(urls.facet("theme", theme.id)) + f"?settings={x}")
                 for x in columns]
        if any(unplaced.values()):
            cells.append((UNPLACED_LABEL, unplaced[theme.id], ""))  # no filter lists exactly these studies
        rows.append((theme.title, link(urls.theme(theme.id)), cells))
    return rows


def _role_map(brief: _Brief, link: Callable[[str], str]) -> list[tuple[str, str, list[tuple[str, int, str]]]]:
    """Themes x evidence role (the brief's labels): studies with at least one sentence in that role,
    linking to the theme page. Studies with no sentence in any role are counted in a last "Other
    evidence" column (shown when some theme has one), so no theme's studies show as all zeros."""
    roles = [role for role, _ in ROLES]
    unplaced = {theme.id: sum(not {e.role for e in m.evidence} & set(roles) for m in brief.matches.get(theme.id, []))
                for theme in brief.themes}
    rows = []
    for theme in brief.themes:
        href = link(urls.theme(theme.id))
        counts = Counter(role for m in brief.matches.get(theme.id, []) for role in {e.role for e in m.evidence})
        cells = [(brief.config.vocabulary.role_label(role), counts[role], f"{href}#role-{role}") for role in roles]
        if any(unplaced.values()):
            cells.append((OTHER_LABEL, unplaced[theme.id], href))
        rows.append((theme.title, href, cells))
    return rows


def _study_list_pages(brief: _Brief) -> list[Page]:
    count = len(brief.studies)
    return _paged_list(brief, brief.studies, urls.studies_page, "All studies", "studies", None,
                       f"The {count} studies of {brief.config.title}.", f"{count} studies.")


def _facet_pages(brief: _Brief) -> list[Page]:
    studies = brief.studies
    by_design: dict[str, list[Study]] = {}
    by_setting: dict[str, list[Study]] = {}
    by_year: dict[int, list[Study]] = {}
    for study in studies:  # one pass, in list order, so each facet keeps the list's order
        if study.design:
            by_design.setdefault(study.design, []).append(study)
        for setting in study.settings:
            by_setting.setdefault(setting, []).append(study)
        if study.year:
            by_year.setdefault(study.year, []).append(study)
    vocabulary = brief.config.vocabulary
    facets: list[tuple[str, str, str, str, list[Study]]] = [
        *(("design", d, "Design", vocabulary.design_label(d), by_design[d]) for d in sorted(by_design)),
        *(("setting", x, "Setting", vocabulary.setting_label(x), by_setting[x]) for x in sorted(by_setting)),
        *(("year", str(y), "Year", str(y), by_year[y]) for y in sorted(by_year, reverse=True)),
        *(("theme", t.id, "Theme", t.title, brief.studies_of(t.id)) for t in brief.themes),
    ]
    pages = _facet_index_pages(brief)
    for kind, value, kind_label, value_label, matching in facets:
        pages += _paged_list(
            brief, matching, partial(urls.facet, kind, value), f"Studies — {kind_label.lower()}: {value_label}",
            "facet", (kind_label, value_label),
            f"{len(matching)} studies with {kind_label.lower()} {value_label} in {brief.config.title}.",
            f"{len(matching)} of {len(studies)} studies.")
    return pages


#: (heading, what a term is called, the line before the count of studies that have none) per facet kind.
_FACET_INDEX_TEXT = {"design": ("Studies by design", "design", "Design not reported in the source"),
                     "setting": ("Studies by setting", "setting", "Setting not reported in the source"),
                     "year": ("Studies by year", "year", "Year not reported in the source"),
                     "theme": ("Studies by theme", "theme", "Assigned to no theme")}


def _facet_index_pages(brief: _Brief) -> list[Page]:
    """studies/design/, studies/setting/, studies/year/ and studies/theme/: every term with its count."""
    facets = dict(brief.facets)
    unstated = {"design": sum(not s.design for s in brief.studies), "year": sum(not s.year for s in brief.studies),
                "setting": sum(not s.settings for s in brief.studies),
                "theme": sum(not brief.theme_ids(s.id) for s in brief.studies)}
    pages = []
    for kind in urls.FACET_KINDS:
        path = urls.facet_index(kind)
        link = link_for(path, brief.config)
        heading, term, none_text = _FACET_INDEX_TEXT[kind]
        terms = [(label, link(urls.facet(kind, value)), count) for label, value, count in facets.get(kind, ())]
        description = f"The {len(terms)} values of {term} among the studies of {brief.config.title}."
        pages.append(Page(path, "facet_index.html", heading, description, "facet-index",
                          {"terms": terms, "term": term, "total": len(brief.studies), "unstated": unstated[kind],
                           "unstated_text": none_text, "all_href": link(urls.STUDIES)}))
    return pages


def _chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """``items`` in pages of ``size``; an empty list is one empty page."""
    return [items[i: i + size] for i in range(0, len(items), size)] or [items[:0]]


#: Lists of up to this many pages link every page; longer ones the first, the last and those near the current.
PAGINATION_ALL = 9
#: How many pages either side of the current one a long list links.
PAGINATION_REACH = 2


def _pagination(paths: tuple[str, ...], number: int, link: Callable[[str], str]) -> list[tuple[str, str, bool]]:
    """(label, href, current) for the pages of a paginated list worth a link from page ``number``; a gap
    is ("…", "", False). A list of 10,000 studies has 200 pages: a link to each on each of them made the
    navigation a wall on a phone and 40,000 links to build."""
    return [("…", "", False) if n is None else (str(n), link(paths[n - 1]), n == number)
            for n in page_window(len(paths), number)]


def page_window(count: int, number: int) -> list[int | None]:
    """The page numbers a list of ``count`` pages links from page ``number``, None where some are left out.
    A single page left out is shown instead of a gap, which would take as much room."""
    if count <= PAGINATION_ALL:
        return list(range(1, count + 1))
    shown = sorted({1, count, *range(max(1, number - PAGINATION_REACH), min(count, number + PAGINATION_REACH) + 1)})
    window: list[int | None] = []
    previous = 0
    for n in shown:
        if n - previous == 2:
            window.append(n - 1)
        elif n - previous > 2:
            window.append(None)
        window.append(n)
        previous = n
    return window


def _paged_list(brief: _Brief, studies: list[Study], path_of: Callable[[int], str], heading: str, kind: str,
                facet: tuple[str, str] | None, description: str, intro: str) -> list[Page]:
    """A study list split into pages of ``page_size`` rows, so no list page grows past a phone's budget."""
    chunks = _chunks(studies, brief.config.page_size)
    paths = tuple(path_of(n) for n in range(1, len(chunks) + 1))
    return [_list_page(brief.config, brief.facets, paths, number, heading, kind, facet, description, intro,
                       tuple(chunk), tuple(brief.theme_ids(s.id) for s in chunk))
            for number, chunk in enumerate(chunks, start=1)]


# Memoised on everything the page shows: a save in the live preview rebuilds the whole model, and
# only the pages whose studies, facet counts or pagination moved should cost more than a lookup.
@lru_cache(maxsize=8192)
def _list_page(config: SiteConfig, facets: Facets, paths: tuple[str, ...], number: int, heading: str, kind: str,
               facet: tuple[str, str] | None, description: str, intro: str, studies: tuple[Study, ...],
               themes: tuple[tuple[str, ...], ...]) -> Page:
    path = paths[number - 1]
    link = link_for(path, config)
    title = heading if number == 1 else f"{heading}, page {number}"
    return Page(path, "studies.html", title, description, kind, {
        "rows": [_row(config, path, s, t) for s, t in zip(studies, themes, strict=True)],
        "filters": _filters(config, facets, path), "heading": title, "intro": intro,
        "pagination": _pagination(paths, number, link), "facet": facet})


def _study_page(brief: _Brief, study: Study) -> Page:
    tool = brief.tools.get(study.appraisal.tool) if study.appraisal else None
    return _study_page_of(brief.config, study, tuple(brief.themes_of(study.id)), tool, brief.citations)


@lru_cache(maxsize=16384)
def _study_page_of(config: SiteConfig, study: Study, matches: tuple[tuple[Theme, ThemeMatch], ...],
                   tool: AppraisalTool | None, citations: CitationCache | None = None) -> Page:
    path = urls.study(study.id)
    link = link_for(path, config)
    themes = [(t.title, link(urls.theme(t.id)), m.by_hand) for t, m in matches]
    description = next((s.text for s in study.abstract), "")[:155] or f"Summary of the study {study.title}."
    return Page(path, "study.html", study.title, description, "study", {
        "study": study, "v": study_view(study, link, themes, config.vocabulary, citations=citations),
        "abstract_sections": abstract_view(study, matches, config.vocabulary),
        "appraisal": appraisal_rows(study, {tool.id: tool} if tool else {}),
        "appraisal_tool": tool.name if tool else None})


def _themes_page(brief: _Brief) -> Page:
    link = link_for(urls.THEMES, brief.config)
    return Page(urls.THEMES, "themes.html", "Themes", f"The themes of {brief.config.title}.", "themes",
                {"themes": [_card(brief, t, link) for t in brief.themes], "assignments": _assignments(brief)})


def _assignments(brief: _Brief) -> dict[str, tuple[ThemeAssignment, ...]]:
    """Study id -> its themes with the evidence roles found there, for the downloads (site/files.py)."""
    order = [role for role, _ in ROLES]
    return {study_id: tuple(ThemeAssignment(theme.id, theme.title, tuple(sorted(
        {e.role for e in match.evidence if e.role}, key=lambda r: (order.index(r) if r in order else len(order), r))))
        for theme, match in found) for study_id, found in brief._by_study.items()}


def _theme_pages(brief: _Brief, theme: Theme) -> list[Page]:
    """The theme page, bounded in size, and the paginated pages of whatever it cuts short: an
    evidence group longer than ``theme_quotes`` sentences, a comparison longer than ``page_size`` rows."""
    config = brief.config
    path = urls.theme(theme.id)
    link = link_for(path, config)
    matches = brief.matches.get(theme.id, [])
    cited = brief.text.theme_cited.get(theme.id, ())
    groups = _evidence_groups(tuple(matches), cited_first(theme, cited), config.vocabulary)
    members = brief.studies_of(theme.id)
    pages = [Page(path, "theme.html", theme.title, theme.question, "theme", {
        "theme": _card(brief, theme, link), "rows": _rows(brief, members[: config.page_size], path),
        "rows_total": len(members), "all_rows_href": link(urls.facet("theme", theme.id)),
        "detail": theme_detail(theme, matches, brief.by_id, link, cited, config, groups, brief.citations),
        "appraisal_href": link(urls.appraisal(theme.id)) if appraised(members, brief.tools) else None})]
    for group in groups:
        if len(group.quotes) > config.theme_quotes:  # theme_detail links the same groups
            pages += _evidence_pages(brief, theme, group)
    if len(matches) > config.page_size:
        pages += _comparison_pages(brief, theme, matches)
    return pages


@lru_cache(maxsize=64)
def _evidence_groups(matches: tuple[ThemeMatch, ...], first: frozenset[str],
                     vocabulary: Vocabulary) -> list[QuoteGroup]:
    """evidence_groups, memoised: the same Quote objects from one save to the next keep the
    evidence pages' memo (keyed on them) cheap."""
    return evidence_groups(matches, first, vocabulary)


def _evidence_pages(brief: _Brief, theme: Theme, group: QuoteGroup) -> list[Page]:
    """Every sentence of one evidence group of a theme, ``page_size`` per page, in the theme page's order."""
    chunks = _chunks(group.quotes, brief.config.page_size)
    paths = tuple(urls.theme_evidence(theme.id, group.key, n) for n in range(1, len(chunks) + 1))
    return [_evidence_page(brief.config, theme.id, theme.title, group.key, group.label, len(group.quotes),
                           group.study_count, paths, number, tuple(chunk),
                           tuple(brief.by_id[q.study_id] for q in chunk))
            for number, chunk in enumerate(chunks, start=1)]


@lru_cache(maxsize=4096)  # memoised like _list_page, on everything the page shows
def _evidence_page(config: SiteConfig, theme_id: str, theme_title: str, key: str, label: str, total: int,
                   study_count: int, paths: tuple[str, ...], number: int, quotes: tuple[Quote, ...],
                   studies: tuple[Study, ...]) -> Page:
    path = paths[number - 1]
    link = link_for(path, config)
    cited = key == CITED_KEY
    heading = f"{label} — {theme_title}"
    title = heading if number == 1 else f"{heading}, page {number}"
    subject = f"the {study_count} studies on {theme_title.lower()} in {config.title}"
    description = (f"All {total} statements of papers citing {subject}." if cited
                   else f"All {total} sentences on {label.lower()} from {subject}.")
    start = (number - 1) * config.page_size
    return Page(path, "theme_evidence.html", title, description, "theme-evidence", {
        "heading": title, "theme_title": theme_title, "group_label": label, "cited": cited,
        "total": total, "study_count": study_count, "first": start + 1, "last": start + len(quotes),
        "items": evidence_items(quotes, {s.id: s for s in studies}, link),
        "back_href": link(urls.theme(theme_id)) + ("#cited-evidence-title" if cited else f"#role-{key}"),
        "pagination": _pagination(paths, number, link)})


def _comparison_pages(brief: _Brief, theme: Theme, matches: list[ThemeMatch]) -> list[Page]:
    """A theme's full comparison table, ``page_size`` rows per page, in the theme page's order."""
    chunks = _chunks(matches, brief.config.page_size)
    paths = tuple(urls.theme_comparison(theme.id, n) for n in range(1, len(chunks) + 1))
    return [_comparison_page(brief.config, theme.id, theme.title, len(matches), paths, number, tuple(chunk),
                             tuple(brief.by_id[m.study_id] for m in chunk))
            for number, chunk in enumerate(chunks, start=1)]


@lru_cache(maxsize=4096)  # memoised like _list_page, on everything the page shows
def _comparison_page(config: SiteConfig, theme_id: str, theme_title: str, total: int, paths: tuple[str, ...],
                     number: int, matches: tuple[ThemeMatch, ...], studies: tuple[Study, ...]) -> Page:
    path = paths[number - 1]
    link = link_for(path, config)
    heading = f"Comparison of studies — {theme_title}"
    title = heading if number == 1 else f"{heading}, page {number}"
    start = (number - 1) * config.page_size
    return Page(path, "theme_comparison.html", title,
                f"Design, sample, setting, population and key finding of the {total} studies on "
                f"{theme_title.lower()} in {config.title}.", "theme-comparison", {
                    "heading": title, "theme_title": theme_title, "total": total, "first": start + 1,
                    "last": start + len(matches), "rows": comparison_rows(matches, {s.id: s for s in studies}, link,
                                                                       config.vocabulary),
                    "back_href": link(urls.theme(theme_id)) + "#comparison-title",
                    "pagination": _pagination(paths, number, link)})


def _appraisal_pages(brief: _Brief) -> list[Page]:
    """The appraisal summary, and one per theme whose studies are appraised; none when no study is."""
    if not appraised(brief.studies, brief.tools):
        return []
    title = brief.config.title
    pages = [_appraisal_page(brief, urls.appraisal(), brief.studies, None,
                             f"Quality appraisal of the studies in {title}: answers per criterion and summary bars.")]
    for theme in brief.themes:
        members = brief.studies_of(theme.id)
        if appraised(members, brief.tools):
            pages.append(_appraisal_page(brief, urls.appraisal(theme.id), members, theme,
                                         f"Quality appraisal of the studies on {theme.title.lower()} in {title}."))
    return pages


def _appraisal_href(brief: _Brief, path: str) -> str | None:
    """The link to the appraisal summary from ``path``, or None when the site has no such page."""
    return link_for(path, brief.config)(urls.appraisal()) if appraised(brief.studies, brief.tools) else None


def _appraisal_page(brief: _Brief, path: str, studies: Sequence[Study], theme: Theme | None,
                    description: str) -> Page:
    link = link_for(path, brief.config)
    heading = "Quality appraisal" + (f" — {theme.title}" if theme else " of the studies")
    return Page(path, "appraisal.html", heading, description, "appraisal", {
        "heading": heading, "sections": tool_summaries(studies, brief.tools, link),
        "theme_title": theme.title if theme else None,
        "theme_href": link(urls.theme(theme.id)) if theme else None,
        "all_href": link(urls.appraisal()) if theme else None,
        "total": len(studies)})


def _prisma_context(config: SiteConfig, studies: Sequence[Study]) -> dict[str, Any]:
    """The About page's PRISMA 2020 flow diagram, the same counts as a table, and the screening log's link."""
    link = link_for(urls.ABOUT, config)
    flow = count_flow(config, studies)
    return {"prisma_svg": render_prisma_svg(flow), "prisma_rows": flow_rows(flow), "prisma_other": bool(flow.other),
            "screening_href": link(urls.SCREENING), "screening_csv_href": link(urls.DATA_SCREENING_CSV),
            "excluded_total": sum(s.status == "excluded" for s in studies)}


def _screening_page(config: SiteConfig, studies: Sequence[Study]) -> Page:
    """Every excluded record grouped by reason (a jump list works without JavaScript), and its CSV.

    The CSV travels in the page's ``files`` so the build writes it with the other downloads."""
    link = link_for(urls.SCREENING, config)
    records = excluded_records(studies, config.exclusion_reasons)
    groups: dict[str, list[dict[str, Any]]] = {}
    slugs: dict[str, str] = {}
    for record in records:
        label = record.reason.label
        slugs.setdefault(label, f"reason-{len(slugs) + 1}")
        groups.setdefault(label, []).append({"title": record.title, "year": record.year, "detail": record.reason.detail,
                                             "stage": STAGE_LABELS[record.stage], "stage_id": record.stage})
    csv_text = render_screening_csv((r.id, r.title, r.year, r.stage, r.reason.id, r.reason.label, r.reason.detail)
                                    for r in records)
    return Page(urls.SCREENING, "screening.html", "Screening log",
                f"Every record excluded from {config.title}, with the stage and the reason.", "screening", {
                    "groups": [(label, slugs[label], rows) for label, rows in groups.items()],
                    "total": len(records), "csv_href": link(urls.DATA_SCREENING_CSV), "about_href": link(urls.ABOUT),
                    "files": {urls.DATA_SCREENING_CSV: csv_text}})
