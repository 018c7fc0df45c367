"""Theme files: a fourth theme is a file; a bad file gets a message naming the file, key and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.synthesis.themes import load_themes

GOOD = """---
title: Cost
question: What does MOUD cost services?
definition: Money matters.
order: 4
signals:
  - '\\bcosts?\\b'
  - reimbursement
findings:
  - statement: Costs are a barrier.
    studies: [a-study]
    confidence: Low
    explanation:
      adequacy: One study.
---
Costs are discussed by [@a-study].
"""


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "content" / "themes"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text)
    return tmp_path


def test_a_new_theme_is_just_a_file(tmp_path: Path) -> None:
    [theme], problems = load_themes(_project(tmp_path, {"cost.md": GOOD}))
    assert problems == []
    assert (theme.id, theme.title, theme.order) == ("cost", "Cost", 4)
    assert theme.signals == ("\\bcosts?\\b", "reimbursement")
    [finding] = theme.findings
    assert (finding.studies, finding.confidence, finding.draft) == (("a-study",), "low", True)
    assert finding.explanation == (("adequacy", "One study."),)
    assert theme.narrative.strip() == "Costs are discussed by [@a-study]."
    assert theme.narrative_line == 16  # line 15 closes the front matter


@pytest.mark.parametrize("text, expected", [
    ("no front matter", "content/themes/bad.md:1: error: theme file has no front matter."),
    (GOOD.replace("title: Cost\n", ""), "content/themes/bad.md:1: error: theme key 'title' is missing or empty."),
    (GOOD.replace("  - reimbursement", "  - 'reimburse(ment'"),
     "content/themes/bad.md:8: error: signal 'reimburse(ment' is not a valid pattern"),
    (GOOD.replace("confidence: Low", "confidence: sure"),
     "content/themes/bad.md:12: error: finding 1: 'confidence' must be one of high, moderate, low, very low, "
     "got 'sure'."),
    (GOOD.replace("order: 4", "order: 4\nrelated: [nowhere]"),
     "content/themes/bad.md: error: 'related' names theme 'nowhere', which has no file."),
])
def test_bad_theme_files_are_named_with_key_and_line(tmp_path: Path, text: str, expected: str) -> None:
    themes, problems = load_themes(_project(tmp_path, {"bad.md": text, "good.md": GOOD}))
    assert [p.format() for p in problems][0].startswith(expected)
    assert "good" in [t.id for t in themes]
