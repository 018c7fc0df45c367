"""The article-page reader on pages written for this test (tests/ingest/pages): invented studies and
invented site chrome in the layouts of publisher, literature-database, preprint, catalogue, Chinese
database, aggregator and foreign-UI pages. Each page's expected record was written by reading the page.

Besides the per-page test, ``test_field_accuracy`` reports per-field accuracy over all pages and
holds it at the level measured when the reader was written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.ingest.base import Extraction
from generator.ingest.registry import choose_reader

PAGES = Path(__file__).resolve().parent / "pages"
PAGE_FILES = sorted(PAGES.glob("*.txt"))
FIELDS = ("title", "authors", "journal", "volume", "issue", "pages", "year", "date", "doi", "peer_reviewed",
          "publication_type", "keywords", "identifiers", "abstract", "translations", "language")


def _expected(page: Path) -> dict[str, Any]:
    return yaml.safe_load(page.with_suffix(".yaml").read_text(encoding="utf-8"))


def _read(page: Path) -> Extraction | None:
    text = page.read_text(encoding="utf-8")
    reader = choose_reader(text)
    if reader is None:
        return None
    records = reader.read(text, f"seeds/{page.name}").records
    return records[0] if records else None


def _actual(record: Extraction, key: str) -> Any:
    value = getattr(record, key)
    if key in {"authors", "keywords"}:
        return list(value)
    if key == "identifiers":
        return dict(value)
    if key == "abstract":
        return [{"heading": s.heading, "text": s.text} for s in value]
    if key == "translations":
        return {t.lang: {"title": t.title, "abstract": [{"heading": s.heading, "text": s.text} for s in t.abstract]}
                for t in value}
    return value


def _compare(expected: dict[str, Any], record: Extraction | None) -> dict[str, bool]:
    """field -> whether the reader got it right, for every field the expected record states."""
    if expected.get("record") == "none":
        return {"refused": record is None}
    if record is None:
        return {key: False for key in expected if key in FIELDS}
    results: dict[str, bool] = {}
    for key in FIELDS:
        if key not in expected:
            continue
        want, got = expected[key], _actual(record, key)
        if key == "identifiers":
            got = {k: v for k, v in got.items() if k in want}
        if key == "translations":
            got = {lang: {k: v for k, v in t.items() if k in want.get(lang, {})} for lang, t in got.items()}
        results[key] = want == got
    return results


def test_enough_pages_of_each_kind() -> None:
    stems = [p.stem for p in PAGE_FILES]
    assert len(stems) >= 20
    for kind in ("publisher", "pubmed", "preprint", "europepmc", "catalogue", "cn_database", "aggregator",
                 "negative"):
        assert sum(s.startswith(kind) for s in stems) >= 2, kind


@pytest.mark.parametrize("page", PAGE_FILES, ids=[p.stem for p in PAGE_FILES])
def test_page(page: Path) -> None:
    results = _compare(_expected(page), _read(page))
    wrong = sorted(key for key, ok in results.items() if not ok)
    assert not wrong, f"{page.name}: wrong fields {wrong}"


def test_field_accuracy() -> None:
    totals: dict[str, list[bool]] = {}
    for page in PAGE_FILES:
        for key, ok in _compare(_expected(page), _read(page)).items():
            totals.setdefault(key, []).append(ok)
    accuracy = {key: sum(v) / len(v) for key, v in totals.items()}
    overall = sum(sum(v) for v in totals.values()) / sum(len(v) for v in totals.values())
    print("\n" + "\n".join(f"{key:18} {acc:6.1%} of {len(totals[key])}" for key, acc in sorted(accuracy.items())))
    assert overall >= 0.98, accuracy
