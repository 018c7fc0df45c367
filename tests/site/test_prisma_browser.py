"""The PRISMA diagram and screening log in Chromium: no text outside its box at 375 and 1280 px, axe
finds no WCAG 2.1 A/AA violation, the Nu checker finds no error, the reason filter works; screenshots
of both pages at both widths go to screenshots/ for the lead's note."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from pagecheck import axe_violations, format_violations, nu_check, served
from prisma_brief import make_brief

from generator.build import build_site

if TYPE_CHECKING:
    from conftest import Server

WIDTHS = (375, 1280)

#: Every text of the diagram whose box (the rect in its group) does not contain it, with both rectangles.
OVERFLOW_JS = """() => Array.from(document.querySelectorAll('svg.prisma-svg g.prisma-group')).flatMap(g => {
  const box = g.querySelector('rect').getBoundingClientRect();
  const text = g.querySelector('text').getBoundingClientRect();
  const inside = text.left >= box.left - 0.5 && text.right <= box.right + 0.5
                 && text.top >= box.top - 0.5 && text.bottom <= box.bottom + 0.5;
  return inside ? [] : [[g.textContent, [box.left, box.top, box.right, box.bottom],
                         [text.left, text.top, text.right, text.bottom]]];
})"""


@pytest.fixture(scope="module")
def own_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_brief(tmp_path_factory.mktemp("prisma-browser"))
    result = build_site(project, ingest=False, search_index=False)
    assert not [d for d in result.diagnostics if d.is_error]
    return project / "output"


@pytest.fixture(scope="module")
def own_url(own_site: Path) -> Iterator[str]:
    with served(own_site) as server:
        yield server.root


def _open(browser: Any, url: str, width: int) -> tuple[Any, Any]:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(url, wait_until="load")
    return context, page


def _pages(own_url: str, server: Server) -> dict[str, str]:
    return {"this brief": server.url("about/"), "invented brief": own_url + "about/"}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("which", ["this brief", "invented brief"])
def test_no_text_leaves_its_box(browser: Any, server: Server, own_url: str, which: str, width: int) -> None:
    context, page = _open(browser, _pages(own_url, server)[which], width)
    try:
        assert page.locator("svg.prisma-svg g.prisma-group").count() >= 9
        assert page.evaluate(OVERFLOW_JS) == []
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width  # only the figure scrolls
        scroller = page.locator(".prisma-scroll")
        assert scroller.get_attribute("tabindex") == "0" and scroller.get_attribute("aria-label")
    finally:
        context.close()


def _axe(page: Any, axe_script: Path) -> str:
    return format_violations(axe_violations(page, axe_script))


@pytest.mark.parametrize("path", ["about/", "screening/"])
def test_axe_finds_no_violation(browser: Any, own_url: str, axe_script: Path, path: str) -> None:
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        try:
            page.goto(own_url + path, wait_until="load")
            assert _axe(page, axe_script) == "", f"{path} ({scheme})"
        finally:
            context.close()


def test_axe_on_this_briefs_about_page(browser: Any, server: Server, axe_script: Path) -> None:
    context, page = _open(browser, server.url("about/"), 375)
    try:
        assert _axe(page, axe_script) == ""
    finally:
        context.close()


def test_nu_checker_finds_no_error(own_site: Path) -> None:
    completed = nu_check(own_site / "about" / "index.html", own_site / "screening" / "index.html")
    assert completed.returncode == 0, completed.stderr + completed.stdout


def test_reason_filter_shows_one_reason(browser: Any, own_url: str) -> None:
    context, page = _open(browser, own_url + "screening/", 1280)
    try:
        page.select_option("#screening-reason", label="Wrong study design (2)")
        visible = page.evaluate("() => Array.from(document.querySelectorAll('[data-reason]'))"
                                ".filter(g => !g.hidden).map(g => g.querySelector('h2').textContent)")
        assert [" ".join(v.split()) for v in visible] == ["Wrong study design (2)"]
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_screenshots(browser: Any, server: Server, own_url: str, screenshots_dir: Path, width: int) -> None:
    shots = {"prisma": (server.url("about/"), ".prisma"), "prisma-exclusions": (own_url + "about/", ".prisma"),
             "screening": (own_url + "screening/", "main")}
    for name, (url, selector) in shots.items():
        context, page = _open(browser, url, width)
        try:
            page.locator(selector).screenshot(path=str(screenshots_dir / f"{name}-{width}.png"))
        finally:
            context.close()
