"""Safe parsing of XML exports that hold one element per record (EndNote XML, PubMed XML).

Documents are parsed with defusedxml, which refuses entity declarations (a "billion laughs"
document) and external references before anything is expanded. When the document as a whole is
broken, each record element is parsed on its own, so a file cut short still gives the records it holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeTree
from defusedxml import DefusedXmlException

from ..errors import Diagnostic, error, warning
from .base import Extraction, ReadResult, line_numbers
from .normalize import clean_text

# Characters XML 1.0 forbids; reference managers do let them into abstracts (a pasted form feed).
_INVALID_XML_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_PARSE_POSITION = re.compile(r":\s*line \d+, column \d+$")


@dataclass(frozen=True)
class XmlRecords:
    """The record elements of an XML export, each with the line its start tag is on."""

    records: tuple[tuple[int, Element], ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    refused: bool = False


def parse_records(text: str, tags: tuple[str, ...], path: str, what: str, fix: str) -> XmlRecords:
    """The elements named ``tags`` in the document (in document order), parsed safely.

    Entity declarations and external references refuse the whole file with one error (never
    expanded); a syntax error falls back to parsing each ``<tag>...</tag>`` on its own, with a
    warning for each one that cannot be read (or was cut short).
    """
    text = _INVALID_XML_CHARS.sub(" ", text.lstrip("\ufeff"))
    pattern = "|".join(re.escape(tag) for tag in tags)
    starts = [(match.start(), match.group(1)) for match in re.finditer(rf"<({pattern})(?=[\s>/])", text)]
    try:
        root = SafeTree.fromstring(text.encode("utf-8"))
    except DefusedXmlException as exc:
        return XmlRecords(diagnostics=(error(
            path, f"this {what} was refused: it declares XML entities or external references "
            f"({type(exc).__name__}), which could expand without limit or read other files",
            f"{fix}; a genuine export declares no entities", line=1),), refused=True)
    except ParseError:
        return _parse_one_by_one(text, starts, path, fix, tags)
    elements = [element for element in root.iter() if element.tag in tags]
    offsets = [start for start, _ in starts]
    lines = line_numbers(text, offsets) if len(starts) == len(elements) else [1] * len(elements)
    return XmlRecords(tuple(zip(lines, elements, strict=True)))


def _parse_one_by_one(text: str, starts: list[tuple[int, str]], path: str, fix: str,
                      tags: tuple[str, ...]) -> XmlRecords:
    """Each record element parsed on its own, for a document that is broken as a whole."""
    records: list[tuple[int, Element]] = []
    diagnostics: list[Diagnostic] = []
    offsets = [start for start, _ in starts]
    for index, (line, (start, tag)) in enumerate(zip(line_numbers(text, offsets), starts, strict=True)):
        closing = f"</{tag}>"
        end = text.find(closing, start)
        following = offsets[index + 1] if index + 1 < len(offsets) else len(text)
        if end < 0 or end > following:
            diagnostics.append(warning(path, f"record at line {line} is cut short (no {closing})", fix, line=line))
            continue
        try:
            records.append((line, SafeTree.fromstring(text[start:end + len(closing)].encode("utf-8"))))
        except ParseError as exc:
            where = line + exc.position[0] - 1
            reason = _PARSE_POSITION.sub("", str(exc))
            diagnostics.append(warning(path, f"record at line {line} could not be read ({reason} at line {where})",
                                       fix, line=where))
        except DefusedXmlException as exc:
            diagnostics.append(warning(path, f"record at line {line} was refused ({type(exc).__name__})", fix,
                                       line=line))
    if not starts:
        diagnostics.append(error(path, f"this XML is broken and holds no <{tags[0]}> elements", fix, line=1))
    return XmlRecords(tuple(records), tuple(diagnostics))


def element_text(element: Element | None) -> str | None:
    """All the text inside an element (inline markup and style runs joined), whitespace cleaned."""
    return None if element is None else clean_text("".join(element.itertext()))


def first_text(element: Element, *paths: str) -> str | None:
    """The text of the first of ``paths`` under ``element`` that exists and is not empty."""
    for path in paths:
        text = element_text(element.find(path))
        if text:
            return text
    return None


def read_records(parsed: XmlRecords, extract: Callable[[Element, int], Extraction], path: str,
                 what: str) -> ReadResult:
    """One Extraction per record with a title; records without one are reported and skipped."""
    if parsed.refused:
        return ReadResult((), parsed.diagnostics)
    records: list[Extraction] = []
    diagnostics = list(parsed.diagnostics)
    for line, element in parsed.records:
        record = extract(element, line)
        if record.title:
            records.append(record)
        else:
            diagnostics.append(warning(path, f"record at line {line} has no title and was skipped",
                                       "Add a title in the library or remove the record", line=line))
    if not records and not any(d.is_error for d in diagnostics):
        diagnostics.append(warning(path, f"no records with a title were found in this {what}",
                                   "Check that this is the export you meant to add", line=1))
    return ReadResult(tuple(records), tuple(diagnostics))
