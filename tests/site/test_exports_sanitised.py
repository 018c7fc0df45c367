"""Generated files other than pages carry no control characters and no bidi controls.

A NUL makes feed.xml invalid XML, and a right-to-left override in a title can disguise it in a
reference manager; the HTML pages already drop these, and the feed and downloads must too. A small
invented brief whose records carry them in every free-text field is built; every generated file
must then parse with its own format's reader, hold none of them, and show the same visible text.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import bibtexparser
import pytest
import rispy
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from prisma_brief import ALPHA, SITE_YAML, make_brief, record

from generator.build import build_site
from generator.config import SiteConfig
from generator.model.study import Section, Study
from generator.site import urls
from generator.site.exports import render_screening_csv, showable_text
from generator.site.files import generated_files

#: NUL, BEL, a C1 control (CSI), right-to-left override, left-to-right isolate and pop-isolate.
HOSTILE = ("\x00", "\x07", "\x9b", "\u202e", "\u2066", "\u2069")
UNSHOWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ATOM = "{http://www.w3.org/2005/Atom}"

TITLE = "Night\x00 clinics \u202eled by\x07 nurses in \u2066coastal\u2069 towns"
AUTHORS = ["Okonkwo\x00, Adaeze", "Brandt\u202e, Tilo\x07", "\u2066Saari\u2069, Mirja"]
JOURNAL = "Journal of \x9bInvented\x00 Rural Care\u202e"
ABSTRACT = "We counted\x07 visits\u202e to 12 night clinics\x00 over \u2066two winters\u2069."
KEYWORDS = ["night\x00 clinics", "nurse\u202e-led care", "\x07coastal towns\u2066"]
EXCLUDED_TITLE = "A survey\x00 of \u202eferry\x07 timetables"

#: What a reader must see: the same text with the hostile characters gone, nothing else changed.
SEEN_TITLE = "Night clinics led by nurses in coastal towns"
SEEN_AUTHORS = ["Okonkwo, Adaeze", "Brandt, Tilo", "Saari, Mirja"]
SEEN_JOURNAL = "Journal of Invented Rural Care"
SEEN_ABSTRACT = "We counted visits to 12 night clinics over two winters."
SEEN_KEYWORDS = ["night clinics", "nurse-led care", "coastal towns"]
SEEN_EXCLUDED_TITLE = "A survey of ferry timetables"
SITE_TITLE = "Invented brief on community gardens and loneliness"


def _hostile_records() -> list[dict[str, Any]]:
    included = record("night-clinics", TITLE, 2022, "included", None, None, (ALPHA, 1), [])
    included.update({"authors": AUTHORS, "journal": JOURNAL, "keywords": KEYWORDS,
                     "abstract": [{"heading": None, "text": ABSTRACT}]})
    excluded = record("ferry-survey", EXCLUDED_TITLE, 2020, "excluded", "wrong-population: ferry\x00 crews\u202e",
                      "screening", (ALPHA, 2), [])
    return [included, excluded]


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_brief(tmp_path_factory.mktemp("sanitised"),
                         SITE_YAML.replace(SITE_TITLE, r'"Invented\0 brief\u202e on community gardens and loneliness"'),
                         records=[])
    for data in _hostile_records():
        path = project / "content" / "studies" / f"{data['id']}.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = build_site(project, ingest=False, search_index=False)
    assert not [d for d in result.diagnostics if d.is_error], result.diagnostics
    return project / "output"


def _text(output: Path, path: str) -> str:
    return (output / path).read_text(encoding="utf-8")


def _generated(output: Path) -> list[Path]:
    """Every generated file that is not a page or a packaged asset."""
    found = [output / name for name in ("feed.xml", "sitemap.xml", "robots.txt")]
    found += sorted((output / "data").glob("*.*"))
    found += sorted(p for p in (output / "studies").rglob("*") if p.suffix in {".ris", ".bib", ".json"})
    return found


def test_the_brief_carries_every_hostile_character() -> None:
    """The fixture's texts hold what the test claims, so a pass is not a pass on clean input."""
    text = "".join([TITLE, *AUTHORS, JOURNAL, ABSTRACT, *KEYWORDS, EXCLUDED_TITLE])
    assert all(char in text for char in HOSTILE)


def test_no_generated_file_holds_a_control_or_bidi_character(output: Path) -> None:
    files = _generated(output)
    assert {p.suffix for p in files} >= {".xml", ".json", ".csv", ".ris", ".bib"}
    assert len([p for p in files if "night-clinics" in str(p)]) == 3
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert not UNSHOWABLE.search(text), (path, UNSHOWABLE.findall(text))
        assert "\\u0000" not in text and "\\u0007" not in text, path  # nor as JSON escapes


def test_feed_parses_as_xml_with_the_visible_text(output: Path) -> None:
    root = ET.fromstring(_text(output, "feed.xml").encode("utf-8"))
    assert root.findtext(f"{ATOM}title") == f"{SITE_TITLE} — studies"
    entry = root.find(f"{ATOM}entry")
    assert entry is not None
    assert entry.findtext(f"{ATOM}title") == SEEN_TITLE
    assert [a.findtext(f"{ATOM}name") for a in entry.iter(f"{ATOM}author")] == SEEN_AUTHORS
    assert entry.findtext(f"{ATOM}summary") == SEEN_ABSTRACT


def test_json_downloads_hold_the_visible_text(output: Path) -> None:
    (study,) = json.loads(_text(output, "data/studies.json"))
    assert (study["title"], study["authors"], study["journal"]) == (SEEN_TITLE, SEEN_AUTHORS, SEEN_JOURNAL)
    assert study["keywords"] == SEEN_KEYWORDS
    assert study["abstract"] == [{"heading": None, "text": SEEN_ABSTRACT}]
    (item,) = json.loads(_text(output, "studies/night-clinics/cite.json"))
    assert (item["title"], item["container-title"], item["abstract"]) == (SEEN_TITLE, SEEN_JOURNAL, SEEN_ABSTRACT)
    assert item["author"] == [{"family": "Okonkwo", "given": "Adaeze"}, {"family": "Brandt", "given": "Tilo"},
                              {"family": "Saari", "given": "Mirja"}]
    assert item["keyword"] == ", ".join(SEEN_KEYWORDS)


def test_csv_downloads_round_trip(output: Path) -> None:
    (row,) = csv.DictReader(io.StringIO(_text(output, "data/studies.csv")))
    assert (row["title"], row["authors"], row["journal"]) == (SEEN_TITLE, "; ".join(SEEN_AUTHORS), SEEN_JOURNAL)
    assert (row["keywords"], row["abstract"]) == ("; ".join(SEEN_KEYWORDS), SEEN_ABSTRACT)
    (log,) = csv.DictReader(io.StringIO(_text(output, "data/screening-log.csv")))
    assert (log["title"], log["detail"]) == (SEEN_EXCLUDED_TITLE, "ferry crews")


def test_ris_reads_back(output: Path) -> None:
    for path in ("data/studies.ris", "studies/night-clinics/cite.ris"):
        (entry,) = rispy.loads(_text(output, path))
        assert (entry["title"], entry["authors"], entry["journal_name"]) == (SEEN_TITLE, SEEN_AUTHORS, SEEN_JOURNAL)
        assert (entry["abstract"], entry["keywords"]) == (SEEN_ABSTRACT, SEEN_KEYWORDS)


def test_bibtex_reads_back(output: Path) -> None:
    for path in ("data/studies.bib", "studies/night-clinics/cite.bib"):
        library = bibtexparser.parse_string(_text(output, path))
        assert not library.failed_blocks
        (entry,) = library.entries
        fields = {field.key: field.value for field in entry.fields}
        assert (fields["title"], fields["journal"], fields["abstract"]) == (SEEN_TITLE, SEEN_JOURNAL, SEEN_ABSTRACT)
        assert fields["author"] == " and ".join(SEEN_AUTHORS)
        assert fields["keywords"] == ", ".join(SEEN_KEYWORDS)


def test_a_control_before_a_formula_does_not_hide_it_from_the_guard() -> None:
    text = render_screening_csv([("x", "\x00=SUM(1,2)", 2020, "screening", None, "\u202e+cmd", None)])
    (row,) = list(csv.DictReader(io.StringIO(text)))
    assert (row["title"], row["reason"]) == ("'=SUM(1,2)", "'+cmd")


# Text mixing markup characters, the kept tab and line breaks, and characters that must go.
MIXED = st.text(alphabet=st.sampled_from([*"aZ <&>\"'{}\\\t\n\r=", "é", "\u2028", *HOSTILE, "\x1f", "\x7f",
                                           "\u202a", "\u2067", "\ufffe"]), max_size=25)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(MIXED, MIXED, st.lists(MIXED, max_size=2)), min_size=1, max_size=3))
def test_any_text_leaves_every_file_parseable_and_clean(items: list[tuple[str, str, list[str]]]) -> None:
    studies = [Study(f"s{number}", title or "untitled", authors=tuple(authors), journal=title or None,
                     keywords=tuple(authors), abstract=(Section(None, abstract),) if abstract else ())
               for number, (title, abstract, authors) in enumerate(items)]
    files = generated_files(SiteConfig(base_url="https://brief.example.net/x/"), studies, [], "2026-01-02")
    for path, text in files.items():
        assert not UNSHOWABLE.search(text), path
    feed = ET.fromstring(files[urls.FEED].encode("utf-8"))
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    # XML reads a lone carriage return as a line feed; otherwise the title is the text without the controls.
    assert sorted(t or "" for t in titles) == sorted(_xml_lines(showable_text(s.title)) for s in studies)
    for item in json.loads(files[urls.DATA_JSON]):
        assert item["title"] == showable_text(studies[int(item["id"][1:])].title)
        assert not any(UNSHOWABLE.search(name) for name in item["authors"])
    assert len(rispy.loads(files[urls.DATA_RIS])) == len(studies)
    assert not bibtexparser.parse_string(files[urls.DATA_BIB]).failed_blocks


def _xml_lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def test_cleaning_removes_only_the_unshowable_and_is_idempotent() -> None:
    text = "Tab\tand\nline \u00e9 \u2028 kept;\x00\x07\x9b\u202e\u2066\u2069 gone"
    assert showable_text(text) == "Tab\tand\nline \u00e9 \u2028 kept; gone"
    assert showable_text(showable_text(text)) == showable_text(text)
