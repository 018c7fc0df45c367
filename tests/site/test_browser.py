"""The built site in a real browser (Debian Chromium via Playwright), served under a sub-path.

One page of every type: loads with no console error, no failed request and nothing fetched from
anywhere but the test server; no axe-core WCAG 2.1 A/AA violation (light, and colour contrast in
dark); screenshots at 375 and 1280 px in screenshots/. Then the interactions readers rely on:
table filters (with JavaScript), facet links (without), search, the copy-citation button and the
skip link.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from pagecheck import CONTRAST, WCAG, axe_violations, format_violations

if TYPE_CHECKING:  # fixtures' types, for readers; conftest is never imported by tests
    from conftest import BuiltSite, Server

PAGE_KINDS = ("home", "study", "studies", "facet", "theme", "themes", "about", "search", "404")
WIDTHS = (375, 1280)
#: A URL no page has: the test server answers it with the site's 404.html and status 404.
MISSING_PATH = "no/such/page/"

#: The outermost elements that stick out past the viewport's right edge.
WIDEST_JS = """(width) => Array.from(document.body.querySelectorAll('*'))
  .filter(e => e.getBoundingClientRect().right > width + 1
          && !(e.parentElement && e.parentElement.getBoundingClientRect().right > width + 1))
  .slice(0, 5)
  .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
            + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/)[0] : ''))"""
ROWS_JS = """(table) => Array.from(table.querySelectorAll('tbody tr')).map(row => ({
  visible: row.checkVisibility(),
  links: Array.from(row.querySelectorAll('a[href]')).map(a => a.href),
}))"""


@dataclass
class Watch:
    """What went wrong while a page was open."""

    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    offsite_requests: list[str] = field(default_factory=list)
    expected_status: dict[str, int] = field(default_factory=dict)

    def problems(self) -> list[str]:
        return ([f"console: {e}" for e in self.console_errors] + [f"request: {r}" for r in self.failed_requests]
                + [f"off-site request (blocked): {r}" for r in self.offsite_requests])


@dataclass
class Opened:
    context: Any
    page: Any
    watch: Watch

    def assert_clean(self, what: str = "") -> None:
        problems = self.watch.problems()
        if problems:
            pytest.fail(f"{what or urlsplit(self.page.url).path}:\n" + "\n".join(problems), pytrace=False)


def _site_path(built_site: BuiltSite, server: Server, url: str) -> str | None:
    """The site path ("studies/x/") of a URL on the test server, or None for anything else."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != server.origin or not parts.path.startswith(server.mount):
        return None
    return parts.path[len(server.mount):]


def _record_failure(watch: Watch, request: Any) -> None:
    """Note a request that failed, unless we blocked it or the browser cancelled it.

    Chromium cancels what a page still has in flight (its favicon, say) when a click navigates away, and
    reports that as net::ERR_ABORTED; that says nothing about the site. A missing file still fails the
    test, as a 404 response.
    """
    if request.url in watch.offsite_requests or request.failure == "net::ERR_ABORTED":
        return
    watch.failed_requests.append(f"{request.method} {request.url}: {request.failure}")


def open_in(browser: Any, server: Server, site_path: str, *, wait_until: str = "load", expect_status: int = 200,
            **context_args: Any) -> Opened:
    """A site path in a fresh context that blocks (and records) every request off the test server."""
    context = browser.new_context(**context_args)
    watch = Watch()
    local = urlsplit(server.origin).netloc

    def route(r: Any) -> None:
        parts = urlsplit(r.request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != local:
            watch.offsite_requests.append(r.request.url)
            r.abort()
        else:
            r.continue_()

    context.route("**/*", route)
    page = context.new_page()
    url = server.url(site_path)
    watch.expected_status[url] = expect_status

    def on_console(message: Any) -> None:
        if message.type != "error":
            return
        where = (message.location or {}).get("url", "")
        if where in watch.expected_status and f"status of {watch.expected_status[where]}" in message.text:
            return  # the browser's own note about the 404 page's status
        watch.console_errors.append(f"{message.text} [{where}]")

    def on_response(response: Any) -> None:
        if response.status >= 400 and watch.expected_status.get(response.url) != response.status:
            watch.failed_requests.append(f"{response.status} {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: watch.console_errors.append(f"uncaught exception: {exc}"))
    page.on("requestfailed", lambda request: _record_failure(watch, request))
    page.on("response", on_response)
    response = page.goto(url, wait_until=wait_until)
    assert response is not None, f"no response for {url}"
    assert response.status == expect_status, f"{url}: HTTP {response.status}, expected {expect_status}"
    return Opened(context, page, watch)


@pytest.fixture
def open_page(browser: Any, server: Server) -> Iterator[Callable[..., Opened]]:
    """Open pages in fresh contexts, closed after the test."""
    opened: list[Opened] = []

    def open_(site_path: str, **options: Any) -> Opened:
        opened.append(open_in(browser, server, site_path, **options))
        return opened[-1]

    yield open_
    for item in opened:
        item.context.close()


@pytest.fixture(scope="module")
def page_of(browser: Any, server: Server, built_site: BuiltSite) -> Iterator[Callable[[str], Opened]]:
    """One open page per page type, shared by this module's checks of that type (one load each).

    Each check leaves the page fit for the next, in file order: screenshots (before the skip link
    is followed, so no :target styling shows; resizing moves no focus), the Tab check (focus still
    where the load left it), axe, and dark mode last, switched back.
    """
    cache: dict[str, Opened] = {}

    def get(kind: str) -> Opened:
        if kind not in cache:
            path, status = _path_for(built_site, kind)
            cache[kind] = open_in(browser, server, path, wait_until="networkidle", expect_status=status,
                                  viewport={"width": 1280, "height": 800})
        return cache[kind]

    yield get
    for item in cache.values():
        item.context.close()


def _path_for(built_site: BuiltSite, kind: str) -> tuple[str, int]:
    """Where to open a page of ``kind``: the 404 page through a URL that does not exist, as hosts serve it."""
    if kind == "404":
        assert "404.html" in built_site.pages, "the build made no 404.html"
        return MISSING_PATH, 404
    return built_site.page_of_kind(kind), 200


def _records(built_site: BuiltSite) -> dict[str, dict[str, Any]]:
    """The study records the site was built from, by id."""
    records = {}
    for path in sorted((built_site.project / "content" / "studies").glob("*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(record, dict) and record.get("id"):
            records[record["id"]] = record
    return records


def _study_id(built_site: BuiltSite, server: Server, url: str) -> str | None:
    path = _site_path(built_site, server, url)
    match = re.fullmatch(r"studies/([^/]+)/", path or "")
    if match and match.group(1) not in ("design", "setting", "year", "page"):
        return match.group(1)
    return None


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_loads_cleanly_and_is_screenshotted(kind: str, page_of: Callable[[str], Opened],
                                                 screenshots_dir: Path) -> None:
    opened = page_of(kind)
    page = opened.page
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        page.screenshot(path=str(screenshots_dir / f"{kind}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})
    opened.assert_clean(f"{_site_path_of(page)} ({kind})")


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_sideways_scrolling(kind: str, page_of: Callable[[str], Opened]) -> None:
    """Wide content (tables) scrolls in its own box; the page itself fits a phone's width."""
    page = page_of(kind).page
    too_wide = []
    for width in (360, *WIDTHS):  # 360 px: the narrowest phone the brief promises to fit
        page.set_viewport_size({"width": width, "height": 800})
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            culprits = page.evaluate(WIDEST_JS, width)
            too_wide.append(f"{overflow} px too wide at {width} px (outermost overflowing elements: {culprits})")
    page.set_viewport_size({"width": 1280, "height": 800})
    if too_wide:
        pytest.fail(f"{_site_path_of(page)} ({kind}) scrolls sideways: " + "; ".join(too_wide), pytrace=False)


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_tab_from_page_load_focuses_the_skip_link(kind: str, page_of: Callable[[str], Opened]) -> None:
    page = page_of(kind).page
    path = _site_path_of(page)
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => { const e = document.activeElement;
        return {tag: e.tagName, text: e.textContent.trim(), href: e.getAttribute('href') || ''}; }""")
    if focused["tag"] != "A" or not re.search(r"skip", focused["text"], re.I):
        pytest.fail(f"{path}: the first Tab focuses {focused}, not the skip link", pytrace=False)
    target = focused["href"]
    assert target.startswith("#") and len(target) > 1, f"{path}: the skip link points at {target!r}"
    assert page.locator(f"[id='{target[1:]}']").count() == 1, f"{path}: the skip link's target {target} is missing"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == target
    page.evaluate("document.activeElement && document.activeElement.blur()")


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_axe_finds_no_wcag_violations(kind: str, page_of: Callable[[str], Opened], axe_script: Path) -> None:
    page = page_of(kind).page
    violations = axe_violations(page, axe_script, WCAG)
    if violations:
        pytest.fail(f"axe-core on {_site_path_of(page)} ({kind}):\n{format_violations(violations)}", pytrace=False)


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_colour_contrast_in_dark_mode(kind: str, page_of: Callable[[str], Opened], axe_script: Path) -> None:
    page = page_of(kind).page
    page.emulate_media(color_scheme="dark")
    try:
        violations = axe_violations(page, axe_script, CONTRAST)
    finally:
        page.emulate_media(color_scheme="light")
    if violations:
        pytest.fail(f"axe-core on {_site_path_of(page)} ({kind}, dark mode):\n{format_violations(violations)}",
                    pytrace=False)


def _site_path_of(page: Any) -> str:
    return urlsplit(page.url).path


def _rows(page: Any, table: Any) -> list[dict[str, Any]]:
    return list(table.evaluate(ROWS_JS))


def _ids_of(rows: list[dict[str, Any]], built_site: BuiltSite, server: Server, *, visible_only: bool) -> set[str]:
    ids = set()
    for row in rows:
        if visible_only and not row["visible"]:
            continue
        found = [i for i in (_study_id(built_site, server, href) for href in row["links"]) if i]
        assert found, f"a study table row links to no study page: {row['links']}"
        ids.add(found[0])
    return ids


def _wait_for_rows(page: Any, table: Any, built_site: BuiltSite, server: Server, expected: set[str],
                   timeout: float = 10.0) -> set[str]:
    """The studies of the visible rows, once they are ``expected`` or ``timeout`` seconds have passed."""
    deadline = time.monotonic() + timeout
    while True:
        shown = _ids_of(_rows(page, table), built_site, server, visible_only=True)
        if shown == expected or time.monotonic() > deadline:
            return shown
        page.wait_for_timeout(50)


def test_study_list_filters_with_javascript(built_site: BuiltSite, server: Server,
                                            open_page: Callable[..., Opened]) -> None:
    opened = open_page("studies/")
    page = opened.page
    select = page.locator("select[data-filter='design']")
    if select.count() == 0:
        select = page.locator("select").filter(has=page.locator("option[value='qualitative']"))
    assert select.count() == 1, "no design filter (<select>) on /studies/ when JavaScript runs"
    select.wait_for(state="visible")
    table_id = select.evaluate("s => s.form && s.form.dataset.filterFor")
    table = page.locator(f"[id='{table_id}']") if table_id else page.locator("table").first
    everything = _ids_of(_rows(page, table), built_site, server, visible_only=True)
    records = _records(built_site)
    by_design: dict[str, set[str]] = {}
    for study_id in everything:
        by_design.setdefault(str(records[study_id].get("design")), set()).add(study_id)
    options = select.evaluate("s => Array.from(s.options).map(o => o.value)")
    choices = [v for v in options if v and 0 < len(by_design.get(v, ())) < len(everything)]
    assert choices, f"no design option would hide some rows: options {options}, designs {by_design}"
    for value in choices:
        select.select_option(value)
        expected = by_design[value]
        shown = _wait_for_rows(page, table, built_site, server, expected)
        assert shown == expected, \
            f"design {value!r} selected: rows shown {sorted(shown)}, expected {sorted(expected)}"
    select.select_option("")
    shown = _wait_for_rows(page, table, built_site, server, everything)
    assert shown == everything, f"'all designs' selected again: rows shown {sorted(shown)}"
    opened.assert_clean()


def test_facet_links_work_without_javascript(built_site: BuiltSite, server: Server,
                                             open_page: Callable[..., Opened]) -> None:
    opened = open_page("studies/", java_script_enabled=False)
    page = opened.page
    full = page.locator("table tbody tr")
    everything = set()
    for index in range(full.count()):
        hrefs = [urljoin(page.url, h or "") for h in full.nth(index).locator("a[href]").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))")]
        found = [i for i in (_study_id(built_site, server, h) for h in hrefs) if i]
        assert found, f"a row of /studies/ links to no study: {hrefs}"
        everything.add(found[0])
    assert everything, "the study table is empty without JavaScript"
    records = _records(built_site)
    facet_links = page.locator("a[href*='design/']")
    candidates = []
    for index in range(facet_links.count()):
        href = facet_links.nth(index).get_attribute("href") or ""
        match = re.search(r"design/([^/]+)/$", urljoin(page.url, href))
        if match:
            expected = {i for i in everything if records[i].get("design") == match.group(1)}
            if 0 < len(expected) < len(everything):
                candidates.append((index, match.group(1), expected))
    assert candidates, "no design facet link on /studies/ narrows the list"
    index, design, expected = candidates[0]
    facet_links.nth(index).click()
    page.wait_for_load_state("load")
    assert _site_path(built_site, server, page.url) == f"studies/design/{design}/", page.url
    rows = page.locator("table tbody tr")
    shown: set[str] = set()
    for row in range(rows.count()):
        hrefs = [urljoin(page.url, h or "") for h in rows.nth(row).locator("a[href]").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))")]
        shown.update(i for i in (_study_id(built_site, server, h) for h in hrefs[:1]) if i)
    assert shown == expected, f"/studies/design/{design}/ lists {sorted(shown)}, expected {sorted(expected)}"
    opened.assert_clean()


def _distinctive_title_word(records: dict[str, dict[str, Any]]) -> tuple[str, str]:
    """A (study id, word) where the word is in that study's title and no other study's."""
    included = {i: r for i, r in records.items() if r.get("status", "included") == "included"}
    for study_id, record in sorted(included.items()):
        for word in re.findall(r"[A-Za-z]{7,}", str(record.get("title", ""))):
            others = [r for i, r in included.items() if i != study_id
                      and word.lower() in str(r.get("title", "")).lower()]
            if not others:
                return study_id, word
    raise AssertionError("no study title has a word of its own to search for")


def test_search_finds_a_study_by_a_title_word(built_site: BuiltSite, server: Server,
                                              open_page: Callable[..., Opened]) -> None:
    assert (built_site.output / "pagefind" / "pagefind-ui.js").is_file(), "no Pagefind UI in output/pagefind/"
    study_id, word = _distinctive_title_word(_records(built_site))
    opened = open_page("search/")
    page = opened.page
    box = page.locator(".pagefind-ui__search-input, #search input[type='search'], #search input[type='text']").first
    box.wait_for(state="visible", timeout=10_000)
    box.fill(word)
    links = page.locator(".pagefind-ui__result-link")
    links.first.wait_for(timeout=10_000)
    page.wait_for_timeout(300)  # let every result of the query arrive
    hrefs = links.evaluate_all("links => links.map(a => a.href)")
    matching = [i for i, href in enumerate(hrefs) if _study_id(built_site, server, href) == study_id]
    assert matching, f"searching {word!r}: no result links to studies/{study_id}/ (results: {hrefs})"
    links.nth(matching[0]).click()
    page.wait_for_load_state("load")
    assert _site_path(built_site, server, page.url.split("#")[0]) == f"studies/{study_id}/", page.url
    opened.assert_clean()


def test_copy_button_copies_the_apa_citation(built_site: BuiltSite, server: Server,
                                             open_page: Callable[..., Opened]) -> None:
    path = built_site.page_of_kind("study")
    study_id = path.split("/")[1]
    record = _records(built_site)[study_id]
    opened = open_page(path, permissions=["clipboard-read", "clipboard-write"])
    page = opened.page
    buttons = page.get_by_role("button", name=re.compile(r"copy", re.I))
    apa_buttons = page.get_by_role("button", name=re.compile(r"copy.*\bAPA\b|\bAPA\b.*copy", re.I))
    button = apa_buttons.first if apa_buttons.count() else buttons.first
    assert buttons.count(), f"/{path}: no copy button"
    button.wait_for(state="visible")
    button.click()
    copied, deadline = "", time.monotonic() + 5
    while not copied and time.monotonic() < deadline:
        page.wait_for_timeout(50)
        copied = page.evaluate("navigator.clipboard.readText()")
    assert copied, f"{path}: clicking {button.inner_text()!r} put nothing on the clipboard"
    year = record.get("year")
    assert f"({year or 'n.d.'})" in copied, f"the copied text is not an APA citation (no '({year})'): {copied!r}"
    if record.get("doi"):
        assert f"https://doi.org/{record['doi']}" in copied, f"the copied APA citation has no DOI link: {copied!r}"
    family = str((record.get("authors") or [""])[0]).split(",")[0]
    assert family in copied, f"the copied citation lacks the first author {family!r}: {copied!r}"
    body = " ".join(page.inner_text("body").split())
    assert " ".join(copied.split()) in body, f"the copied citation is not the one shown on the page: {copied!r}"
    opened.assert_clean()


def test_evidence_link_lands_on_the_highlighted_sentence(open_page: Callable[..., Opened]) -> None:
    """Click the first evidence quote's link on a theme page: the study page opens at that sentence."""
    opened = open_page("themes/stigma/")
    page = opened.page
    link = page.locator("blockquote.evidence-quote:not(.cited-quote) footer a").first
    quote = " ".join(page.locator("blockquote.evidence-quote:not(.cited-quote) p").first.inner_text().split())
    href = link.get_attribute("href") or ""
    anchor = href.partition("#")[2]
    assert anchor, f"evidence link without an anchor: {href!r}"
    link.click()
    page.wait_for_url(f"**#{anchor}")
    target = page.locator(f"[id='{anchor}']")
    assert " ".join(target.inner_text().split()) == quote
    highlighted = target.evaluate(
        "el => el.matches(':target') && getComputedStyle(el).outlineStyle !== 'none'")
    assert highlighted, "the sentence is not highlighted on arrival"
    box = target.bounding_box()
    assert box is not None and -2 <= box["y"] < page.viewport_size["height"], "sentence not scrolled into view"


@pytest.mark.parametrize("kind", ["theme-evidence", "theme-comparison"])
def test_theme_sub_pages_are_clean_accessible_and_fit_a_phone(kind: str, browser: Any, paged_site: BuiltSite,
                                                             paged_server: Server, axe_script: Path,
                                                             screenshots_dir: Path) -> None:
    """The pages a long theme links to (built with page_size 2 and theme_quotes 1): the same checks
    as every page type above, and their pagination leads from page to page."""
    path = paged_site.page_of_kind(kind)
    opened = open_in(browser, paged_server, path, wait_until="networkidle", viewport={"width": 1280, "height": 800})
    try:
        page = opened.page
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            page.screenshot(path=str(screenshots_dir / f"{kind}-{width}.png"), full_page=True)
        page.set_viewport_size({"width": 360, "height": 800})
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways at 360 px: {page.evaluate(WIDEST_JS, 360)}"
        page.set_viewport_size({"width": 1280, "height": 800})
        violations = axe_violations(page, axe_script, WCAG)
        assert not violations, f"axe-core on {path}:\n{format_violations(violations)}"
        page.locator("nav.pagination a:not([aria-current])").first.click()
        page.wait_for_load_state("load")
        assert _site_path(paged_site, paged_server, page.url) == path + "page/2/", page.url
        assert page.locator("nav.pagination a[aria-current='page']").inner_text().strip().endswith("2")
        assert ", page 2" in page.locator("h1").inner_text()
        opened.assert_clean(f"{path} ({kind})")
    finally:
        opened.context.close()
