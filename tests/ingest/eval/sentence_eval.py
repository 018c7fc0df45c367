"""Score ingest's derived sample size and design against the hand-written sentence set.

``evaluate_sentences(path)`` reads a YAML list of ``{text, sample_size, design}`` entries (optional:
``title``, ``publication_type``, ``held_out``, ``why``), runs the real derivation on each as an
abstract, and returns precision and recall of the sample size, design accuracy, and the misses, so
the test suite and ``bench/ingest_eval.py`` report the same figures. A text whose lines start with
"Heading: " is read as a structured abstract with one section per line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from generator.ingest.base import AbstractSection, Extraction
from generator.ingest.derive import derive

_HEADED_LINE = re.compile(r"^([A-Z][A-Za-z ,&-]{1,40}):\s+(.+)$")
DESIGNS = ("qualitative", "quantitative", "mixed-methods", "trial", "review", "other", None)


def as_extraction(entry: dict[str, Any]) -> Extraction:
    """The entry as a reader would hand it to ``derive``: title, publication type, abstract sections."""
    sections: list[AbstractSection] = []
    for line in str(entry["text"]).splitlines():
        if not line.strip():
            continue
        headed = _HEADED_LINE.match(line.strip())
        if headed and "\n" in str(entry["text"]).strip():
            sections.append(AbstractSection(headed.group(1), headed.group(2)))
        else:
            sections.append(AbstractSection(None, line.strip()))
    return Extraction(title=entry.get("title"), publication_type=entry.get("publication_type"),
                      abstract=tuple(sections))


def load_entries(path: Path | str) -> list[dict[str, Any]]:
    entries = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if not isinstance(entries, list):
        raise ValueError(f"{path}: expected a YAML list of entries")
    for number, entry in enumerate(entries, 1):
        if "text" not in entry or "sample_size" not in entry or "design" not in entry:
            raise ValueError(f"{path}: entry {number} needs text, sample_size and design")
        if entry["design"] not in DESIGNS:
            raise ValueError(f"{path}: entry {number} has an unknown design {entry['design']!r}")
    return entries


def score(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """Sample-size precision/recall and design accuracy over entries, with every miss listed."""
    returned = right = expected_nonnull = found = design_right = 0
    misses: list[dict[str, Any]] = []
    for entry in entries:
        derived = derive(as_extraction(entry))
        want = entry["sample_size"]
        got = derived.sample_size
        if got is not None:
            returned += 1
            right += got == want
        if want is not None:
            expected_nonnull += 1
            found += got == want
        design_ok = derived.design == entry["design"]
        design_right += design_ok
        if got != want or not design_ok:
            misses.append({"text": entry["text"], "sample_size": (want, got),
                           "design": (entry["design"], derived.design), "notes": list(derived.notes)})
    return {
        "entries": len(entries),
        "sample_precision": right / returned if returned else 1.0,
        "sample_recall": found / expected_nonnull if expected_nonnull else 1.0,
        "design_accuracy": design_right / len(entries) if entries else 1.0,
        "returned": returned,
        "expected_nonnull": expected_nonnull,
        "misses": misses,
    }


def evaluate_sentences(path: Path | str) -> dict[str, Any]:
    """Scores on the whole set and on its held-out part (entries written after the rules were done)."""
    entries = load_entries(path)
    result = score(entries)
    held_out = [entry for entry in entries if entry.get("held_out")]
    result["held_out"] = score(held_out) if held_out else None
    return result


if __name__ == "__main__":  # pragma: no cover - a quick report while editing the set
    import sys

    report = evaluate_sentences(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).with_name("sentences.yaml"))
    for miss in report["misses"]:
        print(f"- {miss['text']!r}\n  sample (want, got) {miss['sample_size']}  design {miss['design']}")
    for name in ("sample_precision", "sample_recall", "design_accuracy"):
        print(f"{name}: {report[name]:.3f}")
    if report["held_out"]:
        print("held out:", {k: round(v, 3) for k, v in report["held_out"].items() if isinstance(v, float)})
