"""CSV/TSV exports: invented files in the column layouts of Scopus, Web of Science (tab-delimited),
Dimensions, Lens, Covidence, Zotero and home-made title/abstract sheets. Every study, person and
journal here is made up; expected values are typed from reading the text."""

from __future__ import annotations

import csv
import io
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.ingest.base import ReadResult
from generator.ingest.registry import choose_reader
from generator.ingest.tabular import TabularReader

SCOPUS = (
    "\ufeffAuthors,Author full names,Author(s) ID,Title,Year,Source title,Volume,Issue,Art. No.,Page start,"
    "Page end,Cited by,DOI,Link,Abstract,Author Keywords,Index Keywords,ISSN,PubMed ID,"
    "Language of Original Document,Abbreviated Source Title,Document Type,Source,EID\n"
    'Achterberg M.; Ngata-Rowe P.,"Achterberg, Maud (51234567800); Ngata-Rowe, Piripi (51234567811)",'
    '51234567800;51234567811,"Walking groups for older adults after hip fracture: a pragmatic trial",2021,'
    'Journal of Falls Prevention,12,3,,201,212,4,10.5555/jfp.2021.201,'
    'https://www.scopus.com/inward/record.uri?eid=2-s2.0-85100000001,'
    '"Background: Few programmes reach people at home.\nMethods: We allocated 240 adults.",'
    '"walking; hip fracture",,1234-5678,34000001,English,J. Falls Prev.,Article,Scopus,2-s2.0-85100000001\n'
    '[No author name available],,,"Proceedings of the Fourth Symposium on Rural Ageing",2020,'
    "Rural Ageing Symposium Series,4,,,,,0,,,,,,,,English,,Conference Review,Scopus,2-s2.0-85100000002\n"
    'Baptiste-Oduya K.,"Baptiste-Oduya, Kemi (51234567822)",51234567822,'
    '"Home hazard checks by volunteers",2019,Community Safety Review,7,1,e0042,,,1,10.5555/csr.7.e0042,,,,,,,'
    "English,,Article,Scopus,2-s2.0-85100000003\n"
)

WOS_TAB = (
    "PT\tAU\tAF\tTI\tSO\tLA\tDT\tDE\tID\tAB\tPY\tVL\tIS\tBP\tEP\tAR\tDI\tPM\tUT\n"
    "J\tKowalczyk, A; Haddad, S\tKowalczyk, Agnieszka; Haddad, Samir\t"
    "Text-message reminders for malaria prophylaxis in travellers\tJOURNAL OF TRAVEL HEALTH\tEnglish\tArticle\t"
    "reminders; travel\tADHERENCE\tWe sent reminders to 512 travellers.\t2018\t25\t4\t88\t97\t\t"
    "10.5555/jth.2018.088\t29990001\tWOS:000440000000001\n"
    "J\tMendes, L\tMendes, Luisa\tNurse triage by telephone in island clinics\tISLAND MEDICINE\tPortuguese\t"
    "Review\t\t\t\t2016\t3\t\t\t\t12\t\t\tWOS:000380000000002\n"
)

DIMENSIONS = (
    '"About the data: Exported on Mar 05, 2025. Criteria: \'rural\' in title and abstract."\n'
    '"© 2025 Digital Science. Licensed for personal use."\n'
    "Rank,Publication ID,DOI,PMID,PMCID,Title,Abstract,Source title,Publisher,Publication Date,PubYear,"
    "Volume,Issue,Pagination,Open Access,Publication Type,Authors,Dimensions URL\n"
    '1,pub.1150000001,10.5555/rhj.2022.17,35010001,PMC9000001,"Mobile dental vans in upland schools",'
    '"We counted treated caries in 31 schools.",Rural Health Journal,Northbay Press,2022-04-18,2022,17,2,'
    '45-53,All OA; Gold,Article,"Fairweather, Iona; Tshabalala, Sipho",'
    "https://app.dimensions.ai/details/publication/pub.1150000001\n"
)

LENS = (
    "Lens ID,Title,Date Published,Publication Year,Publication Type,Source Title,ISSNs,Publisher,"
    "Author/s,Abstract,Volume,Issue Number,Start Page,End Page,Keywords,PMID,DOI\n"
    '000-111-222-333-444,"Peer support for new dialysis patients: a qualitative study",2020-11-02,2020,'
    'journal article,Kidney Care Quarterly,2222-3333; 2222-4444,Harbour Books,"Malak Haddad; Tomás Ribeiro",'
    '"Twelve patients were interviewed.",8,4,300,309,peer support; dialysis,,10.5555/kcq.8.4.300\n'
)

COVIDENCE = (
    '"Title","Authors","Abstract","Published Year","Published Month","Journal","Volume","Issue","Pages",'
    '"Accession Number","DOI","Ref","Covidence #","Study","Notes","Tags"\n'
    '"School-based eye tests in three coastal towns","Quarshie AB, Lindahl E, O\'Brien-Tate K",'
    '"Eye tests were offered in 14 schools.","2017","Jun","Vision and Community","22","2","101-109",'
    '"","10.5555/vc.22.2.101","","#1042","Quarshie 2017","",""\n'
)

ZOTERO = (
    '"Key","Item Type","Publication Year","Author","Title","Publication Title","ISBN","ISSN","DOI","Url",'
    '"Abstract Note","Date","Pages","Issue","Volume","Journal Abbreviation","Language","Manual Tags"\n'
    '"ABCD1234","journalArticle","2015","Vasquez-Lind, Marta; Oyelowo, Daniel","Night-shift naps and '
    'needle-stick injuries","Occupational Care","","0987-6543","10.5555/oc.2015.77",'
    '"https://example.org/articles/77","We surveyed 640 nurses.","2015-09","77-84","5","31","Occup Care","en",'
    '"nurses; sleep"\n'
)

PUBMED_CSV = (
    "PMID,Title,Authors,Citation,First Author,Journal/Book,Publication Year,Create Date,PMCID,NIHMS ID,DOI\n"
    '37700001,"Community paramedics and repeat emergency calls: a cohort study.","Halloran D, Nwosu CE, Fitzroy A.",'
    '"Prehosp Care Res. 2023 Sep 12;19(3):210-218. doi: 10.5555/pcr.2023.210.",Halloran D,Prehosp Care Res,2023,'
    "2023/09/14,PMC10500001,,10.5555/pcr.2023.210\n"
)

WOS_FULL_LABELS = (
    '"Publication Type","Authors","Book Authors","Author Full Names","Article Title","Source Title",'
    '"Document Type","Publication Year","Volume","Issue","Start Page","End Page","Article Number","DOI",'
    '"Pubmed Id","UT (Unique WOS ID)"\n'
    '"J","Ferreira, M; Adeyemi, T","","Ferreira, Marta; Adeyemi, Tolu","Outreach clinics for farm workers",'
    '"RURAL PRACTICE","Article","2014","6","2","","","e114","10.5555/rp.6.e114","","WOS:000330000000009"\n'
)

TITLE_ABSTRACT = "title;abstract\r\nCooking classes for carers;Carers cooked together weekly.\r\n" \
                 "Bus passes and clinic attendance;We compared attendance before and after.\r\n"


def _read(text: str) -> ReadResult:
    return TabularReader().read(text, "seeds/export.csv")


def test_every_layout_is_claimed_by_the_tabular_reader() -> None:
    for text in (SCOPUS, WOS_TAB, DIMENSIONS, LENS, COVIDENCE, ZOTERO, PUBMED_CSV, WOS_FULL_LABELS,
                 TITLE_ABSTRACT):
        assert TabularReader().sniff(text) >= 0.8, text[:60]
        chosen = choose_reader(text)
        assert chosen is not None and chosen.name == "tabular"


def test_scopus_layout() -> None:
    result = _read(SCOPUS)
    first, proceedings, third = result.records
    assert first.line == 2
    assert first.title == "Walking groups for older adults after hip fracture: a pragmatic trial"
    assert first.authors == ("Achterberg, Maud", "Ngata-Rowe, Piripi")  # full names, IDs dropped
    assert (first.year, first.journal, first.volume, first.issue, first.pages) == (
        2021, "Journal of Falls Prevention", "12", "3", "201-212")
    assert first.doi == "10.5555/jfp.2021.201"
    assert first.journal_abbrev == "J. Falls Prev."
    assert first.publication_type == "journal article"
    assert first.language == "en"
    assert first.keywords == ("walking", "hip fracture")
    assert [s.heading for s in first.abstract] == ["Background", "Methods"]
    assert dict(first.identifiers) == {"issn": "1234-5678", "pmid": "34000001", "scopus": "2-s2.0-85100000001"}
    assert proceedings.line == 4  # the abstract of the row above spans two lines
    assert proceedings.authors == ()  # "[No author name available]" is not a person
    assert third.line == 5
    assert third.pages == "e0042"  # the article number stands in for pages


def test_web_of_science_tab_delimited() -> None:
    first, second = _read(WOS_TAB).records
    assert first.title == "Text-message reminders for malaria prophylaxis in travellers"
    assert first.authors == ("Kowalczyk, Agnieszka", "Haddad, Samir")
    assert (first.journal, first.year, first.volume, first.issue, first.pages) == (
        "JOURNAL OF TRAVEL HEALTH", 2018, "25", "4", "88-97")
    assert first.doi == "10.5555/jth.2018.088"
    assert first.keywords == ("reminders", "travel")
    assert dict(first.identifiers) == {"pmid": "29990001", "wos": "WOS:000440000000001"}
    assert (second.language, second.publication_type, second.pages) == ("pt", "review", "12")


def test_dimensions_with_preamble() -> None:
    [record] = _read(DIMENSIONS).records
    assert record.line == 4
    assert record.title == "Mobile dental vans in upland schools"
    assert record.authors == ("Fairweather, Iona", "Tshabalala, Sipho")
    assert (record.year, record.date, record.pages) == (2022, "2022-04-18", "45-53")
    assert ("pmcid", "PMC9000001") in record.identifiers
    assert record.url == "https://app.dimensions.ai/details/publication/pub.1150000001"


def test_lens_given_names_first() -> None:
    [record] = _read(LENS).records
    assert record.authors == ("Haddad, Malak", "Ribeiro, Tomás")
    assert (record.pages, record.issue, record.date) == ("300-309", "4", "2020-11-02")
    assert ("issn", "2222-3333") in record.identifiers and ("issn", "2222-4444") in record.identifiers
    assert ("lens", "000-111-222-333-444") in record.identifiers


def test_covidence_family_name_and_initials() -> None:
    [record] = _read(COVIDENCE).records
    assert record.authors == ("Quarshie, AB", "Lindahl, E", "O'Brien-Tate, K")
    assert (record.year, record.journal, record.pages) == (2017, "Vision and Community", "101-109")
    assert ("covidence", "#1042") in record.identifiers


def test_zotero_csv() -> None:
    [record] = _read(ZOTERO).records
    assert record.authors == ("Vasquez-Lind, Marta", "Oyelowo, Daniel")
    assert record.publication_type == "journal article"
    assert (record.date, record.url, record.language) == ("2015-09", "https://example.org/articles/77", "en")


def test_pubmed_csv() -> None:
    [record] = _read(PUBMED_CSV).records
    assert record.title == "Community paramedics and repeat emergency calls: a cohort study"
    assert record.authors == ("Halloran, D", "Nwosu, CE", "Fitzroy, A.")
    # The journal column gives the name; volume, issue and pages come from the citation column.
    assert (record.journal, record.volume, record.issue, record.pages) == ("Prehosp Care Res", "19", "3", "210-218")
    assert (record.year, record.date) == (2023, "2023-09-12")
    assert dict(record.identifiers) == {"pmid": "37700001", "pmcid": "PMC10500001"}


def test_web_of_science_full_labels() -> None:
    [record] = _read(WOS_FULL_LABELS).records
    assert record.authors == ("Ferreira, Marta", "Adeyemi, Tolu")
    assert (record.journal, record.pages, record.publication_type) == ("RURAL PRACTICE", "e114", "journal article")
    assert ("wos", "WOS:000330000000009") in record.identifiers


def test_headers_in_another_language() -> None:
    text = ('Titel;Autoren;Jahr;Zeitschrift\n'
            'Lesepaten in Grundschulen;"Brandt, Anna; Yilmaz, Deniz";2019;Bildung heute\n')
    [record] = _read(text).records
    assert (record.title, record.authors, record.year, record.journal) == (
        "Lesepaten in Grundschulen", ("Brandt, Anna", "Yilmaz, Deniz"), 2019, "Bildung heute")


def test_a_row_whose_title_cannot_be_placed_is_skipped_with_a_reason() -> None:
    # The unquoted "," in the title makes three cells under two column names: which cells are
    # the title cannot be known for sure, so the row is reported rather than guessed.
    result = _read("Title,Year\nWalking, talking and eating,2019\nSecond study,2020\n")
    assert [r.title for r in result.records] == ["Second study"]
    assert any(d.location.line == 2 and "title" in d.message for d in result.diagnostics)


def test_title_and_abstract_only() -> None:
    first, second = _read(TITLE_ABSTRACT).records
    assert (first.title, first.abstract[0].text) == ("Cooking classes for carers", "Carers cooked together weekly.")
    assert second.line == 3


def test_row_without_title_is_reported_by_its_line_and_others_go_on() -> None:
    text = ('Title,Authors,Year\n"First study","Roe, Jane",2001\n"","Doe, John",2002\n'
            '"Third study","Poe, Ann\n",2003\n')
    result = _read(text)
    assert [r.title for r in result.records] == ["First study", "Third study"]
    [problem] = result.diagnostics
    assert problem.location.line == 3 and "no title" in problem.message
    assert result.records[1].line == 4


def test_row_with_an_extra_cell_is_realigned_by_content() -> None:
    header = "Title,Year,Notes,Funding,DOI,Language\n"
    row = '"Shifted row study",2012,"",grant A,grant B,10.5555/x.1,English\n'
    [record] = _read(header + row).records
    assert (record.title, record.year, record.doi, record.language) == ("Shifted row study", 2012, "10.5555/x.1",
                                                                       "en")
    assert any("more cells than the header" in d.message for d in _read(header + row).diagnostics)


def test_a_cell_longer_than_the_csv_modules_default_limit() -> None:
    references = "Roe J. An earlier study. 1999; " * 6000  # about 190,000 characters
    limit = csv.field_size_limit()
    result = _read(f'Title,Year,References\nLong reference list,2001,"{references}"\nNext study,2002,none\n')
    assert [r.title for r in result.records] == ["Long reference list", "Next study"]
    assert csv.field_size_limit() == limit  # the module's own limit is put back


def test_tables_that_are_not_exports_are_not_claimed() -> None:
    reader = TabularReader()
    assert reader.sniff("x,y,z\n1,2,3\n4,5,6\n") == 0.0
    assert reader.sniff("Title,Colour\nRed one,red\n") == 0.0  # a title and nothing bibliographic
    page = ("Skip to main content\nTitle, authors and year of the included studies are listed below.\n"
            "We searched three databases, screened 1,200 records, and included 14.\n")
    assert reader.sniff(page) == 0.0
    assert reader.sniff("TY  - JOUR\nTI  - A, B\nAU  - Roe, J\nER  - \n") == 0.0


def test_a_file_without_a_header_is_refused_with_a_message() -> None:
    result = _read("1,2,3\n")
    assert result.records == ()
    assert result.diagnostics[0].is_error


_CELL = st.text(st.characters(whitelist_categories=("L", "N", "P", "S", "Zs")) | st.sampled_from(list(',;\t"\n\r')),
                min_size=1, max_size=40)
_DOI_SUFFIX = st.from_regex(r"[a-z0-9](?:[a-z0-9._-]{0,10}[a-z0-9])?", fullmatch=True)


def _as_title(cell: str) -> str:
    """What a title cell should read as: NFC text, whitespace collapsed, a closing full stop dropped."""
    title = " ".join(unicodedata.normalize("NFC", cell).split())
    if title.endswith(".") and not title.endswith(("..", " al.", "etc.")):
        title = title[:-1].rstrip()
    return title


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(titles=st.lists(_CELL.filter(lambda t: any(ch.isalnum() for ch in _as_title(t))), min_size=1, max_size=5),
       filler=_CELL, suffix=_DOI_SUFFIX, year=st.integers(1900, 2099), delimiter=st.sampled_from([",", ";", "\t"]))
def test_cells_round_trip(titles: list[str], filler: str, suffix: str, year: int, delimiter: str) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)  # "\r\n" ends rows, so cells with \r or \n are quoted
    writer.writerow(["Title", "Abstract", "Year", "DOI"])
    for title in titles:
        writer.writerow([title, filler, year, f"10.5555/{suffix}"])
    result = _read(buffer.getvalue())
    assert [record.title for record in result.records] == [_as_title(title) for title in titles]
    assert all(r.year == year and r.doi == f"10.5555/{suffix}" for r in result.records)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=400), st.binary(max_size=400).map(lambda b: b.decode("latin-1")),
                 st.integers(0, len(SCOPUS)).map(lambda n: SCOPUS[:n]),
                 st.integers(0, len(DIMENSIONS)).map(lambda n: DIMENSIONS[:n])))
def test_read_never_raises_on_damaged_input(text: str) -> None:
    reader = TabularReader()
    assert 0.0 <= reader.sniff(text) <= 1.0
    result = reader.read(text, "seeds/x.csv")
    assert all(record.title for record in result.records)


# A citation-manager export in the layout of Google Scholar harvesting tools: "Source" holds only
# the journal's name, or (row 3) a citation we do not read, which must give no journal at all.
SCHOLAR_TOOL = (
    "Cites,Authors,Title,Year,Source,Publisher,ArticleURL,Type,DOI\n"
    '14,"P Lindqvist, T Amadi",Bicycle couriers for rural blood samples,2019,Journal of Remote Laboratory Care,'
    "Fenwick Press,https://example.org/jrlc/88,Article,10.5555/jrlc.88\n"
    '3,"H Okonjo",Volunteer drivers and missed chemotherapy,2021,Scopus,,https://example.org/x/1,Article,\n'
    '0,"M Ferraro",Kitchen-table budgeting groups for carers,2022,"Carer Studies, 4(1)",,,Article,\n'
)

# A library discovery layer's export: one column per author, a labelled citation string instead
# of journal, volume and pages, an accession number and a document type.
DISCOVERY = (
    '"Accession Number","Document Type","Title","Author 1","Author 2","Author 3","Citation","Subject Terms"\n'
    '"ACC-0099812","Academic Journal","Evening pharmacy hours and emergency visits for asthma",'
    '"Marchetti, Giulia","Osei Bonsu, Kwame","","Respiratory Community Practice; Autumn2018, Vol. 22 Issue 4, '
    'p311-319. 9p.","Asthma; Pharmacies"\n'
    '"ACC-0100455","Academic Journal","Foot checks by podiatry assistants in care homes","Rhiannon Pugh",'
    '"","","Podiatry in Practice, 2020, Volume 7, Number 2, Pages 50-58",""\n'
)


def test_a_source_column_holding_only_the_journal_name() -> None:
    couriers, drivers, budgeting = _read(SCHOLAR_TOOL).records
    assert couriers.journal == "Journal of Remote Laboratory Care"
    assert (couriers.year, couriers.doi) == (2019, "10.5555/jrlc.88")
    assert drivers.journal is None  # "Scopus" names the database, not the journal
    assert budgeting.journal is None  # a citation we cannot read is not taken for a journal name


def test_one_column_per_author_and_a_labelled_citation() -> None:
    evening, foot = _read(DISCOVERY).records
    assert evening.authors == ("Marchetti, Giulia", "Osei Bonsu, Kwame")
    assert (evening.journal, evening.volume, evening.issue, evening.pages, evening.year) == (
        "Respiratory Community Practice", "22", "4", "311-319", 2018)
    assert evening.keywords == ("Asthma", "Pharmacies")
    assert ("accession", "ACC-0099812") in evening.identifiers
    assert foot.authors == ("Pugh, Rhiannon",)
    assert (foot.journal, foot.volume, foot.issue, foot.pages, foot.year) == (
        "Podiatry in Practice", "7", "2", "50-58", 2020)


def test_a_journal_column_that_holds_a_whole_citation() -> None:
    text = ('Title,Authors,Publication\n"Hearing checks at flu clinics","Adair, Fiona",'
            '"Audiol Community Health. 2017 Nov;9(4):77-85."\n')
    [record] = _read(text).records
    assert (record.journal, record.volume, record.issue, record.pages, record.year) == (
        "Audiol Community Health", "9", "4", "77-85", 2017)


# ProQuest's spreadsheet layout: camel-case column names, the journal in "pubtitle", a worded
# publication date, subject terms and identifier keywords in separate columns.
PROQUEST_LIKE = (
    '"Title","Authors","pubtitle","year","pubdate","volume","issue","pages","ISSN","DOI","Abstract",'
    '"subjectTerms","documentType","language","Document URL"\n'
    '"Nurse-led heart failure clinics in market towns","Halvorsen, Ingrid;Mwangi, Peter",'
    '"Cardiac Nursing Review","2019","Jun 2019","27","3","115-123","2222-0001","10.5555/cnr.27.115",'
    '"Forty clinics took part.","Heart failure;Nursing","Journal Article","English",'
    '"https://search.example.com/docview/2230001122"\n'
)


def test_proquest_like_columns_and_worded_dates() -> None:
    [record] = _read(PROQUEST_LIKE).records
    assert record.authors == ("Halvorsen, Ingrid", "Mwangi, Peter")
    assert (record.journal, record.volume, record.issue, record.pages) == ("Cardiac Nursing Review", "27", "3",
                                                                           "115-123")
    assert (record.year, record.date) == (2019, "2019-06")
    assert record.keywords == ("Heart failure", "Nursing")
    assert record.url == "https://search.example.com/docview/2230001122"


def test_compact_and_upper_case_dates() -> None:
    text = ("Title,Publication Date,Source\n"
            '"Hand hygiene audits on night shifts",20190704,"Infection Control Notes. Jul2019, Vol. 6 Issue 2, p9-14"\n'
            '"Bed-rail removal and falls",DEC 2020,Falls Prevention Quarterly\n')
    audits, rails = _read(text).records
    assert (audits.date, audits.journal, audits.volume, audits.issue, audits.pages) == (
        "2019-07-04", "Infection Control Notes", "6", "2", "9-14")
    assert (rails.date, rails.journal) == ("2020-12", "Falls Prevention Quarterly")


def test_a_review_tools_parent_title_is_the_journal() -> None:
    """Review-management tools (EPPI-Reviewer and the like) export the journal as "ParentTitle"."""
    table = ("ItemId,ShortTitle,Title,ParentTitle,Authors,Year,Volume,Issue,Pages,DOI,Abstract\r\n"
             "501,Haldane (2020),Kerbside pharmacy visits in winter,Journal of Street Health,Haldane M; Ruiz P,"
             "2020,7,2,33-41,10.5555/jsh.2020.33,We visited 40 kerbside pharmacies.\r\n")
    [record] = _read(table).records
    assert (record.title, record.journal, record.year, record.pages) == (
        "Kerbside pharmacy visits in winter", "Journal of Street Health", 2020, "33-41")
