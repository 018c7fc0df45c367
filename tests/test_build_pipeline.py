"""build, check and the preview are one pipeline: the same problems, the same exit codes, by construction."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import build_site
from generator.check import check_project
from generator.cli import main
from generator.errors import Diagnostic, Severity
from generator.pipeline import NoSink, Pipeline, ProjectMemo
from generator.serve.builder import Builder

Project = Callable[..., Path]

#: A record invented for these tests (a study of nobody's): the minimum a valid record holds is taken
#: from an ingested one, so the schema's required keys stay the schema's business.
INVENTED_TITLE = "Evening classes and sleep in night-shift bakers, an invented cross-sectional survey"


@pytest.fixture
def brief(built_brief: Path) -> Path:
    return built_brief


def _copy_with_same_id(project: Path) -> tuple[str, str]:
    """A second record file carrying the id of the first, with another title; returns (id, its file)."""
    studies = project / "content" / "studies"
    first = sorted(studies.glob("*.yaml"))[0]
    text = first.read_text(encoding="utf-8").replace("\ntitle: ", f"\ntitle: {INVENTED_TITLE} ", 1)
    twin = studies / "zz-another-file-same-id.yaml"
    twin.write_text(text, encoding="utf-8")
    return first.stem, f"content/studies/{twin.name}"


def _duplicates(diagnostics: list[Diagnostic], study_id: str) -> list[Diagnostic]:
    return [d for d in diagnostics if f"id '{study_id}' is also used by" in d.message]


def test_a_duplicate_id_is_an_error_in_build_check_and_the_preview(brief: Path, tmp_path: Path) -> None:
    study_id, twin = _copy_with_same_id(brief)
    built = build_site(brief, search_index=False)
    [in_build] = _duplicates(built.diagnostics, study_id)
    assert in_build.is_error and in_build.location.path == twin and in_build.location.line == 1
    assert not built.written  # an error never replaces the last good site
    assert _duplicates(check_project(brief), study_id) == [in_build]
    site = tmp_path / "preview"
    site.mkdir()
    preview = Builder(brief, site)
    assert _duplicates(preview.rebuild().diagnostics, study_id) == [in_build]
    page = (site / "studies" / study_id / "index.html").read_text(encoding="utf-8")
    assert INVENTED_TITLE not in page  # the first file keeps the id; the second is left out


def test_check_reports_exactly_what_build_reports_when_ingest_has_nothing_to_say(brief: Path) -> None:
    (brief / "site.yaml").write_text("title: A test brief\nbase_url: https://example.org/brief/\ncolour: teal\n")
    built = build_site(brief, search_index=False, ingest=False)
    assert any(d.location.path == "site.yaml" and d.severity is Severity.WARNING for d in built.diagnostics)
    assert sorted(map(str, check_project(brief))) == sorted(map(str, built.diagnostics))


def test_check_strict_exits_as_build_strict_on_a_site_yaml_warning(brief: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    (brief / "site.yaml").write_text("title: A test brief\nbase_url: https://example.org/brief/\ncolour: teal\n")
    check_code = main(["check", "--strict", "--project", str(brief)])
    check_err = capsys.readouterr().err
    build_code = main(["build", "--strict", "--project", str(brief)])
    build_err = capsys.readouterr().err
    assert check_code == build_code == 1
    assert "unknown setting 'colour'" in check_err and "unknown setting 'colour'" in build_err
    assert main(["check", "--project", str(brief)]) == main(["build", "--project", str(brief)]) == 0


def test_a_template_error_leaves_the_page_out_in_build_check_and_the_preview(brief: Path, tmp_path: Path) -> None:
    """The failing page is never written: build keeps output/ as it was (or, with keep_going, writes
    the rest), the preview removes its old copy and shows the error; check reports the same error."""
    templates = brief / "templates"
    templates.mkdir(exist_ok=True)
    (templates / "about.html").write_text(
        "{% extends 'base.html' %}{% block main %}{% include 'no-such-part.html' %}{% endblock %}")
    built = build_site(brief, search_index=False, keep_going=True)
    [problem] = [d for d in built.diagnostics if d.location.path.startswith("templates/")]
    assert problem.is_error and not (brief / "output" / "about" / "index.html").exists()
    assert (brief / "output" / "index.html").is_file()
    assert [d for d in check_project(brief) if d.location.path.startswith("templates/")] == [problem]
    site = tmp_path / "preview"
    site.mkdir()
    outcome = Builder(brief, site).rebuild()
    assert [d for d in outcome.diagnostics if d.location.path.startswith("templates/")] == [problem]
    assert not (site / "about" / "index.html").exists() and (site / "index.html").is_file()


def test_page_contexts_are_read_only(brief: Path) -> None:
    run = Pipeline(brief).run(NoSink())
    assert run.site is not None
    home = run.site.pages[0]
    with pytest.raises(TypeError):
        home.context["total"] = 0  # type: ignore[index]


def test_the_project_memo_forgets_everything_on_demand(brief: Path) -> None:
    pipeline = Pipeline(brief, warm=True)
    pipeline.run(NoSink())
    memo = pipeline.memo
    assert memo.records and memo.markdown and memo.env is not None
    assert pipeline.run(NoSink()).rendered == []  # nothing changed
    cache = memo.citations
    pipeline.clear()
    assert memo == ProjectMemo(memo.citations, ingest=memo.ingest, matches=memo.matches)  # both hold files, not memos
    assert memo.citations is not cache and memo.citations.path == cache.path  # a new memo, the same file
    assert len(pipeline.run(NoSink()).rendered) == len(pipeline.site.pages if pipeline.site else [])



def test_a_build_with_nothing_to_do_writes_nothing_and_loads_no_reader(brief: Path) -> None:
    """The no-op answer comes from the manifest alone: no reader, template engine or citation
    processor is imported, no output file is touched, and the last build's warnings come back."""
    import subprocess
    import sys

    first = build_site(brief, search_index=False)
    before = {p: p.stat().st_mtime_ns for p in (brief / "output").rglob("*")}
    probe = ("import sys; from pathlib import Path; from generator.build import build_site; "
             f"r = build_site(Path({str(brief)!r}), search_index=False); "
             "print(r.up_to_date, len(r.diagnostics), 'generator.pipeline' in sys.modules, 'jinja2' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", str(len(first.diagnostics)), "False", "False"]
    assert {p: p.stat().st_mtime_ns for p in (brief / "output").rglob("*")} == before


def test_a_text_saved_while_the_build_renders_is_built_next_time(brief: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The manifest must describe what the build read, not what was on disk when it finished."""
    index = brief / "content" / "index.md"
    original_run = Pipeline.run

    def run_then_save(self: Pipeline, *args: object, **kwargs: object) -> object:
        result = original_run(self, *args, **kwargs)  # type: ignore[arg-type]
        index.write_text("Saved by a curator while pages were being written.\n", encoding="utf-8")
        return result

    (brief / "content" / "about.md").write_text("How the studies were found, revised.\n", encoding="utf-8")
    monkeypatch.setattr(Pipeline, "run", run_then_save)
    assert not build_site(brief, search_index=False).up_to_date
    monkeypatch.setattr(Pipeline, "run", original_run)
    again = build_site(brief, search_index=False)
    assert not again.up_to_date
    assert b"Saved by a curator while pages were being written." in (brief / "output" / "index.html").read_bytes()


def test_a_record_with_an_enormous_number_still_builds(brief: Path) -> None:
    """A number too long to fingerprint (the schema sets no upper bound) only means its page is rendered."""
    record = sorted((brief / "content" / "studies").glob("*.yaml"))[0]
    text = record.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("sample_size:")]
    record.write_text("\n".join(lines + ["sample_size: 1" + "0" * 300]) + "\n", encoding="utf-8")
    checked = check_project(brief)
    built = build_site(brief, search_index=False)
    assert built.ok == (not any(d.is_error for d in checked)), [d.format() for d in built.diagnostics]
    assert built.written or not built.ok


def test_check_writes_nothing(make_project: Project) -> None:
    project = make_project(real_seeds=True)
    build_site(project, search_index=False)  # ingests the seeds into records
    for cache in (project / ".cache", project / "output"):
        shutil.rmtree(cache)
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    check_project(project)
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before
