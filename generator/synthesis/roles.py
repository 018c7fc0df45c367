"""What an evidence sentence does for its theme: names a barrier, a facilitator, a strategy or an outcome.

The role is read from the authors' own wording ("barriers", "impeded", "hindered" versus
"valued", "enabled", versus "strategies", "recommendations", versus "improved", "reduced"), so a
reader can check it against the quoted sentence. A sentence with none of these words has no role
rather than a guessed one. The vocabulary is the one implementation and evaluation studies share
(barriers, facilitators, strategies, outcomes), not words taken from any one abstract.
"""

from __future__ import annotations

import re

ROLES = ("barrier", "facilitator", "strategy", "outcome")

# Per role, strong wording (the role named outright: "barriers", "impeded", "valued", "strategies",
# "improved") scores 2 per occurrence and weak wording ("lack of", "concerns", "helpful",
# "approaches", "higher") scores 1. The highest score wins; a tie goes to the earlier role in
# _PRIORITY. Strategy comes first because strategy sentences name what they address ("strategies
# ... including giving attention to clinician concerns"); barrier before facilitator because
# "enabled or hindered" reports an obstacle at least as much as a help. Outcome wording is past
# tense or a noun ("improved", "a reduction in"): "efforts to improve" states an aim, not a result.
_WORDING: dict[str, tuple[str, str]] = {
    "barrier": (
        r"\bbarriers?\b|\bchallenges?\b|\bhinder\w*|\bimped\w*|\bobstacles?\b|\bdeterr\w*|\binhibit\w*"
        r"|\bconstrain\w*|\bconstraints?\b",
        r"\black of\b|\bdifficult\w*|\bconcerns?\b|\bfears?\b|\breluctan\w*|\binadequate\b|\binsufficient\b"
        r"|\blimited\b|\bburden\w*|\bshortages?\b|\bprevent(ed|s)?\b|\bunwilling\w*|\bunable\b|\bstruggl\w*"
        r"|\bproblems?\b|\bgaps?\b|\brestrict\w*|\bdiscourag\w*|\bcomplex\w*|\bcosts?\b|\breasons for not\b"),
    "facilitator": (
        # "facilitator" alone is often a job ("practice facilitators"), so only its enabling uses count.
        r"\bfacilitators (of|to)\b|\b(barriers|obstacles) and facilitators\b|\bfacilitators and (barriers|obstacles)\b"
        r"|\bfacilitat(ed|es|ing)\b|\benabl\w*|\bvalued\b|\baided\b|\bhelped\b|\bmade it easier\b"
        r"|\bcontributed to\b",
        r"\bhelp(ful|s)\b|\bsupportive\b|\bmotivat\w*|\bimportance of\b|\bkey to\b|\bappreciat\w*"
        r"|\bbenefit\w*|\bencourag\w*|\bpromot\w*|\bstrengths?\b|\bdrivers?\b|\bpositive\b"),
    "strategy": (
        r"\bstrateg\w*|\brecommend\w*|\bsolutions?\b|\bshould\b|\bovercom\w*",
        r"\bapproach(es)?\b|\binterventions?\b|\baddress(ed|es|ing)?\b|\btailor\w*|\badapt(ed|ing|ation)\b"
        r"|\bsuggest\w*|\bpropos\w*|\bways to\b|\bneeds? to\b"
        r"|(?<!care )(?<!medical )(?<!family )(?<!clinical )\bpractices\b"),
    "outcome": (
        r"\b(improved|improvements?|increased|reduced|reductions?|decreased|declined)\b|\bassociated with\b"
        r"|\bresulted in\b|\bled to\b|\b(increase|decrease|rise|drop|decline) in\b",
        r"\boutcomes?\b|\beffective(ness)?\b|\b(higher|lower|greater|fewer)\b|\bodds\b|\bsignificant\w*"),
}
_PATTERNS = {role: (re.compile(strong, re.IGNORECASE), re.compile(weak, re.IGNORECASE))
             for role, (strong, weak) in _WORDING.items()}
_PRIORITY = ("strategy", "barrier", "facilitator", "outcome")
# "..., despite facing challenges": a concessive clause names what was overcome, not what the
# sentence reports, so it is left out before counting.
_CONCESSIVE = re.compile(r"\b(despite|in spite of|notwithstanding)\b[^,;:.]*", re.IGNORECASE)


def classify_role(sentence: str) -> str | None:
    """The role of one sentence ("barrier", "facilitator", "strategy" or "outcome"), or None.

    None means the wording does not say; the sentence is still shown as evidence, under
    "Other evidence", so nothing is hidden for want of a label.
    """
    text = _CONCESSIVE.sub(" ", sentence)
    scores = {role: 2 * len(strong.findall(text)) + len(weak.findall(text))
              for role, (strong, weak) in _PATTERNS.items()}
    best = max(_PRIORITY, key=lambda role: scores[role])  # max keeps the first of equals
    return best if scores[best] else None
