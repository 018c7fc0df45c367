"""APA and Vancouver references from citeproc-py, checked against references written by hand."""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path

import pytest
import yaml

from generator.model.study import Study, study_from_record
from generator.site.citations import Style, csl_item, format_citation

STUDIES = Path(__file__).resolve().parents[2] / "content" / "studies"
KLUSARITZ = "klusaritz-2023-impact-stigma-clinician"
TITLE = ("Impact of Stigma on Clinician Training for Opioid Use Disorder Care: A Qualitative Study in a Primary "
         "Care Learning Collaborative")


def load(study_id: str) -> Study:
    with (STUDIES / f"{study_id}.yaml").open(encoding="utf-8") as handle:
        return study_from_record(yaml.safe_load(handle))


def all_studies() -> list[Study]:
    return [load(path.stem) for path in sorted(STUDIES.glob("*.yaml"))]


def test_apa_reference_of_a_real_record() -> None:
    # APA 7 (9.8): list up to 20 authors, "&" before the last; italic journal and volume; page ranges
    # with an en dash; the DOI as a https://doi.org/ URL. Allowed difference: the title keeps the
    # record's capitalisation (APA asks for sentence case, which no CSL processor can derive safely:
    # it would lower-case proper nouns and acronyms).
    expected = (
        "Klusaritz, H., Bilger, A., Paterson, E., Summers, C., Barg, F. K., Cronholm, P. F., Saine, M. E., "
        "Sochalski, J., & Doubeni, C. A. (2023). " + TITLE + ". The Annals of Family Medicine, 21(Suppl 2), "
        "S31–S38. https://doi.org/10.1370/afm.2920")
    citation = format_citation(load(KLUSARITZ), "apa")
    assert citation.text == expected
    assert "<i>The Annals of Family Medicine</i>, <i>21</i>(Suppl 2)" in citation.html
    assert "Sochalski, J., &amp; Doubeni, C. A." in citation.html


def test_vancouver_reference_of_a_real_record() -> None:
    # NLM Citing Medicine: the first six authors then "et al." when there are more than six; initials
    # without points; abbreviated journal; "2023 Feb 1" from the record's full date. Allowed
    # differences, both from the CSL style: the page range uses the CSL locale's en dash where Citing
    # Medicine prints a hyphen, and the supplement is given as "21(Suppl 2)" rather than "21 Suppl 2".
    expected = (
        "Klusaritz H, Bilger A, Paterson E, Summers C, Barg FK, Cronholm PF, et al. " + TITLE + ". "
        "Ann Fam Med. 2023 Feb 1;21(Suppl 2):S31–8. doi:10.1370/afm.2920")
    assert format_citation(load(KLUSARITZ), "vancouver").text == expected


@pytest.mark.parametrize("style", ["apa", "vancouver"])
def test_html_says_what_the_text_says(style: Style) -> None:
    """The HTML differs from the text only by formatting tags and escaping."""
    for study in all_studies():
        citation = format_citation(study, style)
        assert html.unescape(re.sub(r"</?(?:i|b|span)[^>]*>", "", citation.html)) == citation.text
        assert citation.text.endswith(".") or citation.text.endswith(study.doi or "\0")


@pytest.mark.parametrize("style", ["apa", "vancouver"])
def test_source_text_is_escaped(style: Style) -> None:
    title = 'A <script>alert(1)</script> *asterisk* & <i>markup</i> "quoted" <span class="nocase">x</span> title'
    study = dataclasses.replace(load(KLUSARITZ), title=title, journal="J & <b>Bold</b>",
                                authors=("O'Brien, Ann <img src=x onerror=alert(1)>",))
    citation = format_citation(study, style)
    assert "<script" not in citation.html and "<img" not in citation.html and "<b>" not in citation.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in citation.html
    assert "*asterisk* &amp; &lt;i&gt;markup&lt;/i&gt;" in citation.html
    assert title in citation.text  # plain text is the source's own, character for character
    assert html.unescape(re.sub(r"</?i>", "", citation.html)) == citation.text


def test_study_without_authors_or_year_is_cited_by_title() -> None:
    study = load("primary-care-team-perspectives-approaches")
    apa = format_citation(study, "apa").text
    assert apa == f"{study.title}. (n.d.)."
    assert format_citation(study, "vancouver").text == f"{study.title}."


def test_title_is_not_repeated_when_it_stands_in_for_the_authors() -> None:
    study = load("overcoming-medication-stigma-peer-recovery")
    apa = format_citation(study, "apa").text
    assert apa == f"{study.title}. (2018). https://doi.org/10.1080/08897077.2018.1439798"
    assert apa.count(study.title) == 1


def test_preprint_is_labelled_in_both_styles() -> None:
    study = load("parchman-2021-training-needs-practice")
    apa = format_citation(study, "apa").text
    assert apa.startswith("Parchman, M. L., Ike, B., Osterhage, K., Johnson, A., & Baldwin, L.-M. (2021).")
    assert "[Preprint]. Research Square. https://doi.org/10.21203/rs.3.rs-701737/v1" in apa
    assert "[preprint]" in format_citation(study, "vancouver").text


def test_organisation_authors_stay_whole() -> None:
    study = Study(id="who-2020", title="Guidelines", authors=("World Health Organization",), year=2020)
    assert csl_item(study)["author"] == [{"literal": "World Health Organization"}]
    assert format_citation(study, "apa").text.startswith("World Health Organization. (2020).")


def test_csl_item_of_a_real_record() -> None:
    item = csl_item(load(KLUSARITZ))
    assert item["type"] == "article-journal"
    assert item["author"][4] == {"family": "Barg", "given": "Frances K."}
    assert item["issued"] == {"date-parts": [[2023, 2, 1]]}
    assert (item["container-title"], item["container-title-short"]) == ("The Annals of Family Medicine", "Ann Fam Med")
    assert (item["volume"], item["issue"], item["page"]) == ("21", "Suppl 2", "S31-S38")
    assert item["DOI"] == "10.1370/afm.2920"
    assert item["abstract"].startswith("Purpose: We undertook a study")
    assert "\nMethods: We conducted" in item["abstract"]
    assert "keyword" not in item and "language" not in item  # not reported: left out, not invented


def test_csl_item_leaves_out_what_the_record_does_not_give() -> None:
    item = csl_item(load("primary-care-team-perspectives-approaches"))
    # The page reader records the language its title and abstract are written in; nothing else is given.
    assert set(item) <= {"id", "type", "title", "abstract", "language"}
    assert item["type"] == "article"


def test_csl_item_of_a_preprint() -> None:
    item = csl_item(load("parchman-2021-training-needs-practice"))
    assert (item["type"], item["genre"], item["publisher"]) == ("article", "preprint", "Research Square")
    assert item["keyword"] == "Pain management, Primary care, Training, CTN primary outcomes"
    assert item["issued"] == {"date-parts": [[2021]]}


def test_formatting_is_repeatable() -> None:
    study = load(KLUSARITZ)
    assert format_citation(study, "apa") == format_citation(study, "apa")
    assert format_citation(study, "vancouver") == format_citation(study, "vancouver")
