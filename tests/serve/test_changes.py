"""Which inputs changed and which pages a change makes stale (pure functions, inline sites)."""

from __future__ import annotations

from pathlib import Path

from generator.serve.changes import classify, diff_stamps, is_watched, plan_pages, scan_inputs
from generator.site.model import Page


def _page(path: str, template: str = "studies.html", **context: object) -> Page:
    return Page(path, template, path or "home", "", "x", dict(context))


def test_paths_are_sorted_by_what_they_feed() -> None:
    changes = classify(["seeds/a.ris", "content/studies/x.yaml", "content/themes/t.md", "content/index.md",
                        "templates/study.html", "site.yaml"])
    assert changes.seeds == {"seeds/a.ris"} and changes.records == {"content/studies/x.yaml"}
    assert changes.text == {"content/themes/t.md", "content/index.md"}
    assert changes.templates == {"templates/study.html"} and changes.config
    assert classify([]).empty


def test_output_caches_and_editor_files_are_not_watched() -> None:
    for rel in ("output/index.html", ".git/index", "content/studies/.x.yaml.swp", "content/studies/x.yaml~",
                "templates/4913", "content/#x.md#", "notes.txt", ".evidence-brief/cache"):
        assert not is_watched(rel), rel
    assert is_watched("content/studies/x.yaml") and is_watched("site.yaml") and is_watched("seeds/a.txt")


def test_stamps_see_edits_additions_and_removals(tmp_path: Path) -> None:
    (tmp_path / "content" / "studies").mkdir(parents=True)
    (tmp_path / "output").mkdir()
    (tmp_path / "content" / "studies" / "a.yaml").write_text("id: a\n")
    (tmp_path / "output" / "index.html").write_text("x")
    before = scan_inputs(tmp_path)
    assert set(before) == {"content/studies/a.yaml"}
    (tmp_path / "content" / "studies" / "a.yaml").write_text("id: a\ntitle: longer\n")
    (tmp_path / "site.yaml").write_text("title: x\n")
    (tmp_path / "output" / "index.html").write_text("changed")
    assert diff_stamps(before, scan_inputs(tmp_path)) == {"content/studies/a.yaml", "site.yaml"}


def test_a_record_edit_renders_its_page_and_the_lists_showing_it() -> None:
    old = {p.path: p for p in [_page("", "home.html", recent=("a", "b")), _page("studies/", rows=("a", "b")),
                                _page("studies/a/", "study.html", title="A"),
                                _page("studies/b/", "study.html", title="B"),
                                _page("studies/year/2020/", rows=("b",))]}
    new = [_page("", "home.html", recent=("a*", "b")), _page("studies/", rows=("a*", "b")),
           _page("studies/a/", "study.html", title="A*"), _page("studies/b/", "study.html", title="B"),
           _page("studies/year/2020/", rows=("b",))]
    stamps = {"home.html": 1, "studies.html": 1, "study.html": 1}
    plan = plan_pages(old, new, template_stamp=stamps.__getitem__, old_stamps=stamps)
    assert [p.path for p in plan.render] == ["", "studies/", "studies/a/"]
    assert plan.remove == []


def test_a_template_change_renders_the_pages_using_it_and_removed_pages_go() -> None:
    pages = [_page("studies/", rows=()), _page("studies/a/", "study.html"), _page("about/", "about.html")]
    old = {p.path: p for p in pages} | {"studies/gone/": _page("studies/gone/", "study.html")}
    now = {"studies.html": 1, "study.html": 2, "about.html": 1}
    plan = plan_pages(old, pages, template_stamp=now.__getitem__,
                      old_stamps={"studies.html": 1, "study.html": 1, "about.html": 1})
    assert [p.path for p in plan.render] == ["studies/a/"]
    assert plan.remove == ["studies/gone/"]
    everything = plan_pages(old, pages, template_stamp=now.__getitem__, old_stamps=now, everything=True)
    assert len(everything.render) == 3
