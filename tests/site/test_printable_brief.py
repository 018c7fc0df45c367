"""The printable brief (/brief/) of an invented brief (printable_brief.py, expected values read off its files):
every theme and every cited study, one APA reference list that citations link to, the print CSS, links
from the home and About pages; axe finds no WCAG 2.1 A/AA violation and the Nu checker no error; in print
media the navigation is hidden and each theme starts a new page."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pagecheck import axe_violations, format_violations, nu_check, served
from printable_brief import CITED, NOT_CITED, THEME_TITLES, make_printable_brief

from generator.build import build_site
from generator.site import urls
from generator.site.printable import _site_path, css_string

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_printable_brief(tmp_path_factory.mktemp("printable"))
    result = build_site(project, ingest=False, search_index=False)
    assert not [d.format() for d in result.diagnostics if d.is_error]
    return project / "output"


@pytest.fixture(scope="module")
def brief_html(site: Path) -> str:
    return (site / "brief" / "index.html").read_text(encoding="utf-8")


def _text(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def _references(markup: str) -> list[str]:
    section = markup.split('id="references"', 1)[1]
    return [_text(item) for item in re.findall(r"<li id=\"ref-[^\"]+\">(.*?)</li>", section, re.S)]


def test_every_theme_has_its_section_in_order(brief_html: str) -> None:
    headings = [_text(h) for h in re.findall(r'<h2 id="theme-[^"]+-title">(.*?)</h2>', brief_html)]
    assert headings == THEME_TITLES
    assert "Do breakfast clubs change whether and when pupils arrive at school?" in _text(brief_html)


def test_one_reference_list_holds_every_cited_study_and_no_other(brief_html: str) -> None:
    assert brief_html.count('class="reference-list"') == 1
    references = _references(brief_html)
    assert len(references) == len(CITED)
    for author, year in CITED:
        assert any(ref.startswith(author) and f"({year})" in ref for ref in references), (author, year)
    for author, _ in NOT_CITED:
        assert not any(author in ref for ref in references)
    assert references == sorted(references, key=str.casefold)  # APA: alphabetical by first author


def test_citations_link_to_the_reference_list(brief_html: str) -> None:
    anchors = set(re.findall(r'<li id="(ref-[^"]+)"', brief_html))
    cited = re.findall(r'<cite class="refs">\(<a href="#(ref-[^"]+)">', brief_html)
    assert cited and set(cited) <= anchors
    assert "ref-northfield-2022" in cited  # cited in about.md, the methods text of the brief
    assert 'href="#ref-lindqvist-2021"' in brief_html  # cited by a finding only
    assert "studies/okafor-2019/" not in brief_html.split("<main", 1)[1]


def test_cover_and_curated_text(brief_html: str) -> None:
    text = _text(brief_html)
    for expected in ("Breakfast clubs in primary schools: attendance, stigma and cost", "Invented Evidence Unit",
                     "Imogen Rowe, Teo Salas", "CC BY 4.0", "Key messages", "Where the evidence is",
                     "How the studies were found and screened", "Pupils attending a breakfast club had fewer late"):
        assert expected in text
    # The narrative's own "##" sits one level down, inside its theme's section.
    assert re.search(r"<h3>Where the evidence is thin</h3>", brief_html)
    assert '<svg class="prisma-svg"' in brief_html


def test_running_header_stylesheet_names_the_brief(site: Path, brief_html: str) -> None:
    css = (site / "brief" / "print.css").read_text(encoding="utf-8")
    assert '@top-center { content: "Breakfast clubs in primary schools: attendance, stigma and cost"' in css
    assert '<link rel="stylesheet" href="print.css" media="print">' in brief_html


def test_home_and_about_link_to_the_printable_brief(site: Path) -> None:
    for page, href in (("index.html", "brief/"), ("about/index.html", "../brief/")):
        assert f'<a href="{href}">Printable brief</a>' in (site / page).read_text(encoding="utf-8")


def test_site_print_css_has_the_brief_rules() -> None:
    css = (REPO / "templates" / "static" / "style.css").read_text(encoding="utf-8")
    section = css.split("=== Printable brief", 1)[1].split("=== end of printable brief", 1)[0]
    for rule in ("break-before: page", "break-inside: avoid", 'a[href^="http"]', "display: none"):
        assert rule in section


@pytest.mark.parametrize(("text", "expected"), [
    ('Say "no"', 'Say \\"no\\"'), ("a\\b", "a\\\\b"), ("two\nlines", "two\\a lines"), ("Café", "Café")])
def test_css_string_escapes(text: str, expected: str) -> None:
    assert css_string(text) == expected


@settings(max_examples=40, deadline=None)
@given(st.lists(st.from_regex(r"[a-z0-9-]{1,8}", fullmatch=True), min_size=1, max_size=4),
       st.lists(st.from_regex(r"[a-z0-9-]{1,8}", fullmatch=True), min_size=0, max_size=3))
def test_relative_links_resolve_back_to_their_site_path(target: list[str], page: list[str]) -> None:
    """A link written from any page resolves to the page it named, whatever the depth of either."""
    to_path = "/".join(target) + "/"
    from_path = "/".join(page) + "/" if page else ""
    assert _site_path(from_path, urls.relative(from_path, to_path) + "#x") == (to_path, "#x")


@pytest.mark.parametrize("href", ["https://example.org/", "#top", "/abs/", "mailto:a@b.c", "../../../up/"])
def test_links_that_are_not_site_pages_are_left_alone(href: str) -> None:
    assert _site_path("themes/t/", href) is None


@pytest.fixture(scope="module")
def brief_url(site: Path) -> Iterator[str]:
    with served(site) as server:
        yield server.url("brief/")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation(browser: Any, brief_url: str, axe_script: Path, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(brief_url, wait_until="load")
        assert format_violations(axe_violations(page, axe_script)) == ""
    finally:
        context.close()


def test_print_media_hides_navigation_and_breaks_before_themes(browser: Any, brief_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(brief_url, wait_until="load")
        page.emulate_media(media="print")
        assert page.locator(".site-nav").is_hidden()
        assert page.locator(".site-header").is_hidden()
        breaks = page.eval_on_selector_all(".brief-theme", "els => els.map(e => getComputedStyle(e).breakBefore)")
        assert breaks == ["page"] * len(THEME_TITLES)
        assert page.eval_on_selector(".findings-table", "e => getComputedStyle(e).breakInside") == "avoid"
        after = page.eval_on_selector('.brief-facts a[rel="license"]', "e => getComputedStyle(e, '::after').content")
        assert "creativecommons.org" in after
    finally:
        context.close()


def test_nu_checker_finds_no_error(site: Path) -> None:
    completed = nu_check(site / "brief" / "index.html", site / "index.html", site / "about" / "index.html")
    assert completed.returncode == 0, completed.stderr + completed.stdout


def test_no_sideways_scroll_on_a_phone(browser: Any, brief_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    try:
        page.goto(brief_url, wait_until="load")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375  # wide tables scroll in their frame
    finally:
        context.close()
