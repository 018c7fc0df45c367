"""Downloads read back with the tools researchers use: rispy, bibtexparser, json and csv."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import bibtexparser
import pytest
import rispy
import yaml
from bibtexparser import middlewares
from markupsafe import Markup

from generator.config import SiteConfig
from generator.model.study import Section, Study, study_from_record
from generator.site.citations import csl_item
from generator.site.exports import ThemeAssignment, render_bibtex, render_csl_json, render_csv, render_json, render_ris
from generator.site.files import generated_files
from generator.site.model import BriefText, build_site_model
from generator.synthesis.matching import Evidence, ThemeMatch
from generator.synthesis.themes import Theme

STUDIES = Path(__file__).resolve().parents[2] / "content" / "studies"
TRICKY = Study(
    id="tricky-2020",
    title=r"R&D at 50% {braced} $5 #1 snake_case ~tilde back\slash for MOUD",
    authors=("O'Neil, Ann", "World Health Organization", "Smith and Jones, Bob"),
    year=2020, journal="Journal of A & B", doi="10.1000/a_b.c", url="https://example.org/a_b?x=1&y=2",
    abstract=(Section("Methods", "We did 100% of it."),),
)


def page_url(study: Study) -> str:
    return f"https://brief.example.org/studies/{study.id}/"


@pytest.fixture(scope="module")
def studies() -> list[Study]:
    loaded = []
    for path in sorted(STUDIES.glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            loaded.append(study_from_record(yaml.safe_load(handle)))
    assert len(loaded) == 5
    return loaded


def test_ris_round_trip(studies: list[Study]) -> None:
    entries = rispy.loads(render_ris(studies))
    assert len(entries) == len(studies)
    for study, entry in zip(studies, entries):
        assert entry["id"] == study.id
        assert entry["title"] == study.title
        assert entry.get("authors", []) == list(study.authors)
        assert entry.get("year") == (str(study.year) if study.year else None)
        assert entry.get("doi") == study.doi
        assert (entry.get("journal_name") or entry.get("secondary_title")) == study.journal


def test_ris_fields_of_a_journal_article(studies: list[Study]) -> None:
    text = render_ris([s for s in studies if s.id.startswith("klusaritz")])
    assert text.startswith("TY  - JOUR\n")  # no "1." counter line before the record
    for line in ("DA  - 2023/02/01", "JO  - The Annals of Family Medicine", "J2  - Ann Fam Med", "VL  - 21",
                 "IS  - Suppl 2", "SP  - S31", "EP  - S38", "ID  - klusaritz-2023-impact-stigma-clinician"):
        assert line + "\n" in text
    assert text.endswith("ER  - \n")


def test_ris_types(studies: list[Study]) -> None:
    types = {entry["id"]: entry["type_of_reference"] for entry in rispy.loads(render_ris(studies))}
    assert types["parchman-2021-training-needs-practice"] == "UNPB"  # a preprint, not a journal article
    assert types["overcoming-medication-stigma-peer-recovery"] == "GEN"  # the record states no type or journal


def test_ris_line_breaks_cannot_forge_records() -> None:
    forged = Study(id="forged", title="Title\nER  - \n\nTY  - JOUR\nTI  - Injected", authors=("A,\nB",))
    entries = rispy.loads(render_ris([forged]))
    assert len(entries) == 1
    assert entries[0]["title"] == "Title ER - TY - JOUR TI - Injected"


def test_bibtex_round_trip(studies: list[Study]) -> None:
    library = bibtexparser.parse_string(render_bibtex([*studies, TRICKY]),
                                        append_middleware=[middlewares.LatexDecodingMiddleware()])
    assert not library.failed_blocks
    entries = {entry.key: entry for entry in library.entries}
    assert list(entries) == [study.id for study in [*studies, TRICKY]]
    for study in studies:
        entry = entries[study.id]
        assert entry["title"] == study.title
        assert entry.fields_dict.get("doi") is None or entry["doi"] == study.doi
    assert entries["tricky-2020"]["title"] == TRICKY.title
    assert entries["tricky-2020"]["journal"] == "Journal of A & B"


def test_bibtex_authors_and_raw_fields(studies: list[Study]) -> None:
    library = bibtexparser.parse_string(render_bibtex([*studies, TRICKY]),
                                        append_middleware=[middlewares.SeparateCoAuthors()])
    entries = {entry.key: entry for entry in library.entries}
    for study in studies:
        assert entries[study.id].fields_dict.get("author") is None or entries[study.id]["author"] == list(study.authors)
    assert entries["tricky-2020"]["author"] == ["O'Neil, Ann", "{World Health Organization}", "{Smith and Jones}, Bob"]
    assert entries["tricky-2020"]["doi"] == "10.1000/a_b.c"  # verbatim in BibLaTeX: not TeX-escaped
    assert entries["tricky-2020"]["url"] == "https://example.org/a_b?x=1&y=2"
    assert entries["klusaritz-2023-impact-stigma-clinician"]["pages"] == "S31--S38"


def test_bibtex_escapes_every_special_character() -> None:
    study = Study(id="x", title="a & b % c $ d # e _ f { g } h ~ i ^ j \\ k")
    text = render_bibtex([study])
    assert (r"title = {a \& b \% c \$ d \# e \_ f \{ g \} h \textasciitilde{} i \textasciicircum{} j "
            r"\textbackslash{} k}") in text
    unbalanced = Study(id="y", title="closing } first { then")
    assert not bibtexparser.parse_string(render_bibtex([unbalanced])).failed_blocks


def test_bibtex_entry_types(studies: list[Study]) -> None:
    library = bibtexparser.parse_string(render_bibtex(studies))
    types = {entry.key: entry.entry_type for entry in library.entries}
    assert types["klusaritz-2023-impact-stigma-clinician"] == "article"
    assert types["parchman-2021-training-needs-practice"] == "misc"
    report = Study(id="r", title="A report", publication_type="report", journal="Some Institute")
    assert render_bibtex([report]).startswith("@techreport{r,\n")
    assert "institution = {Some Institute}" in render_bibtex([report])


def test_csl_json_round_trip(studies: list[Study]) -> None:
    assert json.loads(render_csl_json(studies)) == [csl_item(study) for study in studies]


def test_csv_round_trip(studies: list[Study]) -> None:
    rows = list(csv.DictReader(io.StringIO(render_csv(studies, page_url))))
    assert [row["id"] for row in rows] == [study.id for study in studies]
    assert [row["title"] for row in rows] == [study.title for study in studies]
    assert [row["doi"] for row in rows] == [study.doi or "" for study in studies]
    klusaritz = rows[1]
    assert klusaritz["authors"].startswith("Klusaritz, Heather; Bilger, Andrea; ")
    assert (klusaritz["year"], klusaritz["sample_size"], klusaritz["settings"]) == ("2023", "23", "primary-care")
    assert klusaritz["peer_reviewed"] == ""  # not reported, so not "no"
    assert klusaritz["page"] == page_url(studies[1])
    assert klusaritz["abstract"].startswith("Purpose: We undertook")


def test_csv_cells_cannot_run_as_formulas() -> None:
    study = Study(id="evil", title='=HYPERLINK("http://evil.example","click")',
                  authors=("+1, Plus", "-Minus, A", "@Sum, B"), journal="\tTabbed", pages="-12")
    row = next(csv.DictReader(io.StringIO(render_csv([study], page_url))))
    assert row["title"] == "'=HYPERLINK(\"http://evil.example\",\"click\")"
    assert row["authors"] == "'+1, Plus; -Minus, A; @Sum, B"
    assert row["journal"] == "'\tTabbed"
    assert row["pages"] == "'-12"


def test_json_export(studies: list[Study]) -> None:
    data = json.loads(render_json(studies, page_url))
    assert [item["id"] for item in data] == [study.id for study in studies]
    first = data[1]
    assert list(first)[:3] == ["id", "page", "title"]
    assert first["authors"][0] == "Klusaritz, Heather"
    assert first["abstract"][0] == {"heading": "Purpose", "text": studies[1].abstract[0].text}
    assert first["peer_reviewed"] is None and first["missing"] == ["keywords", "peer_reviewed"]
    assert "notes" not in first and "themes_pinned" not in first


def test_exports_are_deterministic_and_end_with_a_newline(studies: list[Study]) -> None:
    outputs = [render_ris, render_bibtex, render_csl_json,
               lambda s: render_csv(s, page_url), lambda s: render_json(s, page_url)]
    for render in outputs:
        first, second = render(studies), render(list(studies))
        assert first == second
        assert first.endswith("\n") and not first.endswith("\n\n")


# --- Theme assignments in the downloads (issue 11, point 11) -------------------------------------------

WALKING = Study(id="walking-2022", title="Walking groups and loneliness in later life")
GARDENS = Study(id="gardens-2020", title="Community gardens for tenants")
ASSIGNED = {"walking-2022": (ThemeAssignment("social-contact", "Social contact", ("barrier", "facilitator")),
                             ThemeAssignment("access", "Access to green space", ()))}


def test_csv_themes_column_joins_theme_ids() -> None:
    rows = list(csv.DictReader(io.StringIO(render_csv([WALKING, GARDENS], page_url, ASSIGNED))))
    assert rows[0]["themes"] == "social-contact; access"
    assert rows[1]["themes"] == ""  # assigned to no theme: an empty cell, not a guess


def test_json_lists_each_theme_with_the_roles_of_its_evidence() -> None:
    walking, gardens = json.loads(render_json([WALKING, GARDENS], page_url, ASSIGNED))
    assert walking["themes"] == [
        {"id": "social-contact", "title": "Social contact", "roles": ["barrier", "facilitator"]},
        {"id": "access", "title": "Access to green space", "roles": []}]
    assert gardens["themes"] == []


def test_built_downloads_carry_the_assignments_of_the_site_model() -> None:
    evidence = (Evidence("s1", None, "results", "Fear of falling kept some at home.", "barrier", ("fear",)),
                Evidence("s2", None, "results", "Leaders who walked slowly helped.", "facilitator", ("leader",)),
                Evidence("s3", None, "results", "A second fear sentence.", "barrier", ("fear",)))
    match = ThemeMatch("social-contact", WALKING.id, True, False, "abstract evidence", evidence, ())
    theme = Theme("social-contact", "Social contact", "What helps?", "Contact.", 1, "", "content/themes/social.md")
    config = SiteConfig(base_url="https://example.org/b/")
    model = build_site_model(config, [WALKING, GARDENS], [theme], BriefText(Markup(""), Markup(""), {}),
                             {"social-contact": [match]})
    files = generated_files(config, model.studies, model.pages, "2024-01-01")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(files["data/studies.csv"]))}
    assert rows["walking-2022"]["themes"] == "social-contact" and rows["gardens-2020"]["themes"] == ""
    by_id = {item["id"]: item for item in json.loads(files["data/studies.json"])}
    assert by_id["walking-2022"]["themes"] == [
        {"id": "social-contact", "title": "Social contact", "roles": ["barrier", "facilitator"]}]
