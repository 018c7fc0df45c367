"""The incremental builder on a copy of the repository's brief: only what a change affects is rendered."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import pipeline as pipeline_module
from generator.serve.builder import Builder

from .conftest import copy_brief


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Builder:
    root = tmp_path_factory.mktemp("builder")
    builder = Builder(copy_brief(root / "project"), root / "site")
    (root / "site").mkdir()
    first = builder.rebuild()
    assert not first.crashed and "" in first.rendered
    return builder


def _touch(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    stamp = path.stat().st_mtime_ns + 1_000_000
    os.utime(path, ns=(stamp, stamp))


def test_nothing_changed_renders_nothing(built: Builder) -> None:
    assert built.pending_changes() == set()
    assert built.rebuild().rendered == []


def test_a_record_edit_renders_its_study_page_and_the_pages_listing_it(built: Builder) -> None:
    record = built.project / "content" / "studies" / "klusaritz-2023-impact-stigma-clinician.yaml"
    original = record.read_text(encoding="utf-8")
    _touch(record, original.replace("title: 'Impact of Stigma", "title: 'Edited Impact of Stigma", 1))
    outcome = built.rebuild()
    assert "studies/klusaritz-2023-impact-stigma-clinician/" in outcome.rendered
    assert {"", "studies/"} <= set(outcome.rendered)
    assert not any(p.startswith("studies/") and p.count("/") == 2 and "klusaritz" not in p
                   and p.split("/")[1] not in ("design", "setting", "year", "page") for p in outcome.rendered)
    assert "about/" not in outcome.rendered
    html = (built.site_dir / "studies/klusaritz-2023-impact-stigma-clinician/index.html").read_text()
    assert "Edited Impact of Stigma" in html
    _touch(record, original)
    built.rebuild()


def test_a_template_edit_renders_only_pages_using_it(built: Builder) -> None:
    (built.project / "templates").mkdir(exist_ok=True)
    about = built.project / "templates" / "about.html"
    original = about.read_text(encoding="utf-8")
    _touch(about, original + "\n")
    assert built.rebuild().rendered == ["about/"]
    _touch(about, original)
    built.rebuild()


def test_broken_yaml_is_reported_for_the_browser_then_recovers(built: Builder) -> None:
    record = built.project / "content" / "studies" / "klusaritz-2023-impact-stigma-clinician.yaml"
    original = record.read_text(encoding="utf-8")
    _touch(record, original.replace("year: 2023", "year: [2023", 1))
    built.rebuild()
    shown = [d.format() for d in built.browser_errors()]
    assert shown and shown[0].startswith("content/studies/klusaritz-2023-impact-stigma-clinician.yaml:")
    _touch(record, original)
    built.rebuild()
    assert built.browser_errors() == []


def test_a_crash_in_the_build_is_reported_not_raised(built: Builder, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline_module, "assemble_site", explode)
    _touch(built.project / "content" / "about.md", (built.project / "content" / "about.md").read_text() + "\n")
    outcome = built.rebuild()
    assert outcome.crashed and "RuntimeError: boom" in built.browser_errors()[0].format()
    monkeypatch.undo()
    _touch(built.project / "content" / "about.md", (built.project / "content" / "about.md").read_text() + "\n")
    assert not built.rebuild().crashed and built.browser_errors() == []


def test_the_preview_shows_the_same_synthesis_as_build(built: Builder) -> None:
    """Theme assignments and evidence come from the same code path as `evidence-brief build`."""
    stigma = (built.site_dir / "studies" / "theme" / "stigma" / "index.html").read_text(encoding="utf-8")
    assert "klusaritz-2023-impact-stigma-clinician" in stigma
    theme = (built.site_dir / "themes" / "stigma" / "index.html").read_text(encoding="utf-8")
    assert 'class="evidence-quote"' in theme


def test_named_paths_are_all_a_rebuild_looks_at(built: Builder) -> None:
    studies = built.project / "content" / "studies"
    named, unnamed = studies / "klusaritz-2023-impact-stigma-clinician.yaml", sorted(studies.glob("*.yaml"))[-1]
    assert named != unnamed
    originals = {path: path.read_text(encoding="utf-8") for path in (named, unnamed)}
    _touch(named, originals[named].replace("title: 'Impact of Stigma", "title: 'Named Impact of Stigma", 1))
    _touch(unnamed, originals[unnamed].replace("title: ", "title: Unnamed ", 1))
    outcome = built.rebuild({named.relative_to(built.project).as_posix()})
    assert outcome.changes.records == {named.relative_to(built.project).as_posix()}
    assert "Named Impact of Stigma" in (built.site_dir / "studies/klusaritz-2023-impact-stigma-clinician/index.html"
                                        ).read_text(encoding="utf-8")
    assert f"studies/{unnamed.stem}/" not in outcome.rendered
    assert built.pending_changes() == {unnamed.relative_to(built.project).as_posix()}  # a rescan still finds it
    assert f"studies/{unnamed.stem}/" in built.rebuild(None).rendered
    for path, text in originals.items():
        _touch(path, text)
    built.rebuild(None)


def test_a_changed_seed_is_the_only_one_read_again(built: Builder, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.ingest import pipeline

    seed = sorted((built.project / "seeds").iterdir())[0]
    original = seed.read_bytes()
    read: list[str] = []
    real = pipeline.read_seed
    monkeypatch.setattr(pipeline, "read_seed", lambda path, root: read.append(path.name) or real(path, root))
    os.utime(seed, ns=(seed.stat().st_mtime_ns + 1_000_000,) * 2)
    assert built.rebuild({f"seeds/{seed.name}"}).rendered == [] and read == []  # touched, same bytes: no change
    _touch(seed, original.decode("utf-8") + "\n")
    outcome = built.rebuild({f"seeds/{seed.name}"})
    assert read == [seed.name] and not outcome.crashed
    assert seed.read_bytes() == original + b"\n"  # seeds are never written
    assert built.pending_changes() == set()  # ingest's own writes are not changes to rebuild for
    _touch(seed, original.decode("utf-8"))
    built.rebuild({f"seeds/{seed.name}"})


def test_after_a_crash_the_next_build_loads_what_the_failed_one_consumed(built: Builder,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    record = built.project / "content" / "studies" / "klusaritz-2023-impact-stigma-clinician.yaml"
    original = record.read_text(encoding="utf-8")

    def explode(*args: object, **kwargs: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline_module, "load_config", explode)  # before the records are loaded
    _touch(record, original.replace("title: 'Impact of Stigma", "title: 'After-crash Impact of Stigma", 1))
    assert built.rebuild({record.relative_to(built.project).as_posix()}).crashed
    monkeypatch.undo()
    assert not built.rebuild(set()).crashed  # the next save names some other file, or none
    page = built.site_dir / "studies/klusaritz-2023-impact-stigma-clinician/index.html"
    assert "After-crash Impact of Stigma" in page.read_text(encoding="utf-8")
    _touch(record, original)
    built.rebuild(None)
