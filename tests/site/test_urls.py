"""URLs: stable, and links that work from any page at any sub-path."""

from __future__ import annotations

import posixpath

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from generator.site import urls
from generator.site.urls import _relpath


@pytest.mark.parametrize("source, target, expected", [
    ("", "studies/", "studies/"),
    ("", "", "./"),
    ("studies/x/", "assets/style.css", "../../assets/style.css"),
    ("studies/x/", "", "../../"),
    ("studies/x/", "studies/", "../"),
    ("studies/", "studies/x/", "x/"),
    ("studies/design/qualitative/", "studies/y/cite.ris", "../../y/cite.ris"),
    ("about/", "about/", "./"),
])
def test_relative_links(source: str, target: str, expected: str) -> None:
    assert urls.relative(source, target) == expected


@pytest.mark.parametrize("source", ["", "studies/", "studies/a/", "studies/page/2/", "studies/year/2020/",
                                    "themes/t/evidence/barrier/", "themes/t/evidence/cited/page/3/",
                                    "themes/t/comparison/page/2/"])
@pytest.mark.parametrize("target", ["", "studies/", "studies/b/", "data/studies.csv", "assets/site.js", "themes/t/",
                                    "themes/t/evidence/barrier/page/2/"])
def test_relative_link_resolves_to_the_target(source: str, target: str) -> None:
    base = "/sub/path/"
    page_dir = posixpath.dirname(base + urls.output_file(source))
    resolved = posixpath.normpath(posixpath.join(page_dir, urls.relative(source, target)))
    assert resolved == posixpath.normpath(base + target)


def test_404_links_are_rooted_at_the_base_path() -> None:
    assert urls.rooted("/briefs/moud/", "assets/style.css") == "/briefs/moud/assets/style.css"
    assert urls.rooted("/", "") == "/"


def test_study_urls_are_stable() -> None:
    assert urls.study("klusaritz-2023-x") == "studies/klusaritz-2023-x/"
    assert urls.study_download("a", "ris") == "studies/a/cite.ris"
    assert urls.facet("setting", "primary-care") == "studies/setting/primary-care/"


def test_theme_sub_page_urls_are_stable() -> None:
    assert urls.theme_evidence("stigma", "barrier") == "themes/stigma/evidence/barrier/"
    assert urls.theme_evidence("stigma", "cited", 2) == "themes/stigma/evidence/cited/page/2/"
    assert urls.theme_comparison("stigma") == "themes/stigma/comparison/"
    assert urls.theme_comparison("stigma", 3) == "themes/stigma/comparison/page/3/"


_PART = st.sampled_from(["studies", "themes", "a", "b", "page", "2", "index.html", "feed.xml", ".", "..", ""])


@given(st.lists(_PART, max_size=5).map("/".join), st.lists(_PART, max_size=5).map("/".join))
def test_links_are_what_posixpath_gives(path: str, start: str) -> None:
    """The string-splitting shortcut agrees with the standard library on every path, clean or not."""
    assume(path)  # relpath refuses an empty path; a site file always has a name
    assert _relpath(path, start) == posixpath.relpath(path, start or ".")
