"""COinS, schema.org JSON-LD and the home page's Google Scholar tags."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from urllib.parse import parse_qs

import yaml

from generator.config import SiteConfig
from generator.model.study import Study, study_from_record
from generator.site.metadata import coins, home_jsonld, home_meta, render_head, study_jsonld

STUDIES = Path(__file__).resolve().parents[2] / "content" / "studies"
SITE = SiteConfig(title="MOUD evidence brief", organisation="Knowledge Translation Unit",
                  base_url="https://example.org/briefs/moud/", language="en", scope="How stigma shapes MOUD use.",
                  licence_url="https://creativecommons.org/licenses/by/4.0/")
PAGE = "https://example.org/briefs/moud/studies/klusaritz-2023-impact-stigma-clinician/"


def load(study_id: str) -> Study:
    with (STUDIES / f"{study_id}.yaml").open(encoding="utf-8") as handle:
        return study_from_record(yaml.safe_load(handle))


def script_text(head: str) -> str:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', head, re.DOTALL)
    assert match is not None
    return match.group(1)


def test_study_jsonld_of_a_real_record() -> None:
    study = load("klusaritz-2023-impact-stigma-clinician")
    data = study_jsonld(study, PAGE, SITE)
    assert (data["@context"], data["@type"], data["url"]) == ("https://schema.org", "WebPage", PAGE)
    assert data["isPartOf"] == {"@type": "WebSite", "@id": "https://example.org/briefs/moud/#website",
                                "name": "MOUD evidence brief", "url": "https://example.org/briefs/moud/"}
    article = data["about"]
    assert article["@type"] == "ScholarlyArticle"
    assert article["headline"] == article["name"] == study.title
    assert len(article["author"]) == 9
    assert article["author"][0] == {"@type": "Person", "familyName": "Klusaritz", "givenName": "Heather",
                                    "name": "Heather Klusaritz"}
    assert article["datePublished"] == "2023-02-01"
    assert article["sameAs"] == "https://doi.org/10.1370/afm.2920"
    assert article["identifier"] == [{"@type": "PropertyValue", "propertyID": "DOI", "value": "10.1370/afm.2920"}]
    issue = article["isPartOf"]
    assert (issue["@type"], issue["issueNumber"]) == ("PublicationIssue", "Suppl 2")
    assert issue["isPartOf"]["volumeNumber"] == "21"
    assert issue["isPartOf"]["isPartOf"] == {"@type": "Periodical", "name": "The Annals of Family Medicine",
                                             "alternateName": "Ann Fam Med"}
    assert article["abstract"].startswith("Purpose: ")
    assert "keywords" not in article  # the record reports none: nothing is stated


def test_study_jsonld_without_journal_or_authors() -> None:
    article = study_jsonld(load("primary-care-team-perspectives-approaches"), PAGE, SITE)["about"]
    assert "author" not in article and "isPartOf" not in article and "datePublished" not in article
    assert "sameAs" not in article


def test_jsonld_script_cannot_be_closed_by_source_text() -> None:
    title = "</script><script>alert(1)</script> & <!-- -->"
    study = dataclasses.replace(load("klusaritz-2023-impact-stigma-clinician"), title=title)
    data = study_jsonld(study, PAGE, SITE)
    head = str(render_head([], data))
    assert head.count("<script") == 1 and head.count("</script>") == 1 and head.endswith("</script>")
    assert "<!--" not in head
    text = script_text(head)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == data


def test_meta_tags_are_escaped() -> None:
    head = str(render_head([("citation_title", 'A "quoted" <b>title</b> & more')], None))
    assert head == '<meta name="citation_title" content="A &#34;quoted&#34; &lt;b&gt;title&lt;/b&gt; &amp; more">'


def test_coins_of_a_real_record() -> None:
    study = load("klusaritz-2023-impact-stigma-clinician")
    value = coins(study)
    assert " " not in value and "<" not in value
    fields = parse_qs(value)
    assert fields["ctx_ver"] == ["Z39.88-2004"]
    assert fields["rft_val_fmt"] == ["info:ofi/fmt:kev:mtx:journal"]
    assert fields["rft.atitle"] == [study.title]
    assert fields["rft.jtitle"] == ["The Annals of Family Medicine"]
    assert fields["rft.date"] == ["2023-02-01"]
    assert (fields["rft.volume"], fields["rft.issue"]) == (["21"], ["Suppl 2"])
    assert (fields["rft.spage"], fields["rft.epage"]) == (["S31"], ["S38"])
    assert fields["rft.au"] == list(study.authors)
    assert "info:doi/10.1370/afm.2920" in fields["rft_id"]


def test_coins_of_a_preprint_and_of_an_untyped_record() -> None:
    preprint = parse_qs(coins(load("parchman-2021-training-needs-practice")))
    assert preprint["rft.genre"] == ["preprint"] and preprint["rft.jtitle"] == ["Research Square"]
    untyped = parse_qs(coins(load("overcoming-medication-stigma-peer-recovery")))
    assert untyped["rft_val_fmt"] == ["info:ofi/fmt:kev:mtx:dc"]
    assert untyped["rft.title"] == ["Overcoming Medication Stigma in Peer Recovery: A New Paradigm"]
    assert untyped["rft_id"] == ["info:doi/10.1080/08897077.2018.1439798"]


def test_home_meta_describes_the_brief_as_a_report() -> None:
    tags = home_meta(SITE, "2025-06-30")
    assert tags == [
        ("citation_title", "MOUD evidence brief"),
        ("citation_author", "Knowledge Translation Unit"),
        ("citation_publication_date", "2025/06/30"),
        ("citation_technical_report_institution", "Knowledge Translation Unit"),
        ("citation_language", "en"),
    ]
    with_authors = home_meta(dataclasses.replace(SITE, authors=("Doe, Jane", "Roe, Richard")), "2025-06-30")
    assert [value for name, value in with_authors if name == "citation_author"] == ["Doe, Jane", "Roe, Richard"]


def test_home_jsonld() -> None:
    data = home_jsonld(SITE, "2025-06-30")
    assert (data["@type"], data["url"], data["name"]) == ("WebSite", SITE.base_url, SITE.title)
    report = data["mainEntity"]
    assert report["@type"] == "Report"
    assert report["author"] == [{"@type": "Organization", "name": "Knowledge Translation Unit"}]
    assert (report["dateModified"], report["abstract"]) == ("2025-06-30", "How stigma shapes MOUD use.")
    assert report["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert json.loads(script_text(str(render_head(home_meta(SITE, "2025-06-30"), data)))) == data
