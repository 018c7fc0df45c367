"""Which studies address which theme, and the sentences that show it.

A theme's ``signals`` (case-insensitive regular expressions from its file) are looked for in a
study's title, keywords and abstract sentences. A study is assigned only on real evidence, never
on one incidental word:

- a signal in the title; or
- a signal in a results or conclusions sentence (what the study found); or
- signals in at least two distinct evidence sentences (the keywords count as one sentence).

Background sentences never count: they say what a study set out to look at, not what it found. A
methods sentence counts only when its wording gives it a role ("questions about practices that
aided or hindered engagement"), so "trained research assistants coded the data" is no evidence of
training. A curator's ``themes_pinned`` / ``themes_excluded`` overrule all of this, and pages say so.

Citation statements are other papers' words about the study: they are collected as
CitedEvidence, shown apart, and never count towards assignment.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from ..model.hashing import hashed_once
from ..model.sentences import sentence_units
from ..model.study import Study
from .roles import classify_role

# Section kinds whose signal sentences are always evidence, and those that alone assign a theme.
_EVIDENCE_KINDS = ("results", "conclusions", "unlabelled")
_FINDING_KINDS = ("results", "conclusions")
# Methods and unrecognised headings ("Limitations", "Trial registration") give evidence only
# when the sentence's wording has a role.
_ROLE_ONLY_KINDS = ("methods", "other")


class ThemeSignals(Protocol):
    """What matching needs of a theme: its id and its signal patterns (synthesis.themes.Theme has both)."""

    @property
    def id(self) -> str: ...

    @property
    def signals(self) -> tuple[str, ...]: ...

    def __hash__(self) -> int: ...  # frozen, so matches can be memoised per (study, theme)


@dataclass(frozen=True)
class Evidence:
    """One sentence of the study's own abstract that speaks to the theme, quoted verbatim."""

    anchor: str
    section_heading: str | None
    section_kind: str
    text: str
    role: str | None
    signals: tuple[str, ...]


@dataclass(frozen=True)
class CitedEvidence:
    """What a citing paper says about the study: others' words, never counted for assignment."""

    text: str
    section: str | None
    signals: tuple[str, ...]


@hashed_once
@dataclass(frozen=True)
class ThemeMatch:
    """The verdict for one study and one theme, with the reason a reader is shown."""

    theme_id: str
    study_id: str
    assigned: bool
    by_hand: bool
    reason: str
    evidence: tuple[Evidence, ...]
    cited_evidence: tuple[CitedEvidence, ...]


@lru_cache(maxsize=65536)
def match_theme(study: Study, theme: ThemeSignals) -> ThemeMatch:
    """Whether ``study`` addresses ``theme``, why, and the evidence (collected even when not assigned)."""
    patterns = _compile(theme.signals)
    evidence = tuple(_evidence(study, patterns))
    cited = tuple(CitedEvidence(s.text, s.section, hits) for s in study.citation_statements
                  if (hits := _hits(s.text, patterns)))
    if theme.id in study.themes_excluded:  # excluded wins over pinned: a curator's "no" is the safer reading
        return ThemeMatch(theme.id, study.id, False, True, "excluded by a curator", evidence, cited)
    if theme.id in study.themes_pinned:
        return ThemeMatch(theme.id, study.id, True, True, "pinned by a curator", evidence, cited)
    keyword_hit = any(_hits(keyword, patterns) for keyword in study.keywords)
    assigned, reason = _decide(bool(_hits(study.title, patterns)), evidence, keyword_hit)
    return ThemeMatch(theme.id, study.id, assigned, False, reason, evidence, cited)


#: How a study is matched to a theme: ``match_theme``, or a cache of its results (site.match_cache).
Matcher = Callable[[Study, ThemeSignals], ThemeMatch]


def assign_themes(studies: Iterable[Study], themes: Iterable[ThemeSignals],
                  match: Matcher = match_theme) -> dict[str, list[ThemeMatch]]:
    """Theme id -> the matches of the studies assigned to it, sorted by study id.

    Every theme gets a key, so a theme nothing addresses still has its (empty) list. Studies that
    are not published (status other than "included") are left out.
    """
    ordered = sorted((s for s in studies if s.published), key=lambda s: s.id)
    listed = list(themes)
    assigned: list[tuple[str, list[ThemeMatch]]] = [(theme.id, []) for theme in listed]
    for study in ordered:  # study by study: its sentences are split once for all themes, whatever the memo's size
        for theme, (_, matches) in zip(listed, assigned):
            found = match(study, theme)
            if found.assigned:
                matches.append(found)
    return dict(assigned)


def _compile(signals: Sequence[str]) -> list[re.Pattern[str]]:
    """Each signal compiled once per call; the themes loader reports invalid ones, so they are skipped here."""
    patterns = []
    for signal in signals:
        try:
            patterns.append(re.compile(signal, re.IGNORECASE))
        except re.error:
            continue
    return patterns


def _hits(text: str, patterns: Sequence[re.Pattern[str]]) -> tuple[str, ...]:
    """The distinct terms the patterns match in ``text``, as written there, in order of appearance."""
    found: dict[str, str] = {}
    spans = sorted((m.start(), m.group(0)) for p in patterns for m in p.finditer(text) if m.group(0))
    for _, term in spans:
        found.setdefault(term.lower(), term)
    return tuple(found.values())


def _evidence(study: Study, patterns: Sequence[re.Pattern[str]]) -> list[Evidence]:
    items = []
    for unit in sentence_units(study.abstract):
        if unit.section_kind not in _EVIDENCE_KINDS and unit.section_kind not in _ROLE_ONLY_KINDS:
            continue
        hits = _hits(unit.text, patterns)
        if not hits:
            continue
        role = classify_role(unit.text)
        if unit.section_kind in _ROLE_ONLY_KINDS and role is None:
            continue
        items.append(Evidence(unit.anchor, unit.section_heading, unit.section_kind, unit.text, role, hits))
    return items


def _decide(in_title: bool, evidence: tuple[Evidence, ...], keyword_hit: bool) -> tuple[bool, str]:
    """The assignment rule and its human-readable reason."""
    if in_title:
        return True, "signal in title"
    for kind in _FINDING_KINDS:
        if any(e.section_kind == kind for e in evidence):
            return True, f"signal in {kind}"
    count = len(evidence) + (1 if keyword_hit else 0)
    parts = ([_plural(len(evidence), "sentence")] if evidence else []) + (["the keywords"] if keyword_hit else [])
    described = " and ".join(parts)
    if count >= 2:
        return True, f"{described} with signals"
    if count == 0:
        return False, "no signal in title, keywords or evidence sentences"
    return False, f"only {described} with a signal; two are needed"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
