"""Theme pages stay small whatever the number of studies; their long lists move to paginated pages.

Synthetic studies and matches (no theme matching, no seeds), built into the site model directly:
each group of evidence shows ``theme_quotes`` sentences with the real totals, studies a finding or
the narrative cites come first, and the sub-pages hold every sentence and row exactly once.
"""

from __future__ import annotations

import math
import posixpath
from pathlib import Path

import pytest
from markupsafe import Markup

from generator.config import SiteConfig
from generator.model.study import Study
from generator.pipeline import render_site_page
from generator.render.env import build_environment
from generator.site import urls
from generator.site.files import render_sitemap
from generator.site.model import BriefText, Page, build_site_model
from generator.site.themeviews import UNCITED_SHOWN, ThemeDetail
from generator.synthesis.matching import CitedEvidence, Evidence, ThemeMatch
from generator.synthesis.themes import Finding, Theme

THEME = "topic"


def _theme(*finding_studies: str) -> Theme:
    findings = tuple(Finding(f"Finding on {i}.", (i,), "low", (), True, 1) for i in finding_studies)
    return Theme(THEME, "Topic", "What about the topic?", "The topic.", 1, "", "content/themes/topic.md",
                 findings=findings)


def _corpus(count: int, barriers: int = 2, cited: int = 0) -> tuple[list[Study], list[ThemeMatch]]:
    """``count`` studies s000, s001...: each with ``barriers`` barrier sentences, one facilitator
    sentence and ``cited`` statements of citing papers; every text is unique."""
    studies, matches = [], []
    for n in range(count):
        sid = f"s{n:03d}"
        studies.append(Study(id=sid, title=f"Study {n}", authors=(f"Author{n}, A",), year=2020))
        evidence = tuple(Evidence(f"s3-{k + 1}", "Results", "results", f"{sid} barrier {k}.", "barrier", ("x",))
                         for k in range(barriers))
        evidence += (Evidence("s4-1", "Conclusions", "conclusions", f"{sid} facilitator.", "facilitator", ("x",)),)
        statements = tuple(CitedEvidence(f"{sid} cited {k}.", "Discussion", ("x",)) for k in range(cited))
        matches.append(ThemeMatch(THEME, sid, True, False, "signal in results", evidence, statements))
    return studies, matches


def _model(config: SiteConfig, studies: list[Study], matches: list[ThemeMatch], theme: Theme | None = None,
           narrative_cites: tuple[str, ...] = ()) -> dict[str, Page]:
    theme = theme or _theme()
    text = BriefText(Markup(""), Markup(""), {THEME: Markup("")}, {THEME: narrative_cites})
    model = build_site_model(config, studies, [theme], text, {THEME: matches})
    return {p.path: p for p in model.pages}


def _detail(pages: dict[str, Page]) -> ThemeDetail:
    detail = pages[urls.theme(THEME)].context["detail"]
    assert isinstance(detail, ThemeDetail)
    return detail


def _texts(page: Page) -> list[str]:
    return [item.text for item in page.context["items"]]


def _resolve(page_path: str, href: str) -> str:
    """The site path a relative link on ``page_path`` points to (fragment kept)."""
    target, _, fragment = href.partition("#")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(urls.output_file(page_path)), target))
    return resolved.removeprefix(".").lstrip("/") + ("/" if target.endswith("/") else "") + \
        (f"#{fragment}" if fragment else "")


def _sub_pages(pages: dict[str, Page]) -> list[str]:
    return sorted(p for p in pages if p.startswith(f"themes/{THEME}/") and p != urls.theme(THEME))


def test_a_small_theme_shows_everything_and_has_no_sub_pages() -> None:
    studies, matches = _corpus(3, barriers=3, cited=2)
    pages = _model(SiteConfig(), studies, matches)
    detail = _detail(pages)
    assert [(g.role, len(g.items), g.total, g.more_href) for g in detail.roles] == [
        ("barrier", 9, 9, None), ("facilitator", 3, 3, None)]
    assert detail.cited is not None and (len(detail.cited.items), detail.cited.more_href) == (6, None)
    assert (len(detail.comparison), detail.comparison_total, detail.comparison_more_href) == (3, 3, None)
    assert _sub_pages(pages) == []
    theme_page = pages[urls.theme(THEME)]
    assert len(theme_page.context["rows"]) == theme_page.context["rows_total"] == 3


def test_each_group_shows_theme_quotes_sentences_with_the_real_totals() -> None:
    studies, matches = _corpus(30, barriers=2, cited=1)
    detail = _detail(_model(SiteConfig(theme_quotes=5, page_size=7), studies, matches))
    barriers, facilitators = detail.roles
    assert (len(barriers.items), barriers.total, barriers.study_count) == (5, 60, 30)
    assert (len(facilitators.items), facilitators.total, facilitators.study_count) == (5, 30, 30)
    assert barriers.more_href == "evidence/barrier/" and facilitators.more_href == "evidence/facilitator/"
    assert detail.cited is not None
    assert (len(detail.cited.items), detail.cited.total, detail.cited.more_href) == (5, 30, "evidence/cited/")


def test_sentences_of_studies_the_findings_or_narrative_cite_come_first() -> None:
    studies, matches = _corpus(30, barriers=2)
    pages = _model(SiteConfig(theme_quotes=5), studies, matches, _theme("s023"), narrative_cites=("s017",))
    barriers = _detail(pages).roles[0]
    assert [i.text for i in barriers.items] == ["s017 barrier 0.", "s017 barrier 1.", "s023 barrier 0.",
                                                "s023 barrier 1.", "s000 barrier 0."]
    assert barriers.items[0].href == "../../studies/s017/#s3-1"
    # the sub-page starts with the same sentences, then the rest in their order
    first = _texts(pages["themes/topic/evidence/barrier/"])
    assert first[:5] == [i.text for i in barriers.items]
    assert first[5:8] == ["s000 barrier 1.", "s001 barrier 0.", "s001 barrier 1."]


@pytest.mark.parametrize("group, per_study", [("barrier", 2), ("facilitator", 1), ("cited", 3)])
def test_sub_pages_hold_every_sentence_exactly_once(group: str, per_study: int) -> None:
    studies, matches = _corpus(30, barriers=2, cited=3)
    size = 7
    pages = _model(SiteConfig(theme_quotes=4, page_size=size), studies, matches, _theme("s010"))
    total = 30 * per_study
    count = math.ceil(total / size)
    paths = [urls.theme_evidence(THEME, group, n) for n in range(1, count + 1)]
    assert paths[0] == f"themes/topic/evidence/{group}/" and paths[1] == f"themes/topic/evidence/{group}/page/2/"
    assert urls.theme_evidence(THEME, group, count + 1) not in pages
    seen: list[str] = []
    for number, path in enumerate(paths, start=1):
        page = pages[path]
        assert page.kind == "theme-evidence" and page.template == "theme_evidence.html" and page.in_sitemap
        assert len(page.context["items"]) == (size if number < count else total - size * (count - 1))
        links = {int(label): _resolve(path, href) for label, href, _ in page.context["pagination"] if href}
        assert all(links[n] == paths[n - 1] for n in links)
        assert {1, count, number, max(1, number - 1), min(count, number + 1)} <= set(links)
        assert [label for label, _, current in page.context["pagination"] if current] == [str(number)]
        assert _resolve(path, page.context["back_href"]).startswith("themes/topic/#")
        assert (page.context["first"], page.context["last"]) == (len(seen) + 1, len(seen) + len(page.context["items"]))
        for item in page.context["items"]:
            target = _resolve(path, item.href)
            assert target.startswith(f"studies/{item.text.split()[0]}/"), (path, item.href)
        seen += _texts(page)
    assert len(seen) == len(set(seen)) == total
    label = {"barrier": "Barriers", "facilitator": "Facilitators", "cited": "What citing papers say"}[group]
    assert pages[paths[0]].title == f"{label} — Topic"
    assert pages[paths[1]].title == f"{label} — Topic, page 2"


def test_a_group_that_fits_gets_no_sub_page_while_a_longer_one_does() -> None:
    studies, matches = _corpus(4, barriers=3)  # 12 barrier sentences, 4 facilitator sentences
    pages = _model(SiteConfig(theme_quotes=10, page_size=50), studies, matches)
    assert _sub_pages(pages) == ["themes/topic/evidence/barrier/"]
    barriers, facilitators = _detail(pages).roles
    assert barriers.more_href == "evidence/barrier/" and facilitators.more_href is None


def test_comparison_and_studies_tables_are_cut_to_a_page_with_links_to_the_rest() -> None:
    studies, matches = _corpus(30)
    pages = _model(SiteConfig(page_size=7), studies, matches)
    detail = _detail(pages)
    assert (len(detail.comparison), detail.comparison_total, detail.comparison_more_href) == (7, 30, "comparison/")
    theme_page = pages[urls.theme(THEME)]
    assert (len(theme_page.context["rows"]), theme_page.context["rows_total"]) == (7, 30)
    assert theme_page.context["all_rows_href"] == "../../studies/theme/topic/"
    rows: list[str] = []
    for number in range(1, 6):  # 7 + 7 + 7 + 7 + 2
        page = pages[urls.theme_comparison(THEME, number)]
        assert page.kind == "theme-comparison" and page.template == "theme_comparison.html"
        assert len(page.context["pagination"]) == 5
        rows += [_resolve(page.path, row.href) for row in page.context["rows"]]
    assert urls.theme_comparison(THEME, 6) not in pages
    assert rows == [f"studies/{s.id}/" for s in studies]


def test_uncited_studies_stop_at_twenty_names() -> None:
    studies, matches = _corpus(30)
    detail = _detail(_model(SiteConfig(page_size=7), studies, matches, _theme("s000")))
    assert (len(detail.uncited), detail.uncited_total) == (UNCITED_SHOWN, 29)
    assert detail.uncited_more_href == "comparison/"
    # the whole comparison is on the theme page: "and N more" points at it there
    detail = _detail(_model(SiteConfig(), studies, matches, _theme("s000")))
    assert (len(detail.uncited), detail.uncited_total, detail.uncited_more_href) == (20, 29, "#comparison-title")


def test_sub_pages_are_in_the_sitemap() -> None:
    studies, matches = _corpus(12)
    config = SiteConfig(theme_quotes=3, page_size=5, base_url="https://example.org/b/")
    pages = _model(config, studies, matches)
    sitemap = render_sitemap(config, list(pages.values()), "2024-01-01")
    for path in ("themes/topic/evidence/barrier/page/5/", "themes/topic/comparison/page/3/"):
        assert path in pages and f"<loc>https://example.org/b/{path}</loc>" in sitemap


def test_rendered_pages_link_to_each_other(tmp_path: Path) -> None:
    studies, matches = _corpus(12, cited=1)
    config = SiteConfig(theme_quotes=3, page_size=5)
    pages = _model(config, studies, matches)
    env = build_environment(tmp_path)
    theme = render_site_page(env, pages[urls.theme(THEME)], config, "2024-01-01")
    assert "(24 sentences from 12 studies)" in theme
    assert '<a href="evidence/barrier/">All 24 sentences on barriers</a>' in theme
    assert '<a href="evidence/cited/">All 12 statements from citing papers</a>' in theme
    assert '<a href="comparison/">' in theme and '<a href="../../studies/theme/topic/">All 12 studies' in theme
    assert theme.count('class="evidence-quote"') == 6 and theme.count("cited-quote") == 3
    second = render_site_page(env, pages["themes/topic/evidence/barrier/page/2/"], config, "2024-01-01")
    assert "<h1>Barriers — Topic, page 2</h1>" in second and "Sentences 6–10 of 24" in second
    assert '<a href="../../../../#role-barrier">Back to the theme: Topic</a>' in second
    assert '<a href="./" aria-current="page">' in second and 'aria-label="Pages of sentences"' in second
    comparison = render_site_page(env, pages["themes/topic/comparison/page/3/"], config, "2024-01-01")
    assert "<h1>Comparison of studies — Topic, page 3</h1>" in comparison and "(11–12 of 12)" in comparison
