"""Live-preview figures, in real headless Chromium (Debian's /usr/bin/chromium through Playwright).

    .venv/bin/python bench/serve_bench.py [--rounds 15] [--corpus-rounds 7] [--studies 2000]

Prints: save-to-reloaded median/p90 for a record edit on the five-seed brief and on a generated
corpus (bench/corpus.py); twenty open tabs reloading after one save; a hundred concurrent requests
answered while a rebuild runs; how long a seed edit takes to reach the served site.
"Save-to-reloaded" is from the write of the record to the moment the open page shows the new text.
The search index is left out (it catches up after the reload anyway).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import yaml  # noqa: E402
from corpus import write_corpus  # noqa: E402

from generator.ingest.pipeline import ingest_project  # noqa: E402
from generator.model.yamlio import dump_yaml  # noqa: E402
from generator.serve import Preview  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _copy_brief(target: Path) -> Path:
    import shutil

    for name in ("seeds", "content", "templates"):
        shutil.copytree(REPO / name, target / name)
    shutil.copy2(REPO / "site.yaml", target / "site.yaml")
    return target


def _save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _retitled(original: str, marker: str) -> str:
    """The record with ``marker`` before its title, as a curator's edit would be saved."""
    data = yaml.safe_load(original)
    data["title"] = f"{marker} {data['title']}"
    return dump_yaml(data)


def _figures(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered) * 1000:.0f} ms, p90 {p90 * 1000:.0f} ms (n={len(ordered)})"


def _record_and_page(preview: Preview) -> tuple[Path, str]:
    assert preview.builder.site is not None
    study = preview.builder.site.studies[len(preview.builder.site.studies) // 2]
    return preview.project / "content" / "studies" / f"{study.id}.yaml", f"studies/{study.id}/"


# When the reloaded document had been parsed and shown, on the page's own wall clock (same machine
# as the benchmark): the moment a reader sees the new text, free of the test driver's polling delay.
_SHOWN_AT = "performance.timeOrigin + performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"


def save_to_reload(preview: Preview, browser: Any, rounds: int) -> list[float]:
    """Edit one record's title ``rounds`` times; time each save until the reloaded page showed it."""
    record, path = _record_and_page(preview)
    original = record.read_text(encoding="utf-8")
    # The driver's polling runs as evaluated script, which the pages' Content-Security-Policy forbids.
    page = browser.new_page(bypass_csp=True)
    page.goto(preview.url + path)
    page.wait_for_timeout(300)
    times = []
    for number in range(rounds):
        marker = f"Bench{number}x"
        edited = _retitled(original, marker)
        started = time.time()
        _save(record, edited)
        page.wait_for_function(f"document.title.includes('{marker}')", timeout=60_000, polling=5)
        times.append(page.evaluate(_SHOWN_AT) / 1000 - started)
        page.wait_for_timeout(1500)  # a person saves again after a second or more: downloads catch up
    _save(record, original)
    page.close()
    return times


def many_tabs(preview: Preview, browser: Any, tabs: int) -> str:
    record, path = _record_and_page(preview)
    original = record.read_text(encoding="utf-8")
    context = browser.new_context(bypass_csp=True)  # see save_to_reload
    pages = [context.new_page() for _ in range(tabs)]
    for page in pages:
        page.goto(preview.url + path)
    pages[-1].wait_for_timeout(500)
    started = time.perf_counter()
    _save(record, _retitled(original, "TabsBench"))
    for page in pages:
        page.wait_for_function("document.title.includes('TabsBench')", timeout=60_000, polling=10)
    took = time.perf_counter() - started
    context.close()
    _save(record, original)
    return f"{tabs}/{tabs} tabs reloaded in one context, last one {took * 1000:.0f} ms after the save"


def concurrent_requests(preview: Preview, count: int) -> str:
    """Start a rebuild, then fire ``count`` requests at once; all must be answered completely."""
    assert preview.builder.site is not None
    paths = [p.path for p in preview.builder.site.pages][:count]
    record, _ = _record_and_page(preview)
    original = record.read_text(encoding="utf-8")
    time.sleep(0.5)

    def fetch(path: str) -> tuple[int, int, float]:
        begun = time.perf_counter()
        with urllib.request.urlopen(preview.url + path, timeout=60) as response:
            body = response.read()
            return response.status, int(b"</html>" in body), time.perf_counter() - begun

    _save(record, _retitled(original, "Concurrent"))
    deadline = time.monotonic() + 2
    while not preview.state.building and time.monotonic() < deadline:  # fire once the rebuild has begun
        time.sleep(0.0005)
    was_building = preview.state.building
    with ThreadPoolExecutor(max_workers=count) as pool:
        results = list(pool.map(fetch, (paths * (count // max(1, len(paths)) + 1))[:count]))
    _save(record, original)
    ok = sum(status == 200 and complete for status, complete, _ in results)
    latency = _figures([seconds for _, _, seconds in results])
    return f"{ok}/{count} answered 200 with whole pages (rebuild running at start: {was_building}); latency {latency}"


def seed_edit(preview: Preview) -> str:
    """Save one seed with a word changed: only that seed is read again and only its studies re-merged."""
    seed = sorted((preview.project / "seeds").iterdir())[0]
    original = seed.read_bytes()
    seen = preview.state.version
    started = time.perf_counter()
    seed.write_bytes(original.replace(b"interviews", b"interviews (edited)", 1) if b"interviews" in original
                     else original + b"\n")
    while preview.state.version == seen and time.perf_counter() - started < 60:
        time.sleep(0.001)
    took = time.perf_counter() - started
    outcome = preview.builder.last
    seed.write_bytes(original)
    time.sleep(1.5)
    return (f"seed edit ({seed.name}): site updated {took * 1000:.0f} ms after the save, rebuild "
            f"{outcome.seconds * 1000:.0f} ms, {len(outcome.rendered)} pages rendered")


def run(label: str, project: Path, browser: Any, rounds: int, *, extras: bool) -> None:
    preview = Preview(project, port=0, search_index=False, log=lambda message: None)
    started = time.perf_counter()
    preview.start()
    pages = len(preview.builder.site.pages) if preview.builder.site else 0
    print(f"{label}: first build {time.perf_counter() - started:.1f} s, {pages} pages", flush=True)
    try:
        print(f"{label}: save-to-reloaded {_figures(save_to_reload(preview, browser, rounds))}", flush=True)
        if extras:
            print(f"{label}: {many_tabs(preview, browser, 20)}", flush=True)
            print(f"{label}: {concurrent_requests(preview, 100)}", flush=True)
            print(f"{label}: {seed_edit(preview)}", flush=True)
    finally:
        preview.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--corpus-rounds", type=int, default=7)
    parser.add_argument("--studies", type=int, default=2000)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=os.environ.get("EVIDENCE_BRIEF_CHROMIUM",
                                                                            "/usr/bin/chromium"),
                                             headless=True, args=CHROMIUM_ARGS)
        run("five-seed brief", _copy_brief(Path(scratch) / "five"), browser, args.rounds, extras=True)
        if args.corpus_rounds < 1:
            return
        corpus = Path(scratch) / "corpus"
        write_corpus(corpus, studies=args.studies)
        ingest_project(corpus)  # records on disk first, as a curator's checkout would have them
        run(f"{args.studies}-study corpus", corpus, browser, args.corpus_rounds, extras=True)
        browser.close()


if __name__ == "__main__":
    main()
