"""Every link and resource reference in the built site, checked from the files alone.

Internal href/src (relative, or absolute on the site's base_url) must resolve to a file in output/
(a folder link to its index.html), and a #fragment to an id on that page. Nothing a browser fetches
(scripts, stylesheets, icons, images, frames, media, CSS url()/@import) may point off the site;
links to DOIs and other external pages are fine, since following them is the reader's choice.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlsplit

import pytest

if TYPE_CHECKING:  # the fixture's type, for readers; conftest is never imported by tests
    from conftest import BuiltSite

#: rel values that make a browser fetch or connect to the URL of a <link>.
FETCHING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "apple-touch-icon-precomposed",
                 "mask-icon", "manifest", "preload", "prefetch", "prerender", "modulepreload", "preconnect",
                 "dns-prefetch"}
#: (tag, attribute) pairs a browser loads as part of the page.
FETCHED = {("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
           ("iframe", "src"), ("frame", "src"), ("audio", "src"), ("video", "src"), ("video", "poster"),
           ("track", "src"), ("embed", "src"), ("object", "data"), ("input", "src"), ("image", "href")}
#: (tag, attribute) pairs that only point somewhere: a reader may follow them.
POINTERS = {("a", "href"), ("area", "href"), ("form", "action"), ("blockquote", "cite"), ("q", "cite"),
            ("del", "cite"), ("ins", "cite"), ("link", "href")}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.I)
#: Where the 404 page is checked from: hosts serve it at any depth, so its links must not be relative.
DEEP_MISSING = "no/such/deep/page/"


@dataclass
class Reference:
    tag: str
    attribute: str
    value: str
    line: int
    rel: set[str] = field(default_factory=set)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.references: list[Reference] = []
        self.ids: set[str] = set()
        self.styles: list[tuple[int, str]] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        line = self.getpos()[0]
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        rel = set(values.get("rel", "").lower().split())
        for attribute in ("href", "src", "srcset", "poster", "data", "action", "cite"):
            if attribute not in values or (tag, attribute) not in FETCHED | POINTERS:
                continue
            raw = values[attribute].strip()
            urls = [part.strip().split()[0] for part in raw.split(",") if part.strip()] \
                if attribute == "srcset" else [raw]
            self.references.extend(Reference(tag, attribute, url, line, rel) for url in urls)
        if tag == "meta" and values.get("content", "").startswith(("http://", "https://", "//")):
            self.references.append(Reference("meta", "content", values["content"], line))
        if "style" in values:
            self.styles.append((line, values["style"]))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append((self.getpos()[0], data))


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    collector.close()
    return collector


def _site_file(site_path: str) -> str:
    return site_path + "index.html" if site_path == "" or site_path.endswith("/") else site_path


class _Checker:
    def __init__(self, built_site: BuiltSite) -> None:
        self.output = built_site.output
        base = urlsplit(built_site.base_url)
        self.origin = f"{base.scheme}://{base.netloc}"
        self.mount = built_site.mount
        self.problems: list[str] = []
        self.pages = {p.relative_to(self.output).as_posix(): _parse(p)
                      for p in sorted(self.output.rglob("*.html"))}

    def page_url(self, name: str) -> str:
        """Where a file is served; the 404 page is checked as if served for a missing deep URL."""
        return self.origin + self.mount + (DEEP_MISSING if name == "404.html" else name)

    def internal_path(self, url: str) -> str | None:
        """The site path of an absolute URL on the site, or None when it is off-site."""
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != self.origin or not parts.path.startswith(self.mount):
            return None
        return unquote(parts.path[len(self.mount):])

    def check_target(self, where: str, url: str, written: str | None = None) -> None:
        """Report ``url`` (absolute; ``written`` is how the page spells it) unless it resolves in output/."""
        where = f"{where} {written!r}" if written is not None and written != url else where
        site_path = self.internal_path(url)
        if site_path is None:
            parts = urlsplit(url)
            self.problems.append(f"{where}: {url} is on {parts.netloc} but outside the site's path {self.mount}")
            return
        if posixpath.normpath("/" + site_path).startswith("/..") or "/../" in "/" + site_path:
            self.problems.append(f"{where}: {url} climbs out of the site")
            return
        name = _site_file(site_path)
        target = self.output / name
        if target.is_dir():
            self.problems.append(f"{where}: {url} links to a folder without its trailing slash")
            return
        if not target.is_file():
            self.problems.append(f"{where}: {url} -> output/{name} does not exist")
            return
        fragment = unquote(urlsplit(url).fragment)
        if fragment and not fragment.startswith(":~:") and name.endswith(".html"):
            if fragment not in self.pages[name].ids:
                self.problems.append(f"{where}: {url} -> no id {fragment!r} in output/{name}")


@pytest.fixture(params=["built_site", "paged_site"])
def site(request: pytest.FixtureRequest) -> BuiltSite:
    """The brief as it is, and built with a page size of two (every list paginated, theme sub-pages)."""
    built: BuiltSite = request.getfixturevalue(request.param)
    return built


def test_every_page_of_the_build_has_its_file(site: BuiltSite) -> None:
    built_site = site
    assert built_site.pages, "build_site reported no pages"
    missing = [p for p in built_site.pages if not (built_site.output / _site_file(p)).is_file()]
    assert not missing, f"pages reported but not written: {missing[:20]}"


def test_internal_links_resolve_and_nothing_is_fetched_off_site(site: BuiltSite) -> None:
    checker = _Checker(site)
    assert "index.html" in checker.pages, "no index.html in output/"
    for name, parsed in checker.pages.items():
        page_url = checker.page_url(name)
        for ref in parsed.references:
            where = f"output/{name}:{ref.line} <{ref.tag} {ref.attribute}>"
            value = ref.value
            if not value or value == "#":
                continue
            if value.startswith("#"):  # same page (the 404 page too, wherever it is served)
                if unquote(value[1:]) not in parsed.ids:
                    checker.problems.append(f"{where}: no id {value[1:]!r} on this page")
                continue
            scheme = urlsplit(value).scheme.lower()
            if scheme == "javascript":
                checker.problems.append(f"{where}: javascript: URL {value[:60]!r}")
                continue
            if scheme in ("mailto", "tel", "data"):
                if scheme == "data" and (ref.tag, ref.attribute) not in FETCHED:
                    checker.problems.append(f"{where}: a data: URL as a link")
                continue
            if scheme not in ("", "http", "https"):
                checker.problems.append(f"{where}: unexpected URL scheme in {value[:80]!r}")
                continue
            absolute = urljoin(page_url, value)
            fetched = (ref.tag, ref.attribute) in FETCHED or (ref.tag == "link" and ref.rel & FETCHING_RELS)
            if checker.internal_path(absolute) is not None or urlsplit(absolute).netloc == \
                    urlsplit(checker.origin).netloc:
                checker.check_target(where, absolute, value)
            elif fetched:
                checker.problems.append(f"{where}: fetches {value} from off the site")
            # anything else off-site is a link (a DOI, a licence, citation metadata): not fetched
        for line, css in parsed.styles:
            for match in CSS_URL.finditer(css):
                url = match.group(2) or match.group(4)
                if url.startswith("data:"):
                    continue
                absolute = urljoin(page_url, url)
                if checker.internal_path(absolute) is None:
                    checker.problems.append(f"output/{name}:{line} inline style fetches {url} from off the site")
                else:
                    checker.check_target(f"output/{name}:{line} (inline style)", absolute, url)
    shown = checker.problems[:60]
    more = len(checker.problems) - len(shown)
    assert not checker.problems, "\n".join(shown) + (f"\n... and {more} more" if more > 0 else "")


def test_stylesheets_fetch_nothing_off_site(built_site: BuiltSite) -> None:
    checker = _Checker(built_site)
    for css_file in sorted(built_site.output.rglob("*.css")):
        name = css_file.relative_to(built_site.output).as_posix()
        text = css_file.read_text(encoding="utf-8")
        for match in CSS_URL.finditer(text):
            url = match.group(2) or match.group(4)
            if url.startswith(("data:", "#")):
                continue
            line = text.count("\n", 0, match.start()) + 1
            absolute = urljoin(checker.origin + checker.mount + name, url)
            if checker.internal_path(absolute) is None:
                checker.problems.append(f"output/{name}:{line}: fetches {url} from off the site")
            else:
                checker.check_target(f"output/{name}:{line}", absolute, url)
    assert not checker.problems, "\n".join(checker.problems[:60])
