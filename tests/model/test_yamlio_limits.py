"""YAML that would exhaust time or memory is refused quickly, with a message naming the file."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.model.store import load_record
from generator.model.yamlio import YamlError, parse_yaml


@contextmanager
def cpu_deadline(seconds: float) -> Iterator[None]:
    """Fail (instead of hanging the suite) when the block runs longer than ``seconds``."""
    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def laughs(levels: int = 10, width: int = 9) -> str:
    """The classic alias bomb: each level lists the previous one ``width`` times (9**10 strings in all)."""
    lines = ["id: bomb", 'l0: &l0 ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]']
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_in_bounded_time() -> None:
    started = time.process_time()
    with cpu_deadline(2.0), pytest.raises(YamlError) as refused:
        parse_yaml(laughs())
    assert time.process_time() - started < 0.5
    assert "aliases" in refused.value.message and refused.value.line is not None


def test_a_few_honest_aliases_still_load() -> None:
    loaded = parse_yaml("base: &b {answer: yes}\nfirst: *b\nsecond: *b\n")
    assert loaded.data["second"] == {"answer": True}


def test_a_30_mb_document_is_refused_before_parsing() -> None:
    text = "title: " + "x" * 30_000_000 + "\n"
    started = time.process_time()
    with cpu_deadline(2.0), pytest.raises(YamlError) as refused:
        parse_yaml(text)
    assert time.process_time() - started < 0.5
    assert "30 MB" in refused.value.message


def test_python_tags_are_an_error_not_code() -> None:
    with pytest.raises(YamlError) as refused:
        parse_yaml("x: !!python/object/apply:os.system ['echo hacked']\n")
    assert "not allowed" in refused.value.message


@pytest.mark.parametrize("text", [laughs(), "title: " + "y" * 30_000_000 + "\n"], ids=["alias-bomb", "30-mb"])
def test_a_hostile_record_gets_one_line_naming_its_file(tmp_path: Path, text: str) -> None:
    path = tmp_path / "content" / "studies" / "bomb.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    with cpu_deadline(2.0):
        record, problem = load_record(path, tmp_path)
    assert record is None and problem is not None
    message = problem.format()
    assert "content/studies/bomb.yaml" in message and "\n" not in message
