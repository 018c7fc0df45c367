"""Design without templates, in Chromium: site.yaml's logo, accent_colour, nav and footer on every page,
and the evidence map's captions wrapping at 375 px instead of running out of their scroll box.

The brief is the repository's, copied, with invented design settings and an invented logo.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from pagecheck import WCAG, axe_violations, format_violations, served
from test_browser import open_in

if TYPE_CHECKING:
    from conftest import Server

LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="32" viewBox="0 0 120 32">'
        '<rect width="120" height="32" fill="#2b5d34"/></svg>')
SETTINGS = {"logo": "art/brand.svg", "accent_colour": {"light": "#7a2e8c", "dark": "#f0b3ff"},
            "nav": [{"label": "Methods handbook", "url": "https://handbook.example.org/methods"},
                    {"label": "Screening log", "url": "/screening/"}],
            "footer": "Funded by the Invented Foundation <grant 42> & partners."}
#: Captions of the evidence maps (and their tables) that end right of their scroll box.
CLIPPED_JS = """() => Array.from(document.querySelectorAll('.evidence-map .table-wrap')).flatMap(wrap => {
  const box = wrap.getBoundingClientRect();
  const caption = wrap.querySelector('caption');
  const range = document.createRange();
  range.selectNodeContents(caption);
  const text = range.getBoundingClientRect();
  return text.right > box.right + 0.5 || text.left < box.left - 0.5
    ? [`${caption.id}: text ${Math.round(text.left)}-${Math.round(text.right)}, `
       + `box ${Math.round(box.left)}-${Math.round(box.right)}`]
    : [];
})"""


@pytest.fixture(scope="module")
def design_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    from conftest import copy_project

    from generator.build import build_site

    project = copy_project(tmp_path_factory.mktemp("design") / "project",
                           base_url="https://briefs.example.org/design/", settings=SETTINGS)
    (project / "art").mkdir()
    (project / "art" / "brand.svg").write_text(LOGO, encoding="utf-8")
    result = build_site(project)
    errors = [d.format() for d in result.diagnostics if d.is_error]
    assert not errors, errors
    with served(Path(result.output_dir or project / "output"), "/design/") as info:
        yield info


def test_logo_nav_footer_and_accent_on_a_page(browser: Any, design_server: Server, axe_script: Path) -> None:
    opened = open_in(browser, design_server, "studies/", viewport={"width": 1280, "height": 800})
    try:
        page = opened.page
        logo = page.locator("header .brand img")
        site_name = page.evaluate("document.querySelector('meta[property=\"og:site_name\"]').content")
        assert logo.get_attribute("alt") == site_name and site_name
        assert logo.evaluate("img => img.complete && img.naturalWidth") == 120  # the copied file loads
        extra = page.locator(".site-nav li.nav-extra a")
        assert extra.evaluate_all("links => links.map(a => [a.textContent, a.getAttribute('href')])") == [
            ["Methods handbook", "https://handbook.example.org/methods"], ["Screening log", "../screening/"]]
        assert page.locator(".footer-text").inner_text() == SETTINGS["footer"]  # escaped: shown as written
        link = page.evaluate("getComputedStyle(document.querySelector('main a')).color")
        assert link == "rgb(122, 46, 140)"
        page.emulate_media(color_scheme="dark")
        assert page.evaluate("getComputedStyle(document.querySelector('main a')).color") == "rgb(240, 179, 255)"
        violations = axe_violations(page, axe_script, WCAG)
        assert not violations, format_violations(violations)
        opened.assert_clean()
    finally:
        opened.context.close()


def test_evidence_map_captions_wrap_at_375_px(browser: Any, design_server: Server) -> None:
    opened = open_in(browser, design_server, "", viewport={"width": 375, "height": 800})
    try:
        page = opened.page
        assert page.locator(".evidence-map caption").count() >= 1, "the home page has no evidence map"
        clipped = page.evaluate(CLIPPED_JS)
        assert not clipped, clipped
        opened.assert_clean()
    finally:
        opened.context.close()
