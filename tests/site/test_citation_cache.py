"""The on-disk citation cache: a warm build formats nothing, and a cache can never give a wrong reference.

Every study here is invented for these tests. Most tests use a fake formatter (fast, and it counts
calls); the ones about real output use citeproc-py through the default formatter.
"""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from generator.config import SiteConfig
from generator.model.study import Study, study_from_record
from generator.site import citation_cache
from generator.site.citation_cache import CACHE_DIR, CACHE_FILE, CitationCache
from generator.site.citations import Citation, Style, format_citation
from generator.site.model import BriefText, build_site_model


def invented(number: int, **fields: Any) -> Study:
    """An invented journal article; ``number`` makes its title, pages and DOI its own."""
    record = {"id": f"oduya-2019-ferry-{number}", "status": "included",
              "title": f"Ferry timetables and missed dialysis sessions on island {number}",
              "authors": ["Oduya, Kemi", "Brandvold, Ingrid S"], "year": 2019, "journal": "Island Health Review",
              "volume": "12", "issue": "4", "pages": f"{100 + number}-{109 + number}",
              "doi": f"10.5555/ihr.2019.{number:04d}", **fields}
    return study_from_record(record)


def fake_formatter(item_json: str, style: Style) -> Citation:
    """A stand-in for citeproc: the style and the item's title, so a mix-up would show."""
    title = json.loads(item_json)["title"]
    return Citation(text=f"{style}: {title}", html=Markup(f"<i>{style}</i>: {title}"))


class Refusing:
    """A formatter that must not be called: a warm cache formats nothing."""

    def __call__(self, item_json: str, style: Style) -> Citation:
        raise AssertionError(f"formatted again: {style}")


def cache_file(project: Path) -> Path:
    return project / CACHE_DIR / CACHE_FILE


def test_a_hand_checked_reference_comes_back_the_same_from_disk(tmp_path: Path) -> None:
    study = invented(7)
    # APA 7: "Family, I." authors with "&" before the last, year in brackets, italic journal and volume.
    apa = ("Oduya, K., & Brandvold, I. S. (2019). Ferry timetables and missed dialysis sessions on island 7. "
           "Island Health Review, 12(4), 107–116. https://doi.org/10.5555/ihr.2019.0007")
    with CitationCache.for_project(tmp_path) as cold:
        assert cold.citation(study, "apa").text == apa
    with CitationCache(cache_file(tmp_path), formatter=Refusing()) as warm:
        assert warm.citation(study, "apa").text == apa
        assert warm.citation(study, "apa") == format_citation(study, "apa")


def test_warm_equals_cold_and_formats_nothing(tmp_path: Path) -> None:
    studies = [invented(n) for n in range(40)]
    with CitationCache(cache_file(tmp_path), formatter=fake_formatter) as cold:
        cold.prefetch(studies)
        first = [(cold.citation(s, "apa"), cold.citation(s, "vancouver")) for s in studies]
        assert cold.formatted == 80
    with CitationCache(cache_file(tmp_path), formatter=Refusing()) as warm:
        assert [(warm.citation(s, "apa"), warm.citation(s, "vancouver")) for s in studies] == first
        assert warm.formatted == 0
    with CitationCache(cache_file(tmp_path), formatter=Refusing()) as batch:
        batch.prefetch(studies)
        assert [(batch.citation(s, "apa"), batch.citation(s, "vancouver")) for s in studies] == first


def test_real_citations_identical_through_the_cache_and_in_parallel(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(citation_cache, "PARALLEL_MINIMUM", 2)
    studies = [invented(n, authors=["Ngata, Aroha", "Weller, Tobias", "World Meteorological Organization"])
               for n in range(3)]
    expected = [format_citation(s, style) for s in studies for style in ("apa", "vancouver")]
    with CitationCache.for_project(tmp_path) as cold:
        cold.prefetch(studies, workers=2)
        assert [cold.citation(s, style) for s in studies for style in ("apa", "vancouver")] == expected
    with CitationCache(cache_file(tmp_path), formatter=Refusing()) as warm:
        assert [warm.citation(s, style) for s in studies for style in ("apa", "vancouver")] == expected


def test_the_style_is_part_of_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    study = invented(3)
    with CitationCache.for_project(tmp_path) as cache:
        apa, vancouver = cache.citation(study, "apa"), cache.citation(study, "vancouver")
    assert apa.text != vancouver.text
    with CitationCache(cache_file(tmp_path), formatter=Refusing()) as warm:
        assert (warm.citation(study, "apa"), warm.citation(study, "vancouver")) == (apa, vancouver)
    # A changed style file (or citeproc-py version, or post-processing code) is a new fingerprint: a miss.
    monkeypatch.setattr(citation_cache, "style_fingerprint", lambda style: b"an edited " + style.encode())
    with CitationCache(cache_file(tmp_path), formatter=fake_formatter) as edited:
        assert edited.citation(study, "apa").text == f"apa: {study.title}"
        assert edited.formatted == 1


CITED_FIELDS: dict[str, Any] = {
    "title": st.text(st.characters(blacklist_categories=("Cs", "Co")), min_size=1, max_size=40).filter(str.strip),
    "authors": st.lists(st.sampled_from(["Oduya, Kemi", "Brandvold, Ingrid S", "Ngata, Aroha", "Lee"]),
                        min_size=1, max_size=3),
    "year": st.integers(min_value=1950, max_value=2030),
    "journal": st.text(st.characters(blacklist_categories=("Cs", "Co")), min_size=1, max_size=20).filter(str.strip),
    "volume": st.from_regex(r"[1-9][0-9]{0,2}", fullmatch=True),
    "issue": st.from_regex(r"[1-9][0-9]?", fullmatch=True),
    "pages": st.from_regex(r"[1-9][0-9]{0,2}-[1-9][0-9]{0,3}", fullmatch=True),
    "doi": st.from_regex(r"10\.[0-9]{4}/[a-z0-9.]{1,12}", fullmatch=True),
}


KEYS = CitationCache.disabled()  # only its key(): the style fingerprints are computed once


@settings(max_examples=40, deadline=None)
@given(field=st.sampled_from(sorted(CITED_FIELDS)), data=st.data())
def test_records_differing_in_one_cited_field_never_share_an_entry(field: str, data: st.DataObject) -> None:
    base = invented(1)
    value = data.draw(CITED_FIELDS[field])
    changes: dict[str, Any] = {field: tuple(value) if field == "authors" else value}
    other = dataclasses.replace(base, **changes)
    differs = getattr(other, field) != getattr(base, field)
    for style in ("apa", "vancouver"):
        assert (KEYS.key(_input(base), style) != KEYS.key(_input(other), style)) == differs


def _input(study: Study) -> str:
    return citation_cache.citeproc_input(study)


def test_one_changed_field_gets_its_own_reference_from_a_shared_file(tmp_path: Path) -> None:
    base = invented(5)
    variants = [base, dataclasses.replace(base, title="Ferry timetables revisited"),
                dataclasses.replace(base, volume="13"), dataclasses.replace(base, authors=("Oduya, Kemi",))]
    with CitationCache.for_project(tmp_path) as cold:
        expected = [cold.citation(s, "apa") for s in variants]
    assert len({c.text for c in expected}) == len(variants)
    with CitationCache(cache_file(tmp_path), formatter=Refusing()) as warm:
        assert [warm.citation(s, "apa") for s in variants] == expected


def test_a_field_citeproc_never_sees_shares_the_entry(tmp_path: Path) -> None:
    base = invented(6)
    with CitationCache(cache_file(tmp_path), formatter=fake_formatter) as cache:
        cache.citation(base, "apa")
        cache.citation(dataclasses.replace(base, sample_size=412), "apa")  # not in the CSL item
        assert cache.formatted == 1


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "tampered value", "foreign table"])
def test_a_damaged_cache_file_is_ignored_and_rebuilt(tmp_path: Path, damage: str) -> None:
    studies = [invented(n) for n in range(30)]
    expected = [fake_formatter(_input(s), "apa") for s in studies]
    with CitationCache(cache_file(tmp_path), formatter=fake_formatter) as cold:
        cold.prefetch(studies, styles=("apa",))
    _damage(cache_file(tmp_path), damage)
    with CitationCache(cache_file(tmp_path), formatter=fake_formatter) as after:
        assert [after.citation(s, "apa") for s in studies] == expected
    with CitationCache(cache_file(tmp_path), formatter=Refusing()) as rebuilt:
        assert [rebuilt.citation(s, "apa") for s in studies] == expected


def _damage(path: Path, how: str) -> None:
    if how == "garbage":
        path.write_bytes(b"\x00not a database\xff" * 300)
    elif how == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2 + 37])
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "tampered value":
        with sqlite3.connect(path) as db:
            db.execute("""UPDATE citation SET value = '["apa: a wrong reference", "wrong"]'""")
        db.close()
    elif how == "foreign table":
        with sqlite3.connect(path) as db:
            db.execute("DROP TABLE citation")
            db.execute("CREATE TABLE citation (name TEXT, body INTEGER)")
            db.execute("INSERT INTO citation VALUES ('x', 1)")
        db.close()
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def test_a_cache_that_cannot_be_written_still_formats(tmp_path: Path) -> None:
    blocker = tmp_path / ".cache"
    blocker.write_text("a file where the cache folder would go")
    with CitationCache(cache_file(tmp_path), formatter=fake_formatter) as cache:
        assert cache.citation(invented(2), "apa").text == f"apa: {invented(2).title}"


def test_a_disabled_cache_writes_no_file(tmp_path: Path) -> None:
    cache = CitationCache.disabled()
    cache.citation(invented(4), "vancouver")
    assert not (tmp_path / ".cache").exists()
    assert cache.formatted == 1


def _writer(path: str, offset: int) -> None:
    """One of two processes filling the same cache at once (overlapping halves)."""
    with CitationCache(Path(path), formatter=fake_formatter) as cache:
        studies = [invented(n) for n in range(offset, offset + 150)]
        for start in range(0, len(studies), 10):
            cache.prefetch(studies[start:start + 10])


def test_two_processes_writing_at_once_leave_a_sound_cache(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_writer, args=(str(cache_file(tmp_path)), offset)) for offset in (0, 75)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=30)
        assert worker.exitcode == 0
    with sqlite3.connect(cache_file(tmp_path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM citation").fetchone() == (450,)
    db.close()
    with CitationCache(cache_file(tmp_path), formatter=Refusing()) as warm:
        warm.prefetch([invented(n) for n in range(225)])


def test_the_site_model_takes_its_study_references_from_the_cache(tmp_path: Path) -> None:
    studies = [invented(n) for n in range(3)]
    text = BriefText(Markup(""), Markup(""), {})
    with CitationCache(cache_file(tmp_path), formatter=fake_formatter) as cold:
        site = build_site_model(SiteConfig(), studies, [], text, citations=cold)
        assert cold.formatted == 6
    views = {page.context["study"].id: page.context["v"] for page in site.pages if page.kind == "study"}
    assert views[studies[1].id].apa_text == f"apa: {studies[1].title}"
    with CitationCache(cache_file(tmp_path), formatter=Refusing()) as warm:
        again = build_site_model(SiteConfig(), studies, [], text, citations=warm)
    assert [p.context.get("v") for p in again.pages if p.kind == "study"] == list(views.values())
