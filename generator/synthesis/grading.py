"""Checks on the review team's CERQual findings: every study a finding cites must be published."""

from __future__ import annotations

from ..errors import Diagnostic, error
from .themes import Theme


def check_findings(themes: list[Theme], published: set[str]) -> list[Diagnostic]:
    """An error per finding that cites a study id with no included record."""
    problems = []
    for theme in themes:
        for number, finding in enumerate(theme.findings, start=1):
            for study_id in finding.studies:
                if study_id not in published:
                    problems.append(error(theme.path, f"finding {number} cites '{study_id}', which is not a "
                                          "published study", "Use the id of an included record in content/studies/",
                                          line=finding.line))
    return problems
