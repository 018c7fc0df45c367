"""evidence-brief check: schema problems named by file, line, field and fix."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from generator.check import check_project
from generator.ingest.pipeline import ingest_project

Project = Callable[..., Path]


def _one_record(make_project: Project) -> tuple[Path, Path]:
    project = make_project(real_seeds=True)
    ingest_project(project)
    path = project / "content" / "studies" / "klusaritz-2023-impact-stigma-clinician.yaml"
    return project, path


def test_ingested_seeds_pass_check(make_project: Project) -> None:
    project = make_project(real_seeds=True)
    ingest_project(project)
    assert check_project(project) == []


def test_wrong_type_names_file_line_field_value_and_fix(make_project: Project) -> None:
    project, path = _one_record(make_project)
    text = path.read_text().replace("sample_size: 23", "sample_size: n=23")
    path.write_text(text)
    line = text.splitlines().index("sample_size: n=23") + 1
    [problem] = check_project(project)
    assert problem.format() == (
        f"content/studies/{path.name}:{line}: error: 'sample_size' must be a whole number or null, "
        f'got "n=23". Write the number of people enrolled (e.g. 48) and keep any detail in \'participants\'.')


def test_unknown_key_suggests_the_closest(make_project: Project) -> None:
    project, path = _one_record(make_project)
    path.write_text(path.read_text() + "verifed: true\n")
    [problem] = check_project(project)
    assert "warning: unknown key 'verifed'. Did you mean 'verified'?" in problem.format()


def test_excluded_study_needs_a_reason(make_project: Project) -> None:
    project, path = _one_record(make_project)
    path.write_text(path.read_text().replace("status: included", "status: excluded"))
    problems = [p.format() for p in check_project(project)]
    assert any("'exclusion_reason' must be text" in p for p in problems), problems


def test_python_tag_in_a_record_is_refused_with_its_line(make_project: Project) -> None:
    project, path = _one_record(make_project)
    path.write_text(path.read_text().replace("notes: null", "notes: !!python/object/apply:os.system ['x']"))
    [problem] = check_project(project)
    assert problem.is_error
    assert "is not allowed; records hold plain data only" in problem.format()
    assert problem.location.line == 5


def test_the_brief_text_and_themes_are_checked_too(make_project: Project) -> None:
    project, _ = _one_record(make_project)
    REPO = Path(__file__).resolve().parents[1]
    shutil.copytree(REPO / "content" / "themes", project / "content" / "themes")
    (project / "content" / "index.md").write_text("Line one.\n\nA claim [@nobody-1999].\n")
    problems = [p.format() for p in check_project(project)]
    assert problems == ["content/index.md:3: error: citation '@nobody-1999' names no published study. "
                        "Use the id of an included record in content/studies/ (its file name)."]


def test_incoming_files_are_listed(make_project: Project) -> None:
    project, path = _one_record(make_project)
    path.with_name(path.stem + ".incoming.yaml").write_text("id: x\n")
    [problem] = check_project(project)
    assert "waiting for review" in problem.format() and not problem.is_error
