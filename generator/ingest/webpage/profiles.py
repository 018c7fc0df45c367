"""Site knowledge that truly helps, kept as small data: identifiers some databases print in the head.

PubMed and Europe PMC label their records "PMID: 31234567" and "PMCID: PMC6543210"; preprint and
working-paper repositories print their own ids. A profile is a label pattern and the identifier key
it gives; nothing else about a site is assumed.
"""

from __future__ import annotations

import re

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
