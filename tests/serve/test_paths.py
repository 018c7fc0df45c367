"""Request targets to files: only files inside the site, folders to index.html, the right types."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.serve.paths import MAX_TARGET, content_type, resolve_target


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "studies" / "a").mkdir(parents=True)
    (root / "index.html").write_text("home")
    (root / "studies" / "a" / "index.html").write_text("a")
    (root / "assets").mkdir()
    (root / "assets" / "style.css").write_text("body{}")
    (root / ".hidden").write_text("secret")
    (tmp_path / "secret.txt").write_text("outside")
    (root / "escape.txt").symlink_to(tmp_path / "secret.txt")
    (root / "escape-dir").symlink_to(tmp_path)
    (root / "inside.css").symlink_to(root / "assets" / "style.css")
    return root


@pytest.mark.parametrize("raw", [
    "/moud/../secret.txt", "/moud/studies/../../secret.txt", "/moud/%2e%2e/secret.txt", "/moud/%2E%2E/secret.txt",
    "/moud/studies%2f..%2f..%2fsecret.txt", "/moud/..%5csecret.txt", "/moud/a\\..\\b", "//etc/passwd",
    "http://evil.example/moud/", "etc/passwd", "/moud/x%00.html", "/moud/./index.html",
])
def test_traversal_and_odd_targets_are_refused(site: Path, raw: str) -> None:
    assert resolve_target(site, "/moud/", raw).kind == "refused"


def test_symlinks_out_of_the_site_are_refused_and_inside_allowed(site: Path) -> None:
    assert resolve_target(site, "/moud/", "/moud/escape.txt").status == 403
    assert resolve_target(site, "/moud/", "/moud/escape-dir/secret.txt").status == 403
    assert resolve_target(site, "/moud/", "/moud/inside.css").kind == "file"


def test_very_long_urls_are_refused(site: Path) -> None:
    assert resolve_target(site, "/moud/", "/moud/" + "a" * MAX_TARGET).status == 414


def test_folders_serve_index_html_and_get_their_slash(site: Path) -> None:
    assert resolve_target(site, "/moud/", "/moud/").path == site.resolve() / "index.html"
    assert resolve_target(site, "/moud/", "/moud/studies/a/?q=1").path == site.resolve() / "studies/a/index.html"
    redirect = resolve_target(site, "/moud/", "/moud/studies/a")
    assert (redirect.kind, redirect.location) == ("redirect", "/moud/studies/a/")
    assert resolve_target(site, "/moud/", "/").location == "/moud/"
    assert resolve_target(site, "/moud/", "/moud").location == "/moud/"


def test_missing_hidden_and_outside_the_mount_are_not_found(site: Path) -> None:
    for raw in ("/moud/nope/", "/moud/.hidden", "/other/index.html", "/moud/studies/", "/moud/studies/a/b.html"):
        assert resolve_target(site, "/moud/", raw).kind == "missing", raw


@pytest.mark.parametrize(("name", "expected"), [
    ("a.html", "text/html; charset=utf-8"), ("a.css", "text/css; charset=utf-8"),
    ("a.js", "text/javascript; charset=utf-8"), ("a.json", "application/json"), ("a.svg", "image/svg+xml"),
    ("a.xml", "application/xml"), ("a.ris", "application/x-research-info-systems"),
    ("a.bib", "application/x-bibtex; charset=utf-8"), ("a.csv", "text/csv; charset=utf-8"),
    ("a.wasm", "application/wasm"), ("a.pf_meta", "application/octet-stream"),
])
def test_content_types(name: str, expected: str) -> None:
    assert content_type(Path(name)) == expected
