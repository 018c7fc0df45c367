"""The substring gates in front of design's patterns: they skip a scan only when it could find nothing."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.ingest import design
from generator.ingest.design import _CASELESS, _COMPILED, _FOLDS_INTO_ASCII, _required_strings, design_scores

# Every code point but the surrogates, once: what case-insensitive matching could meet in a text.
_ALL = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)


def test_the_only_characters_that_fold_into_ascii_are_those_that_switch_the_gates_off() -> None:
    folding = {char for char in re.findall(r"[a-z0-9]", _ALL, re.IGNORECASE) if not char.isascii()}
    assert folding == {char for char in folding if _FOLDS_INTO_ASCII.search(char)}
    assert folding  # the long s, the Kelvin sign and the dotted and dotless i


def test_caseless_scripts_match_only_themselves_when_case_is_ignored() -> None:
    pattern = re.compile(_CASELESS.pattern, re.IGNORECASE)
    assert all(_CASELESS.fullmatch(char) for char in pattern.findall(_ALL))


@pytest.mark.parametrize(("pattern", "needs"), [
    (r"\bcohorts?\b", {"cohort"}),
    (r"\bper ?cent\b", {"cent"}),
    (r"\b(?:rose|fell)\s+by\b", {"rose", "fell"}),
    (r"\bfoo\w*|\d+", None),  # one branch needs nothing: always scanned
    (r"(?:ab)?c", {"c"}),
    (r"(?:xyz){2,}|q", {"xyz", "q"}),
    (r"问卷|設問", {"问卷", "設問"}),
])
def test_required_strings_are_read_from_the_pattern(pattern: str, needs: set[str] | None) -> None:
    import re._parser as sre_parse
    found = _required_strings(sre_parse.parse(pattern, re.IGNORECASE))
    assert (None if found is None else set(found)) == needs


def test_every_cue_match_in_an_invented_abstract_holds_one_of_its_strings() -> None:
    text = ("We randomly assigned 48 wards to either a falls bundle or usual care; nurses in 12 wards were "
            "interviewed and a survey of 310 staff measured confidence. Thematic analysis and logistic "
            "regression were used. A scoping review charted 27 studies. Questionnaires (n = 88) and focus "
            "groups followed. 问卷调查 and インタビュー were also mentioned.")
    for _design, cue, _weight in _COMPILED:
        for match in cue.pattern.finditer(text):
            assert cue.needs is None or any(need in match.group(0).lower() for need in cue.needs)


_WORDS = st.sampled_from([
    "randomised", "randomly", "allocated", "to", "either", "trial", "survey", "surveys", "questionnaire",
    "interviews", "semi-structured", "focus", "groups", "thematic", "cohort", "we", "searched", "MEDLINE",
    "and", "studies", "met", "criteria", "review", "(Smith", "2019)", "[3]", "found", "previous", "study",
    "n = 40", "58%", "mean", "enrolled", "120", "patients", "this", "commentary", "will", "recruit",
    "İnterview", "ſurvey", "KOHORT", "问卷", "インタビュー", "면담", "entretiens", "encuesta", "Befragung", ".", ";",
    "comparison group", "records", "data from", "2020", "registry", "K", "ı"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=40))
def test_scores_with_gates_equal_scores_from_full_scans(words: list[str]) -> None:
    text = " ".join(words)
    gated = design_scores(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(design, "_lowered_for_gates", lambda _text: None)  # every pattern scanned in full
        assert design_scores(text) == gated
