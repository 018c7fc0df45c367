"""The shared sentence splitter: anchors on study pages and theme evidence depend on it cutting the same way."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.model.sentences import _inside_asides, section_kind, sentence_anchor, sentence_units, split_sentences
from generator.model.study import Section


@pytest.mark.parametrize("text, expected", [
    ("Stigma was common. Training helped.", ["Stigma was common.", "Training helped."]),
    ("Did it work? Yes! Mostly.", ["Did it work?", "Yes!", "Mostly."]),
    # abbreviations and initials
    ("Clinics in the U.S. Department of Veterans Affairs took part.",
     ["Clinics in the U.S. Department of Veterans Affairs took part."]),
    ("Settings differed (e.g. Medicaid clinics) and so did staff, i.e. nurses. Results follow.",
     ["Settings differed (e.g. Medicaid clinics) and so did staff, i.e. nurses.", "Results follow."]),
    ("As Smith et al. Showed, it varies. Then it stops.", ["As Smith et al. Showed, it varies.", "Then it stops."]),
    ("Dr. Jones led the study. It ran for a year.", ["Dr. Jones led the study.", "It ran for a year."]),
    ("Buprenorphine vs. Methadone was compared.", ["Buprenorphine vs. Methadone was compared."]),
    ("Authors were Frances K. Barg and M. Elle Saine. They coded.",
     ["Authors were Frances K. Barg and M. Elle Saine.", "They coded."]),
    ("It was proposed by C.H. Bennett and G. Brassard in 1984.",
     ["It was proposed by C.H. Bennett and G. Brassard in 1984."]),
    ("Patients were screened for hepatitis C. Most were negative.",
     ["Patients were screened for hepatitis C.", "Most were negative."]),
    ("See Fig. 2 and No. 3 of Vol. 4 for details.", ["See Fig. 2 and No. 3 of Vol. 4 for details."]),
    # numbers
    ("The mean was 3.5 visits. 42 patients stayed.", ["The mean was 3.5 visits.", "42 patients stayed."]),
    ("Retention rose from 0.45 to 0.61 (p < 0.05). Costs fell.",
     ["Retention rose from 0.45 to 0.61 (p < 0.05).", "Costs fell."]),
    # asides in brackets are never cut
    ("Stigma in the origin domain (ie, beliefs that OUD is a choice. Not a disease) was common. It mattered.",
     ["Stigma in the origin domain (ie, beliefs that OUD is a choice. Not a disease) was common.", "It mattered."]),
    ("Findings matched earlier work [Smith, J. Addict. Med. 12, 3 (2018).] and extend it.",
     ["Findings matched earlier work [Smith, J. Addict. Med. 12, 3 (2018).] and extend it."]),
    ("One stray bracket (opened here. It never closes. The text goes on.",
     ["One stray bracket (opened here.", "It never closes.", "The text goes on."]),
    # a lowercase word after a full stop continues the sentence
    ("We saw gains, etc. and losses. Next.", ["We saw gains, etc. and losses.", "Next."]),
    ("Costs, staff, etc. Participants also named time.", ["Costs, staff, etc.", "Participants also named time."]),
])
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_closing_quote_ends_a_sentence_seed_000() -> None:
    text = ("Perceptions included concerns that patients with OUD are “manipulative” or “drug seeking.” Elements "
            "of stigma in the origin domain (ie, beliefs by primary care clinicians or the community that OUD is "
            "a choice and not a disease), the enacted domain (eg, hospital bylaws banning MOUD and clinicians "
            "declining to obtain an X-Waiver to prescribe MOUD) were perceived as major barriers.")
    first, second = split_sentences(text)
    assert first.endswith("“drug seeking.”")
    assert second.startswith("Elements of stigma") and second.endswith("major barriers.")


def test_numbered_lists_stay_in_their_sentence_seed_001() -> None:
    text = ("Two themes emerged that describe provider perspectives on the meaning of engagement: 1) qualifying "
            "engagement by the volume of contact with patients, and 2) the need for more multidimensional measures "
            "of engagement. Six themes emerged that characterized provider engagement practices: 1) creating an "
            "environment of disclosure, 2) normalizing OUD treatment, 3) offering gentle but persistent outreach, "
            "4) providing human connection and encouragement, 5) tailoring treatment to patient needs, and 6) "
            "avoiding stigmatizing responses. Analysis identified multiple replicable strategies.")
    sentences = split_sentences(text)
    assert [s[:20] for s in sentences] == ["Two themes emerged t", "Six themes emerged t", "Analysis identified "]


def test_list_items_ending_in_full_stops() -> None:
    assert split_sentences("Themes: 1) access. 2) cost. Then 3) Time was short.") == [
        "Themes: 1) access. 2) cost.", "Then 3) Time was short."]
    assert split_sentences("Two aims. 1) Measure it. 2) Explain it.") == ["Two aims.", "1) Measure it.",
                                                                          "2) Explain it."]


def test_whitespace_is_collapsed_and_nothing_else_changes() -> None:
    assert split_sentences("  One\n sentence\there.\n\nTwo.  ") == ["One sentence here.", "Two."]
    assert split_sentences("") == []
    assert split_sentences(" \n ") == []


def test_text_without_spaces_after_stops_is_one_sentence() -> None:
    # Chinese full stops have no space after them: cutting there would change the text when joined.
    assert split_sentences("本研究的目的。与会者描述了。") == ["本研究的目的。与会者描述了。"]


@given(st.text())
def test_joining_sentences_gives_the_collapsed_text_back(text: str) -> None:
    sentences = split_sentences(text)
    assert " ".join(sentences) == " ".join(text.split())
    assert all(s and s == s.strip() for s in sentences)


_WORDS = st.sampled_from(["Stigma", "was", "common.", "e.g.", "U.S.", "Dr.", "K.", "(ie,", "3.5", "“drug",
                          "seeking.”", "1)", "2)", "and", "(see", "Fig.", "2).", "Results?", "[1]", "al.", "The"])


@given(st.lists(_WORDS, max_size=40))
def test_joining_sentences_gives_the_text_back_for_abstract_like_words(words: list[str]) -> None:
    text = " ".join(words)
    assert " ".join(split_sentences(text)) == text


def test_split_is_stable_when_applied_to_its_own_sentences() -> None:
    text = "Stigma was common (e.g. in Dr. Lee's clinic). Frances K. Barg coded it. 42 agreed."
    for sentence in split_sentences(text):
        assert split_sentences(sentence) == [sentence]


def test_sentence_anchor_counts_from_one() -> None:
    assert sentence_anchor(1, 1) == "s1-1"
    assert sentence_anchor(2, 3) == "s2-3"


@pytest.mark.parametrize("heading, kind", [
    ("Purpose", "background"), ("Objective", "background"), ("Introduction", "background"),
    ("Background", "background"), ("Aims", "background"),
    ("Methods", "methods"), ("Design", "methods"), ("Setting", "methods"), ("Participants", "methods"),
    ("Design, Setting, and Participants", "methods"),
    ("Results", "results"), ("Findings", "results"), ("Methods and Findings", "results"),
    ("Conclusions", "conclusions"), ("Conclusion:", "conclusions"), ("Discussion", "conclusions"),
    ("Implications", "conclusions"), ("Interpretation", "conclusions"), ("CONCLUSIONS AND RELEVANCE", "conclusions"),
    ("Main Outcomes and Measures", "methods"),
    ("Trial registration", "other"), ("目的", "other"), (None, "unlabelled"), ("  ", "unlabelled"),
])
def test_section_kind_from_heading(heading: str | None, kind: str) -> None:
    assert section_kind(heading) == kind


def test_sentence_units_number_sections_and_sentences() -> None:
    abstract = (Section("Objective", "To see. And learn."), Section(None, "Unlabelled text."),
                Section("Results", "It worked (e.g. in clinics). Costs fell."))
    units = sentence_units(abstract)
    assert [(u.anchor, u.section_heading, u.section_kind, u.text) for u in units] == [
        ("s1-1", "Objective", "background", "To see."),
        ("s1-2", "Objective", "background", "And learn."),
        ("s2-1", None, "unlabelled", "Unlabelled text."),
        ("s3-1", "Results", "results", "It worked (e.g. in clinics)."),
        ("s3-2", "Results", "results", "Costs fell."),
    ]


def _asides_by_walking(tokens: list[str]) -> list[bool]:
    """The definition spelled out character by character: a space is inside an aside when more matched
    pairs (of at most 300 characters, closers of the wrong kind ignored) have opened than closed before it."""
    text = " ".join(tokens)
    level_at = [0] * (len(text) + 1)
    stack: list[tuple[str, int]] = []
    for pos, char in enumerate(text):
        if char in "([":
            stack.append((char, pos))
        elif char in ")]" and stack and stack[-1][0] == {")": "(", "]": "["}[char]:
            _, opened = stack.pop()
            if pos - opened <= 300:
                for inner in range(opened + 1, pos):
                    level_at[inner] += 1
    ends, cursor = [], 0
    for token in tokens:
        ends.append(cursor + len(token))
        cursor += len(token) + 1
    return [level_at[end] > 0 for end in ends]


@given(st.lists(st.text(alphabet="ab()[]. ", min_size=1, max_size=12).map(lambda t: t.replace(" ", "") or "x"),
                min_size=1, max_size=60))
def test_asides_are_read_as_defined(tokens: list[str]) -> None:
    assert _inside_asides(tokens) == _asides_by_walking(tokens)


def test_a_long_aside_does_not_count() -> None:
    tokens = ["(" + "a" * 150, "b" * 150 + ")", "c"]
    assert _inside_asides(tokens) == _asides_by_walking(tokens) == [False, False, False]
