"""The PRISMA 2020 flow (new reviews) counted from the brief's own files, and checked.

Why here: teams draw the flow diagram by hand and its numbers drift from the data. Every count the
files can know is counted from the records: identification per source file (a record's ``source``
and ``other_sources``, grouped by the database named in site.yaml's ``sources:``), duplicates
removed (the ``other_sources`` entries ingest merged), exclusions by stage and reason. Counts the
files cannot know (hits never exported, reports not retrieved...) come from site.yaml's ``prisma:``.

The flow, per column (databases and registers; other methods such as websites or citation searching):

    screened  = identified - duplicates removed - automation removed - other removed   (databases only)
    sought    = screened - records excluded at screening - records awaiting a decision
    assessed  = sought - reports not retrieved
    included  = assessed - reports excluded with reasons

Records in content/ are reports. A record's stage comes from ``excluded_at`` (``screening`` or
``full-text``; full-text when only a reason is given). Records that are neither published nor
excluded (needing review, or whose sources are gone) are "awaiting a decision". Reports excluded
at full text outside the files are given per reason in ``prisma.full_text_excluded``; the rest of
the records never exported were excluded at screening. Any count that would go negative, and any
total that ``prisma:`` states but the flow does not give, is an error at its line in site.yaml.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import lru_cache
from pathlib import Path

from ..config import CONFIG_FILE, SiteConfig
from ..errors import Diagnostic, error
from ..model.study import Study
from ..model.yamlio import Loaded, YamlError, parse_yaml

SCREENING = "screening"
FULL_TEXT = "full-text"
STAGE_LABELS = {SCREENING: "Title and abstract screening", FULL_TEXT: "Full-text assessment"}
#: Source name for a record written by hand (no source file).
NO_SOURCE = "Added by hand"


@dataclass(frozen=True)
class Reason:
    """An exclusion reason resolved against the brief's controlled list (id None: not on the list)."""

    id: str | None
    label: str
    detail: str | None


@dataclass(frozen=True)
class Identified:
    name: str
    kind: str  # "database", "register" or "other"
    records: int


@dataclass(frozen=True)
class Column:
    """One column of the diagram; ``screened`` is None in the other-methods column, which has no screening."""

    identified: tuple[Identified, ...]
    duplicates_removed: int
    automation_removed: int
    other_removed: int
    screened: int | None
    screening_excluded: int
    awaiting: int
    sought: int
    not_retrieved: int
    assessed: int
    excluded: tuple[tuple[str, int], ...]  # (reason label, reports) in the controlled list's order
    included: int

    @property
    def excluded_total(self) -> int:
        return sum(n for _, n in self.excluded)

    @property
    def identified_total(self) -> int:
        return sum(i.records for i in self.identified)

    def identified_of(self, kind: str) -> tuple[Identified, ...]:
        return tuple(i for i in self.identified if i.kind == kind)


@dataclass(frozen=True)
class Flow:
    databases: Column
    other: Column | None
    studies_included: int
    reports_included: int
    #: (prisma key, message) for every count that does not add up.
    problems: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ExcludedRecord:
    """One line of the screening log."""

    id: str
    title: str
    year: int | None
    stage: str
    reason: Reason


def resolve_reason(text: str, reasons: Sequence[tuple[str, str]]) -> Reason:
    """``text`` as "<id or label>[: free text]", matched case-insensitively against the controlled list."""
    by_key = {key.casefold(): (rid, label) for rid, label in reasons for key in (rid, label)}
    whole = text.strip()
    if whole.casefold() in by_key:
        rid, label = by_key[whole.casefold()]
        return Reason(rid, label, None)
    head, colon, tail = whole.partition(":")
    if colon and head.strip().casefold() in by_key:
        rid, label = by_key[head.strip().casefold()]
        return Reason(rid, label, " ".join(tail.split()) or None)
    return Reason(None, whole, None)


def suggestion(text: str, reasons: Sequence[tuple[str, str]]) -> str | None:
    """The listed id or label closest to the controlled part of ``text``."""
    head = text.partition(":")[0].strip()
    keys = [key for pair in reasons for key in pair]
    folded = {key.casefold(): key for key in keys}
    close = difflib.get_close_matches(head.casefold(), list(folded), n=1, cutoff=0.5)
    return folded[close[0]] if close else None


def stage_of(study: Study) -> str:
    """Where an excluded record left the flow: its ``excluded_at``, else full-text assessment."""
    return study.excluded_at if study.excluded_at in (SCREENING, FULL_TEXT) else FULL_TEXT


def excluded_records(studies: Iterable[Study], reasons: Sequence[tuple[str, str]]) -> list[ExcludedRecord]:
    """Every excluded record, screening stage first, then by reason's place in the list and title."""
    order = {rid: n for n, (rid, _) in enumerate(reasons)}
    rows = [ExcludedRecord(s.id, s.title, s.year, stage_of(s), resolve_reason(s.exclusion_reason or "", reasons))
            for s in studies if s.status == "excluded"]
    return sorted(rows, key=lambda r: (r.stage != SCREENING, order.get(r.reason.id or "", len(order)),
                                       r.title.casefold(), r.id))


def source_name(file: str, config: SiteConfig) -> str:
    """The database or register a seed file came from (site.yaml ``sources:``), else the file's own name."""
    base = file.rpartition("/")[2]  # a seed's path is always "seeds/…" in posix form (PurePosixPath was 10x slower)
    for pattern, name in config.sources:
        if file == pattern or fnmatchcase(file, pattern) or fnmatchcase(base, pattern):
            return name
    return base if file else NO_SOURCE


def _kind(name: str, config: SiteConfig) -> str:
    folded = name.casefold()
    if folded in {n.casefold() for n in config.prisma.other_methods}:
        return "other"
    return "register" if folded in {n.casefold() for n in config.prisma.registers} else "database"


def _entries(study: Study, config: SiteConfig) -> list[str]:
    """The source names of a record's entries, the primary (first) one first."""
    return [source_name(s.file, config) for s in study.sources] or [NO_SOURCE]


def count_flow(config: SiteConfig, studies: Sequence[Study]) -> Flow:
    """The PRISMA 2020 counts of the brief (pure: the same records and settings, the same flow).

    Memoised on its (immutable) arguments: the about page, the printable brief and the checks all ask
    for it, and the live preview asks again on every save."""
    return _count_flow(config, tuple(studies))


@lru_cache(maxsize=4)
def _count_flow(config: SiteConfig, studies: tuple[Study, ...]) -> Flow:
    problems: list[tuple[str, str]] = []
    main = _column(config, studies, other=False, problems=problems)
    has_other = bool(config.prisma.other_methods) and any(
        _kind(name, config) == "other" for s in studies for name in _entries(s, config))
    other = _column(config, studies, other=True, problems=problems) if has_other else None
    included = main.included + (other.included if other else 0)
    studies_included, reports_included = included, included
    for key, value in (("studies_included", studies_included), ("reports_included", reports_included)):
        stated = config.prisma.count(key)
        if stated is not None and stated != value:
            problems.append((key, f"'prisma.{key}' says {stated} but the records give {value} "
                                  "(published studies in content/studies/)"))
    return Flow(main, other, studies_included, reports_included, tuple(problems))


def _column(config: SiteConfig, studies: Sequence[Study], *, other: bool,
            problems: list[tuple[str, str]]) -> Column:
    """One column's counts; appends (key, message) to ``problems`` for every count that does not add up."""
    settings = config.prisma
    in_column = [s for s in studies if (_kind(_entries(s, config)[0], config) == "other") == other]
    entries = Counter(name for s in studies for name in _entries(s, config)
                      if (_kind(name, config) == "other") == other)
    stated_identified = dict(settings.identified)
    identified = []
    for name in sorted(entries, key=str.casefold):
        given = next((n for key, n in stated_identified.items() if key.casefold() == name.casefold()), None)
        if given is not None and given < entries[name]:
            problems.append(("identified", f"'prisma.identified' gives {given} records for {name}, but the files "
                                           f"hold {entries[name]}"))
        identified.append(Identified(name, _kind(name, config), max(given or 0, entries[name])))
    for key, n in stated_identified.items():  # sources found but never exported (no file)
        if (_kind(key, config) == "other") == other and key.casefold() not in {k.casefold() for k in entries}:
            identified.append(Identified(key, _kind(key, config), n))
    merged = sum(entries.values()) - len(in_column)
    count = settings.count
    duplicates = merged
    automation = other_removed = 0
    if not other:
        duplicates = _at_least(count("duplicates_removed"), merged, "duplicates_removed",
                               "duplicates merged at ingest", problems)
        automation, other_removed = count("automation_removed") or 0, count("other_removed") or 0
    screened = sum(i.records for i in identified) - duplicates - automation - other_removed
    excluded_files = [s for s in in_column if s.status == "excluded"]
    at_screening = sum(stage_of(s) == SCREENING for s in excluded_files) if not other else 0
    reports_excluded = _reasons(config, [s for s in excluded_files if other or stage_of(s) == FULL_TEXT], other)
    included = sum(s.published for s in in_column)
    awaiting = len(in_column) - included - len(excluded_files)
    not_retrieved = count("other_not_retrieved" if other else "not_retrieved") or 0
    assessed = included + sum(n for _, n in reports_excluded)
    sought = assessed + not_retrieved
    screening_excluded = screened - sought - awaiting
    if screening_excluded < at_screening or (other and screening_excluded):
        where = "other methods" if other else "databases and registers"
        key = ("other_not_retrieved" if other else "not_retrieved") if not_retrieved else (
            "full_text_excluded" if settings.full_text_excluded and not other else "identified")
        problems.append((key, f"the counts of {where} do not add up: {screened} records after removals, but "
                              f"{sought} reports sought, {awaiting} awaiting a decision and {at_screening} "
                              "excluded at screening"))
    if other:
        screening_excluded = 0
    else:
        _check_stated(settings.count, screened, screening_excluded, sought, assessed, problems)
    return Column(tuple(identified), duplicates, automation, other_removed, None if other else screened,
                  max(screening_excluded, at_screening), awaiting, sought, not_retrieved, assessed,
                  reports_excluded, included)


def _at_least(stated: int | None, known: int, key: str, what: str, problems: list[tuple[str, str]]) -> int:
    """A count site.yaml gives, which must cover what the files already show."""
    if stated is None:
        return known
    if stated < known:
        problems.append((key, f"'prisma.{key}' says {stated}, fewer than the {known} {what}"))
    return max(stated, known)


def _check_stated(count: Callable[[str], int | None], screened: int, screening_excluded: int, sought: int,
                  assessed: int, problems: list[tuple[str, str]]) -> None:
    """Totals the brief states in site.yaml (database column) must be what the flow gives."""
    for key, value in (("screened", screened), ("screening_excluded", screening_excluded), ("sought", sought),
                       ("assessed", assessed)):
        stated = count(key)
        if stated is not None and stated != value:
            problems.append((key, f"'prisma.{key}' says {stated} but the flow gives {value}"))


def _reasons(config: SiteConfig, excluded: Sequence[Study], other: bool) -> tuple[tuple[str, int], ...]:
    """Reports excluded per reason: the records' reasons plus (databases column) ``prisma.full_text_excluded``."""
    counts: Counter[str] = Counter(resolve_reason(s.exclusion_reason or "", config.exclusion_reasons).label
                                   for s in excluded)
    if not other:
        for key, n in config.prisma.full_text_excluded:
            counts[resolve_reason(key, config.exclusion_reasons).label] += n
    order = [label for _, label in config.exclusion_reasons]
    return tuple(sorted(((label, n) for label, n in counts.items() if n),
                        key=lambda item: (order.index(item[0]) if item[0] in order else len(order), item[0])))


def flow_rows(flow: Flow) -> list[tuple[str, str, int | None, int | None]]:
    """(phase, box, databases and registers, other methods) for the table beside the diagram."""
    main, other = flow.databases, flow.other
    rows: list[tuple[str, str, int | None, int | None]] = [
        ("Identification", f"Records identified from {i.name}", i.records, None) for i in main.identified]
    rows += [("Identification", f"Records identified from {i.name}", None, i.records) for i in other.identified] \
        if other else []
    rows += [
        ("Identification", "Duplicate records removed", main.duplicates_removed,
         other.duplicates_removed if other else None),
        ("Identification", "Records marked as ineligible by automation tools", main.automation_removed, None),
        ("Identification", "Records removed for other reasons", main.other_removed, None),
        ("Screening", "Records screened", main.screened, None),
        ("Screening", "Records excluded", main.screening_excluded, None),
    ]
    if main.awaiting or (other and other.awaiting):
        rows.append(("Screening", "Records awaiting a decision", main.awaiting, other.awaiting if other else None))
    rows += [
        ("Screening", "Reports sought for retrieval", main.sought, other.sought if other else None),
        ("Screening", "Reports not retrieved", main.not_retrieved, other.not_retrieved if other else None),
        ("Screening", "Reports assessed for eligibility", main.assessed, other.assessed if other else None),
        ("Screening", "Reports excluded", main.excluded_total, other.excluded_total if other else None),
    ]
    labels = [label for label, _ in main.excluded] + [
        label for label, _ in (other.excluded if other else ()) if label not in dict(main.excluded)]
    rows += [("Screening", f"Reports excluded: {label}", dict(main.excluded).get(label, 0),
              dict(other.excluded).get(label, 0) if other else None) for label in labels]
    rows += [("Included", "Studies included in review", flow.studies_included, None),
             ("Included", "Reports of included studies", flow.reports_included, None)]
    return rows


def prisma_problems(project: Path, config: SiteConfig, studies: Sequence[Study]) -> list[Diagnostic]:
    """Errors for unknown exclusion reasons (record file and line) and counts that do not add up
    (site.yaml line). ``build`` and ``check`` report them."""
    problems = [_unknown_reason(project, s, config) for s in studies if s.status == "excluded"
                and resolve_reason(s.exclusion_reason or "", config.exclusion_reasons).id is None]
    for key, _ in config.prisma.full_text_excluded:
        if resolve_reason(key, config.exclusion_reasons).id is None:
            close = suggestion(key, config.exclusion_reasons)
            problems.append(error(CONFIG_FILE, f"unknown exclusion reason '{key}' in 'prisma.full_text_excluded'",
                                  f"Did you mean '{close}'?" if close else "Use an id from 'exclusion_reasons'",
                                  line=_config_line(project, ("prisma", "full_text_excluded", key))))
    flow = count_flow(config, studies)
    for key, message in flow.problems:
        problems.append(error(CONFIG_FILE, message, "Correct the count so that each box is what flows into it "
                              "minus what leaves it", line=_config_line(project, ("prisma", key))))
    # Records awaiting a decision (needing review, or orphans) are shown in the diagram; each is already
    # reported once, under its own record, by build.unpublished_warnings.
    return problems


def _unknown_reason(project: Path, study: Study, config: SiteConfig) -> Diagnostic:
    rel = f"content/studies/{study.id}.yaml"
    text = study.exclusion_reason or ""
    close = suggestion(text, config.exclusion_reasons)
    listed = ", ".join(rid for rid, _ in config.exclusion_reasons)
    fix = (f"Did you mean '{close}'? " if close else "") + (
        f"Write one of {listed} (or its label), optionally followed by ': free text', or add the reason to "
        "'exclusion_reasons' in site.yaml")
    return error(rel, f"unknown exclusion reason '{text.partition(':')[0].strip()}'", fix,
                 line=_line(project / rel, ("exclusion_reason",)))


def _config_line(project: Path, path: tuple[str, ...]) -> int | None:
    return _line(project / CONFIG_FILE, path)


def _line(file: Path, path: tuple[str, ...]) -> int | None:
    """The line of ``path`` in a YAML file (None when the file cannot be read)."""
    try:
        loaded: Loaded = parse_yaml(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YamlError):
        return None
    return loaded.line_of(path)
