"""Design settings a brief can change without copying templates: ``logo``, ``accent_colour``, ``nav``
and ``footer`` in site.yaml, validated here (config.py calls :func:`design_setting`).

The accent colour is used for links and the header's rule, so it must stay readable: its contrast
against the backgrounds the stylesheet uses is measured as WCAG 2 defines it and anything under AA for
text (4.5:1) is an error naming the measured ratio. One colour cannot pass on both a light and a dark
background (the luminances needed do not overlap), so a single value sets the light scheme and a
mapping ``{light: ..., dark: ...}`` sets both; the dark scheme otherwise keeps its own accent.
The stylesheet's Content-Security-Policy forbids inline styles, so the colours go into a generated
file, assets/design.css, linked from every page only when an accent is set.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from .errors import Diagnostic, error
from .model.yamlio import Loaded

CONFIG_FILE = "site.yaml"
DESIGN_KEYS = ("logo", "accent_colour", "nav", "footer")
#: The generated stylesheet holding the accent colours.
DESIGN_CSS = "assets/design.css"
#: WCAG 2 AA for normal text.
AA_TEXT = 4.5
#: The backgrounds accent-coloured text sits on in templates/static/style.css (--bg and --surface).
BACKGROUNDS = {"light": ("#ffffff", "#f3f5f7"), "dark": ("#14171b", "#1e2329")}
LOGO_TYPES = {".svg": "SVG", ".png": "PNG"}
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_MAX_FOOTER = 500
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

Value = object
Problems = list[Diagnostic]


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rgb or #rrggbb colour."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    channels = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio, from 1 (same) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _accent(value: Value, line: int | None) -> tuple[tuple[tuple[str, str], ...], Problems]:
    """(scheme, colour) pairs, each readable on every background of its scheme."""
    schemes = {"light": value} if isinstance(value, str) else value if isinstance(value, dict) else None
    if not schemes or any(k not in BACKGROUNDS for k in schemes):
        return (), [error(CONFIG_FILE, f"'accent_colour' must be a hex colour such as '#0a55b8', or a mapping with "
                                       f"'light' and/or 'dark' colours, got {value!r}", "Correct the value", line=line)]
    pairs: list[tuple[str, str]] = []
    problems: Problems = []
    for scheme, colour in schemes.items():
        text = str(colour).strip()
        if not _HEX.fullmatch(text):
            problems.append(error(CONFIG_FILE, f"'accent_colour' {scheme}: {colour!r} is not a hex colour",
                                  "Write it as #rrggbb, e.g. '#0a55b8' (quoted: YAML reads # as a comment)",
                                  line=line))
            continue
        ratio = min(contrast_ratio(text, background) for background in BACKGROUNDS[scheme])
        if ratio < AA_TEXT:
            problems.append(error(
                CONFIG_FILE, f"'accent_colour' {text} has a contrast of {ratio:.2f}:1 on the {scheme} background; "
                             f"WCAG AA needs {AA_TEXT}:1 for the links it colours",
                "Choose a darker colour" if scheme == "light" else "Choose a lighter colour", line=line))
            continue
        pairs.append((scheme, text.lower()))
    return tuple(pairs), problems


def _logo(value: Value, line: int | None, project: Path) -> tuple[str, Problems]:
    """A path inside the brief to an SVG or PNG file that exists and is one."""
    def refuse(what: str, fix: str) -> tuple[str, Problems]:
        return "", [error(CONFIG_FILE, f"'logo' {what}", fix, line=line)]

    if not isinstance(value, str) or not value.strip():
        return refuse(f"must be the path of an image file in the brief, got {value!r}", "e.g. logo: images/logo.svg")
    relative = Path(value.strip())
    root = project.resolve()
    path = (root / relative).resolve()
    if relative.is_absolute() or not path.is_relative_to(root):
        return refuse(f"{value!r} is outside the brief's folder", "Put the file inside the brief, e.g. images/")
    if path.suffix.lower() not in LOGO_TYPES:
        return refuse(f"{value!r} is not an SVG or PNG file", "Use a .svg or .png image")
    if not path.is_file():
        return refuse(f"file {value!r} not found", "Check the path; it is relative to site.yaml's folder")
    head = path.read_bytes()[:4096]
    if not (head.startswith(_PNG_MAGIC) if path.suffix.lower() == ".png" else b"<svg" in head.lower()):
        return refuse(f"{value!r} does not hold {LOGO_TYPES[path.suffix.lower()]} data", "Export the logo again")
    return relative.as_posix(), []


def _nav_link(url: str) -> str | None:
    """An http(s) address, or a path inside the site ("methods/", "/data/studies.csv" -> "data/studies.csv")."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc and not re.search(r"[\s<>\"']", url):
        return url
    if parts.scheme or parts.netloc or url.startswith(("//", "\\")) or re.search(r"[\s<>\"'\\]|\.\./", url):
        return None
    return url.lstrip("/") or "./"


def _nav(value: Value, line: int | None, line_of: Callable[[int], int | None]) -> tuple[tuple[tuple[str, str], ...],
                                                                                       Problems]:
    """Extra menu links: a list of {label, url}, each checked at its own line."""
    if not isinstance(value, list):
        return (), [error(CONFIG_FILE, f"'nav' must be a list of links (label and url), got {value!r}",
                          "Write e.g.\n  nav:\n    - label: Methods\n      url: methods/", line=line)]
    links: list[tuple[str, str]] = []
    problems: Problems = []
    for index, item in enumerate(value):
        label = item.get("label") if isinstance(item, dict) else None
        url = item.get("url") if isinstance(item, dict) else None
        href = _nav_link(url.strip()) if isinstance(url, str) else None
        if not isinstance(label, str) or not label.strip() or href is None or set(item) - {"label", "url"}:
            problems.append(error(CONFIG_FILE, f"'nav' item {index + 1} must have a 'label' and a 'url' that is an "
                                               f"http(s) address or a path inside the site, got {item!r}",
                                  "e.g. - label: Methods\n        url: methods/", line=line_of(index) or line))
            continue
        links.append((" ".join(label.split()), href))
    return tuple(links), problems


def _footer(value: Value, line: int | None) -> tuple[str, Problems]:
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return "", [error(CONFIG_FILE, f"'footer' must be text, got {value!r}", "Write one line of text", line=line)]
    text = " ".join(str(value).split())
    if len(text) > _MAX_FOOTER:
        return "", [error(CONFIG_FILE, f"'footer' has {len(text)} characters; at most {_MAX_FOOTER} fit a footer",
                          "Shorten it; link to a page for the rest", line=line)]
    return text, []


def design_setting(key: str, value: Value, loaded: Loaded, project: Path) -> tuple[object, Problems]:
    """The validated value of one design setting (its default when invalid) and the problems found,
    each at the line of site.yaml it is about (a nav item's own line)."""
    line = loaded.line_of((key,))

    def line_of(index: int) -> int | None:
        return loaded.line_of((key, index))

    if key == "logo":
        return _logo(value, line, project)
    if key == "accent_colour":
        return _accent(value, line)
    if key == "nav":
        return _nav(value, line, line_of)
    return _footer(value, line)


def logo_site_path(logo: str) -> str:
    """Where the logo is served in the site: assets/logo.svg or assets/logo.png."""
    return "assets/logo" + Path(logo).suffix.lower()


def design_css(accent: tuple[tuple[str, str], ...]) -> str:
    """The stylesheet of the accent colours: custom properties the default stylesheet reads."""
    blocks = [f"@media (prefers-color-scheme: {scheme}) {{\n  :root {{ --link: {colour}; --accent: {colour}; }}\n}}\n"
              for scheme, colour in accent]
    return "/* Generated from site.yaml accent_colour. */\n" + "".join(blocks)


def copy_logo(project: Path, logo: str, root: Path, write: Callable[[Path, str, bytes], None]) -> None:
    """Copy the logo named in site.yaml into the site (build and serve call this with the assets)."""
    source = project / logo
    if logo and source.is_file():
        write(root, logo_site_path(logo), source.read_bytes())
