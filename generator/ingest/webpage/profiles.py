"""Site knowledge that truly helps, kept as small data: identifiers some databases print in the head,
and the words a citation index uses for the kinds of citation it counts.

PubMed and Europe PMC label their records "PMID: 31234567" and "PMCID: PMC6543210"; preprint and
working-paper repositories print their own ids. An identifier profile is a label pattern and the
identifier key it gives; nothing else about a site is assumed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: (identifier key, pattern whose group 1 is the value)
PROFILES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("pmid", re.compile(r"\bPMID\s*[:：]\s*(\d{5,9})\b")),
    ("pmcid", re.compile(r"\bPMCID\s*[:：]\s*(PMC\d{5,9})\b", re.IGNORECASE)),
)


def profile_identifiers(lines: list[str]) -> list[tuple[str, str]]:
    """Every profiled identifier in the given lines, first occurrence of each key only."""
    found: dict[str, str] = {}
    for text in lines:
        for key, pattern in PROFILES:
            match = pattern.search(text)
            if match and key not in found:
                found[key] = match.group(1).upper() if key == "pmcid" else match.group(1)
    return list(found.items())


@dataclass(frozen=True)
class CitationIndexProfile:
    """How a smart-citation index names the kinds of citation it tells apart.

    Such a page shows a facet panel, a label line (``facet_label``) with one count per line below it
    in the order of ``counted_kinds``, and under each quoted citing statement a section line that ends
    with the statement's kind, one of ``statement_kinds`` ("Section: Introductionsupporting"). All of
    it is the site's wording; the reader takes it from here and assumes nothing else about the site.
    """

    facet_label: str
    counted_kinds: tuple[str, ...]
    statement_kinds: tuple[str, ...]


#: The citation-index layout the reader knows: three counted kinds; statements may also be "disputing".
CITATION_INDEX = CitationIndexProfile(
    facet_label="citation types",
    counted_kinds=("supporting", "mentioning", "contrasting"),
    statement_kinds=("mentioning", "supporting", "contrasting", "disputing"),
)
