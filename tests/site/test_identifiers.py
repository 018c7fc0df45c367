"""Other identifiers: registry labels (PMID, not "Pmid"), PubMed/PMC/arXiv links, schema.org sameAs.

Every study here is invented; the expected links are the registries' documented URL forms.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from generator.config import SiteConfig
from generator.model.study import Study
from generator.pipeline import render_site_page
from generator.render.env import build_environment
from generator.site import urls
from generator.site.identifiers import identifier_label, identifier_link, identifier_views, same_as_links
from generator.site.metadata import work_jsonld
from generator.site.model import BriefText, build_site_model
from generator.site.views import study_view

INVENTED = Study(id="okafor-2021-walking-groups", title="Walking groups for older adults: a cluster trial",
                 doi="10.5555/walk.2021.7",
                 identifiers=(("isbn", "978-0-00-000000-2"), ("issn", "1234-5679"), ("pmcid", "PMC7654321"),
                              ("pmid", "34567890"), ("trial_register", "ISRCTN00000000")))


def test_labels_are_the_registries_spelling() -> None:
    assert [identifier_label(k) for k in ("pmid", "pmcid", "issn", "isbn", "arxiv", "wos")] == [
        "PMID", "PMCID", "ISSN", "ISBN", "arXiv", "Web of Science"]
    assert identifier_label("trial_register") == "Trial register"


def test_pmid_pmcid_and_arxiv_link_to_their_registries() -> None:
    assert identifier_link("pmid", "34567890") == "https://pubmed.ncbi.nlm.nih.gov/34567890/"
    assert identifier_link("pmcid", "PMC7654321") == "https://pmc.ncbi.nlm.nih.gov/articles/PMC7654321/"
    assert identifier_link("pmcid", "7654321") == "https://pmc.ncbi.nlm.nih.gov/articles/PMC7654321/"
    assert identifier_link("arxiv", "2101.01234v2") == "https://arxiv.org/abs/2101.01234v2"
    assert identifier_link("arxiv", "hep-th/9901001") == "https://arxiv.org/abs/hep-th/9901001"


def test_issn_isbn_and_malformed_values_are_not_linked() -> None:
    assert identifier_link("issn", "1234-5679") is None and identifier_link("isbn", "978-0-00-000000-2") is None
    for kind, value in (("pmid", "3456x890"), ("pmid", "0"), ("pmcid", "PMC12a"), ("arxiv", "javascript:x"),
                        ("pmid", '1"onclick="x')):
        assert identifier_link(kind, value) is None, (kind, value)


def test_views_keep_the_record_order_and_link_only_what_resolves() -> None:
    views = identifier_views(INVENTED.identifiers)
    assert [(v.label, v.value, v.href) for v in views] == [
        ("ISBN", "978-0-00-000000-2", None), ("ISSN", "1234-5679", None),
        ("PMCID", "PMC7654321", "https://pmc.ncbi.nlm.nih.gov/articles/PMC7654321/"),
        ("PMID", "34567890", "https://pubmed.ncbi.nlm.nih.gov/34567890/"),
        ("Trial register", "ISRCTN00000000", None)]
    assert study_view(INVENTED, lambda path: path, []).identifiers == tuple(views)


def test_jsonld_same_as_lists_the_papers_registry_pages_not_its_journal() -> None:
    work = work_jsonld(INVENTED)
    assert work["sameAs"] == ["https://doi.org/10.5555/walk.2021.7",
                              "https://pmc.ncbi.nlm.nih.gov/articles/PMC7654321/",
                              "https://pubmed.ncbi.nlm.nih.gov/34567890/"]
    assert [(i["propertyID"], i["value"]) for i in work["identifier"]] == [
        ("DOI", "10.5555/walk.2021.7"), ("PMCID", "PMC7654321"), ("PMID", "34567890")]
    only_pmid = Study(id="x", title="X", identifiers=(("pmid", "111"),))
    assert work_jsonld(only_pmid)["sameAs"] == "https://pubmed.ncbi.nlm.nih.gov/111/"
    assert same_as_links((("issn", "1234-5679"),)) == []


def test_study_page_shows_labels_and_links(tmp_path: Path) -> None:
    config = SiteConfig(base_url="https://example.org/b/")
    model = build_site_model(config, [INVENTED], [], BriefText(Markup(""), Markup(""), {}))
    page = next(p for p in model.pages if p.path == urls.study(INVENTED.id))
    html = render_site_page(build_environment(tmp_path), page, config, "2024-01-01")
    assert 'PMID: <a href="https://pubmed.ncbi.nlm.nih.gov/34567890/" rel="external">34567890</a>' in html
    assert 'PMCID: <a href="https://pmc.ncbi.nlm.nih.gov/articles/PMC7654321/" rel="external">PMC7654321</a>' in html
    assert "<li>ISSN: 1234-5679</li>" in html and "<li>ISBN: 978-0-00-000000-2</li>" in html
    assert "Pmid" not in html and "Issn" not in html
