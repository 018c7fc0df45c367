"""Bar charts drawn at build time as inline SVG: studies by year and studies by design.

Readers would rather look than read for "how old is this evidence" and "what kind of studies is it",
so the home page draws both. No JavaScript and no chart library: a few rectangles and labels,
placed here with arithmetic whose output is the same bytes on every build. Colours are CSS classes
that read the site's custom properties, so light, dark and print themes apply. Every chart carries
its text alternative (``<title>`` names it, ``<desc>`` gives every number) and each bar with studies
links to its facet page; the template shows the same numbers as a table.

The SVG is drawn for a phone-wide viewBox (``WIDTH`` units, about 1 px each at 375 px) and scaled
by CSS; only when a year axis has too many years for ``MIN_SLOT`` units each does it grow wider
(and scroll in its own frame). Labels are placed from an estimate of their width, so they never
overlap: year labels turn vertical, then thin to every k-th year, when the years crowd together.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..model.vocabulary import DESIGNS

#: The viewBox width of every chart, in user units.
WIDTH = 360
#: Narrowest column of a year chart; more years than fit at this width make the chart wider.
MIN_SLOT = 10
FONT = 11  # value and axis labels, in user units
#: Width of one character relative to the font size: generous for digits and text of the system fonts.
CHAR_WIDTH = 0.62
NOT_STATED = "Not stated"


@dataclass(frozen=True)
class Bar:
    """One bar: what it counts, how many studies, and the facet page listing them ("" when none exists)."""

    label: str
    count: int
    href: str = ""


@dataclass(frozen=True)
class Chart:
    """A bar chart's data: bars in axis order, plus studies that do not state the charted value."""

    id: str
    title: str
    axis_label: str
    bars: tuple[Bar, ...]
    not_stated: int

    @property
    def total(self) -> int:
        return sum(b.count for b in self.bars) + self.not_stated

    @property
    def description(self) -> str:
        """The text alternative: every bar's number in words, in axis order."""
        parts = [f"{b.label}: {_studies(b.count)}" for b in self.bars]
        if self.not_stated:
            parts.append(f"{NOT_STATED}: {_studies(self.not_stated)}")
        return f"{self.title}, {_studies(self.total)} in all. " + "; ".join(parts) + "."


Counts = Iterable[tuple[str, int, str]]


def build_year_chart(counts: Counts, chart_id: str = "chart-years") -> Chart | None:
    """Studies per year over the continuous range of stated years (a year with none is a 0 bar).

    ``counts`` holds (year, studies, facet link) per stated year and ("", studies, "") for studies
    without one. Returns None when there are no studies. Non-numeric years are counted as not stated.
    """
    stated: dict[int, tuple[int, str]] = {}
    not_stated = 0
    for value, count, href in counts:
        if value.strip().isdigit():
            stated[int(value)] = (count, href)
        else:
            not_stated += count
    if not stated and not not_stated:
        return None
    years = range(min(stated), max(stated) + 1) if stated else range(0)
    bars = tuple(Bar(str(y), *stated.get(y, (0, ""))) for y in years)
    return Chart(chart_id, "Studies by year of publication", "Year of publication", bars, not_stated)


def build_design_chart(counts: Counts, labels: Mapping[str, str] | None = None,
                       chart_id: str = "chart-designs") -> Chart | None:
    """Studies per design, every design of the brief's vocabulary in its order (0 where none), then
    any design outside it; ``counts`` as for ``build_year_chart``, ``labels`` the brief's names of the
    designs (default: the general ones). None when there are no studies."""
    stated: dict[str, tuple[int, str]] = {}
    not_stated = 0
    for value, count, href in counts:
        if value:
            stated[value] = (count, href)
        else:
            not_stated += count
    if not stated and not not_stated:
        return None
    names = {**DESIGNS, **(labels or {})}
    order = [*DESIGNS, *sorted(set(stated) - set(DESIGNS))]
    bars = tuple(Bar(names.get(d, d), *stated.get(d, (0, ""))) for d in order)
    return Chart(chart_id, "Studies by design", "Number of studies", bars, not_stated)


def render_year_chart(chart: Chart) -> Markup:
    """The chart as vertical columns, one per year, each labelled with its number of studies."""
    layout = _ColumnLayout.of(chart)
    parts = [_svg_open(chart, layout.width, layout.height)]
    for index, bar in enumerate(chart.bars):
        parts.append(_column(layout, index, bar))
    parts.append(_decoration(
        _baseline(layout) + _year_labels(layout, chart)
        + _text(layout.left + layout.plot_width / 2, layout.height - 6, chart.axis_label, "middle", "chart-axis-title")
        + _rotated_text(FONT + 2, layout.top + layout.plot_height / 2, "Number of studies", "middle",
                        "chart-axis-title")))
    parts.append("</svg>")
    return Markup("".join(parts))


def render_design_chart(chart: Chart) -> Markup:
    """The chart as horizontal bars, each under its design's name (long names need the whole width)."""
    rows = [*chart.bars, *((Bar(NOT_STATED, chart.not_stated),) if chart.not_stated else ())]
    row_height, bar_height, top = 40, 14, 8
    label_width = _text_width(str(max((r.count for r in rows), default=0))) + 6
    scale = (WIDTH - 2 - label_width) / max(1, max(r.count for r in rows))
    height = top + row_height * len(rows) + FONT + 14
    parts = [_svg_open(chart, WIDTH, height)]
    for index, row in enumerate(rows):
        y = top + index * row_height
        length = row.count * scale
        name = _fit(row.label, WIDTH - 2)
        inner = (_text(1, y + FONT, name, "start", "chart-label")
                 + _rect(1, y + FONT + 5, length, bar_height)
                 + _text(1 + length + 4, y + FONT + 5 + bar_height - 3, str(row.count), "start", "chart-value"))
        parts.append(_linked(row, inner))
    axis_y = top + row_height * len(rows) - 8
    parts.append(_decoration(f'<line class="chart-axis" x1="1" y1="{top}" x2="1" y2="{_n(axis_y)}"/>'
                             + _text(1, height - 4, chart.axis_label, "start", "chart-axis-title")))
    parts.append("</svg>")
    return Markup("".join(parts))


@dataclass(frozen=True)
class _ColumnLayout:
    """Where a year chart's columns and labels go, decided once from the number of years and counts."""

    left: float
    top: float
    plot_width: float
    plot_height: float
    slot: float
    scale: float
    value_vertical: bool
    year_vertical: bool
    year_step: int
    width: float
    height: float

    @classmethod
    def of(cls, chart: Chart) -> _ColumnLayout:
        years = max(1, len(chart.bars))
        peak = max((b.count for b in chart.bars), default=0)
        left, right = FONT + 10, 4
        plot_width = max(WIDTH - left - right, years * MIN_SLOT)
        slot = plot_width / years
        value_width = _text_width(str(peak))
        value_vertical = value_width + 2 > slot
        top = 6 + (value_width if value_vertical else FONT)
        year_width = _text_width("0000")
        year_vertical = year_width + 4 > slot
        year_step = math.ceil((FONT + 3) / slot) if year_vertical else 1
        label_height = (year_width if year_vertical else FONT) + 8
        plot_height = 150
        height = top + plot_height + label_height + FONT + 12
        return cls(left, top, plot_width, plot_height, slot, plot_height / max(1, peak), value_vertical,
                   year_vertical, year_step, left + plot_width + right, height)

    @property
    def baseline(self) -> float:
        return self.top + self.plot_height

    def centre(self, index: int) -> float:
        return self.left + self.slot * (index + 0.5)


def _column(layout: _ColumnLayout, index: int, bar: Bar) -> str:
    width = min(layout.slot * 0.72, 40)
    height = bar.count * layout.scale
    x = layout.centre(index)
    top = layout.baseline - height
    if layout.value_vertical:
        value = _rotated_text(x + FONT / 3, top - 3, str(bar.count), "start", "chart-value")
    else:
        value = _text(x, top - 3, str(bar.count), "middle", "chart-value")
    return _linked(bar, _rect(x - width / 2, top, width, height) + value)


def _year_labels(layout: _ColumnLayout, chart: Chart) -> str:
    """Every year's label, or every k-th when even vertical labels would touch; the table lists them all."""
    labels = []
    y = layout.baseline + 5
    for index, bar in enumerate(chart.bars):
        if index % layout.year_step:
            continue
        x = layout.centre(index)
        if layout.year_vertical:
            labels.append(_rotated_text(x + FONT / 3, y, bar.label, "end", "chart-label"))
        else:
            labels.append(_text(x, y + FONT, bar.label, "middle", "chart-label"))
    return "".join(labels)


def _baseline(layout: _ColumnLayout) -> str:
    x2 = layout.left + layout.plot_width
    return (f'<line class="chart-axis" x1="{_n(layout.left)}" y1="{_n(layout.baseline)}" x2="{_n(x2)}" '
            f'y2="{_n(layout.baseline)}"/>')


def _svg_open(chart: Chart, width: float, height: float) -> str:
    """The root element, named by the chart's title and described by all its numbers.

    A group, not role="img": an image's children are presentational, so the bars' links inside it would
    be focusable yet unnamed (axe: nested-interactive). Axes and labels are hidden from assistive
    technology instead; each bar link carries its own name ("2019: 2 studies")."""
    ident = escape(chart.id)
    wide = " chart-wide" if width > WIDTH else ""
    return (f'<svg class="chart{wide}" role="group" viewBox="0 0 {_n(width)} {_n(height)}" width="{_n(width)}" '
            f'height="{_n(height)}" aria-labelledby="{ident}-title" aria-describedby="{ident}-desc">'
            f'<title id="{ident}-title">{escape(chart.title)}</title>'
            f'<desc id="{ident}-desc">{escape(chart.description)}</desc>')


def _linked(bar: Bar, inner: str) -> str:
    """A bar and its labels as a link to the bar's facet page, named in words; a bar without studies has
    no page, so it is only drawn (and its 0 is in the description and the table)."""
    if not bar.href or not bar.count:
        return _decoration(inner)
    name = f"{bar.label}: {_studies(bar.count)}"
    return (f'<a class="chart-bar-group" href="{escape(bar.href)}" aria-label="{escape(name)}">'
            f'<title>{escape(name)}</title>{inner}</a>')


def _decoration(inner: str) -> str:
    """Drawn parts that repeat what the description already says: hidden from assistive technology."""
    return f'<g aria-hidden="true">{inner}</g>'



def _rect(x: float, y: float, width: float, height: float) -> str:
    if height <= 0 or width <= 0:
        return ""
    return f'<rect class="chart-bar" x="{_n(x)}" y="{_n(y)}" width="{_n(width)}" height="{_n(height)}"/>'


def _text(x: float, y: float, text: str, anchor: str, css: str) -> str:
    return f'<text class="{css}" x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}">{escape(text)}</text>'


def _rotated_text(x: float, y: float, text: str, anchor: str, css: str) -> str:
    """Text reading upwards from (x, y): for labels too wide to sit side by side."""
    return (f'<text class="{css}" transform="translate({_n(x)} {_n(y)}) rotate(-90)" '
            f'text-anchor="{anchor}">{escape(text)}</text>')


def _text_width(text: str, size: float = FONT) -> float:
    return len(text) * size * CHAR_WIDTH


def _fit(text: str, width: float) -> str:
    """``text`` shortened with an ellipsis to fit ``width``; the title, desc and table keep it whole."""
    most = int(width / (FONT * CHAR_WIDTH))
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _n(value: float) -> str:
    """A coordinate with at most one decimal, the same string on every platform."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _studies(count: int) -> str:
    return f"{count} study" if count == 1 else f"{count} studies"


def chart_rows(chart: Chart) -> list[tuple[str, int, str]]:
    """(label, studies, link) per table row: the bars, then "Not stated" when some studies are."""
    rows = [(b.label, b.count, b.href if b.count else "") for b in chart.bars]
    if chart.not_stated:
        rows.append((NOT_STATED, chart.not_stated, ""))
    return rows


#: What templates can call: build a chart from a page's counts, draw it, list its numbers.
TEMPLATE_GLOBALS = {
    "year_chart": build_year_chart,
    "design_chart": build_design_chart,
    "render_year_chart": render_year_chart,
    "render_design_chart": render_design_chart,
    "chart_rows": chart_rows,
}

