"""Fields no source labels but every brief needs: design, sample size, participants, settings.

They are read from what the authors wrote (title, abstract, keywords, publication type) by
explicit wording rules. A rule fires on a phrase that states the fact ("semi-structured
interviews", "17 ... interviews were conducted", "in community mental health centers"); when
nothing states it, the field stays empty and is listed as missing for a curator to fill.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..model.sentences import section_kind, split_sentences
from ..model.vocabulary import DEFAULT_VOCABULARY, Setting, Vocabulary
from .base import AbstractSection, Extraction
from .design import classify_design
from .samplesize import SampleSize, choose_sample_size

__all__ = ["Derived", "classify_design", "derive", "find_sample_size", "find_sample_size_with_notes", "find_settings"]

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
    # Why a field was left empty, in words a curator can act on ("sample size left empty: ...").
    notes: tuple[str, ...] = ()


def derive(record: Extraction, vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> Derived:
    """Design, sample and settings for one extracted study (all None/() when not stated); settings
    are the brief's (``vocabulary``, loaded once per ingest by the caller).

    An abstract in another language that comes with an English version is read in English first,
    since the grammar is richest there; the original is read when the English says nothing.
    """
    english = _english_version(record)
    design, found = _design_and_sample(english)
    if english is not record and (design is None or (found.count is None and not found.notes)):
        original_design, original_found = _design_and_sample(record)
        design = design or original_design
        if found.count is None and not found.notes:
            found = original_found
    notes = found.notes
    if found.count is not None and (design == "review" or (design == "trial" and found.units)):
        # The people a review counts belong to the studies it pooled, not to a sample of its own; the
        # facilities a trial randomised are its clusters, not the people it studied.
        found, notes = SampleSize(None, None), ()
    settings, detail = find_settings(record, vocabulary)
    return Derived(
        design=design,
        sample_size=found.count,
        participants=_participants(record.abstract, found.sentence),
        settings=settings,
        setting_detail=detail,
        notes=notes,
    )


def _design_and_sample(record: Extraction) -> tuple[str | None, SampleSize]:
    text = " ".join(s.text for s in record.abstract)
    methods = " ".join(s.text for s in record.abstract if section_kind(s.heading) == "methods")
    design = classify_design(record.title or "", text, record.publication_type, record.keywords)
    return design, find_sample_size_with_notes(methods or text, fallback=text)


def _english_version(record: Extraction) -> Extraction:
    """The record with its English title and abstract when its own are in another language."""
    english = next((t for t in record.translations if (t.lang or "").lower().startswith("en") and t.abstract), None)
    if english is None or _looks_english(" ".join(s.text for s in record.abstract) or record.title or ""):
        return record
    return replace(record, title=english.title or record.title, abstract=english.abstract)


_ENGLISH_FUNCTION_WORDS = frozenset({"the", "of", "and", "to", "in", "was", "were", "with", "for", "a", "an", "we",
                                     "by", "from", "that", "this", "on", "at"})


def _looks_english(text: str) -> bool:
    """English prose is dense in its function words; another language or script is not."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    return bool(words) and sum(word in _ENGLISH_FUNCTION_WORDS for word in words) >= 0.15 * len(words)


def _sections(sections: tuple[AbstractSection, ...], headings: set[str]) -> str:
    return " ".join(s.text for s in sections if s.heading and s.heading.lower() in headings)


# --- sample size --------------------------------------------------------------------------------


def find_sample_size(text: str, *, fallback: str = "") -> tuple[int | None, str | None]:
    """The number of people studied and the sentence that states it (methods text first, then all).

    Kept for callers that want only the count; ``find_sample_size_with_notes`` also says why a
    count was left empty.
    """
    found = find_sample_size_with_notes(text, fallback=fallback)
    return found.count, found.sentence


def find_sample_size_with_notes(text: str, *, fallback: str = "") -> SampleSize:
    """The sample in ``text``; when ``text`` (the methods) states none, the one in ``fallback``.

    A conflict in the methods is final: the rest of the abstract does not get to pick a side.
    """
    first = choose_sample_size(text, context=fallback if fallback != text else "")
    if first.count is not None or first.notes or not fallback or fallback == text:
        return first
    return choose_sample_size(fallback)


_PARTICIPANTS_SENTENCE = re.compile(r"\b(participants|respondents|interviewees|sample)\b\s+(included|represented|"
                                    r"were|comprised|consisted)|\b\w+ of the \w+ \w+ completed\b", re.IGNORECASE)


def _participants(abstract: tuple[AbstractSection, ...], size_sentence: str | None) -> str | None:
    """Sentences describing who took part: the one giving the sample, then "Participants ..." ones."""
    chosen: list[str] = [size_sentence] if size_sentence else []
    for section in abstract:
        for sentence in split_sentences(section.text):
            if _PARTICIPANTS_SENTENCE.search(sentence) and sentence not in chosen:
                chosen.append(sentence)
    return " ".join(chosen) or None


# --- settings -----------------------------------------------------------------------------------

def find_settings(record: Extraction,
                  vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> tuple[tuple[str, ...], str | None]:
    """Settings of the brief's ``vocabulary`` where the study took place, from title, aims, methods
    and keywords, in the vocabulary's order.

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
    found = [setting for setting in vocabulary.settings if setting.found_in(text)]
    return tuple(s.id for s in found), _setting_detail(record, found)


def _setting_detail(record: Extraction, found: list[Setting]) -> str | None:
    """The methods sentence that places the study, kept verbatim for the reader."""
    if not found:
        return None
    methods = _sections(record.abstract, _METHOD_HEADINGS) or " ".join(s.text for s in record.abstract)
    for sentence in split_sentences(methods):
        if any(setting.found_in(sentence) for setting in found):
            return sentence
    return None
