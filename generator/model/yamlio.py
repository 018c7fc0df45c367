"""YAML in and out: safe loading that remembers line numbers, stable dumping, atomic writes.

Only the safe loader is ever used, so a file carrying ``!!python/object`` is an error, not code.
Line numbers are kept per key path so that a problem in a record names its line.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

KeyPath = tuple[str | int, ...]

#: A record is a few KB and a theme file a few dozen; anything this large is a wrong file or an attack,
#: refused before the parser spends memory on it.
MAX_YAML_CHARS = 8_000_000
#: Nodes a document may expand to once its aliases are followed. A few hundred make a record; "billion
#: laughs" aliases reach billions from a few lines, and everything that walks the data would follow them.
MAX_EXPANDED_NODES = 200_000


class YamlError(Exception):
    """A YAML document that cannot be read; ``line`` is 1-based when known."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class Loaded:
    """A YAML document's data and the line on which each key path starts."""

    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)

    def line_of(self, path: KeyPath) -> int | None:
        """The line of ``path``, or of its nearest parent that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def parse_yaml(text: str) -> Loaded:
    """Parse one YAML document safely; raises YamlError with the line of the problem.

    Oversized text and aliases that expand without bound are refused before any data is built.
    """
    if len(text) > MAX_YAML_CHARS:
        raise YamlError(f"the file is {len(text) / 1e6:.0f} MB of text, more than the {MAX_YAML_CHARS // 1_000_000} MB "
                        "a YAML file here may hold", None)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None and _may_expand(text):
            _refuse_alias_bombs(node)
        data = _construct(loader, node, plain_tree="*" not in text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or str(exc)
        if "could not determine a constructor" in problem:
            tag = problem.split("tag ", 1)[-1].strip()
            problem = f"tag {tag} is not allowed; records hold plain data only"
        return _raise(problem, mark.line + 1 if mark else None)
    except yaml.YAMLError as exc:
        return _raise(str(exc), None)
    finally:
        loader.dispose()
    lines: dict[KeyPath, int] = {}
    if node is not None:
        _collect_lines(node, (), lines)
    return Loaded(data, lines)


_TAG = "tag:yaml.org,2002:"
#: Scalar tags whose PyYAML constructor is a plain function of the node (no generator, no state).
_SIMPLE_SCALARS = frozenset(_TAG + name for name in ("null", "bool", "int", "float", "timestamp"))


class _Unusual(Exception):
    """A node the quick constructor leaves to PyYAML's (merge keys, sets, binary, custom tags...)."""


def _construct(loader: Any, node: yaml.Node | None, *, plain_tree: bool) -> Any:
    """The document's data, as PyYAML's safe constructor builds it.

    PyYAML's constructor costs more than the C parser itself (its bookkeeping per node is for aliases
    and recursive structures); a tree without aliases (``plain_tree``) made only of mappings, lists,
    strings, numbers, booleans, nulls and dates is built directly, anything else by PyYAML.
    """
    if node is None:
        return None
    if plain_tree:
        try:
            return _quick(loader, node)
        except (_Unusual, RecursionError):
            pass
    return loader.construct_document(node)


def _quick(loader: Any, node: yaml.Node) -> Any:
    """``node`` built as PyYAML builds it, or _Unusual for anything beyond plain data (explicit tags on
    the wrong kind of node included: PyYAML's constructor gives their error)."""
    tag = node.tag
    if tag == _TAG + "str" and isinstance(node, yaml.ScalarNode):
        return node.value
    if tag == _TAG + "map" and isinstance(node, yaml.MappingNode):
        mapping = {}
        for key_node, value_node in node.value:
            if key_node.tag != _TAG + "str" and key_node.tag not in _SIMPLE_SCALARS:
                raise _Unusual(key_node.tag)
            mapping[_quick(loader, key_node)] = _quick(loader, value_node)
        return mapping
    if tag == _TAG + "seq" and isinstance(node, yaml.SequenceNode):
        return [_quick(loader, item) for item in node.value]
    if tag in _SIMPLE_SCALARS and isinstance(node, yaml.ScalarNode):
        return loader.yaml_constructors[tag](loader, node)
    raise _Unusual(tag)


def _may_expand(text: str) -> bool:
    """False when the composed document cannot exceed MAX_EXPANDED_NODES, so the walk is skipped.

    Every alias is a literal ``*`` in the text, and without aliases a document holds at most about one
    node per character; a record (a few KB, no ``*``) therefore skips the walk, which cost as much as
    parsing. Anything else, however unlikely to be hostile, is walked.
    """
    return "*" in text or len(text) >= MAX_EXPANDED_NODES // 2


def _refuse_alias_bombs(root: yaml.Node) -> None:
    """Raise YamlError when following the aliases would give more than MAX_EXPANDED_NODES nodes.

    The composed graph shares aliased nodes, so it is small; its expanded size is counted once per
    distinct node (memoised, iteratively) without ever expanding it.
    """
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if not children_done:
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
            continue
        total = 1 + sum(sizes.get(id(child), 1) for child in children)
        if total > MAX_EXPANDED_NODES:
            raise YamlError(f"aliases (*name) expand to more than {MAX_EXPANDED_NODES:,} values; "
                            "records hold plain data, write the values out instead", node.start_mark.line + 1)
        sizes[id(node)] = total


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _raise(message: str, line: int | None) -> Loaded:
    raise YamlError(message, line)


def _collect_lines(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            lines[path + (key,)] = key_node.start_mark.line + 1
            _collect_lines(value_node, path + (key,), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect_lines(item, path + (index,), lines)


def dump_yaml(data: Any) -> str:
    """Stable YAML text: keys in the given order, Unicode kept, long strings folded at 100."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)


def write_text_atomic(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` via a temporary file and rename; False when it was already there.

    An interrupted write leaves either the old file or the new one, never half of one; an
    unchanged file is not touched, so its modification time keeps meaning something.
    """
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return True
