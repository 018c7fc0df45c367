"""RisReader: standard RIS, its tag variants, the one-line variant and broken files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import Severity
from generator.ingest.base import AbstractSection
from generator.ingest.ris import RisReader

REALDATA = Path(__file__).parents[3] / "shared" / "realdata" / "ris"

TWO_RECORDS = """\
TY  - JOUR
AU  - Klusaritz, Heather
AU  - Barg, Frances K.
TI  - Stigma and training for opioid use disorder care.
JF  - The Annals of Family Medicine
JO  - Ann Fam Med
PY  - 2023/02/01/
VL  - 21
IS  - Suppl 2
SP  - S31
EP  - S38
DO  - https://doi.org/10.1370/AFM.2920
UR  - https://doi.org/10.1370/afm.2920
UR  - http://www.annfammed.org/content/21/Suppl_2/S31
KW  - stigma; opioid use disorder
KW  - Stigma
LA  - English
SN  - 1544-1709
AB  - PURPOSE: We studied stigma.
METHODS: We interviewed 23 people.
ER  - 

TY  - CHAP
A1  - Doubeni, Chyke A.
T1  - A chapter
T2  - A book of chapters
Y1  - 2019
SN  - 978-0-19-852663-6
ER  - 
"""


def read(text: str):
    return RisReader().read(text, "refs.ris")


def test_reads_every_field_of_a_standard_record() -> None:
    result = read(TWO_RECORDS)
    assert result.diagnostics == ()
    first, second = result.records
    assert first.line == 1
    assert first.title == "Stigma and training for opioid use disorder care"
    assert first.authors == ("Klusaritz, Heather", "Barg, Frances K.")
    assert (first.year, first.date) == (2023, "2023-02-01")
    assert (first.journal, first.journal_abbrev) == ("The Annals of Family Medicine", "Ann Fam Med")
    assert (first.volume, first.issue, first.pages) == ("21", "Suppl 2", "S31-S38")
    assert first.doi == "10.1370/afm.2920"
    assert first.url == "http://www.annfammed.org/content/21/Suppl_2/S31"
    assert first.keywords == ("stigma", "opioid use disorder")
    assert first.language == "English"
    assert first.publication_type == "journal article"
    assert first.peer_reviewed is None
    assert first.identifiers == (("issn", "1544-1709"),)
    assert first.abstract == (AbstractSection("Purpose", "We studied stigma."),
                              AbstractSection("Methods", "We interviewed 23 people."))
    assert second.line == 23
    assert second.title == "A chapter"
    assert second.authors == ("Doubeni, Chyke A.",)
    assert (second.year, second.date) == (2019, "2019")
    assert second.journal == "A book of chapters"
    assert second.publication_type == "book chapter"
    assert second.identifiers == (("isbn", "978-0-19-852663-6"),)


ONE_LINE = (
    "TY - JOUR T1 - Impact of Stigma on Clinician Training JF - The Annals of Family Medicine "
    "JO - Ann Fam Med SP - S31 LP - S38 DO - 10.1370/afm.2920 VL - 21 IS - Suppl 2 "
    "AU - Heather Klusaritz AU - Frances K. Barg Y1 - 2023/02/01 "
    "UR - http://www.annfammed.org/content/21/Suppl_2/S31.abstract "
    "N2 - PURPOSE We studied COVID - 19 and stigma in programs.METHODS We interviewed 23 people. ER - "
)


def test_one_line_variant_is_split_before_known_tags_only() -> None:
    result = read(ONE_LINE)
    assert result.diagnostics == ()
    (record,) = result.records
    assert record.line == 1
    assert record.title == "Impact of Stigma on Clinician Training"
    assert record.authors == ("Klusaritz, Heather", "Barg, Frances K.")
    assert (record.journal, record.journal_abbrev) == ("The Annals of Family Medicine", "Ann Fam Med")
    assert record.pages == "S31-S38"
    assert (record.volume, record.issue) == ("21", "Suppl 2")
    assert (record.year, record.date) == (2023, "2023-02-01")
    assert record.doi == "10.1370/afm.2920"
    assert record.url == "http://www.annfammed.org/content/21/Suppl_2/S31.abstract"
    assert record.abstract == (
        AbstractSection("Purpose", "We studied COVID - 19 and stigma in programs."),
        AbstractSection("Methods", "We interviewed 23 people."))


def test_one_line_records_on_later_lines_keep_their_line_numbers() -> None:
    text = "Exported from a journal site\n\n" + ONE_LINE + "\n" + ONE_LINE.replace("Impact", "Effect")
    records = read(text).records
    assert [(r.line, r.title.split()[0]) for r in records] == [(3, "Impact"), (4, "Effect")]


def test_truncated_file_keeps_the_record_and_warns() -> None:
    text = TWO_RECORDS.rsplit("ER  -", 1)[0]
    result = read(text)
    assert [r.title for r in result.records] == [
        "Stigma and training for opioid use disorder care", "A chapter"]
    (diagnostic,) = result.diagnostics
    assert diagnostic.severity is Severity.WARNING
    assert diagnostic.location.line == 23
    assert "no 'ER  -' line" in diagnostic.message and "cut short" in diagnostic.message


def test_record_without_er_before_next_record_is_kept_with_a_warning() -> None:
    text = "TY  - JOUR\nTI  - First\nTY  - JOUR\nTI  - Second\nER  - \n"
    result = read(text)
    assert [r.title for r in result.records] == ["First", "Second"]
    assert [d.location.line for d in result.diagnostics] == [1]


def test_missing_whitespace_after_tags_and_bom() -> None:
    text = "\ufeffTY  -JOUR\nTI  -Tight title\nAU  -Smith, Jane\nPY  -2020\nER  -\n"
    (record,) = read(text).records
    assert (record.title, record.authors, record.year) == ("Tight title", ("Smith, Jane",), 2020)
    assert record.publication_type == "journal article"


def test_multi_line_values_unknown_and_empty_tags_and_extra_text() -> None:
    text = (
        "Record #1 of 1\nProvider: Somebody\n1.\n"
        "TY  - JOUR\nTI  - A title that runs\n  onto a second line\nXY  - unknown tag\nSP  -\n"
        "N2  - Estrogen receptor status mattered.\nER-positive tumours responded.\n"
        "KW  - first\nKW  - second\nER  - \n"
    )
    result = read(text)
    (record,) = result.records
    assert record.line == 4
    assert record.title == "A title that runs onto a second line"
    assert record.abstract == (AbstractSection(
        None, "Estrogen receptor status mattered. ER-positive tumours responded."),)
    assert record.keywords == ("first", "second")
    assert record.pages is None


def test_record_without_title_is_skipped_with_a_warning() -> None:
    text = "TY  - JOUR\nDO  - 10.1186/s40981-020-0316-0\nER  - \n\nTY  - JOUR\nTI  - Kept\nER  - \n"
    result = read(text)
    assert [r.title for r in result.records] == ["Kept"]
    (diagnostic,) = result.diagnostics
    assert diagnostic.location.line == 1
    assert "no title (TI/T1)" in diagnostic.format()


def test_text_without_records_is_an_error() -> None:
    result = read("Just some notes\nabout a paper.\n")
    assert result.records == ()
    (diagnostic,) = result.diagnostics
    assert diagnostic.is_error
    assert diagnostic.format().startswith("refs.ris:1: error: no RIS records found")


def test_secondary_authors_only_when_no_primary_ones() -> None:
    with_both = read("TY  - BOOK\nTI  - B\nA1  - Lead, Ann\nA2  - Editor, Ed\nER  - \n").records[0]
    editors_only = read("TY  - BOOK\nTI  - B\nA2  - Editor, Ed\nER  - \n").records[0]
    assert with_both.authors == ("Lead, Ann",)
    assert editors_only.authors == ("Editor, Ed",)
    assert with_both.publication_type == "book"


def test_abstract_tag_variants_and_journal_abbreviation_only() -> None:
    record = read("TY  - JOUR\nTI  - T\nAB  - Short.\nN2  - The longer abstract.\n"
                  "JA  - J Abbr\nDA  - 2018/05\nER  - \n").records[0]
    assert record.abstract == (AbstractSection(None, "The longer abstract."),)
    assert (record.journal, record.journal_abbrev) == (None, "J Abbr")
    assert (record.year, record.date) == (2018, "2018-05")


def test_jo_is_the_journal_when_no_full_name_is_given() -> None:
    record = read("TY  - JOUR\nTI  - T\nJO  - Gynecology, Obstetrics and Perinatology\nER  - \n").records[0]
    assert (record.journal, record.journal_abbrev) == ("Gynecology, Obstetrics and Perinatology", None)


def test_doi_found_in_url_or_notes_when_there_is_no_do() -> None:
    in_url = read("TY  - JOUR\nTI  - T\nUR  - https://dx.doi.org/10.1000/XYZ.1\nER  - \n").records[0]
    in_note = read("TY  - JOUR\nTI  - T\nN1  - doi: 10.1000/abc.2.\nER  - \n").records[0]
    assert (in_url.doi, in_url.url) == ("10.1000/xyz.1", None)
    assert in_note.doi == "10.1000/abc.2"


def test_identifiers_from_sn_and_accession_numbers() -> None:
    record = read("TY  - JOUR\nTI  - T\nSN  - 2325-9671 (electronic)\nSN  - 12345\n"
                  "AN  - 15170338\nDB  - PubMed\nER  - \n").records[0]
    assert record.identifiers == (("issn", "2325-9671"), ("pmid", "15170338"))
    wos = read("TY  - JOUR\nTI  - T\nAN  - WOS:000221807500019\nER  - \n").records[0]
    assert wos.identifiers == (("wos", "WOS:000221807500019"),)


@pytest.mark.parametrize(("code", "expected"), [
    ("JOUR", "journal article"), ("JFULL", "journal article"), ("EJOUR", "journal article"),
    ("BOOK", "book"), ("CHAP", "book chapter"), ("CONF", "conference paper"),
    ("CPAPER", "conference paper"), ("RPRT", "report"), ("THES", "thesis"), ("GEN", None),
    ("Journal Article", "journal article"), ("HEAR", "hearing"),
])
def test_publication_types(code: str, expected: str | None) -> None:
    record = read(f"TY  - {code}\nTI  - T\nER  - \n").records[0]
    assert record.publication_type == expected


def test_names_without_comma_in_standard_ris_stay_family_first() -> None:
    record = read("TY  - JOUR\nTI  - T\nAU  - Mangalam H\nAU  - Shannon,Claude E.\nER  - \n").records[0]
    assert record.authors == ("Mangalam, H", "Shannon, Claude E.")


@pytest.mark.parametrize(("text", "score"), [
    (TWO_RECORDS, 0.9),
    (ONE_LINE, 0.9),
    ("\ufeffTY  -JOUR\nTI  -x\nER  -\n", 0.9),
    ("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI x\nER\n", 0.0),
    ("PMID- 123\nTI  - x\n", 0.0),
    ("A plain web page about a study.\n", 0.0),
    ("The PARTY - JOUR T1 - x text of a web page\n", 0.0),
])
def test_sniff(text: str, score: float) -> None:
    assert RisReader().sniff(text) == score


def _realdata(name: str) -> str:
    path = REALDATA / name
    if not path.exists():
        pytest.skip("shared real-world data is not available")
    return path.read_text(encoding="utf-8-sig")


@pytest.mark.skipif(not REALDATA.is_dir(), reason="shared real-world data is not available")
@pytest.mark.parametrize("path", sorted(REALDATA.glob("*")) if REALDATA.is_dir() else [],
                         ids=lambda p: p.name)
def test_every_real_file_reads_without_crashing(path: Path) -> None:
    result = RisReader().read(path.read_text(encoding="utf-8-sig"), path.name)
    assert all(record.title for record in result.records)
    assert result.records or result.diagnostics


def test_real_full_example() -> None:
    result = RisReader().read(_realdata("example_full.ris"), "example_full.ris")
    first, second = result.records
    assert (first.title, first.line) == ("Title of reference", 2)
    assert first.authors == ("Marx, Karl", "Lindgren, Astrid")
    assert (first.journal, first.journal_abbrev, first.year) == ("Lorem", "lorem", 2014)
    assert first.identifiers == (("issn", "1932-6208"),)
    assert second.title == "The title of the reference"


def test_real_examples_with_quirks() -> None:
    basic = RisReader().read(_realdata("example_basic.ris"), "b").records[0]
    assert (basic.authors, basic.date, basic.pages) == (("Shannon, Claude E.",), "1948-07", "379-423")
    empty = RisReader().read(_realdata("example_empty_tag.ris"), "e").records[0]
    assert empty.doi == "10.1177/2325967120950040"
    assert empty.abstract[0].heading == "Background"
    bom = RisReader().read(_realdata("example_bom.ris"), "bom")
    assert bom.records == () and "no title" in bom.diagnostics[0].message
    urls = RisReader().read(_realdata("example_urls.ris"), "u").records
    assert len(urls) == 4 and {r.url for r in urls} == {"http://example.com"}
    wos = RisReader().read(_realdata("example_wos.ris"), "wos")
    assert wos.records == () and wos.diagnostics[0].is_error


# --- Variants written by EndNote, EBSCOhost and Covidence (documents invented for these tests) ---

ENDNOTE = """\
TY  - JOUR
ID  - 17
T1  - Peer navigators for adults leaving prison: a stepped-wedge evaluation in four regions
A1  - Okonkwo, Adaeze N.
A1  - Lindqvist, Per
A2  - Series, Editor
Y1  - 2019/06/01/
N2  - Background: Release from prison is a time of high risk.
  Methods: We followed 318 adults released from four regional prisons.
Results: Contact with a navigator within 7 days halved readmissions.
JF  - Journal of Correctional Health Care
JA  - J Correct Health Care
VL  - 25
IS  - 3
SP  - 211
EP  - 219
M3  - doi: 10.5555/JCHC.2019.0211
N1  - Cited in: doi: 10.5555/review.2020.1
ER  - 

TY  - JOUR
T1  - Hand hygiene audits in three rural clinics
A1  - Mbeki, T.; Ferreira, Joana
Y1  - 2021///
JO  - Infection Control in Practice
SP  - No
EP  - Specified
IS  - Ferreira J (2018). Earlier audit methods. Infect Control Pract 4: 1-9.
N1  - doi: 10.5555/icp.2021.7
ER  - 
"""

EBSCO = """\
Provider: EBSCOhost
Database: CINAHL Complete
Content: text/plain; charset="UTF-8"

TY  - JOUR
AU  - Haddad, Rania
AU  - Mwangi, Joseph K.
T1  - Community paramedics and readmissions among older adults
JO  - Journal of Rural Emergency Care
JF  - Journal of Rural Emergency Care
Y1  - 2021/03//
VL  - 12
IS  - 1
SP  - 44
EP  - 58
N2  - We matched 1,204 patients to 2,408 controls.
SN  - 1234-5678
AD  - School of Nursing, Example University
N1  - Accession Number: 150123456. Language: English. Entry Date: 20210415. Publication Type: Article.
M3  - Article
KW  - Readmission
KW  - Rural Health
AN  - 150123456
DB  - CINAHL Complete
DP  - EBSCOhost
UR  - https://search.example-host.com/login.aspx?direct=true&db=ccm&AN=150123456&site=ehost-live
DO  - 10.5555/jrec.2021.044
ER  - 
"""

COVIDENCE = """\
TY  - JOUR
TI  - Telephone follow-up after emergency discharge: a randomised comparison
AU  - Nakamura, Keiko
AU  - Ó Súilleabháin, Pádraig
PY  - 2019
T2  - Rural Emergency Medicine
VL  - 41
IS  - 2
SP  - 120-128
AB  - Adults were randomly allocated to a call or usual care.
N1  - Exclusion reason: Wrong setting; PMID: 31234567
DO  - https://doi.org/10.5555/rem.2019.33
ER  - 
"""


def test_endnote_variant_tags_dates_continuation_lines_and_doi_in_m3() -> None:
    result = read(ENDNOTE)
    first, second = result.records
    assert first.title == "Peer navigators for adults leaving prison: a stepped-wedge evaluation in four regions"
    assert first.authors == ("Okonkwo, Adaeze N.", "Lindqvist, Per")
    assert (first.year, first.date) == (2019, "2019-06-01")
    assert (first.journal, first.journal_abbrev) == ("Journal of Correctional Health Care", "J Correct Health Care")
    assert (first.volume, first.issue, first.pages) == ("25", "3", "211-219")
    assert first.doi == "10.5555/jchc.2019.0211"
    assert first.abstract == (
        AbstractSection("Background", "Release from prison is a time of high risk."),
        AbstractSection("Methods", "We followed 318 adults released from four regional prisons."),
        AbstractSection("Results", "Contact with a navigator within 7 days halved readmissions."))
    assert second.line == 21
    assert second.authors == ("Mbeki, T.", "Ferreira, Joana")
    assert (second.year, second.date, second.journal) == (2021, "2021", "Infection Control in Practice")
    assert second.pages is None  # "No" - "Specified" is a placeholder, not pages
    assert second.issue is None  # a reference pasted into IS is not an issue number
    assert second.doi == "10.5555/icp.2021.7"


def test_ebsco_export_with_preamble_accession_number_and_database() -> None:
    (record,) = read(EBSCO).records
    assert record.line == 5
    assert record.title == "Community paramedics and readmissions among older adults"
    assert (record.journal, record.journal_abbrev) == ("Journal of Rural Emergency Care", None)
    assert (record.year, record.date) == (2021, "2021-03")
    assert record.doi == "10.5555/jrec.2021.044"
    assert record.url == "https://search.example-host.com/login.aspx?direct=true&db=ccm&AN=150123456&site=ehost-live"
    assert record.identifiers == (("issn", "1234-5678"), ("accession", "150123456 (CINAHL Complete)"))
    assert record.abstract == (AbstractSection(None, "We matched 1,204 patients to 2,408 controls."),)
    assert record.keywords == ("Readmission", "Rural Health")


def test_accession_number_labelled_in_a_note_when_there_is_no_an() -> None:
    record = read(EBSCO.replace("AN  - 150123456\n", "")).records[0]
    assert ("accession", "150123456 (CINAHL Complete)") in record.identifiers


def test_covidence_screening_notes_and_pmid_in_a_note() -> None:
    (record,) = read(COVIDENCE).records
    assert record.authors == ("Nakamura, Keiko", "Ó Súilleabháin, Pádraig")
    assert (record.journal, record.volume, record.issue, record.pages) == ("Rural Emergency Medicine", "41", "2",
                                                                           "120-128")
    assert record.doi == "10.5555/rem.2019.33"
    assert record.identifiers == (("pmid", "31234567"),)
    assert record.abstract == (AbstractSection(None, "Adults were randomly allocated to a call or usual care."),)


@pytest.mark.parametrize(("note", "doi"), [
    ("doi: 10.5555/one.1", "10.5555/one.1"),
    ("DOI 10.5555/one.1", "10.5555/one.1"),
    ("10.5555/one.1", "10.5555/one.1"),
    ("Full text: https://doi.org/10.5555/one.1", "10.5555/one.1"),
    ("Compare the trial reported in 10.5555/other.9", None),
    ("Replaces doi: 10.5555/one.1; corrected in doi: 10.5555/two.2", None),
])
def test_a_doi_in_a_note_counts_only_when_the_note_labels_one(note: str, doi: str | None) -> None:
    record = read(f"TY  - JOUR\nTI  - T\nN1  - {note}\nER  - \n").records[0]
    assert record.doi == doi


@settings(max_examples=100, deadline=None)
@given(st.sampled_from([ENDNOTE, EBSCO, COVIDENCE]), st.integers(min_value=0, max_value=3000),
       st.lists(st.sampled_from(list("TYER -\n\t;:/") + ["ER  - ", "TY  - ", "N1  - doi: ", "\r\n"]),
                max_size=8).map("".join))
def test_damaged_variant_exports_never_raise(document: str, position: int, inserted: str) -> None:
    at = position % (len(document) + 1)
    for damaged in (document[:at], document[:at] + inserted + document[at:]):
        result = read(damaged)
        assert all(record.title and record.line >= 1 for record in result.records)
