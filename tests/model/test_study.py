"""Which studies the site publishes: included ones, backed by their sources or kept on purpose."""

from __future__ import annotations

from dataclasses import replace

import pytest

from generator.model.study import study_from_record

BASE = {"id": "lindqvist-2022-fear", "title": "Fear and fatigue among ward nurses",
        "source": {"file": "seeds/a.ris", "record": 1, "format": "ris", "sha256": "0" * 64}}


@pytest.mark.parametrize(("status", "published"), [("included", True), ("excluded", False),
                                                   ("needs-review", False)])
def test_only_included_studies_are_published(status: str, published: bool) -> None:
    assert study_from_record({**BASE, "status": status}).published is published


def test_review_notes_reach_the_study() -> None:
    study = study_from_record({**BASE, "status": "needs-review", "extraction_notes": ["title is a label"]})
    assert study.needs_review and study.extraction_notes == ("title is a label",)


@pytest.mark.parametrize(("keep", "published"), [(None, False), (False, False), (True, True), ("yes", False)])
def test_an_orphan_is_published_only_when_kept_on_purpose(keep: object, published: bool) -> None:
    record = {**BASE, "status": "included"} | ({} if keep is None else {"keep_without_source": keep})
    study = replace(study_from_record(record), source_missing=True)
    assert study.published is published
