"""Structured-abstract splitting and the text clean-up every reader shares.

Abstracts arrive with headings in many shapes: "METHODS:" on its own, "Methods: We", or glued to
the previous sentence by a copy-paste ("programs.METHODS We"). We split all of these into
``AbstractSection``s and normalise heading case, but never invent a heading a source lacks.
"""

from __future__ import annotations

import re

from .base import AbstractSection
from .normalize import clean_text

# Headings used by structured abstracts (IMRaD, CONSORT, PRISMA and journal variants).
_HEADINGS = (
    "background and aims", "background and objectives", "background", "introduction", "purpose",
    "objectives", "objective", "aims", "aim", "context", "importance", "rationale",
    "materials and methods", "methods and materials", "methods", "method", "methodology",
    "design, setting, and participants", "design and setting", "design", "setting",
    "settings", "participants", "subjects", "population", "interventions", "intervention",
    "measurements", "measures", "main outcome measures", "main outcomes and measures",
    "outcomes", "analysis", "data sources", "study selection", "data extraction",
    "results", "findings", "discussion", "conclusions and relevance", "conclusions",
    "conclusion", "interpretation", "implications", "implications for practice", "limitations",
    "trial registration", "registration", "funding", "significance", "keywords", "summary",
    "availability and implementation", "availability", "supplementary information", "contact",
    "impact", "relevance to clinical practice", "patient or public contribution", "what this paper adds",
    "what is already known", "what this study adds", "clinical trial registration", "exposure", "exposures",
    "methods and analysis", "ethics and dissemination", "trial registration number",
    # systematic-review and journal variants ("Search methods", "Authors' conclusions", "Key findings")
    "search methods", "search strategy", "selection criteria", "eligibility criteria", "data collection and analysis",
    "data synthesis", "main results", "authors' conclusions", "authors’ conclusions", "key findings",
    "main findings", "aim of the study", "aims of the study", "purpose of the study", "objective of the study",
    "material and methods", "patients and methods", "subjects and methods", "participants and methods",
    "methods and results", "research design", "study design", "design and methods", "setting and participants",
    "main outcome", "main outcomes", "public health implications", "policy implications", "practice implications",
    # management and social-science journals (Emerald-style) and research-report abstracts
    "design/methodology/approach", "methodology/approach", "originality/value", "research limitations/implications",
    "practical implications", "social implications", "future work", "future research", "study registration",
    "funding details", "review registration", "trial registration details",
)
# The same headings in the other languages abstracts on article pages come in (es, pt, fr, de, it).
_OTHER_LANGUAGE_HEADINGS = (
    "antecedentes", "introducción", "objetivo", "objetivos", "métodos", "material y métodos", "resultados",
    "conclusiones", "conclusión", "discusión", "contexto", "introdução", "método", "conclusões", "conclusão",
    "contexte", "objectif", "objectifs", "méthodes", "méthode", "résultats", "conclusions", "discussion",
    "obiettivo", "metodi", "risultati", "conclusioni", "principali misure di outcome", "misure di outcome",
    "principali misure di esito", "misure di esito", "limiti", "principales medidas de resultado",
    "medidas de resultado", "principaux critères de jugement", "critères de jugement",
    "principais medidas de resultado",
    # it, nl, pl, sv/da/no: "Setting e partecipanti", "Doel", "Materiał i metody", "Syfte"
    "introduzione", "premessa", "obiettivi", "materiali e metodi", "disegno", "disegno dello studio",
    "setting e partecipanti", "partecipanti", "discussione", "achtergrond", "inleiding", "doel", "doelstelling",
    "methode", "methoden", "resultaten", "conclusie", "conclusies", "beschouwing", "wstęp", "cel", "cel pracy",
    "materiał i metody", "metody", "wyniki", "wnioski", "dyskusja", "bakgrund", "syfte", "metod", "resultat",
    "slutsats", "slutsatser", "konklusion", "baggrund", "formål", "metode", "resultater", "konklusjon",
    # nb/nn/da/sv ("Materiale og metode", "Fortolkning"), fi, nl, pl, cs/sk: the same headings, as data
    "bakgrunn", "hensikt", "materiale og metode", "materiale og metoder", "metoder", "funn", "fortolkning",
    "tolkning", "konklusjoner", "konklusioner", "material och metod", "material och metoder", "diskusjon",
    "diskussion", "tausta", "tavoite", "tavoitteet", "menetelmät", "aineisto ja menetelmät", "tulokset",
    "päätelmät", "johtopäätökset", "pohdinta", "opzet", "onderzoeksopzet", "bevindingen", "interpretatie",
    "discussie", "wprowadzenie", "materiał i metoda", "metoda", "podsumowanie", "omówienie", "úvod", "cíl",
    "cíle", "metodika", "soubor a metody", "výsledky", "závěr", "závěry", "diskuse", "cieľ", "záver", "závery",
)
_GERMAN_HEADINGS = (
    "hintergrund", "fragestellung", "ziel", "ziele", "zielsetzung", "ziel der studie", "ziel der arbeit",
    "material und methoden", "patienten und methoden", "methodik", "methoden", "ergebnisse",
    "schlussfolgerung", "schlussfolgerungen", "diskussion", "einleitung", "methode", "resultate", "fazit",
)
#: Every structured-abstract heading known, lower case, in all languages read.
ABSTRACT_HEADINGS = tuple(dict.fromkeys(_HEADINGS + _OTHER_LANGUAGE_HEADINGS + _GERMAN_HEADINGS))
_HEADING_ALT = "|".join(re.escape(h) for h in sorted(ABSTRACT_HEADINGS, key=len, reverse=True))
# Headings that may follow the conclusions inside an abstract (JAN's "Impact", a trial registration);
# any other heading after the conclusions opens the article's body.
_CLOSING = re.compile(r"^(impact|implications( for [\w ]+)?|(public health|policy|practice) implications|"
                      r"relevance to clinical practice|"
                      r"patient or public contribution|what this paper adds|what this study adds|"
                      r"(clinical )?trial registration|(study |review )?registration|significance|"
                      r"future (work|research)|funding|originality/value|(research )?limitations/implications|"
                      r"(practical|social) implications)$", re.IGNORECASE)
_CONCLUDING = re.compile(r"^(conclusions?|authors['’] conclusions|interpretation|implications|conclusiones|"
                         r"conclusión|conclusões|"
                         r"conclusão|schlussfolgerung(en)?|conclusioni|conclusions and relevance|conclusies?|wnioski|"
                         r"slutsats(er)?|konklusion(er)?|konklusjon(er)?|fortolkning|tolkning|johtopäätökset|"
                         r"päätelmät|závěry?|závery?|fazit|podsumowanie|interpretatie)$", re.IGNORECASE)

# "Methods:" anywhere a sentence may start (any case), "METHODS" in capitals without a colon.
_HEADING_WITH_COLON = re.compile(
    rf"(?:(?<=^)|(?<=[.!?:)\]\s]))\s*\b({_HEADING_ALT})\s*[:：]\s*", re.IGNORECASE)
_CAPS_HEADING = re.compile(
    rf"(?:(?<=^)|(?<=[.!?)\]]))\s*\b({_HEADING_ALT.upper()})\b(?![:：])\s*(?=[A-Z0-9\"“(])")
# "METHODS AND ANALYSIS:" or "DESIGN, SETTING, AND PARTICIPANTS:": a heading of several capitalised words
# and a colon where a sentence may start, as MEDLINE prints every structured abstract, listed or not.
_CAPS_PHRASE_WITH_COLON = re.compile(
    r"(?:(?<=^)|(?<=[.!?)\]]\s)|(?<=[.!?)\]]))([A-Z][A-Z'’-]+(?:,?\s+(?:[A-Z][A-Z'’-]+|&)){1,6})\s*[:：]\s*")
# "BackgroundEmergency departments …": a title-case heading run into the next word by a copy-paste.
_TITLE_CASE_ALT = "|".join(re.escape(h[0].upper()) + "(?i:" + re.escape(h[1:]) + ")"
                           for h in sorted(ABSTRACT_HEADINGS, key=len, reverse=True))
_RUN_IN_HEADING = re.compile(
    rf"(?:(?<=^)|(?<=[.!?)\]]\s)|(?<=[.!?)\]]))({_TITLE_CASE_ALT})"
    rf"(?=[A-Z][a-z])")
_LEADING_HEADING = re.compile(rf"^\s*({_HEADING_ALT})(?:\s*[:：]\s*|\s+)(?=\S)", re.IGNORECASE)
# "Methods We linked …" or "Methods. We linked …": a title-case heading and a space (or a full stop, as
# run-in headings print); trusted only when a paragraph has two or more.
_TITLE_HEADING = re.compile(
    rf"(?:(?<=^)|(?<=[.!?)\]]\s))({_TITLE_CASE_ALT})"
    rf"\.?\s+(?=[A-Z0-9][\w.-]*[\s,;:])")


def is_abstract_heading(text: str) -> bool:
    """A line holding only a structured-abstract heading ("Methods", "Résultats :", "RESULTS")."""
    key = " ".join(text.strip().rstrip(":：").split()).lower()
    return key in ABSTRACT_HEADINGS


def leading_heading(text: str) -> str | None:
    """The structured-abstract heading a paragraph opens with ("Trial registration ISRCTN 4821."), if any."""
    match = _LEADING_HEADING.match(text)
    return match.group(1) if match else None


def is_concluding_heading(heading: str | None) -> bool:
    """Conclusions and their kin close a structured abstract; a heading after them starts the body."""
    return bool(heading and _CONCLUDING.match(heading.strip()))


def is_closing_heading(heading: str | None) -> bool:
    """A heading that still belongs to the abstract after its conclusions ("Impact", "Trial registration")."""
    return bool(heading and _CLOSING.match(" ".join(heading.strip().rstrip(":：").split())))


def heading_case(text: str) -> str:
    """"CONCLUSIONS" and "conclusions" both become "Conclusions"; German headings keep the capitals of their
    nouns ("ZIEL DER STUDIE" -> "Ziel der Studie")."""
    text = text.strip().rstrip(":：").strip()
    if " ".join(text.lower().split()) in _GERMAN_HEADINGS:
        return " ".join(word if word.lower() in {"der", "die", "das", "und"} else word[:1].upper() + word[1:]
                        for word in text.lower().split())
    return text[:1].upper() + text[1:].lower()


def split_abstract(text: str | None) -> tuple[AbstractSection, ...]:
    """Split an abstract into sections at its headings; paragraphs without headings stay apart.

    Returns () for empty text. Text before the first heading becomes a section whose heading is
    None, as does each unlabelled paragraph.
    """
    if not text or not text.strip():
        return ()
    paragraphs = [p for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]
    sections: list[AbstractSection] = []
    pending: str | None = None  # a heading that stood alone, waiting for the text below it
    for index, paragraph in enumerate(paragraphs):
        for heading, body in _heading_line_parts(paragraph):
            if heading is not None and not body and index + 1 < len(paragraphs):
                pending = heading
                continue
            found = _split_paragraph(body) if body else []
            heading = heading or pending
            pending = None
            if heading is not None and (not found or found[0].heading is None):
                lead = found.pop(0).text if found else ""
                found.insert(0, AbstractSection(heading_case(heading), lead))
            sections.extend(found)
    return tuple(_merge_empty(sections))


def _heading_line_parts(paragraph: str) -> list[tuple[str | None, str]]:
    """A paragraph cut at its lines that hold only a heading ("Methods" above its text, as pages and exports
    print structured abstracts): (that heading or None, the text up to the next one). A line's words are
    otherwise joined, as wrapped text is."""
    parts: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in paragraph.split("\n"):
        if is_abstract_heading(line) and not re.match(r"\s*key\s*words?\b", line, re.IGNORECASE):
            parts.append((line.strip().rstrip(":：").strip(), []))
        else:
            parts[-1][1].append(line)
    return [(heading, " ".join(" ".join(words).split())) for heading, words in parts
            if heading is not None or " ".join(words).strip()]


def _split_paragraph(text: str) -> list[AbstractSection]:
    marks = _heading_marks(text)
    if not marks:
        return [AbstractSection(None, text)]
    sections: list[AbstractSection] = []
    if marks[0][0] > 0:
        lead = clean_text(text[: marks[0][0]])
        if lead:
            sections.append(AbstractSection(None, lead))
    for index, (_start, body_start, heading) in enumerate(marks):
        end = marks[index + 1][0] if index + 1 < len(marks) else len(text)
        body = clean_text(text[body_start:end]) or ""
        sections.append(AbstractSection(heading_case(heading), body))
    return sections


def _heading_marks(text: str) -> list[tuple[int, int, str]]:
    """(start of heading, start of body, heading) for every heading in reading order."""
    marks: dict[int, tuple[int, int, str]] = {}
    phrases = [(m.start(1), m.end()) for m in _CAPS_PHRASE_WITH_COLON.finditer(text)
               if any(len(word) >= 5 for word in re.findall(r"[A-Z]+", m.group(1)))]  # not "HIV AIDS:"
    for start, end in phrases:
        marks[start] = (start, end, text[start:end].rstrip(": ：").rstrip())
    for match in _HEADING_WITH_COLON.finditer(text):
        if any(start <= match.start(1) < end for start, end in phrases):
            continue  # "ANALYSIS" inside "METHODS AND ANALYSIS:" is no heading of its own
        if _heading_is_sentence_start(text, match.start(1)):
            marks[match.start(1)] = (match.start(1), match.end(), match.group(1))
    for match in _CAPS_HEADING.finditer(text):
        if match.start(1) not in marks and not any(start <= match.start(1) < end for start, end in phrases):
            marks[match.start(1)] = (match.start(1), match.end(), match.group(1))
    for match in _RUN_IN_HEADING.finditer(text):
        if match.start(1) not in marks:
            marks[match.start(1)] = (match.start(1), match.end(), match.group(1))
    title_case = [m for m in _TITLE_HEADING.finditer(text) if m.start(1) not in marks]
    if len(title_case) + len(marks) >= 2 and len(title_case) >= 1 and _starts_with_heading(text, marks, title_case):
        for match in title_case:
            marks[match.start(1)] = (match.start(1), match.end(), match.group(1))
    return [marks[key] for key in sorted(marks)]


def _starts_with_heading(text: str, marks: dict[int, tuple[int, int, str]], title_case: list[re.Match[str]]) -> bool:
    """Headings without colons are believed only in a paragraph that opens with a heading (a structured
    abstract), so a sentence that merely starts with "Results" is left alone."""
    first = min([*marks, *(m.start(1) for m in title_case)])
    return not text[:first].strip()


def _heading_is_sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?:)]" or text[start:start + 2].isupper()


def _merge_empty(sections: list[AbstractSection]) -> list[AbstractSection]:
    """Drop empty bodies (a heading followed directly by another heading keeps the second)."""
    return [section for section in sections if section.text]


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef]")


def cjk_share(text: str) -> float:
    """The share of letters in ``text`` that are Chinese, Japanese or Korean."""
    if not _CJK.search(text):
        return 0.0  # most text has none: no need to count its letters
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if _CJK.match(ch)) / len(letters)


def cjk_language(text: str) -> str:
    """A BCP 47 tag for CJK text: kana means Japanese, hangul Korean, otherwise Chinese."""
    if re.search(r"[\u3040-\u30ff]", text):
        return "ja"
    if re.search(r"[\uac00-\ud7af]", text):
        return "ko"
    return "zh"
