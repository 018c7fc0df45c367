"""evidence-brief check: schema problems named by file, line, field and fix."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from generator.build import build_site
from generator.check import check_project
from generator.cli import main
from generator.errors import Severity
from generator.ingest.pipeline import ingest_project

Project = Callable[..., Path]


@pytest.fixture
def make_project(make_project: Project) -> Project:
    """The shared scratch project, made a complete brief: a site.yaml with base_url and an about page
    (without them check warns, see test_never_publish_errors.py)."""

    def make(*args: object, **kwargs: object) -> Path:
        project = make_project(*args, **kwargs)
        (project / "site.yaml").write_text("title: A test brief\nbase_url: https://example.org/brief/\n")
        (project / "content").mkdir(exist_ok=True)
        (project / "content" / "about.md").write_text("How the studies were found.\n")
        return project

    return make


#: What two of the seeds do not state (read from the seeds: the citation index shows no authors; the
#: Chinese database page shows no authors, year or DOI), as this brief's curators recorded it.
CHECKED_GAPS = {"overcoming-medication-stigma-peer-recovery": "[authors]",
                "primary-care-team-perspectives-approaches": "[authors, year, doi]"}


def _close_checked_gaps(project: Path) -> None:
    for study_id, fields in CHECKED_GAPS.items():
        path = project / "content" / "studies" / f"{study_id}.yaml"
        path.write_text(path.read_text() + f"not_stated: {fields}\n")


def _one_record(make_project: Project) -> tuple[Path, Path]:
    project = make_project(real_seeds=True)
    ingest_project(project)
    _close_checked_gaps(project)
    path = project / "content" / "studies" / "klusaritz-2023-impact-stigma-clinician.yaml"
    return project, path


def test_ingested_seeds_pass_check_once_a_curator_closes_what_they_do_not_state(make_project: Project) -> None:
    project = make_project(real_seeds=True)
    ingest_project(project)
    assert sorted(d.format() for d in check_project(project)) == [
        "seeds/001_a708e6bb18ef3f64.txt:1: warning: no authors, year or doi stated. If the study itself states "
        "them, fill content/studies/primary-care-team-perspectives-approaches.yaml in by hand.",
        "seeds/002_cbca445a19ae6e4d.txt:8: warning: no authors stated. If the study itself states it, fill "
        "content/studies/overcoming-medication-stigma-peer-recovery.yaml in by hand."]
    _close_checked_gaps(project)
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


# --------------------------------------------------------------------------- needs-review and orphans

RIS = """TY  - JOUR
TI  - {title}
AU  - Lindqvist, Maja
PY  - 2022
DO  - 10.5555/ljcm.2022.{n}
AB  - Ward nurses in three small hospitals were asked about patients who use drugs; most described fear.
ER  - 
"""
GOOD = RIS.format(title="Fear and fatigue: ward nurses and patients who use drugs", n=1)
GARBAGE = RIS.format(title="Similar articles", n=2)


def _studies(project: Path) -> dict[str, Path]:
    return {p.name: p for p in sorted((project / "content" / "studies").glob("*.yaml"))}


def test_a_record_needing_review_is_listed_with_its_reason_and_strict_fails(
        make_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project({"good.ris": GOOD, "garbage.ris": GARBAGE})
    ingest_project(project)
    [problem] = check_project(project)
    assert problem.severity is Severity.WARNING and problem.location.path.startswith("content/studies/")
    assert "needs review, so it is not published" in problem.message and '"Similar articles"' in problem.message
    assert "set status: included" in problem.fix
    assert main(["check", "--project", str(project)]) == 0
    assert main(["check", "--strict", "--project", str(project)]) == 1


def test_build_lists_and_leaves_out_records_needing_review(make_project: Project) -> None:
    project = make_project({"good.ris": GOOD, "garbage.ris": GARBAGE})
    result = build_site(project, search_index=False)
    review = [d for d in result.diagnostics if "needs review, so it is not published" in d.message]
    assert len(review) == 1 and review[0].severity is Severity.WARNING
    [study] = [p for p in result.pages if p.startswith("studies/lindqvist-2022-")]
    assert "fear" in study


def test_an_orphan_is_reported_by_ingest_and_check_and_not_published(make_project: Project) -> None:
    project = make_project({"good.ris": GOOD})
    ingest_project(project)
    [name] = _studies(project)
    (project / "seeds" / "good.ris").unlink()
    [warned] = [d for d in ingest_project(project).diagnostics if d.severity is Severity.WARNING
                and "no longer" in d.message]
    assert warned.format() == (
        f"content/studies/{name}: warning: its source file seeds/good.ris no longer exists, so the study is not "
        "published. Put the file back in seeds/, or add 'keep_without_source: true' to the record to keep "
        "publishing it, or delete the record.")
    assert check_project(project) == [warned]
    assert build_site(project, search_index=False).diagnostics.count(warned) == 1
    assert not (project / "output" / "studies" / name.removesuffix(".yaml")).exists()
    assert (project / "output" / "index.html").is_file()


def test_an_orphan_kept_on_purpose_is_published_without_a_warning(make_project: Project) -> None:
    project = make_project({"good.ris": GOOD})
    ingest_project(project)
    [path] = _studies(project).values()
    path.write_text(path.read_text() + "keep_without_source: true\n")
    (project / "seeds" / "good.ris").unlink()
    problems = [d.format() for d in ingest_project(project).diagnostics if d.severity is not Severity.INFO]
    assert problems == ["seeds: warning: no source documents found. Put reference-manager exports or copied "
                        "pages in seeds/."]
    assert check_project(project) == []
    assert f"studies/{path.stem}/" in build_site(project, search_index=False).pages


def test_check_reports_the_facts_a_source_did_not_state_as_build_does(make_project: Project) -> None:
    """check and build agree on warnings: the "no doi stated" of a record ingest wrote is printed by both,
    and stops once a curator records that the source has none."""
    undated = "".join(line + "\n" for line in GOOD.splitlines() if not line.startswith("DO  -"))
    project = make_project({"good.ris": undated})
    ingest_project(project)
    [record] = (project / "content" / "studies").glob("*.yaml")
    assert "doi" in yaml.safe_load(record.read_text())["missing"]
    assert any(d.message == "no doi stated" and d.location.path == "seeds/good.ris" for d in check_project(project))
    record.write_text(record.read_text() + "not_stated: [doi]\n")
    assert not any("no doi stated" in d.message for d in check_project(project))
