"""`evidence-brief pdf`: the printable brief (/brief/) saved as a PDF by headless Chromium.

Why Chromium: the page is already laid out for print (templates/brief.html and the print section
of style.css), and a browser's own print engine honours that CSS (page breaks, running header,
link URLs) where Python PDF libraries do not. Chromium is not a Python package, so it is looked
for on the machine; without it the command says, in one line, how to install it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from .build import build_site
from .errors import Diagnostic, error
from .render.env import template_dirs

#: Where Debian and Ubuntu install Chromium, looked at before PATH.
KNOWN_LOCATIONS: tuple[str, ...] = ("/usr/bin/chromium",)
#: Names Chromium and Chrome go by on PATH.
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: The project files a build reads: when one is newer than the built page, the site is built again.
BUILD_INPUTS = ("site.yaml", "vocabulary.yaml", "content", "seeds")
BRIEF_PAGE = Path("brief") / "index.html"
DEFAULT_PDF = "brief.pdf"
#: Seconds Chromium may take to print the page; a brief of thousands of studies prints in well under this.
PRINT_TIMEOUT = 180
INSTALL_HINT = ("Chromium (or Google Chrome) was not found: install it (Debian/Ubuntu: sudo apt install chromium; "
                "Fedora: sudo dnf install chromium; macOS: brew install --cask chromium), then run "
                "'evidence-brief pdf' again, or open output/brief/index.html in a browser and print it to PDF")
WHERE = "pdf"


def write_pdf(project: Path, output: Path | None = None, *, say: Callable[[str], None] | None = None,
              browser: str | None = None) -> list[Diagnostic]:
    """Build the site when output/ is missing or older than its inputs, then print /brief/ to ``output``
    (default: brief.pdf in the project). Returns the build's diagnostics and any of its own."""
    target = (output or project / DEFAULT_PDF).resolve()
    executable = browser or find_browser()
    if executable is None:
        return [error(WHERE, INSTALL_HINT)]
    diagnostics: list[Diagnostic] = []
    page = project / "output" / BRIEF_PAGE
    if is_stale(page, project_inputs(project)):
        result = build_site(project, on_wait=say)
        diagnostics.extend(result.diagnostics)
        if any(d.is_error for d in result.diagnostics):
            return [*diagnostics, error(WHERE, "no PDF written: the build has errors",
                                        "Fix the errors above and run 'evidence-brief pdf' again")]
    if not page.is_file():
        return [*diagnostics, error(WHERE, f"the build wrote no printable brief ({page} is missing)",
                                    "Check that templates/brief.html exists if the project overrides templates")]
    problem = print_to_pdf(executable, page, target)
    if problem:
        return [*diagnostics, error(WHERE, problem, "Run again; if it persists, open output/brief/index.html in "
                                                    "a browser and print it to PDF")]
    if say:
        say(f"pdf: {target} written ({target.stat().st_size // 1024 + 1} KB)")
    return diagnostics


def find_browser(path: str | None = None, known: Sequence[str] | None = None) -> str | None:
    """Debian's /usr/bin/chromium, else the first Chromium or Chrome on PATH; None when there is none."""
    for candidate in KNOWN_LOCATIONS if known is None else known:
        if os.access(candidate, os.X_OK) and Path(candidate).is_file():
            return candidate
    search = os.environ.get("PATH", "") if path is None else path
    for name in BROWSER_NAMES:
        found = shutil.which(name, path=search) if search else None
        if found:
            return found
    return None


def project_inputs(project: Path) -> Iterable[Path]:
    """Every file the build reads: the project's settings, records, themes and seeds, and the templates
    (the project's own and the installed default design, which an upgrade changes)."""
    for item in [*(project / name for name in BUILD_INPUTS), *template_dirs(project)]:
        if item.is_file():
            yield item
        elif item.is_dir():
            yield from (p for p in item.rglob("*") if p.is_file())


def is_stale(built: Path, inputs: Iterable[Path]) -> bool:
    """True when ``built`` is missing or any input changed after it was written."""
    try:
        built_at = built.stat().st_mtime
    except OSError:
        return True
    return any(p.stat().st_mtime > built_at for p in inputs)


def chromium_command(executable: str, page: Path, pdf: Path, profile: Path) -> list[str]:
    """Headless Chromium printing ``page`` to ``pdf``; a throwaway profile so a running browser is untouched.
    The page's own CSS draws the running header and page numbers, so Chromium's are turned off."""
    return [executable, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-extensions", "--no-pdf-header-footer",
            f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", page.resolve().as_uri()]


def print_to_pdf(executable: str, page: Path, target: Path) -> str | None:
    """Print ``page`` to ``target`` (replaced only once the new PDF is complete); a problem, or None."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="evidence-brief-pdf-") as work:
        partial = Path(work) / "brief.pdf"
        try:
            completed = subprocess.run(chromium_command(executable, page, partial, Path(work) / "profile"),
                                       capture_output=True, text=True, timeout=PRINT_TIMEOUT, check=False,
                                       stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            return f"{executable} did not finish printing within {PRINT_TIMEOUT} seconds"
        except OSError as exc:
            return f"{executable} could not be started: {exc.strerror or exc}"
        if not partial.is_file() or not partial.read_bytes().startswith(b"%PDF"):
            last = (completed.stderr.strip().splitlines() or ["no message"])[-1]
            return f"{executable} wrote no PDF (exit {completed.returncode}: {last})"
        part = target.with_name(target.name + ".part")
        shutil.copyfile(partial, part)
        os.replace(part, target)  # a reader never sees half a PDF
    return None

