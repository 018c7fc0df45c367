"""Theme definitions from content/themes/<id>.md: front matter plus a curated narrative.

Adding a theme is adding a file. Matching studies to themes is the synthesis issue's work; this
module only loads and validates the definitions so the site can show and link them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import Diagnostic, error
from ..model.yamlio import YamlError, parse_yaml

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?\n)---\s*\n?(.*)\Z", re.DOTALL)


@dataclass(frozen=True)
class Theme:
    id: str
    title: str
    question: str
    definition: str
    order: int
    narrative: str
    path: str


def load_themes(project: Path) -> tuple[list[Theme], list[Diagnostic]]:
    """Every theme file, in display order, and a diagnostic per bad file (naming file and key)."""
    folder = project / "content" / "themes"
    themes: list[Theme] = []
    problems: list[Diagnostic] = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        theme, problem = _load_theme(path, project)
        if theme:
            themes.append(theme)
        if problem:
            problems.append(problem)
    return sorted(themes, key=lambda t: (t.order, t.id)), problems


def _load_theme(path: Path, project: Path) -> tuple[Theme | None, Diagnostic | None]:
    rel = path.relative_to(project).as_posix()
    text = path.read_text(encoding="utf-8", errors="replace")
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, error(rel, "theme file has no front matter", "Start it with a '---' line, the theme's "
                           "settings (title, question, definition), and another '---' line", line=1)
    try:
        loaded = parse_yaml(match.group(1))
    except YamlError as exc:
        return None, error(rel, f"invalid front matter: {exc.message}", "Fix the YAML between the '---' lines",
                           line=(exc.line or 0) + 1)
    data = loaded.data if isinstance(loaded.data, dict) else {}
    for key in ("title", "question", "definition"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            line = loaded.line_of((key,)) if key in data else None
            return None, error(rel, f"theme key '{key}' is missing or empty", f"Add '{key}: ...' to the front matter",
                               line=line + 1 if line else 1)
    order = data.get("order", 100)
    return Theme(id=path.stem, title=data["title"].strip(), question=data["question"].strip(),
                 definition=data["definition"].strip(), order=order if isinstance(order, int) else 100,
                 narrative=match.group(2), path=rel), None
