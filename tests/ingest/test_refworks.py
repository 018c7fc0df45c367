"""RefworksReader: RefWorks' tagged export, with documents written for these tests (invented studies)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import Severity
from generator.ingest.base import AbstractSection
from generator.ingest.refworks import RefworksReader
from generator.ingest.registry import choose_reader

THREE_RECORDS = """\
RT Journal Article
SR Electronic(1)
ID 118
A1 Ferreira-Lund, Marta
A1 Okonkwo, Chidi B.
A1 Sørensen, Ida
T1 Text-message reminders and missed appointments in two
   community physiotherapy services: a randomised comparison
JF Journal of Community Rehabilitation
JO J Community Rehabil
YR 2022
FD Sep 14
VO 9
IS 3
SP 45
OP 53
K1 physiotherapy; reminders
K1 attendance
AB Objective: To test whether reminders cut missed visits.
Methods: We allocated 312 patients to reminders or usual care.
Results: Missed visits fell by a third.
DO https://doi.org/10.5555/JCR.2022.0903
SN 2211-4530
LA English

RT Book, Section
A1 Haddad, Rami
T1 Paying peer workers fairly
T2 Handbook of Lived-Experience Practice
A2 Quist, Helena
PB Northgate Press
PP Leeds
YR 2018
SP 201-219
UR https://example.org/handbook/ch12

RT Report
A1 Tanaka, Emi
T1 Waiting times for home adaptations, 2015 to 2020
YR 2021
FD 2021/11/02
NO Commissioned by a regional housing board. PMID: 40001234
"""


def read(text: str, path: str = "seeds/export.txt"):
    return RefworksReader().read(text, path)


def test_reads_every_record_with_its_fields() -> None:
    result = read(THREE_RECORDS)
    assert [record.line for record in result.records] == [1, 26, 37]
    article, chapter, report = result.records
    assert article.title == ("Text-message reminders and missed appointments in two community physiotherapy "
                             "services: a randomised comparison")
    assert article.authors == ("Ferreira-Lund, Marta", "Okonkwo, Chidi B.", "Sørensen, Ida")
    assert (article.journal, article.journal_abbrev) == ("Journal of Community Rehabilitation", "J Community Rehabil")
    assert (article.year, article.date) == (2022, "2022-09-14")
    assert (article.volume, article.issue, article.pages) == ("9", "3", "45-53")
    assert article.doi == "10.5555/jcr.2022.0903"
    assert article.keywords == ("physiotherapy", "reminders", "attendance")
    assert article.language == "en"
    assert article.publication_type == "journal article"
    assert ("issn", "2211-4530") in article.identifiers
    assert article.abstract[0] == AbstractSection("Objective", "To test whether reminders cut missed visits.")
    assert article.abstract[1].text == "We allocated 312 patients to reminders or usual care."
    assert chapter.publication_type == "book chapter"
    assert chapter.authors == ("Haddad, Rami",)  # the editor (A2) is not an author of a chapter
    assert (chapter.journal, chapter.pages) == ("Handbook of Lived-Experience Practice", "201-219")
    assert chapter.url == "https://example.org/handbook/ch12"
    assert report.publication_type == "report"
    assert (report.year, report.date) == (2021, "2021-11-02")
    assert ("pmid", "40001234") in report.identifiers
    assert result.diagnostics == ()


def test_byte_order_mark_and_windows_line_endings() -> None:
    text = "\ufeff" + THREE_RECORDS.replace("\n", "\r\n")
    plain = read(THREE_RECORDS)
    crlf = read(text)
    assert crlf.records == plain.records


def test_record_without_title_is_named_by_its_line_and_the_others_kept() -> None:
    text = THREE_RECORDS + "\nRT Journal Article\nA1 Brandt, Ole\nJF Nordic Nursing Review\nYR 2020\n"
    result = read(text)
    assert len(result.records) == 3
    (diagnostic,) = result.diagnostics
    assert diagnostic.severity is Severity.WARNING
    assert diagnostic.location.line == 44
    assert "line 44" in diagnostic.message and "T1" in diagnostic.message


def test_wrapped_abstract_line_starting_with_a_tag_like_abbreviation_stays_in_the_abstract() -> None:
    text = ("RT Journal Article\nA1 Mwangi, Grace\nT1 Frequent attenders at an urban hospital\nYR 2023\n"
            "AB We linked records of adults who attended the\n"
            "ED more than four times in a year. Most were older\n"
            "ED visits fell after case management began.\n"
            "ED 2nd\n")
    (record,) = read(text).records
    assert record.abstract[0].text == ("We linked records of adults who attended the ED more than four times in a "
                                       "year. Most were older ED visits fell after case management began.")


def test_month_only_and_ranges_of_months_give_no_invented_day() -> None:
    base = "RT Journal Article\nT1 A title\nYR 2019\nFD {}\n"
    assert read(base.format("March")).records[0].date == "2019-03"
    assert read(base.format("Mar-Apr")).records[0].date == "2019"
    assert read(base.format("Winter")).records[0].date == "2019"


def test_record_whose_rt_line_was_lost_is_split_off_with_a_warning() -> None:
    text = ("RT Journal Article\nT1 First invented study\nYR 2020\n\n"
            "T1 Second invented study\nYR 2021\n")
    result = read(text)
    assert [record.title for record in result.records] == ["First invented study", "Second invented study"]
    assert [d.location.line for d in result.diagnostics] == [5]


def test_unknown_reference_type_is_kept_in_plain_words_and_generic_gives_none() -> None:
    text = "RT Conference Proceedings\nT1 Talk\nYR 2020\n\nRT Generic\nT1 Other thing\nYR 2020\n"
    assert [r.publication_type for r in read(text).records] == ["conference paper", None]


def test_file_without_records_is_an_error() -> None:
    result = read("nothing to see here\n")
    assert result.records == ()
    assert result.diagnostics[0].severity is Severity.ERROR


def test_sniff_claims_refworks_and_not_its_neighbours() -> None:
    reader = RefworksReader()
    assert reader.sniff(THREE_RECORDS) >= 0.9
    assert choose_reader(THREE_RECORDS).name == "refworks"  # type: ignore[union-attr]
    ris = "TY  - JOUR\nT1  - A title\nAU  - Doe, Jane\nPY  - 2020\nER  - \n"
    medline = "PMID- 123\nTI  - A title\nAU  - Doe J\n"
    wos = "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Doe, J\nTI A title\nPY 2020\nER\nEF\n"
    prose = "RT is short for retweet.\nA1 steak sauce is tasty.\n"
    for text in (ris, medline, wos, prose):
        assert reader.sniff(text) == 0.0, text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("RTA1JFYOKBS \n\r\t\ufeff,;-:.é0")), max_size=300))
def test_read_never_raises_on_damaged_input(text: str) -> None:
    result = RefworksReader().read(text, "seeds/x.txt")
    for record in result.records:
        assert record.title


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=len(THREE_RECORDS)), st.text(max_size=40))
def test_read_never_raises_when_a_real_export_is_cut_or_spliced(cut: int, junk: str) -> None:
    result = RefworksReader().read(THREE_RECORDS[:cut] + junk + THREE_RECORDS[cut:], "seeds/x.txt")
    assert all(record.line >= 1 for record in result.records)
