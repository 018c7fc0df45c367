"""PubmedXmlReader: efetch XML with inline markup, structured abstracts, books, damaged and hostile files.

Every document here is invented for these tests; expected values are read off the documents.
"""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.ingest.base import AbstractSection, ReadResult, Translation
from generator.ingest.pubmed_xml import PubmedXmlReader
from generator.ingest.registry import choose_reader

ARTICLES = """\
<?xml version="1.0" ?>
<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN"
 "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">
<PubmedArticleSet>
<PubmedArticle>
  <MedlineCitation Status="MEDLINE" Owner="NLM">
    <PMID Version="1">39876543</PMID>
    <Article PubModel="Print-Electronic">
      <Journal>
        <ISSN IssnType="Electronic">1999-0001</ISSN>
        <JournalIssue CitedMedium="Internet">
          <Volume>27</Volume>
          <Issue>3</Issue>
          <PubDate><Year>2024</Year><Month>Mar</Month></PubDate>
        </JournalIssue>
        <Title>Journal of Community Nutrition</Title>
        <ISOAbbreviation>J Community Nutr</ISOAbbreviation>
      </Journal>
      <ArticleTitle>Vitamin D<sub>3</sub> supplementation in <i>care home</i> residents:
        a cluster randomised trial.</ArticleTitle>
      <Pagination><MedlinePgn>311-9</MedlinePgn></Pagination>
      <ELocationID EIdType="doi" ValidYN="Y">10.5555/jcn.2024.0311</ELocationID>
      <Abstract>
        <AbstractText Label="BACKGROUND" NlmCategory="BACKGROUND">Falls are common in care homes.</AbstractText>
        <AbstractText Label="METHODS" NlmCategory="METHODS">We randomised 48 homes (1,212 residents) to 800 IU
          of vitamin D<sub>3</sub> daily or placebo.</AbstractText>
        <AbstractText Label="RESULTS" NlmCategory="RESULTS">Falls fell by 12% (<i>p</i> = 0.04).</AbstractText>
        <CopyrightInformation>© 2024 The Authors.</CopyrightInformation>
      </Abstract>
      <AuthorList CompleteYN="Y">
        <Author ValidYN="Y"><LastName>Adeyemi</LastName><ForeName>Folake</ForeName><Initials>F</Initials></Author>
        <Author ValidYN="Y"><LastName>van Rossum</LastName><ForeName>Pieter J</ForeName><Initials>PJ</Initials>
          <Suffix>2nd</Suffix></Author>
        <Author ValidYN="Y"><CollectiveName>Care Home Nutrition Collaborative</CollectiveName></Author>
      </AuthorList>
      <Language>eng</Language>
      <PublicationTypeList>
        <PublicationType UI="D016428">Journal Article</PublicationType>
        <PublicationType UI="D016449">Randomized Controlled Trial</PublicationType>
      </PublicationTypeList>
    </Article>
    <MedlineJournalInfo><MedlineTA>J Community Nutr</MedlineTA></MedlineJournalInfo>
    <KeywordList Owner="NOTNLM">
      <Keyword MajorTopicYN="N">falls</Keyword>
      <Keyword MajorTopicYN="N">vitamin D</Keyword>
    </KeywordList>
  </MedlineCitation>
  <PubmedData>
    <ArticleIdList>
      <ArticleId IdType="pubmed">39876543</ArticleId>
      <ArticleId IdType="doi">10.5555/jcn.2024.0311</ArticleId>
      <ArticleId IdType="pmc">PMC11122233</ArticleId>
    </ArticleIdList>
  </PubmedData>
</PubmedArticle>
<PubmedArticle>
  <MedlineCitation Status="PubMed-not-MEDLINE" Owner="NLM">
    <PMID Version="1">38000001</PMID>
    <Article PubModel="Print">
      <Journal>
        <JournalIssue><Volume>12</Volume><PubDate><MedlineDate>2023 Nov-Dec</MedlineDate></PubDate></JournalIssue>
        <Title>Revista de Salud Rural</Title>
        <ISOAbbreviation>Rev Salud Rural</ISOAbbreviation>
      </Journal>
      <ArticleTitle>[Home visits by community health workers in two Andean districts].</ArticleTitle>
      <Pagination><MedlinePgn>e112</MedlinePgn></Pagination>
      <Abstract><AbstractText>We describe a programme of monthly home visits.</AbstractText></Abstract>
      <AuthorList><Author><LastName>Quispe</LastName><Initials>R</Initials></Author></AuthorList>
      <Language>spa</Language>
      <PublicationTypeList>
        <PublicationType>Journal Article</PublicationType>
        <PublicationType>English Abstract</PublicationType>
      </PublicationTypeList>
      <VernacularTitle>Visitas domiciliarias por agentes comunitarios en dos distritos andinos.</VernacularTitle>
    </Article>
    <OtherAbstract Type="Publisher" Language="spa">
      <AbstractText>Describimos un programa de visitas mensuales.</AbstractText>
    </OtherAbstract>
  </MedlineCitation>
</PubmedArticle>
</PubmedArticleSet>
"""

BOOK_AND_EPUB = """<?xml version="1.0" encoding="utf-8"?>
<PubmedArticleSet>
  <PubmedBookArticle>
    <BookDocument>
      <PMID Version="1">30100001</PMID>
      <Book>
        <BookTitle book="outreach">Guide to Mobile Clinics</BookTitle>
        <PubDate><Year>2018</Year></PubDate>
        <AuthorList Type="editors"><Author><LastName>Ibáñez</LastName><ForeName>Carmen</ForeName></Author></AuthorList>
      </Book>
      <ArticleTitle book="outreach" part="ch2">Staffing a mobile clinic</ArticleTitle>
      <Language>eng</Language>
      <AuthorList Type="authors"><Author><LastName>Dubois</LastName><ForeName>Hélène</ForeName></Author></AuthorList>
      <Abstract><AbstractText>Two nurses and a driver suffice for most routes.</AbstractText></Abstract>
    </BookDocument>
  </PubmedBookArticle>
  <PubmedArticle>
    <MedlineCitation Status="In-Data-Review" Owner="NLM">
      <PMID Version="1">40200002</PMID>
      <Article PubModel="Electronic">
        <Journal>
          <JournalIssue CitedMedium="Internet"><Volume>5</Volume></JournalIssue>
          <Title>Open Journal of Primary Care</Title>
        </Journal>
        <ArticleTitle>Text messages to reduce missed appointments: the effect of x<sup>2</sup> reminders</ArticleTitle>
        <Pagination><StartPage>101</StartPage><EndPage>108</EndPage></Pagination>
        <Abstract>
          <AbstractText Label="UNLABELLED">Objective: To test reminders. Results: Fewer missed visits.</AbstractText>
        </Abstract>
        <AuthorList><Author><LastName>Kowalczyk</LastName><ForeName>Łukasz</ForeName></Author></AuthorList>
        <Language>eng</Language>
        <PublicationTypeList><PublicationType>Preprint</PublicationType></PublicationTypeList>
        <ArticleDate DateType="Electronic"><Year>2025</Year><Month>01</Month><Day>20</Day></ArticleDate>
      </Article>
    </MedlineCitation>
    <PubmedData><ArticleIdList><ArticleId IdType="pubmed">40200002</ArticleId></ArticleIdList></PubmedData>
  </PubmedArticle>
</PubmedArticleSet>
"""


def read(text: str) -> ReadResult:
    return PubmedXmlReader().read(text, "pubmed.xml")


def test_every_field_of_an_efetch_article() -> None:
    result = read(ARTICLES)
    assert result.diagnostics == ()
    trial, spanish = result.records
    assert trial.line == 5
    assert trial.title == "Vitamin D3 supplementation in care home residents: a cluster randomised trial"
    assert trial.authors == ("Adeyemi, Folake", "van Rossum, Pieter J, II", "Care Home Nutrition Collaborative")
    assert (trial.year, trial.date) == (2024, "2024-03")
    assert (trial.journal, trial.journal_abbrev) == ("Journal of Community Nutrition", "J Community Nutr")
    assert (trial.volume, trial.issue, trial.pages) == ("27", "3", "311-319")
    assert trial.doi == "10.5555/jcn.2024.0311"
    assert (trial.publication_type, trial.language) == ("journal article", "en")
    assert trial.keywords == ("falls", "vitamin D")
    assert trial.identifiers == (("pmid", "39876543"), ("pmcid", "PMC11122233"), ("issn", "1999-0001"))
    assert trial.abstract == (
        AbstractSection("Background", "Falls are common in care homes."),
        AbstractSection("Methods",
                        "We randomised 48 homes (1,212 residents) to 800 IU of vitamin D3 daily or placebo."),
        AbstractSection("Results", "Falls fell by 12% (p = 0.04)."))


def test_translated_title_medline_date_range_and_other_abstract() -> None:
    spanish = read(ARTICLES).records[1]
    assert spanish.line == 56
    assert spanish.title == "Home visits by community health workers in two Andean districts"
    assert spanish.authors == ("Quispe, R",)
    assert (spanish.year, spanish.date) == (2023, "2023")  # "2023 Nov-Dec" is a range: the year only
    assert (spanish.issue, spanish.pages, spanish.doi, spanish.language) == (None, "e112", None, "es")
    assert spanish.abstract == (AbstractSection(None, "We describe a programme of monthly home visits."),)
    assert spanish.translations == (Translation(
        lang="es", title="Visitas domiciliarias por agentes comunitarios en dos distritos andinos",
        abstract=(AbstractSection(None, "Describimos un programa de visitas mensuales."),)),)


def test_book_chapter_and_electronic_only_preprint() -> None:
    chapter, preprint = read(BOOK_AND_EPUB).records
    assert (chapter.line, preprint.line) == (3, 17)
    assert chapter.title == "Staffing a mobile clinic"
    assert chapter.authors == ("Dubois, Hélène",)
    assert (chapter.year, chapter.identifiers) == (2018, (("pmid", "30100001"),))
    assert preprint.title == "Text messages to reduce missed appointments: the effect of x2 reminders"
    assert preprint.authors == ("Kowalczyk, Łukasz",)
    # no issue date: the electronic date stands in, its month written as a number
    assert (preprint.year, preprint.date, preprint.pages) == (2025, "2025-01-20", "101-108")
    assert (preprint.publication_type, preprint.peer_reviewed) == ("preprint", False)
    assert preprint.abstract == (AbstractSection("Objective", "To test reminders."),
                                 AbstractSection("Results", "Fewer missed visits."))


def test_a_file_cut_short_keeps_its_complete_articles() -> None:
    result = read(ARTICLES[: ARTICLES.index("<ArticleTitle>[Home")])
    assert [r.line for r in result.records] == [5]
    (warning,) = result.diagnostics
    assert warning.location.line == 56 and "cut short" in warning.message


def test_entity_expansion_is_refused_quickly() -> None:
    entities = "".join(f' <!ENTITY e{i} "{("&e" + str(i - 1) + ";") * 10}">\n' for i in range(2, 10))
    document = (f'<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet [\n <!ENTITY e1 "ha">\n{entities}]>\n'
                "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>&e9;"
                "</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>")
    started = time.perf_counter()
    assert choose_reader(document).name == "pubmed-xml"
    result = read(document)
    assert time.perf_counter() - started < 0.5
    assert result.records == () and result.diagnostics[0].is_error and "refused" in result.diagnostics[0].message


def test_sniff() -> None:
    assert PubmedXmlReader().sniff(ARTICLES) == 0.95
    assert choose_reader(BOOK_AND_EPUB).name == "pubmed-xml"
    assert PubmedXmlReader().sniff("PMID- 123\nTI  - A title\n") == 0.0
    assert PubmedXmlReader().sniff("<html><body>PubMed</body></html>") == 0.0


@settings(max_examples=150, deadline=None)
@given(st.sampled_from([ARTICLES, BOOK_AND_EPUB]), st.integers(min_value=0, max_value=6000),
       st.lists(st.sampled_from(list("<>/&;\"' ab\n") + ["<PubmedArticle>", "</Article>", "<i>", "<!--"]),
                max_size=8).map("".join))
def test_damaged_documents_never_raise(document: str, position: int, inserted: str) -> None:
    at = position % (len(document) + 1)
    for damaged in (document[:at], document[:at] + inserted + document[at:]):
        assert 0.0 <= PubmedXmlReader().sniff(damaged) <= 1.0
        result = read(damaged)
        assert all(record.title and record.line >= 1 for record in result.records)
