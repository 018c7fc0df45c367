"""The Nu HTML Checker (vnu.jar, pinned in package.json) finds no error in any built page.

One Java run over the whole output folder, and the paged build's theme pages: Java's start-up is
most of the cost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pagecheck import nu_check

if TYPE_CHECKING:  # the fixture's type, for readers; conftest is never imported by tests
    from conftest import BuiltSite

def test_every_page_is_valid_html(built_site: BuiltSite, paged_site: BuiltSite) -> None:
    completed = nu_check(built_site.output, paged_site.output / "themes")
    messages = []
    for line in (completed.stderr + completed.stdout).splitlines():
        for site, name in ((paged_site, "paged output/"), (built_site, "output/")):
            folder = str(site.output) + "/"
            line = line.replace(f'"file:{folder}', f'"{name}').replace(folder, name)
        if line.strip():
            messages.append(line)
    assert completed.returncode == 0 and not messages, \
        f"vnu exit {completed.returncode}, {len(messages)} messages:\n" + "\n".join(messages[:80])
