"""Floors on the held-out document evaluation (issue 9), and tests of the comparison itself.

The floors are what the readers reached when the set was written (measured once, rounded down);
raise them as the readers improve, never lower them to make a change pass. The goal is 98% of
fields and no garbage published. The comparison is tested on tiny fixtures with a fake ingest,
so that a broken comparison (one that counts a wrong value as right) cannot pass unnoticed.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

EVAL_DIR = Path(__file__).resolve().parent / "eval"

#: Floors per batch: (field accuracy, records found, most records published under a wrong title),
#: measured once and rounded down (see the module docstring). Batches 2 to 10 were written blind; 2 to 9
#: have since been used for fixes; batch 10 after three rounds of fixes.
FLOORS = {"1": (0.99, 44, 0), "2": (0.99, 26, 0), "3": (0.99, 23, 0), "4": (0.99, 12, 0), "5": (0.99, 15, 0),
          "6": (0.99, 13, 0), "7": (0.99, 9, 0), "8": (0.99, 11, 0), "9": (0.99, 12, 0), "10": (0.98, 12, 0)}

def _load_doc_eval() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ingest_eval_doc_eval", EVAL_DIR / "doc_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve their module while the class is built
    spec.loader.exec_module(module)
    return module


doc_eval = _load_doc_eval()


# --------------------------------------------------------------------------- the real set


@pytest.fixture(scope="module", params=sorted(FLOORS))
def figures(request: pytest.FixtureRequest) -> dict[str, Any]:
    pytest.importorskip("generator.ingest.pipeline")
    batch = doc_eval.batch_named(request.param)
    return {"batch": batch.name, **doc_eval.evaluate_documents(batch.documents_dir, batch.golden_dir)}


@pytest.mark.parametrize("batch", doc_eval.BATCHES, ids=lambda b: f"batch{b.name}")
def test_every_document_has_a_golden_record(batch: Any) -> None:
    documents = sorted(p.name for p in batch.documents_dir.iterdir() if p.is_file())
    goldens = sorted(p.name.removesuffix(".yaml") for p in batch.golden_dir.glob("*.yaml"))
    assert documents == goldens


def test_the_first_set_is_large_enough() -> None:
    documents = [p for p in (EVAL_DIR / "documents").iterdir() if p.is_file()]
    assert len(documents) >= 30
    loaded = [doc_eval.load_golden(p) for p in (EVAL_DIR / "golden").glob("*.yaml")]
    not_studies = [g for g in loaded if g.get("publish") is False]
    assert len(not_studies) >= 3


def test_field_accuracy_floor(figures: dict[str, Any]) -> None:
    assert figures["field_accuracy"] >= FLOORS[figures["batch"]][0], _summary(figures)


def test_records_found_floor(figures: dict[str, Any]) -> None:
    assert figures["records_found"] >= FLOORS[figures["batch"]][1], _summary(figures)


def test_no_garbage_or_wrongly_titled_record_published(figures: dict[str, Any]) -> None:
    assert figures["garbage_published"] == 0, "\n".join(figures["garbage"])
    assert figures["published_wrong"] <= FLOORS[figures["batch"]][2], _summary(figures)


def _summary(figures: dict[str, Any]) -> str:
    rows = [f"{name}: {row['correct']}/{row['total']}" for name, row in figures["fields"].items()]
    return f"accuracy {figures['field_accuracy']:.3f}, records {figures['records_found']}; " + ", ".join(rows)


# --------------------------------------------------------------------------- the comparison

GOLDEN_RECORD: dict[str, Any] = {
    "title": "Night-shift handovers in community hospitals: an interview study",
    "authors": ["Quinlan, Maeve K.", "Osei, Kojo"],
    "year": 2020,
    "journal": {"any_of": ["Community Hospital Care", "Community Hosp Care"]},
    "volume": "12",
    "issue": None,
    "pages": "33-41",
    "doi": "10.5555/chc.2020.33",
    "abstract_start": "Handovers at night are short and often interrupted.",
    "keywords": ["handover", "night shift"],
    "sample_size": 18,
    "design": "qualitative",
}


def _written(**changes: Any) -> dict[str, Any]:
    """A record as ingest writes it, matching GOLDEN_RECORD unless *changes* say otherwise."""
    record: dict[str, Any] = {
        "status": "included",
        "title": GOLDEN_RECORD["title"],
        "authors": ["Quinlan, Maeve K", "Osei, Kojo"],
        "year": 2020,
        "journal": None,
        "journal_abbrev": "Community Hosp Care",
        "volume": "12",
        "issue": None,
        "pages": "33-41",
        "doi": "10.5555/chc.2020.33",
        "abstract": [{"heading": "Background", "text": "Handovers at night are short and often interrupted. We asked"
                      " 18 nurses why."}],
        "keywords": ["handover", "night shift"],
        "sample_size": 18,
        "design": "qualitative",
        "source": {"file": "seeds/doc.txt", "record": 1, "line": 1},
    }
    record.update(changes)
    return record


def _fake_ingest(records: list[dict[str, Any]]) -> Callable[[Path], None]:
    def ingest(project: Path) -> None:
        for index, record in enumerate(records, start=1):
            path = project / "content" / "studies" / f"study-{index}.yaml"
            path.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    return ingest


def _evaluate(tmp_path: Path, golden: dict[str, Any], records: list[dict[str, Any]]) -> dict[str, Any]:
    documents, goldens = tmp_path / "documents", tmp_path / "golden"
    documents.mkdir()
    goldens.mkdir()
    (documents / "doc.txt").write_text("any text\n", encoding="utf-8")
    (goldens / "doc.txt.yaml").write_text(yaml.safe_dump(golden, allow_unicode=True), encoding="utf-8")
    return doc_eval.evaluate_documents(documents, goldens, ingest=_fake_ingest(records))  # type: ignore[no-any-return]


def test_a_record_as_the_golden_says_scores_every_field(tmp_path: Path) -> None:
    result = _evaluate(tmp_path, {"records": [GOLDEN_RECORD]}, [_written()])
    assert result["field_accuracy"] == 1.0, result["mismatches"]
    assert result["fields_total"] == len(GOLDEN_RECORD)
    assert (result["records_found"], result["documents_read"], result["garbage_published"]) == (1, 1, 0)


@pytest.mark.parametrize(("change", "field"), [
    ({"title": "Night-shift handovers in community hospitals: an interview study | Hospital Care"}, "title"),
    ({"authors": ["Quinlan, Maeve K", "Osei, K", "Extra, Person"]}, "authors"),
    ({"year": 2019}, "year"),
    ({"journal_abbrev": "Community Hosp Nurs"}, "journal"),
    ({"issue": "3"}, "issue"),  # a value where the golden says the document gives none
    ({"pages": "33–41"}, "pages"),
    ({"doi": "https://doi.org/10.5555/chc.2020.33"}, "doi"),
    ({"abstract": [{"heading": None, "text": "Skip to main content. Handovers at night are short and often "
                                             "interrupted."}]}, "abstract_start"),
    ({"keywords": ["handover"]}, "keywords"),
    ({"sample_size": 1}, "sample_size"),
    ({"sample_size": None}, "sample_size"),
    ({"design": "mixed-methods"}, "design"),
])
def test_a_field_that_differs_counts_as_wrong(tmp_path: Path, change: dict[str, Any], field: str) -> None:
    result = _evaluate(tmp_path, {"records": [GOLDEN_RECORD]}, [_written(**change)])
    assert [m["field"] for m in result["mismatches"]] == [field]
    assert result["fields"][field]["correct"] == 0
    assert result["field_accuracy"] == pytest.approx((len(GOLDEN_RECORD) - 1) / len(GOLDEN_RECORD))


def test_a_record_not_written_counts_all_its_fields_wrong(tmp_path: Path) -> None:
    other = dict(GOLDEN_RECORD, title="Weekend discharge planning: a survey of ward managers")
    result = _evaluate(tmp_path, {"records": [GOLDEN_RECORD, other]}, [_written()])
    assert result["records_expected"] == 2 and result["records_found"] == 1
    assert result["fields_correct"] == len(GOLDEN_RECORD)
    assert result["fields_total"] == 2 * len(GOLDEN_RECORD)
    assert {m["record"] for m in result["mismatches"]} == {2}


def test_an_extra_published_record_is_garbage(tmp_path: Path) -> None:
    extra = _written(title="Similar articles", source={"file": "seeds/doc.txt", "record": 2, "line": 40})
    result = _evaluate(tmp_path, {"records": [GOLDEN_RECORD]}, [_written(), extra])
    assert result["extra_records"] == 1 and result["garbage_published"] == 1
    assert result["field_accuracy"] == 1.0


def test_a_garbled_record_in_the_studys_place_is_not_found(tmp_path: Path) -> None:
    result = _evaluate(tmp_path, {"records": [GOLDEN_RECORD]}, [_written(title="Skip to main content")])
    assert result["records_found"] == 0 and result["documents_read"] == 0
    assert result["published_wrong"] == 1


@pytest.mark.parametrize(("records", "garbage", "refused", "held"), [
    ([], 0, 1, 0),
    ([{"status": "needs-review", "title": "Current issue"}], 0, 0, 1),
    ([{"status": "included", "title": "Current issue"}], 1, 0, 0),
])
def test_a_document_that_is_not_a_study_must_not_be_published(
        tmp_path: Path, records: list[dict[str, Any]], garbage: int, refused: int, held: int) -> None:
    result = _evaluate(tmp_path, {"publish": False}, records)
    assert (result["garbage_published"], result["not_studies_refused"], result["not_studies_held"]) == (
        garbage, refused, held)
    assert result["fields_total"] == 0


def test_an_unsplit_heading_before_the_abstract_is_tolerated_but_other_text_is_not() -> None:
    def record(text: str) -> dict[str, Any]:
        return {"abstract": [{"heading": None, "text": text}]}

    start = "Handovers at night are short"
    assert doc_eval.field_matches("abstract_start", start, record("Background: Handovers at night are short."))
    assert doc_eval.field_matches("abstract_start", start, record("BackgroundHandovers at night are short."))
    assert not doc_eval.field_matches("abstract_start", start, record("Menu Search Log in " + start))
    assert not doc_eval.field_matches("abstract_start", start, record(""))
    assert doc_eval.field_matches("abstract_start", None, record(""))


def test_initials_are_compared_without_their_punctuation() -> None:
    assert doc_eval.norm_author("de Hoon, M. J. L.") == doc_eval.norm_author("de Hoon, MJL")
    assert doc_eval.norm_author("Barg, Frances K.") == doc_eval.norm_author("Barg, Frances K")
    assert doc_eval.norm_author("Barg, Frances") != doc_eval.norm_author("Barg, F")
