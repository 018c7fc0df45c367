"""Display data for the synthesis: theme pages, the evidence map, and theme marks on study pages.

Every evidence item links to its sentence on the study page (``studies/<id>/#s2-3``); the text
shown is the sentence itself, so a reader can check it in place.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup

from ..config import SiteConfig
from ..model.hashing import hashed_once
from ..model.sentences import sentence_units
from ..model.study import Study
from ..model.vocabulary import DEFAULT_VOCABULARY, Vocabulary
from ..synthesis.matching import Evidence, ThemeMatch
from ..synthesis.themes import Finding, Theme
from . import urls
from .citation_cache import CitationCache
from .citations import format_citation
from .views import authors_short

ROLES = (("barrier", "Barriers"), ("facilitator", "Facilitators"), ("strategy", "Strategies"), ("outcome", "Outcomes"))
OTHER_LABEL = "Other evidence"
#: The group of citing papers' statements ("What citing papers say"), beside the role groups.
CITED_KEY = "cited"
CITED_LABEL = "What citing papers say"
#: Studies named in "no finding cites yet" before "and N more".
UNCITED_SHOWN = 20
COMPONENT_LABELS = {"methodological_limitations": "Methodological limitations", "coherence": "Coherence",
                    "adequacy": "Adequacy", "relevance": "Relevance"}
Link = Callable[[str], str]


@dataclass(frozen=True)
class EvidenceItem:
    study_label: str
    href: str
    text: str
    section: str | None
    role: str | None


@dataclass(frozen=True)
class RoleGroup:
    """One group of evidence on a theme page: the first sentences, the real totals, and where the rest are."""

    role: str
    label: str
    study_count: int
    items: list[EvidenceItem]
    total: int
    more_href: str | None = None


@hashed_once
@dataclass(frozen=True)
class Quote:
    """One evidence sentence of a theme, before a page links it (links depend on the page)."""

    study_id: str
    anchor: str | None  # None for citing papers' words: they link to the study page
    text: str
    section: str | None
    role: str | None


@hashed_once
@dataclass(frozen=True)
class QuoteGroup:
    """All of a theme's evidence of one kind, in reading order: a role ("barrier" ... "other") or "cited"."""

    key: str
    label: str
    quotes: tuple[Quote, ...]
    study_count: int


@dataclass(frozen=True)
class FindingRow:
    statement: str
    studies: list[tuple[str, str]]
    confidence: str
    explanation: list[tuple[str, str]]
    draft: bool
    appraisal_summary: str | None


@dataclass(frozen=True)
class ComparisonRow:
    label: str
    href: str
    design: str
    sample: int | None
    setting: str
    population: str | None
    key_finding: str | None
    key_finding_href: str | None
    by_hand: bool


@dataclass(frozen=True)
class Reference:
    id: str
    href: str
    html: Markup


@dataclass(frozen=True)
class ThemeDetail:
    """What a theme page shows below its narrative, each long list cut to a few items with a link to the rest."""

    roles: list[RoleGroup]
    cited: RoleGroup | None
    findings: list[FindingRow]
    uncited: list[tuple[str, str]]
    uncited_total: int
    uncited_more_href: str  # the comparison's own page, else its table on the theme page
    comparison: list[ComparisonRow]
    comparison_total: int
    comparison_more_href: str | None
    references: list[Reference]
    by_hand: list[tuple[str, str, str]]

    @property
    def cited_evidence(self) -> list[EvidenceItem]:
        """The citing papers' statements shown on the page (the name templates used before groups had totals)."""
        return self.cited.items if self.cited else []


@lru_cache(maxsize=65536)  # a theme's pages name each of its studies many times, on every preview save
def study_label(study: Study) -> str:
    """"Klusaritz et al., 2023": how the brief names a study in running text."""
    if study.authors:
        return f"{authors_short(study.authors)}, {study.year or 'n.d.'}"
    words = study.title.split(":")[0].split()  # no author named: the start of the title, whole words
    return " ".join(words[:5]) + ("…" if len(words) > 5 else "") + f", {study.year or 'n.d.'}"


def evidence_href(link: Link, study_id: str, anchor: str) -> str:
    return link(urls.study(study_id)) + "#" + anchor


def cited_first(theme: Theme, cited: Iterable[str]) -> frozenset[str]:
    """The studies whose sentences a theme page shows first: those its findings or its narrative cite."""
    return frozenset(i for f in theme.findings for i in f.studies) | frozenset(cited)


def evidence_groups(matches: Sequence[ThemeMatch], first: Collection[str],
                    vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> list[QuoteGroup]:
    """A theme's evidence by role, then what citing papers say (key "cited"); groups with none are left out.

    Within a group, sentences from the studies in ``first`` come first; otherwise the order is the
    matches' (by study id), then the abstract's. The theme page and its sub-pages share this order.
    """
    by_role: dict[str | None, list[Quote]] = {}
    cited: list[Quote] = []
    for m in matches:
        for e in m.evidence:
            by_role.setdefault(e.role, []).append(Quote(m.study_id, e.anchor, e.text, e.section_heading, e.role))
        cited.extend(Quote(m.study_id, None, c.text, c.section, None) for c in m.cited_evidence)
    labels = [(role, vocabulary.role_label(role)) for role, _ in ROLES]  # the brief's labels, the usual order
    groups = [_quote_group(role or "other", label, quotes, first)
              for role, label in (*labels, (None, OTHER_LABEL)) if (quotes := by_role.get(role))]
    if cited:
        groups.append(_quote_group(CITED_KEY, CITED_LABEL, cited, first))
    return groups


def _quote_group(key: str, label: str, quotes: list[Quote], first: Collection[str]) -> QuoteGroup:
    ordered = sorted(quotes, key=lambda q: q.study_id not in first)  # stable: the rest keep their order
    return QuoteGroup(key, label, tuple(ordered), len({q.study_id for q in quotes}))


def evidence_items(quotes: Iterable[Quote], studies: dict[str, Study], link: Link) -> list[EvidenceItem]:
    """Quotes as a page shows them, each linking to its sentence (or, for citing papers, to the study page)."""
    return [EvidenceItem(study_label(studies[q.study_id]),
                         evidence_href(link, q.study_id, q.anchor) if q.anchor else link(urls.study(q.study_id)),
                         q.text, q.section, q.role) for q in quotes]


def comparison_rows(matches: Iterable[ThemeMatch], studies: dict[str, Study], link: Link,
                    vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> list[ComparisonRow]:
    return [_comparison_row(m, studies[m.study_id], link, vocabulary) for m in matches]


def theme_detail(theme: Theme, matches: list[ThemeMatch], studies: dict[str, Study], link: Link,
                 cited: tuple[str, ...], config: SiteConfig, groups: Sequence[QuoteGroup] | None = None,
                 citations: CitationCache | None = None) -> ThemeDetail:
    """Everything a theme page shows below its narrative, bounded whatever the number of studies.

    Each evidence group shows its first ``config.theme_quotes`` sentences and the comparison table
    its first ``config.page_size`` rows; when there are more, the group or table links to its own
    paginated page (urls.theme_evidence, urls.theme_comparison). ``groups`` are evidence_groups()
    when the caller has them already.
    """
    if groups is None:
        groups = evidence_groups(matches, cited_first(theme, cited), config.vocabulary)
    shown = config.theme_quotes
    views = [RoleGroup(g.key, g.label, g.study_count, evidence_items(g.quotes[:shown], studies, link), len(g.quotes),
                       link(urls.theme_evidence(theme.id, g.key)) if len(g.quotes) > shown else None) for g in groups]
    in_findings = {i for f in theme.findings for i in f.studies}
    uncited = [m.study_id for m in matches if m.evidence and m.study_id not in in_findings]
    rows = config.page_size
    comparison_more = link(urls.theme_comparison(theme.id)) if len(matches) > rows else None
    return ThemeDetail(
        roles=[v for v in views if v.role != CITED_KEY],
        cited=next((v for v in views if v.role == CITED_KEY), None),
        findings=[_finding_row(f, studies, link) for f in theme.findings],
        uncited=[(study_label(studies[i]), link(urls.study(i))) for i in uncited[:UNCITED_SHOWN]],
        uncited_total=len(uncited),
        uncited_more_href=comparison_more or "#comparison-title",
        comparison=comparison_rows(matches[:rows], studies, link, config.vocabulary),
        comparison_total=len(matches),
        comparison_more_href=comparison_more,
        references=[Reference(i, link(urls.study(i)), format_citation(studies[i], "apa", citations).html)
                    for i in sorted(cited, key=lambda i: study_label(studies[i])) if i in studies],
        by_hand=[(study_label(studies[m.study_id]), link(urls.study(m.study_id)), m.reason)
                 for m in matches if m.by_hand],
    )


def _finding_row(finding: Finding, studies: dict[str, Study], link: Link) -> FindingRow:
    known = [studies[i] for i in finding.studies if i in studies]
    appraised = [s.appraisal for s in known if s.appraisal is not None]
    summary = None
    if appraised:
        yes = sum(a.count("yes") for a in appraised)
        total = sum(len(a.answers) for a in appraised)
        summary = (f"Quality appraisal of {len(appraised)} of {len(known)} studies: {yes} of {total} "
                   f"criteria answered yes.")
    return FindingRow(finding.statement, [(study_label(s), link(urls.study(s.id))) for s in known],
                      finding.confidence, [(COMPONENT_LABELS[k], v) for k, v in finding.explanation], finding.draft,
                      summary)


def _comparison_row(match: ThemeMatch, study: Study, link: Link, vocabulary: Vocabulary) -> ComparisonRow:
    label, design, setting, key = _comparison_facts(match, study, vocabulary)
    return ComparisonRow(
        label=label, href=link(urls.study(study.id)), design=design, sample=study.sample_size, setting=setting,
        population=study.participants, key_finding=key.text if key else None,
        key_finding_href=evidence_href(link, study.id, key.anchor) if key else None, by_hand=match.by_hand)


@lru_cache(maxsize=65536)
def _comparison_facts(match: ThemeMatch, study: Study,
                      vocabulary: Vocabulary) -> tuple[str, str, str, Evidence | None]:
    """The parts of a comparison row that do not depend on the page showing it (memoised: the
    same rows appear on a theme page and its comparison pages, rebuilt on every preview save)."""
    key = next((e for e in match.evidence if e.section_kind in ("results", "conclusions", "unlabelled")), None)
    return (study_label(study), vocabulary.design_label(study.design) if study.design else "Not reported",
            ", ".join(vocabulary.setting_label(s) for s in study.settings) or "Not reported", key)


# --- study pages --------------------------------------------------------------------------------

@dataclass(frozen=True)
class SentenceView:
    anchor: str
    text: str
    marks: list[tuple[str, str | None]]


@dataclass(frozen=True)
class SectionView:
    heading: str | None
    index: int
    sentences: list[SentenceView]


def abstract_view(study: Study, matches: Sequence[tuple[Theme, ThemeMatch]],
                  vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> list[SectionView]:
    """The abstract, one addressable span per sentence, each marked with the themes it is evidence for."""
    marks: dict[str, list[tuple[str, str | None]]] = {}
    for theme, match in matches:
        for evidence in match.evidence:
            role = vocabulary.role_label(evidence.role) if evidence.role else None
            marks.setdefault(evidence.anchor, []).append((theme.title, role))
    sections: dict[int, SectionView] = {}
    for unit in sentence_units(study.abstract):
        index = int(unit.anchor[1:].split("-")[0])
        section = sections.setdefault(index, SectionView(unit.section_heading, index, []))
        section.sentences.append(SentenceView(unit.anchor, unit.text, marks.get(unit.anchor, [])))
    return [sections[i] for i in sorted(sections)]
