"""`evidence-brief pdf`: the invented brief (tests/site/printable_brief.py) printed by headless Chromium; the
PDF's text holds every theme's title and every cited study's first author and year (read off the brief's
files by hand). Without Chromium: one message saying how to install it, exit 1, no traceback."""

from __future__ import annotations

import os
import sys
import unicodedata
from pathlib import Path

import pytest

from generator import pdf
from generator.build import build_site
from generator.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))  # the invented brief lives beside its page tests
from printable_brief import CITED, NOT_CITED, THEME_TITLES, make_printable_brief  # noqa: E402

CHROMIUM = Path(os.environ.get("EVIDENCE_BRIEF_CHROMIUM", "/usr/bin/chromium"))


def _pdf_text(path: Path) -> str:
    pypdf = pytest.importorskip("pypdf")
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())  # NFKC: the font's "ﬁ" ligature back to "fi"


def test_pdf_holds_every_theme_and_every_cited_study(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not CHROMIUM.is_file():
        pytest.skip(f"{CHROMIUM} is missing")
    project = make_printable_brief(tmp_path / "brief")
    assert not [d for d in build_site(project, ingest=False, search_index=False).diagnostics if d.is_error]
    target = tmp_path / "out" / "breakfast.pdf"
    problems = pdf.write_pdf(project, target, browser=str(CHROMIUM), say=print)
    assert [d.format() for d in problems if d.is_error] == []
    assert target.read_bytes().startswith(b"%PDF")
    assert "breakfast.pdf written" in capsys.readouterr().out
    text = _pdf_text(target)
    for title in THEME_TITLES:
        assert title in text
    for author, year in CITED:
        assert f"{author}" in text and f"({year})" in text, (author, year)
    assert "Tanaka" not in text  # included but cited nowhere: not in the brief
    assert all(author not in text for author, _ in NOT_CITED)


def test_no_chromium_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    project = make_printable_brief(tmp_path / "brief")
    monkeypatch.setenv("PATH", "")
    monkeypatch.setattr(pdf, "KNOWN_LOCATIONS", ())
    assert main(["pdf", "--project", str(project)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if "error" in line and "error(s)" not in line]
    assert len(lines) == 1 and "install" in lines[0] and "chromium" in lines[0].lower()
    assert not (project / "output").exists() and not (project / "brief.pdf").exists()  # nothing built or written


def test_find_browser_looks_on_path(tmp_path: Path) -> None:
    fake = tmp_path / "chromium-browser"
    fake.write_text("#!/bin/sh\n", encoding="utf-8")
    fake.chmod(0o755)
    assert pdf.find_browser(path=str(tmp_path), known=()) == str(fake)
    assert pdf.find_browser(path="", known=()) is None
    assert pdf.find_browser(path="", known=(str(fake),)) == str(fake)


def test_stale_output_is_built_again(tmp_path: Path) -> None:
    built = tmp_path / "index.html"
    source = tmp_path / "site.yaml"
    source.write_text("title: x\n", encoding="utf-8")
    assert pdf.is_stale(built, [source])  # never built
    built.write_text("<html></html>", encoding="utf-8")
    os.utime(source, (1_000_000, 1_000_000))
    os.utime(built, (2_000_000, 2_000_000))
    assert not pdf.is_stale(built, [source])
    os.utime(source, (3_000_000, 3_000_000))
    assert pdf.is_stale(built, [source])


def test_chromium_is_headless_isolated_and_prints_the_page(tmp_path: Path) -> None:
    page = tmp_path / "output" / "brief" / "index.html"
    command = pdf.chromium_command("/usr/bin/chromium", page, tmp_path / "x.pdf", tmp_path / "profile")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 f"--print-to-pdf={tmp_path / 'x.pdf'}", f"--user-data-dir={tmp_path / 'profile'}"):
        assert flag in command
    assert command[-1] == page.as_uri()


def test_a_build_with_errors_writes_no_pdf(tmp_path: Path) -> None:
    """output/ is missing, so pdf builds first; ingest rejects the invented seed (a record with no title),
    and the PDF is not written from a brief with errors."""
    project = make_printable_brief(tmp_path / "brief")
    problems = pdf.write_pdf(project, None, browser="/nonexistent/chromium")
    assert any(d.is_error and "no PDF written" in d.message for d in problems)
    assert not (project / "brief.pdf").exists()
