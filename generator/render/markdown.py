"""The brief's own Markdown (content/*.md) to safe HTML, with Pandoc-style study citations.

Only curated text from content/ goes through Markdown; source text never does. Raw HTML is off in
the parser and the result is sanitised with nh3 as well, so not even a curator's paste can run
script. ``[@id]`` and ``[@a; @b]`` become links to the studies; an unknown id is an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from ..errors import Diagnostic, error

_CITATION = re.compile(r"\[(@[\w.-]+(?:\s*;\s*@[\w.-]+)*)\]")
_ALLOWED_TAGS = {"p", "a", "em", "strong", "ul", "ol", "li", "h2", "h3", "h4", "blockquote", "code", "pre",
                 "table", "thead", "tbody", "tr", "th", "td", "hr", "br", "sup", "cite", "span"}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "span": {"class"}, "cite": {"class"}}


@dataclass(frozen=True)
class RenderedText:
    html: Markup
    cited: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")


def render_markdown(text: str, path: str, *, known_ids: set[str], study_href: Callable[[str], str],
                    study_label: Callable[[str], str], first_line: int = 1) -> RenderedText:
    """Markdown with citations resolved to links; unknown ids are reported with their line."""
    problems: list[Diagnostic] = []
    cited: list[str] = []

    def replace(match: re.Match[str], line: int) -> str:
        ids = [part.strip().lstrip("@") for part in match.group(1).split(";")]
        links = []
        for study_id in ids:
            if study_id not in known_ids:
                problems.append(error(path, f"citation '@{study_id}' names no published study",
                                      "Use the id of an included record in content/studies/ (its file name)",
                                      line=line))
                links.append(str(escape(study_id)))
                continue
            cited.append(study_id)
            links.append(f"[{_md_escape(study_label(study_id))}]({study_href(study_id)})")
        return "<cite-open>" + "; ".join(links) + "<cite-close>"

    lines = [_CITATION.sub(partial(_at_line, replace, number), line)
             for number, line in enumerate(text.split("\n"), start=first_line)]
    html = _parser().render("\n".join(lines))
    html = html.replace("&lt;cite-open&gt;", '<cite class="refs">(').replace("&lt;cite-close&gt;", ")</cite>")
    clean = nh3.clean(html, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES, link_rel=None,
                      url_schemes={"http", "https", "mailto"})
    return RenderedText(Markup(clean), tuple(dict.fromkeys(cited)), tuple(problems))


def _at_line(replace: Callable[[re.Match[str], int], str], line: int, match: re.Match[str]) -> str:
    return replace(match, line)


def _md_escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]()<>#!|])", r"\\\1", text)
