"""Controlled vocabularies shipped with the schema, so studies can be grouped and filtered."""

from __future__ import annotations

#: Setting slug -> label shown to readers.
SETTINGS: dict[str, str] = {
    "primary-care": "Primary care",
    "community-mental-health": "Community mental health",
    "specialty-addiction-treatment": "Specialty addiction treatment",
    "peer-recovery": "Peer recovery / community",
    "emergency-department": "Emergency department",
    "hospital": "Hospital",
    "pharmacy": "Pharmacy",
    "telehealth": "Telehealth",
    "criminal-legal": "Criminal legal system",
    "other": "Other",
}

DESIGNS: dict[str, str] = {
    "qualitative": "Qualitative",
    "quantitative": "Quantitative",
    "mixed-methods": "Mixed methods",
    "trial": "Trial",
    "review": "Review",
    "other": "Other (programme description, commentary)",
}

STATUSES: tuple[str, ...] = ("included", "excluded")
