"""``evidence-brief list``: the brief's studies with the ids to cite them by.

A curator writing ``[@id]`` in content/ needs the ids, and a reviewer wants to see at a glance which
records wait for review or are excluded. One line per record, sorted by id: id, year, first author,
status. ``--format csv`` gives the same columns to a spreadsheet; a value the record does not state
is an empty cell (never a guess). A record that fails validation is
still listed (its id is what the curator needs to fix it), marked invalid.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from .errors import Diagnostic, warning
from .model.schema import validate_record
from .model.store import StoredRecord, load_records
from .model.study import Study, study_from_record

COLUMNS = ("id", "year", "first_author", "status")
#: The output formats of ``--format`` (generator/cli.py offers the same).
FORMATS = ("table", "csv")


INVALID = "invalid (see check)"
Row = tuple[str, str, str, str]


def study_status(study: Study) -> str:
    """The record's status as the site treats it: a record whose sources are gone is not published."""
    if study.status == "included" and not study.published:
        return "included (source missing)"
    return study.status


def study_row(study: Study) -> Row:
    return study.id, str(study.year) if study.year else "", study.authors[0] if study.authors else "", \
        study_status(study)


def raw_row(record: StoredRecord) -> Row:
    """What an invalid record still says of itself, so its id can be found and fixed (no value is guessed)."""
    data = record.data if isinstance(record.data, dict) else {}
    year, authors = data.get("year"), data.get("authors")
    record_id = data.get("id") if isinstance(data.get("id"), str) else Path(record.rel_path).stem
    first = authors[0] if isinstance(authors, list) and authors and isinstance(authors[0], str) else ""
    return str(record_id), str(year) if isinstance(year, int) and not isinstance(year, bool) else "", first, INVALID


def record_rows(project: Path) -> tuple[list[Row], list[Diagnostic]]:
    """One row per readable record, sorted by id; a warning per record that fails validation."""
    records, problems = load_records(project / "content" / "studies", project)
    table: list[Row] = []
    for record in records:
        if any(d.is_error for d in validate_record(record)):
            table.append(raw_row(record))
            problems.append(warning(record.rel_path, "record does not pass validation",
                                    "Run 'evidence-brief check' to see what to correct"))
        else:
            table.append(study_row(study_from_record(record.data)))
    return sorted(table), problems


def render_csv(table: list[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(table)
    return buffer.getvalue()


def render_table(table: list[Row]) -> str:
    """Aligned columns under a header; the status last, so long author names do not push it away."""
    header = ("ID", "YEAR", "FIRST AUTHOR", "STATUS")
    widths = [max(len(row[i]) for row in (header, *table)) for i in range(3)]
    lines = ["  ".join([*(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)), row[3]]).rstrip()
             for row in (header, *table)]
    return "\n".join(lines) + "\n"


def list_project(project: Path, *, output_format: str = "table",
                 write: Callable[[str], object] = print) -> list[Diagnostic]:
    """Print every record of content/studies/ (stdout), invalid ones included and marked as such."""
    table, problems = record_rows(project)
    write((render_csv if output_format == "csv" else render_table)(table).rstrip("\n"))
    return problems
