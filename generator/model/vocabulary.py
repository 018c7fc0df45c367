"""Controlled vocabularies: the general ones shipped with the schema, and each brief's own.

Designs and evidence roles are the same for every brief (their ids are what the code reasons
about), though a brief may relabel them. Settings belong to a brief's topic: a brief on school
nutrition sorts its studies by primary and secondary schools, not by primary care. A brief states
its own in ``vocabulary.yaml`` at the project root (see ``load_vocabulary``); without that file
the health-services settings below are used, so existing briefs are unchanged.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import Diagnostic, error
from .hashing import hashed_once
from .yamlio import Loaded, YamlError, parse_yaml

VOCABULARY_FILE = "vocabulary.yaml"

#: Setting slug -> label shown to readers (the default vocabulary's settings).
SETTINGS: dict[str, str] = {
    "primary-care": "Primary care",
    "community-mental-health": "Community mental health",
    "specialty-addiction-treatment": "Specialty addiction treatment",
    "peer-recovery": "Peer recovery / community",
    "emergency-department": "Emergency department",
    "hospital": "Hospital",
    "pharmacy": "Pharmacy",
    "telehealth": "Telehealth",
    "criminal-legal": "Criminal legal system",
    "other": "Other",
}

DESIGNS: dict[str, str] = {
    "qualitative": "Qualitative",
    "quantitative": "Quantitative",
    "mixed-methods": "Mixed methods",
    "trial": "Trial",
    "review": "Review",
    "other": "Other (programme description, commentary)",
}

STATUSES: tuple[str, ...] = ("included", "excluded")

#: The CASP qualitative studies checklist, question key -> the question in our words.
CASP_QUESTIONS: dict[str, str] = {
    "aims": "Is there a clear statement of the aims of the research?",
    "methodology": "Is a qualitative methodology appropriate?",
    "design": "Was the research design appropriate to address the aims?",
    "recruitment": "Was the recruitment strategy appropriate to the aims?",
    "data_collection": "Were the data collected in a way that addressed the research issue?",
    "reflexivity": "Has the relationship between researcher and participants been adequately considered?",
    "ethics": "Have ethical issues been taken into consideration?",
    "analysis": "Was the data analysis sufficiently rigorous?",
    "findings": "Is there a clear statement of findings?",
    "value": "How valuable is the research?",
}
CASP_ANSWERS: tuple[str, ...] = ("yes", "no", "can't tell")

#: What the evidence a theme gathers describes (ids used by synthesis), with their default labels.
ROLES: dict[str, str] = {
    "barrier": "Barriers",
    "facilitator": "Facilitators",
    "strategy": "Strategies",
    "outcome": "Outcomes",
}

#: The setting id that means "somewhere the vocabulary has no word for"; the evidence map folds it
#: into its "Other / not stated" column.
OTHER_SETTING = "other"
OTHER_LABEL = "Other"
SETTING_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

#: The wording that signals each default setting (regular expressions, case-insensitive). Kept here,
#: beside the labels, so the default vocabulary is one piece of data that ``default_vocabulary_yaml``
#: can write out for a new brief.
DEFAULT_SETTING_PATTERNS: dict[str, tuple[str, ...]] = {
    "primary-care": (r"\bprimary[- ]care\b|\bfamily (medicine|practice|physicians?)\b|\bgeneral practi\w+|"
                     r"\bfederally qualified health cent\w+|\bFQHCs?\b|\bcommunity health cent\w+",),
    "community-mental-health": (r"\bcommunity mental health\b|\bCMHCs?\b|\bmental health (centers?|centres?|"
                                r"clinics?|agenc\w+)",),
    "specialty-addiction-treatment": (r"\b(opioid treatment programs?|OTPs?|methadone (clinics?|programs?)|"
                                      r"addiction (treatment|specialty|clinics?|services)|substance use "
                                      r"(disorder )?treatment (programs?|centers?|facilities|services)|"
                                      r"specialty (substance use|addiction))\b",),
    "peer-recovery": (r"\bpeer[- ](recovery|support|led|run)\b|\brecovery (groups?|community|communities|"
                      r"coaches|housing)\b|\bmutual[- ]aid\b|\b12-step\b",),
    "emergency-department": (r"\bemergency (departments?|rooms?|medicine)\b|\bEDs?\b",),
    "hospital": (r"\b(hospitals?|inpatients?|hospitali[sz]ed)\b",),
    "pharmacy": (r"\bpharmac(y|ies|ists?)\b",),
    "telehealth": (r"\btele(health|medicine|psychiatry)\b|\bvirtual care\b",),
    "criminal-legal": (r"\b(jails?|prisons?|correctional|incarcerat\w+|criminal (legal|justice)|drug courts?|"
                       r"probation|parole)\b",),
}


@dataclass(frozen=True)
class Setting:
    """One place a study can take place, and the wording in an abstract that says so."""

    id: str
    label: str
    #: Phrases matched as whole words, case-insensitive, hyphen or space alike, plural allowed.
    words: tuple[str, ...] = ()
    #: Regular expressions (case-insensitive) for wording that words cannot express.
    patterns: tuple[str, ...] = ()

    @property
    def signals(self) -> tuple[str, ...]:
        """Every way of recognising the setting, as regular expressions."""
        return (*(_word_pattern(word) for word in self.words), *self.patterns)

    def found_in(self, text: str) -> bool:
        return any(_compiled(pattern).search(text) for pattern in self.signals)


@hashed_once  # a key of the site model's memoised page builders
@dataclass(frozen=True)
class Vocabulary:
    """A brief's settings (in display order) and its labels for the general designs and roles."""

    settings: tuple[Setting, ...]
    designs: tuple[tuple[str, str], ...] = tuple(DESIGNS.items())
    roles: tuple[tuple[str, str], ...] = tuple(ROLES.items())

    @property
    def setting_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.settings)

    def setting_label(self, setting_id: str) -> str:
        """The reader's label; an id the vocabulary lacks is shown as written rather than hidden."""
        fallback = OTHER_LABEL if setting_id == OTHER_SETTING else setting_id
        return next((s.label for s in self.settings if s.id == setting_id), fallback)

    def design_label(self, design: str) -> str:
        return dict(self.designs).get(design, design)

    def role_label(self, role: str) -> str:
        return dict(self.roles).get(role, role)

    def setting_order(self, setting_id: str) -> int:
        """Position for sorting: the vocabulary's order, unknown ids after it."""
        ids = self.setting_ids
        return ids.index(setting_id) if setting_id in ids else len(ids)


DEFAULT_VOCABULARY = Vocabulary(settings=tuple(
    Setting(slug, label, patterns=DEFAULT_SETTING_PATTERNS.get(slug, ())) for slug, label in SETTINGS.items()))


def _word_pattern(word: str) -> str:
    """A phrase as a regular expression: whole words, any run of spaces or hyphens between them,
    an optional plural ending, so "primary school" also finds "primary-schools"."""
    parts = [re.escape(part) for part in re.split(r"[\s-]+", word.strip()) if part]
    if not re.search(r"\w", word):
        return r"(?!)"  # nothing to find: never matches (the loader refuses such a phrase)
    return r"(?<![\w-])" + r"[\s-]+".join(parts) + r"(?:s|es)?(?![\w-])"


@lru_cache(maxsize=1024)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# --- vocabulary.yaml ------------------------------------------------------------------------------

_SECTIONS = ("settings", "designs", "roles")
_SETTING_KEYS = ("id", "label", "words", "patterns")


def load_vocabulary(project: Path) -> tuple[Vocabulary, list[Diagnostic]]:
    """The brief's vocabulary from ``vocabulary.yaml`` (the default when the file is absent).

    Every problem in the file is an error at its line. With errors the default vocabulary is
    returned, but callers must not derive or publish settings from it: the errors stop the run.
    """
    path = project / VOCABULARY_FILE
    try:
        stamp = path.stat()
    except OSError:
        return DEFAULT_VOCABULARY, []
    vocabulary, problems = _read_vocabulary(path, stamp.st_mtime_ns, stamp.st_size)
    return vocabulary, list(problems)


def brief_vocabulary(project: Path) -> Vocabulary | None:
    """The brief's vocabulary, or None when its file has errors (they are reported by whoever
    loads the brief's settings; a caller checking records then skips what depends on it)."""
    vocabulary, problems = load_vocabulary(project)
    return None if problems else vocabulary


@lru_cache(maxsize=16)
def _read_vocabulary(path: Path, mtime_ns: int, size: int) -> tuple[Vocabulary, tuple[Diagnostic, ...]]:
    """Parsed once per version of the file (keyed on its stamp): every record validation asks."""
    try:
        loaded = parse_yaml(path.read_text(encoding="utf-8"))
    except (YamlError, UnicodeDecodeError, OSError) as exc:
        line = exc.line if isinstance(exc, YamlError) else None
        message = exc.message if isinstance(exc, YamlError) else "not readable UTF-8 text"
        return DEFAULT_VOCABULARY, (error(VOCABULARY_FILE, f"invalid YAML: {message}",
                                          "Fix the syntax (see the comments in a new brief's vocabulary.yaml)",
                                          line=line),)
    vocabulary, problems = parse_vocabulary(loaded)
    return (DEFAULT_VOCABULARY if problems else vocabulary), tuple(problems)


def parse_vocabulary(loaded: Loaded) -> tuple[Vocabulary, list[Diagnostic]]:
    """A vocabulary from parsed YAML, and an error at its line for each problem."""
    data = loaded.data
    if data is None:
        return DEFAULT_VOCABULARY, []
    if not isinstance(data, dict):
        return DEFAULT_VOCABULARY, [_problem(loaded, (), "must be a mapping with settings, designs and roles",
                                             "Start the file with 'settings:'")]
    problems: list[Diagnostic] = []
    for key in data:
        if key not in _SECTIONS:
            problems.append(_unknown(loaded, (key,), str(key), _SECTIONS, "section"))
    settings = DEFAULT_VOCABULARY.settings
    if data.get("settings") is not None:
        settings = _settings(loaded, data["settings"], problems)
    designs = _relabelled(loaded, "designs", data.get("designs"), DESIGNS, problems)
    roles = _relabelled(loaded, "roles", data.get("roles"), ROLES, problems)
    return Vocabulary(settings, designs, roles), problems


def _settings(loaded: Loaded, value: Any, problems: list[Diagnostic]) -> tuple[Setting, ...]:
    if not isinstance(value, list):
        problems.append(_problem(loaded, ("settings",), "'settings' must be a list of settings",
                                 "Write one '- id: ...' entry per setting, each with a label and words"))
        return ()
    settings: list[Setting] = []
    for index, item in enumerate(value):
        setting = _setting(loaded, index, item, problems)
        if setting is None:
            continue
        if setting.id in {s.id for s in settings}:
            problems.append(_problem(loaded, ("settings", index, "id"), f"setting id '{setting.id}' is listed twice",
                                     "Give each setting its own id"))
            continue
        settings.append(setting)
    if OTHER_SETTING not in {s.id for s in settings}:  # every brief may say "somewhere else"
        settings.append(Setting(OTHER_SETTING, OTHER_LABEL))
    return tuple(settings)


def _setting(loaded: Loaded, index: int, item: Any, problems: list[Diagnostic]) -> Setting | None:
    where = ("settings", index)
    if not isinstance(item, dict):
        problems.append(_problem(loaded, where, f"setting {index + 1} must be a mapping with id, label and words",
                                 "Write '- id: primary-school' then 'label:' and 'words:' below it"))
        return None
    count = len(problems)
    for key in item:
        if key not in _SETTING_KEYS:
            problems.append(_unknown(loaded, (*where, key), str(key), _SETTING_KEYS, "key"))
    setting_id, label = item.get("id"), item.get("label")
    if not isinstance(setting_id, str) or not SETTING_ID.match(setting_id):
        problems.append(_problem(loaded, (*where, "id"), f"setting {index + 1} needs an 'id' of lower-case letters, "
                                 f"digits and hyphens, got {setting_id!r}", "Write e.g. 'id: primary-school'"))
    if not isinstance(label, str) or not label.strip():
        problems.append(_problem(loaded, (*where, "label"), f"setting {index + 1} needs a 'label', got {label!r}",
                                 "Write the name readers see, e.g. 'label: Primary school'"))
    words = _texts(loaded, (*where, "words"), item.get("words"), problems)
    patterns = _texts(loaded, (*where, "patterns"), item.get("patterns"), problems)
    for position, word in enumerate(words):
        if not re.search(r"\w", word):  # it would match between any two words
            problems.append(_problem(loaded, (*where, "words", position), f"'{word}' has no letter or digit",
                                     "Write the phrase an abstract would use, e.g. 'primary school'"))
    for position, pattern in enumerate(patterns):
        try:
            re.compile(pattern)
        except re.error as exc:
            problems.append(_problem(loaded, (*where, "patterns", position), f"invalid regular expression "
                                     f"{pattern!r}: {exc.msg}", "Correct it, or list plain phrases under 'words'"))
    if len(problems) > count:
        return None
    return Setting(str(setting_id), str(label).strip(), words, patterns)


def _texts(loaded: Loaded, where: tuple[str | int, ...], value: Any, problems: list[Diagnostic]) -> tuple[str, ...]:
    """A list of non-empty text (a single text counts as a list of one); absent is empty."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(_problem(loaded, where, f"'{where[-1]}' must be a list of text, got {value!r}",
                                 "Write one '- phrase' line per item"))
        return ()
    return tuple(v.strip() for v in value)


def _relabelled(loaded: Loaded, section: str, value: Any, defaults: Mapping[str, str],
                problems: list[Diagnostic]) -> tuple[tuple[str, str], ...]:
    """The general ids with the brief's labels: ids cannot be added, only relabelled."""
    labels = dict(defaults)
    if value is None:
        return tuple(labels.items())
    if not isinstance(value, dict):
        problems.append(_problem(loaded, (section,), f"'{section}' must map ids to labels",
                                 f"Write e.g. '{next(iter(defaults))}: {next(iter(defaults.values()))}'"))
        return tuple(labels.items())
    for key, label in value.items():
        if key not in defaults:
            problems.append(_unknown(loaded, (section, key), str(key), tuple(defaults), section[:-1] + " id"))
        elif not isinstance(label, str) or not label.strip():
            problems.append(_problem(loaded, (section, key), f"'{section}.{key}' must be a label (text), "
                                     f"got {label!r}", "Write the name readers see"))
        else:
            labels[key] = label.strip()
    return tuple(labels.items())


def _unknown(loaded: Loaded, where: tuple[str | int, ...], name: str, known: Iterable[str], kind: str) -> Diagnostic:
    choices = sorted(known)
    close = difflib.get_close_matches(name, choices, n=1)
    fix = f"Did you mean '{close[0]}'?" if close else f"Use one of {', '.join(choices)}"
    return _problem(loaded, where, f"unknown {kind} '{name}'", fix)


def _problem(loaded: Loaded, where: tuple[str | int, ...], message: str, fix: str) -> Diagnostic:
    return error(VOCABULARY_FILE, message, fix, line=loaded.line_of(where))


# --- the default file for a new brief -------------------------------------------------------------

_HEADER = """\
# The words this brief sorts its studies by.
#
# settings: where studies took place. Each has an id (lower-case, hyphens; used in URLs and in
#   the records' 'settings' lists, so keep it once published), a label readers see, and the wording
#   in a title, aim, methods section or keyword that signals it:
#     words:    phrases matched as whole words, any case, hyphen or space alike, plural allowed
#     patterns: regular expressions (case-insensitive) for anything words cannot say
#   Ingest tags a study with every setting whose wording it finds; the home page's evidence map has
#   one column per setting, and an "Other / not stated" column for studies matching none. The id
#   'other' (a place none of your settings covers) is always available to curators.
#   Delete this section to use the health-services settings below.
# designs, roles: the study designs and the kinds of evidence are the same for every brief; you
#   may only relabel them (e.g. 'outcome: Effects on children').
"""


def default_vocabulary_yaml() -> str:
    """The default vocabulary as a commented vocabulary.yaml, for ``evidence-brief new``."""
    lines = [_HEADER, "settings:"]
    for setting in DEFAULT_VOCABULARY.settings:
        lines += [f"  - id: {setting.id}", f"    label: {_quoted(setting.label)}"]
        if setting.words:
            lines += ["    words:", *(f"      - {_quoted(word)}" for word in setting.words)]
        if setting.patterns:
            lines += ["    patterns:", *(f"      - {_quoted(pattern)}" for pattern in setting.patterns)]
    lines += ["", "designs:", *(f"  {key}: {_quoted(label)}" for key, label in DESIGNS.items())]
    lines += ["", "roles:", *(f"  {key}: {_quoted(label)}" for key, label in ROLES.items())]
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    """Text as a single-quoted YAML scalar (backslashes kept literally, quotes doubled)."""
    return "'" + text.replace("'", "''") + "'"
