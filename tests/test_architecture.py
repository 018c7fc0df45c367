"""Imports point one way (STYLE.md, module map): errors <- model <- ingest | synthesis <- site <- render
<- write <- build <- cli."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "generator"
# A layer may import itself and the layers listed for it, nothing else of ours.
ALLOWED = {
    "errors": set(),
    "model": {"errors"},
    "design": {"errors", "model"},
    "config": {"errors", "model", "design"},
    "ingest": {"errors", "model"},
    "synthesis": {"errors", "model"},
    "site": {"errors", "model", "config", "design", "synthesis"},
    "render": {"errors", "model", "config", "synthesis", "site"},
    "write": {"errors"},
    "check": {"errors", "model", "config", "synthesis", "site", "render", "build", "pipeline"},
    "clean": {"errors", "model", "write"},
    "listing": {"errors", "model"},
    "progress": set(),
    "pipeline": {"errors", "model", "config", "design", "ingest", "synthesis", "site", "render", "write", "progress"},
    "build": {"errors", "model", "config", "design", "ingest", "synthesis", "site", "render", "write", "pipeline",
              "progress"},
    "serve": {"errors", "model", "config", "ingest", "synthesis", "site", "render", "write", "build", "pipeline"},
    "pdf": {"errors", "render", "build"},
    "scaffold": {"errors", "model", "config", "ingest"},
    "cli": {"errors", "model", "ingest", "check", "build", "serve", "pdf", "scaffold", "clean", "listing", "progress"},
    "docs": {"model", "cli"},
    "__main__": {"cli"},
}


def _layer(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def _imported_layers(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    depth = len(path.relative_to(PACKAGE).parts) - 1
    layers: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level > 0:
            if node.level > depth:  # reaches the package root: first name is the layer
                target = (node.module or "").split(".")[0] or (node.names[0].name if node.names else "")
                layers.add(target)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("generator."):
            layers.add(node.module.split(".")[1])  # type: ignore[union-attr]
    return layers


def test_imports_point_one_way() -> None:
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        layer = _layer(path)
        if layer == "__init__":
            continue
        for imported in _imported_layers(path) - {layer}:
            if imported not in ALLOWED.get(layer, set()):
                problems.append(f"{path.relative_to(PACKAGE)} imports {imported}")
    assert problems == []
