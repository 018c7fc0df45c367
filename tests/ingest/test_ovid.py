"""Ovid text exports: three invented files in the MEDLINE, Embase and PsycINFO styles of Ovid's
"Complete Reference" / "Citation + Abstract" text display (studies, people and journals made up)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.ingest.base import AbstractSection, ReadResult
from generator.ingest.ovid import OvidReader
from generator.ingest.registry import choose_reader

MEDLINE = """\
Database: Ovid MEDLINE(R) ALL <1946 to March 03, 2025>
Search Strategy:
--------------------------------------------------------------------------------
1     exp Community Health Workers/ (9120)
2     home visit*.tw. (15432)
3     1 and 2 (611)

<1>
Unique Identifier
  38811234
Authors
  Tamberlane, Orla C
  Mbeki-Fontaine, Joseph
  Ruiz, Ines
Authors Full Name
  Tamberlane, Orla Catriona
  Mbeki-Fontaine, Joseph
  Ruiz, Ines
Title
  Lay health visitors and missed infant immunisations in two river
  valley districts: a cluster randomised trial.
Source
  Journal of Rural Child Health. 14(2):133-41, 2024 Feb.
Abstract
  BACKGROUND: Infants in remote valleys miss scheduled vaccinations.
  METHODS: We randomised 24 villages to monthly lay visits or usual care.
  RESULTS: Missed doses fell from 31% to 18%.
Keyword Heading
  home visits
  immunisation
  lay health workers
Publication Type
  Journal Article.
  Randomized Controlled Trial.
Year of Publication
  2024
Digital Object Identifier
  https://dx.doi.org/10.5555/jrch.2024.0133
Language
  English

<2>
Unique Identifier
  38809876
Authors
  Okonkwo-Baptiste, Amara
Title
  [Telephone follow-up after discharge from a rural maternity unit].
Source
  Revue de Sante Rurale. 9(1):e22, 2023.
Language
  French

<3>
Unique Identifier
  38800001
Authors
  Lindgren, Pia
Source
  Journal of Rural Child Health. 13(6):501-502, 2023 Dec.
"""

EMBASE = """\
Database: Embase <1974 to 2025 March 03>

1.
Accession Number
  2031456789
Title
  Pharmacist-led deprescribing in care homes: a stepped-wedge evaluation
Author
  Haverkamp J.W.; Oyelaran T.; de Souza-Bright M.
Source
  Age and Medicines. 41 (3) (pp 220-231), 2022. Date of Publication: 01 Jun 2022.
ISSN
  0143-9876 (print)
  1743-1111 (electronic)
Abstract
  Objective: To evaluate whether pharmacist-led medication review reduces
  the number of regular medicines in care home residents.

  Results: Residents in 18 homes took 1.4 fewer regular medicines.
Emtree Headings
  *deprescribing
  nursing home/ep [Epidemiology]
Language
  English
Publication Type
  Journal: Article
PubMed ID
  35550011

2.
Accession Number
  2031400002
Title
  Deprescribing conversations with families: protocol for a qualitative study
Author
  Quist R.
Source
  Age and Medicines. 41 (S1) (pp S14), 2022. Date of Publication: May 2022.
Publication Type
  Journal: Conference Abstract
"""

PSYCINFO = """\
Record 1 of 2
Accession Number
  2023-55512-004
Title
  Shared reading groups and loneliness among retired seafarers.
Authors
  Varga-Lindqvist, Helena
Institution
  Varga-Lindqvist, Helena. Department of Social Psychology, Northbay College, Port Ellery.
Source
  Journal of Later Life Studies. Vol.58(4), 2023, pp. 377-395.
Keywords
  loneliness; shared reading; retirement; maritime workers
Abstract
  Retired seafarers often lose the social ties of shipboard life. We interviewed 19 members of
  four shared reading groups and analysed the transcripts thematically.
Publication Type
  Journal; Peer Reviewed Journal
Digital Object Identifier
  10.5555/jlls.2023.377
Language
  English

Record 2 of 2
Accession Number
  2023-55512-009
Title
  Community choirs for people living with aphasia: A mixed-methods evaluation.
Authors
  Abernathy-Cole, Rhys
  Nakagawa, Emi
Source
  Journal of Later Life Studies. Vol.58(5), 2023, pp. 401-420.
Publication Type
  Journal; Peer Reviewed Journal
"""


def _read(text: str) -> ReadResult:
    return OvidReader().read(text, "seeds/ovid.txt")


def test_each_style_is_claimed_by_the_ovid_reader() -> None:
    for text in (MEDLINE, EMBASE, PSYCINFO):
        assert OvidReader().sniff(text) >= 0.8
        chosen = choose_reader(text)
        assert chosen is not None and chosen.name == "ovid"


def test_medline_style_fields() -> None:
    result = _read(MEDLINE)
    first, second = result.records
    assert first.line == 8
    assert first.title == ("Lay health visitors and missed infant immunisations in two river valley districts: "
                           "a cluster randomised trial")
    # "Authors Full Name" wins over the short "Authors" list.
    assert first.authors == ("Tamberlane, Orla Catriona", "Mbeki-Fontaine, Joseph", "Ruiz, Ines")
    assert (first.journal, first.volume, first.issue, first.pages) == ("Journal of Rural Child Health", "14", "2",
                                                                       "133-141")
    assert (first.year, first.date) == (2024, "2024-02")
    assert first.doi == "10.5555/jrch.2024.0133"
    assert first.language == "en"
    assert first.keywords == ("home visits", "immunisation", "lay health workers")
    assert ("pmid", "38811234") in first.identifiers
    assert [s.heading for s in first.abstract] == ["Background", "Methods", "Results"]
    assert first.abstract[1] == AbstractSection("Methods", "We randomised 24 villages to monthly lay visits or "
                                                           "usual care.")
    assert second.title == "Telephone follow-up after discharge from a rural maternity unit"
    assert second.authors == ("Okonkwo-Baptiste, Amara",)
    assert (second.volume, second.issue, second.pages, second.year) == ("9", "1", "e22", 2023)
    assert second.language == "fr"


def test_record_without_title_is_named_by_its_line() -> None:
    result = _read(MEDLINE)
    assert len(result.records) == 2
    [problem] = result.diagnostics
    assert problem.location.line == 54
    assert "no title" in problem.message


def test_embase_style_fields() -> None:
    first, second = _read(EMBASE).records
    assert first.line == 3
    assert first.title == "Pharmacist-led deprescribing in care homes: a stepped-wedge evaluation"
    assert first.authors == ("Haverkamp, J.W.", "Oyelaran, T.", "de Souza-Bright, M.")
    assert (first.journal, first.volume, first.issue, first.pages) == ("Age and Medicines", "41", "3", "220-231")
    assert (first.year, first.date) == (2022, "2022-06-01")
    assert first.publication_type == "journal article"
    assert ("pmid", "35550011") in first.identifiers
    assert ("accession", "2031456789") in first.identifiers
    assert ("issn", "0143-9876") in first.identifiers and ("issn", "1743-1111") in first.identifiers
    assert [s.heading for s in first.abstract] == ["Objective", "Results"]
    # No author keywords: the subject headings stand in, without Ovid's "*" and "/ep" marks.
    assert first.keywords == ("deprescribing", "nursing home")
    assert second.authors == ("Quist, R.",)
    assert (second.issue, second.pages, second.date) == ("S1", "S14", "2022-05")
    assert second.publication_type == "conference abstract"


def test_psycinfo_style_fields() -> None:
    first, second = _read(PSYCINFO).records
    assert first.title == "Shared reading groups and loneliness among retired seafarers"
    assert first.authors == ("Varga-Lindqvist, Helena",)
    assert (first.journal, first.volume, first.issue, first.pages, first.year) == (
        "Journal of Later Life Studies", "58", "4", "377-395", 2023)
    assert first.keywords == ("loneliness", "shared reading", "retirement", "maritime workers")
    assert first.peer_reviewed is True
    assert first.doi == "10.5555/jlls.2023.377"
    assert ("accession", "2023-55512-004") in first.identifiers
    assert second.line == 24
    assert second.authors == ("Abernathy-Cole, Rhys", "Nakagawa, Emi")
    assert second.pages == "401-420"


def test_a_single_record_pasted_without_its_number() -> None:
    text = PSYCINFO.split("Record 2 of 2\n")[1]
    assert OvidReader().sniff(text) >= 0.6
    [record] = _read(text).records
    assert record.title == "Community choirs for people living with aphasia: A mixed-methods evaluation"


def test_an_author_line_that_cannot_be_split_leaves_authors_empty() -> None:
    text = EMBASE.replace("Haverkamp J.W.; Oyelaran T.; de Souza-Bright M.", "Jana Haverkamp, Tomi Oyelaran")
    result = _read(text)
    assert result.records[0].authors == ()
    assert any("authors" in d.message and d.location.line == 3 for d in result.diagnostics)


def test_windows_line_ends_tabs_and_colons() -> None:
    text = ("<1>\r\nTitle:\r\n\tCycling to school and attention in class\r\nAuthors:\r\n\tBrekke, Solveig\r\n"
            "Journal Name:\r\n\tSchool Health Reports\r\nVolume:\r\n\t6\r\nIssue:\r\n\t2\r\n"
            "Pagination:\r\n\t14-19\r\nYear of Publication:\r\n\t2017\r\n")
    assert OvidReader().sniff(text) >= 0.8
    [record] = _read(text).records
    assert (record.title, record.authors, record.journal) == (
        "Cycling to school and attention in class", ("Brekke, Solveig",), "School Health Reports")
    assert (record.volume, record.issue, record.pages, record.year) == ("6", "2", "14-19", 2017)


def test_other_text_is_not_ovid() -> None:
    page = ("Title\nA study of things\nAuthors\nJane Roe\n\nAbstract\nWe looked at things.\n")
    assert OvidReader().sniff(page) == 0.0
    assert OvidReader().sniff("TY  - JOUR\nTI  - A title\nER  - \n") == 0.0


_OVIDISH = st.sampled_from(["<1>\n", "Title\n", "Authors\n", "Source\n", "Abstract\n", "  ", "\n", "1.\n",
                            "Record 1 of 2\n", "x", "(3):", "2019", ";", "\t", "Journal. 4(5):6-7, 2020.\n"])


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(_OVIDISH, max_size=80).map("".join)))
def test_read_never_raises(text: str) -> None:
    reader = OvidReader()
    assert 0.0 <= reader.sniff(text) <= 1.0
    result = reader.read(text, "seeds/x.txt")
    assert all(record.title for record in result.records)
