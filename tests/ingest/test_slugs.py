"""Study ids made from any title stay a safe file and URL name: never a path, never a reserved name."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from generator.ingest.slugs import base_slug, unique_slug

#: The form the record schema requires of an id (study.schema.json).
ID_FORM = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}


def _stays_inside(slug: str, folder: Path) -> bool:
    target = (folder / f"{slug}.yaml").resolve()
    return target.parent == folder.resolve()


@given(title=st.text(max_size=400), author=st.one_of(st.none(), st.text(max_size=60)),
       year=st.one_of(st.none(), st.integers(min_value=1000, max_value=2100)))
def test_any_title_gives_a_plain_name_inside_the_folder(title: str, author: str | None, year: int | None) -> None:
    slug = base_slug(title, author, year)
    assert ID_FORM.fullmatch(slug), slug
    assert len(slug) <= 80
    assert slug not in WINDOWS_RESERVED
    assert _stays_inside(slug, Path("/project/content/studies"))


def test_path_like_titles_lose_their_separators() -> None:
    assert base_slug("../../etc/passwd", None, None) == "etc-passwd"
    assert base_slug("/absolute/path\\windows\\style", None, None) == "absolute-path-windows-style"
    assert base_slug("C:\\Users\\x", "..", 2020) == "2020-c-users-x"
    assert base_slug("..", None, None) == "study"


def test_windows_reserved_names_get_a_suffix() -> None:
    assert base_slug("CON", None, None) == "con-study"
    assert base_slug("Nul", None, None) == "nul-study"
    assert base_slug("com1", None, None) == "com1-study"
    assert base_slug("Prn.txt", None, None) == "prn-txt"


def test_a_300_character_title_is_cut_to_80() -> None:
    title = " ".join(["Telehealth"] + ["supervision"] * 30)[:300]
    slug = base_slug(title, None, None)
    assert len(slug) <= 80 and not slug.endswith("-")
    assert slug.startswith("telehealth-supervision")


def test_two_studies_with_one_title_get_two_ids() -> None:
    taken: set[str] = set()
    first = unique_slug(base_slug("Nurse-led clinics on islands", "Ross, Ana", 2020), taken)
    taken.add(first)
    second = unique_slug(base_slug("Nurse-led clinics on islands", "Ross, Ana", 2020), taken)
    assert first == "ross-2020-nurse-led-clinics"
    assert second == "ross-2020-nurse-led-clinics-2"


@given(st.lists(st.text(max_size=40), max_size=15))
def test_unique_slugs_never_collide(titles: list[str]) -> None:
    taken: set[str] = set()
    for title in titles:
        slug = unique_slug(base_slug(title, None, None), taken)
        assert slug not in taken and ID_FORM.fullmatch(slug)
        taken.add(slug)
