"""MedlineReader: PubMed's tagged export, multi-record files, author forms and broken records."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import Severity
from generator.ingest.base import AbstractSection, Translation
from generator.ingest.medline import MedlineReader, language_tag

REALDATA = Path(__file__).parents[3] / "shared" / "realdata" / "medline"

TWO_RECORDS = """\
PMID- 30000001
OWN - NLM
STAT- MEDLINE
IS  - 1544-1709 (Electronic)
VI  - 21
IP  - Suppl 2
DP  - 2023 Feb 1
TI  - Stigma and clinician training for opioid use disorder care: a
      qualitative study.
PG  - S31-8
LID - 10.1370/AFM.2920 [doi]
AB  - PURPOSE: We studied stigma. METHODS: We interviewed 23
      stakeholders. RESULTS: Stigma was common.
FAU - Klusaritz, Heather
AU  - Klusaritz H
FAU - de Hoon, M J L
AU  - de Hoon MJ
CN  - Primary Care Learning Collaborative
LA  - eng
PT  - Journal Article
PT  - Review
TA  - Ann Fam Med
JT  - Annals of family medicine
MH  - *Opioid-Related Disorders/drug therapy
MH  - Social Stigma
OT  - stigma
OT  - opioid use disorder
PMC - PMC9999999

PMID- 30000002
DP  - 2024
TI  - [Ein deutscher Titel ins Englische übersetzt].
TT  - Ein deutscher Titel.
AU  - Mangalam H
LA  - ger
PT  - Preprint
MH  - Humans
MH  - Information Storage and Retrieval/*methods/standards
AID - S0000 [pii]
AID - 10.1000/xyz.2 [doi]
"""


def read(text: str):
    return MedlineReader().read(text, "seeds/pubmed.nbib")


def test_sniff_needs_pmid_and_other_tags() -> None:
    reader = MedlineReader()
    assert reader.sniff(TWO_RECORDS) == 0.95
    assert reader.sniff("PMID- 123\n") == 0.0
    assert reader.sniff("TY  - JOUR\nTI  - A title\nER  - \n") == 0.0
    assert reader.sniff("<html><body>PMID: 123</body></html>") == 0.0


def test_first_record_fields() -> None:
    result = read(TWO_RECORDS)
    assert [d for d in result.diagnostics if d.is_error] == []
    first = result.records[0]
    assert first.line == 1
    assert first.title == "Stigma and clinician training for opioid use disorder care: a qualitative study"
    assert first.authors == ("Klusaritz, Heather", "de Hoon, M J L", "Primary Care Learning Collaborative")
    assert (first.year, first.date) == (2023, "2023-02-01")
    assert (first.journal, first.journal_abbrev) == ("Annals of family medicine", "Ann Fam Med")
    assert (first.volume, first.issue, first.pages) == ("21", "Suppl 2", "S31-8")
    assert first.doi == "10.1370/afm.2920"
    assert first.publication_type == "review"
    assert first.peer_reviewed is None
    assert first.language == "en"
    assert first.keywords == ("stigma", "opioid use disorder")
    assert first.abstract == (
        AbstractSection("Purpose", "We studied stigma."),
        AbstractSection("Methods", "We interviewed 23 stakeholders."),
        AbstractSection("Results", "Stigma was common."),
    )
    assert dict(first.identifiers) == {"pmid": "30000001", "pmcid": "PMC9999999", "issn": "1544-1709"}


def test_second_record_au_only_preprint_mesh_and_translated_title() -> None:
    second = read(TWO_RECORDS).records[1]
    assert second.line == 30
    assert second.title == "Ein deutscher Titel ins Englische übersetzt"
    assert second.authors == ("Mangalam, H",)
    assert second.publication_type == "preprint"
    assert second.peer_reviewed is False
    assert second.doi == "10.1000/xyz.2"
    assert second.keywords == ("Humans", "Information Storage and Retrieval")
    assert second.language == "de"
    assert second.translations == (Translation(lang="de", title="Ein deutscher Titel"),)


def test_abbreviated_page_ranges_are_written_in_full() -> None:
    record = read("PMID- 1\nTI  - T.\nPG  - 616-7\n").records[0]
    assert record.pages == "616-617"
    assert read("PMID- 1\nTI  - T.\nPG  - 5795-813\n").records[0].pages == "5795-5813"


def test_records_without_blank_lines_still_split_at_pmid() -> None:
    result = read("PMID- 1\nTI  - One.\nPMID- 2\nTI  - Two.\n")
    assert [(r.line, r.title) for r in result.records] == [(1, "One"), (3, "Two")]


def test_record_without_title_is_skipped_with_a_warning() -> None:
    result = read("PMID- 1\nTI  - Kept.\n\nPMID- 2\nAU  - Nobody N\n")
    assert [r.title for r in result.records] == ["Kept"]
    (diagnostic,) = result.diagnostics
    assert diagnostic.severity is Severity.WARNING
    assert diagnostic.location.line == 4
    assert diagnostic.format().startswith("seeds/pubmed.nbib:4: warning: record 2 at line 4 has no title")


def test_stray_lines_are_reported_not_fatal() -> None:
    result = read("PMID- 1\nTI  - Kept.\nthis is not a tag line\n")
    assert [r.title for r in result.records] == ["Kept"]
    assert [d.location.line for d in result.diagnostics] == [3]


def test_empty_and_garbage_text() -> None:
    for text in ("", "\n\n", "hello world\n", "PMID-"):
        result = read(text)
        assert result.records == ()
        assert result.diagnostics


def test_language_tag() -> None:
    assert language_tag("eng") == "en"
    assert language_tag("English") == "en"
    assert language_tag("Klingon") == "klingon"
    assert language_tag(" ") is None


@pytest.mark.skipif(not REALDATA.is_dir(), reason="shared real-world data not present")
@pytest.mark.parametrize("name", ["pubmed_result1.nbib", "pubmed_result2.nbib", "pubmed_result3.nbib"])
def test_real_files_read_without_errors(name: str) -> None:
    text = (REALDATA / name).read_text(encoding="utf-8")
    assert MedlineReader().sniff(text) == 0.95
    result = MedlineReader().read(text, name)
    assert result.records
    assert result.diagnostics == ()
    assert all(record.title and record.authors and record.year for record in result.records)


@pytest.mark.skipif(not REALDATA.is_dir(), reason="shared real-world data not present")
def test_real_values() -> None:
    one = MedlineReader().read((REALDATA / "pubmed_result1.nbib").read_text(encoding="utf-8"), "1").records
    assert len(one) == 1
    assert one[0].title == "The Bio* toolkits--a brief overview"
    assert one[0].authors == ("Mangalam, Harry",)
    assert (one[0].date, one[0].pages) == ("2002-09", "296-302")
    assert one[0].keywords[0] == "Computational Biology"

    two = MedlineReader().read((REALDATA / "pubmed_result2.nbib").read_text(encoding="utf-8"), "2").records
    assert [record.identifiers[0] for record in two] == [
        ("pmid", "16403221"), ("pmid", "16377612"), ("pmid", "14871861"), ("pmid", "14630660")]
    assert two[0].doi == "10.1186/1471-2105-7-10"
    assert dict(two[0].identifiers)["pmcid"] == "PMC1373603"
    assert two[0].abstract[0].heading == "Background"
    assert two[1].title == "GenomeDiagram: a python package for the visualization of large-scale genomic data"
    assert two[1].pages == "616-617"
    assert two[2].authors[0] == "de Hoon, M J L"

    three = MedlineReader().read((REALDATA / "pubmed_result3.nbib").read_text(encoding="utf-8"), "3").records
    assert three[0].doi == "10.1118/1.4748329"
    assert "High-Intensity Focused Ultrasound Ablation" in three[0].keywords
    assert [section.heading for section in three[0].abstract] == ["Purpose", "Methods", "Results", "Conclusions"]
