"""The Jinja2 environment: the project's own templates first, then the packaged default design.

StrictUndefined turns a misspelt variable into an error naming the template and line instead of
an empty string on a published page; autoescaping keeps every source text plain text.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..site.exports import UNSHOWABLE as _UNSHOWABLE  # one list for pages, feeds and downloads
from ..site.metadata import source_link
from .charts import TEMPLATE_GLOBALS as CHART_GLOBALS

TEMPLATE_PACKAGE = "generator.default_templates"


def default_templates_dir() -> Path:
    """The default design: packaged in the wheel, or the repository's templates/ in a checkout.

    The wheel installs TEMPLATE_PACKAGE as the folder generator/default_templates/ (pyproject.toml maps
    templates/ there). It has no __init__.py, so importlib.resources would hand back a namespace
    package's MultiplexedPath, whose str() is not a path: the folder is found beside this package instead."""
    packaged = Path(__file__).resolve().parents[1] / TEMPLATE_PACKAGE.rpartition(".")[2]
    if (packaged / "base.html").is_file():
        return packaged
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
    """Templates autoescape everything and get ``is web_link``, so a template never links a value it was not
    sure is an http(s) address (a curator's licence_url, a record's url)."""
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in template_dirs(project)]),
        autoescape=select_autoescape(["html", "xml"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_showable,
    )
    env.tests["web_link"] = _is_web_link
    env.globals.update(CHART_GLOBALS)  # the home page's charts (render/charts.py)
    return env


def _showable(value: object) -> object:
    """Every ``{{ value }}`` without unshowable characters; Markup stays Markup (removing them adds no markup)."""
    if isinstance(value, Markup):
        return Markup(_UNSHOWABLE.sub("", str(value)))
    if isinstance(value, str):
        return _UNSHOWABLE.sub("", value)
    return value


def _is_web_link(value: object) -> bool:
    return isinstance(value, str) and source_link(value) is not None
