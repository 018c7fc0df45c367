"""Fields no source labels but every brief needs: design, sample size, participants, settings.

They are read from what the authors wrote (title, abstract, keywords, publication type) by
explicit wording rules. A rule fires on a phrase that states the fact ("semi-structured
interviews", "17 ... interviews were conducted", "in community mental health centers"); when
nothing states it, the field stays empty and is listed as missing for a curator to fill.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.sentences import split_sentences
from .base import AbstractSection, Extraction
from .numbers import parse_count

_METHOD_HEADINGS = {"methods", "method", "methodology", "materials and methods", "design", "setting",
                    "settings", "participants", "design and setting", "design, setting, and participants",
                    "subjects", "population", "data sources"}
_AIM_HEADINGS = {"purpose", "objective", "objectives", "aim", "aims", "background", "introduction",
                 "context", "importance"}


@dataclass(frozen=True)
class Derived:
    design: str | None
    sample_size: int | None
    participants: str | None
    settings: tuple[str, ...]
    setting_detail: str | None


def derive(record: Extraction) -> Derived:
    """Design, sample and settings for one extracted study (all None/() when not stated)."""
    text = " ".join(s.text for s in record.abstract)
    methods = _sections(record.abstract, _METHOD_HEADINGS)
    size, size_sentence = find_sample_size(methods or text, fallback=text)
    settings, detail = find_settings(record)
    return Derived(
        design=classify_design(record.title or "", text, record.publication_type, record.keywords),
        sample_size=size,
        participants=_participants(record.abstract, size_sentence),
        settings=settings,
        setting_detail=detail,
    )


def _sections(sections: tuple[AbstractSection, ...], headings: set[str]) -> str:
    return " ".join(s.text for s in sections if s.heading and s.heading.lower() in headings)


# --- design -----------------------------------------------------------------------------------

_DESIGN_RULES: tuple[tuple[str, str, int], ...] = (
    # (design, pattern, weight): the highest total wins; ties go to the earlier design.
    ("review", r"\b(systematic|scoping|narrative|rapid|umbrella|integrative|literature|realist) review\b|"
               r"\bmeta-?analys[ie]s\b|\bmeta-?synthesis\b", 5),
    ("trial", r"\brandomi[sz]ed\b.{0,40}\btrial\b|\bcontrolled trial\b|\bRCT\b|\bcluster[- ]randomi[sz]ed\b|"
              r"\bpilot trial\b|\bclinical trial\b", 5),
    ("mixed-methods", r"\bmixed[- ]methods?\b|\bmulti[- ]method\b|\bconvergent parallel\b", 6),
    ("qualitative", r"\bqualitative\b|\bsemi-?structured\b|\bin-depth interviews?\b|\bfocus groups?\b|"
                    r"\bthematic(ally)? analy[sz]\w*|\bgrounded theory\b|\bkey (informant|stakeholder) "
                    r"interviews?\b|\bcontent analysis\b|\binterviews? (were|was) conducted\b|"
                    r"\bwe interviewed\b|\bconducted (\w+ )?interviews\b|\bthemes (emerged|were identified)\b",
     2),
    ("quantitative", r"\bcross-sectional\b|\bsurvey(ed)?\b|\bcohort study\b|\bretrospective\b|"
                     r"\bprospective\b|\bregression\b|\bodds ratios?\b|\bOR\s*[=,]|\bp\s*[<=]\s*0?\.\d|"
                     r"\b95%\s*CI\b|\bconfidence interval|\bclaims data\b|\bquasi-experimental\b|"
                     r"\binterrupted time series\b|\bdifference-in-differences\b|\bsecondary analysis\b", 2),
    ("other", r"\b(commentary|editorial|perspective|viewpoint|case report|program description|"
              r"we describe (the|a|an|how|our)|this (paper|article|report) describes|lessons learned|"
              r"new paradigm)\b|\beffort to (establish|develop|implement|create|launch)\b", 2),
)
_OTHER_TYPES = re.compile(r"\b(editorial|comment|letter|news|opinion|erratum)\b", re.IGNORECASE)


def classify_design(title: str, abstract: str, publication_type: str | None,
                    keywords: tuple[str, ...] = ()) -> str | None:
    """One of qualitative, quantitative, mixed-methods, trial, review, other; None if nothing says.

    Qualitative and quantitative signals both present, each strongly, make mixed-methods; a study
    that only describes a programme or argues a position is ``other``.
    """
    if publication_type and re.search(r"\breview\b", publication_type, re.IGNORECASE):
        return "review"
    if publication_type and "trial" in publication_type.lower():
        return "trial"
    text = " ".join((title, abstract, " ".join(keywords)))
    scores = {design: 0 for design, _, _ in _DESIGN_RULES}
    for design, pattern, weight in _DESIGN_RULES:
        scores[design] += weight * len(re.findall(pattern, text, re.IGNORECASE))
    if scores["qualitative"] >= 4 and scores["quantitative"] >= 4:
        scores["mixed-methods"] += scores["qualitative"] + scores["quantitative"]
    if _OTHER_TYPES.search(publication_type or ""):
        scores["other"] += 10
    best = max(scores, key=lambda design: scores[design])
    return best if scores[best] > 0 else None


# --- sample size --------------------------------------------------------------------------------

_PEOPLE = (r"(?:key |primary care |program |clinic |frontline |health care |healthcare |clinical )?"
           r"(?:participants|stakeholders|providers|clinicians|physicians|nurses|patients|respondents|"
           r"informants|trainees|residents|staff(?: members)?|members|individuals|people|persons|adults|"
           r"women|men|veterans|leaders|administrators|pharmacists|prescribers|practitioners|"
           r"counsel+ors|peers|facilitators|students|interviewees|caregivers|users|clients|youths?|workers|"
           r"managers|directors|coordinators|specialists|doctors|GPs|psychiatrists|psychologists|navigators|"
           r"employees|professionals|experts|parents|mothers|survivors|dyads|households)")
_COUNT = r"(\d{1,3}(?:,\d{3})+|\d+|[a-z]+(?:-[a-z]+)?)"
_WORDS = r"(?:[A-Za-z][\w-]*\s+)"
_SAMPLE_RULES = (
    re.compile(r"\b[nN]\s*=\s*(\d[\d,]*)"),
    re.compile(rf"\b(?:of|with|among|from|included|enrolled|recruited|interviewed|surveyed)\s+"
               rf"(?:a (?:total|sample) of\s+)?{_COUNT}\s+{_WORDS}{{0,2}}?{_PEOPLE}\b", re.IGNORECASE),
    re.compile(rf"\b{_COUNT}\s+{_WORDS}{{0,2}}?{_PEOPLE}\s+(?:were|was)\s+(?:interviewed|enrolled|"
               rf"recruited|surveyed|included)", re.IGNORECASE),
    re.compile(rf"\b(?:of|with)\s+the\s+{_COUNT}\s+{_PEOPLE}\b", re.IGNORECASE),
    re.compile(rf"\b{_COUNT}\s+{_WORDS}{{0,2}}?(?:interviews|focus groups?)\s+(?:were|was)\s+conducted",
               re.IGNORECASE),
)


def find_sample_size(text: str, *, fallback: str = "") -> tuple[int | None, str | None]:
    """The number of people enrolled or interviewed and the sentence that states it.

    Methods text is searched first, then the whole abstract. "Three of the five trainees
    completed" gives five: enrolment, not completion, is the sample.
    """
    for source in (text, fallback):
        for sentence in split_sentences(source):
            for rule in _SAMPLE_RULES:
                for match in rule.finditer(sentence):
                    count = parse_count(match.group(1))
                    if count is not None and _plausible_sample(count, sentence, match):
                        return count, sentence
    return None, None


def _plausible_sample(count: int, sentence: str, match: re.Match[str]) -> bool:
    if count < 1 or count > 5_000_000:
        return False
    after = sentence[match.end(): match.end() + 12].lower()
    before = sentence[max(0, match.start() - 12): match.start()].lower()
    return not re.match(r"\s*(years?|months?|weeks?|days?|%|percent)", after) and "aged" not in before


def _participants(abstract: tuple[AbstractSection, ...], size_sentence: str | None) -> str | None:
    """Sentences describing who took part: the one giving the sample, then "Participants ..." ones."""
    chosen: list[str] = [size_sentence] if size_sentence else []
    for section in abstract:
        for sentence in split_sentences(section.text):
            if re.search(r"\b(participants|respondents|interviewees|sample)\b\s+(included|represented|were|"
                         r"comprised|consisted)|\b\w+ of the \w+ \w+ completed\b", sentence, re.IGNORECASE):
                if sentence not in chosen:
                    chosen.append(sentence)
    return " ".join(chosen) or None


# --- settings -----------------------------------------------------------------------------------

SETTING_PATTERNS: tuple[tuple[str, str], ...] = (
    ("primary-care", r"\bprimary[- ]care\b|\bfamily (medicine|practice|physicians?)\b|\bgeneral practi\w+|"
                     r"\bfederally qualified health cent\w+|\bFQHCs?\b|\bcommunity health cent\w+"),
    ("community-mental-health", r"\bcommunity mental health\b|\bCMHCs?\b|\bmental health (centers?|centres?|"
                                r"clinics?|agenc\w+)"),
    ("specialty-addiction-treatment", r"\b(opioid treatment programs?|OTPs?|methadone (clinics?|programs?)|"
                                      r"addiction (treatment|specialty|clinics?|services)|substance use "
                                      r"(disorder )?treatment (programs?|centers?|facilities|services)|"
                                      r"specialty (substance use|addiction))\b"),
    ("peer-recovery", r"\bpeer[- ](recovery|support|led|run)\b|\brecovery (groups?|community|communities|"
                      r"coaches|housing)\b|\bmutual[- ]aid\b|\b12-step\b"),
    ("emergency-department", r"\bemergency (departments?|rooms?|medicine)\b|\bEDs?\b"),
    ("hospital", r"\b(hospitals?|inpatients?|hospitali[sz]ed)\b"),
    ("pharmacy", r"\bpharmac(y|ies|ists?)\b"),
    ("telehealth", r"\btele(health|medicine|psychiatry)\b|\bvirtual care\b"),
    ("criminal-legal", r"\b(jails?|prisons?|correctional|incarcerat\w+|criminal (legal|justice)|drug courts?|"
                       r"probation|parole)\b"),
)


def find_settings(record: Extraction) -> tuple[tuple[str, ...], str | None]:
    """Settings where the study took place, from title, aims, methods and keywords.

    Results and conclusions are left out on purpose: they name settings as strategies or
    recommendations ("leveraging telehealth"), not as where the study was done. An abstract
    without headings is read whole.
    """
    structured = any(s.heading for s in record.abstract)
    scope = [record.title or "", *record.keywords]
    if structured:
        scope += [_sections(record.abstract, _AIM_HEADINGS), _sections(record.abstract, _METHOD_HEADINGS)]
    else:
        scope += [s.text for s in record.abstract]
    text = " ".join(scope)
    found = [slug for slug, pattern in SETTING_PATTERNS if re.search(pattern, text, re.IGNORECASE)]
    return tuple(found), _setting_detail(record, found)


def _setting_detail(record: Extraction, found: list[str]) -> str | None:
    """The methods sentence that places the study, kept verbatim for the reader."""
    if not found:
        return None
    methods = _sections(record.abstract, _METHOD_HEADINGS) or " ".join(s.text for s in record.abstract)
    patterns = [pattern for slug, pattern in SETTING_PATTERNS if slug in found]
    for sentence in split_sentences(methods):
        if any(re.search(pattern, sentence, re.IGNORECASE) for pattern in patterns):
            return sentence
    return None
