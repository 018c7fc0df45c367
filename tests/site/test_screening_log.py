"""The screening log: every excluded record with stage and reason, grouped by reason, and its CSV."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from prisma_brief import make_brief

from generator.build import build_site
from generator.model.study import Study
from generator.site.exports import SCREENING_COLUMNS, render_screening_csv


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_brief(tmp_path_factory.mktemp("screening"))
    result = build_site(project, ingest=False, search_index=False)
    assert not [d for d in result.diagnostics if d.is_error]
    return project / "output"


def test_csv_lists_every_excluded_record_and_reads_back(output: Path) -> None:
    text = (output / "data" / "screening-log.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [list(SCREENING_COLUMNS),
                    ["rec-c", "Seedling swaps among school pupils", "2019", "screening", "wrong-population",
                     "Wrong population", "pupils aged 9 to 11"],
                    ["rec-f", "Urban orchards before the millennium", "1994", "screening", "date-range",
                     "Outside the date range", ""],
                    ["rec-d", "A protocol for a garden cohort", "2024", "full-text", "wrong-design",
                     "Wrong study design", "protocol only"],
                    ["rec-e", "Editorial: why gardens matter", "2022", "full-text", "wrong-design",
                     "Wrong study design", ""]]


def test_csv_round_trips_awkward_cells() -> None:
    rows = [("x-1", 'Commas, "quotes"\nand a line break', 2020, "screening", None, "Made-up reason", "a; b"),
            ("x-2", "=SUM(A1)", None, "full-text", "other", "Other reason", None)]
    text = render_screening_csv(rows)
    back = list(csv.reader(io.StringIO(text)))
    assert back[1] == ["x-1", 'Commas, "quotes"\nand a line break', "2020", "screening", "", "Made-up reason", "a; b"]
    assert back[2][1] == "'=SUM(A1)"  # a formula is never run by a spreadsheet
    assert render_screening_csv([tuple(back[1])]) == render_screening_csv(rows[:1])  # type: ignore[list-item]


def test_page_groups_records_by_reason_with_a_jump_list(output: Path) -> None:
    html = (output / "screening" / "index.html").read_text(encoding="utf-8")
    jump = re.findall(r'<li><a href="#(reason-\d+)">([^<]+)</a> \((\d+)\)</li>', html)
    assert [(label, n) for _, label, n in jump] == [("Wrong population", "1"), ("Outside the date range", "1"),
                                                    ("Wrong study design", "2")]
    for slug, _, _ in jump:
        assert f'id="{slug}"' in html
    assert "Editorial: why gardens matter" in html and "Title and abstract screening" in html
    assert "<script>" not in html and 'href="../data/screening-log.csv"' in html


def test_excluded_records_are_otherwise_not_published(output: Path) -> None:
    assert not (output / "studies" / "rec-c").exists() and (output / "studies" / "rec-a" / "index.html").is_file()
    assert "rec-d" not in (output / "data" / "studies.csv").read_text(encoding="utf-8")


def test_a_brief_without_exclusions_has_an_empty_log(tmp_path: Path) -> None:
    project = make_brief(tmp_path, records=[])
    build_site(project, ingest=False, search_index=False)
    assert (project / "output" / "data" / "screening-log.csv").read_text() == ",".join(SCREENING_COLUMNS) + "\n"
    assert "No record has been excluded" in (project / "output" / "screening" / "index.html").read_text()


def test_stage_defaults_to_full_text() -> None:
    from generator.site.prisma import FULL_TEXT, stage_of
    assert stage_of(Study("x", "T", status="excluded", exclusion_reason="other")) == FULL_TEXT
