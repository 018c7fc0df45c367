"""docs/record-schema.md and docs/cli.md are generated; a stale committed copy fails here."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import docs

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.mark.parametrize("name", sorted(docs.pages()))
def test_committed_reference_page_is_current(name: str) -> None:
    assert (DOCS / name).read_text(encoding="utf-8") == docs.pages()[name], (
        f"docs/{name} is stale: run `python -m generator.docs` and commit the result")


def test_schema_reference_lists_every_field_with_nested_ones() -> None:
    schema = {"title": "R", "description": "A record.", "required": ["id"],
              "properties": {"id": {"type": "string", "description": "The slug.", "maxLength": 9},
                             "design": {"enum": ["a", "b", None]},
                             "parts": {"type": "array", "items": {"type": "object", "properties": {
                                 "heading": {"type": ["string", "null"]}}}}}}
    page = docs.record_schema_markdown(schema)
    assert "| `id` | text | required | The slug. (at most 9 characters) |" in page
    assert "| `design` | one of `a`, `b`, or null |  |  |" in page
    assert "| `parts` | list of mapping |  |  |" in page
    assert "| `parts[].heading` | text or null |  |  |" in page


def test_cli_reference_has_a_section_per_command() -> None:
    page = docs.pages()["cli.md"]
    for command in ("ingest", "build", "serve", "check", "new"):
        assert f"## `evidence-brief {command}`" in page
        assert f"usage: evidence-brief {command}" in page


def test_check_mode_reports_stale_pages_and_writes_nothing(tmp_path: Path) -> None:
    assert docs.main(["--docs", str(tmp_path), "--check"]) == 1
    assert list(tmp_path.iterdir()) == []
    assert docs.main(["--docs", str(tmp_path)]) == 0
    assert docs.main(["--docs", str(tmp_path), "--check"]) == 0
