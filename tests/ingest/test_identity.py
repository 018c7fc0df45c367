"""Study identity: family names in any written form, DOIs as identities, titles only as hints."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.model.identity import StudyIdentity, Verdict, compare, doi_key, family_names, identity_keys


@pytest.mark.parametrize("author, families", [
    ("Fonseca Prado, Lívia", {"fonseca", "prado"}),
    ("L. Fonseca Prado", {"prado"}),
    ("Fonseca-Prado LM", {"fonseca", "prado"}),
    ("FONSECA PRADO Lívia", {"fonseca", "prado"}),
    ("Lívia Prado", {"prado"}),
    ("Prado", {"prado"}),
    ("ter Horst, Maaike", {"horst"}),
    ("Maaike ter Horst", {"horst"}),
    ("Schröder, Kai", {"schroder"}),
    ("Schroeder K", {"schroder"}),
    ("周建华", {"周建华"}),
    ("", set()),
])
def test_family_names_in_the_forms_exports_use(author: str, families: set[str]) -> None:
    assert family_names([author]) == families


def test_doi_key_drops_resolver_prefixes_and_case() -> None:
    assert doi_key("https://doi.org/10.5555/ABC.1") == "10.5555/abc.1"
    assert doi_key("doi: 10.5555/abc.1") == "10.5555/abc.1"
    assert doi_key("http://dx.doi.org/10.5555/abc.1") == "10.5555/abc.1"
    assert doi_key(None) == ""
    assert identity_keys(doi="https://doi.org/10.5555/X", title="A title", year=2020) == [
        "doi:10.5555/x", "title:a title|2020"]


def _id(title: str | None = "Night-shift nurses and sleep", year: object = 2018, authors: object = (),
        doi: str | None = None) -> StudyIdentity:
    return StudyIdentity.of(doi=doi, title=title, year=year, authors=authors)


@pytest.mark.parametrize("a, b, verdict", [
    (_id(doi="10.5555/a"), _id(title="Other", doi="10.5555/A"), Verdict.SAME_DOI),
    (_id(authors=["Kaur, Jasleen"]), _id(authors=["Jasleen Kaur", "Ruiz, Pablo"]), Verdict.SAME_TITLE),
    (_id(authors=["Kaur, Jasleen"]), _id(authors=["Ruiz, Pablo"]), Verdict.OTHER_AUTHORS),
    (_id(authors=["Kaur, Jasleen"], doi="10.5555/a"), _id(authors=["Kaur J"], doi="10.5555/b"),
     Verdict.SEVERAL_REPORTS),
    (_id(authors=["Kaur, Jasleen"], doi="10.5555/a"), _id(doi="10.5555/b"), Verdict.OTHER_DOI),
    (_id(doi="10.5555/a"), _id(doi="10.5555/b"), Verdict.OTHER_DOI),
    (_id(doi="10.5555/a"), _id(), Verdict.SAME_TITLE),
    (_id(year=2018), _id(year=2019), Verdict.UNRELATED),
    (_id(year=None), _id(year=None), Verdict.UNRELATED),
    (_id(title="Night-shift nurses and sleep"), _id(title="NIGHT SHIFT NURSES AND SLEEP."), Verdict.SAME_TITLE),
    (_id(year="2018"), _id(year=2018), Verdict.SAME_TITLE),
])
def test_compare(a: StudyIdentity, b: StudyIdentity, verdict: Verdict) -> None:
    assert compare(a, b) is verdict
    assert compare(b, a) is verdict


def test_values_of_the_wrong_type_in_a_hand_edited_record_count_as_absent() -> None:
    identity = StudyIdentity.of(doi=["10.5555/a"], title=42, year=[2018], authors="Kaur, Jasleen")
    assert (identity.doi, identity.title, identity.year, identity.has_authors) == ("", "", "", False)


NAMES = st.sampled_from(["Kaur, Jasleen", "Ruiz, Pablo", "Ana Mendes", "Mendes A", "Okafor C", "van Dijk, Bram",
                         "Lee", "Nguyen Thi Lan", "Å. Berg", "Smith-Jones, R."])


@given(st.lists(NAMES, max_size=3), st.lists(NAMES, max_size=3), st.sampled_from([None, "10.5555/a", "10.5555/b"]),
       st.sampled_from([None, "10.5555/a", "10.5555/b"]), st.sampled_from([2018, 2019, None]))
def test_compare_is_symmetric_and_a_report_is_its_own_study(a_authors: list[str], b_authors: list[str],
                                                            a_doi: str | None, b_doi: str | None,
                                                            year: int | None) -> None:
    a, b = _id(authors=a_authors, doi=a_doi, year=year), _id(authors=b_authors, doi=b_doi, year=2018)
    assert compare(a, b) is compare(b, a)
    assert compare(a, a).same_study or (year is None and a_doi is None)
