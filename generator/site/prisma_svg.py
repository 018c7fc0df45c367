"""The PRISMA 2020 flow diagram (new reviews) as inline SVG, drawn at build time from the counted flow.

Why SVG text is wrapped here: SVG has no text flow, so every line break is computed from glyph
widths. The widths below are those of DejaVu Sans, the widest of the usual system sans-serif
fonts, plus a margin, so a line measured here fits its box in narrower fonts too.
Boxes and wording follow the PRISMA 2020 template: "Identification of studies via databases and
registers" and, when the brief has any, "... via other methods"; phases Identification,
Screening and Included.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from .prisma import Column, Flow

FONT_SIZE = 13
LINE_HEIGHT = 17
PAD = 9
BOX_WIDTH = 230
GAP = 36
BAND = 28
#: Advance widths in em (DejaVu Sans, rounded up); anything else counts as the widest letters.
_WIDTHS = {**dict.fromkeys("iljI'|!.,:;", 0.34), **dict.fromkeys("ft()[]-/r", 0.42), " ": 0.32,
           **dict.fromkeys("abcdeghknopqsuvxyz", 0.64), "m": 0.98, "w": 0.83, **dict.fromkeys("0123456789", 0.64),
           "=": 0.84, "*": 0.5}
_WIDE = 0.86
_MARGIN = 1.06


@dataclass(frozen=True)
class Box:
    """One box: its lines (already wrapped) at x, y, with a bold first line when it is a heading."""

    x: float
    y: float
    width: float
    height: float
    lines: tuple[str, ...]
    kind: str = "box"


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """An upper bound of ``text``'s rendered width in px."""
    return sum(_WIDTHS.get(ch, _WIDE) for ch in text) * size * _MARGIN


def wrap(text: str, width: float, size: float = FONT_SIZE) -> list[str]:
    """``text`` in lines no wider than ``width`` px (a word longer than a line is cut where it must be)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while text_width(current, size) > width:
            cut = max(1, max(n for n in range(1, len(current) + 1) if text_width(current[:n], size) <= width
                             or n == 1))
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    return lines


def _box(x: float, y: float, texts: Sequence[str], kind: str = "box", width: float = BOX_WIDTH) -> Box:
    lines = tuple(line for text in texts for line in wrap(text, width - 2 * PAD))
    return Box(x, y, width, len(lines) * LINE_HEIGHT + 2 * PAD, lines, kind)


def _side(x: float, y: float, texts: list[str] | None) -> Box | None:
    return None if texts is None else _box(x + BOX_WIDTH + GAP, y, texts)


def _n(value: int) -> str:
    return f"(n = {value:,})"


def column_texts(column: Column, other: bool) -> list[tuple[list[str], list[str] | None]]:
    """(main box, side box) texts per row of one column, in the template's wording."""
    rows: list[tuple[list[str], list[str] | None]] = []
    if other:
        rows.append((["Records identified from:", *(f"{i.name} {_n(i.records)}" for i in column.identified)],
                     [f"Duplicate records removed {_n(column.duplicates_removed)}"] if column.duplicates_removed
                     else None))
    else:
        databases, registers = column.identified_of("database"), column.identified_of("register")
        rows.append((["Records identified from:",
                      f"Databases {_n(sum(i.records for i in databases))}",
                      *(f"{i.name} {_n(i.records)}" for i in databases),
                      f"Registers {_n(sum(i.records for i in registers))}",
                      *(f"{i.name} {_n(i.records)}" for i in registers)],
                     ["Records removed before screening:",
                      f"Duplicate records removed {_n(column.duplicates_removed)}",
                      f"Records marked as ineligible by automation tools {_n(column.automation_removed)}",
                      f"Records removed for other reasons {_n(column.other_removed)}"]))
        excluded = [f"Records excluded {_n(column.screening_excluded)}"]
        if column.awaiting:
            excluded.append(f"Records awaiting a decision {_n(column.awaiting)}")
        rows.append(([f"Records screened {_n(column.screened or 0)}"], excluded))
    rows.append(([f"Reports sought for retrieval {_n(column.sought)}"],
                 [f"Reports not retrieved {_n(column.not_retrieved)}"]))
    reasons = [f"{label} {_n(n)}" for label, n in column.excluded]
    rows.append(([f"Reports assessed for eligibility {_n(column.assessed)}"],
                 [f"Reports excluded {_n(column.excluded_total)}" + (":" if reasons else ""), *reasons]))
    return rows


def layout(flow: Flow) -> tuple[list[Box], list[tuple[float, float, float, float]], float, float]:
    """Boxes, arrows (x1, y1, x2, y2), width and height of the diagram."""
    left = BAND + 12
    columns = [(left, column_texts(flow.databases, False))]
    if flow.other:
        columns.append((left + 2 * (BOX_WIDTH + GAP), column_texts(flow.other, True)))
    header_h = max(_box(0, 0, [_heading(i)], "heading", 2 * BOX_WIDTH + GAP).height for i in range(len(columns)))
    boxes: list[Box] = [_box(x, 0, [_heading(i)], "heading", 2 * BOX_WIDTH + GAP)
                        for i, (x, _) in enumerate(columns)]
    boxes = [Box(b.x, b.y, b.width, header_h, b.lines, b.kind) for b in boxes]
    arrows: list[tuple[float, float, float, float]] = []
    y = header_h + GAP / 2
    # rows are aligned across the two columns from the bottom: the other column has no screening row
    main_rows = columns[0][1]
    offsets = [0] + ([len(main_rows) - len(columns[1][1])] if flow.other else [])
    last_main: dict[float, Box] = {}
    row_tops: list[float] = []
    for row in range(len(main_rows)):
        row_tops.append(y)
        pairs = [(_box(x, y, rows[row - offset][0]), _side(x, y, rows[row - offset][1]))
                 for (x, rows), offset in zip(columns, offsets, strict=True) if row - offset >= 0]
        height = max(b.height for pair in pairs for b in pair if b is not None)
        for main, side in pairs:
            main = Box(main.x, y, main.width, height, main.lines, main.kind)
            boxes.append(main)
            if side is not None:
                boxes.append(Box(side.x, y, side.width, height, side.lines, side.kind))
                arrows.append((main.x + BOX_WIDTH, y + height / 2, side.x, y + height / 2))
            previous = last_main.get(main.x)
            if previous is not None:
                arrows.append((main.x + BOX_WIDTH / 2, previous.y + previous.height, main.x + BOX_WIDTH / 2, y))
            last_main[main.x] = main
        y += height + GAP
    included_top = y
    included = _box(left, y, [f"Studies included in review {_n(flow.studies_included)}",
                              f"Reports of included studies {_n(flow.reports_included)}"])
    boxes.append(included)
    arrows.append((left + BOX_WIDTH / 2, last_main[left].y + last_main[left].height, left + BOX_WIDTH / 2,
                   y))
    if flow.other:
        other_x = columns[1][0]
        source = last_main[other_x]
        arrows.append((other_x + BOX_WIDTH / 2, source.y + source.height, other_x + BOX_WIDTH / 2,
                       y + included.height / 2))
        arrows.append((other_x + BOX_WIDTH / 2, y + included.height / 2, left + BOX_WIDTH, y + included.height / 2))
    bottom = y + included.height
    screening_top = row_tops[1] if len(row_tops) > 1 else row_tops[0]
    phases = [("Identification", row_tops[0], screening_top - GAP / 2),
              ("Screening", screening_top - GAP / 2, included_top - GAP / 2),
              ("Included", included_top - GAP / 2, bottom)]
    boxes += [Box(0, top, BAND, end - top, (name,), "phase") for name, top, end in phases]
    width = columns[-1][0] + 2 * BOX_WIDTH + GAP + 2
    return boxes, arrows, width, bottom + 2


def _heading(index: int) -> str:
    return ("Identification of studies via databases and registers" if index == 0
            else "Identification of studies via other methods")


def render_prisma_svg(flow: Flow, title: str = "PRISMA 2020 flow diagram") -> Markup:
    """The diagram as an inline ``<svg role="img">`` with a title and a description of every count."""
    boxes, arrows, width, height = layout(flow)
    parts = [f'<svg class="prisma-svg" xmlns="http://www.w3.org/2000/svg" role="img" width="{width:.0f}" '
             f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
             'aria-labelledby="prisma-title prisma-desc">',
             f'<title id="prisma-title">{escape(title)}</title>',
             f'<desc id="prisma-desc">{escape(describe(flow))}</desc>',
             '<defs><marker id="prisma-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
             'markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" class="prisma-head"/>'
             '</marker></defs>']
    parts += [f'<line class="prisma-arrow" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
              'marker-end="url(#prisma-arrow)"/>' if (x2, y2) != (x1, y1) else "" for x1, y1, x2, y2 in arrows]
    parts += [_render_box(box) for box in boxes]
    parts.append("</svg>")
    return Markup("".join(parts))


def _render_box(box: Box) -> str:
    rect = (f'<rect class="prisma-{box.kind}" x="{box.x:.1f}" y="{box.y:.1f}" width="{box.width:.1f}" '
            f'height="{box.height:.1f}" rx="3"/>')
    if box.kind == "phase":
        cx, cy = box.x + box.width / 2, box.y + box.height / 2
        text = (f'<text class="prisma-phase-text" x="{cx:.1f}" y="{cy:.1f}" text-anchor="middle" '
                f'dominant-baseline="central" transform="rotate(-90 {cx:.1f} {cy:.1f})">{escape(box.lines[0])}</text>')
        return f'<g class="prisma-group">{rect}{text}</g>'
    strong = ' class="prisma-strong"' if box.kind == "heading" else ""
    spans = "".join(f'<tspan x="{box.x + PAD:.1f}" y="{box.y + PAD + (i + 1) * LINE_HEIGHT - 4:.1f}"'
                    f'{strong if i == 0 else ""}>{escape(line)}</tspan>' for i, line in enumerate(box.lines))
    return f'<g class="prisma-group">{rect}<text class="prisma-text">{spans}</text></g>'


def describe(flow: Flow) -> str:
    """The diagram in one paragraph of text, for the SVG's description."""
    main = flow.databases
    parts = [f"{main.identified_total:,} records identified from databases and registers",
             f"{main.duplicates_removed:,} duplicates and {main.automation_removed + main.other_removed:,} other "
             "records removed before screening",
             f"{main.screened or 0:,} records screened, {main.screening_excluded:,} excluded",
             f"{main.sought:,} reports sought, {main.not_retrieved:,} not retrieved",
             f"{main.assessed:,} reports assessed for eligibility, {main.excluded_total:,} excluded with reasons"]
    if flow.other:
        other = flow.other
        parts.append(f"via other methods {other.identified_total:,} records identified, {other.assessed:,} reports "
                     f"assessed, {other.excluded_total:,} excluded")
    parts.append(f"{flow.studies_included:,} studies included ({flow.reports_included:,} reports)")
    return "PRISMA 2020 flow: " + "; ".join(parts) + "."
