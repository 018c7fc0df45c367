"""The preview under load: many concurrent clients while rebuilds run, every response checked.

    .venv/bin/python bench/serve_load.py [--clients 50] [--requests 2000]

Starts a real preview of a scratch copy of the brief, then ``--clients`` threads send ``--requests``
requests in total (pages, assets, 404s, the live-reload endpoint and traversal attempts) while an
editor thread keeps saving a record, a theme and the design's stylesheet. Each response is checked:
no 5xx, no dropped connection, Content-Length equal to the body, every HTML page a whole document,
the edited stylesheet whole, and no byte of a file outside the site. Prints requests/s and latency
percentiles. tests/serve/test_load.py runs the same driver in a few seconds.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from generator.model.yamlio import dump_yaml  # noqa: E402
from generator.serve import Preview  # noqa: E402

#: Written next to the preview's site folder: no response may ever contain it.
SECRET = "EB-LOAD-SECRET-5f1c2a"
#: The edited stylesheet always ends with this: a response without it was cut short.
CSS_END = "/* eb-load-end */\n"
STYLESHEET = "assets/style.css"
#: Every fresh connection after this many requests on one, so accepting connections is exercised too.
REQUESTS_PER_CONNECTION = 8


@dataclass(frozen=True)
class Probe:
    """One request to send: ``kind`` says what a right answer looks like."""

    kind: str  # "page", "asset", "missing", "reload", "attack"
    target: str


@dataclass
class Answer:
    probe: Probe
    status: int
    seconds: float
    problem: str | None = None


@dataclass
class LoadReport:
    answers: list[Answer] = field(default_factory=list)
    seconds: float = 0.0
    edits: int = 0
    versions: int = 0

    @property
    def problems(self) -> list[str]:
        return [f"{a.probe.target}: {a.problem}" for a in self.answers if a.problem]

    def summary(self) -> str:
        latencies = sorted(a.seconds for a in self.answers)
        kinds = {kind: sum(1 for a in self.answers if a.probe.kind == kind)
                 for kind in ("page", "asset", "missing", "reload", "attack")}
        return (f"{len(self.answers)} requests in {self.seconds:.2f} s = {len(self.answers) / self.seconds:.0f}/s; "
                f"latency p50 {_percentile(latencies, 0.5)} p90 {_percentile(latencies, 0.9)} "
                f"p99 {_percentile(latencies, 0.99)} max {latencies[-1] * 1000:.0f} ms; "
                f"{kinds}; {self.edits} edits, {self.versions} new site versions; "
                f"{len(self.problems)} problem(s)")


def _percentile(ordered: list[float], share: float) -> str:
    return f"{ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] * 1000:.0f} ms"


def plant_secret(preview: Preview) -> None:
    """A file just outside the site folder, and a symlink inside it pointing there."""
    secret = preview.folder / "secret.txt"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    (preview.site_dir / "leak.txt").symlink_to(secret)


def attack_targets(mount: str) -> list[str]:
    """Requests that would reach the planted secret if any traversal got through."""
    return [f"{mount}../secret.txt", f"{mount}%2e%2e/secret.txt", f"{mount}%2E%2e%2fsecret.txt",
            f"{mount}%252e%252e/secret.txt", f"{mount}..\\secret.txt", f"{mount}leak.txt",
            f"{mount}studies/..%2f..%2fsecret.txt", f"{mount}secret.txt%00.html", "//../secret.txt"]


def plan(preview: Preview, total: int, seed: int = 12) -> list[Probe]:
    """``total`` probes drawn from the built site: about half pages, the rest assets, 404s, reload, attacks."""
    mount = preview.mount()
    site = preview.site_dir
    pages = sorted(mount + p.relative_to(site).as_posix().removesuffix("index.html")
                   for p in site.rglob("*.html") if p.name != "404.html")
    assets = sorted(mount + p.relative_to(site).as_posix() for p in (site / "assets").rglob("*") if p.is_file())
    pools: list[tuple[int, Callable[[int], Probe]]] = [
        (50, lambda i: Probe("page", pages[i % len(pages)])),
        (20, lambda i: Probe("asset", assets[i % len(assets)])),
        (12, lambda i: Probe("missing", f"{mount}no-such-page-{i}/")),
        (10, lambda i: Probe("reload", "/__livereload__?v=-1" if i % 2 else "/__livereload__/worker.js")),
        (8, lambda i: Probe("attack", attack_targets(mount)[i % len(attack_targets(mount))])),
    ]
    chooser = random.Random(seed)
    weights = [weight for weight, _ in pools]
    return [chooser.choices(pools, weights)[0][1](i) for i in range(total)]


def judge(probe: Probe, status: int, headers: http.client.HTTPMessage, body: bytes) -> str | None:
    """What is wrong with this answer, or None."""
    length = headers.get("Content-Length")
    if length is None or int(length) != len(body):
        return f"Content-Length {length} but {len(body)} bytes"
    if SECRET.encode() in body:
        return "served a file from outside the site"
    if status >= 500:
        return f"status {status}"
    expected = {"page": (200,), "asset": (200,), "missing": (404,), "reload": (200,), "attack": (400, 403, 404)}
    if status not in expected[probe.kind]:
        return f"status {status}, expected {expected[probe.kind]}"
    kind = headers.get("Content-Type", "")
    if status == 200 and kind.startswith("text/html") and not body.rstrip().endswith(b"</html>"):
        return "partial page: no </html> at the end"
    if probe.target.endswith(STYLESHEET) and status == 200 and not body.endswith(CSS_END.encode()):
        return "partial stylesheet"
    return None


class Client:
    """One browser-like client: a keep-alive connection, replaced every few requests or after an error."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.connection: http.client.HTTPConnection | None = None
        self.used = 0

    def send(self, probe: Probe) -> Answer:
        if self.connection is None or self.used >= REQUESTS_PER_CONNECTION:
            self.close()
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
            self.used = 0
        self.used += 1
        started = time.perf_counter()
        try:
            self.connection.request("GET", probe.target)
            response = self.connection.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException) as exc:
            self.close()
            return Answer(probe, 0, time.perf_counter() - started, f"connection error {type(exc).__name__}: {exc}")
        seconds = time.perf_counter() - started
        if response.will_close:
            self.close()
        return Answer(probe, response.status, seconds, judge(probe, response.status, response.headers, body))

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def prepare_edits(preview: Preview) -> None:
    """Give the design's stylesheet its end marker (and wait until the preview serves it)."""
    css = preview.project / "templates" / "static" / "style.css"
    css.write_text(css.read_text(encoding="utf-8") + CSS_END, encoding="utf-8")
    deadline = time.monotonic() + 20
    while not (preview.site_dir / STYLESHEET).read_text(encoding="utf-8").endswith(CSS_END):
        if time.monotonic() > deadline:
            raise TimeoutError("the preview did not pick up the stylesheet")
        time.sleep(0.05)


def save_whole(path: Path, text: str) -> None:
    """Save as most editors do, through a hidden temporary file renamed over the old one: the preview
    never reads a record cut in half (which it would rightly report as a build error, a 500 page)."""
    temporary = path.with_name(f".{path.name}.saving")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def edits(preview: Preview) -> Iterator[Callable[[int], None]]:
    """Saves a curator makes, in turn: a record's title, a theme's text, the stylesheet (a full copy of assets)."""
    record = sorted((preview.project / "content" / "studies").glob("*.yaml"))[0]
    theme = sorted((preview.project / "content" / "themes").glob("*.md"))[0]
    css = preview.project / "templates" / "static" / "style.css"
    record_text, theme_text, css_text = (p.read_text(encoding="utf-8") for p in (record, theme, css))
    data = yaml.safe_load(record_text)

    def retitle(n: int) -> None:
        save_whole(record, dump_yaml({**data, "title": f"Edit {n}: {data['title']}"}))

    def rewrite_theme(n: int) -> None:
        save_whole(theme, theme_text + f"\nA sentence added by edit {n}.\n")

    def restyle(n: int) -> None:
        save_whole(css, css_text.removesuffix(CSS_END) + f"/* edit {n} */\n" + CSS_END)

    return itertools.cycle([retitle, rewrite_theme, restyle])


def run_load(preview: Preview, *, clients: int = 50, total: int = 2000, edit_every: float = 0.1) -> LoadReport:
    """Send ``total`` planned requests from ``clients`` threads while another thread keeps editing."""
    probes = plan(preview, total)
    report = LoadReport()
    stop = threading.Event()
    first_version = preview.state.version

    def keep_editing() -> None:
        for n, edit in enumerate(edits(preview)):
            if stop.wait(edit_every):
                return
            edit(n)
            report.edits += 1

    local = threading.local()

    def send(probe: Probe) -> Answer:
        if not hasattr(local, "client"):
            local.client = Client(preview.host, preview.port)
        return local.client.send(probe)  # type: ignore[no-any-return]

    editor = threading.Thread(target=keep_editing, name="load-editor", daemon=True)
    editor.start()
    started = time.perf_counter()
    try:
        with ThreadPoolExecutor(max_workers=clients, thread_name_prefix="load-client") as pool:
            report.answers = list(pool.map(send, probes))
    finally:
        report.seconds = time.perf_counter() - started
        stop.set()
        editor.join(timeout=10)
    report.versions = preview.state.version - first_version
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="serve-load-") as scratch:
        project = Path(scratch) / "project"
        for name in ("seeds", "content", "templates"):
            shutil.copytree(REPO / name, project / name)
        shutil.copy2(REPO / "site.yaml", project / "site.yaml")
        preview = Preview(project, port=0, search_index=False, log=lambda message: None)
        preview.start()
        try:
            plant_secret(preview)
            prepare_edits(preview)
            rates = []
            for round_number in range(1, args.rounds + 1):
                report = run_load(preview, clients=args.clients, total=args.requests)
                rates.append(len(report.answers) / report.seconds)
                print(f"round {round_number}: {report.summary()}")
                for problem in report.problems[:10]:
                    print(f"  {problem}")
            print(f"median {statistics.median(rates):.0f} requests/s over {args.rounds} rounds")
        finally:
            preview.stop()


if __name__ == "__main__":
    main()
