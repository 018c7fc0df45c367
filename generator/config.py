"""site.yaml: the brief's own settings, typed and validated with messages that name the key.

Every setting has a docstring-like ``help`` so the schema documents itself, and unknown keys get
a "did you mean" warning rather than being ignored.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .errors import Diagnostic, error, warning
from .model.hashing import hashed_once
from .model.yamlio import YamlError, parse_yaml

CONFIG_FILE = "site.yaml"


@hashed_once
@dataclass(frozen=True)
class SiteConfig:
    """The settings a brief's site is built with."""

    title: str = "Evidence brief"
    #: One sentence saying what question the brief answers.
    scope: str = ""
    description: str = ""
    organisation: str = ""
    authors: tuple[str, ...] = ()
    #: Where the site will be published, e.g. https://example.org/briefs/moud/ (canonical URLs).
    base_url: str = "http://localhost:8000/"
    language: str = "en"
    licence: str = ""
    licence_url: str = ""
    #: Date the brief was last updated (ISO); defaults to the build date from SOURCE_DATE_EPOCH.
    updated: str = ""
    contact: str = ""
    #: Studies shown on the home page before "all studies".
    home_studies: int = 10
    #: Studies per page on /studies/, and rows or sentences per page of a theme's full lists.
    page_size: int = 50
    #: Evidence sentences shown per group on a theme page before "All N sentences" (a page of its own).
    theme_quotes: int = 10
    keywords: tuple[str, ...] = field(default_factory=tuple)

    @property
    def base_path(self) -> str:
        """The path part of base_url, always ending in "/" ("/briefs/moud/")."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    def absolute(self, path: str) -> str:
        """The public URL of a site path such as "studies/x/"."""
        base = self.base_url if self.base_url.endswith("/") else self.base_url + "/"
        return base + path.lstrip("/")


_FIELDS = set(SiteConfig.__dataclass_fields__)
_TEXT = {"title", "scope", "description", "organisation", "base_url", "language", "licence", "licence_url",
         "updated", "contact"}
_LISTS = {"authors", "keywords"}
_INTS = {"home_studies", "page_size", "theme_quotes"}


def load_config(project: Path) -> tuple[SiteConfig, list[Diagnostic]]:
    """Settings from site.yaml (defaults when the file is absent) and the problems found in it."""
    path = project / CONFIG_FILE
    if not path.exists():
        return SiteConfig(), [warning(CONFIG_FILE, "no site.yaml; using default settings",
                                      "Create site.yaml with at least title, organisation and base_url")]
    try:
        loaded = parse_yaml(path.read_text(encoding="utf-8"))
    except (YamlError, UnicodeDecodeError) as exc:
        line = exc.line if isinstance(exc, YamlError) else None
        message = exc.message if isinstance(exc, YamlError) else "not UTF-8 text"
        return SiteConfig(), [error(CONFIG_FILE, f"invalid YAML: {message}", "Fix the syntax", line=line)]
    data = loaded.data if isinstance(loaded.data, dict) else {}
    values: dict[str, object] = {}
    problems: list[Diagnostic] = []
    for key, value in data.items():
        line = loaded.line_of((key,))
        if key not in _FIELDS:
            close = difflib.get_close_matches(str(key), sorted(_FIELDS), n=1)
            problems.append(warning(CONFIG_FILE, f"unknown setting '{key}'",
                                    f"Did you mean '{close[0]}'?" if close else "Remove it", line=line))
        elif key in _TEXT and isinstance(value, str | int | float) and not isinstance(value, bool):
            values[key] = str(value)
        elif key in _LISTS and isinstance(value, list) and all(isinstance(v, str) for v in value):
            values[key] = tuple(value)
        elif key in _LISTS and isinstance(value, str):
            values[key] = (value,)
        elif key in _INTS and isinstance(value, int) and not isinstance(value, bool) and value > 0:
            values[key] = value
        elif value is not None:
            kind = "text" if key in _TEXT else "a list of text" if key in _LISTS else "a positive whole number"
            problems.append(error(CONFIG_FILE, f"'{key}' must be {kind}, got {value!r}",
                                  "Correct the value", line=line))
    config = SiteConfig(**values)  # type: ignore[arg-type]
    if not urlsplit(config.base_url).scheme.startswith("http"):
        problems.append(error(CONFIG_FILE, f"'base_url' must start with http:// or https://, got {config.base_url!r}",
                              "Write the address the site will be published at", line=loaded.line_of(("base_url",))))
    return config, problems
