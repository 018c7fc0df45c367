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

#: The CASP qualitative studies checklist, question key -> the question in our words.
CASP_QUESTIONS: dict[str, str] = {
    "aims": "Is there a clear statement of the aims of the research?",
    "methodology": "Is a qualitative methodology appropriate?",
    "design": "Was the research design appropriate to address the aims?",
    "recruitment": "Was the recruitment strategy appropriate to the aims?",
    "data_collection": "Were the data collected in a way that addressed the research issue?",
    "reflexivity": "Has the relationship between researcher and participants been adequately considered?",
    "ethics": "Have ethical issues been taken into consideration?",
    "analysis": "Was the data analysis sufficiently rigorous?",
    "findings": "Is there a clear statement of findings?",
    "value": "How valuable is the research?",
}
CASP_ANSWERS: tuple[str, ...] = ("yes", "no", "can't tell")
