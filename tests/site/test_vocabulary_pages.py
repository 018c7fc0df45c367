"""A brief on another topic shows its own settings and labels on its pages and its evidence map.

Invented brief on school nutrition; every count below is worked out by hand from STUDIES and MATCHES.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from markupsafe import Markup

from generator.config import SiteConfig
from generator.model.study import Study
from generator.model.vocabulary import Setting, Vocabulary
from generator.pipeline import render_site_page
from generator.render.env import build_environment
from generator.site.model import UNPLACED_LABEL, BriefText, Page, build_site_model
from generator.synthesis.matching import Evidence, ThemeMatch
from generator.synthesis.themes import Theme

SCHOOL = Vocabulary(
    settings=(Setting("primary-school", "Primary school", words=("primary school",)),
              Setting("secondary-school", "Secondary school", words=("secondary school",)),
              Setting("community", "Community", words=("community centre",))),
    designs=(("qualitative", "Interviews and focus groups"), ("quantitative", "Quantitative"),
             ("mixed-methods", "Mixed methods"), ("trial", "Controlled trial"), ("review", "Review"),
             ("other", "Other")),
    roles=(("barrier", "Obstacles for schools"), ("facilitator", "What helped"), ("strategy", "Strategies"),
           ("outcome", "Effects on children")),
)
CONFIG = SiteConfig(title="School meals brief", base_url="https://example.org/meals/", vocabulary=SCHOOL)

STUDIES = [
    Study(id="salad-bars-2022", title="Salad bars in primary schools", year=2022, design="trial",
          settings=("primary-school",)),
    Study(id="tuck-shops-2021", title="Tuck shops near secondary schools", year=2021, design="qualitative",
          settings=("secondary-school", "community")),
    Study(id="lunch-boxes-2020", title="What parents pack in lunch boxes", year=2020, design="quantitative"),
    Study(id="fruit-vouchers-2019", title="Fruit vouchers for families", year=2019, design="quantitative",
          settings=("primary-school",)),
    Study(id="cooking-clubs-2018", title="After-school cooking clubs", year=2018, design="mixed-methods",
          settings=("other",)),
]
THEMES = [
    Theme("uptake", "Uptake of healthy food", "What changes what children choose?", "Choices at lunch.", 1, "",
          "content/themes/uptake.md"),
    Theme("cost", "Cost to families", "What does healthy eating cost families?", "Money spent.", 2, "",
          "content/themes/cost.md"),
]


def _match(theme: str, study: str, role: str | None) -> ThemeMatch:
    evidence = (Evidence("s1-1", "Results", "results", "An invented sentence.", role, ("x",)),)
    return ThemeMatch(theme, study, True, False, "invented", evidence, ())


MATCHES = {
    "uptake": [_match("uptake", "salad-bars-2022", "barrier"), _match("uptake", "tuck-shops-2021", "facilitator"),
               _match("uptake", "lunch-boxes-2020", None)],
    "cost": [_match("cost", "lunch-boxes-2020", "outcome"), _match("cost", "fruit-vouchers-2019", "outcome"),
             _match("cost", "cooking-clubs-2018", None)],
}
TEXT = BriefText(Markup(""), Markup(""), {})


@pytest.fixture(scope="module")
def pages() -> dict[str, Page]:
    model = build_site_model(CONFIG, STUDIES, THEMES, TEXT, MATCHES)
    return {page.path: page for page in model.pages}


def _cells(rows: list) -> dict[str, dict[str, int]]:  # type: ignore[type-arg]
    return {title: {label: count for label, count, _ in cells} for title, _, cells in rows}


def test_the_map_has_the_brief_s_settings_and_an_other_column(pages: dict[str, Page]) -> None:
    rows = pages[""].context["map_rows"]
    assert [label for label, _, _ in rows[0][2]] == ["Primary school", "Secondary school", "Community", UNPLACED_LABEL]
    assert _cells(rows) == {
        # salad bars: primary; tuck shops: secondary and community; lunch boxes: no setting.
        "Uptake of healthy food": {"Primary school": 1, "Secondary school": 1, "Community": 1, UNPLACED_LABEL: 1},
        # lunch boxes: none; fruit vouchers: primary; cooking clubs: "other" only.
        "Cost to families": {"Primary school": 1, "Secondary school": 0, "Community": 0, UNPLACED_LABEL: 2},
    }
    hrefs = [href for _, _, href in rows[0][2]]
    assert hrefs[0] == "studies/theme/uptake/?settings=primary-school"
    assert hrefs[-1] == ""  # no filter lists exactly the unplaced studies


def test_no_theme_with_studies_shows_all_zeros() -> None:
    """Studies that state no setting at all still show on the map (the issue: '0 0 0 0' beside '2 studies')."""
    studies = [*STUDIES, Study(id="no-setting-2017", title="Water jugs on tables", year=2017)]
    themes = [*THEMES, Theme("water", "Drinking water", "Q?", "D.", 3, "", "content/themes/water.md")]
    matches = {**MATCHES, "water": [_match("water", "no-setting-2017", None)]}
    model = build_site_model(CONFIG, studies, themes, TEXT, matches)
    rows = next(p for p in model.pages if p.path == "").context["map_rows"]
    for title, _, cells in rows:
        assert sum(count for _, count, _ in cells) >= 1, title
    assert _cells(rows)["Drinking water"][UNPLACED_LABEL] == 1


def test_every_study_placed_means_no_other_column() -> None:
    placed = [s for s in STUDIES if s.settings and s.settings != ("other",)]
    matches = {"uptake": [m for m in MATCHES["uptake"] if m.study_id in {s.id for s in placed}]}
    model = build_site_model(CONFIG, placed, THEMES[:1], TEXT, matches)
    rows = next(p for p in model.pages if p.path == "").context["map_rows"]
    assert [label for label, _, _ in rows[0][2]] == ["Primary school", "Secondary school", "Community"]


def test_the_role_map_uses_the_brief_s_labels(pages: dict[str, Page]) -> None:
    rows = pages[""].context["role_rows"]
    # lunch boxes (uptake) and cooking clubs (cost) have evidence in no role: "Other evidence", never all zeros.
    assert _cells(rows)["Uptake of healthy food"] == {"Obstacles for schools": 1, "What helped": 1, "Strategies": 0,
                                                      "Effects on children": 0, "Other evidence": 1}
    assert _cells(rows)["Cost to families"] == {"Obstacles for schools": 0, "What helped": 0, "Strategies": 0,
                                                "Effects on children": 2, "Other evidence": 1}


def test_facets_and_filters_use_the_brief_s_labels(pages: dict[str, Page]) -> None:
    filters = pages["studies/"].context["filters"]
    assert [(label, count) for label, _, count, _ in filters.settings] == [
        ("Community", 1), ("Other", 1), ("Primary school", 2), ("Secondary school", 1)]
    assert ("Controlled trial", 1) in [(label, count) for label, _, count, _ in filters.designs]
    assert pages["studies/setting/primary-school/"].title == "Studies — setting: Primary school"
    assert pages["studies/design/qualitative/"].title == "Studies — design: Interviews and focus groups"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def test_rendered_pages_show_the_labels(tmp_path: Path, pages: dict[str, Page]) -> None:
    env = build_environment(tmp_path)
    home = render_site_page(env, pages[""], CONFIG, "2024-01-01")
    assert '<th scope="col">Secondary school</th>' in home
    assert f'<th scope="col">{UNPLACED_LABEL}</th>' in home
    study = _text(render_site_page(env, pages["studies/tuck-shops-2021/"], CONFIG, "2024-01-01"))
    assert "Secondary school, Community" in study
    assert "Interviews and focus groups" in study
    theme = _text(render_site_page(env, pages["themes/uptake/"], CONFIG, "2024-01-01"))
    assert "Controlled trial" in theme  # the comparison table's design column
    assert "Obstacles for schools" in theme  # the evidence group's heading
    listing = render_site_page(env, pages["studies/"], CONFIG, "2024-01-01")
    assert "Primary school" in listing and "primary-care" not in listing.lower().replace("primary-school", "")


def test_the_default_brief_is_unchanged() -> None:
    studies = [Study(id="a-2020", title="A", year=2020, settings=("primary-care", "telehealth")),
               Study(id="b-2021", title="B", year=2021, settings=("hospital",))]
    theme = Theme("t", "Access", "Q?", "D.", 1, "", "content/themes/t.md")
    model = build_site_model(SiteConfig(base_url="https://example.org/"), studies, [theme], TEXT,
                             {"t": [_match("t", "a-2020", "barrier"), _match("t", "b-2021", "barrier")]})
    home = next(p for p in model.pages if p.path == "").context
    assert _cells(home["map_rows"]) == {"Access": {"Primary care": 1, "Hospital": 1, "Telehealth": 1}}
    assert _cells(home["role_rows"]) == {"Access": {"Barriers": 2, "Facilitators": 0, "Strategies": 0, "Outcomes": 0}}
