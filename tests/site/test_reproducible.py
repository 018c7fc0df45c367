"""Same inputs, same bytes: two builds of the brief in two folders give identical output trees.

SOURCE_DATE_EPOCH fixes the build date; nothing else may vary: not the folder the project is in,
not file or dict order, not the time. And no absolute path of the machine leaks into the site.
"""

from __future__ import annotations

import difflib
import hashlib
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


def _copy_brief(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("seeds", "content", "templates", "site.yaml"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.is_file():
            shutil.copy2(source, target / name)
    return target


def _tree(root: Path) -> list[tuple[str, str]]:
    return sorted((p.relative_to(root).as_posix(), hashlib.sha256(p.read_bytes()).hexdigest())
                  for p in root.rglob("*") if p.is_file())


def _first_difference(a: Path, b: Path) -> str:
    try:
        left, right = a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return "(binary)"
    diff = difflib.unified_diff(left.splitlines(), right.splitlines(), lineterm="", n=0)
    return "\n".join(list(diff)[2:8])


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[Path]]:
    build = pytest.importorskip("generator.build", reason="generator.build is not written yet")
    outputs, projects = [], []
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        for name in ("first-brief", "another-folder"):
            project = _copy_brief(tmp_path_factory.mktemp(name) / name)
            result = build.build_site(project)
            errors = [d.format() for d in result.diagnostics if d.is_error]
            assert not errors, "the build reported errors:\n" + "\n".join(errors)
            outputs.append(Path(result.output_dir or project / "output"))
            projects.append(project)
    return outputs[0], outputs[1], projects


def test_two_builds_are_byte_identical(two_builds: tuple[Path, Path, list[Path]]) -> None:
    first, second, _ = two_builds
    tree_a, tree_b = _tree(first), _tree(second)
    assert tree_a, "the build wrote nothing"
    if tree_a == tree_b:
        return
    paths_a, paths_b = dict(tree_a), dict(tree_b)
    report = [f"only in the first build: {p}" for p in sorted(paths_a.keys() - paths_b.keys())]
    report += [f"only in the second build: {p}" for p in sorted(paths_b.keys() - paths_a.keys())]
    for path in sorted(paths_a.keys() & paths_b.keys()):
        if paths_a[path] != paths_b[path]:
            report.append(f"differs: {path}\n{_first_difference(first / path, second / path)}")
    pytest.fail("two builds of the same brief differ:\n" + "\n".join(report[:40]))


def test_output_holds_no_absolute_path_of_the_machine(two_builds: tuple[Path, Path, list[Path]]) -> None:
    first, _, projects = two_builds
    needles = {str(p).encode() for p in projects} | {str(p.parent).encode() for p in projects}
    needles |= {str(REPO).encode(), b"/pytest-of-", b"file://"}
    found = []
    for path in sorted(p for p in first.rglob("*") if p.is_file()):
        data = path.read_bytes()
        found += [f"{path.relative_to(first).as_posix()}: {n.decode()}" for n in sorted(needles) if n in data]
    assert not found, "absolute paths in the output:\n" + "\n".join(found[:40])
