"""``evidence-brief new``: a brief of one's own that builds at once.

The files a new brief starts with live in ``files/`` as package data, so an installed wheel can
write them anywhere. ``site.yaml`` and ``vocabulary.yaml`` are generated from the code that reads
them (every setting with its help, the default vocabulary), so they cannot fall behind it. The
example seed is read by ingest straight away: the example theme and key message cite its record
by the id ingest gives it, and ``check --strict`` has nothing to say about the examples.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from importlib.resources.abc import Traversable
from pathlib import Path

from ..config import CONFIG_FILE
from ..errors import Diagnostic, error
from ..ingest.pipeline import ingest_project
from ..model.lockfile import project_lock
from ..model.vocabulary import VOCABULARY_FILE, default_vocabulary_yaml
from .settings import site_yaml

FILES_PACKAGE = "generator.scaffold"
#: Package-data names that cannot start with a dot (setuptools leaves hidden files out) -> their place in a brief.
RENAMED = {"gitignore": ".gitignore", "github": ".github"}
EXAMPLE_SEED = "seeds/example-study.ris"
#: Placeholders in the scaffold files, filled in when a brief is made.
TITLE, EXAMPLE_ID, VERSION = "__TITLE__", "__EXAMPLE_ID__", "__VERSION__"


@dataclass
class NewBrief:
    """What ``new`` made: the files written (relative to the brief) and the problems met."""

    directory: Path
    written: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def default_title(directory: Path) -> str:
    """A title from the folder's name ("school-meals" -> "School meals") when none is given."""
    words = re.sub(r"[-_.\s]+", " ", directory.resolve().name).strip()
    return words[:1].upper() + words[1:] if words else "Evidence brief"


def create_brief(directory: Path, title: str | None = None) -> NewBrief:
    """Write a new brief into ``directory`` (created if absent; refused if it holds anything)."""
    result = NewBrief(directory)
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        what = "is a file" if not directory.is_dir() else "is not empty"
        result.diagnostics.append(error(str(directory), f"cannot start a brief here: the folder {what}",
                                        "Give the name of a new or empty folder; nothing was written"))
        return result
    directory.mkdir(parents=True, exist_ok=True)
    brief_title = (title or "").strip() or default_title(directory)
    _write(result, CONFIG_FILE, site_yaml({"title": brief_title, "base_url": None, "language": "en"}))
    _write(result, VOCABULARY_FILE, default_vocabulary_yaml())
    _write(result, EXAMPLE_SEED, _packaged_text(EXAMPLE_SEED))
    example_id = _ingest_example(result)
    filled = {TITLE: brief_title, EXAMPLE_ID: example_id, VERSION: _tool_version()}
    for name, text in _packaged_files():
        if name != EXAMPLE_SEED:
            _write(result, _brief_path(name), _filled(text, filled))
    return result


def _ingest_example(result: NewBrief) -> str:
    """Ingest the example seed and return its record's id, so the examples can cite it."""
    with project_lock(result.directory, "ingest"):
        report = ingest_project(result.directory)
    result.diagnostics.extend(d for d in report.diagnostics if d.is_error)
    result.written.extend(report.written)  # paths relative to the brief, as ingest reports them
    return Path(report.written[0]).stem if report.written else "example"


def _packaged_files() -> Iterator[tuple[str, str]]:
    """Every scaffold file as (path inside files/, text), in a stable order."""
    root = resources.files(FILES_PACKAGE).joinpath("files")
    yield from sorted(_walk(root, ""))


def _walk(folder: Traversable, prefix: str) -> Iterator[tuple[str, str]]:
    for entry in folder.iterdir():
        name = f"{prefix}{entry.name}"
        if entry.is_dir():
            yield from _walk(entry, name + "/")
        elif entry.is_file() and not entry.name.endswith((".pyc", ".py")):
            yield name, entry.read_text(encoding="utf-8")


def _packaged_text(name: str) -> str:
    return resources.files(FILES_PACKAGE).joinpath("files", *name.split("/")).read_text(encoding="utf-8")


def _brief_path(name: str) -> str:
    first, _, rest = name.partition("/")
    first = RENAMED.get(first, first)
    return f"{first}/{rest}" if rest else first


def _filled(text: str, values: dict[str, str]) -> str:
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    return text


def _write(result: NewBrief, name: str, text: str) -> None:
    path = result.directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    result.written.append(name)


def _tool_version() -> str:
    try:
        return version("evidence-brief")
    except PackageNotFoundError:
        return "0.1.0"
