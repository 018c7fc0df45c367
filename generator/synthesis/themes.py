"""Theme definitions from content/themes/<id>.md: front matter plus a curated narrative.

Adding a theme is adding a file: its front matter says what the theme is (title, question,
definition), which wording signals it (``signals``: regular expressions), how it relates to
the others, and the review team's CERQual findings. A bad file gets every one of its problems in
one run, each naming the file, the key and the line; the other themes still build.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from ..errors import Diagnostic, error
from ..model.hashing import hashed_once
from ..model.yamlio import Loaded, YamlError, parse_yaml

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?\n)---\s*\n?(.*)\Z", re.DOTALL)
_OPENING = re.compile(r"\A---\s*\n")
#: Every key a theme file's front matter may hold.
THEME_KEYS = ("title", "question", "definition", "order", "signals", "related", "findings")
T = TypeVar("T")
CONFIDENCE_LEVELS = ("high", "moderate", "low", "very low")
CERQUAL_COMPONENTS = ("methodological_limitations", "coherence", "adequacy", "relevance")


@dataclass(frozen=True)
class Finding:
    """One row of a Summary of Qualitative Findings table (GRADE-CERQual)."""

    statement: str
    studies: tuple[str, ...]
    confidence: str
    explanation: tuple[tuple[str, str], ...]
    draft: bool
    line: int


@hashed_once
@dataclass(frozen=True)
class Theme:
    id: str
    title: str
    question: str
    definition: str
    order: int
    narrative: str
    path: str
    signals: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()
    narrative_line: int = 1


class _ThemeFileError(Exception):
    def __init__(self, key: str, message: str, fix: str, line: int | None) -> None:
        super().__init__(message)
        self.key, self.message, self.fix, self.line = key, message, fix, line


class ThemeFileProblems(Exception):
    """Every problem found in one theme file (so a curator fixes them all in one go)."""

    def __init__(self, problems: list[_ThemeFileError]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def load_themes(project: Path) -> tuple[list[Theme], list[Diagnostic]]:
    """Every theme file, in display order, and a diagnostic per bad file (naming file and key)."""
    folder = project / "content" / "themes"
    themes: list[Theme] = []
    problems: list[Diagnostic] = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        rel = path.relative_to(project).as_posix()
        try:
            themes.append(parse_theme(path.read_text(encoding="utf-8"), path.stem, rel))
        except ThemeFileProblems as exc:
            problems.extend(error(rel, p.message, p.fix, line=p.line) for p in exc.problems)
        except UnicodeDecodeError:
            problems.append(error(rel, "theme file is not UTF-8 text", "Save it as UTF-8"))
    known = {t.id for t in themes}
    for theme in themes:
        for other in theme.related:
            if other not in known:
                problems.append(error(theme.path, f"'related' names theme '{other}', which has no file",
                                      f"Create content/themes/{other}.md or remove it from 'related'"))
    return sorted(themes, key=lambda t: (t.order, t.id)), problems


def parse_theme(text: str, theme_id: str, rel: str) -> Theme:
    """A Theme from a theme file's text; raises ThemeFileProblems listing every key at fault."""
    match = _FRONT_MATTER.match(text)
    if not match:
        raise ThemeFileProblems([_no_front_matter(text)])
    try:
        loaded = parse_yaml(match.group(1))
    except (YamlError, ValueError) as exc:
        line = (exc.line or 0) + 1 if isinstance(exc, YamlError) else None
        message = exc.message if isinstance(exc, YamlError) else str(exc)
        raise ThemeFileProblems([_ThemeFileError("", f"invalid front matter: {message}",
                                                 "Fix the YAML between the '---' lines", line)]) from exc
    data = loaded.data if isinstance(loaded.data, dict) else {}
    problems = _unknown_keys(data, loaded)

    def checked(read: Callable[[], T], default: T) -> T:
        try:
            return read()
        except _ThemeFileError as exc:
            problems.append(exc)
            return default

    texts = {key: checked(lambda key=key: _required_text(data, loaded, key), "")  # type: ignore[misc]
             for key in ("title", "question", "definition")}
    theme = Theme(
        id=theme_id, title=texts["title"], question=texts["question"], definition=texts["definition"],
        order=checked(lambda: _order(data, loaded), 100), narrative=match.group(2), path=rel,
        signals=checked(lambda: _signals(data, loaded), ()), related=checked(lambda: _text_list(data, loaded,
                                                                                                "related"), ()),
        findings=checked(lambda: _findings(data, loaded), ()), narrative_line=match.group(1).count("\n") + 3)
    if problems:
        raise ThemeFileProblems(_without_missing_misspelt(problems))
    return theme


def _without_missing_misspelt(problems: list[_ThemeFileError]) -> list[_ThemeFileError]:
    """The problems in line order, less "'question' is missing" when a misspelt key already says
    "did you mean 'question'" at its own line: one mistake, one message."""
    misspelt = {p.fix.split("'")[1] for p in problems if p.message.startswith("unknown theme key") and "'" in p.fix}
    kept = [p for p in problems if not (p.key in misspelt and p.message.endswith("is missing or empty"))]
    return sorted(kept, key=lambda p: p.line or 0)


def _no_front_matter(text: str) -> _ThemeFileError:
    """No front matter at all, or an opening '---' whose closing one is missing: two different fixes."""
    if _OPENING.match(text):
        return _ThemeFileError("", "the front matter has no closing '---' line", "Add a line of '---' after "
                               "the last setting, before the theme's text", 1)
    return _ThemeFileError("", "theme file has no front matter", "Start it with a '---' line, the theme's "
                           "settings (title, question, definition, signals), and another '---' line", 1)


def _unknown_keys(data: dict[str, Any], loaded: Loaded) -> list[_ThemeFileError]:
    """A problem per key that is not a theme setting, at its own line, with the closest known key."""
    problems = []
    for key in data:
        if key not in THEME_KEYS:
            close = difflib.get_close_matches(str(key), THEME_KEYS, n=1)
            problems.append(_ThemeFileError(str(key), f"unknown theme key '{key}'",
                                            f"Did you mean '{close[0]}'?" if close
                                            else f"Use one of {', '.join(THEME_KEYS)}", _line(loaded, str(key))))
    return problems


def _order(data: dict[str, Any], loaded: Loaded) -> int:
    value = data.get("order", 100)
    if not isinstance(value, int) or isinstance(value, bool):
        raise _ThemeFileError("order", f"theme key 'order' must be a whole number, got {value!r}",
                              "Write the theme's place in the list as a number, e.g. 'order: 2'",
                              _line(loaded, "order"))
    return value


def _line(loaded: Loaded, *path: str | int) -> int:
    """File line of a front-matter key (front matter starts on the file's second line)."""
    return (loaded.line_of(tuple(path)) or 0) + 1


def _required_text(data: dict[str, Any], loaded: Loaded, key: str) -> str:
    value = data.get(key)
    if key in data and not isinstance(value, str | None):
        raise _ThemeFileError(key, f"theme key '{key}' must be text, got {value!r}", f"Write '{key}: ...' as one "
                              "sentence", _line(loaded, key))
    if not isinstance(value, str) or not value.strip():
        raise _ThemeFileError(key, f"theme key '{key}' is missing or empty", f"Add '{key}: ...' to the front matter",
                              _line(loaded, key) if key in data else 1)
    return value.strip()


def _text_list(data: dict[str, Any], loaded: Loaded, key: str) -> tuple[str, ...]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _ThemeFileError(key, f"theme key '{key}' must be a list of text", "Write one '- ...' line per item",
                              _line(loaded, key))
    return tuple(v.strip() for v in value if v.strip())


def _signals(data: dict[str, Any], loaded: Loaded) -> tuple[str, ...]:
    signals = _text_list(data, loaded, "signals")
    for index, pattern in enumerate(signals):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise _ThemeFileError("signals", f"signal '{pattern}' is not a valid pattern ({exc})",
                                  "Fix the regular expression, or write the plain word",
                                  _line(loaded, "signals", index)) from exc
    if not signals:
        raise _ThemeFileError("signals", "theme key 'signals' is missing or empty", "List the words or patterns "
                              r"that signal this theme, e.g. '- \bstigma\w*'", _line(loaded, "signals") if
                              "signals" in data else 1)
    return signals


def _findings(data: dict[str, Any], loaded: Loaded) -> tuple[Finding, ...]:
    raw = data.get("findings") or []
    if not isinstance(raw, list):
        raise _ThemeFileError("findings", "theme key 'findings' must be a list", "Write one '- statement: ...' "
                              "block per finding", _line(loaded, "findings"))
    return tuple(_finding(item, loaded, index) for index, item in enumerate(raw))


def _finding(item: Any, loaded: Loaded, index: int) -> Finding:
    line = _line(loaded, "findings", index)
    if not isinstance(item, dict) or not isinstance(item.get("statement"), str):
        raise _ThemeFileError("findings", f"finding {index + 1} has no 'statement'", "Give each finding a "
                              "'statement', 'studies', 'confidence' and 'explanation'", line)
    confidence = str(item.get("confidence", "")).strip().lower()
    if confidence not in CONFIDENCE_LEVELS:
        raise _ThemeFileError("findings", f"finding {index + 1}: 'confidence' must be one of "
                              f"{', '.join(CONFIDENCE_LEVELS)}, got {item.get('confidence')!r}",
                              "Use the CERQual levels", _line(loaded, "findings", index, "confidence"))
    studies = item.get("studies") or []
    explanation = item.get("explanation") or {}
    if not isinstance(studies, list) or not isinstance(explanation, dict):
        raise _ThemeFileError("findings", f"finding {index + 1}: 'studies' must be a list of study ids and "
                              "'explanation' a mapping", "Check the finding's indentation", line)
    return Finding(
        statement=item["statement"].strip(), studies=tuple(str(s).lstrip("@") for s in studies),
        confidence=confidence,
        explanation=tuple((key, str(explanation[key]).strip()) for key in CERQUAL_COMPONENTS if explanation.get(key)),
        draft=str(item.get("status", "draft")).lower() != "final", line=line)
