"""The appraisal summary: a traffic-light table and a bar per criterion, per tool, from the records'
appraisals; linked from About and from each theme's methodological limitations; absent when no
record is appraised. The answers below are invented for these tests; every expected cell and count
was worked out by hand from them."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pagecheck import axe_violations, format_violations, nu_check, served

from generator.build import build_site
from generator.model.appraisal import load_appraisal_tools
from generator.model.study import study_from_record
from generator.site.appraisal import tool_summaries

REPO = Path(__file__).resolve().parents[2]
KLUSARITZ = "klusaritz-2023-impact-stigma-clinician"
HUNTER = "hunter-2025-challenges-solutions-implementing"
PEER = "overcoming-medication-stigma-peer-recovery"
CASP_ALL_YES_BUT_METHOD = dict.fromkeys(("aims", "design", "recruitment", "data_collection", "reflexivity", "ethics",
                                         "analysis", "findings", "value"), "yes")
APPRAISALS: dict[str, dict[str, Any]] = {
    # No tool named: CASP, as records written before tools were data. Four criteria left unanswered.
    KLUSARITZ: {"answers": {"aims": "yes", "methodology": "yes", "design": "no", "recruitment": "can't tell",
                            "data_collection": {"answer": "yes", "note": "Invented note."}, "reflexivity": "no"}},
    HUNTER: {"tool": "casp-qualitative", "answers": {**CASP_ALL_YES_BUT_METHOD, "methodology": "can't tell"}},
    PEER: {"tool": "jbi-qualitative", "answers": {"philosophy_methodology": "yes", "ethics": "not applicable",
                                                  "conclusions": "unclear"}},
}


def _copy_brief(target: Path, appraisals: dict[str, dict[str, Any]]) -> Path:
    for name in ("seeds", "content", "templates"):
        shutil.copytree(REPO / name, target / name)
    shutil.copy(REPO / "site.yaml", target / "site.yaml")
    for study_id, appraisal in appraisals.items():
        path = target / "content" / "studies" / f"{study_id}.yaml"
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        record["appraisal"] = appraisal
        path.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target


def _built(target: Path, appraisals: dict[str, dict[str, Any]]) -> Path:
    project = _copy_brief(target, appraisals)
    result = build_site(project, ingest=False, search_index=False)
    assert result.ok, [d.format() for d in result.diagnostics if d.is_error]
    return project / "output"


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _built(tmp_path_factory.mktemp("appraised"), APPRAISALS)


def _html(output: Path, path: str) -> str:
    return (output / path / "index.html").read_text(encoding="utf-8")


def _text(fragment: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _section(html: str, tool_id: str) -> str:
    start = html.index(f'id="tool-{tool_id}"')
    end = html.find("<section", start)
    return html[start: end if end > 0 else len(html)]


def _rows(section: str) -> dict[str, list[str]]:
    """Study label -> the text of each cell, from the table's body."""
    body = section[section.index("<tbody>"): section.index("</tbody>")]
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        label = _text(re.search(r"<th[^>]*>(.*?)</th>", row, re.S).group(1))  # type: ignore[union-attr]
        rows[label] = [_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    return rows


def _bars(section: str) -> dict[str, str]:
    items = re.findall(r'<span class="ab-bar-label">(.*?)</span>.*?<span class="ab-bar-text">(.*?)</span>', section,
                       re.S)
    return {_text(label): _text(text) for label, text in items}


def test_casp_table_has_a_text_label_and_icon_in_every_cell(output: Path) -> None:
    rows = _rows(_section(_html(output, "appraisal/"), "casp-qualitative"))
    unanswered = "· Not answered"
    assert rows == {
        "Hunter et al., 2025": ["✓ Yes", "? Can't tell"] + ["✓ Yes"] * 8,
        "Klusaritz et al., 2023": ["✓ Yes", "✓ Yes", "✗ No", "? Can't tell", "✓ Yes", "✗ No"] + [unanswered] * 4,
    }


def test_casp_bars_count_each_answer_per_criterion(output: Path) -> None:
    bars = _bars(_section(_html(output, "appraisal/"), "casp-qualitative"))
    half = "1 of 2 (50%)"
    assert bars == {
        "Aims": "Yes 2 of 2 (100%)",
        "Methodology": f"Yes {half}, Can't tell {half}",
        "Design": f"Yes {half}, No {half}",
        "Recruitment": f"Yes {half}, Can't tell {half}",
        "Data collection": "Yes 2 of 2 (100%)",
        "Reflexivity": f"Yes {half}, No {half}",
        **dict.fromkeys(("Ethics", "Analysis", "Findings", "Value"), f"Yes {half}, Not answered {half}"),
    }


def test_bar_segments_are_drawn_to_scale(output: Path) -> None:
    section = _section(_html(output, "appraisal/"), "casp-qualitative")
    design = section[section.index(">Design</span>"):]
    design = design[: design.index("</svg>")]
    assert re.findall(r'class="ab-fill ab-(\w+)" x="([\d.]+)%" y="0" width="([\d.]+)%"', design) == [
        ("favourable", "0.0", "50.0"), ("unfavourable", "50.0", "50.0")]


def test_a_second_tool_gets_its_own_table_with_its_own_scale(output: Path) -> None:
    section = _section(_html(output, "appraisal/"), "jbi-qualitative")
    (label, cells), = _rows(section).items()
    assert label.endswith(", 2018")
    assert cells == ["✓ Yes"] + ["· Not answered"] * 7 + ["– Not applicable", "? Unclear"]
    assert _bars(section)["Conclusions"] == "Unclear 1 of 1 (100%)"


def test_headers_carry_the_full_question_and_studies_link_to_their_pages(output: Path) -> None:
    html = _html(output, "appraisal/")
    assert '<abbr title="Were ethical issues taken into account?">Ethics</abbr>' in html
    assert f'<tr id="appraisal-{KLUSARITZ}">' in html
    assert f'href="../studies/{KLUSARITZ}/"' in html


def test_about_and_theme_limitations_link_to_the_appraisal(output: Path) -> None:
    assert 'href="../appraisal/">Quality appraisal of the included studies</a>' in _html(output, "about/")
    theme = _html(output, "themes/training/")
    limits = theme[theme.index("<dt>Methodological limitations</dt>"):]
    assert limits.index('href="../../appraisal/themes/training/"') < limits.index("</dd>")


def test_a_theme_page_shows_only_its_studies(output: Path) -> None:
    """The training theme (its file names Hunter and Klusaritz, not the peer-recovery study) keeps its own."""
    html = _html(output, "appraisal/themes/training/")
    assert set(_rows(_section(html, "casp-qualitative"))) == {"Hunter et al., 2025", "Klusaritz et al., 2023"}
    assert 'id="tool-jbi-qualitative"' not in html
    assert 'href="../../../themes/training/"' in html


def test_the_study_page_lists_the_tools_questions(output: Path) -> None:
    html = _html(output, f"studies/{PEER}/")
    assert "Do the conclusions follow from the analysis or interpretation of the data?" in html


def test_no_appraisal_means_no_page_and_no_link(tmp_path: Path) -> None:
    output = _built(tmp_path, {})
    assert not (output / "appraisal").exists()
    assert "appraisal/" not in _html(output, "about/")
    assert "appraisal/" not in _html(output, "themes/training/")


def test_the_page_is_valid_html(output: Path) -> None:
    completed = nu_check(output / "appraisal")
    assert completed.returncode == 0, completed.stderr + completed.stdout


@pytest.fixture(scope="module")
def origin(output: Path) -> Iterator[str]:
    with served(output) as server:
        yield server.root


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_accessible_and_fits_a_phone(browser: Any, origin: str, axe_script: Path, screenshots_dir: Path,
                                     scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(origin + "appraisal/", wait_until="load")
        if scheme == "light":
            page.screenshot(path=str(screenshots_dir / "appraisal-1280.png"), full_page=True)
        page.set_viewport_size({"width": 375, "height": 800})
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the page scrolls sideways at 375 px by {overflow} px"
        if scheme == "light":
            page.screenshot(path=str(screenshots_dir / "appraisal-375.png"), full_page=True)
        wrap = page.locator(".appraisal-tool .table-wrap").first
        assert wrap.get_attribute("tabindex") == "0" and wrap.get_attribute("role") == "region"
        for width in (375, 1280):
            page.set_viewport_size({"width": width, "height": 800})
            violations = format_violations(axe_violations(page, axe_script))
            assert violations == "", f"{scheme}, {width} px:\n{violations}"
        assert errors == []
    finally:
        context.close()


@settings(max_examples=50, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(["aims", "design", "ethics"]),
                                st.sampled_from(["yes", "no", "can't tell"]), max_size=3), min_size=1, max_size=6))
def test_every_bar_adds_up_to_the_studies_appraised(answer_sets: list[dict[str, str]]) -> None:
    studies = [study_from_record({"id": f"s{i}", "title": f"Study {i}", "appraisal": {"answers": answers}})
               for i, answers in enumerate(answer_sets)]
    tools, _ = load_appraisal_tools()
    (section,) = tool_summaries(studies, tools, lambda path: path)
    for bar in section.bars:
        assert sum(s.count for s in bar.segments) == bar.total == len(studies)
        assert abs(sum(s.width for s in bar.segments) - 100) < 0.01
        expected = sum(1 for a in answer_sets if a.get(bar.criterion.id) == "yes")
        assert next((s.count for s in bar.segments if s.label == "Yes"), 0) == expected
