"""Links from sources and curators become an href only when they are http(s) or DOI links."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.model.study import Study
from generator.render.env import build_environment
from generator.site.metadata import doi_link, source_link, work_jsonld
from generator.site.views import study_view

REFUSED = [" JaVaScRiPt:alert(1)", "javascript:alert(1)", "\tjavascript:alert(1)", "java\nscript:alert(1)",
           "data:text/html,<script>alert(1)</script>", "DATA:image/svg+xml;base64,PHN2Zz4=", "vbscript:msgbox(1)",
           "javascript&#58;alert(1)", "javascript&colon;alert(1)", "&#106;avascript:alert(1)",
           "&amp;#106;avascript:alert(1)", "\u202ejavascript:alert(1)", "file:///etc/passwd", "//evil.example/x",
           "http://", "https:/no-host", "ftp://files.example.org/x", "mailto:a@example.org", "", "   "]
KEPT = ["https://example.org/paper", "http://example.org/a?b=1&c=2", "HTTPS://EXAMPLE.ORG/X", " https://example.org/ "]


@pytest.mark.parametrize("url", REFUSED)
def test_other_schemes_are_refused(url: str) -> None:
    assert source_link(url) is None


@pytest.mark.parametrize("url", KEPT)
def test_web_links_are_kept(url: str) -> None:
    assert source_link(url) == url.strip()


@given(st.text(max_size=60))
def test_whatever_is_kept_is_an_http_link(text: str) -> None:
    kept = source_link(text)
    assert kept is None or kept.lower().startswith(("http://", "https://"))


def test_a_doi_link_encodes_what_would_leave_the_attribute() -> None:
    assert doi_link("10.1000/abc(1)") == "https://doi.org/10.1000/abc(1)"
    assert doi_link('10.5555/x"onmouseover="alert(1)') == "https://doi.org/10.5555/x%22onmouseover%3D%22alert(1)"
    assert doi_link("javascript:alert(1)") is None
    assert doi_link(None) is None


@pytest.mark.parametrize("url", REFUSED[:10])
def test_a_study_page_and_its_metadata_never_link_a_refused_url(url: str) -> None:
    study = Study(id="invented-study", title="An invented study", url=url)
    view = study_view(study, lambda path: path, [])
    assert view.source_url is None
    assert "url" not in work_jsonld(study)
    assert "javascript" not in view.coins.lower() and "data%3a" not in view.coins.lower()


def test_a_study_page_links_its_web_address() -> None:
    study = Study(id="invented-study", title="An invented study", url="https://example.org/paper")
    assert study_view(study, lambda path: path, []).source_url == "https://example.org/paper"


@pytest.mark.parametrize("url", REFUSED[:10] + KEPT)
def test_templates_link_only_what_is_web_link(tmp_path: Path, url: str) -> None:
    env = build_environment(tmp_path)
    html = env.from_string('{% if u is web_link %}<a href="{{ u }}">x</a>{% else %}{{ u }}{% endif %}').render(u=url)
    assert ("<a " in html) == (url in KEPT)
