"""The running preview: served pages, the reload script, errors in the browser, and a real browser reloading."""

from __future__ import annotations

import os
import shutil
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from generator import pipeline as pipeline_module
from generator.serve import Preview

STUDY = "klusaritz-2023-impact-stigma-clinician"


def _get(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read().decode("utf-8")


def _save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    stamp = time.time_ns() + 1_000_000
    os.utime(path, ns=(stamp, stamp))


def _wait_for(check: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_pages_get_the_reload_script_and_files_do_not(preview: Preview) -> None:
    status, kind, body = _get(preview.url + f"studies/{STUDY}/")
    assert (status, kind) == (200, "text/html; charset=utf-8") and "__livereload__" in body
    status, kind, body = _get(preview.url + "assets/style.css")
    assert status == 200 and kind.startswith("text/css") and "__livereload__" not in body
    status, _, body = _get(preview.url + "no/such/page/")
    assert status == 404 and "Page not found" in body
    assert not (preview.project / "output").exists()  # the preview never writes output/


def test_a_crash_in_the_build_leaves_the_server_answering(preview: Preview,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> object:
        raise RuntimeError("boom in the site model")

    monkeypatch.setattr(pipeline_module, "assemble_site", explode)
    about = preview.project / "content" / "about.md"
    original = about.read_text(encoding="utf-8")
    _save(about, original + "\nMore.\n")
    _wait_for(lambda: _get(preview.url)[0] == 500)
    status, _, body = _get(preview.url)
    assert "boom in the site model" in body and "__livereload__" in body
    monkeypatch.undo()
    _save(about, original)
    _wait_for(lambda: _get(preview.url)[0] == 200)


def test_the_browser_reloads_on_edits_shows_errors_and_recovers(preview: Preview, chromium: Any) -> None:
    record = preview.project / "content" / "studies" / f"{STUDY}.yaml"
    original = record.read_text(encoding="utf-8")
    page = chromium.new_page()
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    try:
        page.goto(preview.url + f"studies/{STUDY}/")
        page.wait_for_timeout(200)  # the reload worker connects
        _save(record, original.replace("title: 'Impact of Stigma", "title: 'Live edit of Stigma", 1))
        _wait_in_page(page, "document.body.innerText.includes('Live edit of Stigma')")
        _save(record, original.replace("year: 2023", "year: [2023", 1))
        _wait_in_page(page, "document.title.includes('Build error')")
        assert f"content/studies/{STUDY}.yaml:" in page.inner_text("body")
        _save(record, original)
        _wait_in_page(page, "document.body.innerText.includes('Impact of Stigma')"
                            " && !document.title.includes('Build error')")
        assert refused == [], "the site's Content-Security-Policy refused the reload script"
    finally:
        page.close()


def _wait_in_page(page: Any, condition: str, timeout: float = 10.0) -> None:
    """Poll a condition through the driver: Playwright's wait_for_function compiles its predicate in
    the page, which the site's Content-Security-Policy (no 'unsafe-eval') forbids."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if page.evaluate(condition):
                return
        except Exception:  # the page is reloading: ask again  # noqa: BLE001
            pass
        page.wait_for_timeout(100)
    raise AssertionError(f"not true in the page within {timeout} s: {condition}")


def test_a_templates_folder_created_while_serving_is_watched(tmp_path: Path) -> None:
    from .conftest import copy_brief

    project = copy_brief(tmp_path / "project")
    packaged = (project / "templates").rename(tmp_path / "packaged-copy")  # the brief starts with the default design
    running = Preview(project, port=0, search_index=False, log=lambda message: None)
    running.start()
    try:
        (project / "templates").mkdir()
        _save(project / "templates" / "about.html", (packaged / "about.html").read_text(encoding="utf-8"))
        _wait_for(lambda: "templates" in running.watcher.watches)  # a rescan picks the new folder up
        _save(project / "templates" / "about.html",
              (packaged / "about.html").read_text(encoding="utf-8").replace("{% block main %}",
                                                                           "{% block main %}<p>Own design</p>", 1))
        _wait_for(lambda: "Own design" in _get(running.url + "about/")[2])
    finally:
        running.stop()


def test_an_input_folder_deleted_and_created_again_is_watched_again(preview: Preview) -> None:
    templates = preview.project / "templates"
    about = (templates / "about.html").read_text(encoding="utf-8")
    shutil.rmtree(templates)
    _wait_for(lambda: "templates" not in preview.watcher.watches)
    templates.mkdir()
    _save(templates / "about.html", about)
    _wait_for(lambda: "templates" in preview.watcher.watches)
    _save(templates / "about.html", about.replace("{% block main %}", "{% block main %}<p>Back again</p>", 1))
    _wait_for(lambda: "Back again" in _get(preview.url + "about/")[2])
