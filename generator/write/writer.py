"""The only module that touches output/: build into a temporary folder, then swap it in.

A failed or interrupted build leaves the last good site in place. The output folder must not be
(or contain) content/ or seeds/: swapping it would delete the brief's sources.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ..errors import ProjectError, error


def check_output_location(project: Path, output: Path) -> None:
    """Refuse an output folder that is, or holds, the project's sources."""
    out = output.resolve()
    for protected in (project / "content", project / "seeds", project / "templates", project):
        prot = protected.resolve()
        if out == prot or prot.is_relative_to(out):
            raise ProjectError(error(str(output), f"output folder would replace {protected.name}/",
                                     "Choose an output folder outside the brief's sources"))


def staging_dir(output: Path) -> Path:
    """A fresh temporary folder beside ``output`` (same file system, so the swap is a rename)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent))


def write_file(root: Path, site_path: str, content: str | bytes) -> None:
    target = root / site_path
    target.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    target.write_bytes(data)


def copy_static(source: Path, root: Path, prefix: str) -> None:
    """Copy a folder of static assets to ``root/prefix``, in a stable order."""
    for path in sorted(source.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            write_file(root, prefix + path.relative_to(source).as_posix(), path.read_bytes())


def swap_in(staging: Path, output: Path) -> None:
    """Replace ``output`` with ``staging``; the old site is removed only once the new one is in place."""
    old = None
    if output.exists():
        old = output.with_name(f".{output.name}.old-{os.getpid()}")
        if old.exists():
            shutil.rmtree(old)
        output.rename(old)
    staging.rename(output)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
