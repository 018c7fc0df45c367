"""A brief built from hostile sources (tests/site/hostile/): every payload shows as text, none runs.

The corpus carries script, event handlers, javascript:/data: URLs, SVG, ``</script>`` in JSON,
``</style>``, Jinja syntax, bidi controls and NUL bytes in every field of RIS, BibTeX, MEDLINE,
CSL-JSON, a copied page, a hand-written record, curated Markdown, a theme file and site.yaml. The
built HTML is checked statically, then every page is opened in Chromium.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from generator.build import build_site
from generator.ingest.pipeline import ingest_project

HOSTILE = Path(__file__).resolve().parent / "hostile"
OUR_SCRIPTS = re.compile(r"(\.\./)*(assets/site\.js|pagefind/pagefind-ui\.js)$")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcset", "poster", "xlink:href"}
FOREIGN_TAGS = {"iframe", "object", "embed", "foreignobject", "img", "style", "base", "math", "frame", "applet"}
UNSHOWABLE = re.compile("[\x00\u202a-\u202e\u2066-\u2069]")
#: Payload text that, on the pages named, must be shown to the reader exactly as written.
LITERAL_ON_PAGE = {
    "": ["<script>alert('index-script')</script>", "<img src=x onerror=\"alert('index-img')\">", "{{ 7*7 }}"],
    "studies/curated-hostile-record/": [
        "Curated title <img src=x onerror=\"alert('rec-title');window.pwned='rec-title'\"> on supervision {{ 7*7 }}",
        "Marchetti<script>alert('rec-author')</script>, Livia",
        "Curated Journal </style><script>alert('rec-journal')</script>",
        "<svg onload=alert('rec-kw')>", "A citing paper said <script>alert('rec-citation')</script> supervision helps",
        "Supervision helps </script><!--<script>alert('rec-conclusion')</script>.", "More {{ 7*7 }}.",
        "Islands {% include 'base.html' %} </script><script>alert('rec-setting')</script>"],
    "studies/page-title-img-src-x/": [
        "Page title <img src=x onerror=\"alert('page-title')\"> on telehealth for remote islands {{ 7*7 }}",
        "Telehealth on islands <script>alert('page-citation')</script> reduced travel"],
    "themes/hostile/": ["Remote care <script>alert('theme-title')</script> {{ 7*7 }}",
                        "{% if 1 %}TEMPLATE-RAN{% endif %}"],
}


@dataclass(frozen=True)
class HostileSite:
    project: Path
    output: Path
    pages: list[str]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> HostileSite:
    """The corpus ingested, its held records approved as a curator would, and built with search."""
    project = tmp_path_factory.mktemp("hostile") / "project"
    shutil.copytree(HOSTILE, project, ignore=shutil.ignore_patterns("README.md"))
    ingest_project(project)
    for record in (project / "content" / "studies").glob("*.yaml"):
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace("\nstatus: needs-review\n", "\nstatus: included\n"), encoding="utf-8")
    result = build_site(project, keep_going=True)  # the binary seed is an error by design: publish the rest
    errors = [d.format() for d in result.diagnostics if d.is_error]
    assert all("hostile-nul.ris" in e and "binary" in e for e in errors), errors
    published = [p for p in result.pages if p.startswith("studies/") and p.count("/") == 2
                 and p.split("/")[1] not in ("design", "setting", "year", "page", "theme")]
    assert len(published) == 7, published  # 6 read from the five source formats + the hand-written record
    return HostileSite(project, Path(result.output_dir or project / "output"), list(result.pages))


class _Audit(HTMLParser):
    """Everything in a page that could run: inline scripts, handlers, foreign elements, non-web URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.csp: list[str] = []
        self.jsonld: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in URL_ATTRIBUTES and value and not _is_our_kind_of_url(value):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in FOREIGN_TAGS:
            self.problems.append(f"<{tag}> element")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp.append(values.get("content") or "")
        if tag == "script":
            if values.get("type") == "application/ld+json":
                self._in_jsonld = True
            elif not OUR_SCRIPTS.search(values.get("src") or ""):
                self.problems.append(f"script not ours: {values}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_jsonld = False

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld.append(data)


def _is_our_kind_of_url(value: str) -> bool:
    """Relative links of the site, fragments, http(s) and mailto; nothing a browser would run."""
    seen = re.sub(r"[\x00-\x20]", "", value).lower()
    scheme = re.match(r"([a-z][a-z0-9+.-]*):", seen)
    return scheme is None or scheme.group(1) in ("http", "https", "mailto")


def _html_files(site: HostileSite) -> list[Path]:
    return sorted(site.output.rglob("*.html"))


def test_no_page_carries_script_handlers_or_unsafe_links(hostile_site: HostileSite) -> None:
    found = {}
    for path in _html_files(hostile_site):
        audit = _Audit()
        audit.feed(path.read_text(encoding="utf-8"))
        if audit.problems:
            found[str(path.relative_to(hostile_site.output))] = audit.problems[:5]
    assert not found, found


def test_every_page_has_a_strict_content_security_policy(hostile_site: HostileSite) -> None:
    for path in _html_files(hostile_site):
        audit = _Audit()
        audit.feed(path.read_text(encoding="utf-8"))
        assert len(audit.csp) == 1, path
        rules = {part.split()[0]: part.split()[1:] for part in audit.csp[0].split(";") if part.strip()}
        assert rules["default-src"] == ["'self'"] and rules["object-src"] == ["'none'"]
        assert rules["base-uri"] == ["'self'"] and rules["form-action"] == ["'self'"]
        assert set(rules["script-src"]) <= {"'self'", "'wasm-unsafe-eval'"}, rules["script-src"]
        assert all("unsafe-inline" not in v and "*" not in v for values in rules.values() for v in values)


def test_json_ld_cannot_end_its_script_and_is_still_json(hostile_site: HostileSite) -> None:
    blocks = 0
    for path in _html_files(hostile_site):
        audit = _Audit()
        audit.feed(path.read_text(encoding="utf-8"))
        for block in audit.jsonld:
            assert "</" not in block and "<!--" not in block, path
            json.loads(block)
            blocks += 1
    assert blocks >= 8


def test_no_page_carries_nul_or_bidi_controls(hostile_site: HostileSite) -> None:
    for path in _html_files(hostile_site):
        assert not UNSHOWABLE.search(path.read_text(encoding="utf-8")), path


def test_the_licence_url_of_site_yaml_is_not_a_link(hostile_site: HostileSite) -> None:
    html = (hostile_site.output / "index.html").read_text(encoding="utf-8")
    assert "site-licence-url" not in html  # neither a link in the footer nor the JSON-LD licence


# ---- in a real browser -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile_server(hostile_site: HostileSite) -> Iterator[Any]:
    from pagecheck import served  # the static test server the other browser tests use

    with served(hostile_site.output, "/brief/") as info:
        yield info


@dataclass
class _Seen:
    dialogs: list[str]
    console: list[str]
    offsite: list[str]


def _open(browser: Any, server: Any, site_path: str) -> tuple[Any, Any, _Seen]:
    context = browser.new_context()
    seen = _Seen([], [], [])
    local = server.origin.split("://", 1)[1]

    def route(r: Any) -> None:
        url = r.request.url
        if url.split("://", 1)[0] in ("http", "https") and url.split("/")[2] != local:
            seen.offsite.append(url)
            r.abort()
        else:
            r.continue_()

    context.route("**/*", route)
    page = context.new_page()

    def on_dialog(dialog: Any) -> None:
        seen.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("console", lambda m: seen.console.append(m.text) if m.type == "error" and "404" not in m.text
            else None)
    page.on("pageerror", lambda exc: seen.console.append(f"uncaught: {exc}"))
    page.goto(server.url(site_path), wait_until="load")
    return context, page, seen


def test_every_page_runs_nothing_injected_in_a_browser(browser: Any, hostile_site: HostileSite,
                                                       hostile_server: Any) -> None:
    failures = []
    for site_path in sorted(hostile_site.pages):
        context, page, seen = _open(browser, hostile_server, site_path)
        try:
            page.mouse.move(200, 200)
            page.wait_for_timeout(50)
            ran = page.evaluate("() => window.pwned === undefined ? null : String(window.pwned)")
            text = page.evaluate("() => document.body.innerText")
            problems = seen.dialogs + seen.console + seen.offsite + ([f"window.pwned={ran}"] if ran else [])
            problems += [f"not shown literally: {s!r}" for s in LITERAL_ON_PAGE.get(site_path, []) if s not in text]
            problems += ["a template expression was evaluated"] if "{{ 7*7 }}" not in text and "49" in text else []
            if problems:
                failures.append(f"{site_path}: {problems[:4]}")
        finally:
            context.close()
    assert not failures, "\n".join(failures)


def test_search_over_hostile_pages_works_and_runs_nothing(browser: Any, hostile_server: Any) -> None:
    context, page, seen = _open(browser, hostile_server, "search/")
    try:
        box = page.locator(".pagefind-ui__search-input").first
        box.wait_for(state="visible", timeout=10_000)
        box.fill("telehealth")
        page.locator(".pagefind-ui__result-link").first.wait_for(timeout=10_000)
        page.wait_for_timeout(300)
        assert page.locator(".pagefind-ui__result-link").count() >= 1
        assert not seen.dialogs and not seen.console and not seen.offsite, seen
        assert page.evaluate("() => window.pwned === undefined")
    finally:
        context.close()
