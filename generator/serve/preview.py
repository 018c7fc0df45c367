"""``evidence-brief serve``: build into a temporary folder, serve it, rebuild and reload on changes.

One Preview owns the builder, the HTTP server, the watcher and the build loop; nothing is global.
The preview is never written to output/ (``build`` owns that), so the reload script can never
leak into a deployed site.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ..errors import Diagnostic
from ..pipeline import pagefind_command
from .builder import Builder, BuildOutcome
from .server import PreviewServer, SiteState
from .watcher import ChangeFlag, InputWatcher, run_loop

Log = Callable[[str], None]
#: The preview's temporary folder: ``evidence-brief-preview-<pid>-<random>`` in the system's temp folder.
PREVIEW_PREFIX = "evidence-brief-preview-"
_PREVIEW_NAME = re.compile(rf"{PREVIEW_PREFIX}(\d+)-[a-z0-9_]{{8}}")
#: How long the downloads wait after a rebuild, so open pages reload first (a reload takes ~100 ms).
EXTRAS_AFTER_SECONDS = 0.3


class Preview:
    """A running live preview of ``project`` on ``host:port`` (port 0 picks a free one)."""

    def __init__(self, project: Path, *, host: str = "127.0.0.1", port: int = 8000, search_index: bool = True,
                 log: Log | None = None) -> None:
        self.project = project
        self.host, self.port = host, port
        self.search_index = search_index
        self.log: Log = log or (lambda message: print(message, file=sys.stderr))
        remove_stale_preview_folders()
        self.folder = Path(tempfile.mkdtemp(prefix=f"{PREVIEW_PREFIX}{os.getpid()}-"))
        self.site_dir = self.folder / "site"
        self.site_dir.mkdir()
        self.builder = Builder(project, self.site_dir)
        self.state = SiteState()
        self._stop = threading.Event()
        self._search_wanted = threading.Event()
        self._threads: list[threading.Thread] = []
        self._httpd: PreviewServer | None = None
        self._search_process: subprocess.Popen[str] | None = None
        self.flag = ChangeFlag(project)
        self.watcher = InputWatcher(project, self.flag)

    @property
    def url(self) -> str:
        host = self.host if ":" not in self.host else f"[{self.host}]"
        return f"http://{host}:{self.port}{self.mount()}"

    def mount(self) -> str:
        return self.builder.config.base_path if self.builder.config is not None else "/"

    def start(self) -> BuildOutcome:
        """First build, then bind (OSError when the port is busy), then watch; returns the first build."""
        self.state.start_build()
        outcome = self._build_once()
        self._httpd = PreviewServer((self.host, self.port), self.site_dir, self.mount, self.state)
        self.port = int(self._httpd.server_address[1])
        self.watcher.start()
        self._spawn("preview-http", self._httpd.serve_forever)
        self._spawn("preview-build", lambda: run_loop(self.flag, self._stop, self.rebuild))
        if self.search_index:
            self._search_wanted.set()
            self._spawn("preview-search", self._search_loop)
        return outcome

    def rebuild(self, paths: set[str] | None = None) -> None:
        """One rebuild for the inputs the watcher named (None: rescan all); skipped when none really changed."""
        if paths is None:
            self.watcher.refresh()
        if not self.builder.pending_changes(paths):
            # Nothing to rebuild (e.g. the event was ingest's own record write), but the downloads of the
            # last build may have been put off by that very event: write them now.
            if self.builder.extras_due:
                self._write_extras(settle=EXTRAS_AFTER_SECONDS)
            return
        self.state.start_build()
        outcome = self._build_once(paths, settle=EXTRAS_AFTER_SECONDS)
        if outcome.changed_site:
            self._search_wanted.set()
        self.log(self._summary(outcome))

    def _build_once(self, paths: set[str] | None = None, *, settle: float = 0.0) -> BuildOutcome:
        outcome = self.builder.rebuild(paths)
        self.state.finish_build(self.builder.browser_errors(), changed=outcome.changed_site)
        # Downloads and feed come after the open pages have reloaded: rendering them for thousands of
        # studies holds the interpreter long enough to delay the reload itself. A save meanwhile
        # skips them; the next build writes them from the newer site.
        self._write_extras(settle=settle)
        return outcome

    def _write_extras(self, *, settle: float) -> None:
        """Downloads, feed and sitemap, unless another save arrives within ``settle`` seconds (the
        build for it writes them; ``Builder.extras_due`` keeps them from being forgotten)."""
        if self.flag.event.wait(timeout=settle):
            return
        try:
            self.builder.write_extras()
        except Exception as exc:  # never stop the preview for these
            self.log(f"serve: downloads not updated ({type(exc).__name__}: {exc})")

    def _summary(self, outcome: BuildOutcome) -> str:
        shown = [d.format() for d in outcome.diagnostics if d.is_error]
        head = (f"serve: rebuilt {len(outcome.rendered)} page(s) in {outcome.seconds * 1000:.0f} ms"
                if not outcome.crashed else "serve: the build failed; the browser shows why")
        return "\n".join([head, *shown])

    def _search_loop(self) -> None:
        while not self._stop.is_set():
            if not self._search_wanted.wait(timeout=0.2):
                continue
            time.sleep(0.3)  # let a burst of rebuilds settle first
            self._search_wanted.clear()
            self._index_search()

    def _index_search(self) -> None:
        """Pagefind into a side folder, then swapped in while requests wait."""
        staging = self.folder / "pagefind-next"
        shutil.rmtree(staging, ignore_errors=True)
        command = pagefind_command(self.site_dir, staging)
        try:
            with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as done:
                self._search_process = done  # stop() ends it, so it never writes into a removed folder
                try:
                    done.communicate(timeout=300)
                except subprocess.TimeoutExpired:
                    done.kill()
                    raise
        except (OSError, subprocess.TimeoutExpired) as exc:
            self.log(f"serve: search index not built ({exc})")
            return
        finally:
            self._search_process = None
        if self._stop.is_set():
            return
        if done.returncode != 0 or not staging.is_dir():
            self.log("serve: search index not built (pagefind failed)")
            return
        target, old = self.site_dir / "pagefind", self.folder / "pagefind-old"
        self.state.start_build()
        try:
            shutil.rmtree(old, ignore_errors=True)
            if target.exists():
                target.rename(old)
            staging.rename(target)
        finally:
            self.state.finish_build(self.state.errors, changed=False)
        shutil.rmtree(old, ignore_errors=True)

    def _spawn(self, name: str, target: Callable[[], None]) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)

    def stop(self) -> None:
        """Stop watching, serving and building; remove the preview folder."""
        self._stop.set()
        if self.watcher.observer.is_alive():
            self.watcher.stop()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        search = self._search_process
        if search is not None and search.poll() is None:
            search.kill()
        for thread in self._threads:
            thread.join(timeout=5)
        shutil.rmtree(self.folder, ignore_errors=True)


def remove_stale_preview_folders(temp_root: Path | None = None) -> list[Path]:
    """Remove the temporary folders of previews whose process is gone (killed outright, so its own
    clean-up never ran). Only names this module makes, and only when their pid no longer exists."""
    root = Path(temp_root or tempfile.gettempdir())
    stale: list[Path] = []
    try:
        entries = list(root.iterdir())
    except OSError:
        return stale
    for path in entries:
        found = _PREVIEW_NAME.fullmatch(path.name)
        if found and int(found.group(1)) != os.getpid() and not _pid_alive(int(found.group(1))) \
                and path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
            stale.append(path)
    return stale


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve_project(project: Path, *, host: str, port: int, open_browser: bool, quiet: bool) -> list[Diagnostic]:
    """Run the preview until stopped: Ctrl-C (or SIGTERM/SIGHUP, which the CLI turns into the same
    KeyboardInterrupt) propagates to the caller, which prints the one line and sets the exit code,
    after the preview's temporary folder has been removed here.

    The first build's problems are printed as they are found; later ones go to the terminal and the
    browser. A busy port raises SystemExit(1) after a one-line message suggesting --port.
    """
    # watchdog logs a harmless race (an event arriving while Ctrl-C stops it) as an error; the
    # preview reports what matters itself, so the library's log stays out of the user's terminal.
    logging.getLogger("watchdog").addHandler(logging.NullHandler())
    if not is_loopback(host):
        print(f"serve: warning: listening on {host} makes the preview reachable from other machines; it is "
              "meant for your own computer. Use --host 127.0.0.1 unless you need this.", file=sys.stderr)
    preview: Preview | None = None
    try:
        preview = Preview(project, host=host, port=port, log=(lambda m: None) if quiet else None)
        try:
            outcome = preview.start()
        except OSError as exc:
            print(f"serve: error: cannot listen on {host}:{port} ({exc.strerror or exc}). Another program (or "
                  f"another preview) uses it: pass a free port, e.g. --port {port + 1}.", file=sys.stderr)
            raise SystemExit(1) from None
        for diagnostic in outcome.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        print(f"serve: {len(outcome.rendered)} pages at {preview.url} (Ctrl-C to stop)", file=sys.stderr)
        if open_browser:
            import webbrowser

            webbrowser.open(preview.url)
        while True:
            time.sleep(3600)
    finally:
        if preview is not None:
            preview.stop()
