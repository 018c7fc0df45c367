"""The PRISMA 2020 counts, checked against numbers worked out by hand from the files.

This brief: five seed files, one record each (content/studies/*.yaml: every ``source`` a different
file, every ``other_sources`` empty, every status ``included``), so 5 identified, 0 duplicates,
5 screened, 0 excluded, 5 sought, 5 assessed, 5 included. The invented brief: see prisma_brief.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from prisma_brief import SITE_YAML, make_brief

from generator.build import build_site
from generator.config import DEFAULT_EXCLUSION_REASONS, SiteConfig, load_config
from generator.model.content import load_studies
from generator.site.prisma import Flow, count_flow, prisma_problems, resolve_reason
from generator.site.prisma_svg import render_prisma_svg, text_width, wrap

REPO = Path(__file__).resolve().parents[2]


def _flow(project: Path) -> tuple[SiteConfig, Flow]:
    config, problems = load_config(project)
    assert not [p for p in problems if p.is_error]
    studies, _ = load_studies(project)
    return config, count_flow(config, studies)


def test_this_briefs_flow_counted_by_hand() -> None:
    _, flow = _flow(REPO)
    main = flow.databases
    # site.yaml names where each of the five seed files came from; each gives one record
    assert sorted((i.name, i.records) for i in main.identified) == [
        ("CTN Dissemination Library", 1), ("Chinese-language literature site", 1), ("Citation-statement index", 1),
        ("Journal-metrics aggregator", 1), ("RIS export", 1)]
    assert (main.duplicates_removed, main.automation_removed, main.other_removed) == (0, 0, 0)
    assert (main.screened, main.screening_excluded, main.sought, main.not_retrieved, main.assessed) == (5, 0, 5, 0, 5)
    assert main.excluded == () and flow.other is None
    assert (flow.studies_included, flow.reports_included) == (5, 5)
    assert not flow.problems


def test_invented_briefs_flow_counted_by_hand(tmp_path: Path) -> None:
    _, flow = _flow(make_brief(tmp_path))
    main = flow.databases
    assert [(i.name, i.kind, i.records) for i in main.identified] == [("Alpha Index", "database", 4),
                                                                       ("Beta Register", "register", 3)]
    assert main.duplicates_removed == 1
    assert (main.screened, main.screening_excluded, main.sought, main.assessed) == (6, 2, 4, 4)
    assert main.excluded == (("Wrong study design", 2),)
    assert (flow.studies_included, flow.reports_included) == (2, 2)
    assert not flow.problems


def test_hits_never_exported_are_screened_out(tmp_path: Path) -> None:
    """40 Alpha hits of which 4 were exported: 40 + 3 - 1 = 42 screened, 42 - 4 sought = 38 excluded."""
    project = make_brief(tmp_path, SITE_YAML + "  identified:\n    Alpha Index: 40\n  screened: 42\n")
    _, flow = _flow(project)
    assert (flow.databases.screened, flow.databases.screening_excluded, flow.databases.sought) == (42, 38, 4)
    assert not flow.problems


def _errors_at(project: Path) -> list[tuple[str, int | None, str]]:
    config, _ = load_config(project)
    studies, _ = load_studies(project)
    return [(d.location.path, d.location.line, d.message) for d in prisma_problems(project, config, studies)
            if d.is_error]


@pytest.mark.parametrize(("extra", "line", "key"), [
    ("  screened: 7\n", 9, "screened"),  # the flow gives 6
    ("  not_retrieved: 1\n", 9, "not_retrieved"),  # 6 screened cannot hold 2 excluded + 5 sought
    ("  studies_included: 3\n", 9, "studies_included"),
    ("  identified:\n    Alpha Index: 3\n", 9, "identified"),  # the files hold 4
    ("  duplicates_removed: 0\n", 9, "duplicates_removed"),  # ingest merged 1
])
def test_a_count_that_does_not_add_up_is_an_error_at_its_line(tmp_path: Path, extra: str, line: int,
                                                              key: str) -> None:
    errors = _errors_at(make_brief(tmp_path, SITE_YAML + extra))
    assert [(path, at) for path, at, _ in errors] == [("site.yaml", line)], errors
    assert key in errors[0][2] or "do not add up" in errors[0][2]


def test_counts_that_add_up_raise_nothing(tmp_path: Path) -> None:
    extra = "  screened: 6\n  screening_excluded: 2\n  sought: 4\n  assessed: 4\n  studies_included: 2\n"
    assert _errors_at(make_brief(tmp_path, SITE_YAML + extra)) == []


def test_unknown_exclusion_reason_names_file_line_and_suggestion(tmp_path: Path) -> None:
    project = make_brief(tmp_path)
    path = project / "content" / "studies" / "rec-d.yaml"
    path.write_text(path.read_text().replace("Wrong study design: protocol only", "wrong desing: protocol"))
    config, _ = load_config(project)
    studies, _ = load_studies(project)
    found = [d for d in prisma_problems(project, config, studies) if d.is_error]
    assert [(d.location.path, d.location.line) for d in found] == [("content/studies/rec-d.yaml", 3)]
    assert "wrong desing" in found[0].message and "Did you mean 'wrong-design'" in found[0].fix


def test_brief_with_own_reason_list(tmp_path: Path) -> None:
    site = SITE_YAML + "exclusion_reasons:\n  not-gardens: Not about gardens\n"
    project = make_brief(tmp_path, site)
    errors = _errors_at(project)
    assert {path for path, _, _ in errors} == {f"content/studies/rec-{x}.yaml" for x in "cdef"}


@given(st.sampled_from(DEFAULT_EXCLUSION_REASONS), st.booleans(), st.booleans(),
       st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30))
def test_listed_reason_with_free_text_resolves(reason: tuple[str, str], use_label: bool, upper: bool,
                                              detail: str) -> None:
    key = reason[1] if use_label else reason[0]
    key = key.upper() if upper else key
    resolved = resolve_reason(f"{key}: {detail}" if detail.strip() else key, DEFAULT_EXCLUSION_REASONS)
    assert (resolved.id, resolved.label) == reason
    assert resolved.detail == (" ".join(detail.split()) or None)


@given(st.lists(st.text(alphabet="abcXYZ019 =()mwil:", min_size=1, max_size=14), min_size=1, max_size=12),
       st.integers(min_value=60, max_value=300))
def test_wrapped_lines_fit_and_keep_every_character(words: list[str], width: int) -> None:
    text = " ".join(words)
    lines = wrap(text, width)
    assert all(text_width(line) <= width or len(line) == 1 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_svg_is_an_image_with_title_description_and_the_counts(tmp_path: Path) -> None:
    _, flow = _flow(make_brief(tmp_path))
    svg = str(render_prisma_svg(flow))
    assert 'role="img"' in svg and '<title id="prisma-title">' in svg and "<desc" in svg
    for text in ("Records screened (n = 6)", "Records excluded (n = 2)", "Wrong study design (n = 2)",
                 "Beta Register (n = 3)", "Duplicate records removed (n = 1)"):
        assert text in " ".join(re.sub(r"<[^>]+>", " ", svg).split()), text


def test_about_page_table_has_the_hand_counts(tmp_path: Path) -> None:
    project = make_brief(tmp_path)
    result = build_site(project, ingest=False, search_index=False)
    assert not [d for d in result.diagnostics if d.is_error]
    html = (project / "output" / "about" / "index.html").read_text(encoding="utf-8")
    cells = dict(re.findall(r'<th scope="row">([^<]+)</th><td>([^<]+)</td>', html))
    assert cells["Records screened"] == "6" and cells["Records excluded"] == "2"
    assert cells["Reports excluded: Wrong study design"] == "2" and cells["Studies included in review"] == "2"
    assert cells["Records identified from Alpha Index"] == "4" and cells["Duplicate records removed"] == "1"
    assert 'href="../screening/"' in html
