"""A small invented brief for the printable-brief and PDF tests (school breakfast clubs), written by hand.

Worked out by reading the files below (not from the program's output):
- themes, in their ``order``: "Attendance and punctuality", "Stigma of free meals", "Running costs".
- cited studies: Okafor 2019 (key messages and a narrative), Lindqvist 2021 (a finding only),
  Marchetti 2020 (the attendance narrative), the Northfield Borough Council report 2022 (methods text
  only, an organisation as author). Tanaka 2018 is included but cited nowhere, so it is not in the
  reference list; Brennan 2017 is excluded at screening.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import yaml

SEED = "seeds/breakfast-clubs.ris"

SITE_YAML = """\
title: "Breakfast clubs in primary schools: attendance, stigma and cost"
scope: What do school breakfast clubs change for pupils, and what does it take to run one?
organisation: Invented Evidence Unit
authors: [Imogen Rowe, Teo Salas]
base_url: https://briefs.example.net/breakfast/
language: en
licence: CC BY 4.0
licence_url: https://creativecommons.org/licenses/by/4.0/
"""

#: (id, authors, year, title, journal, status)
STUDIES: list[tuple[str, list[str], int, str, str, str]] = [
    ("okafor-2019", ["Okafor, Chidi", "Hale, Bryony"], 2019,
     "Morning meals and the school day: a cluster trial of breakfast clubs", "Journal of Invented Schooling",
     "included"),
    ("lindqvist-2021", ["Lindqvist, Maja"], 2021, "Who comes to breakfast? Interviews with parents about free meals",
     "Invented Review of Childhood", "included"),
    ("marchetti-2020", ["Marchetti, Paolo", "Du, Wen", "Abara, Grace"], 2020,
     "Late marks before and after a breakfast club opened", "Invented Education Quarterly", "included"),
    ("northfield-2022", ["Northfield Borough Council"], 2022, "Costing breakfast provision in twelve schools",
     "", "included"),
    ("tanaka-2018", ["Tanaka, Ren"], 2018, "Cereal, toast and concentration in maths lessons",
     "Invented Journal of Learning", "included"),
    ("brennan-2017", ["Brennan, Orla"], 2017, "Breakfast habits of teenagers in colleges",
     "Invented Adolescent Health", "excluded"),
]

THEMES = {
    "attendance": """\
---
title: Attendance and punctuality
question: Do breakfast clubs change whether and when pupils arrive at school?
definition: Days attended and late marks recorded by schools.
order: 1
signals: ['\\battend\\w*', '\\blate marks?\\b']
findings:
  - statement: Pupils attending a breakfast club had fewer late marks.
    studies: [marchetti-2020]
    confidence: low
    explanation:
      methodological_limitations: One before-and-after study.
      coherence: Not assessable with one study.
      adequacy: Four schools.
      relevance: Urban primary schools.
---
Attendance rose slightly in the trial schools [@okafor-2019], and late marks fell once a club
opened [@marchetti-2020].

## Where the evidence is thin

No study followed pupils for more than one year.
""",
    "stigma": """\
---
title: Stigma of free meals
question: Do families avoid free breakfast because of how it looks to others?
definition: Shame or embarrassment attached to means-tested food at school.
order: 2
signals: ['\\bstigma\\w*', '\\bembarrass\\w*']
findings:
  - statement: Some parents kept children away from free breakfast to avoid being seen as poor.
    studies: [lindqvist-2021]
    confidence: moderate
    explanation:
      methodological_limitations: Interviews with minor concerns.
      coherence: Consistent accounts.
      adequacy: Thirty parents.
      relevance: One Nordic city.
---
Parents' worries about being seen are described in one interview study.
""",
    "costs": """\
---
title: Running costs
question: What does a breakfast club cost a school to run?
definition: Staff time, food and premises per pupil and per year.
order: 3
signals: ['\\bcost\\w*']
---
Costs are reported by one council, whose figures are summarised in the methods.
""",
}

INDEX_MD = """\
## Key messages

- Breakfast clubs may raise attendance a little [@okafor-2019].
- Free breakfast can carry stigma; universal clubs may avoid it.
"""

ABOUT_MD = """\
## Sources

We searched two invented databases. Cost figures come from a council report [@northfield-2022].
"""


def _record(study_id: str, authors: list[str], year: int, title: str, journal: str, status: str,
            number: int) -> dict[str, Any]:
    """A schema-valid record written by hand, as a curator would leave it."""
    return {
        "id": study_id, "status": status,
        "exclusion_reason": "wrong-population: teenagers" if status == "excluded" else None,
        **({"excluded_at": "screening"} if status == "excluded" else {}),
        "title": title, "authors": authors, "year": year, "journal": journal or None, "doi": None,
        "abstract": [{"heading": None,
                      "text": f"An invented abstract on attendance, stigma and cost: {title.lower()}."}],
        "keywords": [], "design": None, "sample_size": None, "participants": None, "settings": [],
        "setting_detail": None, "missing": ["doi"],
        "source": {"file": SEED, "record": number, "sha256": hashlib.sha256(title.encode()).hexdigest(),
                   "format": "ris"},
        "other_sources": [],
    }


def make_printable_brief(root: Path) -> Path:
    """The invented brief in ``root``: site.yaml, seeds/, content/ (records, themes, index.md, about.md)."""
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    (root / SEED).write_text("TY  - JOUR\nER  - \n", encoding="utf-8")
    studies = root / "content" / "studies"
    studies.mkdir(parents=True, exist_ok=True)
    for number, row in enumerate(STUDIES, start=1):
        data = _record(*row, number)
        (studies / f"{data['id']}.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    themes = root / "content" / "themes"
    themes.mkdir(parents=True, exist_ok=True)
    for theme_id, text in THEMES.items():
        (themes / f"{theme_id}.md").write_text(text, encoding="utf-8")
    (root / "content" / "index.md").write_text(INDEX_MD, encoding="utf-8")
    (root / "content" / "about.md").write_text(ABOUT_MD, encoding="utf-8")
    (root / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    return root


#: Read off the files above by hand.
THEME_TITLES = ["Attendance and punctuality", "Stigma of free meals", "Running costs"]
#: (first author as the reference list names them, year) of every study the brief cites.
CITED = [("Okafor", 2019), ("Lindqvist", 2021), ("Marchetti", 2020), ("Northfield Borough Council", 2022)]
NOT_CITED = [("Tanaka", 2018), ("Brennan", 2017)]
