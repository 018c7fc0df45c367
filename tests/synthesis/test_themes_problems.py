"""Theme files report every problem in one run: misspelt keys at their own line, wrong types, a
front matter whose closing '---' is missing (issue 11, point 5). Invented themes only."""

from __future__ import annotations

from pathlib import Path

from generator.synthesis.themes import load_themes

FOUR_PROBLEMS = """---
title: Waiting lists
questoin: How long do families wait for a first speech therapy appointment?
definition: Time from referral to first session.
order: second
signals: waiting
---
Text.
"""


def _problems(tmp_path: Path, text: str) -> list[str]:
    folder = tmp_path / "content" / "themes"
    folder.mkdir(parents=True)
    (folder / "waiting.md").write_text(text)
    themes, problems = load_themes(tmp_path)
    assert themes == []
    return [p.format() for p in problems]


def test_every_problem_of_a_file_is_reported_in_one_run(tmp_path: Path) -> None:
    problems = _problems(tmp_path, FOUR_PROBLEMS)
    assert problems == [
        "content/themes/waiting.md:3: error: unknown theme key 'questoin'. Did you mean 'question'?",
        "content/themes/waiting.md:5: error: theme key 'order' must be a whole number, got 'second'. "
        "Write the theme's place in the list as a number, e.g. 'order: 2'.",
        "content/themes/waiting.md:6: error: theme key 'signals' must be a list of text. Write one '- ...' line "
        "per item.",
    ]


def test_a_missing_closing_line_is_named_as_such(tmp_path: Path) -> None:
    text = "---\ntitle: Waiting lists\nquestion: How long?\ndefinition: Time.\nsignals: [wait]\n\nText.\n"
    [problem] = _problems(tmp_path, text)
    assert problem.startswith("content/themes/waiting.md:1: error: the front matter has no closing '---' line.")


def test_text_keys_must_be_text(tmp_path: Path) -> None:
    text = "---\ntitle: [Waiting, lists]\nquestion: How long?\ndefinition: Time.\nsignals: [wait]\n---\nText.\n"
    [problem] = _problems(tmp_path, text)
    assert problem.startswith("content/themes/waiting.md:2: error: theme key 'title' must be text")
