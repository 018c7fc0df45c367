"""Author lines of article pages (generator/ingest/webpage/authors.py): names written fresh for this test."""

from __future__ import annotations

import pytest

from generator.ingest.webpage.authors import parse_author_line


@pytest.mark.parametrize(
    ("line", "names"),
    [
        # a middle initial is not a given name: "-ovic" here is a family name, not a patronymic
        ("Ana M. Petrovic, DDS, Lorcan Fitzmaurice", ("Petrovic, Ana M.", "Fitzmaurice, Lorcan")),
        ("Sidorova Anna Petrovna, Olga Ivanova", ("Sidorova, Anna Petrovna", "Ivanova, Olga")),
        # a capitalised particle opens the family name
        ("Yasmin El Amrani, Joao De Castro and Pieter Van Rooyen",
         ("El Amrani, Yasmin", "De Castro, Joao", "Van Rooyen, Pieter")),
        ("Mary Y Owusu, Kwame Boateng", ("Owusu, Mary Y", "Boateng, Kwame")),
        # a lower-case particle joined to the name by a hyphen or an apostrophe
        ("Hamza ul-Haq 1 , Leila el-Masri 2 and Rui d'Oliveira 3",
         ("ul-Haq, Hamza", "el-Masri, Leila", "d'Oliveira, Rui")),
        # ORCID icons and an "Author information & affiliations" button are not names
        ("Keri Ngata ORCID Icon, Simone Brandt & Ilya Sorokin ORCID Icon",
         ("Ngata, Keri", "Brandt, Simone", "Sorokin, Ilya")),
        ("By: Nadia Haddad, PhD https://orcid.org/0000-0002-0000-0001, and Tom Ueda, MD "
         "AUTHOR INFORMATION & AFFILIATIONS",
         ("Haddad, Nadia", "Ueda, Tom")),
    ],
)
def test_author_lines(line: str, names: tuple[str, ...]) -> None:
    parsed = parse_author_line(line)
    assert parsed is not None and parsed.names == names


def test_a_study_group_after_the_names_is_not_an_author() -> None:
    parsed = parse_author_line("Ines Vidal, M.D., Ph.D., and Koji Arai, R.N., for the COAST-HF Trial Investigators")
    assert parsed is not None and parsed.names == ("Vidal, Ines", "Arai, Koji")


def test_one_inverted_name_with_degrees_after_it() -> None:
    parsed = parse_author_line("Moreau-Diallo, Awa, RN, MScN3")
    assert parsed is not None and parsed.names == ("Moreau-Diallo, Awa",)
    two = parse_author_line("Awa Diallo, MSc, Piet Vos, PhD")  # two people, each with a degree
    assert two is not None and two.names == ("Diallo, Awa", "Vos, Piet")


def test_degrees_after_an_inverted_given_name_are_dropped() -> None:
    parsed = parse_author_line("Brennan, Siobhan PhD; Toure, Malick MD, MPH")
    assert parsed is not None and parsed.names == ("Brennan, Siobhan", "Toure, Malick")


def test_one_labelled_family_given_name_is_read_alone() -> None:
    from generator.ingest.webpage.authors import single_inverted_name

    found = single_inverted_name("Abernathy-Quist, Rowena T.")
    assert found is not None and found.names == ("Abernathy-Quist, Rowena T.",)
    assert single_inverted_name("Lee, Ann; Roy, Bo") is None
    assert single_inverted_name("Department of Health, Avalon") is None
