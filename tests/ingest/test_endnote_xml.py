"""EndNoteXmlReader: EndNote XML exports, style runs, damaged and hostile documents.

Every document here is invented for these tests; expected values are read off the documents.
"""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.ingest.base import AbstractSection, ReadResult
from generator.ingest.endnote_xml import EndnoteXmlReader
from generator.ingest.registry import choose_reader

S = '<style face="normal" font="default" size="100%">'
LIBRARY = f"""<?xml version="1.0" encoding="UTF-8" ?><xml><records><record><database name="Review.enl" \
path="C:\\Review.enl">Review.enl</database><source-app name="EndNote" version="20.2">EndNote</source-app>\
<rec-number>4</rec-number><ref-type name="Journal Article">17</ref-type><contributors><authors><author>{S}\
Fenwick, Orla M.</style></author><author>{S}Takahashi, Ren</style></author></authors></contributors><titles>\
<title>{S}Group walking programmes for adults with </style><style face="italic" font="default" size="100%">early\
</style>{S} dementia: a mixed-methods evaluation</style></title><secondary-title>{S}Dementia Care Research</style>\
</secondary-title><alt-title>{S}Dement Care Res</style></alt-title></titles><periodical><full-title>{S}Dementia \
Care Research</style></full-title><abbr-1>{S}Dement Care Res</style></abbr-1></periodical><pages>{S}45-53</style>\
</pages><volume>{S}8</style></volume><number>{S}2</style></number><keywords><keyword>{S}dementia</style></keyword>\
<keyword>{S}physical activity</style></keyword></keywords><dates><year>{S}2020</style></year><pub-dates><date>{S}\
Mar 15</style></date></pub-dates></dates><isbn>{S}2044-1234</style></isbn><accession-num>{S}142233445</style>\
</accession-num><abstract>{S}Objective: To evaluate weekly walking groups.&#xD;Methods: We recruited 64 people \
with dementia and 31 carers; 18 took part in interviews.&#xD;Results: Walking time rose.</style></abstract><urls>\
<related-urls><url>{S}https://research.example.net/dcr/8/2/45</style></url></related-urls></urls>\
<electronic-resource-num>{S}10.5555/dcr.2020.045</style></electronic-resource-num><remote-database-name>{S}CINAHL\
</style></remote-database-name><remote-database-provider>{S}EBSCOhost</style></remote-database-provider><language>\
{S}eng</style></language></record>
<record><rec-number>5</rec-number><ref-type name="Report">27</ref-type><contributors><authors><author>Ministry of \
Rural Affairs</author></authors></contributors><titles><title>Village transport survey 2018</title></titles><dates>\
<year>2019</year></dates><pages>No pagination</pages></record>
<record><rec-number>6</rec-number><ref-type name="Journal Article">17</ref-type><titles><title></title></titles>\
</record></records></xml>
"""

PRETTY = """<?xml version="1.0" encoding="UTF-8"?>
<xml>
  <records>
    <record>
      <ref-type name="Book Section">5</ref-type>
      <contributors>
        <secondary-authors><author>Alvarez, Lucía</author></secondary-authors>
      </contributors>
      <titles>
        <title>Outreach to people sleeping rough &amp; the limits of triage</title>
        <secondary-title>Street Health in Practice</secondary-title>
      </titles>
      <dates><year>2017</year><pub-dates><date>2017/09/04</date></pub-dates></dates>
      <volume>Chapter 12: a long note that the exporter placed where the volume belongs</volume>
      <notes>Cited in doi: 10.5555/other.2016.1; see also https://doi.org/10.5555/street.2017.12</notes>
      <urls><pdf-urls><url>internal-pdf://1234/alvarez.pdf</url></pdf-urls></urls>
    </record>
    <record>
      <ref-type name="Journal Article">17</ref-type>
      <titles><title>Second record after a broken one</title></titles>
      <dates><year>2022</year></dates>
      <notes>Remark: 10.5555/mentioned.only</notes>
    </record>
  </records>
</xml>
"""


def read(text: str) -> ReadResult:
    return EndnoteXmlReader().read(text, "library.xml")


def test_every_field_of_an_endnote_record_with_style_runs() -> None:
    result = read(LIBRARY)
    first, report = result.records
    assert first.line == 1
    assert first.title == "Group walking programmes for adults with early dementia: a mixed-methods evaluation"
    assert first.authors == ("Fenwick, Orla M.", "Takahashi, Ren")
    assert (first.year, first.date) == (2020, "2020-03-15")
    assert (first.journal, first.journal_abbrev) == ("Dementia Care Research", "Dement Care Res")
    assert (first.volume, first.issue, first.pages) == ("8", "2", "45-53")
    assert first.doi == "10.5555/dcr.2020.045"
    assert first.url == "https://research.example.net/dcr/8/2/45"
    assert (first.publication_type, first.language) == ("journal article", "en")
    assert first.keywords == ("dementia", "physical activity")
    assert first.identifiers == (("issn", "2044-1234"), ("accession", "142233445 (CINAHL)"))
    assert first.abstract == (
        AbstractSection("Objective", "To evaluate weekly walking groups."),
        AbstractSection("Methods", "We recruited 64 people with dementia and 31 carers; 18 took part in interviews."),
        AbstractSection("Results", "Walking time rose."))
    assert report.line == 2
    assert (report.title, report.authors, report.year) == ("Village transport survey 2018",
                                                           ("Ministry of Rural Affairs",), 2019)
    assert (report.publication_type, report.pages, report.doi) == ("report", None, None)
    (skipped,) = result.diagnostics
    assert skipped.location.line == 3 and "no title" in skipped.message


def test_pretty_printed_records_editors_notes_and_implausible_volume() -> None:
    chapter, second = read(PRETTY).records
    assert (chapter.line, second.line) == (4, 18)
    assert chapter.title == "Outreach to people sleeping rough & the limits of triage"
    assert chapter.authors == ("Alvarez, Lucía",)
    assert (chapter.journal, chapter.publication_type) == ("Street Health in Practice", "book chapter")
    assert (chapter.year, chapter.date) == (2017, "2017-09-04")
    assert chapter.volume is None
    assert chapter.doi is None  # the note labels two different DOIs: it cites, it does not identify
    assert chapter.url is None
    assert second.doi is None  # an unlabelled DOI-like string in a note is not taken


def test_a_broken_record_costs_only_itself() -> None:
    broken = PRETTY.replace("<title>Outreach", "<title>Out<reach", 1)
    result = read(broken)
    assert [r.title for r in result.records] == ["Second record after a broken one"]
    (warning,) = result.diagnostics
    assert warning.location.line == 10 and "could not be read" in warning.message


def test_a_file_cut_short_keeps_its_complete_records() -> None:
    result = read(PRETTY[: PRETTY.index("<dates><year>2022")])
    assert [r.title for r in result.records] == ["Outreach to people sleeping rough & the limits of triage"]
    (warning,) = result.diagnostics
    assert warning.location.line == 18 and "cut short" in warning.message


def _billion_laughs(root: str) -> str:
    entities = "".join(f' <!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">\n' for i in range(2, 10))
    return (f'<?xml version="1.0"?>\n<!DOCTYPE {root} [\n <!ENTITY lol1 "lol">\n{entities}]>\n'
            f"<xml><records><record><ref-type name=\"Journal Article\">17</ref-type><titles><title>&lol9;</title>"
            "</titles></record></records></xml>")


def test_entity_expansion_is_refused_quickly_with_a_clear_error() -> None:
    started = time.perf_counter()
    document = _billion_laughs("xml")
    assert choose_reader(document).name == "endnote-xml"
    result = read(document)
    assert time.perf_counter() - started < 0.5
    assert result.records == ()
    (refusal,) = result.diagnostics
    assert refusal.is_error and "refused" in refusal.message and "entities" in refusal.message


def test_external_entities_are_refused() -> None:
    document = ('<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY secret SYSTEM "file:///etc/hostname">]>'
                "<xml><records><record><titles><title>&secret;</title></titles></record></records></xml>")
    result = read(document)
    assert result.records == () and result.diagnostics[0].is_error


def test_sniff() -> None:
    assert EndnoteXmlReader().sniff(LIBRARY) == 0.95
    assert EndnoteXmlReader().sniff(PRETTY) == 0.95
    assert choose_reader(PRETTY).name == "endnote-xml"
    assert EndnoteXmlReader().sniff("<html><body><p>A page about records</p></body></html>") == 0.0
    assert EndnoteXmlReader().sniff("TY  - JOUR\nER  -\n") == 0.0


@settings(max_examples=150, deadline=None)
@given(st.sampled_from([LIBRARY, PRETTY]), st.integers(min_value=0, max_value=6000),
       st.lists(st.sampled_from(list("<>/&;\"' ab\n") + ["<record>", "</record>", "&#xD;", "<!--"]),
                max_size=8).map("".join))
def test_damaged_documents_never_raise(document: str, position: int, inserted: str) -> None:
    at = position % (len(document) + 1)
    for damaged in (document[:at], document[:at] + inserted + document[at:]):
        assert 0.0 <= EndnoteXmlReader().sniff(damaged) <= 1.0
        result = read(damaged)
        assert all(record.title and record.line >= 1 for record in result.records)
