"""A build with errors never replaces the last good site; check reports what build reports (issue 11,
points 4 and 5). Invented brief: one speech-therapy study from a fresh RIS file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import build_site
from generator.check import check_project
from generator.cli import main

Project = Callable[..., Path]

RIS = """TY  - JOUR
TI  - Waiting for speech therapy: a survey of families in two rural districts
AU  - Okonkwo, Adaeze
AU  - Berglund, Tove
PY  - 2021
JO  - Journal of Invented Paediatrics
DO  - 10.5555/jip.2021.77
AB  - We surveyed 140 families referred to community speech therapy about how long they waited.
ER  - 
"""
STUDY = "okonkwo-2021-waiting-speech-therapy"


@pytest.fixture
def brief(make_project: Project) -> Path:
    project = make_project({"waits.ris": RIS})
    (project / "site.yaml").write_text("title: Speech therapy waits\nbase_url: https://example.org/waits/\n")
    (project / "content").mkdir(exist_ok=True)
    (project / "content" / "about.md").write_text("We searched two invented databases.\n")
    (project / "content" / "index.md").write_text("Families wait long.\n")
    assert main(["build", "--project", str(project)]) == 0
    return project


def _record(project: Path) -> Path:
    [path] = (project / "content" / "studies").glob("*.yaml")
    return path


def _snapshot(project: Path) -> dict[str, bytes]:
    output = project / "output"
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()}


def test_an_error_leaves_output_unchanged_and_says_so(brief: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _snapshot(brief)
    (brief / "content" / "index.md").write_text("Families wait long [@nope].\n")
    capsys.readouterr()
    assert main(["build", "--project", str(brief)]) == 1
    err = capsys.readouterr().err
    assert "output/ left unchanged: 1 error(s)" in err and "citation '@nope'" in err
    assert _snapshot(brief) == before


def test_keep_going_writes_the_site_anyway(brief: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (brief / "content" / "index.md").write_text("Families wait long [@nope].\n")
    assert main(["build", "--keep-going", "--project", str(brief)]) == 1
    assert "nope" in (brief / "output" / "index.html").read_text()
    assert "(--keep-going)" in capsys.readouterr().err


def test_citing_a_broken_record_is_reported_once_under_the_record(brief: Path) -> None:
    record = _record(brief)
    (brief / "content" / "index.md").write_text(f"Families wait long [@{record.stem}].\n")
    record.write_text(record.read_text().replace("year: 2021", "year: twenty-twenty-one"))
    result = build_site(brief, ingest=False, search_index=False)
    errors = [d.format() for d in result.diagnostics if d.is_error]
    assert len(errors) == 1 and errors[0].startswith(f"content/studies/{record.name}:"), errors
    assert not result.written


def test_a_yaml_error_is_printed_once(brief: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = _record(brief)
    record.write_text(record.read_text() + "notes: [unclosed\n")
    capsys.readouterr()
    assert main(["build", "--project", str(brief)]) == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith(f"content/studies/{record.name}")]
    assert len(lines) == 1, lines


def test_check_prints_the_warnings_build_prints(brief: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = brief / "site.yaml"
    config.write_text(config.read_text() + "organization: Invented Health Board\n")
    capsys.readouterr()
    assert main(["check", "--project", str(brief)]) == 0
    err = capsys.readouterr().err
    assert "warning: unknown setting 'organization'. Did you mean 'organisation'?" in err
    assert main(["check", "--strict", "--project", str(brief)]) == 1
    assert "0 error(s), 1 warning(s); --strict treats warnings as failures" in capsys.readouterr().err
    assert main(["build", "--strict", "--project", str(brief)]) == 1


def test_a_missing_about_page_is_a_warning(brief: Path) -> None:
    (brief / "content" / "about.md").unlink()
    assert [p.location.path for p in check_project(brief)] == ["content/about.md"]


def test_a_local_only_site_has_no_sitemap_feed_or_canonical_links(brief: Path) -> None:
    (brief / "site.yaml").write_text("title: Speech therapy waits\nbase_url: null\n")
    result = build_site(brief, search_index=False)
    assert result.ok and result.written
    output = brief / "output"
    assert not (output / "sitemap.xml").exists() and not (output / "feed.xml").exists()
    assert 'rel="canonical"' not in (output / "index.html").read_text()


RIS_NO_DOI = RIS.replace("DO  - 10.5555/jip.2021.77\n", "")


def test_a_curator_closes_the_no_doi_warning(make_project: Project) -> None:
    project = make_project({"waits.ris": RIS_NO_DOI})
    (project / "site.yaml").write_text("title: Speech therapy waits\nbase_url: https://example.org/waits/\n")
    (project / "content").mkdir(exist_ok=True)
    (project / "content" / "about.md").write_text("We searched two invented databases.\n")
    first = build_site(project, search_index=False)
    assert any("no doi stated" in d.message for d in first.diagnostics)
    record = _record(project)
    record.write_text(record.read_text() + "not_stated: [doi]\n")
    second = build_site(project, search_index=False)
    assert not any("doi" in d.message.lower() for d in second.diagnostics), [d.format() for d in second.diagnostics]
    assert "not_stated:\n- doi" in record.read_text() or "not_stated: [doi]" in record.read_text()
    page = (project / "output" / "studies" / record.stem / "index.html").read_text()
    assert "DOI:</strong> not stated by the source (checked)" in page
