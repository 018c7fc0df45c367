"""Real exports from other projects' test suites: every file ingests without a crash."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from generator.ingest.pipeline import ingest_project
from generator.model.schema import validate_record
from generator.model.store import load_records

REALDATA = Path(__file__).resolve().parents[3] / "shared" / "realdata"
# Files that hold records but none with a title (read them: they test other things).
NO_TITLED_RECORD = {"example_bom.ris", "example_custom_list_tags.ris", "example_multiline.ris",
                    "confusable_names.bib"}

pytestmark = pytest.mark.skipif(not REALDATA.is_dir(), reason="../shared/realdata not present")


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    project = tmp_path_factory.mktemp("realdata")
    (project / "seeds").mkdir()
    for path in sorted(REALDATA.rglob("*")):
        if path.is_file() and path.name != "README.md":
            shutil.copy(path, project / "seeds" / path.name)
    return project, ingest_project(project)


def test_every_file_is_read_or_clearly_reported(ingested: tuple[Path, object]) -> None:
    project, report = ingested
    assert not any("reader failed" in d.format() for d in report.diagnostics)  # type: ignore[attr-defined]
    assert set(report.rejected_files) == {f"seeds/{n}" for n in NO_TITLED_RECORD}  # type: ignore[attr-defined]


def test_records_come_from_every_other_file(ingested: tuple[Path, object]) -> None:
    project, _ = ingested
    sources: set[str] = set()
    for path in (project / "content" / "studies").glob("*.yaml"):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        sources.update(s["file"] for s in [record["source"], *record["other_sources"]])
    expected = {f"seeds/{p.name}" for p in REALDATA.rglob("*") if p.is_file() and p.name != "README.md"}
    assert sources == expected - {f"seeds/{n}" for n in NO_TITLED_RECORD}


def test_realdata_records_pass_the_schema(ingested: tuple[Path, object]) -> None:
    """Every record written loads and passes the record schema (the part of `check` about records; the
    whole of `check`, which also renders every page, is tested on smaller briefs in tests/test_check.py)."""
    project, _ = ingested
    records, problems = load_records(project / "content" / "studies", project)
    errors = [d.format() for d in problems if d.is_error]
    errors += [d.format() for record in records for d in validate_record(record) if d.is_error]
    assert records and errors == []


def test_medline_record_read_from_its_tags(ingested: tuple[Path, object]) -> None:
    project, _ = ingested
    records = [yaml.safe_load(p.read_text()) for p in (project / "content" / "studies").glob("mangalam-*.yaml")]
    [record] = records
    # pubmed_result1.nbib: TI, FAU, DP, PG, VI, IP as written in the file.
    assert record["title"] == "The Bio* toolkits--a brief overview"
    assert record["authors"] == ["Mangalam, Harry"]
    assert (record["year"], record["volume"], record["issue"], record["pages"]) == (2002, "3", "3", "296-302")
    assert record["identifiers"]["pmid"] == "12230038"
