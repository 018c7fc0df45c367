"""How well ingest reads documents it was not written for: the held-out evaluation of issue 9.

    .venv/bin/python bench/ingest_eval.py [-v] [-s] [--batch 1|2|3|4|5|6|7|8|9|10|all]      (or: make eval)

Prints, for each evaluation batch (batch 1: tests/ingest/eval/documents/ and golden/; batch 2,
written blind after the readers had been tuned on batch 1: tests/ingest/eval/batch2/; batch 3,
written blind after tuning on batches 1 and 2: tests/ingest/eval/batch3/; batch 4, written blind
after tuning on batches 1 to 3: tests/ingest/eval/batch4/; batch 5, written blind after tuning
on batches 1 to 4: tests/ingest/eval/batch5/; batch 6, written blind after tuning
on batches 1 to 5: tests/ingest/eval/batch6/; batch 7, written blind after tuning
on batches 1 to 6: tests/ingest/eval/batch7/; batch 8, written blind after tuning on batches
1 to 7: tests/ingest/eval/batch8/; batch 9, written blind after tuning on batches 1 to 8:
tests/ingest/eval/batch9/; batch 10, written blind after tuning on batches 1 to 9:
tests/ingest/eval/batch10/), the
documents and records read, accuracy per field, overall field accuracy and garbage records
published; then the batch's sentence figures (sample-size precision and recall, design accuracy)
from tests/ingest/eval/sentence_eval.py. Batches are reported separately because a batch the
readers were tuned on no longer measures generalisation. ``-v`` lists every mismatch and what
ingest said about each document; ``-s`` lists the documents with mismatches per field.
Not a test: tests/ingest/test_eval_documents.py holds the floors (batch 1 only).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[1]
EVAL_DIR = REPO / "tests" / "ingest" / "eval"
GOALS = {"field_accuracy": 0.98, "garbage_published": 0}


def load_module(name: str, path: Path) -> ModuleType | None:
    """Import a module from a file under tests/ (not a package); None when the file is absent."""
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is created
    spec.loader.exec_module(module)
    return module


def percent(value: float | None) -> str:
    return "   n/a" if value is None else f"{100 * value:5.1f}%"


def print_documents(figures: dict[str, Any], batch: str) -> None:
    print(f"Documents (batch {batch})")
    print(f"  documents that should give studies: {figures['documents_read']} read of "
          f"{figures['documents_expected']} (read: at least one record with the right title)")
    print(f"  records: {figures['records_found']} found of {figures['records_expected']} expected "
          f"({figures['records_published']} of them published); "
          f"{figures['extra_records']} extra")
    print(f"  not-a-study documents: {figures['not_studies']} "
          f"({figures['not_studies_refused']} refused, {figures['not_studies_held']} held for review)")
    print("\n  field               correct / total   accuracy")
    for name, row in figures["fields"].items():
        print(f"  {name:<18}  {row['correct']:>7} / {row['total']:<5}   {percent(row['accuracy'])}")
    print(f"\n  overall document field accuracy: {percent(figures['field_accuracy'])} "
          f"({figures['fields_correct']}/{figures['fields_total']}; goal {percent(GOALS['field_accuracy'])})")
    print(f"  garbage records published: {figures['garbage_published']} (goal 0)")
    print(f"  records published with another study's or no real title: {figures['published_wrong']} (goal 0)")
    for line in figures["garbage"]:
        print(f"    - {line}")


def print_mismatches(figures: dict[str, Any]) -> None:
    print("\nMismatches (document #record field: expected | got)")
    for m in figures["mismatches"]:
        print(f"  {m['document']} #{m['record']} {m['field']}:\n      expected {m['expected']!r}\n"
              f"      got      {m['got']!r}")
    print("\nWhat ingest said")
    for name, messages in figures["messages"].items():
        for message in messages:
            print(f"  {name}: {message}")


def print_mismatch_summary(figures: dict[str, Any]) -> None:
    """Per field, how many mismatches and in which documents (record numbers in brackets)."""
    by_field: dict[str, dict[str, list[int]]] = {}
    for m in figures["mismatches"]:
        by_field.setdefault(m["field"], {}).setdefault(m["document"], []).append(m["record"])
    print("\nMismatches by field")
    for name, documents in by_field.items():
        count = sum(len(records) for records in documents.values())
        where = "; ".join(f"{doc} {records}" for doc, records in sorted(documents.items()))
        print(f"  {name} ({count}): {where}")


def print_sentences(sentences: Path, batch: str) -> None:
    """Sentence figures from the other half of the evaluation, when it is there."""
    module = load_module("ingest_eval_sentences", EVAL_DIR / "sentence_eval.py")
    print(f"\nSentences (batch {batch}: sample size and design)")
    if module is None or not sentences.is_file() or not hasattr(module, "evaluate_sentences"):
        print(f"  not available yet (tests/ingest/eval/sentence_eval.py or {sentences.name} missing)")
        return
    try:
        results = module.evaluate_sentences(sentences)
    except Exception as exc:  # the sentence half is another module: its failure must not hide ours
        print(f"  sentence evaluation failed: {type(exc).__name__}: {exc}")
        return
    print_figures(results, "  ")
    held_out = results.get("held_out")
    if isinstance(held_out, dict):
        print("  held-out part:")
        print_figures(held_out, "    ")


def print_figures(results: dict[str, Any], indent: str) -> None:
    """The scalar figures of a result dict (rates as percentages), skipping lists of misses."""
    for key, value in results.items():
        if isinstance(value, float):
            print(f"{indent}{key}: {percent(value) if 0 <= value <= 1 else value}")
        elif isinstance(value, int) and not isinstance(value, bool):
            print(f"{indent}{key}: {value}")


def print_batch(doc_eval: ModuleType, batch: Any, verbose: bool, summary: bool) -> None:
    """Document and sentence figures of one batch (a batch without documents yet says so)."""
    print(f"=== Batch {batch.name} " + "=" * 60)
    if batch.documents_dir.is_dir():
        figures = doc_eval.evaluate_documents(batch.documents_dir, batch.golden_dir)
        print_documents(figures, batch.name)
        if summary:
            print_mismatch_summary(figures)
        if verbose:
            print_mismatches(figures)
    else:
        print(f"Documents (batch {batch.name}): none yet ({batch.documents_dir} missing)")
    print_sentences(batch.sentences, batch.name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every mismatch")
    parser.add_argument("-s", "--summary", action="store_true", help="list mismatched documents per field")
    parser.add_argument("--batch", default="all", help="evaluation batch to run: 1 to 10, or all (default)")
    args = parser.parse_args(argv)
    doc_eval = load_module("ingest_eval_documents", EVAL_DIR / "doc_eval.py")
    if doc_eval is None:
        print("tests/ingest/eval/doc_eval.py is missing", file=sys.stderr)
        return 2
    try:
        batches = doc_eval.BATCHES if args.batch == "all" else (doc_eval.batch_named(args.batch),)
    except ValueError as exc:
        parser.error(str(exc))
    started = time.perf_counter()
    for index, batch in enumerate(batches):
        if index:
            print()
        print_batch(doc_eval, batch, args.verbose, args.summary)
    print(f"\n({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
