"""WosReader: Web of Science tagged exports."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import Severity
from generator.ingest.base import AbstractSection
from generator.ingest.wos import WosReader

REALDATA = Path(__file__).parents[3] / "shared" / "realdata" / "ris"

EXPORT = """\
FN Clarivate Analytics Web of Science
VR 1.0
PT J
AU Klusaritz, H
   Barg, FK
AF Klusaritz, Heather
   Barg, Frances K.
TI Impact of stigma on clinician training for opioid use
   disorder care
SO ANNALS OF FAMILY MEDICINE
LA English
DT Article; Early Access
DE stigma; opioid use disorder
ID PRIMARY-CARE; Stigma
AB PURPOSE We studied stigma.METHODS We interviewed 23 people.
SN 1544-1709
EI 1544-1717
J9 ANN FAM MED
JI Ann. Fam. Med.
PD FEB 1
PY 2023
VL 21
IS 2
BP S31
EP S38
DI 10.1370/AFM.2920
UT WOS:000221807500019
PM 36849474
ER

PT B
AU Doubeni, CA
CA Opioid Consortium
TI A book
PY 2019
PD SPR
AR e0815
BN 978-0-19-852663-6
ER

EF
"""


def read(text: str):
    return WosReader().read(text, "savedrecs.txt")


def test_reads_every_field() -> None:
    result = read(EXPORT)
    assert result.diagnostics == ()
    first, second = result.records
    assert first.line == 3
    assert first.title == "Impact of stigma on clinician training for opioid use disorder care"
    assert first.authors == ("Klusaritz, Heather", "Barg, Frances K.")
    assert (first.journal, first.journal_abbrev) == ("ANNALS OF FAMILY MEDICINE", "Ann. Fam. Med.")
    assert (first.year, first.date) == (2023, "2023-02-01")
    assert (first.volume, first.issue, first.pages) == ("21", "2", "S31-S38")
    assert first.doi == "10.1370/afm.2920"
    assert first.language == "English"
    assert first.publication_type == "journal article"
    assert first.peer_reviewed is None
    assert first.keywords == ("stigma", "opioid use disorder", "PRIMARY-CARE")
    assert first.abstract == (AbstractSection("Purpose", "We studied stigma."),
                              AbstractSection("Methods", "We interviewed 23 people."))
    assert first.identifiers == (("wos", "WOS:000221807500019"), ("pmid", "36849474"),
                                 ("issn", "1544-1709"), ("issn", "1544-1717"))
    assert second.line == 31
    assert second.authors == ("Doubeni, CA", "Opioid Consortium")
    assert (second.year, second.date, second.pages) == (2019, "2019", "e0815")
    assert second.publication_type == "book"
    assert second.identifiers == (("isbn", "978-0-19-852663-6"),)


def test_au_is_used_when_there_is_no_af() -> None:
    (record,) = read("FN x\nVR 1.0\nPT J\nAU Smith, J\n   Jones, K\nTI T\nER\nEF\n").records
    assert record.authors == ("Smith, J", "Jones, K")
    assert record.publication_type == "journal article"


def test_tags_rispy_does_not_know_are_ignored() -> None:
    # rispy's WokParser raises KeyError('UK') on any unknown tag unless told to skip them.
    text = "FN x\nVR 1.0\nPT J\nTI Kept\nC3 Northwestern University\nWE Science Citation Index\n" \
           "   Expanded (SCI-EXPANDED)\nER\nEF\n"
    result = read(text)
    assert [r.title for r in result.records] == ["Kept"]
    assert result.diagnostics == ()


def test_truncated_file_keeps_the_record_and_warns() -> None:
    result = read(EXPORT.split("ER\n\nEF")[0])
    assert [r.title for r in result.records][-1] == "A book"
    (diagnostic,) = result.diagnostics
    assert diagnostic.severity is Severity.WARNING
    assert diagnostic.location.line == 31
    assert "cut short" in diagnostic.message


def test_record_without_title_is_skipped_with_a_warning() -> None:
    result = read("FN x\nVR 1.0\nPT J\nAU Smith, J\nER\n\nPT J\nTI Kept\nER\nEF\n")
    assert [r.title for r in result.records] == ["Kept"]
    assert [d.location.line for d in result.diagnostics] == [3]


def test_text_without_records_is_an_error() -> None:
    (diagnostic,) = read("FN Clarivate Analytics Web of Science\nVR 1.0\nEF\n").diagnostics
    assert diagnostic.is_error
    assert diagnostic.format().startswith("savedrecs.txt:1: error: no Web of Science records")


@pytest.mark.parametrize(("text", "score"), [
    (EXPORT, 0.9),
    ("\n\n" + EXPORT, 0.9),
    ("PT J\nTI A title\nER\n", 0.6),
    ("TY  - JOUR\nTI  - x\nER  - \n", 0.0),
    ("PMID- 1\nPT  - Journal Article\n", 0.0),
    ("FN but nothing else\n", 0.0),
])
def test_sniff(text: str, score: float) -> None:
    assert WosReader().sniff(text) == score


def test_real_wos_example() -> None:
    path = REALDATA / "example_wos.ris"
    if not path.exists():
        pytest.skip("shared real-world data is not available")
    result = WosReader().read(path.read_text(encoding="utf-8-sig"), path.name)
    assert result.diagnostics == ()
    first, second = result.records
    assert first.title == ("Interactions stabilizing the structure of the core light-harvesting "
                           "complex (LHl) of photosynthetic bacteria and its subunit (B820)")
    assert first.authors == ("Parkes-Loach, PS", "Majeed, AP", "Law, CJ", "Loach, PA")
    assert (first.journal, first.year, first.date) == ("BIOCHEMISTRY", 2004, "2004-06-08")
    assert (first.pages, first.doi) == ("7003-7016", "10.1021/bi049798f")
    assert ("pmid", "15170338") in first.identifiers
    assert second.title.startswith("Proximal and distal influences on ligand binding")
    assert second.authors[0] == "Cao, WX" and len(second.authors) == 9


# A record with every wrapped field (invented for this test).
WRAPPED = """\
FN Clarivate Analytics Web of Science
VR 1.0
PT J
AU Haddad, R
   Mwangi, JK
   de la Cruz, MT
AF Haddad, Rania
   Mwangi, Joseph Kariuki
   de la Cruz, Maria Teresa
TI Community paramedics and unplanned readmissions among older adults: a
   matched cohort study across three rural districts
SO JOURNAL OF RURAL
   EMERGENCY CARE
LA English
DT Article
DE community paramedicine; readmission; rural health; older
   adults
ID HEART-FAILURE; HOME VISITS; EMERGENCY-DEPARTMENT
   UTILIZATION
AB Background: Rural older adults are readmitted often.
   Methods: We matched 1,204 patients visited by community paramedics to
   2,408 controls.
PD MAR
PY 2021
VL 12
BP 44
EP 58
DI 10.5555/jrec.2021.044
UT WOS:000612345600004
ER

EF
"""


@pytest.mark.parametrize("indent", ["   ", "\t", "  ", "    "], ids=["three-spaces", "tab", "two-spaces", "four"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_wrapped_fields_join_whatever_the_indentation(indent: str, newline: str) -> None:
    text = WRAPPED.replace("\n   ", "\n" + indent).replace("\n", newline)
    (record,) = WosReader().read(text, "savedrecs.txt").records
    assert record.line == 3
    assert record.title == ("Community paramedics and unplanned readmissions among older adults: "
                            "a matched cohort study across three rural districts")
    assert record.authors == ("Haddad, Rania", "Mwangi, Joseph Kariuki", "de la Cruz, Maria Teresa")
    assert record.journal == "JOURNAL OF RURAL EMERGENCY CARE"
    assert record.keywords == ("community paramedicine", "readmission", "rural health", "older adults",
                               "HEART-FAILURE", "HOME VISITS", "EMERGENCY-DEPARTMENT UTILIZATION")
    assert record.abstract == (
        AbstractSection("Background", "Rural older adults are readmitted often."),
        AbstractSection("Methods", "We matched 1,204 patients visited by community paramedics to 2,408 controls."))
    assert (record.year, record.date, record.pages, record.doi) == (2021, "2021-03", "44-58", "10.5555/jrec.2021.044")


def test_initials_are_used_one_per_line_when_there_are_no_full_names() -> None:
    text = "\n".join(line for line in WRAPPED.split("\n")
                     if not line.startswith("AF ") and "Joseph Kariuki" not in line and "Maria Teresa" not in line)
    (record,) = WosReader().read(text, "savedrecs.txt").records
    assert record.authors == ("Haddad, R", "Mwangi, JK", "de la Cruz, MT")


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=3000),
       st.lists(st.sampled_from(list("AUTIER \n\t;") + ["\n   ", "\nER\n", "\nPT J\n", "\r\n"]),
                max_size=8).map("".join))
def test_damaged_wrapped_export_never_raises(position: int, inserted: str) -> None:
    at = position % (len(WRAPPED) + 1)
    for damaged in (WRAPPED[:at], WRAPPED[:at] + inserted + WRAPPED[at:]):
        result = WosReader().read(damaged, "savedrecs.txt")
        assert all(record.title and record.line >= 1 for record in result.records)
