"""The downloads as the build writes them: assembled from per-study parts (memoised for the live
preview), yet byte for byte what the whole-set renderers write."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.config import SiteConfig
from generator.model.study import Section, Study, study_from_record
from generator.site import urls
from generator.site.exports import render_bibtex, render_csl_json, render_json, render_ris, showable_study
from generator.site.files import generated_files, join_json_items

STUDIES = Path(__file__).resolve().parents[2] / "content" / "studies"
CONFIG = SiteConfig(base_url="https://brief.example.org/moud/")
# Line and paragraph separators, quotes, braces, non-Latin text: what breaks naive joining.
TEXT = st.text(alphabet=st.sampled_from(list("ab Z\n\r\t\"'{}\\,[]") + ["\u2028", "\u2029", "\x85", "é", "汉"]),
               max_size=30)


def _seed_studies() -> list[Study]:
    return [study_from_record(yaml.safe_load(p.read_text(encoding="utf-8"))) for p in sorted(STUDIES.glob("*.yaml"))]


def _page_url(study: Study) -> str:
    return CONFIG.absolute(urls.study(study.id))


def _assert_same_as_whole_set_renderers(studies: list[Study]) -> None:
    ordered = sorted((showable_study(s) for s in studies), key=lambda s: s.id)  # controls go (test_exports_sanitised)
    files = generated_files(CONFIG, studies, [], "2026-11-25")
    assert files[urls.DATA_JSON] == render_json(ordered, _page_url)
    assert files[urls.DATA_RIS] == render_ris(ordered)
    assert files[urls.DATA_BIB] == render_bibtex(ordered)
    for study in ordered:
        assert files[urls.study_download(study.id, "ris")] == render_ris([study])
        assert files[urls.study_download(study.id, "csl-json")] == render_csl_json([study])


def test_the_seed_downloads_are_what_the_whole_set_renderers_write() -> None:
    studies = _seed_studies()
    assert len(studies) == 5
    _assert_same_as_whole_set_renderers(studies)
    _assert_same_as_whole_set_renderers(studies[:1])
    _assert_same_as_whole_set_renderers([])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(TEXT, TEXT, st.lists(TEXT, max_size=2)), max_size=4))
def test_any_text_assembles_to_the_same_bytes(items: list[tuple[str, str, list[str]]]) -> None:
    studies = [Study(f"s{number}", title or "untitled", authors=tuple(authors),
                     abstract=(Section(None, abstract),) if abstract else ())
               for number, (title, abstract, authors) in enumerate(items)]
    _assert_same_as_whole_set_renderers(studies)


def test_an_empty_set_is_an_empty_array() -> None:
    assert join_json_items([]) == render_json([], _page_url) == "[]\n"
