"""/studies/design/, /studies/setting/, /studies/year/ (and /studies/theme/) list their terms with counts.

A reader who trims /studies/year/2021/ to /studies/year/ used to get a 404. Invented studies only.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import Markup

from generator.config import SiteConfig
from generator.model.study import Study
from generator.pipeline import render_site_page
from generator.render.env import build_environment
from generator.site import urls
from generator.site.model import BriefText, Page, build_site_model

STUDIES = [
    Study(id="a-2021", title="Cycling lanes and commuting", year=2021, design="cross-sectional",
          settings=("community",)),
    Study(id="b-2021", title="School streets and asthma", year=2021, design="cohort"),
    Study(id="c-2019", title="Bus fares and clinic visits", year=2019, design="cross-sectional",
          settings=("community", "primary-care")),
    Study(id="d-undated", title="Traffic calming: a case report"),
]
CONFIG = SiteConfig(base_url="https://example.org/b/")


@pytest.fixture(scope="module")
def pages() -> dict[str, Page]:
    model = build_site_model(CONFIG, STUDIES, [], BriefText(Markup(""), Markup(""), {}))
    return {page.path: page for page in model.pages}


def test_every_facet_folder_has_a_page(pages: dict[str, Page]) -> None:
    for path in ("studies/design/", "studies/setting/", "studies/year/", "studies/theme/"):
        assert path in pages and pages[path].template == "facet_index.html"
    assert urls.facet_index("year") == "studies/year/"


def test_terms_counts_and_links(pages: dict[str, Page]) -> None:
    years = pages["studies/year/"].context
    assert years["terms"] == [("2021", "2021/", 2), ("2019", "2019/", 1)]
    assert years["unstated"] == 1  # d-undated states no year: counted, never given one
    designs = pages["studies/design/"].context
    assert [(href, count) for _, href, count in designs["terms"]] == [("cohort/", 1), ("cross-sectional/", 2)]
    settings = pages["studies/setting/"].context
    assert [(href, count) for _, href, count in settings["terms"]] == [("community/", 2), ("primary-care/", 1)]
    assert settings["unstated"] == 2


def test_rendered_index_links_each_term(tmp_path: Path, pages: dict[str, Page]) -> None:
    html = render_site_page(build_environment(tmp_path), pages["studies/year/"], CONFIG, "2024-01-01")
    assert "<h1>Studies by year</h1>" in html
    assert '<a href="2021/">2021</a> <span class="count">(2 studies)</span>' in html
    assert '<a href="2019/">2019</a> <span class="count">(1 study)</span>' in html
    assert "Year not reported in the source: 1 study." in html
    assert '<a href="../">All studies</a>' in html
