"""Hypothesis: any bytes give records or clear errors, never a crash; normalisers are idempotent."""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator.ingest.clean import ABSTRACT_HEADINGS, split_abstract
from generator.ingest.normalize import normalize_doi, normalize_name, normalize_pages, parse_date
from generator.ingest.pipeline import read_seed
from generator.ingest.slugs import base_slug
from generator.model.record import fingerprints
from generator.model.yamlio import dump_yaml, parse_yaml

PREFIXES = [b"", b"TY  - JOUR\nTI  - ", b"PMID- 1\nTI  - ", b"@article{k,\n title={", b"[{\"title\": \"",
            b"FN Clarivate\nPT J\nTI ", b"Title of a study\n\nAbstract\n\n", b"\xef\xbb\xbf", b"\xff\xfe"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=600))
def test_any_bytes_give_records_or_a_clear_error(prefix: bytes, body: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        seed = project / "seeds" / "x.txt"
        seed.parent.mkdir()
        seed.write_bytes(prefix + body)
        found, diagnostics = read_seed(seed, project)
        assert found or any(d.is_error for d in diagnostics)
        for d in diagnostics:
            assert d.format().startswith("seeds/x.txt")
            assert "\n" not in d.format()
            assert "reader failed" not in d.format(), d.format()


#: Any known structured-abstract heading, as whole words.
HEADING = re.compile(r"\b(?:" + "|".join(re.escape(h) for h in sorted(ABSTRACT_HEADINGS, key=len, reverse=True))
                     + r")\b", re.IGNORECASE)


@given(st.text(max_size=300))
def test_split_abstract_never_loses_words(text: str) -> None:
    """Words of the text all survive; only a heading with nothing under it ("Results" alone) may go, so a
    lost word must belong to a whole heading that stands in the text."""
    sections = split_abstract(text)
    kept = Counter(re.findall(r"\w+", " ".join((s.heading or "") + " " + s.text for s in sections).lower()))
    given_words = Counter(re.findall(r"\w+", text.lower()))
    headings = Counter(re.findall(r"\w+", " ".join(HEADING.findall(text)).lower()))
    assert not kept - given_words, "words were invented"
    assert not (given_words - kept) - headings, "words of the text were lost"


@given(st.sampled_from(sorted(ABSTRACT_HEADINGS)), st.text(alphabet="abc xyz", min_size=1, max_size=40))
def test_a_heading_with_text_keeps_both(heading: str, body: str) -> None:
    assume(body.strip())
    sections = split_abstract(f"{heading.upper()}\n{body}")
    kept = re.findall(r"\w+", " ".join((s.heading or "") + " " + s.text for s in sections).lower())
    assert sorted(kept) == sorted(re.findall(r"\w+", f"{heading} {body}".lower()))


@given(st.text(max_size=80))
def test_normalisers_are_idempotent(text: str) -> None:
    doi = normalize_doi(text)
    assert normalize_doi(doi) == doi
    name = normalize_name(text)
    assert name is None or normalize_name(name) == name
    date = parse_date(text)
    assert date is None or parse_date(date) == date
    pages = normalize_pages(text)
    assert pages is None or normalize_pages(pages) == pages


@given(st.text(max_size=80), st.text(max_size=30), st.one_of(st.none(), st.integers(1800, 2100)))
def test_slugs_are_url_safe(title: str, author: str, year: int | None) -> None:
    slug = base_slug(title, author or None, year)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)


record_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.text(max_size=40)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(min_size=1, max_size=8),
                                                                         inner, max_size=4)),
    max_leaves=12)


@given(st.dictionaries(st.sampled_from(["title", "authors", "abstract", "notes", "x"]), record_values))
def test_yaml_dump_then_load_gives_the_same_record(record: dict) -> None:
    assert parse_yaml(dump_yaml(record)).data == record
    assert fingerprints(parse_yaml(dump_yaml(record)).data) == fingerprints(record)
