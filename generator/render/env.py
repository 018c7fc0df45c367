"""The Jinja2 environment: the project's own templates first, then the packaged default design.

StrictUndefined turns a misspelt variable into an error naming the template and line instead of
an empty string on a published page; autoescaping keeps every source text plain text.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape

TEMPLATE_PACKAGE = "generator.default_templates"


def default_templates_dir() -> Path:
    """The default design: packaged in the wheel, or the repository's templates/ in a checkout."""
    try:
        packaged = Path(str(resources.files(TEMPLATE_PACKAGE)))
        if (packaged / "base.html").is_file():
            return packaged
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parents[2] / "templates"


def template_dirs(project: Path) -> list[Path]:
    """Where templates and static assets are looked up, most specific first."""
    dirs = [project / "templates", default_templates_dir()]
    unique: list[Path] = []
    for folder in dirs:
        if folder.is_dir() and folder.resolve() not in [u.resolve() for u in unique]:
            unique.append(folder)
    return unique


def build_environment(project: Path) -> Environment:
    return Environment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in template_dirs(project)]),
        autoescape=select_autoescape(["html", "xml"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
