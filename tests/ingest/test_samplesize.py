"""The sample-size grammar on constructions added in round 2 (sentences written for these tests).

Units: when no people are counted, the facilities or records an audit or review observed are the
sample; counts of them found later ("301 answered") are findings.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.ingest.samplesize import chinese_sample_size, choose_sample_size


@pytest.mark.parametrize("text, size", [
    # proportions are not counts
    ("We questioned 812 ferry passengers; one in six had missed a connection.", 812),
    ("Three out of every four of the 95 gardeners interviewed grew vegetables.", 95),
    # facilities and records observed when no people are counted
    ("We audited all 1,980 outpatient letters sent in 2022.", 1980),
    ("Researchers posing as tenants telephoned a random sample of 410 letting agents' offices; 377 answered.", None),
    ("Of the 140 garages visited by mystery shoppers, 61 quoted a price in writing.", 140),
    ("An audit of 520 theatre lists measured late starts.", 520),
    ("Staff at 26 pharmacies were surveyed.", None),
    ("We analysed 3.1 million prescriptions written by 288 dentists.", 288),
    # a prepositional phrase does not take the verb of its sentence
    ("Fifty-two porters employed by three hospital trusts took part in focus groups.", 52),
    # a bracketed breakdown of a total
    ("Overall, 604 drivers were randomised (300 to feedback and 304 to no feedback).", 604),
    # mailing a questionnaire invites; a response rate in brackets is not a finding
    ("A questionnaire was mailed to 1,600 florists, and 702 florists replied (44%).", 702),
    # a smaller group of the same people interviewed afterwards
    ("Eighty tram drivers completed a fatigue questionnaire; 11 tram drivers were then interviewed.", 80),
    ("We surveyed 300 teachers and, separately, interviewed 20 head teachers.", None),
])
def test_round_two_constructions(text: str, size: int | None) -> None:
    assert choose_sample_size(text).count == size


def test_a_later_larger_count_of_units_leaves_the_sample_empty_with_a_note() -> None:
    found = choose_sample_size("We audited 200 care plans from one home and 450 care plans from another.")
    assert found.count is None


def test_a_count_of_units_is_marked_as_such() -> None:
    found = choose_sample_size("We reviewed 640 ambulance records.")
    assert (found.count, found.units) == (640, True)
    assert choose_sample_size("We interviewed 12 paramedics.").units is False


@pytest.mark.parametrize("text, size", [
    ("方法 共纳入2 507名孕产妇，采用问卷调查收集资料。", 2507),
    ("方法 对3所医院的42名助产士进行半结构式访谈。", 42),
    ("方法 将88例患者随机分为两组，各44例。", 88),
    ("方法 共调查300余名社区居民。", None),
    ("方法 2019年对某市居民进行调查。", None),
])
def test_chinese_counts(text: str, size: int | None) -> None:
    assert chinese_sample_size(text).count == size


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 9), st.integers(10, 99), st.integers(100, 5000).filter(lambda n: not 1800 <= n <= 2100))
def test_a_proportion_is_never_the_sample(numerator: int, denominator: int, total: int) -> None:
    # (year-like numbers written without a separator are never taken, by design: "Among 2019 respondents")
    text = f"We surveyed {total} cleaners; {numerator} in {denominator} reported back pain."
    assert choose_sample_size(text).count == total


@settings(max_examples=60, deadline=None)
@given(st.integers(100, 9000), st.data())
def test_audited_units_are_the_sample_and_later_counts_are_findings(audited: int, data: st.DataObject) -> None:
    finding = data.draw(st.integers(1, audited - 1))
    text = f"We audited {audited:,} discharge letters; {finding:,} lacked a medication list."
    assert choose_sample_size(text).count == audited
