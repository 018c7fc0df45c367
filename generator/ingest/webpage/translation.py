"""Translated abstracts that aggregator pages place beside the original.

Chinese structured abstracts use the headings 背景/目的/方法/结果/结论 followed by a full-width or
ASCII colon; we split them like English ones and keep the headings as the source writes them.
"""

from __future__ import annotations

import re

from ..base import AbstractSection
from ..normalize import clean_text
from .common import Line

_CJK_HEADINGS = ("背景", "介绍", "引言", "目的", "目标", "方法", "设计", "结果", "结论", "讨论", "意义",
                 "背景與目的", "結果", "結論", "方法與材料")
_CJK_HEADING = re.compile(r"(?:(?<=^)|(?<=[。.!！?？\s]))(" + "|".join(_CJK_HEADINGS) + r")\s*[:：]")


def split_translated_abstract(text: str | None) -> tuple[AbstractSection, ...]:
    """Sections of a translated abstract; one unlabelled section when it has no headings."""
    text = clean_text(text)
    if not text:
        return ()
    marks = list(_CJK_HEADING.finditer(text))
    if not marks:
        return (AbstractSection(None, text),)
    sections: list[AbstractSection] = []
    if marks[0].start() > 0:
        sections.append(AbstractSection(None, text[: marks[0].start()].strip()))
    for index, match in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(text)
        body = text[match.end():end].strip()
        if body:
            sections.append(AbstractSection(match.group(1), body))
    return tuple(sections)


def find_translation_note(lines: list[Line]) -> Line | None:
    """A line stating that text on the page was translated (e.g. by a machine)."""
    for line in lines:
        if re.search(r"(翻译|翻譯|machine[- ]translat|automatically translated|translated by)", line.text,
                     re.IGNORECASE):
            return line
    return None


def is_machine_translation_note(text: str) -> bool:
    """The note says a program, not a person, translated the text."""
    return bool(re.search(r"(计算机|電腦|机器|機器|程序|machine|automatic|computer)", text, re.IGNORECASE))
