"""Grouping extractions by study: a corpus of near-duplicates, some one study, some two.

Every pair below was invented for this test (titles, people, DOIs). Each pair has its own title, so
grouping the whole corpus at once must give exactly the pairs' verdicts.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.ingest.base import Extraction
from generator.ingest.records import Found, SourceRef, group_studies


@dataclass(frozen=True)
class Pair:
    why: str
    a: Extraction
    b: Extraction
    same: bool


def _x(title: str, year: int | None = 2021, authors: tuple[str, ...] = (), doi: str | None = None) -> Extraction:
    return Extraction(title=title, year=year, authors=authors, doi=doi)


SAME = [
    Pair("same DOI, retitled between versions",
         _x("Kiosk naloxone in ferry terminals", doi="10.5555/kiosk.11", authors=("Halloran, Brid",)),
         _x("Naloxone vending kiosks at ferry terminals: a pilot", doi="10.5555/KIOSK.11",
            authors=("Halloran, Brid",)), True),
    Pair("same DOI, one written as a resolver link",
         _x("Night pharmacy hours and methadone dosing", doi="10.5555/night.2"),
         _x("Night pharmacy hours and methadone dosing", doi="https://doi.org/10.5555/NIGHT.2"), True),
    Pair("same DOI even though the author lists share no one (a DOI is an identity)",
         _x("Tramway drivers and shift-work sleep", doi="10.5555/tram.3", authors=("Oyelaran, Tunde",)),
         _x("Tramway drivers and shift-work sleep", doi="10.5555/tram.3", authors=("Vasquez, Lidia",)), True),
    Pair("title differs in case and punctuation, same authors",
         _x("Peer mentors in rural dialysis units: a qualitative study", authors=("Brannigan, Orla", "Tsosie, Kai")),
         _x("PEER MENTORS IN RURAL DIALYSIS UNITS - A QUALITATIVE STUDY", authors=("Tsosie, Kai",)), True),
    Pair("one report has a DOI, the other none",
         _x("Beekeepers' exposure to oxalic acid", authors=("Lindahl, Greta",), doi="10.5555/bees.5"),
         _x("Beekeepers' exposure to oxalic acid", authors=("Greta Lindahl", "Pär Ek")), True),
    Pair("'Family, Given' against 'Given Family'",
         _x("Lighthouse keepers and isolation", authors=("Fitzgerald, Maeve", "Osei, Kofi")),
         _x("Lighthouse keepers and isolation", authors=("Kofi Osei",)), True),
    Pair("MEDLINE short form against full names",
         _x("Rope-access workers and fall arrest", authors=("Castellanos, Rodrigo", "Imai, Haruto")),
         _x("Rope access workers and fall arrest", authors=("Castellanos R", "Imai H")), True),
    Pair("accents written and not",
         _x("Ferry crew hearing loss", authors=("Núñez Ibáñez, Begoña",)),
         _x("Ferry crew hearing loss", authors=("Nunez Ibanez, B.",)), True),
    Pair("umlaut written as ue",
         _x("Glass-blowers and heat stress", authors=("Müller-Brandt, Jörg",)),
         _x("Glass-blowers and heat stress", authors=("Mueller-Brandt J",)), True),
    Pair("family name first without a comma",
         _x("Tea pickers' back pain in Fujian", authors=("Wang Xiaoming", "Lin Hui")),
         _x("Tea pickers' back pain in Fujian", authors=("Wang, X.", "Lin, H.")), True),
    Pair("family name in capitals",
         _x("Organ builders and solvent exposure", authors=("DUBREUIL Céline",)),
         _x("Organ builders and solvent exposure", authors=("Dubreuil, C.",)), True),
    Pair("hyphenated family name, one half shared",
         _x("Circus aerialists and shoulder injury", authors=("Okonkwo-Reyes, Adaeze",)),
         _x("Circus aerialists and shoulder injury", authors=("Reyes, A.",)), True),
    Pair("conference abstract and later paper: shared authors, different DOIs",
         _x("Stair-climbing tests after hip fracture", authors=("Iqbal, Samina", "Rautio, Ville"),
            doi="10.5555/conf.2021.88"),
         _x("Stair-climbing tests after hip fracture", authors=("Rautio, Ville", "Iqbal, Samina", "Hale, Tom"),
            doi="10.5555/jrnl.2021.412"), True),
    Pair("preprint and its article: shared authors, different DOIs",
         _x("Snow-plough operators and vibration", authors=("Kowalczyk, Agnieszka",), doi="10.1101/2020.11.30.1234"),
         _x("Snow-plough operators and vibration", authors=("Kowalczyk A", "Berg, Ida"), doi="10.5555/plough.7"),
         True),
    Pair("no authors on one side and at most one DOI: nothing against it",
         _x("Harbour pilots and fatigue", doi="10.5555/pilot.1"),
         _x("Harbour pilots and fatigue", authors=("Moreau, Anaïs",)), True),
    Pair("no authors and no DOIs on either side",
         _x("Falconers and psittacosis"), _x("Falconers and psittacosis"), True),
]

APART = [
    Pair("same generic title and year, no author in common, no DOIs",
         _x("Barriers to naloxone carrying", authors=("Adeyemi, Bola", "Strand, Eli")),
         _x("Barriers to naloxone carrying", authors=("Rossiter, Jane",)), False),
    Pair("same title and year, no author in common, different DOIs",
         _x("Wildland firefighters and smoke", authors=("Kealoha, Noe",), doi="10.5555/fire.1"),
         _x("Wildland firefighters and smoke", authors=("Petrenko, Oksana",), doi="10.5555/fire.2"), False),
    Pair("same title and year, no author in common, one DOI",
         _x("Cold-store workers and frostbite", authors=("Haugen, Siri",), doi="10.5555/cold.1"),
         _x("Cold-store workers and frostbite", authors=("Mbeki, Thandi",)), False),
    Pair("different DOIs, one has no authors to compare",
         _x("Bus drivers and hypertension", authors=("Quigley, Ross",), doi="10.5555/bus.1"),
         _x("Bus drivers and hypertension", doi="10.5555/bus.2"), False),
    Pair("different DOIs, neither has authors",
         _x("Sheep shearers and lumbar strain", doi="10.5555/shear.1"),
         _x("Sheep shearers and lumbar strain", doi="10.5555/shear.2"), False),
    Pair("same title and authors, different years",
         _x("Annual survey of hospice volunteers", year=2019, authors=("Achterberg, Lotte",)),
         _x("Annual survey of hospice volunteers", year=2020, authors=("Achterberg, Lotte",)), False),
    Pair("only a given name in common",
         _x("Dock workers and asbestos", authors=("Ana Costa",)),
         _x("Dock workers and asbestos", authors=("Ana Mendes",)), False),
    Pair("only a particle in common",
         _x("Tulip growers and dermatitis", authors=("de Vries, Anouk",)),
         _x("Tulip growers and dermatitis", authors=("de Souza, Marcos",)), False),
    Pair("Chinese names, none shared",
         _x("养蜂人的过敏反应调查", authors=("陈志强", "林晓燕")),
         _x("养蜂人的过敏反应调查", authors=("赵敏",)), False),
    Pair("different titles and DOIs, same authors (two papers by one team)",
         _x("Crane operators and neck pain", authors=("Nakashima, Ren",), doi="10.5555/crane.1"),
         _x("Crane operators and eye strain", authors=("Nakashima, Ren",), doi="10.5555/crane.2"), False),
    Pair("same title, no year on one side",
         _x("Quarry blasters and tinnitus", year=None, authors=("Griffiths, Owain",)),
         _x("Quarry blasters and tinnitus", year=2022, authors=("Pellegrini, Marco",)), False),
    Pair("same title and year, authors share no family name though initials match",
         _x("Ice-road truckers and sleep", authors=("Tremblay, J.",)),
         _x("Ice-road truckers and sleep", authors=("Thompson, J.",)), False),
    Pair("same title and year, a conference abstract by another group with its own DOI",
         _x("Oyster shuckers and hand injury", authors=("Leblanc, Rémi",), doi="10.5555/oyster.1"),
         _x("Oyster shuckers and hand injury", authors=("Yamamoto, Aoi", "Kurt, Deniz"), doi="10.5555/oyster.2"),
         False),
    Pair("a team sharing a given name with the other team's family name is still two teams",
         _x("Wind-turbine technicians at height", authors=("Olsen, Frida",)),
         _x("Wind-turbine technicians at height", authors=("Pedersen, Nils",)), False),
]

CORPUS = SAME + APART


def _found(extraction: Extraction, file: str, record: int) -> Found:
    return Found(extraction, SourceRef(file, record, record * 10, "0" * 64, "ris"))


def _corpus() -> tuple[list[Found], dict[int, tuple[Found, Found]]]:
    found: list[Found] = []
    by_pair: dict[int, tuple[Found, Found]] = {}
    for index, pair in enumerate(CORPUS):
        a, b = _found(pair.a, "seeds/first.ris", index + 1), _found(pair.b, "seeds/second.ris", index + 1)
        found += [a, b]
        by_pair[index] = (a, b)
    return found, by_pair


def test_the_corpus_holds_thirty_pairs_of_both_kinds() -> None:
    assert len(CORPUS) == 30 and len(SAME) >= 12 and len(APART) >= 12


@pytest.mark.parametrize("pair", CORPUS, ids=[pair.why for pair in CORPUS])
def test_each_pair_alone(pair: Pair) -> None:
    groups = group_studies([_found(pair.a, "seeds/a.ris", 1), _found(pair.b, "seeds/b.ris", 1)]).groups
    assert len(groups) == (1 if pair.same else 2)


def test_the_whole_corpus_at_once_groups_exactly_as_the_pairs_say() -> None:
    found, by_pair = _corpus()
    groups = group_studies(found).groups
    group_of = {id(item): index for index, group in enumerate(groups) for item in group}
    for index, pair in enumerate(CORPUS):
        a, b = by_pair[index]
        assert (group_of[id(a)] == group_of[id(b)]) == pair.same, pair.why
    assert len(groups) == len(SAME) + 2 * len(APART)


def test_the_order_of_the_sources_does_not_change_the_grouping() -> None:
    found, _ = _corpus()
    forward = sorted(len(group) for group in group_studies(found).groups)
    backward = sorted(len(group) for group in group_studies(list(reversed(found))).groups)
    assert forward == backward


def test_studies_kept_apart_despite_one_title_are_noted_at_the_later_record() -> None:
    found, _ = _corpus()
    notes = group_studies(found).notes
    assert len(notes) == sum(1 for pair in APART if (pair.a.title, pair.a.year) == (pair.b.title, pair.b.year))
    text = [note.format() for note in notes]
    assert all(": info: same title and year as the record at seeds/first.ris:" in line for line in text)
    shearers = next(line for line in text if "10.5555/shear.2" in line)
    assert shearers.startswith("seeds/second.ris:")
    assert "a different DOI (10.5555/shear.2 and 10.5555/shear.1)" in shearers
    assert sum("no author in common" in line for line in text) == 9


def test_a_third_report_joins_the_study_its_authors_share() -> None:
    title = "Sauna use among retired miners"
    first = _found(_x(title, authors=("Heikkinen, Aino",), doi="10.5555/sauna.1"), "seeds/a.ris", 1)
    second = _found(_x(title, authors=("Bautista, Luz",), doi="10.5555/sauna.2"), "seeds/a.ris", 2)
    third = _found(_x(title, authors=("Bautista L", "Cruz, Elena")), "seeds/b.ris", 1)
    groups = group_studies([first, second, third]).groups
    assert [[item.source.record for item in group] for group in groups] == [[1], [2, 1]]


REPORTS = st.builds(
    _x, title=st.sampled_from(["Foundry workers and silica", "Foundry Workers and Silica!", "Potters and lead"]),
    year=st.sampled_from([2020, 2021, None]),
    authors=st.lists(st.sampled_from(["Abara, Ngozi", "Ngozi Abara", "Lind, Sven", "Kato Y", "Ruiz, Ana"]),
                     max_size=2).map(tuple),
    doi=st.sampled_from([None, "10.5555/f.1", "10.5555/F.1", "10.5555/f.2"]))


@given(st.lists(REPORTS, max_size=8))
def test_grouping_is_a_partition_and_a_shared_doi_always_shares_a_group(reports: list[Extraction]) -> None:
    found = [_found(report, "seeds/a.ris", index + 1) for index, report in enumerate(reports)]
    groups = group_studies(found).groups
    assert sorted(item.source.record for group in groups for item in group) == list(range(1, len(found) + 1))
    group_of = {item.source.record: index for index, group in enumerate(groups) for item in group}
    first_with_doi: dict[str, int] = {}
    for item in found:
        if item.extraction.doi:
            doi = item.extraction.doi.lower()
            first = first_with_doi.setdefault(doi, item.source.record)
            assert group_of[item.source.record] == group_of[first]
