"""site.yaml: the brief's own settings, typed and validated with messages that name the key.

Every setting has a docstring-like ``help`` so the schema documents itself, and unknown keys get
a "did you mean" warning rather than being ignored.
"""

from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import langcodes

from .design import DESIGN_KEYS, design_setting
from .errors import Diagnostic, error, warning
from .model.hashing import hashed_once
from .model.vocabulary import DEFAULT_VOCABULARY, Vocabulary, load_vocabulary
from .model.yamlio import Loaded, YamlError, parse_yaml

CONFIG_FILE = "site.yaml"

#: PRISMA-style reasons for excluding a report, used when site.yaml lists none (id -> label).
DEFAULT_EXCLUSION_REASONS: tuple[tuple[str, str], ...] = (
    ("wrong-population", "Wrong population"), ("wrong-intervention", "Wrong intervention or exposure"),
    ("wrong-comparator", "Wrong comparator"), ("wrong-outcomes", "Wrong outcomes"),
    ("wrong-design", "Wrong study design"), ("wrong-setting", "Wrong setting"),
    ("wrong-publication-type", "Wrong publication type"), ("date-range", "Outside the date range"),
    ("language", "Language not covered"), ("duplicate", "Duplicate report"), ("other", "Other reason"))


@dataclass(frozen=True)
class PrismaSettings:
    """Counts of the PRISMA 2020 flow that the files cannot know (see generator/site/prisma.py).

    ``identified``: records found per database, register or other-methods source before export;
    ``registers`` and ``other_methods`` name the sources that are registers or other methods
    (websites, organisations, citation searching); ``counts``: the single numbers (PRISMA_COUNTS);
    ``full_text_excluded``: reports excluded at full text that are not in content/, per reason.
    """

    identified: tuple[tuple[str, int], ...] = ()
    registers: tuple[str, ...] = ()
    other_methods: tuple[str, ...] = ()
    counts: tuple[tuple[str, int], ...] = ()
    full_text_excluded: tuple[tuple[str, int], ...] = ()

    def count(self, key: str) -> int | None:
        return dict(self.counts).get(key)


#: The single counts ``prisma:`` may give. The first four are inputs; the rest are totals the build
#: derives and checks against the value given (a mismatch is an error at its line).
PRISMA_COUNTS = ("duplicates_removed", "automation_removed", "other_removed", "not_retrieved",
                 "other_not_retrieved", "screened", "screening_excluded", "sought", "assessed",
                 "studies_included", "reports_included")
_PRISMA_MAPPINGS = ("identified", "full_text_excluded")
_PRISMA_LISTS = ("registers", "other_methods")


@hashed_once
@dataclass(frozen=True)
class SiteConfig:
    """The settings a brief's site is built with."""

    title: str = "Evidence brief"
    #: One sentence saying what question the brief answers.
    scope: str = ""
    description: str = ""
    organisation: str = ""
    authors: tuple[str, ...] = ()
    #: Where the site will be published, e.g. https://example.org/briefs/moud/ (canonical URLs).
    base_url: str = "http://localhost:8000/"
    #: ``base_url: null`` in site.yaml: a site for local use only, without canonical links, sitemap and feed.
    local_only: bool = False
    language: str = "en"
    licence: str = ""
    licence_url: str = ""
    #: Date the brief was last updated (ISO); defaults to the build date from SOURCE_DATE_EPOCH.
    updated: str = ""
    contact: str = ""
    #: Studies shown on the home page before "all studies".
    home_studies: int = 10
    #: Studies per page on /studies/, and rows or sentences per page of a theme's full lists.
    page_size: int = 50
    #: Evidence sentences shown per group on a theme page before "All N sentences" (a page of its own).
    theme_quotes: int = 10
    keywords: tuple[str, ...] = field(default_factory=tuple)
    #: Seed file path or glob -> the database or register it came from (seeds/pubmed-*.nbib: PubMed).
    sources: tuple[tuple[str, str], ...] = ()
    #: Counts of the PRISMA 2020 flow diagram the files cannot know (identified before export, ...).
    prisma: PrismaSettings = PrismaSettings()
    #: The brief's controlled list of exclusion reasons (id: label); a PRISMA-style list when absent.
    exclusion_reasons: tuple[tuple[str, str], ...] = DEFAULT_EXCLUSION_REASONS
    #: The brief's settings and labels, from vocabulary.yaml beside site.yaml (not a site.yaml key).
    vocabulary: Vocabulary = DEFAULT_VOCABULARY
    #: Design without templates (generator/design.py): an SVG/PNG in the brief shown in the header, the
    #: accent colour of links ((scheme, #rrggbb) pairs), extra menu links (label, url), a footer line.
    logo: str = ""
    accent_colour: tuple[tuple[str, str], ...] = ()
    nav: tuple[tuple[str, str], ...] = ()
    footer: str = ""

    @property
    def base_path(self) -> str:
        """The path part of base_url, always ending in "/" ("/briefs/moud/")."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    def absolute(self, path: str) -> str:
        """The public URL of a site path such as "studies/x/"."""
        base = self.base_url if self.base_url.endswith("/") else self.base_url + "/"
        return base + path.lstrip("/")


_FIELDS = set(SiteConfig.__dataclass_fields__) - {"local_only", "vocabulary"}
_TEXT = {"title", "scope", "description", "organisation", "base_url", "language", "licence", "licence_url",
         "updated", "contact"}
_LISTS = {"authors", "keywords"}
_DATES = {"updated"}
_INTS = {"home_studies", "page_size", "theme_quotes"}
_MAPPINGS = {"sources", "exclusion_reasons"}


def load_config(project: Path) -> tuple[SiteConfig, list[Diagnostic]]:
    """Settings from site.yaml (defaults when the file is absent) and the problems found in it."""
    path = project / CONFIG_FILE
    if not path.exists():
        return SiteConfig(local_only=True), [warning(
            CONFIG_FILE, "no site.yaml; using default settings for a site used only locally",
            "Create site.yaml with at least title, organisation and base_url")]
    try:
        loaded = parse_yaml(path.read_text(encoding="utf-8"))
    except (YamlError, UnicodeDecodeError, ValueError) as exc:
        line = exc.line if isinstance(exc, YamlError) else None
        message = (exc.message if isinstance(exc, YamlError) else "not UTF-8 text"
                   if isinstance(exc, UnicodeDecodeError) else f"a value that looks like a date is not a date ({exc})")
        return SiteConfig(), [error(CONFIG_FILE, f"invalid YAML: {message}", "Fix the syntax", line=line)]
    data = loaded.data if isinstance(loaded.data, dict) else {}
    values: dict[str, object] = {}
    problems: list[Diagnostic] = []
    for key, value in data.items():
        line = loaded.line_of((key,))
        if key not in _FIELDS:
            close = difflib.get_close_matches(str(key), sorted(_FIELDS), n=1)
            problems.append(warning(CONFIG_FILE, f"unknown setting '{key}'",
                                    f"Did you mean '{close[0]}'?" if close else "Remove it", line=line))
        elif key in _DATES and isinstance(value, datetime.date | str):
            values[key], found = _iso_date(key, value, line)
            problems.extend(found)
        elif key in _TEXT and isinstance(value, str | int | float) and not isinstance(value, bool):
            values[key] = str(value)
        elif key in _LISTS and isinstance(value, list) and all(isinstance(v, str) for v in value):
            values[key] = tuple(value)
        elif key in _LISTS and isinstance(value, str):
            values[key] = (value,)
        elif key in _INTS and isinstance(value, int) and not isinstance(value, bool) and value > 0:
            values[key] = value
        elif key in _MAPPINGS and _is_text_mapping(value) and value:
            values[key] = tuple((str(k), str(v)) for k, v in value.items())
        elif key in DESIGN_KEYS and value is not None:
            values[key], found = design_setting(key, value, loaded, project)
            problems.extend(found)
        elif key == "prisma" and isinstance(value, dict):
            values[key], found = _prisma_settings(value, loaded)
            problems.extend(found)
        elif value is not None:
            kind = ("text" if key in _TEXT else "a list of text" if key in _LISTS else "a positive whole number"
                    if key in _INTS else "a mapping of counts" if key == "prisma" else "a mapping of text to text")
            problems.append(error(CONFIG_FILE, f"'{key}' must be {kind}, got {value!r}",
                                  "Correct the value", line=line))
    problems.extend(_base_url_problems(data, loaded, values))
    problems.extend(_language_problems(values, loaded))
    values["vocabulary"], vocabulary_problems = load_vocabulary(project)
    problems.extend(vocabulary_problems)
    config = SiteConfig(**values)  # type: ignore[arg-type]
    return config, problems


def _base_url_problems(data: dict[object, object], loaded: Loaded, values: dict[str, object]) -> list[Diagnostic]:
    """``base_url`` is required: without it the sitemap, canonical links and feed would point at
    localhost. ``base_url: null`` says on purpose that the site is for local use only."""
    if "base_url" not in data:
        return [error(CONFIG_FILE, "'base_url' is missing: the sitemap, canonical links and feed need the address "
                                   "the site will be published at",
                      "Add 'base_url: https://...' to site.yaml, or 'base_url: null' for a site used only locally",
                      line=1)]
    line = loaded.line_of(("base_url",))
    if data["base_url"] is None:
        values["local_only"] = True
        return [warning(CONFIG_FILE, "'base_url' is null, so the site is built for local use only: canonical links, "
                                     "sitemap and feed are left out",
                        "Set 'base_url' to the published address before publishing the site", line=line)]
    url = str(values.get("base_url", ""))
    parts = urlsplit(url)
    if "base_url" in values and (parts.scheme not in ("http", "https") or not parts.netloc):
        values.pop("base_url")
        return [error(CONFIG_FILE, f"'base_url' must be a full http:// or https:// address, got {url!r}",
                      "Write the address the site will be published at", line=line)]
    return []


def _language_problems(values: dict[str, object], loaded: Loaded) -> list[Diagnostic]:
    """``language`` becomes ``<html lang>``: it must be a BCP 47 tag (en, en-GB, pt-BR), not a name."""
    tag = values.get("language")
    if tag is None or (isinstance(tag, str) and "_" not in tag and langcodes.tag_is_valid(tag)):
        return []
    values.pop("language")
    return [error(CONFIG_FILE, f"'language' must be a BCP 47 language tag, got {tag!r}",
                  "Write a tag such as en, en-GB, fr or pt-BR", line=loaded.line_of(("language",)))]


def _iso_date(key: str, value: datetime.date | str, line: int | None) -> tuple[str, list[Diagnostic]]:
    """A date setting as YYYY-MM-DD (YAML reads an unquoted date as a date; a quoted one is text)."""
    if isinstance(value, datetime.date):
        return value.isoformat()[:10], []
    try:
        return datetime.date.fromisoformat(value.strip()).isoformat(), []
    except ValueError:
        return "", [error(CONFIG_FILE, f"'{key}' must be a date written YYYY-MM-DD, got {value!r}",
                          "Write the full date, e.g. 2024-05-31", line=line)]


def _is_text_mapping(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str | int) and isinstance(v, str | int | float)
                                           and not isinstance(v, bool) for k, v in value.items())


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _prisma_settings(data: dict[object, object], loaded: Loaded) -> tuple[PrismaSettings, list[Diagnostic]]:
    """``prisma:`` read key by key: counts must be whole numbers >= 0; unknown keys get "did you mean"."""
    known = (*PRISMA_COUNTS, *_PRISMA_MAPPINGS, *_PRISMA_LISTS)
    counts: list[tuple[str, int]] = []
    mappings: dict[str, tuple[tuple[str, int], ...]] = {}
    lists: dict[str, tuple[str, ...]] = {}
    problems: list[Diagnostic] = []
    for key, value in data.items():
        name, line = str(key), loaded.line_of(("prisma", str(key)))
        if name in PRISMA_COUNTS and isinstance(value, int) and _is_count(value):
            counts.append((name, value))
        elif name in _PRISMA_MAPPINGS and isinstance(value, dict) and all(_is_count(v) for v in value.values()):
            mappings[name] = tuple((str(k), int(v)) for k, v in value.items())
        elif name in _PRISMA_LISTS and isinstance(value, list) and all(isinstance(v, str) for v in value):
            lists[name] = tuple(value)
        elif name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            problems.append(error(CONFIG_FILE, f"unknown PRISMA count 'prisma.{name}'",
                                  f"Did you mean '{close[0]}'?" if close else f"Use one of {', '.join(known)}",
                                  line=line))
        elif value is not None:
            kind = ("a list of source names" if name in _PRISMA_LISTS else "a mapping of names to whole numbers"
                    if name in _PRISMA_MAPPINGS else "a whole number (0 or more)")
            problems.append(error(CONFIG_FILE, f"'prisma.{name}' must be {kind}, got {value!r}", "Correct the value",
                                  line=line))
    settings = PrismaSettings(identified=mappings.get("identified", ()), registers=lists.get("registers", ()),
                              other_methods=lists.get("other_methods", ()), counts=tuple(counts),
                              full_text_excluded=mappings.get("full_text_excluded", ()))
    return settings, problems
