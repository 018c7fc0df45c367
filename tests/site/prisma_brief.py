"""A small invented brief for the PRISMA and screening-log tests: two source files, a duplicate across
them, records excluded at screening and at full text.

Counted by hand (see test_prisma.py): Alpha Index 4 entries (rec-a, rec-b, rec-c, rec-f), Beta
Register 3 entries (rec-a's duplicate, rec-d, rec-e); 1 duplicate; 6 records screened; 2 excluded
at screening (rec-c, rec-f); 4 reports sought and assessed; 2 excluded at full text, both
"Wrong study design" (rec-d, rec-e); 2 studies included (rec-a, rec-b).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import yaml

ALPHA = "seeds/alpha-index-2025.ris"
BETA = "seeds/beta-register-export.csv"

SITE_YAML = """\
title: Invented brief on community gardens and loneliness
base_url: https://briefs.example.net/gardens/
sources:
  seeds/alpha-*.ris: Alpha Index
  seeds/beta-register-export.csv: Beta Register
prisma:
  registers:
    - Beta Register
"""

#: (id, title, year, status, reason, stage, primary source, other sources)
RECORDS: list[tuple[str, str, int, str, str | None, str | None, tuple[str, int], list[tuple[str, int]]]] = [
    ("rec-a", "Shared plots and neighbourly ties in three towns", 2021, "included", None, None, (ALPHA, 1),
     [(BETA, 1)]),
    ("rec-b", "Allotment waiting lists and wellbeing in retirees", 2023, "included", None, None, (ALPHA, 2), []),
    ("rec-c", "Seedling swaps among school pupils", 2019, "excluded", "wrong-population: pupils aged 9 to 11",
     "screening", (ALPHA, 3), []),
    ("rec-f", "Urban orchards before the millennium", 1994, "excluded", "date-range", "screening", (ALPHA, 4), []),
    ("rec-d", "A protocol for a garden cohort", 2024, "excluded", "Wrong study design: protocol only", None,
     (BETA, 2), []),
    ("rec-e", "Editorial: why gardens matter", 2022, "excluded", "WRONG-DESIGN", "full-text", (BETA, 3), []),
]


def _source(path: str, number: int, text: str) -> dict[str, Any]:
    return {"file": path, "record": number, "sha256": hashlib.sha256(text.encode()).hexdigest(), "format": "ris"}


def record(study_id: str, title: str, year: int, status: str, reason: str | None, stage: str | None,
           primary: tuple[str, int], others: list[tuple[str, int]]) -> dict[str, Any]:
    """A schema-valid record written by hand (what ingest would leave after a curator's decisions)."""
    data: dict[str, Any] = {"id": study_id, "status": status, "exclusion_reason": reason}
    if stage:
        data["excluded_at"] = stage
    data.update({"title": title, "authors": ["Quill, Ada"], "year": year, "journal": "Journal of Invented Studies",
                 "doi": None, "abstract": [{"heading": None, "text": f"An invented abstract about {title.lower()}."}],
                 "keywords": [], "design": None, "sample_size": None, "participants": None, "settings": [],
                 "setting_detail": None, "missing": ["doi"], "source": _source(*primary, "x"),
                 "other_sources": [_source(path, n, "x") for path, n in others]})
    return data


def make_brief(root: Path, site_yaml: str = SITE_YAML, records: list[Any] | None = None) -> Path:
    """The invented brief in ``root`` (seeds, content/studies, site.yaml); built with ingest=False."""
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    (root / ALPHA).write_text("TY  - JOUR\nER  - \n", encoding="utf-8")
    (root / BETA).write_text("title\nx\n", encoding="utf-8")
    studies = root / "content" / "studies"
    studies.mkdir(parents=True, exist_ok=True)
    for row in RECORDS if records is None else records:
        data = record(*row)
        (studies / f"{data['id']}.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    (root / "site.yaml").write_text(site_yaml, encoding="utf-8")
    return root
