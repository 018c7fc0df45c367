"""Measure a statistical line labeller (a linear-chain CRF over line features) against the rule-based
page reader, on copied article pages that have expected records.

Why: issue 9 asks whether a GROBID/CERMINE-style sequence labeller generalises better than the rules of
``generator.ingest.webpage``. This script answers with figures and changes nothing in the product.

Data: ``tests/ingest/pages`` (expected record per page) and the page documents of evaluation batches 1-3
(a page document is one no export reader claims). Batches 4 and 5 are blind sets and are never read.
Line labels (title, author, journal, abstract, keyword, other) are derived from the expected records by
matching their values to lines (see :func:`derive_labels`); ``--show NAME`` prints one document's labels
so that a sample can be checked by hand.

Run: ``.venv/bin/python bench/line_labeller.py`` (needs the ``bench`` extra: python-crfsuite).
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycrfsuite
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "ingest" / "eval"))

from doc_eval import field_matches  # type: ignore[import-not-found]  # noqa: E402

from generator.ingest.decode import decode_bytes  # noqa: E402
from generator.ingest.normalize import normalize_title  # noqa: E402
from generator.ingest.registry import MIN_CONFIDENCE, all_readers, choose_reader  # noqa: E402
from generator.ingest.webpage import WEBPAGE_READERS  # noqa: E402
from generator.ingest.webpage.article import _clean_title  # noqa: E402
from generator.ingest.webpage.authors import parse_author_line  # noqa: E402
from generator.ingest.webpage.vocabulary import (  # noqa: E402
    DEGREES,
    field_of_label,
    is_article_type,
    is_chrome_line,
    is_stop_heading,
)

PAGES_DIR = ROOT / "tests" / "ingest" / "pages"
EVAL_DIR = ROOT / "tests" / "ingest" / "eval"
#: Source sets a document can come from; batches 4 and 5 are deliberately absent (blind sets).
BATCH_DIRS = {"batch1": (EVAL_DIR / "documents", EVAL_DIR / "golden"),
              "batch2": (EVAL_DIR / "batch2" / "documents", EVAL_DIR / "batch2" / "golden"),
              "batch3": (EVAL_DIR / "batch3" / "documents", EVAL_DIR / "batch3" / "golden")}
LABELS = ("title", "author", "journal", "abstract", "keyword", "other")
#: Non-blank lines after the title within which the first author line is looked for.
AUTHOR_WINDOW = 30
#: Non-blank lines an author block may skip (affiliation or role lines between names).
AUTHOR_GAP = 4


# --------------------------------------------------------------------------- documents


@dataclass
class Document:
    """One copied page, its non-blank lines (with blank-line context) and its expected record."""

    name: str
    source: str
    lines: list[str]
    blank_before: list[bool]
    blank_after: list[bool]
    expected: dict[str, Any] | None  # None: the page is not a study and must not become one
    text: str
    labels: list[str] = field(default_factory=list)


def split_lines(text: str) -> tuple[list[str], list[bool], list[bool]]:
    """Non-blank stripped lines and whether a blank line stands before/after each."""
    raw = text.split("\n")
    kept = [i for i, line in enumerate(raw) if line.strip()]
    lines = [raw[i].strip() for i in kept]
    before = [i == 0 or not raw[i - 1].strip() for i in kept]
    after = [i == len(raw) - 1 or not raw[i + 1].strip() for i in kept]
    return lines, before, after


def read_text(path: Path) -> str | None:
    decoded = decode_bytes(path.read_bytes(), str(path))
    return decoded.text


_EXPORT_READERS = tuple(r for r in all_readers() if r.name not in {w.name for w in WEBPAGE_READERS})


def is_export(text: str) -> bool:
    """True when a structured-export reader claims the text (Ovid, WoS, MEDLINE, ...): not a page."""
    return any(reader.sniff(text) > MIN_CONFIDENCE for reader in _EXPORT_READERS)


def make_document(name: str, source: str, text: str, expected: dict[str, Any] | None) -> Document:
    lines, before, after = split_lines(text)
    return Document(name, source, lines, before, after, expected, text)


def load_pages() -> list[Document]:
    """``tests/ingest/pages``: one expected record per page, ``record: none`` for non-studies."""
    documents = []
    for page in sorted(PAGES_DIR.glob("*.txt")):
        data = yaml.safe_load(page.with_suffix(".yaml").read_text(encoding="utf-8"))
        expected = None if data.get("record") == "none" else data
        documents.append(make_document(page.name, "pages", page.read_text(encoding="utf-8"), expected))
    return documents


def load_batch(source: str) -> list[Document]:
    """The page documents of one evaluation batch (first golden record; ``publish: false`` = not a study)."""
    documents_dir, golden_dir = BATCH_DIRS[source]
    documents = []
    for path in sorted(documents_dir.glob("*.txt")):
        text = read_text(path)
        if text is None or is_export(text):
            continue
        golden = yaml.safe_load((golden_dir / f"{path.name}.yaml").read_text(encoding="utf-8"))
        records = golden.get("records") or []
        expected = None if golden.get("publish") is False or not records else records[0]
        documents.append(make_document(path.name, source, text, expected))
    return documents


def load_all() -> dict[str, list[Document]]:
    sets = {"pages": load_pages(), **{name: load_batch(name) for name in BATCH_DIRS}}
    for documents in sets.values():
        for document in documents:
            document.labels = derive_labels(document)
    return sets


# --------------------------------------------------------------------------- labels from records


def key(text: Any) -> str:
    """Letters and digits only, casefolded: lines and record values compare despite punctuation."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", str(text or "")).casefold())


def alternatives(value: Any) -> list[Any]:
    if isinstance(value, dict) and "any_of" in value:
        return list(value["any_of"])
    return [value]


def derive_labels(document: Document) -> list[str]:
    """A label per line, found by matching the expected record's values to the lines."""
    labels = ["other"] * len(document.lines)
    record = document.expected
    if record is None:
        return labels
    keys = [key(line) for line in document.lines]
    title_lines = _title_lines(keys, [key(t) for t in alternatives(record.get("title")) if t])
    for i in title_lines:
        labels[i] = "title"
    start = title_lines[0] if title_lines else 0
    for i in _author_lines(document.lines, keys, record.get("authors") or [], start, labels):
        labels[i] = "author"
    for i in _abstract_lines(document, keys, record, labels):
        labels[i] = "abstract"
    for i in _keyword_lines(document.lines, keys, record, labels):
        labels[i] = "keyword"
    for i in _journal_lines(document.lines, keys, record, labels):
        labels[i] = "journal"
    return labels


def _title_lines(keys: list[str], titles: list[str]) -> list[int]:
    """The earliest run of 1-3 adjacent lines that spell the title (a label or a site suffix allowed)."""
    for start in range(len(keys)):
        for size in (1, 2, 3):
            joined = "".join(keys[start:start + size])
            shorter = "".join(keys[start:start + size - 1])
            for title in titles:
                if not title or (size > 1 and title in shorter):
                    continue
                at = joined.find(title)
                if 0 <= at <= 12 and at < len(keys[start]) and len(joined) <= len(title) + at + 60:
                    return list(range(start, start + size))
    return []


def _family_keys(authors: list[Any]) -> list[str]:
    families = []
    for name in authors:
        family = str(name).partition(",")[0]
        families.append(family.strip())
    return [f for f in families if f]


def _names_in(line: str, families: list[str]) -> int:
    """How many of the family names the line shows (a CJK or Hangul name as written, others as words)."""
    hits = 0
    for family in families:
        if _CJK.search(family):
            hits += family in line
        else:
            hits += bool(re.search(rf"(?<![^\W\d_]){re.escape(family)}(?![^\W\d_])", line, re.IGNORECASE))
    return hits


def _is_author_candidate(line: str, options: list[list[str]]) -> bool:
    hits, families = max((_names_in(line, families), families) for families in options)
    if hits == 0 or len(line) > 600 or re.search(r"10\.\d{4,}/|\bdoi\b", line, re.IGNORECASE):
        return False
    if hits >= min(2, len(families)) and (len(families) > 1 or len(line) < 120):
        return True
    return len(line) < 80 and len(line.split()) <= 8  # one name per line


def _author_lines(lines: list[str], keys: list[str], authors: Any, title_at: int,
                  labels: list[str]) -> list[int]:
    """The first block of name lines after the title (or the nearest one above it)."""
    options = [_family_keys(list(option)) for option in alternatives(authors) if option]
    titles = [keys[i] for i in range(len(keys)) if labels[i] == "title"]
    titles = ["".join(titles)] if titles else []
    if not options:
        return []
    candidates = [i for i, line in enumerate(lines) if labels[i] == "other" and _is_author_candidate(line, options)
                  and not any(t and t in keys[i] for t in titles)]
    after = [i for i in candidates if title_at <= i <= title_at + AUTHOR_WINDOW]
    before = [i for i in candidates if i < title_at]
    if not after and not before:
        return []
    first = after[0] if after else before[-1]
    block = [first]
    for i in candidates:
        if block[-1] < i <= block[-1] + AUTHOR_GAP:
            block.append(i)
    return block


def _abstract_key(record: dict[str, Any]) -> str:
    sections = list(record.get("abstract") or [])
    for translation in (record.get("translations") or {}).values():
        sections += list((translation or {}).get("abstract") or [])
    return "".join(key(s.get("heading")) + key(s.get("text")) for s in sections if isinstance(s, dict))


def _abstract_lines(document: Document, keys: list[str], record: dict[str, Any], labels: list[str]) -> list[int]:
    whole = _abstract_key(record)
    if whole:
        return [i for i, k in enumerate(keys) if labels[i] == "other" and _inside(k, whole)]
    taken: list[int] = []
    for option in alternatives(record.get("abstract_start")):
        start = key(option)[:40]
        first = next((i for i, k in enumerate(keys) if start and start in k and labels[i] == "other"), None)
        if first is not None:
            headings = {key(h) for h in record.get("abstract_headings") or []}
            taken += [i for i in _prose_run(document.lines, first, headings) if i not in taken]
    return sorted(taken)


def _inside(line_key: str, whole: str) -> bool:
    """The line (but for up to 12 characters of label before or a button after it) is a piece of the abstract."""
    n = len(line_key)
    return n >= 20 and any(line_key[a:n - b] in whole for a in range(13) for b in range(13))


def _prose_run(lines: list[str], first: int, headings: set[str]) -> list[int]:
    """Lines from ``first`` while they read as abstract prose or are one of the abstract's own headings."""
    taken = [first]
    for i in range(first + 1, len(lines)):
        line = lines[i]
        if is_stop_heading(line) or is_chrome_line(line) or re.match(r"(?i)^(key ?words?|index terms)\b", line):
            break
        if len(line) >= 60 or key(line) in headings:
            taken.append(i)
            continue
        break
    return taken


def _keywords(record: dict[str, Any]) -> list[str]:
    options = [o for o in alternatives(record.get("keywords")) if o]
    return [key(k) for k in options[0]] if options else []


def _keyword_lines(lines: list[str], keys: list[str], record: dict[str, Any], labels: list[str]) -> list[int]:
    words = [k for k in _keywords(record) if k]
    titles = [key(t) for t in alternatives(record.get("title")) if t]
    if not words:
        return []
    found = []
    for i, k in enumerate(keys):
        if labels[i] != "other" or len(lines[i]) > 500 or any(t in k for t in titles):
            continue
        hits = sum(w in k for w in words)
        short = len(k) <= 1.5 * sum(len(w) for w in words) + 30
        if (hits >= min(2, len(words)) and short) or k in words:
            found.append(i)
    labelled = [i - 1 for i in found if i > 0 and i - 1 not in found and labels[i - 1] == "other"
                and field_of_label(lines[i - 1].rstrip(":： ")) == "keywords"]
    return sorted(found + labelled)


def _journal_lines(lines: list[str], keys: list[str], record: dict[str, Any], labels: list[str]) -> list[int]:
    journals = [key(j) for j in alternatives(record.get("journal")) if j]
    year = str(record.get("year") or "")
    volume = str(record.get("volume") or "")
    found = []
    for i, k in enumerate(keys):
        if labels[i] != "other" or len(lines[i]) > 400 or not any(j and j in k for j in journals):
            continue
        exact = any(k == j for j in journals)
        dated = bool(year and year in lines[i]) or bool(volume and re.search(rf"\b{re.escape(volume)}\b", lines[i]))
        if exact or dated:
            found.append(i)
    return found


# --------------------------------------------------------------------------- features


_DOI = re.compile(r"10\.\d{4,9}/\S+")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_URL = re.compile(r"https?://|www\.", re.IGNORECASE)
_VOLUME = re.compile(r"\b\d+\s*\(\s*\d+\s*\)|\bvol\.?\s*\d+|;\s*\d+\s*[:(]", re.IGNORECASE)
_PAGE_RANGE = re.compile(r"\b\d+\s*[-–]\s*\d+\b")
_MARKERS = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰*†‡§]|\w\d(,\d)*(\s|,|$)")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_LABEL = re.compile(r"^([^:：]{1,30})[:：]")


def _bucket(value: float, edges: Sequence[float]) -> str:
    return str(sum(value >= e for e in edges))


def _shares(text: str) -> dict[str, str]:
    letters = [c for c in text if c.isalpha()]
    n = max(len(text), 1)
    upper = sum(c.isupper() for c in letters) / max(len(letters), 1)
    words = text.split()
    capital = sum(w[:1].isupper() for w in words) / max(len(words), 1)
    return {
        "upper": _bucket(upper, (0.1, 0.3, 0.6, 0.9)),
        "digits": _bucket(sum(c.isdigit() for c in text) / n, (0.05, 0.15, 0.4)),
        "cjk": _bucket(len(_CJK.findall(text)) / n, (0.1, 0.5)),
        "punct": _bucket(sum(not c.isalnum() and not c.isspace() for c in text) / n, (0.03, 0.08, 0.2)),
        "capwords": _bucket(capital, (0.3, 0.6, 0.9)),
    }


def _shape(text: str) -> dict[str, str | bool]:
    words = text.split()
    lowered = {w.strip(".,;()").lower() for w in words}
    return {
        "len": str(min(int(math.log2(len(text) + 1)), 10)),
        "words": _bucket(len(words), (2, 4, 8, 15, 30, 60)),
        "end_period": text.endswith("."),
        "end_colon": text.endswith((":", "：")),
        "labelled": bool(_LABEL.match(text)),
        "starts_digit": text[:1].isdigit(),
        "commas": _bucket(text.count(",") + text.count("，"), (1, 2, 4, 8)),
        "semicolon": ";" in text or "；" in text,
        "bar": "|" in text or "·" in text,
        "doi": bool(_DOI.search(text)),
        "year": bool(_YEAR.search(text)),
        "email": bool(_EMAIL.search(text)),
        "url": bool(_URL.search(text)),
        "et_al": "et al" in text.lower(),
        "degree": bool(lowered & DEGREES),
        "volume": bool(_VOLUME.search(text)),
        "page_range": bool(_PAGE_RANGE.search(text)),
        "markers": bool(_MARKERS.search(text)),
        **_shares(text),
    }


def _vocabulary(text: str) -> dict[str, str | bool]:
    """Features from the product's general UI vocabulary (not its decisions)."""
    label = _LABEL.match(text)
    named = field_of_label(label.group(1)) if label else field_of_label(text)
    return {
        "chrome": is_chrome_line(text),
        "stop": is_stop_heading(text),
        "article_type": is_article_type(text),
        "field": named or "none",
        "names": len(text) < 400 and parse_author_line(text) is not None,
    }


def _first_word(text: str) -> str:
    words = re.findall(r"[^\W\d_]+", text.lower())
    return words[0][:12] if words else "#"


def line_features(document: Document, vocabulary: bool) -> list[dict[str, Any]]:
    """One feature dict per line: its own features, position, and those of its neighbours."""
    own = []
    n = len(document.lines)
    for i, text in enumerate(document.lines):
        features: dict[str, Any] = dict(_shape(text))
        if vocabulary:
            features.update(_vocabulary(text))
        features["w0"] = _first_word(text) if len(text.split()) <= 4 else "long"
        features["blank_before"] = document.blank_before[i]
        features["blank_after"] = document.blank_after[i]
        own.append(features)
    items = []
    long_seen = 0
    for i, features in enumerate(own):
        item = {_name(k, v): 1.0 for k, v in features.items()}
        item["bias"] = 1.0
        item[f"pos={min(i, 12) if i < 12 else _bucket(i, (20, 40, 80))}"] = 1.0
        item[f"rel={int(10 * i / max(n, 1))}"] = 1.0
        item[f"long_before={min(long_seen, 3)}"] = 1.0
        long_seen += len(document.lines[i].split()) >= 6 and not own[i].get("chrome", False)
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < n:
                for k, v in own[j].items():
                    if abs(offset) == 1 or k in ("len", "words", "year", "doi", "names", "degree", "end_period"):
                        item[f"{offset}:{_name(k, v)}"] = 1.0
            else:
                item[f"{offset}:edge"] = 1.0
        items.append(item)
    return items


def _name(feature: str, value: Any) -> str:
    if isinstance(value, bool):
        return f"{feature}={'y' if value else 'n'}"
    return f"{feature}={value}"


# --------------------------------------------------------------------------- CRF


def train(documents: Iterable[Document], model: Path, vocabulary: bool) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for document in documents:
        if document.lines:
            trainer.append(line_features(document, vocabulary), document.labels)
    trainer.set_params({"c1": 0.1, "c2": 0.05, "max_iterations": 150, "feature.possible_transitions": True})
    trainer.train(str(model))


def tag(documents: Iterable[Document], model: Path, vocabulary: bool,
        forced: bool = False) -> dict[str, list[str]]:
    """Viterbi labels per document; with ``forced``, a study page always gets a title and an author line:
    when Viterbi gives none, the line with the highest marginal probability of that label takes it."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    predicted = {}
    for document in documents:
        labels = tagger.tag(line_features(document, vocabulary)) if document.lines else []
        if forced and labels:
            for label in ("title", "author"):
                if label not in labels:
                    chances = [tagger.marginal(label, i) for i in range(len(labels))]
                    best = chances.index(max(chances))
                    if labels[best] == "other":
                        labels[best] = label
        predicted[document.name] = labels
    tagger.close()
    return predicted


def first_run(labels: list[str], label: str, gap: int = 0) -> list[int]:
    """Indices of the first run of ``label`` (runs may skip up to ``gap`` other lines)."""
    run: list[int] = []
    for i, got in enumerate(labels):
        if got != label:
            continue
        if run and i - run[-1] > gap + 1:
            break
        run.append(i)
    return run


# --------------------------------------------------------------------------- scoring


@dataclass
class Score:
    """Per-document counts for one approach on one test set."""

    documents: int = 0
    studies: int = 0
    title_ok: int = 0
    title_clean_ok: int = 0
    authors_ok: int = 0
    title_line_ok: int = 0
    title_line_total: int = 0
    author_line_ok: int = 0
    author_line_total: int = 0
    negatives: int = 0
    negatives_refused: int = 0
    failures: list[str] = field(default_factory=list)


def crf_title(lines: list[str], labels: list[str]) -> str | None:
    run = first_run(labels, "title")
    return normalize_title(" ".join(lines[i] for i in run)) if run else None


def crf_authors(lines: list[str], labels: list[str]) -> list[str]:
    names: list[str] = []
    for i in first_run(labels, "author", gap=AUTHOR_GAP - 1):
        parsed = parse_author_line(lines[i])
        names.extend(parsed.names if parsed else [])
    return names


def score_crf(documents: list[Document], predicted: dict[str, list[str]]) -> Score:
    score = Score()
    for document in documents:
        labels = predicted[document.name]
        score.documents += 1
        title = crf_title(document.lines, labels)
        if document.expected is None:
            score.negatives += 1
            score.negatives_refused += title is None
            if title is not None:
                score.failures.append(f"{document.source}/{document.name}: not a study, title line {title[:60]!r}")
            continue
        score.studies += 1
        cleaned = _clean_title(title) if title else None
        ok = field_matches("title", document.expected.get("title"), {"title": title})
        score.title_ok += ok
        score.title_clean_ok += field_matches("title", document.expected.get("title"), {"title": cleaned})
        authors_ok = field_matches("authors", document.expected.get("authors") or [],
                                   {"authors": crf_authors(document.lines, labels)})
        score.authors_ok += authors_ok
        _score_lines(score, document, labels)
        if not ok or not authors_ok:
            score.failures.append(f"{document.source}/{document.name}: title {'ok' if ok else repr((title or '')[:70])}"
                                  f", authors {'ok' if authors_ok else 'wrong'}")
    return score


def _score_lines(score: Score, document: Document, labels: list[str]) -> None:
    gold_title = [i for i, g in enumerate(document.labels) if g == "title"]
    if gold_title:
        score.title_line_total += 1
        score.title_line_ok += first_run(labels, "title") == gold_title
    gold_authors = [i for i, g in enumerate(document.labels) if g == "author"]
    if gold_authors:
        score.author_line_total += 1
        score.author_line_ok += first_run(labels, "author", gap=AUTHOR_GAP - 1) == gold_authors


def rules_record(document: Document) -> Any:
    reader = choose_reader(document.text)
    if reader is None:
        return None
    records = reader.read(document.text, f"seeds/{document.name}").records
    return records[0] if records else None


def score_rules(documents: list[Document]) -> Score:
    score = Score()
    for document in documents:
        record = rules_record(document)
        score.documents += 1
        if document.expected is None:
            score.negatives += 1
            score.negatives_refused += record is None
            if record is not None:
                score.failures.append(f"{document.source}/{document.name}: not a study, read as {record.title!r}")
            continue
        score.studies += 1
        got = {"title": record.title if record else None, "authors": list(record.authors) if record else []}
        ok = field_matches("title", document.expected.get("title"), got)
        authors_ok = field_matches("authors", document.expected.get("authors") or [], got)
        score.title_ok += ok
        score.title_clean_ok += ok
        score.authors_ok += authors_ok
        if not ok or not authors_ok:
            score.failures.append(f"{document.source}/{document.name}: title "
                                  f"{'ok' if ok else repr((got['title'] or '')[:70])}, "
                                  f"authors {'ok' if authors_ok else 'wrong'}")
    return score


def hybrid_titles(documents: list[Document], predicted: dict[str, list[str]]) -> dict[str, int]:
    """Rules and CRF together: agreement, accuracy when they agree, and "CRF only when rules give nothing"."""
    counts = Counter[str]()
    for document in documents:
        if document.expected is None:
            continue
        record = rules_record(document)
        rules = record.title if record else None
        crf = crf_title(document.lines, predicted[document.name])
        crf = _clean_title(crf) if crf else None
        expected = document.expected.get("title")
        rules_ok = field_matches("title", expected, {"title": rules})
        crf_ok = field_matches("title", expected, {"title": crf})
        agree = bool(rules) and field_matches("title", rules, {"title": crf})
        counts["studies"] += 1
        counts["agree"] += agree
        counts["agree_ok"] += agree and rules_ok
        counts["disagree_rules_ok"] += not agree and rules_ok
        counts["disagree_crf_ok"] += not agree and crf_ok
        counts["fallback_ok"] += rules_ok if rules else crf_ok
    return dict(counts)


def label_report(documents: list[Document], predicted: dict[str, list[str]]) -> dict[str, tuple[float, float, int]]:
    """Per-label precision, recall and support over lines."""
    tp, fp, fn = Counter[str](), Counter[str](), Counter[str]()
    for document in documents:
        for gold, got in zip(document.labels, predicted[document.name]):
            if gold == got:
                tp[gold] += 1
            else:
                fp[got] += 1
                fn[gold] += 1
    report = {}
    for label in LABELS:
        precision = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else 0.0
        recall = tp[label] / (tp[label] + fn[label]) if tp[label] + fn[label] else 0.0
        report[label] = (precision, recall, tp[label] + fn[label])
    return report


# --------------------------------------------------------------------------- experiments


@dataclass
class Split:
    name: str
    train: tuple[str, ...]
    test: tuple[str, ...]


SPLITS = (
    Split("A: train pages+batch1, test batch2+batch3", ("pages", "batch1"), ("batch2", "batch3")),
    Split("B: train batch2+batch3, test pages+batch1", ("batch2", "batch3"), ("pages", "batch1")),
    Split("C: train pages only, test batches 1-3", ("pages",), ("batch1", "batch2", "batch3")),
)


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "-"


def run_split(split: Split, sets: dict[str, list[Document]], vocabulary: bool, workdir: Path,
              verbose: bool) -> None:
    train_docs = [d for s in split.train for d in sets[s]]
    test_docs = [d for s in split.test for d in sets[s]]
    model = workdir / f"{split.name[0]}-{int(vocabulary)}.crfsuite"
    train(train_docs, model, vocabulary)
    predicted = tag(test_docs, model, vocabulary)
    crf, rules = score_crf(test_docs, predicted), score_rules(test_docs)
    forced = score_crf(test_docs, tag(test_docs, model, vocabulary, forced=True))
    features = "generic+vocabulary" if vocabulary else "generic only"
    print(f"\n## {split.name} — CRF features: {features}")
    print(f"train {len(train_docs)} documents ({sum(d.expected is not None for d in train_docs)} studies), "
          f"test {len(test_docs)} ({crf.studies} studies, {crf.negatives} not studies); "
          f"model {model.stat().st_size // 1024} KB")
    print("| approach | title exact | title after site-suffix cleaning | authors exact | not-study refused |")
    print("|---|---|---|---|---|")
    for name, score in (("rules (choose_reader+read)", rules), ("CRF", crf), ("CRF, forced title+author", forced)):
        print(f"| {name} | {_pct(score.title_ok, score.studies)} | {_pct(score.title_clean_ok, score.studies)} | "
              f"{_pct(score.authors_ok, score.studies)} | {_pct(score.negatives_refused, score.negatives)} |")
    print(f"CRF line level: title lines exact {_pct(crf.title_line_ok, crf.title_line_total)}, "
          f"author lines exact {_pct(crf.author_line_ok, crf.author_line_total)}")
    hybrid = hybrid_titles(test_docs, predicted)
    print(f"titles, rules vs CRF(+cleaning): agree on {hybrid.get('agree', 0)}/{hybrid.get('studies', 0)}, "
          f"right when agreeing {hybrid.get('agree_ok', 0)}; when they disagree rules right "
          f"{hybrid.get('disagree_rules_ok', 0)}, CRF right {hybrid.get('disagree_crf_ok', 0)}; "
          f"rules with CRF fallback right {hybrid.get('fallback_ok', 0)}")
    print("| label | precision | recall | lines |")
    print("|---|---|---|---|")
    for label, (p, r, n) in label_report(test_docs, predicted).items():
        print(f"| {label} | {p:.2f} | {r:.2f} | {n} |")
    if verbose:
        for name, score in (("rules", rules), ("CRF", crf)):
            for failure in score.failures:
                print(f"  {name} fails: {failure}")


def show(sets: dict[str, list[Document]], name: str) -> None:
    """Print one document's derived labels, for checking them by hand."""
    for document in (d for documents in sets.values() for d in documents if d.name == name):
        print(f"# {document.source}/{document.name}")
        for label, line in zip(document.labels, document.lines):
            print(f"{label:>9} | {line[:110]}")


def label_summary(sets: dict[str, list[Document]]) -> None:
    """How many study documents got a title / author line from the automatic labelling."""
    for source, documents in sets.items():
        studies = [d for d in documents if d.expected is not None]
        titled = sum("title" in d.labels for d in studies)
        authored = sum("author" in d.labels for d in studies if d.expected and d.expected.get("authors"))
        with_authors = sum(bool(d.expected and d.expected.get("authors")) for d in studies)
        print(f"{source}: {len(documents)} page documents, {len(studies)} studies; title lines found "
              f"{titled}/{len(studies)}, author lines found {authored}/{with_authors}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", help="print the derived labels of the named document and stop")
    parser.add_argument("--verbose", action="store_true", help="list the documents each approach gets wrong")
    args = parser.parse_args(argv)
    sets = load_all()
    if args.show:
        show(sets, args.show)
        return 0
    label_summary(sets)
    with tempfile.TemporaryDirectory(prefix="crf-") as tmp:
        for vocabulary in (False, True):
            for split in SPLITS:
                run_split(split, sets, vocabulary, Path(tmp), args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
