"""build_site over the real brief: what readers get, what never gets published, what survives failure."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from generator.build import build_site
from generator.errors import ProjectError

REPO = Path(__file__).resolve().parents[2]


def _copy_brief(target: Path) -> Path:
    for name in ("seeds", "content"):
        shutil.copytree(REPO / name, target / name)
    shutil.copy(REPO / "site.yaml", target / "site.yaml")
    return target


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = _copy_brief(tmp_path_factory.mktemp("brief"))
    result = build_site(project, search_index=False)
    assert result.ok, [d.format() for d in result.diagnostics if d.is_error]
    return project / "output"


def _page(output: Path, path: str) -> str:
    return (output / path / "index.html").read_text(encoding="utf-8")


def test_every_page_type_and_download_is_written(built: Path) -> None:
    for path in ("", "studies/", "about/", "search/", "themes/", "themes/stigma/",
                 "studies/design/qualitative/", "studies/setting/primary-care/", "studies/year/2023/",
                 "studies/klusaritz-2023-impact-stigma-clinician/"):
        assert (built / path / "index.html").is_file(), path
    for path in ("404.html", "data/studies.json", "data/studies.csv", "data/studies.ris", "data/studies.bib",
                 "sitemap.xml", "robots.txt", "feed.xml", "favicon.svg", "assets/style.css", "assets/site.js",
                 "studies/klusaritz-2023-impact-stigma-clinician/cite.ris",
                 "studies/klusaritz-2023-impact-stigma-clinician/cite.bib",
                 "studies/klusaritz-2023-impact-stigma-clinician/cite.json"):
        assert (built / path).is_file(), path


def test_missing_fields_say_not_reported_never_blank(built: Path) -> None:
    html = _page(built, "studies/primary-care-team-perspectives-approaches/")
    assert "Not reported in the source" in html


def test_preprint_is_flagged(built: Path) -> None:
    html = _page(built, "studies/parchman-2021-training-needs-practice/")
    assert "not peer reviewed" in html.lower()


def test_machine_translation_is_labelled_with_its_language(built: Path) -> None:
    html = _page(built, "studies/hunter-2025-challenges-solutions-implementing/")
    assert 'lang="zh"' in html
    assert "本文章由计算机程序翻译" in html  # the source's own note on how it was made


def test_citation_statements_are_shown_as_other_papers_words(built: Path) -> None:
    html = _page(built, "studies/overcoming-medication-stigma-peer-recovery/")
    assert "Krawczyk et al, 2018" in html
    assert "<blockquote" in html


def test_sitemap_uses_the_base_url(built: Path) -> None:
    sitemap = (built / "sitemap.xml").read_text()
    assert "<loc>https://evidence-brief.example.org/moud/studies/klusaritz-2023-impact-stigma-clinician/</loc>" \
        in sitemap
    assert "404" not in sitemap


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_source_text_is_escaped_and_excluded_studies_are_not_published(tmp_path: Path) -> None:
    project = _copy_brief(tmp_path)
    studies = project / "content" / "studies"
    path = studies / "klusaritz-2023-impact-stigma-clinician.yaml"
    record = yaml.safe_load(path.read_text())
    record["abstract"][0]["text"] = "An *asterisk* and <script>alert(1)</script> & more."
    path.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True))
    excluded = studies / "parchman-2021-training-needs-practice.yaml"
    excluded.write_text(excluded.read_text().replace("status: included", "status: excluded")
                        .replace("exclusion_reason: null", "exclusion_reason: 'wrong-population: not about MOUD'"))
    result = build_site(project, ingest=False, search_index=False, keep_going=True)
    # The brief's text cites the excluded study: each place is reported; --keep-going writes the site anyway.
    problem = ("error: citation '@parchman-2021-training-needs-practice' names no published study. "
               "Use the id of an included record in content/studies/ (its file name).")
    index_line = _line_of(project / "content" / "index.md", "[@parchman-2021")
    theme = project / "content" / "themes" / "training.md"
    finding_line = [n for n, text in enumerate(theme.read_text().splitlines(), 1) if "- statement:" in text][1]
    assert sorted(d.format() for d in result.diagnostics if d.is_error) == [
        f"content/index.md:{index_line}: {problem}",
        f"content/themes/training.md:{finding_line}: error: finding 2 cites 'parchman-2021-training-needs-practice', "
        "which is not a published study. Use the id of an included record in content/studies/.",
        f"content/themes/training.md:{_line_of(theme, '[@parchman-2021')}: {problem}"]
    output = project / "output"
    html = _page(output, "studies/klusaritz-2023-impact-stigma-clinician/")
    assert "An *asterisk* and &lt;script&gt;alert(1)&lt;/script&gt; &amp; more." in html
    assert "<script>alert(1)" not in html
    assert not (output / "studies" / "parchman-2021-training-needs-practice").exists()
    for name in ("data/studies.json", "data/studies.csv", "sitemap.xml", "feed.xml"):
        assert "parchman-2021" not in (output / name).read_text(), name
    assert "studies/parchman-2021" not in (output / "index.html").read_text()


def test_template_error_keeps_the_last_good_site(tmp_path: Path) -> None:
    project = _copy_brief(tmp_path)
    assert build_site(project, search_index=False).ok
    before = (project / "output" / "index.html").read_bytes()
    (project / "templates").mkdir()
    (project / "templates" / "home.html").write_text("{% extends 'base.html' %}{% block main %}"
                                                     "{{ no_such_variable }}{% endblock %}")
    result = build_site(project, ingest=False, search_index=False)
    [problem] = [d for d in result.diagnostics if d.is_error]
    assert problem.format().startswith("templates/home.html:1: error: template error")
    assert (project / "output" / "index.html").read_bytes() == before
    assert not [p for p in project.iterdir() if p.name.startswith(".output")]


def test_output_inside_the_sources_is_refused(tmp_path: Path) -> None:
    project = _copy_brief(tmp_path)
    with pytest.raises(ProjectError):
        build_site(project, output=project / "content", search_index=False)


def test_pages_are_light(built: Path) -> None:
    """No page over 100 KB before search assets (issue: a site that is fast on a phone)."""
    heavy = {p.relative_to(built).as_posix(): p.stat().st_size for p in built.rglob("*.html")
             if p.stat().st_size > 100_000}
    assert heavy == {}


def test_casp_appraisal_is_shown_and_summarised_beside_cerqual(tmp_path: Path) -> None:
    project = _copy_brief(tmp_path)
    path = project / "content" / "studies" / "klusaritz-2023-impact-stigma-clinician.yaml"
    record = yaml.safe_load(path.read_text())
    record["appraisal"] = {"tool": "casp-qualitative", "answers": {
        "aims": "yes", "methodology": "yes", "design": "yes", "recruitment": "can't tell",
        "data_collection": {"answer": "yes", "note": "Key stakeholder interviews."}, "reflexivity": "no"}}
    path.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True))
    result = build_site(project, ingest=False, search_index=False)
    assert result.ok, [d.format() for d in result.diagnostics if d.is_error]
    study = _page(project / "output", "studies/klusaritz-2023-impact-stigma-clinician/")
    assert "Quality appraisal (CASP Qualitative Studies Checklist)" in study
    assert "Key stakeholder interviews." in study and "Can&#39;t tell" in study
    theme = _page(project / "output", "themes/stigma/")
    assert "Quality appraisal of 1 of 1 studies: 4 of 6 criteria answered yes." in theme


def test_study_lists_and_facets_are_paginated(tmp_path: Path) -> None:
    """Three primary-care studies and five in all (read from the seeds); two rows a page."""
    project = _copy_brief(tmp_path)
    (project / "site.yaml").write_text((project / "site.yaml").read_text() + "page_size: 2\n")
    result = build_site(project, ingest=False, search_index=False)
    assert result.ok, [d.format() for d in result.diagnostics if d.is_error]
    assert {"studies/", "studies/page/2/", "studies/page/3/", "studies/setting/primary-care/",
            "studies/setting/primary-care/page/2/"} <= set(result.pages)
    assert "studies/page/4/" not in result.pages and "studies/setting/primary-care/page/3/" not in result.pages
    second = _page(project / "output", "studies/setting/primary-care/page/2/")
    assert "page 2" in second and 'aria-current="page"' in second
