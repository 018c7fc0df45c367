"""Display data for the synthesis: theme pages, the evidence map, and theme marks on study pages.

Every evidence item links to its sentence on the study page (``studies/<id>/#s2-3``); the text
shown is the sentence itself, so a reader can check it in place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from ..model.sentences import sentence_units
from ..model.study import Study
from ..model.vocabulary import CASP_QUESTIONS, DESIGNS, SETTINGS
from ..synthesis.matching import ThemeMatch
from ..synthesis.themes import Finding, Theme
from . import urls
from .citations import format_citation
from .views import authors_short

ROLES = (("barrier", "Barriers"), ("facilitator", "Facilitators"), ("strategy", "Strategies"), ("outcome", "Outcomes"))
ROLE_LABELS = dict(ROLES)
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
    role: str
    label: str
    study_count: int
    items: list[EvidenceItem]


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
    roles: list[RoleGroup]
    cited_evidence: list[EvidenceItem]
    findings: list[FindingRow]
    uncited: list[tuple[str, str]]
    comparison: list[ComparisonRow]
    references: list[Reference]
    by_hand: list[tuple[str, str, str]]


def study_label(study: Study) -> str:
    """"Klusaritz et al., 2023": how the brief names a study in running text."""
    if study.authors:
        return f"{authors_short(study.authors)}, {study.year or 'n.d.'}"
    words = study.title.split(":")[0].split()  # no author named: the start of the title, whole words
    return " ".join(words[:5]) + ("…" if len(words) > 5 else "") + f", {study.year or 'n.d.'}"


def evidence_href(link: Link, study_id: str, anchor: str) -> str:
    return link(urls.study(study_id)) + "#" + anchor


def theme_detail(theme: Theme, matches: list[ThemeMatch], studies: dict[str, Study], link: Link,
                 cited: tuple[str, ...]) -> ThemeDetail:
    """Everything a theme page shows below its narrative."""
    return ThemeDetail(
        roles=_role_groups(matches, studies, link),
        cited_evidence=[EvidenceItem(study_label(studies[m.study_id]), link(urls.study(m.study_id)), c.text,
                                     c.section, None) for m in matches for c in m.cited_evidence],
        findings=[_finding_row(f, studies, link) for f in theme.findings],
        uncited=[(study_label(studies[m.study_id]), link(urls.study(m.study_id))) for m in matches
                 if m.evidence and not any(m.study_id in f.studies for f in theme.findings)],
        comparison=[_comparison_row(m, studies[m.study_id], link) for m in matches],
        references=[Reference(i, link(urls.study(i)), format_citation(studies[i], "apa").html)
                    for i in sorted(cited, key=lambda i: study_label(studies[i])) if i in studies],
        by_hand=[(study_label(studies[m.study_id]), link(urls.study(m.study_id)), m.reason)
                 for m in matches if m.by_hand],
    )


def _role_groups(matches: list[ThemeMatch], studies: dict[str, Study], link: Link) -> list[RoleGroup]:
    groups = []
    for role, label in (*ROLES, (None, "Other evidence")):
        items = [EvidenceItem(study_label(studies[m.study_id]), evidence_href(link, m.study_id, e.anchor), e.text,
                              e.section_heading, e.role)
                 for m in matches for e in m.evidence if e.role == role]
        if items:
            count = len({item.href.split("#")[0] for item in items})
            groups.append(RoleGroup(role or "other", label, count, items))
    return groups


def _finding_row(finding: Finding, studies: dict[str, Study], link: Link) -> FindingRow:
    known = [studies[i] for i in finding.studies if i in studies]
    appraised = [s.appraisal for s in known if s.appraisal is not None]
    summary = None
    if appraised:
        yes = sum(a.count("yes") for a in appraised)
        total = sum(len(a.answers) for a in appraised)
        summary = (f"CASP appraisal of {len(appraised)} of {len(known)} studies: {yes} of {total} "
                   f"questions answered yes.")
    return FindingRow(finding.statement, [(study_label(s), link(urls.study(s.id))) for s in known],
                      finding.confidence, [(COMPONENT_LABELS[k], v) for k, v in finding.explanation], finding.draft,
                      summary)


def _comparison_row(match: ThemeMatch, study: Study, link: Link) -> ComparisonRow:
    key = next((e for e in match.evidence if e.section_kind in ("results", "conclusions", "unlabelled")), None)
    return ComparisonRow(
        label=study_label(study), href=link(urls.study(study.id)),
        design=DESIGNS.get(study.design or "", "Not reported"), sample=study.sample_size,
        setting=", ".join(SETTINGS.get(s, s) for s in study.settings) or "Not reported",
        population=study.participants, key_finding=key.text if key else None,
        key_finding_href=evidence_href(link, study.id, key.anchor) if key else None, by_hand=match.by_hand)


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


def abstract_view(study: Study, matches: Sequence[tuple[Theme, ThemeMatch]]) -> list[SectionView]:
    """The abstract, one addressable span per sentence, each marked with the themes it is evidence for."""
    marks: dict[str, list[tuple[str, str | None]]] = {}
    for theme, match in matches:
        for evidence in match.evidence:
            marks.setdefault(evidence.anchor, []).append((theme.title, ROLE_LABELS.get(evidence.role or "")))
    sections: dict[int, SectionView] = {}
    for unit in sentence_units(study.abstract):
        index = int(unit.anchor[1:].split("-")[0])
        section = sections.setdefault(index, SectionView(unit.section_heading, index, []))
        section.sentences.append(SentenceView(unit.anchor, unit.text, marks.get(unit.anchor, [])))
    return [sections[i] for i in sorted(sections)]


def appraisal_rows(study: Study) -> list[tuple[str, str, str | None]]:
    """(question, answer, note) rows of a study's CASP appraisal, in checklist order."""
    if study.appraisal is None:
        return []
    return [(CASP_QUESTIONS[key], answer, note) for key, answer, note in study.appraisal.answers]
