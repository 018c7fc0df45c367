"""A record's other identifiers (PMID, PMCID, ISSN, arXiv, ...) as readers know them: proper labels,
and a link to the one registry that resolves each kind.

Records key identifiers by a lower-case kind ("pmid", "pmcid", "issn"); a label made from the key
("Pmid") means nothing to a reader, so known kinds get the spelling their registries use. Only kinds
whose value can be checked against the registry's own pattern are linked: a link built from a malformed
value would point at the wrong paper, which is worse than no link. ISSN and ISBN name a journal or a
book, not the paper, so they are shown but never linked nor given as the paper's ``sameAs``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .metadata import doi_link, source_link

#: The spelling each registry uses for its identifiers.
LABELS = {
    "pmid": "PMID", "pmcid": "PMCID", "doi": "DOI", "issn": "ISSN", "eissn": "eISSN", "isbn": "ISBN",
    "arxiv": "arXiv", "biorxiv": "bioRxiv", "medrxiv": "medRxiv", "ssrn": "SSRN", "hal": "HAL",
    "handle": "Handle", "openalex": "OpenAlex", "wos": "Web of Science", "accession": "Accession number",
    "eprint": "E-print", "nct": "ClinicalTrials.gov", "nctid": "ClinicalTrials.gov",
}
#: Identifier kinds that name the paper itself (so their links may be the work's schema.org sameAs).
_WORK_KINDS = ("doi", "pmid", "pmcid", "arxiv", "nct", "nctid")


@dataclass(frozen=True)
class IdentifierView:
    """One line of "Other identifiers": label, value as recorded, and the registry link when safe."""

    kind: str
    label: str
    value: str
    href: str | None


def _pubmed(value: str) -> str | None:
    return f"https://pubmed.ncbi.nlm.nih.gov/{value}/" if re.fullmatch(r"[1-9]\d{0,8}", value) else None


def _pmc(value: str) -> str | None:
    match = re.fullmatch(r"(?:PMC)?(\d{1,9})", value, flags=re.IGNORECASE)
    return f"https://pmc.ncbi.nlm.nih.gov/articles/PMC{match.group(1)}/" if match else None


def _arxiv(value: str) -> str | None:
    modern = r"\d{4}\.\d{4,5}(?:v\d+)?"
    legacy = r"[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?"
    return f"https://arxiv.org/abs/{value}" if re.fullmatch(f"{modern}|{legacy}", value) else None


def _clinical_trials(value: str) -> str | None:
    return f"https://clinicaltrials.gov/study/{value.upper()}" if re.fullmatch(r"NCT\d{8}", value, re.I) else None


_RESOLVERS: dict[str, Callable[[str], str | None]] = {
    "pmid": _pubmed, "pmcid": _pmc, "arxiv": _arxiv, "doi": doi_link, "nct": _clinical_trials,
    "nctid": _clinical_trials,
}


def identifier_label(kind: str) -> str:
    """The registry's spelling, or the key made readable ("trial_register" -> "Trial register")."""
    known = LABELS.get(kind.lower())
    if known:
        return known
    words = kind.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else kind


def identifier_link(kind: str, value: str) -> str | None:
    """The registry link of ``value`` when its kind is linkable and the value has that kind's shape."""
    resolver = _RESOLVERS.get(kind.lower())
    if resolver is None:
        return None
    return source_link(resolver(value.strip()))


def identifier_views(identifiers: Iterable[tuple[str, str]]) -> list[IdentifierView]:
    """Every identifier in the record's order, labelled, linked where a registry resolves it."""
    return [IdentifierView(kind, identifier_label(kind), value, identifier_link(kind, value))
            for kind, value in identifiers if str(value).strip()]


def same_as_links(identifiers: Iterable[tuple[str, str]]) -> list[str]:
    """Registry pages of the paper itself (PubMed, PMC, arXiv, ...), for schema.org ``sameAs``."""
    links = (identifier_link(kind, value) for kind, value in identifiers if kind.lower() in _WORK_KINDS)
    return list(dict.fromkeys(link for link in links if link))


def property_values(identifiers: Iterable[tuple[str, str]]) -> list[dict[str, str]]:
    """schema.org ``identifier`` entries for the kinds that name the paper (ISSN and ISBN name its venue)."""
    return [{"@type": "PropertyValue", "propertyID": identifier_label(kind), "value": value}
            for kind, value in identifiers if kind.lower() in _WORK_KINDS and str(value).strip()]
