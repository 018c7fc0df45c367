"""Theme pages over the real brief: the right studies, and every evidence quote found verbatim in place."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from generator.build import build_site

if TYPE_CHECKING:  # the fixture's type, for readers; conftest is never imported by tests
    from conftest import BuiltSite

REPO = Path(__file__).resolve().parents[2]
IDS = {"000": "klusaritz-2023-impact-stigma-clinician", "001": "primary-care-team-perspectives-approaches",
       "002": "overcoming-medication-stigma-peer-recovery", "003": "hunter-2025-challenges-solutions-implementing",
       "004": "parchman-2021-training-needs-practice"}


class _Collect(HTMLParser):
    """Text of every element with an id, and (href, text) of every evidence quote."""

    def __init__(self) -> None:
        super().__init__()
        self.by_id: dict[str, str] = {}
        self.quotes: list[tuple[str, str]] = []
        self._open: list[tuple[str, str | None, list[str]]] = []
        self._quote: list[str] | None = None
        self._quote_href: str | None = None
        self._in_quote_p = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("br", "img", "meta", "link", "input"):
            return
        self._open.append((tag, a.get("id"), []))
        if tag == "blockquote" and "evidence-quote" in (a.get("class") or "") \
                and "cited-quote" not in (a.get("class") or ""):
            self._quote, self._quote_href = [], None
        elif self._quote is not None and tag == "p":
            self._in_quote_p = True
        elif self._quote is not None and tag == "a" and self._quote_href is None:
            self._quote_href = a.get("href")

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            name, ident, parts = self._open.pop()
            if ident:
                self.by_id[ident] = "".join(parts)
            if self._open:
                self._open[-1][2].extend(parts)
            if name == tag:
                break
        if tag == "p":
            self._in_quote_p = False
        if tag == "blockquote" and self._quote is not None:
            self.quotes.append((self._quote_href or "", "".join(self._quote).strip()))
            self._quote = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1][2].append(data)
        if self._quote is not None and self._in_quote_p:
            self._quote.append(data)


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("brief")
    for name in ("seeds", "content"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy(REPO / "site.yaml", project / "site.yaml")
    result = build_site(project, search_index=False)
    assert result.ok, [d.format() for d in result.diagnostics if d.is_error]
    return project / "output"


def _parse(path: Path) -> _Collect:
    parser = _Collect()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("theme, seeds", [("stigma", "000 001 002"), ("training", "000 003 004"),
                                          ("engagement", "001")])
def test_theme_lists_the_studies_that_address_it(output: Path, theme: str, seeds: str) -> None:
    html = (output / "studies" / "theme" / theme / "index.html").read_text()
    listed = set(re.findall(r'href="\.\./\.\./([a-z0-9-]+)/"', html))
    assert listed == {IDS[s] for s in seeds.split()}


@pytest.mark.parametrize("theme", ["stigma", "training", "engagement"])
def test_every_evidence_quote_is_the_sentence_it_links_to(output: Path, theme: str) -> None:
    page = output / "themes" / theme / "index.html"
    quotes = _parse(page).quotes
    assert quotes, f"no evidence on {theme}"
    for href, text in quotes:
        target, _, anchor = href.partition("#")
        study_page = (page.parent / target / "index.html").resolve()
        found = _parse(study_page).by_id.get(anchor)
        assert found is not None, f"{href}: no element #{anchor}"
        assert " ".join(unescape(found).split()) == " ".join(unescape(text).split()), href


@pytest.mark.parametrize("theme", ["stigma", "training", "engagement"])
def test_paged_theme_keeps_every_quote_on_its_evidence_pages(output: Path, paged_site: BuiltSite,
                                                             theme: str) -> None:
    """With one quote a group (theme_quotes: 1), the evidence pages hold each sentence of the
    full theme page once, still the sentence it links to."""
    complete = Counter(text for _, text in _parse(output / "themes" / theme / "index.html").quotes)
    paged = paged_site.output / "themes" / theme
    sub_pages = sorted((paged / "evidence").rglob("index.html"))
    assert sub_pages
    found: Counter[str] = Counter()
    for page in sub_pages:
        for href, text in _parse(page).quotes:
            target, _, anchor = href.partition("#")
            assert _parse((page.parent / target / "index.html").resolve()).by_id.get(anchor) is not None, href
            found[text] += 1
    on_theme_page = _parse(paged / "index.html").quotes
    assert len(on_theme_page) <= 5  # one a role group
    for _, text in on_theme_page:  # a group that fits shows its one quote, and gets no sub-page
        found[text] += 0 if found[text] else 1
    assert found == complete


def test_study_page_marks_its_evidence_sentences(output: Path) -> None:
    html = (output / "studies" / IDS["000"] / "index.html").read_text()
    assert re.search(r'<mark class="evidence sentence" id="s4-1">OUD-related stigma was commonly reported', html)
    assert "Stigma: barrier" in html


def test_home_page_has_both_evidence_maps(output: Path) -> None:
    html = (output / "index.html").read_text()
    assert 'id="map-settings"' in html and 'id="map-roles"' in html
    assert "studies/theme/stigma/?settings=primary-care" in html


def test_findings_are_shown_as_drafts_with_their_confidence(output: Path) -> None:
    html = (output / "themes" / "stigma" / "index.html").read_text()
    assert "Draft — not yet checked by the review team" in html
    assert "confidence-very-low" in html
