"""The home page's bar charts (generator/render/charts.py): numbers, bars and labels for inputs
worked out by hand, then the edge cases: one year, many years, no studies."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from generator.render.charts import (
    FONT,
    WIDTH,
    Bar,
    build_design_chart,
    build_year_chart,
    chart_rows,
    render_design_chart,
    render_year_chart,
)

# Invented brief: two studies from 2019, one from 2021, one with no year.
YEARS = [("2021", 1, "studies/year/2021/"), ("2019", 2, "studies/year/2019/"), ("", 1, "")]


def _svg(markup: str) -> ET.Element:
    return ET.fromstring(str(markup))


def _texts(svg: ET.Element, css: str) -> list[str]:
    return [t.text or "" for t in svg.iter("text") if t.get("class") == css]


def test_years_form_a_continuous_range_with_empty_years_as_zero() -> None:
    chart = build_year_chart(YEARS)
    assert chart is not None
    assert chart.bars == (Bar("2019", 2, "studies/year/2019/"), Bar("2020", 0, ""),
                          Bar("2021", 1, "studies/year/2021/"))
    assert chart.not_stated == 1
    assert chart.total == 4


def test_year_chart_draws_one_column_per_year_in_proportion() -> None:
    svg = _svg(render_year_chart(build_year_chart(YEARS)))  # type: ignore[arg-type]
    heights = [float(r.get("height", "0")) for r in svg.iter("rect")]
    assert len(heights) == 2  # 2020 has no studies: no rectangle, only its 0
    assert heights[0] == 2 * heights[1]
    assert _texts(svg, "chart-value") == ["2", "0", "1"]
    assert _texts(svg, "chart-label") == ["2019", "2020", "2021"]
    assert "Year of publication" in _texts(svg, "chart-axis-title")


def test_only_bars_with_studies_link_to_their_facet_page_and_say_so_in_words() -> None:
    svg = _svg(render_year_chart(build_year_chart(YEARS)))  # type: ignore[arg-type]
    links = list(svg.iter("a"))
    assert [a.get("href") for a in links] == ["studies/year/2019/", "studies/year/2021/"]
    assert [a.get("aria-label") for a in links] == ["2019: 2 studies", "2021: 1 study"]


def test_chart_is_named_by_its_title_and_described_by_its_numbers() -> None:
    svg = _svg(render_year_chart(build_year_chart(YEARS)))  # type: ignore[arg-type]
    assert svg.get("role") == "group"  # an img could not hold the bars' links (axe: nested-interactive)
    title_id, desc_id = svg.get("aria-labelledby"), svg.get("aria-describedby")
    assert svg.find(f"title[@id='{title_id}']").text == "Studies by year of publication"  # type: ignore[union-attr]
    assert svg.find(f"desc[@id='{desc_id}']").text == (  # type: ignore[union-attr]
        "Studies by year of publication, 4 studies in all. 2019: 2 studies; 2020: 0 studies; 2021: 1 study; "
        "Not stated: 1 study.")
    shown = list(svg.iter("text"))
    hidden = [t for g in svg.iter("g") if g.get("aria-hidden") == "true" for t in g.iter("text")]
    in_links = [t for a in svg.iter("a") for t in a.iter("text")]
    assert len(hidden) + len(in_links) == len(shown)  # no loose text read out of context


def test_table_rows_repeat_the_numbers_and_count_not_stated_apart() -> None:
    chart = build_year_chart(YEARS)
    assert chart is not None
    assert chart_rows(chart) == [("2019", 2, "studies/year/2019/"), ("2020", 0, ""), ("2021", 1, "studies/year/2021/"),
                                 ("Not stated", 1, "")]


def test_one_year_is_one_column_with_its_label_upright() -> None:
    chart = build_year_chart([("2015", 3, "y/")])
    assert chart is not None and chart.bars == (Bar("2015", 3, "y/"),) and chart.not_stated == 0
    svg = _svg(render_year_chart(chart))
    assert _texts(svg, "chart-label") == ["2015"]
    assert not any("rotate" in (t.get("transform") or "") for t in svg.iter("text") if t.get("class") == "chart-label")
    assert "Not stated" not in str(render_year_chart(chart))


def test_no_studies_means_no_chart() -> None:
    assert build_year_chart([]) is None
    assert build_year_chart([("", 0, "")]) is None
    assert build_design_chart([("", 0, "")]) is None


def test_only_unstated_years_give_a_chart_without_columns() -> None:
    chart = build_year_chart([("", 2, "")])
    assert chart is not None and chart.bars == () and chart.not_stated == 2


def _boxes_of_year_labels(svg: ET.Element) -> list[tuple[float, float]]:
    """(left, right) of every year label, from its anchor and the font: vertical labels are one line high."""
    spans = []
    for text in svg.iter("text"):
        if text.get("class") != "chart-label":
            continue
        transform = text.get("transform") or ""
        assert "rotate(-90)" in transform
        x = float(transform.split("(")[1].split()[0])
        spans.append((x - FONT, x))
    return spans


def test_thirty_years_fit_a_phone_with_thinned_vertical_labels_that_do_not_touch() -> None:
    counts = [(str(year), 1 + year % 4, f"studies/year/{year}/") for year in range(1995, 2025)]
    chart = build_year_chart(counts)
    assert chart is not None and len(chart.bars) == 30
    svg = _svg(render_year_chart(chart))
    assert svg.get("viewBox") == f"0 0 {WIDTH} {svg.get('height')}"  # no wider than a phone's chart
    spans = _boxes_of_year_labels(svg)
    assert 10 <= len(spans) < 30  # thinned, yet most years still named
    assert all(right <= next_left for (_, right), (next_left, _) in zip(spans, spans[1:]))
    assert _texts(svg, "chart-label")[0] == "1995"
    assert _texts(svg, "chart-value") == [str(1 + year % 4) for year in range(1995, 2025)]  # every bar keeps its number


def test_a_century_of_years_widens_the_chart_instead_of_crushing_it() -> None:
    chart = build_year_chart([("1900", 1, "a/"), ("1999", 1, "b/")])
    assert chart is not None and len(chart.bars) == 100
    svg = _svg(render_year_chart(chart))
    assert float(svg.get("width", "0")) > WIDTH and "chart-wide" in (svg.get("class") or "")


def test_designs_follow_the_vocabulary_then_unknown_designs_then_not_stated() -> None:
    chart = build_design_chart([("review", 2, "d/review/"), ("qualitative", 5, "d/qualitative/"),
                                ("case <study>", 1, "d/case/"), ("", 3, "")])
    assert chart is not None
    assert [(b.label, b.count) for b in chart.bars] == [
        ("Qualitative", 5), ("Quantitative", 0), ("Mixed methods", 0), ("Trial", 0), ("Review", 2),
        ("Other (programme description, commentary)", 0), ("case <study>", 1)]
    assert chart.not_stated == 3 and chart.total == 11
    markup = str(render_design_chart(chart))
    assert "case &lt;study&gt;" in markup and "<study>" not in markup
    svg = _svg(markup)
    assert _texts(svg, "chart-value") == ["5", "0", "0", "0", "2", "0", "1", "3"]
    widths = [float(r.get("width", "0")) for r in svg.iter("rect")]
    assert widths[0] == max(widths) and abs(widths[1] - 2 * widths[0] / 5) < 0.2  # Review: 2 of 5


def test_the_same_input_draws_the_same_bytes() -> None:
    assert render_year_chart(build_year_chart(YEARS)) == render_year_chart(build_year_chart(list(reversed(YEARS))))  # type: ignore[arg-type]


@given(st.dictionaries(st.integers(1900, 2030), st.integers(1, 500), min_size=1, max_size=40),
       st.integers(0, 50))
def test_any_years_keep_every_study_and_every_year_between(years: dict[int, int], unstated: int) -> None:
    chart = build_year_chart([(str(y), c, f"y/{y}/") for y, c in years.items()] + [("", unstated, "")])
    assert chart is not None
    assert [int(b.label) for b in chart.bars] == list(range(min(years), max(years) + 1))
    assert chart.total == sum(years.values()) + unstated
    svg = _svg(render_year_chart(chart))
    assert _texts(svg, "chart-value") == [str(b.count) for b in chart.bars]
