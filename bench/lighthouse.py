"""Lighthouse scores of the built brief: performance, accessibility, best practices and SEO.

Not a test (scores move with the machine's load): a measurement to run by hand or with `make bench`.
Builds the repository's brief in a scratch folder, serves it on 127.0.0.1 under its base_url's
path, and runs Lighthouse 12.2.3 (pinned in package.json, installed by `npm ci`; 13 wants Node 22)
in Debian's /usr/bin/chromium against the home page and one study page.

    .venv/bin/python bench/lighthouse.py [--desktop] [--json DIR] [--keep]
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parents[1]
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_VERSION = "12.2.3"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def build(workdir: Path) -> tuple[Path, list[str], str]:
    """Build a copy of the repository's brief; returns (output folder, site paths, base path)."""
    sys.path.insert(0, str(REPO))
    from generator.build import build_site
    from generator.config import load_config

    project = workdir / "brief"
    project.mkdir()
    for name in ("seeds", "content", "templates", "site.yaml"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        elif source.is_file():
            shutil.copy2(source, project / name)
    result = build_site(project)
    errors = [d.format() for d in result.diagnostics if d.is_error]
    if errors:
        raise SystemExit("the build failed:\n" + "\n".join(errors))
    config, _ = load_config(project)
    return Path(result.output_dir or project / "output"), list(result.pages), config.base_path


class _Handler(SimpleHTTPRequestHandler):
    mount = "/"

    def translate_path(self, path: str) -> str:
        raw = unquote(urlsplit(path).path)
        if not raw.startswith(self.mount):
            return str(Path(self.directory) / ".outside-the-mount")
        return super().translate_path("/" + path[len(self.mount):])

    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(directory: Path, mount: str) -> tuple[ThreadingHTTPServer, str]:
    handler = type("Handler", (_Handler,), {"mount": mount})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}{mount}"


def lighthouse(url: str, *, desktop: bool) -> dict[str, Any]:
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `npm ci` (or `make install-node`)")
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: apt-get install chromium (or `make install-browser`)")
    command = [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(CHROME_FLAGS)}",
               "--max-wait-for-load=30000"]
    if desktop:
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    completed = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, check=False)
    if completed.returncode != 0 or not completed.stdout.strip():
        raise SystemExit(f"lighthouse failed on {url} (exit {completed.returncode}):\n{completed.stderr[-3000:]}")
    report: dict[str, Any] = json.loads(completed.stdout)
    return report


def _version() -> str:
    try:
        package = json.loads((REPO / "node_modules" / "lighthouse" / "package.json").read_text())
        return str(package.get("version"))
    except (OSError, ValueError):
        return "not installed"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--desktop", action="store_true", help="desktop preset (default: Lighthouse's mobile)")
    parser.add_argument("--json", type=Path, metavar="DIR", help="also save each full report in DIR")
    parser.add_argument("--keep", action="store_true", help="keep the scratch build and print where it is")
    args = parser.parse_args(argv)
    if _version() != LIGHTHOUSE_VERSION:
        print(f"warning: node_modules has lighthouse {_version()}, expected {LIGHTHOUSE_VERSION}", file=sys.stderr)
    workdir = Path(tempfile.mkdtemp(prefix="evidence-brief-lighthouse-"))
    try:
        started = time.monotonic()
        output, pages, mount = build(workdir)
        print(f"built {len(pages)} pages in {time.monotonic() - started:.1f} s")
        studies = sorted(p for p in pages if p.startswith("studies/") and p.count("/") == 2
                         and p.split("/")[1] not in ("design", "setting", "year", "page"))
        targets = [("home", "")] + ([("study", studies[0])] if studies else [])
        httpd, root = serve(output, mount)
        try:
            rows = []
            for label, path in targets:
                started = time.monotonic()
                report = lighthouse(root + path, desktop=args.desktop)
                if args.json:
                    args.json.mkdir(parents=True, exist_ok=True)
                    (args.json / f"{label}.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
                scores = {c: report["categories"][c]["score"] for c in CATEGORIES if c in report["categories"]}
                rows.append((label, path, scores, time.monotonic() - started))
        finally:
            httpd.shutdown()
            httpd.server_close()
        preset = "desktop" if args.desktop else "mobile"
        print(f"Lighthouse {_version()} ({preset}), {CHROMIUM}")
        print(f"{'page':<8} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}  {'time':>6}  path")
        for label, path, scores, seconds in rows:
            cells = " ".join(f"{round(s * 100) if s is not None else '-':>5}"
                             for s in (scores.get(c) for c in CATEGORIES))
            print(f"{label:<8} {cells}  {seconds:5.1f}s  {mount}{path}")
    finally:
        if args.keep:
            print(f"scratch build kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
