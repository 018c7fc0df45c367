"""The lines of a copied page, shared by every page reader.

Each page reader works on the page's non-blank lines with their line numbers (so diagnostics can
point at the line to edit) and joins kept lines back into paragraphs the same way; both live here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..clean import cjk_share, is_abstract_heading


@dataclass(frozen=True)
class Line:
    """A non-blank line of the page and its 1-based line number in the file."""

    number: int
    text: str


#: Longest line a page analysis looks at: an abstract paragraph is a few thousand characters, and the
#: rest of a longer line (a whole article or a data dump run together) holds nothing the head needs,
#: while every line-level pattern costs time in proportion to the line.
MAX_LINE_CHARS = 12_000


def page_lines(text: str) -> list[Line]:
    """The page's non-blank lines, stripped and cut to ``MAX_LINE_CHARS``, with their line numbers."""
    return [Line(i, raw.strip()[:MAX_LINE_CHARS]) for i, raw in enumerate(text.split("\n"), start=1) if raw.strip()]


def join_paragraphs(lines: list[Line]) -> str:
    """Lines back into text: consecutive lines form one paragraph, a gap starts another; a heading standing
    alone on its line keeps its line break, so the abstract splitter sees it as a heading."""
    parts: list[str] = []
    previous: Line | None = None
    for line in lines:
        if previous is not None:
            parts.append("\n\n" if line.number != previous.number + 1
                         else "\n" if is_abstract_heading(previous.text) or is_abstract_heading(line.text) else " ")
        parts.append(line.text)
        previous = line
    return "".join(parts)


def is_cjk_line(text: str) -> bool:
    """Mostly Chinese/Japanese/Korean text: a translation, a counter label or site chrome."""
    return cjk_share(text) > 0.3
