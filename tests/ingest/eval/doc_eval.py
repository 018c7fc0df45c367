"""Held-out document evaluation: ingest each document alone and compare with a golden record.

Why a separate set: the readers were fitted to five seeds, so scores on the seeds say nothing
about documents nobody has looked at. The documents in ``documents/`` were written for this set
(invented studies in page and export styles the seeds do not show); each has a golden file
``golden/<document name>.yaml`` written by reading the document, never by running the tool.

Golden format::

    records:              # expected studies, in file order
      - title: ...        # any field may be null (the document does not say it)
        journal: {any_of: [Full Name, Abbrev]}   # several readings are equally right
        ...
    publish: false        # instead of records: the document must not become a published study

Each document is ingested in a project of its own (so studies in different documents are never
merged), with the real pipeline. Each expected field counts once; a record that was not written
counts all its fields wrong. Comparison is exact after trivial normalisation (Unicode NFC,
collapsed whitespace); authors also ignore the punctuation of initials ("K." = "K", "M J L" =
"MJL"); ``journal`` may match the record's ``journal`` or ``journal_abbrev`` (a page that gives
only the abbreviation is read correctly either way); ``abstract_start`` must appear at the start
of the abstract text (a heading of up to three words before it is tolerated, "Background" or
"Objectives:": splitting headings is measured by ``abstract_headings``).
"""

from __future__ import annotations

import difflib
import shutil
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

EVAL_DIR = Path(__file__).resolve().parent
DOCUMENTS_DIR = EVAL_DIR / "documents"
GOLDEN_DIR = EVAL_DIR / "golden"

#: Fields a golden record may state, in the order the report prints them.
FIELDS = ("title", "authors", "year", "journal", "volume", "issue", "pages", "doi", "abstract_start",
          "abstract_headings", "keywords", "sample_size", "design")
#: Characters of heading tolerated before the expected start of the abstract.
HEADING_SLACK = 30
#: Title similarity below which a written record is not taken for an expected one.
MATCH_THRESHOLD = 0.6


@dataclass(frozen=True)
class Batch:
    """One evaluation batch: its documents, their golden records and its sentence set.

    Why batches: once engineers have tuned the readers on a batch it no longer measures
    generalisation, so a later batch, written blind, is scored and reported on its own.
    """

    name: str
    documents_dir: Path
    golden_dir: Path
    sentences: Path


#: The batches in the order they were written; batch 1 lives at the top of ``eval/``.
BATCHES = (
    Batch("1", DOCUMENTS_DIR, GOLDEN_DIR, EVAL_DIR / "sentences.yaml"),
    Batch("2", EVAL_DIR / "batch2" / "documents", EVAL_DIR / "batch2" / "golden",
          EVAL_DIR / "batch2" / "sentences.yaml"),
    Batch("3", EVAL_DIR / "batch3" / "documents", EVAL_DIR / "batch3" / "golden",
          EVAL_DIR / "batch3" / "sentences.yaml"),
    Batch("4", EVAL_DIR / "batch4" / "documents", EVAL_DIR / "batch4" / "golden",
          EVAL_DIR / "batch4" / "sentences.yaml"),
    Batch("5", EVAL_DIR / "batch5" / "documents", EVAL_DIR / "batch5" / "golden",
          EVAL_DIR / "batch5" / "sentences.yaml"),
    Batch("6", EVAL_DIR / "batch6" / "documents", EVAL_DIR / "batch6" / "golden",
          EVAL_DIR / "batch6" / "sentences.yaml"),
    Batch("7", EVAL_DIR / "batch7" / "documents", EVAL_DIR / "batch7" / "golden",
          EVAL_DIR / "batch7" / "sentences.yaml"),
    Batch("8", EVAL_DIR / "batch8" / "documents", EVAL_DIR / "batch8" / "golden",
          EVAL_DIR / "batch8" / "sentences.yaml"),
    Batch("9", EVAL_DIR / "batch9" / "documents", EVAL_DIR / "batch9" / "golden",
          EVAL_DIR / "batch9" / "sentences.yaml"),
    Batch("10", EVAL_DIR / "batch10" / "documents", EVAL_DIR / "batch10" / "golden",
          EVAL_DIR / "batch10" / "sentences.yaml"),
)


def batch_named(name: str) -> Batch:
    """The batch called ``name`` ("1", "2", ...); a ValueError names the known ones."""
    for batch in BATCHES:
        if batch.name == name:
            return batch
    raise ValueError(f"unknown batch {name!r}; known: {', '.join(b.name for b in BATCHES)}")

Ingest = Callable[[Path], Any]


@dataclass(frozen=True)
class Mismatch:
    """One expected field the tool got wrong (``got`` is None when the record was not written)."""

    document: str
    record: int
    field: str
    expected: Any
    got: Any


@dataclass
class Tally:
    """Correct and total counts per field, plus everything that went wrong."""

    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    mismatches: list[Mismatch] = field(default_factory=list)

    def count(self, name: str, ok: bool, mismatch: Mismatch) -> None:
        self.total[name] += 1
        if ok:
            self.correct[name] += 1
        else:
            self.mismatches.append(mismatch)


# --------------------------------------------------------------------------- normalisation


def norm_text(value: Any) -> str | None:
    """NFC, whitespace collapsed; None stays None so that "absent" and "empty" stay apart."""
    if value is None:
        return None
    text = unicodedata.normalize("NFC", str(value))
    return " ".join(text.split())


def norm_author(name: Any) -> str:
    """"Family, Given" with the punctuation and spacing of initials removed from the given part."""
    text = norm_text(name) or ""
    family, sep, given = text.partition(",")
    if not sep:
        return text
    tokens = given.replace(".", " ").split()
    initials_only = bool(tokens) and all(len(t) <= 2 and t.isupper() for t in tokens)
    return f"{family.strip()}, {('' if initials_only else ' ').join(tokens)}"


def norm_heading(value: Any) -> str:
    return (norm_text(value) or "").rstrip(":").strip().casefold()


def abstract_text(record: dict[str, Any]) -> str:
    """The abstract's section texts joined (headings left out), as one normalised string."""
    sections = record.get("abstract") or []
    if isinstance(sections, str):
        return norm_text(sections) or ""
    texts = [str(s.get("text") or "") for s in sections if isinstance(s, dict)]
    return norm_text(" ".join(texts)) or ""


def abstract_headings(record: dict[str, Any]) -> list[str]:
    sections = record.get("abstract") or []
    if not isinstance(sections, list):
        return []
    return [norm_heading(s.get("heading")) for s in sections if isinstance(s, dict) and s.get("heading")]


# --------------------------------------------------------------------------- one field


def _alternatives(expected: Any) -> list[Any]:
    if isinstance(expected, dict) and "any_of" in expected:
        return list(expected["any_of"])
    return [expected]


def _same_scalar(expected: Any, got: Any) -> bool:
    if expected is None or got is None:
        return expected is None and got in (None, "")
    return norm_text(expected) == norm_text(got)


def _same_int(expected: Any, got: Any) -> bool:
    if expected is None or got is None:
        return expected is None and got is None
    if isinstance(got, bool):
        return False
    try:
        return int(expected) == int(got)
    except (TypeError, ValueError):
        return False


def _same_list(expected: Any, got: Any, norm: Callable[[Any], Any]) -> bool:
    expected_list = [norm(x) for x in (expected or [])]
    got_list = [norm(x) for x in (got or [])] if isinstance(got, list) else None
    return got_list == expected_list


def _same_abstract_start(expected: Any, record: dict[str, Any]) -> bool:
    text = abstract_text(record)
    if expected is None:
        return not text
    start = norm_text(expected) or ""
    position = text.find(start) if start else -1
    return position >= 0 and _looks_like_heading(text[:position])


def _looks_like_heading(prefix: str) -> bool:
    """Empty, or a short run of words such as "Background" or "Conclusions and Relevance:"."""
    words = prefix.strip().rstrip(":").split()
    return len(prefix) <= HEADING_SLACK and len(words) <= 3 and all(w.strip(",&/-").isalpha() for w in words)


def field_value(name: str, record: dict[str, Any]) -> Any:
    """What the record holds for a golden field (for the mismatch report)."""
    if name == "abstract_start":
        return abstract_text(record)[:80] or None
    if name == "abstract_headings":
        return abstract_headings(record)
    if name == "journal":
        return record.get("journal") if record.get("journal") else record.get("journal_abbrev")
    return record.get(name)


def field_matches(name: str, expected: Any, record: dict[str, Any]) -> bool:
    """True when any accepted reading of the expected value equals what the record holds."""
    return any(_one_matches(name, alternative, record) for alternative in _alternatives(expected))


def _one_matches(name: str, expected: Any, record: dict[str, Any]) -> bool:
    if name == "authors":
        return _same_list(expected, record.get("authors"), norm_author)
    if name == "keywords":
        return _same_list(expected, record.get("keywords"), norm_text)
    if name == "abstract_headings":
        return abstract_headings(record) == [norm_heading(h) for h in expected or []]
    if name == "abstract_start":
        return _same_abstract_start(expected, record)
    if name in ("year", "sample_size"):
        return _same_int(expected, record.get(name))
    if name == "journal":
        if expected is None:
            return not record.get("journal") and not record.get("journal_abbrev")
        return _same_scalar(expected, record.get("journal")) or _same_scalar(expected, record.get("journal_abbrev"))
    return _same_scalar(expected, record.get(name))


# --------------------------------------------------------------------------- records


def _title_options(expected: dict[str, Any]) -> list[str]:
    return [norm_text(t) or "" for t in _alternatives(expected.get("title")) if t]


def _similarity(expected: dict[str, Any], record: dict[str, Any]) -> float:
    got = (norm_text(record.get("title")) or "").casefold()
    options = _title_options(expected)
    return max((difflib.SequenceMatcher(None, o.casefold(), got).ratio() for o in options), default=0.0)


def align(expected: list[dict[str, Any]], written: list[dict[str, Any]]) -> list[dict[str, Any] | None]:
    """The written record for each expected one (None: not written).

    Same count: file order decides (a garbled title still counts against its own record).
    Otherwise each expected record takes the most similar unused title above the threshold,
    so one lost record does not shift every later comparison.
    """
    if len(expected) == len(written):
        return list(written)
    used: set[int] = set()
    pairs: list[dict[str, Any] | None] = []
    for exp in expected:
        scored = [(_similarity(exp, rec), i) for i, rec in enumerate(written) if i not in used]
        best = max(scored, default=(0.0, -1))
        if best[0] >= MATCH_THRESHOLD:
            used.add(best[1])
            pairs.append(written[best[1]])
        else:
            pairs.append(None)
    return pairs


def load_written(project: Path) -> list[dict[str, Any]]:
    """Records ingest wrote (not pending *.incoming.yaml), ordered by source file and record."""
    records = []
    for path in sorted((project / "content" / "studies").glob("*.yaml")):
        if path.name.endswith(".incoming.yaml"):
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            records.append(data)

    def order(record: dict[str, Any]) -> tuple[str, int]:
        source = record.get("source") or {}
        return str(source.get("file", "")), int(source.get("record") or 0)

    return sorted(records, key=order)


def default_ingest(project: Path) -> Any:
    from generator.ingest.pipeline import ingest_project

    return ingest_project(project)


@dataclass
class DocumentRun:
    """What ingest made of one document."""

    name: str
    records: list[dict[str, Any]]
    messages: list[str]


def run_document(document: Path, workdir: Path, ingest: Ingest = default_ingest) -> DocumentRun:
    """Ingest ``document`` alone in a fresh project under ``workdir``; a crash counts as nothing read."""
    project = workdir / document.name
    (project / "seeds").mkdir(parents=True)
    (project / "content" / "studies").mkdir(parents=True)
    shutil.copyfile(document, project / "seeds" / document.name)
    try:
        report = ingest(project)
    except Exception as exc:  # the evaluation must survive a reader bug and report it
        return DocumentRun(document.name, [], [f"ingest crashed: {type(exc).__name__}: {exc}"])
    messages = [str(d) for d in getattr(report, "diagnostics", [])]
    return DocumentRun(document.name, load_written(project), messages)


# --------------------------------------------------------------------------- scoring


@dataclass
class Figures:
    """Counts over the whole set, turned into the report's dict by :func:`as_dict`."""

    tally: Tally = field(default_factory=Tally)
    documents: int = 0
    documents_expected: int = 0
    documents_read: int = 0
    records_expected: int = 0
    records_found: int = 0
    records_published: int = 0
    not_studies: int = 0
    not_studies_refused: int = 0
    not_studies_held: int = 0
    garbage_published: int = 0
    published_wrong: int = 0
    extra_records: int = 0
    garbage: list[str] = field(default_factory=list)
    messages: dict[str, list[str]] = field(default_factory=dict)


def _is_published(record: dict[str, Any]) -> bool:
    return record.get("status") == "included"


def score_not_study(run: DocumentRun, figures: Figures) -> None:
    figures.not_studies += 1
    published = [r for r in run.records if _is_published(r)]
    if not run.records:
        figures.not_studies_refused += 1
    elif not published:
        figures.not_studies_held += 1
    figures.garbage_published += len(published)
    figures.garbage.extend(f"{run.name}: published {r.get('title')!r}" for r in published)


def score_study_document(run: DocumentRun, expected: list[dict[str, Any]], figures: Figures) -> None:
    figures.documents_expected += 1
    figures.records_expected += len(expected)
    if any(_similarity(exp, rec) >= MATCH_THRESHOLD for exp in expected for rec in run.records):
        figures.documents_read += 1
    pairs = align(expected, run.records)
    matched_ids = {id(r) for r in pairs if r is not None}
    for index, (exp, got) in enumerate(zip(expected, pairs), start=1):
        if got is not None and _similarity(exp, got) >= MATCH_THRESHOLD:
            figures.records_found += 1
            figures.records_published += _is_published(got)
        elif got is not None and _is_published(got):
            # a record in the study's place whose title is not the study's: a confident wrong record
            figures.published_wrong += 1
            figures.garbage.append(f"{run.name}: record {index} published as {got.get('title')!r}")
        for name in FIELDS:
            if name not in exp:
                continue
            ok = got is not None and field_matches(name, exp[name], got)
            value = field_value(name, got) if got is not None else None
            figures.tally.count(name, ok, Mismatch(run.name, index, name, exp[name], value))
    extras = [r for r in run.records if id(r) not in matched_ids]
    figures.extra_records += len(extras)
    for record in extras:
        if _is_published(record):
            figures.garbage_published += 1
            figures.garbage.append(f"{run.name}: extra record published {record.get('title')!r}")


def load_golden(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or ("records" not in data and data.get("publish") is not False):
        raise ValueError(f"{path}: a golden file needs `records:` or `publish: false`")
    return data


def evaluate_documents(documents_dir: Path = DOCUMENTS_DIR, golden_dir: Path = GOLDEN_DIR,
                       ingest: Ingest = default_ingest) -> dict[str, Any]:
    """Ingest every document that has a golden file and return the figures (see :func:`as_dict`)."""
    figures = Figures()
    documents = sorted(p for p in documents_dir.iterdir() if p.is_file())
    with tempfile.TemporaryDirectory(prefix="ingest-eval-") as tmp:
        for document in documents:
            golden_path = golden_dir / f"{document.name}.yaml"
            if not golden_path.is_file():
                raise FileNotFoundError(f"no golden record for {document.name}: write {golden_path}")
            golden = load_golden(golden_path)
            run = run_document(document, Path(tmp), ingest)
            figures.documents += 1
            figures.messages[run.name] = run.messages
            if golden.get("publish") is False:
                score_not_study(run, figures)
            else:
                score_study_document(run, list(golden.get("records") or []), figures)
    return as_dict(figures)


def as_dict(figures: Figures) -> dict[str, Any]:
    """The figures as plain data: counts, per-field accuracy, overall accuracy and mismatches."""
    tally = figures.tally
    per_field = {name: {"correct": tally.correct[name], "total": tally.total[name],
                        "accuracy": tally.correct[name] / tally.total[name] if tally.total[name] else None}
                 for name in FIELDS if tally.total[name]}
    correct, total = sum(tally.correct.values()), sum(tally.total.values())
    return {
        "documents": figures.documents,
        "documents_expected": figures.documents_expected,
        "documents_read": figures.documents_read,
        "records_expected": figures.records_expected,
        "records_found": figures.records_found,
        "records_published": figures.records_published,
        "fields": per_field,
        "fields_correct": correct,
        "fields_total": total,
        "field_accuracy": correct / total if total else 0.0,
        "not_studies": figures.not_studies,
        "not_studies_refused": figures.not_studies_refused,
        "not_studies_held": figures.not_studies_held,
        "garbage_published": figures.garbage_published,
        "published_wrong": figures.published_wrong,
        "garbage": list(figures.garbage),
        "extra_records": figures.extra_records,
        "mismatches": [asdict(m) for m in tally.mismatches],
        "messages": dict(figures.messages),
    }
