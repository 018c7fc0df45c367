"""A deterministic synthetic brief for scale work: N studies spread over a few dozen seed files.

    python bench/corpus.py OUT_DIR [--studies 2000] [--seed 7]

Writes OUT_DIR/seeds/ (RIS, PubMed/MEDLINE, BibTeX and CSL-JSON exports, as reference managers
write them, and with ``--kinds ... page`` text copied from article pages, one study a file), plus
site.yaml and content/ copied from this repository's brief, so ``evidence-brief build`` or ``serve``
can run on it. The same arguments always give the same bytes (seeded PRNG).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PER_FILE = 60
FAMILY = ["Smith", "Garcia", "Nguyen", "Okafor", "Kowalski", "Haddad", "Tanaka", "Johansson", "Muller", "Rossi",
          "Patel", "Cohen", "Brown", "Silva", "Kim", "Osei", "Novak", "Dubois", "Hughes", "Ramirez", "Lindqvist"]
GIVEN = ["Anna", "Michael", "Priya", "James", "Chen", "Fatima", "Lucas", "Maria", "David", "Aisha", "Tom",
         "Elena", "Kwame", "Sofia", "Daniel", "Yuki", "Laura", "Omar", "Grace", "Pedro"]
JOURNALS = ["Journal of Substance Use and Addiction Treatment", "Addiction", "Drug and Alcohol Dependence",
            "Annals of Family Medicine", "Psychiatric Services", "Addiction Science & Clinical Practice",
            "International Journal of Drug Policy", "JAMA Network Open", "Substance Abuse"]
TOPICS = ["stigma toward medications for opioid use disorder", "buprenorphine prescribing in primary care",
          "clinician training in addiction medicine", "patient engagement in methadone treatment",
          "peer recovery support for people receiving MOUD", "emergency department buprenorphine initiation",
          "pharmacy access to buprenorphine", "telehealth delivery of opioid treatment",
          "MOUD in jails and prisons", "community mental health centre adoption of MOUD"]
DESIGNS = [
    ("qualitative", "semi-structured interviews with {n} {who}", "Thematic analysis identified"),
    ("quantitative", "a cross-sectional survey of {n} {who}", "Multivariable regression showed"),
    ("mixed-methods", "a mixed-methods evaluation including surveys and focus groups with {n} {who}",
     "Integrated analysis suggested"),
    ("trial", "a cluster randomized controlled trial enrolling {n} {who}", "Compared with usual care,"),
    ("review", "a systematic review of {n} studies", "Pooled findings indicated"),
]
WHO = ["primary care clinicians", "patients with opioid use disorder", "peer recovery specialists",
       "emergency physicians", "community pharmacists", "nurse practitioners", "program directors"]
SETTINGS = ["primary care practices", "community mental health centers", "opioid treatment programs",
            "emergency departments", "community pharmacies", "telehealth services", "county jails", "hospitals"]
FINDINGS = ["stigma reduced willingness to prescribe", "training increased confidence and uptake",
            "retention in treatment improved", "structural barriers outweighed individual attitudes",
            "peer support was associated with engagement", "workflow changes were needed to sustain care"]


@dataclass(frozen=True)
class Fake:
    title: str
    authors: list[tuple[str, str]]
    year: int
    month: int
    journal: str
    volume: int
    issue: int
    pages: str
    doi: str
    sections: list[tuple[str, str]]
    keywords: list[str]


def make_study(rng: random.Random, number: int) -> Fake:
    topic, setting = rng.choice(TOPICS), rng.choice(SETTINGS)
    design, method, lead = rng.choice(DESIGNS)
    who, n = rng.choice(WHO), rng.randint(12, 2400)
    verb = rng.choice(["Exploring", "Assessing", "Understanding", "Evaluating", "Examining"])
    title = f"{verb} {topic} in {setting}: {design.replace('-', ' ')} study {number}"
    authors = [(rng.choice(FAMILY), rng.choice(GIVEN)) for _ in range(rng.randint(1, 7))]
    finding, other = rng.sample(FINDINGS, 2)
    sections = [
        ("Background", f"Little is known about {topic} in {setting}. We aimed to describe current practice."),
        ("Methods", f"We conducted {method.format(n=n, who=who)} across {rng.randint(2, 40)} {setting}."),
        ("Results", f"{lead} {finding}; in addition, {other} (n = {n})."),
        ("Conclusions", f"Addressing {topic} in {setting} may improve access to treatment."),
    ]
    keywords = ["opioid use disorder", topic.split(" in ")[0], rng.choice(["MOUD", "buprenorphine", "methadone"])]
    return Fake(title, authors, rng.randint(2005, 2025), rng.randint(1, 12), rng.choice(JOURNALS),
                rng.randint(1, 60), rng.randint(1, 12), f"{(p := rng.randint(1, 900))}-{p + rng.randint(4, 14)}",
                f"10.{rng.randint(1000, 9999)}/bench.{number:05d}", sections, keywords)


def render_ris(studies: list[Fake]) -> str:
    out = []
    for s in studies:
        lines = ["TY  - JOUR", f"TI  - {s.title}", *(f"AU  - {f}, {g}" for f, g in s.authors),
                 f"PY  - {s.year}/{s.month:02d}//", f"JO  - {s.journal}", f"VL  - {s.volume}", f"IS  - {s.issue}",
                 f"SP  - {s.pages.split('-')[0]}", f"EP  - {s.pages.split('-')[1]}", f"DO  - {s.doi}",
                 "AB  - " + " ".join(f"{h.upper()}: {t}" for h, t in s.sections),
                 *(f"KW  - {k}" for k in s.keywords), "ER  - ", ""]
        out.append("\n".join(lines))
    return "\n".join(out)


def render_medline(studies: list[Fake], start: int) -> str:
    out = []
    for offset, s in enumerate(studies):
        abstract = " ".join(f"{h.upper()}: {t}" for h, t in s.sections)
        lines = [f"PMID- {39000000 + start + offset}", "OWN - NLM", f"DP  - {s.year} {_month(s.month)}",
                 f"TI  - {s.title}", f"PG  - {s.pages}", f"AB  - {abstract}",
                 *(f"FAU - {f}, {g}\nAU  - {f} {g[0]}" for f, g in s.authors), "LA  - eng",
                 "PT  - Journal Article", f"JT  - {s.journal}", f"VI  - {s.volume}", f"IP  - {s.issue}",
                 *(f"OT  - {k}" for k in s.keywords), f"AID - {s.doi} [doi]", f"SO  - {s.journal}. {s.year}.", ""]
        out.append("\n".join(lines))
    return "\n".join(out)


def render_bibtex(studies: list[Fake]) -> str:
    out = []
    for s in studies:
        key = f"{s.authors[0][0].lower()}{s.year}{s.doi.rsplit('.', 1)[1]}"
        authors = " and ".join(f"{f}, {g}" for f, g in s.authors)
        abstract = " ".join(f"{h.upper()}: {t}" for h, t in s.sections)
        out.append(f"@article{{{key},\n  title = {{{s.title}}},\n  author = {{{authors}}},\n  year = {{{s.year}}},\n"
                   f"  journal = {{{s.journal}}},\n  volume = {{{s.volume}}},\n  number = {{{s.issue}}},\n"
                   f"  pages = {{{s.pages.replace('-', '--')}}},\n  doi = {{{s.doi}}},\n"
                   f"  abstract = {{{abstract}}},\n  keywords = {{{', '.join(s.keywords)}}}\n}}\n")
    return "\n".join(out)


def render_csl_json(studies: list[Fake]) -> str:
    items = [{"id": s.doi.rsplit(".", 1)[1], "type": "article-journal", "title": s.title,
              "author": [{"family": f, "given": g} for f, g in s.authors],
              "issued": {"date-parts": [[s.year, s.month]]}, "container-title": s.journal,
              "volume": str(s.volume), "issue": str(s.issue), "page": s.pages, "DOI": s.doi,
              "abstract": " ".join(f"{h}: {t}" for h, t in s.sections), "keyword": ", ".join(s.keywords)}
             for s in studies]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


def render_page_text(study: Fake, number: int) -> str:
    """What a user gets by selecting an article page in a browser and pasting it: title, authors line,
    journal citation line, DOI, then "Abstract" and the prose. Three page layouts, picked by number, so
    the benchmark does not time one layout only; the same number always gives the same text."""
    names = [f"{given} {family}" for family, given in study.authors]
    authors = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]
    citation = f"{study.journal}. {study.year};{study.volume}({study.issue}):{study.pages}."
    doi = f"https://doi.org/{study.doi}"
    published = f"Published: {number % 27 + 1} {_month(study.month)} {study.year}"
    layouts = [
        ["Original research", "", study.title, "", authors, "", citation, doi, "", published],
        [study.journal, f"Volume {study.volume}, Issue {study.issue}, {_month(study.month)} {study.year}, "
         f"Pages {study.pages}", "", study.title, "", authors, "", f"DOI: {study.doi}"],
        [study.title, authors, citation, f"doi: {study.doi}", "Open access"],
    ]
    abstract = [f"{heading}\n{text}" for heading, text in study.sections]
    return "\n".join([*layouts[number % len(layouts)], "", "Abstract", "", "\n\n".join(abstract), "",
                      "Keywords: " + "; ".join(study.keywords), ""])


def _month(month: int) -> str:
    return ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month - 1]


#: Which seed files a kind writes: a reference-manager export of PER_FILE studies, or one copied page a study.
KINDS = ("ris", "nbib", "bib", "json", "page")
#: What write_corpus wrote before copied pages existed (its bytes for these kinds are unchanged).
DEFAULT_KINDS = ("ris", "nbib", "bib", "json")
EXPORTS: dict[str, Callable[[list[Fake], int], str]] = {
    "ris": lambda chunk, _: render_ris(chunk), "nbib": render_medline,
    "bib": lambda chunk, _: render_bibtex(chunk), "json": lambda chunk, _: render_csl_json(chunk)}


def make_studies(studies: int, seed: int = 7) -> list[Fake]:
    """The invented studies, numbered from 1; other outputs of the same studies (the Hugo site) start here."""
    rng = random.Random(seed)
    return [make_study(rng, number) for number in range(1, studies + 1)]


def write_corpus(target: Path, *, studies: int = 2000, seed: int = 7,
                 kinds: tuple[str, ...] = DEFAULT_KINDS, per_file: int = PER_FILE) -> list[Path]:
    """Write the corpus project into ``target`` (replacing seeds/ and content/); returns the generated seeds."""
    fakes = make_studies(studies, seed)
    target.mkdir(parents=True, exist_ok=True)
    for name in ("seeds", "content"):
        shutil.rmtree(target / name, ignore_errors=True)
    # The brief's own five seeds and records come along, so its key messages and themes still
    # cite real studies; the generated studies are added beside them.
    shutil.copytree(REPO / "content", target / "content")
    shutil.copytree(REPO / "seeds", target / "seeds")
    shutil.copy2(REPO / "site.yaml", target / "site.yaml")
    return write_seeds(target / "seeds", fakes, kinds, per_file)


def write_seeds(seeds: Path, fakes: list[Fake], kinds: tuple[str, ...], per_file: int = PER_FILE) -> list[Path]:
    """Chunks of ``per_file`` studies, each chunk in the next kind in turn: one export file, or one page a study."""
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown or not kinds:
        raise ValueError(f"unknown seed kinds {unknown}; choose from {', '.join(KINDS)}")
    written = []
    for index, start in enumerate(range(0, len(fakes), per_file)):
        kind, chunk = kinds[index % len(kinds)], fakes[start: start + per_file]
        if kind == "page":
            for number, fake in enumerate(chunk, start=start + 1):
                written.append(_write(seeds / f"page-{number:05d}.txt", render_page_text(fake, number)))
        else:
            written.append(_write(seeds / f"export-{index + 1:03d}.{kind}", EXPORTS[kind](chunk, start)))
    return written


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("target", type=Path)
    parser.add_argument("--studies", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(DEFAULT_KINDS),
                        help=f"seed kinds, used in turn for each chunk of {PER_FILE} studies")
    args = parser.parse_args()
    files = write_corpus(args.target, studies=args.studies, seed=args.seed, kinds=tuple(args.kinds))
    print(f"{args.studies} studies in {len(files)} seed files under {args.target / 'seeds'}")


if __name__ == "__main__":
    main()
