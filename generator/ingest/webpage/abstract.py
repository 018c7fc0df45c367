"""Abstracts and keyword lists of a copied page.

An abstract is found under a label ("Abstract", "摘要"), inline after one, or as the first prose
below the title and authors; it ends at the first line of something else (a field label, chrome,
a body heading after a structured abstract's last section, or a change of script).
"""

from __future__ import annotations

import re

from ..clean import cjk_share, is_abstract_heading, is_closing_heading, is_concluding_heading, leading_heading
from .authors import parse_author_line
from .blocks import AFFILIATION
from .common import Line
from .languages import guess_language
from .linekinds import COLON_LABEL, SELF_CITATION_INLINE, is_prose, is_title_like, label_of
from .page import Block, Page
from .vocabulary import ASIDE_HEADING, DISCLAIMER, LABEL_LANGUAGE, SELF_CITATION, is_chrome_line, is_stop_heading

# A show/hide control copied onto the end of an abstract's last sentence ("... all week. Collapse").
_TRAILING_TOGGLE = re.compile(r"(?<=[.!?)])\s+(collapse|show less|read less|see less|less|hide|einklappen|réduire)\s*$",
                              re.IGNORECASE)


def abstract_starts(lines: list[Line]) -> list[tuple[int, int, str]]:
    """(label line, first text line, label) of every abstract the page labels and fills with text;
    an "Abstract" tab followed by other tabs is not one."""
    starts: list[tuple[int, int, str]] = []
    for index, line in enumerate(lines):
        label = label_of(line.text)
        if not label or label[0] != "abstract":
            continue
        first = _after_controls(lines, index + 1)  # a language switch or toggle under the label
        if label[2]:
            starts.append((index, index, label[1]))
        elif first < len(lines) and (is_prose(lines[first].text) or _opens_structured_abstract(lines, first)
                                     or _titled_structured_abstract(lines, first)):
            starts.append((index, first, label[1]))
    return starts


def _after_controls(lines: list[Line], index: int) -> int:
    """The first line from ``index`` that is not a control ("Available in", "English", "Español", "Expand"),
    looking at most five lines on."""
    for ahead in range(index, min(len(lines), index + 5)):
        if not is_chrome_line(lines[ahead].text):
            return ahead
    return index


def _opens_structured_abstract(lines: list[Line], index: int) -> bool:
    """A heading with text under it ("Background" / prose); a run of headings is a table of contents."""
    return is_abstract_heading(lines[index].text) and index + 1 < len(lines) and is_prose(lines[index + 1].text)


def _titled_structured_abstract(lines: list[Line], index: int) -> bool:
    """A translated abstract that repeats the title in its language above its first heading ("Abstract" /
    the English title / "BACKGROUND" / text)."""
    return index + 2 < len(lines) and is_title_like(lines[index].text) and not label_of(lines[index].text) \
        and _opens_structured_abstract(lines, index + 1)


def find_abstracts(page: Page, starts: list[tuple[int, int, str]], title_index: int, head_end: int) -> None:
    lines = page.lines
    for label_index, first, name in starts:
        body = _abstract_lines(lines, first, label_index == first)
        if body:
            page.abstracts.append(Block(name, body, _block_language(name, body)))
    page.labelled_abstract = bool(page.abstracts)
    if not page.abstracts:
        after = max(title_index, page.authors_at if page.authors_at is not None else -1)
        proses = [i for i in range(after + 1, min(len(lines), head_end + 2))
                  if is_prose(lines[i].text) and not is_chrome_line(lines[i].text) and not label_of(lines[i].text)
                  and parse_author_line(lines[i].text) is None and not _is_affiliation_line(lines[i].text)]
        first_prose = proses[0] if proses else None
        if first_prose is not None and first_prose <= head_end + 1:
            body = _abstract_lines(lines, first_prose, False)
            if body:
                page.abstracts.append(Block(None, body, _block_language(None, body)))
    for index, line in enumerate(lines):
        label = label_of(line.text)
        if label and label[0] == "keywords":
            more = [] if re.search(r"[;；,，|]", label[2]) else _values_continued(lines, index + 1)
            values = [label[2], *more] if label[2] \
                else _keyword_lines(lines, _after_controls(lines, index + 1))
            if values:
                page.keywords.append(Block(label[1], [Line(line.number, v) for v in values],
                                           LABEL_LANGUAGE.get(label[1]) or guess_language(" ".join(values))))


def _is_affiliation_line(text: str) -> bool:
    """"1School of Pharmacy, University X, City, Country; 2Faculty of ...": institutions named at the start
    of a line that does not end as a sentence does."""
    return bool(AFFILIATION.search(text[:60])) and not re.search(r"[a-z0-9)%][.!?]\s*$|[a-z]{2}[.!?]\s+[A-Z]", text)


def _abstract_lines(lines: list[Line], first: int, inline: bool) -> list[Line]:
    """The abstract's lines from ``first`` up to the first line of something else."""
    taken: list[Line] = []
    script = None
    concluded = False
    for index in range(first, len(lines)):
        line = lines[index]
        text = line.text
        if inline and index == first:
            label = label_of(text)
            text = label[2] if label else text
        elif index == first and not inline and _titled_structured_abstract(lines, first):
            pass  # the title in the abstract's language, above its first heading: taken, set apart later
        elif _under_heading(text, taken):
            pass  # the text of a section whose heading stands alone above it, however short
        elif _section_of_structured(text, taken):
            pass  # "Subjects:" is a label elsewhere, but a section heading inside a structured abstract
        elif _ends_abstract(text, concluded) or _body_heading_after_inline(text, taken):
            break
        current = "cjk" if cjk_share(text) > 0.5 else "latin"
        if script is not None and current != script and not is_abstract_heading(text):
            break
        script = script or current
        concluded = concluded or _is_concluding(text)
        taken.append(Line(line.number, _TRAILING_TOGGLE.sub("", text)))
    return taken


def _section_of_structured(text: str, taken: list[Line]) -> bool:
    """A heading line after two or more headings standing alone: the next section of a structured abstract,
    even when the word also names a field elsewhere ("Subjects:"). Keywords still close the abstract."""
    if not is_abstract_heading(text) or re.match(r"\s*key\s*words?\b", text, re.IGNORECASE):
        return False
    headings = [t.text for t in taken if is_abstract_heading(t.text)]
    return len(headings) >= 2 and not any(is_concluding_heading(h.rstrip(":： ")) for h in headings)


def _under_heading(text: str, taken: list[Line]) -> bool:
    if not taken or not is_abstract_heading(taken[-1].text) or is_abstract_heading(text):
        return False
    return not (label_of(text) or is_chrome_line(text) or is_stop_heading(text) or SELF_CITATION.match(text)
                or SELF_CITATION_INLINE.match(text))


def _body_heading_after_inline(text: str, taken: list[Line]) -> bool:
    """An abstract whose headings open its paragraphs ("Results Of 300 ...") ends at a heading standing
    alone: that is the article body's "Introduction", not another abstract section."""
    return is_abstract_heading(text) and len(taken) >= 2 and not any(is_abstract_heading(t.text) for t in taken)


def _is_concluding(text: str) -> bool:
    """A "Conclusions" heading line, or a paragraph opening with one."""
    if is_abstract_heading(text):
        return is_concluding_heading(text.rstrip(":： "))
    return bool(re.match(r"^\s*(conclusions?|interpretation)(\s+and\s+relevance)?\s*[:：]", text, re.IGNORECASE)
                or re.match(r"^\s*(Conclusions?|CONCLUSIONS?|Interpretation)(\s+and\s+[Rr]elevance)?\s+[A-Z]", text))


def _ends_abstract(text: str, concluded: bool) -> bool:
    if concluded and is_abstract_heading(text) and is_closing_heading(text):
        return False  # "Funding" after "Conclusions" is the abstract's last section, though a label elsewhere
    label = label_of(text)
    if label and label[0] != "abstract":
        return True
    if is_abstract_heading(text):
        return concluded and not is_closing_heading(text)
    if is_chrome_line(text) or is_stop_heading(text) or ASIDE_HEADING.match(text) or SELF_CITATION.match(text) \
            or SELF_CITATION_INLINE.match(text):
        return True
    if label_of(text) or DISCLAIMER.search(text):
        return True
    match = COLON_LABEL.match(text)
    if match and re.fullmatch(r"[A-Z][\w()/ -]{0,30}", match.group(1)) and len(match.group(1).split()) <= 3 \
            and not is_abstract_heading(match.group(1)):
        return True
    if (heading := leading_heading(text)) is not None:  # "Trial registration ISRCTN 48213307."
        return concluded and not is_closing_heading(heading)
    return not is_prose(text) and not re.match(r"^\s*\S+\s*[:：]", text)


def _values_continued(lines: list[Line], start: int) -> list[str]:
    """Keywords a field table lists one a line after the first ("Keywords: Hand washing" / "Clinics" /
    "Date: 2023"): short lines taken only when the next field's label closes the run, as in such tables."""
    values: list[str] = []
    for line in lines[start:start + 15]:
        text = line.text
        if label_of(text) or COLON_LABEL.match(text):
            return values
        if is_chrome_line(text) or is_stop_heading(text) or is_abstract_heading(text) or len(text.split()) > 6 \
                or re.search(r"[.;,!?:]", text):
            return []
        values.append(text)
    return []


def _keyword_lines(lines: list[Line], start: int) -> list[str]:
    """Keywords written below a "Keywords" heading: one line with separators, or one per line."""
    if start >= len(lines):
        return []
    first = lines[start].text
    if re.search(r"[;；,，|]|\s[-–—]\s", first) and not label_of(first):
        return [first]
    values: list[str] = []
    for line in lines[start:start + 15]:
        text = line.text
        if label_of(text) or is_chrome_line(text) or is_stop_heading(text) or len(text.split()) > 6 \
                or is_abstract_heading(text) or line.number - (lines[start].number + len(values)) > 0:
            break
        values.append(text)
    return values


def _block_language(label: str | None, body: list[Line]) -> str | None:
    text = " ".join(line.text for line in body)
    return guess_language(text) or (LABEL_LANGUAGE.get(label) if label else None)
