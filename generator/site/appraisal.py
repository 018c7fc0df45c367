"""Display data for the appraisal summary: a traffic-light table per tool and a bar per criterion.

Drawn as robvis draws risk-of-bias summaries, but every cell carries its answer as text and an
icon, and every bar its counts as text, so colour is never the only carrier of meaning. Pure:
published studies and tool definitions in, frozen rows out; links come from the page's link function.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..model.appraisal import AppraisalTool, Criterion, Tools
from ..model.study import Study
from . import urls
from .themeviews import study_label

Link = Callable[[str], str]
#: Shown beside the text label in each cell (hidden from screen readers, which read the label).
ICONS = {"favourable": "✓", "unfavourable": "✗", "unclear": "?", "not-applicable": "–", "unanswered": "·"}
UNANSWERED_LABEL = "Not answered"


@dataclass(frozen=True)
class Cell:
    label: str
    judgement: str
    icon: str
    note: str | None


@dataclass(frozen=True)
class StudyRow:
    anchor: str
    label: str
    title: str
    href: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Segment:
    """One answer's share of a criterion's bar: x and width in percent of the bar."""

    label: str
    judgement: str
    count: int
    percent: int
    x: float
    width: float


@dataclass(frozen=True)
class CriterionSummary:
    criterion: Criterion
    segments: tuple[Segment, ...]
    total: int

    @property
    def text(self) -> str:
        """The bar in words: "Yes 3 of 5 (60%), No 1 of 5 (20%), ..." (answers with no study left out)."""
        return ", ".join(f"{s.label} {s.count} of {self.total} ({s.percent}%)" for s in self.segments)


@dataclass(frozen=True)
class ToolSummary:
    """Everything one tool's section shows: its table rows, its bars and its legend."""

    tool: AppraisalTool
    anchor: str
    rows: tuple[StudyRow, ...]
    bars: tuple[CriterionSummary, ...]
    legend: tuple[tuple[str, str, str], ...]


def appraised(studies: Sequence[Study], tools: Tools) -> list[Study]:
    """Studies whose appraisal names a tool the site knows, in the order given."""
    return [s for s in studies if s.appraisal is not None and s.appraisal.tool in tools]


def tool_summaries(studies: Sequence[Study], tools: Tools, link: Link) -> list[ToolSummary]:
    """One section per tool used by at least one study, tools by name, studies by label."""
    by_tool: dict[str, list[Study]] = {}
    for study in appraised(studies, tools):
        assert study.appraisal is not None
        by_tool.setdefault(study.appraisal.tool, []).append(study)
    sections = []
    for tool_id, members in sorted(by_tool.items(), key=lambda item: (tools[item[0]].name, item[0])):
        tool = tools[tool_id]
        members = sorted(members, key=lambda s: (study_label(s).lower(), s.id))
        rows = tuple(_row(s, tool, link) for s in members)
        sections.append(ToolSummary(tool, f"tool-{tool.id}", rows, _bars(tool, rows), _legend(tool, rows)))
    return sections


def appraisal_rows(study: Study, tools: Tools) -> list[tuple[str, str, str | None]]:
    """(question, answer label, note) of a study's appraisal in the tool's order, for its study page."""
    if study.appraisal is None or study.appraisal.tool not in tools:
        return []
    tool = tools[study.appraisal.tool]
    given = {key: (answer, note) for key, answer, note in study.appraisal.answers}
    rows = []
    for criterion in tool.criteria:
        if criterion.id in given:
            answer, note = given[criterion.id]
            value = tool.answer(answer)
            rows.append((criterion.question, value.label if value else answer, note))
    return rows


def _row(study: Study, tool: AppraisalTool, link: Link) -> StudyRow:
    assert study.appraisal is not None
    given = {key: (answer, note) for key, answer, note in study.appraisal.answers}
    cells = []
    for criterion in tool.criteria:
        answer, note = given.get(criterion.id, (None, None))
        value = tool.answer(answer) if answer is not None else None
        if value is None:
            cells.append(Cell(UNANSWERED_LABEL, "unanswered", ICONS["unanswered"], None))
        else:
            cells.append(Cell(value.label, value.judgement, ICONS[value.judgement], note))
    return StudyRow(f"appraisal-{study.id}", study_label(study), study.title, link(urls.study(study.id)), tuple(cells))


def _bars(tool: AppraisalTool, rows: Sequence[StudyRow]) -> tuple[CriterionSummary, ...]:
    """Per criterion, the share of studies giving each answer, in the scale's order, then "not answered"."""
    order = [(s.label, s.judgement) for s in tool.scale] + [(UNANSWERED_LABEL, "unanswered")]
    bars = []
    for index, criterion in enumerate(tool.criteria):
        counts = Counter((row.cells[index].label, row.cells[index].judgement) for row in rows)
        segments, x = [], 0.0
        for label, judgement in order:
            count = counts.get((label, judgement), 0)
            if count:
                width = 100 * count / len(rows)
                segments.append(Segment(label, judgement, count, round(width), round(x, 3), round(width, 3)))
                x += width
        bars.append(CriterionSummary(criterion, tuple(segments), len(rows)))
    return tuple(bars)


def _legend(tool: AppraisalTool, rows: Sequence[StudyRow]) -> tuple[tuple[str, str, str], ...]:
    """(icon, label, judgement) of every answer the tool allows, plus "not answered" when a cell is."""
    legend = [(ICONS[s.judgement], s.label, s.judgement) for s in tool.scale]
    if any(c.judgement == "unanswered" for row in rows for c in row.cells):
        legend.append((ICONS["unanswered"], UNANSWERED_LABEL, "unanswered"))
    return tuple(legend)
