"""Which inputs changed and which pages a change makes stale (pure functions, inline sites)."""

from __future__ import annotations

import os
from pathlib import Path

from watchdog.events import DirModifiedEvent, DirMovedEvent, FileModifiedEvent, FileMovedEvent

from generator.model.stamps import fingerprint
from generator.serve.changes import classify, diff_stamps, is_watched, plan_pages, restamp, scan_inputs
from generator.serve.watcher import ChangeFlag
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


def test_restamp_looks_only_at_the_named_paths(tmp_path: Path) -> None:
    studies = tmp_path / "content" / "studies"
    studies.mkdir(parents=True)
    (studies / "a.yaml").write_text("id: a\n")
    (studies / "b.yaml").write_text("id: b\n")
    before = scan_inputs(tmp_path)
    (studies / "a.yaml").write_text("id: a\ntitle: edited\n")
    (studies / "b.yaml").unlink()
    (studies / "c.yaml").write_text("id: c\n")
    after = restamp(before, tmp_path, {"content/studies/a.yaml", "content/studies/b.yaml", "output/x.html"})
    assert diff_stamps(before, after) == {"content/studies/a.yaml", "content/studies/b.yaml"}
    assert "content/studies/c.yaml" not in after  # not named: left for a full rescan
    assert after == {k: v for k, v in scan_inputs(tmp_path).items() if k != "content/studies/c.yaml"}


def test_a_same_size_save_within_one_clock_tick_is_seen_and_a_touch_is_not_a_change(tmp_path: Path) -> None:
    record = tmp_path / "content" / "studies" / "a.yaml"
    record.parent.mkdir(parents=True)
    record.write_text("id: a\ntitle: Tide pools\n")
    before = scan_inputs(tmp_path)
    stat = record.stat()
    record.write_text("id: a\ntitle: Tide poems\n")  # same size, and the clock gives it the same mtime
    os.utime(record, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert record.stat().st_size == stat.st_size
    assert diff_stamps(before, restamp(before, tmp_path, {"content/studies/a.yaml"})) == {"content/studies/a.yaml"}
    assert diff_stamps(before, scan_inputs(tmp_path, before)) == {"content/studies/a.yaml"}
    now = scan_inputs(tmp_path)
    os.utime(record, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))  # touched: the same bytes
    assert diff_stamps(now, scan_inputs(tmp_path, now)) == set()


def test_an_old_unchanged_stat_is_trusted_without_reading_the_file(tmp_path: Path) -> None:
    seed = tmp_path / "seeds" / "a.ris"
    seed.parent.mkdir()
    seed.write_text("TY  - JOUR\nER  -\n")
    old = seed.stat().st_mtime_ns - 60_000_000_000
    os.utime(seed, ns=(old, old))
    first = fingerprint(seed)
    assert first is not None
    assert fingerprint(seed, first) is first  # a stat suffices for a file a minute old whose stat did not move
    seed.write_text("TY  - BOOK\nER  -\n")  # same size, but the stat moved: read again
    assert fingerprint(seed, first) != first


def _event(kind: type, *paths: Path) -> object:
    return kind(*(str(p) for p in paths))


def test_the_watcher_names_what_moved_and_asks_for_a_rescan_when_a_folder_moves(tmp_path: Path) -> None:
    flag = ChangeFlag(tmp_path)
    studies = tmp_path / "content" / "studies"
    flag.on_any_event(_event(FileModifiedEvent, studies / "a.yaml"))
    flag.on_any_event(_event(FileMovedEvent, studies / ".a.yaml.swp", studies / "b.yaml"))
    flag.on_any_event(_event(FileModifiedEvent, tmp_path / "output" / "index.html"))
    flag.on_any_event(_event(DirModifiedEvent, studies))
    assert flag.event.is_set()
    assert flag.take() == {"content/studies/a.yaml", "content/studies/b.yaml"}
    assert not flag.event.is_set() and flag.take() == set()
    flag.on_any_event(_event(DirMovedEvent, tmp_path / "seeds" / "old", tmp_path / "seeds" / "new"))
    assert flag.take() is None  # files inside a moved folder get no events of their own
    flag.on_any_event(_event(FileModifiedEvent, tmp_path / "output" / "index.html"))
    assert not flag.event.is_set()


def test_the_briefs_vocabulary_and_appraisal_tools_count_as_settings_of_the_whole_brief() -> None:
    assert is_watched("vocabulary.yaml") and is_watched("appraisal_tools/mmat.yaml")
    assert classify(["vocabulary.yaml"]).config and classify(["appraisal_tools/mmat.yaml"]).config
    assert not classify(["content/studies/a.yaml"]).config
