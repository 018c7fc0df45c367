"""`evidence-brief clean` removes only what the tool wrote; `evidence-brief list` names every record.

Briefs here are written fresh in temporary folders with invented studies.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml

from generator.cli import main


def _record(study_id: str, title: str, authors: list[str], year: int | None, status: str = "included") -> dict:
    """A complete, valid record that reports little (the rest stated as missing)."""
    record = {"id": study_id, "title": title, "authors": authors, "year": year, "journal": None, "doi": None,
              "abstract": [], "keywords": [], "design": None, "sample_size": None, "participants": None,
              "settings": [], "setting_detail": None, "missing": ["journal", "doi", "abstract", "keywords"],
              "source": {"file": "seeds/invented.ris", "record": 1, "line": 1, "sha256": "0" * 64, "format": "ris",
                         "stripped": []},
              "status": status}
    if status == "excluded":
        record["exclusion_reason"] = "Wrong population: adults only."
    return record


@pytest.fixture
def brief(tmp_path: Path) -> Path:
    studies = tmp_path / "content" / "studies"
    studies.mkdir(parents=True)
    records = [_record("okoro-2022-bike-lanes", "Protected bike lanes and injuries", ["Okoro, Ada", "Lind, Eva"], 2022),
               _record("berg-2019-school-streets", "School streets and asthma", ["Berg, Tove"], 2019, "excluded"),
               _record("anon-undated-leaflet", "A leaflet on traffic calming", [], None)]
    for record in records:
        (studies / f"{record['id']}.yaml").write_text(yaml.safe_dump(record, sort_keys=False), encoding="utf-8")
    (studies / "broken-record.yaml").write_text("id: broken-record\ntitle: Half written\nyear: 2020\n",
                                                encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "invented.ris").write_text("TY  - JOUR\nTI  - Protected bike lanes\nER  - \n")
    (tmp_path / "site.yaml").write_text("title: Streets and health\n", encoding="utf-8")
    return tmp_path


def test_list_table_sorted_by_id_with_year_first_author_and_status(brief: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--project", str(brief)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "YEAR", "FIRST", "AUTHOR", "STATUS"]
    assert [line.split()[0] for line in lines[1:]] == [
        "anon-undated-leaflet", "berg-2019-school-streets", "broken-record", "okoro-2022-bike-lanes"]
    assert lines[1].split() == ["anon-undated-leaflet", "included"]  # no year, no author: empty, not guessed
    assert lines[2].split() == ["berg-2019-school-streets", "2019", "Berg,", "Tove", "excluded"]
    assert "invalid" in lines[3] and "2020" in lines[3]


def test_list_csv(brief: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--format", "csv", "--project", str(brief)]) == 0
    captured = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(captured.out)))
    assert rows[-1] == {"id": "okoro-2022-bike-lanes", "year": "2022", "first_author": "Okoro, Ada",
                        "status": "included"}
    assert rows[0] == {"id": "anon-undated-leaflet", "year": "", "first_author": "", "status": "included"}
    assert "broken-record.yaml" in captured.err  # reported, with the way to see why


def test_clean_removes_generated_files_and_never_sources(brief: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (brief / "output" / "studies").mkdir(parents=True)
    (brief / "output" / "index.html").write_text("<p>old site</p>")
    (brief / ".cache").mkdir()
    (brief / ".cache" / "x.json").write_text("{}")
    (brief / ".output.k3j9x2a1.tmp").mkdir()  # an interrupted build's staging folder
    (brief / "notes-output.txt").write_text("the curator's own file")
    sources = sorted(p for p in brief.rglob("*") if p.is_file())
    assert main(["clean", "--project", str(brief)]) == 0
    assert not (brief / "output").exists() and not (brief / ".cache").exists()
    assert not (brief / ".output.k3j9x2a1.tmp").exists()
    kept = sorted(p for p in brief.rglob("*") if p.is_file())
    assert kept == [p for p in sources if "output/" not in p.as_posix() and ".cache" not in p.as_posix()]
    assert "removed output" in capsys.readouterr().out


def test_clean_dry_run_removes_nothing_and_a_symlinked_output_keeps_its_target(
        brief: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / "keep.html").write_text("not ours to delete")
    (brief / "output").symlink_to(elsewhere, target_is_directory=True)
    assert main(["clean", "--dry-run", "--project", str(brief)]) == 0
    assert (brief / "output").is_symlink()
    assert main(["clean", "--project", str(brief)]) == 0
    assert not (brief / "output").exists() and (elsewhere / "keep.html").is_file()
