"""The preview under load while rebuilds run, a build never writing under a reader, and life after a build error."""

from __future__ import annotations

import http.client
import importlib.util
import os
import sys
import threading
import time
from pathlib import Path
from types import ModuleType

import pytest

from generator import pipeline as pipeline_module
from generator.serve import Preview
from generator.serve.server import SiteState

REPO = Path(__file__).resolve().parents[2]


def _bench() -> ModuleType:
    """bench/serve_load.py, the load driver the benchmark prints figures with (bench/ is no package)."""
    spec = importlib.util.spec_from_file_location("serve_load", REPO / "bench" / "serve_load.py")
    assert spec is not None and spec.loader is not None
    if "serve_load" in sys.modules:
        return sys.modules["serve_load"]
    module = importlib.util.module_from_spec(spec)
    sys.modules["serve_load"] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


def _get(preview: Preview, target: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(preview.host, preview.port, timeout=10)
    try:
        connection.request("GET", target)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    stamp = time.time_ns() + 1_000_000
    os.utime(path, ns=(stamp, stamp))


def _wait_for(check: object, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_fifty_clients_two_thousand_requests_while_rebuilding(preview: Preview) -> None:
    load = _bench()
    load.plant_secret(preview)
    load.prepare_edits(preview)
    report = load.run_load(preview, clients=50, total=2000, edit_every=0.1)
    print(report.summary())
    assert len(report.answers) == 2000
    assert report.problems == []
    assert report.edits >= 3 and report.versions >= 3  # the site really was rebuilt during the run
    assert {a.probe.kind for a in report.answers} == {"page", "asset", "missing", "reload", "attack"}


def test_a_build_waits_for_requests_reading_the_site() -> None:
    state = SiteState()
    with state.reading():
        builder = threading.Thread(target=state.start_build)
        builder.start()
        builder.join(timeout=0.3)
        assert builder.is_alive(), "the build started writing while a request was reading"
    builder.join(timeout=2)
    assert not builder.is_alive() and state.building


def test_assets_overwritten_in_place_are_never_served_half_written(preview: Preview,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The design's assets are rewritten on every save that changes them: a request must never see a
    stylesheet cut in the middle (each version is written beside the old one and renamed into place)."""
    versions: set[bytes] = set()
    copies: list[float] = []
    real_assets = pipeline_module.asset_files

    def big_assets(project: Path, logo: str = "") -> dict[str, bytes]:
        copies.append(time.monotonic())
        whole = b"/* start */\n" + b"a{color:red}\n" * 4000 + f"/* version {len(copies)} */\n/* end */\n".encode()
        versions.add(whole)
        return {**real_assets(project, logo), "assets/style.css": whole}

    monkeypatch.setattr(pipeline_module, "asset_files", big_assets)
    target = preview.mount() + "assets/style.css"
    stop = threading.Event()
    bodies: list[bytes] = []

    def fetch() -> None:
        while not stop.is_set():
            bodies.append(_get(preview, target)[1])

    readers = [threading.Thread(target=fetch) for _ in range(6)]
    for reader in readers:
        reader.start()
    try:
        template = preview.project / "templates" / "static" / "site.js"
        original = template.read_text(encoding="utf-8")
        for n in range(6):
            _save(template, original + f"\n// edit {n}\n")
            _wait_for(lambda: len(copies) > n, timeout=30.0)  # noqa: B023 (waited for right here; slow when busy)
    finally:
        stop.set()
        for reader in readers:
            reader.join(timeout=10)
    served = [body for body in bodies if body.startswith(b"/* start */")]
    assert len(served) >= 6, "too few reads to say anything (a machine this busy proves nothing)"
    assert all(body in versions for body in served), "a half-written stylesheet was served"


def test_the_preview_keeps_serving_through_build_errors_and_recovers(preview: Preview) -> None:
    mount = preview.mount()
    study = sorted((preview.project / "content" / "studies").glob("*.yaml"))[0]
    page = f"{mount}studies/{study.stem}/"
    assert _get(preview, page)[0] == 200
    record_text = study.read_text(encoding="utf-8")
    template = preview.project / "templates" / "about.html"
    template_text = template.read_text(encoding="utf-8")

    _save(study, record_text.replace("\ntitle:", "\ntitle: [unclosed", 1))
    _wait_for(lambda: _get(preview, page)[0] == 500)
    status, body = _get(preview, mount)
    assert status == 500 and b"The preview could not be rebuilt" in body
    assert f"content/studies/{study.name}".encode() in body
    assert _get(preview, mount + "assets/style.css")[0] == 200  # files are still served
    _save(study, record_text)
    _wait_for(lambda: _get(preview, page)[0] == 200)

    _save(template, template_text.replace("{% block main %}", "{% block main %}{% if %}", 1))
    _wait_for(lambda: _get(preview, mount + "about/")[0] == 500)
    status, body = _get(preview, mount + "about/")
    assert b"templates/about.html" in body and body.rstrip().endswith(b"</html>")
    _save(template, template_text)
    _wait_for(lambda: _get(preview, mount + "about/")[0] == 200)
    status, body = _get(preview, page)
    assert status == 200 and b"could not be rebuilt" not in body
