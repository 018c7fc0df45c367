"""The preview and ``build`` are one pipeline: after every kind of edit, the preview's folder is
byte-identical to a cold build of the same files.

The preview's Builder is driven as the running preview drives it (rebuild for the paths the watcher
names, then the downloads), on real files: a copy of the repository's brief. After each edit, the
project is copied again and built cold with ``build_site`` (search off: the Builder alone builds no
search index, so ``pagefind/`` is the one thing left out of the comparison). Nothing else is excluded.
"""

from __future__ import annotations

import os
import shutil
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import build_site
from generator.serve import Preview
from generator.serve.builder import Builder

from .conftest import copy_brief

#: The inputs a build reads (what the preview watches), copied for the cold build.
INPUTS = ("seeds", "content", "templates", "appraisal_tools", "site.yaml", "vocabulary.yaml")
#: Left out of the comparison: the preview builds the search index in a separate process.
EXCLUDED = ("pagefind/",)

#: A study invented for this test (no seed's words): added while the preview runs, then deleted.
NEW_SEED = ("""TY  - JOUR
TI  - Walking groups and loneliness in retired harbour workers: a cohort study
AU  - Ferreira, Lucia
AU  - Okonkwo, Daniel
PY  - 2022
JO  - Journal of Invented Ageing Studies
DO  - 10.9999/invented.2022.0042
AB  - We followed 140 retired harbour workers who joined weekly walking groups for one year. """
            """Loneliness scores fell among those who attended at least half of the walks. """
            """Attendance was lower in winter.
ER  -
""")


def site_files(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by POSIX path, less the excluded folders."""
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file()
            and not path.relative_to(root).as_posix().startswith(EXCLUDED)}


def differences(preview: dict[str, bytes], cold: dict[str, bytes]) -> list[str]:
    """Files only in one of the two trees, or whose bytes differ."""
    only_preview = sorted(set(preview) - set(cold))
    only_cold = sorted(set(cold) - set(preview))
    differ = sorted(p for p in set(preview) & set(cold) if preview[p] != cold[p])
    return ([f"only in the preview: {p}" for p in only_preview] + [f"only in the cold build: {p}" for p in only_cold]
            + [f"differs: {p}" for p in differ])


def cold_build(project: Path, scratch: Path) -> dict[str, bytes]:
    """A copy of the project's inputs as they are now, built from nothing with ``build``, search off."""
    if scratch.exists():
        shutil.rmtree(scratch)
    scratch.mkdir(parents=True)
    for name in INPUTS:
        source = project / name
        if source.is_dir():
            shutil.copytree(source, scratch / name)
        elif source.is_file():
            shutil.copy2(source, scratch / name)
    result = build_site(scratch, search_index=False, keep_going=True)
    assert result.written
    return site_files(scratch / "output")


def save(path: Path, text: str) -> None:
    """Write ``text``, which must differ from what the file holds (a step that changes nothing tests nothing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    assert not path.is_file() or path.read_text(encoding="utf-8") != text
    path.write_text(text, encoding="utf-8")


def later(path: Path) -> None:
    """Move the file's mtime on, so a test never depends on the file system's clock resolution."""
    stamp = path.stat().st_mtime_ns + 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


def same_size_same_tick(path: Path, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` (same length) and give the file back its previous mtime: a save
    within one tick of the file system's clock, which (mtime, size) alone cannot see."""
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size


@pytest.fixture
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same date for both builds (a copied project is outside git, so it would be today's)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


def test_the_preview_matches_a_cold_build_after_every_kind_of_edit(tmp_path: Path, fixed_date: None) -> None:
    project = copy_brief(tmp_path / "project")
    site = tmp_path / "site"
    site.mkdir()
    builder = Builder(project, site)
    studies = project / "content" / "studies"
    record = sorted(studies.glob("*.yaml"))[0]
    theme = sorted((project / "content" / "themes").glob("*.md"))[0]
    template = project / "templates" / "study.html"
    asset = project / "templates" / "static" / "extra.css"
    seed = project / "seeds" / "zz_invented_walking_groups.ris"
    settings = project / "site.yaml"

    def edit(path: Path, change: Callable[[str], str]) -> Callable[[], set[str]]:
        def run() -> set[str]:
            save(path, change(path.read_text(encoding="utf-8")))
            later(path)
            return {path.relative_to(project).as_posix()}
        return run

    def create(path: Path, text: str) -> Callable[[], set[str]]:
        def run() -> set[str]:
            save(path, text)
            return {path.relative_to(project).as_posix()}
        return run

    def delete(path: Path) -> Callable[[], set[str]]:
        def run() -> set[str]:
            path.unlink()
            return {path.relative_to(project).as_posix()}
        return run

    def same_tick(path: Path, marker: str) -> Callable[[], set[str]]:
        """Two saves within one clock tick: the preview builds after the first; the second keeps the
        size and the mtime of the first."""
        def run() -> set[str]:
            rel = path.relative_to(project).as_posix()
            save(path, path.read_text(encoding="utf-8").replace(marker, marker + "again ", 1))
            builder.rebuild({rel})
            same_size_same_tick(path, marker + "again ", marker + "later ")
            return {rel}
        return run

    steps: list[tuple[str, Callable[[], set[str]]]] = [
        ("first build", lambda: set()),
        ("record edited", edit(record, lambda t: t.replace("\ntitle: ", "\ntitle: Edited ", 1))),
        ("theme edited", edit(theme, lambda t: t.replace("\ntitle: ", "\ntitle: Edited ", 1))),
        ("template edited", edit(template, lambda t: t.replace("{% block main %}", "{% block main %}<!-- edited -->"))),
        ("static asset added", create(asset, "body { margin: 0; }\n")),
        ("static asset deleted", delete(asset)),
        ("seed added", create(seed, NEW_SEED)),
        ("seed deleted", delete(seed)),
        ("site.yaml edited", edit(settings, lambda t: t.replace("title: \"", "title: \"Edited: ", 1))),
        ("same-size save within one mtime tick", same_tick(record, "\ntitle: Edited ")),
        ("same-size template save within one mtime tick", same_tick(template, "<!-- edited ")),
    ]
    #: What each step must visibly do to the preview's folder, so that a step that changed nothing
    #: (and so trivially matches) cannot pass unnoticed.
    shows: dict[str, Callable[[dict[str, bytes]], bool]] = {
        "record edited": lambda files: b"Edited " in files[f"studies/{record.stem}/index.html"],
        "theme edited": lambda files: b"Edited " in files[f"themes/{theme.stem}/index.html"],
        "template edited": lambda files: b"<!-- edited -->" in files[f"studies/{record.stem}/index.html"],
        "static asset added": lambda files: files.get("assets/extra.css") == b"body { margin: 0; }\n",
        "static asset deleted": lambda files: "assets/extra.css" not in files,
        "seed added": lambda files: any(b"Walking groups and loneliness" in files[path] for path in files
                                        if path.startswith("studies/") and path.endswith("/cite.ris"))
        and b"Walking groups and loneliness" in files["data/studies.ris"] + files["sitemap.xml"] + files["feed.xml"],
        "seed deleted": lambda files: b"Walking groups and loneliness" not in files["data/studies.ris"],
        "site.yaml edited": lambda files: b"Edited: " in files["index.html"],
        "same-size save within one mtime tick": lambda files: b"Edited later " in files["data/studies.ris"],
        "same-size template save within one mtime tick":
            lambda files: b"<!-- edited later -->" in files[f"studies/{record.stem}/index.html"],
    }
    failures: dict[str, list[str]] = {}
    for name, step in steps:
        paths = step()
        outcome = builder.rebuild(paths or None)
        assert not outcome.crashed, (name, [d.format() for d in outcome.diagnostics])
        builder.write_extras()
        preview = site_files(site)
        found = differences(preview, cold_build(project, tmp_path / "cold"))
        if name in shows and not shows[name](preview):
            found.insert(0, "the edit does not show in the preview")
        if found:
            failures[name] = found[:8]
    assert not failures, "\n".join(f"{name}: {found}" for name, found in failures.items())


def _served(preview: Preview, path: str) -> str:
    try:
        with urllib.request.urlopen(preview.url + path, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except urllib.error.HTTPError:
        return ""


def test_a_seed_added_to_a_running_preview_reaches_every_download(preview: Preview) -> None:
    """Ingest's own record write wakes the watcher while the downloads wait for the reload; the
    downloads must still be written once things settle (they once never were)."""
    (preview.project / "seeds" / "zz_invented_walking_groups.ris").write_text(NEW_SEED, encoding="utf-8")
    deadline = time.monotonic() + 30
    wanted = ("data/studies.ris", "data/studies.json", "sitemap.xml", "feed.xml")
    while not all("Walking groups and loneliness" in _served(preview, path) or
                  path == "sitemap.xml" and "walking-groups" in _served(preview, path) for path in wanted):
        assert time.monotonic() < deadline, [p for p in wanted if "alking" not in _served(preview, p)]
        time.sleep(0.1)
    assert preview.builder.site is not None
    [study] = [s for s in preview.builder.site.studies if "Walking groups" in s.title]
    assert "Walking groups and loneliness" in _served(preview, f"studies/{study.id}/cite.ris")
