"""The Nu HTML Checker (vnu.jar, pinned in package.json) finds no error in any built page.

One Java run over the whole output folder, and the paged build's theme pages: Java's start-up is
most of the cost.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest

if TYPE_CHECKING:  # the fixture's type, for readers; conftest is never imported by tests
    from conftest import BuiltSite

VNU_JAR = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def unavailable(reason: str) -> NoReturn:
    """Skip on a developer machine; fail in CI, where `make test` has installed everything."""
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail(f"{reason} (CI=true: this check must run)")
    pytest.skip(reason)


def test_every_page_is_valid_html(built_site: BuiltSite, paged_site: BuiltSite) -> None:
    java = shutil.which("java")
    if java is None:
        unavailable("java is not installed (the Nu HTML Checker needs Java 11 or newer)")
    if not VNU_JAR.is_file():
        unavailable(f"{VNU_JAR} is missing: run `npm ci` (make test does it)")
    completed = subprocess.run([java, "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html",
                                str(built_site.output), str(paged_site.output / "themes")],
                               capture_output=True, text=True, timeout=300, check=False)
    messages = []
    for line in (completed.stderr + completed.stdout).splitlines():
        for site, name in ((paged_site, "paged output/"), (built_site, "output/")):
            folder = str(site.output) + "/"
            line = line.replace(f'"file:{folder}', f'"{name}').replace(folder, name)
        if line.strip():
            messages.append(line)
    assert completed.returncode == 0 and not messages, \
        f"vnu exit {completed.returncode}, {len(messages)} messages:\n" + "\n".join(messages[:80])
