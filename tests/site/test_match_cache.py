"""Theme matches kept between builds: the same assignments as matching afresh, and only what changed is matched."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from generator.model.study import Section, Study
from generator.site import match_cache
from generator.site.match_cache import MatchCache
from generator.synthesis.matching import assign_themes


@dataclass(frozen=True)
class _Theme:
    id: str
    signals: tuple[str, ...]


THEMES = [_Theme("fatigue", (r"fatigu\w*", r"sleep\w*")), _Theme("noise", (r"nois\w*",))]


def _study(number: int, findings: str) -> Study:
    return Study(f"s{number}", f"Harbour work report {number}", authors=("Lund, E.",), year=2020,
                 abstract=(Section("Methods", "We surveyed dock workers in three ports."),
                           Section("Results", findings)))


STUDIES = [_study(1, "Sleep was short and fatigue common after night shifts."),
           _study(2, "Noise exceeded limits on most cranes."),
           _study(3, "Rosters changed little over the year.")]


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The (study, theme) pairs actually matched rather than read from the cache."""
    calls: list[tuple[str, str]] = []
    original = match_cache.match_theme

    def counting(study, theme):  # type: ignore[no-untyped-def]
        calls.append((study.id, theme.id))
        return original(study, theme)

    monkeypatch.setattr(match_cache, "match_theme", counting)
    return calls


def _assigned(result: dict[str, list]) -> dict[str, list[str]]:  # type: ignore[type-arg]
    return {theme: [m.study_id for m in matches] for theme, matches in result.items()}


def test_a_second_build_reads_every_match(tmp_path: Path, counted: list[tuple[str, str]]) -> None:
    first = MatchCache.for_project(tmp_path).assign(STUDIES, THEMES)
    assert len(counted) == 6
    assert _assigned(first) == {"fatigue": ["s1"], "noise": ["s2"]}
    counted.clear()
    second = MatchCache.for_project(tmp_path).assign(STUDIES, THEMES)
    assert counted == []
    assert second == first == assign_themes(STUDIES, THEMES)


def test_only_a_changed_study_or_theme_is_matched_again(tmp_path: Path, counted: list[tuple[str, str]]) -> None:
    MatchCache.for_project(tmp_path).assign(STUDIES, THEMES)
    counted.clear()
    night_noise = (Section("Results", "Night noise kept crews awake."),)
    edited = [STUDIES[0], STUDIES[1], replace(STUDIES[2], abstract=night_noise)]
    result = MatchCache.for_project(tmp_path).assign(edited, THEMES)
    assert sorted(counted) == [("s3", "fatigue"), ("s3", "noise")]
    assert _assigned(result) == {"fatigue": ["s1"], "noise": ["s2", "s3"]}
    counted.clear()
    widened = [THEMES[0], _Theme("noise", (r"nois\w*", r"roster\w*"))]
    result = MatchCache.for_project(tmp_path).assign(edited, widened)
    assert sorted(counted) == [("s1", "noise"), ("s2", "noise"), ("s3", "noise")]
    assert result == assign_themes(edited, widened)
