"""The built site, served and driven: one build, one HTTP server and one browser per test session.

The site is served under a sub-path (the path of the brief's base_url, e.g. /moud/) by a small
handler that strips it, as a static host would; relative links must work there. Every missing
file gets the site's 404.html with status 404, as hosts configure it.

Browser tests use Debian's /usr/bin/chromium through Playwright (never `playwright install`).
Outside CI a missing browser, Java or node_modules skips the tests that need it, saying why;
with CI=true it fails them instead, so CI never goes green by skipping.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from pagecheck import REPO, Server, served, unavailable

NODE_MODULES = REPO / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "screenshots"
CHROMIUM = Path(os.environ.get("EVIDENCE_BRIEF_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
#: Mount point used when site.yaml's base_url has no path of its own.
DEFAULT_MOUNT = "/brief/"
PROJECT_PARTS = ("seeds", "content", "templates", "site.yaml")
#: Settings that cut every list of the seeds' theme pages short, so each kind of theme sub-page exists.
PAGED_SETTINGS = {"page_size": 2, "theme_quotes": 1}


def copy_project(target: Path, *, base_url: str | None = None, settings: dict[str, Any] | None = None) -> Path:
    """A copy of the repository's brief (seeds, content, templates, site.yaml) in ``target``, with
    ``base_url`` and any other ``settings`` of site.yaml replaced."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_PARTS:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.is_file():
            shutil.copy2(source, target / name)
    changes = {**(settings or {}), **({"base_url": base_url} if base_url is not None else {})}
    if changes:
        config_path = target / "site.yaml"
        values: dict[str, Any] = {}
        if config_path.is_file():
            values = yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}
        values.update(changes)
        config_path.write_text(yaml.safe_dump(values, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target


def _base_url_of(project: Path) -> str:
    config = project / "site.yaml"
    if config.is_file():
        settings = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
        if isinstance(settings, dict) and isinstance(settings.get("base_url"), str):
            return settings["base_url"]
    return ""


@dataclass(frozen=True)
class BuiltSite:
    project: Path
    output: Path
    pages: list[str]
    base_url: str  # site.yaml's base_url as built
    mount: str  # "/moud/": the sub-path the test server serves the output under

    def page_of_kind(self, kind: str) -> str:
        """The site path of one page of each type the browser tests visit."""
        return page_of_kind(self.pages, kind)


def page_of_kind(pages: list[str], kind: str) -> str:
    fixed = {"home": "", "studies": "studies/", "about": "about/", "search": "search/", "themes": "themes/",
             "404": "404.html"}
    if kind in fixed:
        path = fixed[kind]
        assert path in pages, f"the build made no {kind} page ({path!r}); pages: {sorted(pages)[:20]}"
        return path
    if kind == "study":
        candidates = [p for p in pages if p.startswith("studies/") and p.count("/") == 2
                      and p.split("/")[1] not in ("design", "setting", "year", "page")]
    elif kind == "facet":
        candidates = [p for p in pages if p.startswith(("studies/design/", "studies/setting/", "studies/year/"))]
    elif kind == "theme":
        candidates = [p for p in pages if p.startswith("themes/") and p.count("/") == 2]
    elif kind == "theme-evidence":
        candidates = [p for p in pages if p.startswith("themes/") and "/evidence/" in p]
    elif kind == "theme-comparison":
        candidates = [p for p in pages if p.startswith("themes/") and "/comparison/" in p]
    else:
        raise ValueError(kind)
    assert candidates, f"the build made no {kind} page; pages: {sorted(pages)[:20]}"
    return sorted(candidates)[0]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The repository's brief, copied to a scratch folder and built once for the whole session."""
    return _build_copy(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The brief built with PAGED_SETTINGS: every theme page links to evidence and comparison pages,
    which the link checker, the HTML checker and the browser then visit."""
    site = _build_copy(tmp_path_factory.mktemp("paged-site"), PAGED_SETTINGS)
    assert any("/evidence/" in p for p in site.pages) and any("/comparison/" in p for p in site.pages)
    return site


def _build_copy(project_dir: Path, settings: dict[str, Any] | None = None) -> BuiltSite:
    build = pytest.importorskip("generator.build", reason="generator.build is not written yet")
    base_url = _base_url_of(REPO)
    override = None
    if not urlsplit(base_url).path.strip("/"):
        # A base_url at a host's root would let root-relative links pass; serve under a sub-path anyway.
        override = "https://evidence-brief.example.org" + DEFAULT_MOUNT
    project = copy_project(project_dir / "project", base_url=override, settings=settings)
    result = build.build_site(project)
    errors = [d.format() for d in result.diagnostics if d.is_error]
    assert not errors, "the build reported errors:\n" + "\n".join(errors)
    output = Path(result.output_dir or project / "output")
    assert (output / "index.html").is_file(), f"no index.html in {output}"
    built_url = override or base_url
    mount = urlsplit(built_url).path or "/"
    mount = mount if mount.endswith("/") else mount + "/"
    return BuiltSite(project=project, output=output, pages=list(result.pages), base_url=built_url, mount=mount)


def _serving(site: BuiltSite) -> Iterator[Server]:
    with served(site.output, site.mount) as info:
        yield info


@pytest.fixture(scope="session")
def server(built_site: BuiltSite) -> Iterator[Server]:
    yield from _serving(built_site)


@pytest.fixture(scope="session")
def paged_server(paged_site: BuiltSite) -> Iterator[Server]:
    yield from _serving(paged_site)


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE_JS.is_file():
        unavailable(f"{AXE_JS.relative_to(REPO)} is missing: run `npm ci` (make test does it)")
    return AXE_JS


@pytest.fixture(scope="session")
def screenshots_dir() -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS
