"""The home page's charts in Chromium: for the repository's brief and for an invented brief whose
studies span 30 years (with gaps, studies without a year or a design). No axe violation (light, and
contrast in dark), valid HTML, no chart text overlapping another or leaving its chart at 375 and
1280 px, bars that link to their facet pages. Screenshots of the charts go to screenshots/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from pagecheck import CONTRAST, WCAG, axe_violations, format_violations, nu_check, served
from test_browser import open_in

if TYPE_CHECKING:  # fixtures' types, for readers; conftest is never imported by tests
    from conftest import BuiltSite, Server

WIDTHS = (375, 1280)
#: Invented studies: (year, design), 1995-2024 with gaps; None where the record states nothing.
YEARS = [1995, 1995, 1996, 1999, 2003, 2003, 2003, 2008, 2012, 2015, 2016, 2016, 2019, 2020, 2021, 2021, 2021,
         2021, 2022, 2023, 2024, 2024, None, None]
DESIGNS = ["qualitative", "trial", "review", None, "mixed-methods", "qualitative", "quantitative"]

#: Text of the charts that overlaps other chart text or bars, or sticks out of its chart.
OVERLAPS_JS = """() => {
  const problems = [];
  const near = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5
                         && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  for (const svg of document.querySelectorAll('svg.chart')) {
    const frame = svg.getBoundingClientRect();
    const texts = Array.from(svg.querySelectorAll('text')).map(t => [t.textContent, t.getBoundingClientRect()]);
    const bars = Array.from(svg.querySelectorAll('rect')).map(r => r.getBoundingClientRect());
    texts.forEach(([text, box], i) => {
      if (box.left < frame.left - 1 || box.right > frame.right + 1
          || box.top < frame.top - 1 || box.bottom > frame.bottom + 1)
        problems.push(`${svg.id || svg.getAttribute('aria-labelledby')}: "${text}" leaves the chart`);
      texts.slice(i + 1).forEach(([other, b]) => { if (near(box, b)) problems.push(`"${text}" overlaps "${other}"`); });
      bars.forEach(b => { if (near(box, b)) problems.push(`"${text}" overlaps a bar`); });
    });
  }
  return problems;
}"""


def _record(index: int, year: int | None, design: str | None) -> dict[str, Any]:
    return {"id": f"invented-{index:02d}", "status": "included",
            "title": f"An invented study of clinic routines {index}", "authors": ["Example, Ann"], "year": year,
            "design": design, "journal": None, "doi": None,
            "abstract": [], "keywords": [], "sample_size": None, "participants": None, "settings": [],
            "setting_detail": None, "missing": [], "other_sources": [], "keep_without_source": True,
            "source": {"file": "seeds/invented.ris", "record": index + 1, "line": 1, "sha256": "0" * 64,
                       "format": "ris", "stripped": []}}


@pytest.fixture(scope="module")
def many_years_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    from generator.build import build_site

    project = tmp_path_factory.mktemp("charts") / "project"
    (project / "content" / "studies").mkdir(parents=True)
    (project / "site.yaml").write_text("title: Invented brief on clinic routines\n"
                                       "base_url: https://briefs.example.org/routines/\n", encoding="utf-8")
    for index, year in enumerate(YEARS):
        record = _record(index, year, DESIGNS[index % len(DESIGNS)])
        (project / "content" / "studies" / f"{record['id']}.yaml").write_text(yaml.safe_dump(record), encoding="utf-8")
    result = build_site(project)
    errors = [d.format() for d in result.diagnostics if d.is_error]
    assert not errors, errors
    with served(Path(result.output_dir or project / "output"), "/routines/") as info:
        yield info


def _home(browser: Any, server: Server) -> Any:
    return open_in(browser, server, "", viewport={"width": 1280, "height": 800})


def _check_home(browser: Any, server: Server, axe_script: Path, screenshots: Path, name: str) -> None:
    opened = _home(browser, server)
    try:
        page = opened.page
        assert page.locator("svg.chart[role='group']").count() == 2, "the home page has no year and design charts"
        problems = []
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            problems += [f"{width} px: {p}" for p in page.evaluate(OVERLAPS_JS)]
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                problems.append(f"{width} px: the page scrolls sideways by {overflow} px")
            page.locator("section.charts").screenshot(path=str(screenshots / f"{name}-{width}.png"))
        assert not problems, "\n".join(problems)
        violations = axe_violations(page, axe_script, WCAG)
        assert not violations, format_violations(violations)
        page.emulate_media(color_scheme="dark")
        dark = axe_violations(page, axe_script, CONTRAST)
        assert not dark, format_violations(dark)
        opened.assert_clean()
    finally:
        opened.context.close()


def test_charts_of_this_brief(browser: Any, server: Server, axe_script: Path, screenshots_dir: Path) -> None:
    _check_home(browser, server, axe_script, screenshots_dir, "charts")


def test_charts_of_a_brief_spanning_thirty_years(browser: Any, many_years_server: Server, axe_script: Path,
                                                 screenshots_dir: Path) -> None:
    _check_home(browser, many_years_server, axe_script, screenshots_dir, "charts-30-years")


def test_a_bar_opens_its_facet_page(browser: Any, many_years_server: Server) -> None:
    opened = _home(browser, many_years_server)
    try:
        page = opened.page
        bar = page.locator("svg.chart a[href*='year/2021/'] rect")
        assert bar.count() == 1
        bar.click()
        page.wait_for_load_state("load")
        assert page.url.endswith("/routines/studies/year/2021/"), page.url
        assert page.locator("table tbody tr").count() == 4  # four invented studies from 2021
        opened.assert_clean()
    finally:
        opened.context.close()


def test_home_page_with_charts_is_valid_html(built_site: BuiltSite, many_years_server: Server) -> None:
    import urllib.request

    with urllib.request.urlopen(many_years_server.root) as response:  # noqa: S310 (our test server)
        many = response.read()
    target = built_site.output.parent / "charts-30-years.html"
    target.write_bytes(many)
    completed = nu_check(built_site.output / "index.html", target)
    assert completed.returncode == 0, completed.stderr + completed.stdout
