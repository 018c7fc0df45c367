"""Progress of a long build: a bar on a terminal, plain periodic lines in CI logs, nothing when quiet.

A build of thousands of studies runs for tens of seconds; without a sign of life it looks hung. Stages
that finish within ``show_after`` seconds (most of them, on a small brief) show nothing, so a quick build
prints exactly what it printed before. On a terminal the bar is drawn with ``rich``, refreshed by the
stage's own ``advance`` calls at most ``redraw_every`` seconds apart (no refresh thread, so a fake clock
drives it in tests); elsewhere one line is written at most every ``line_every`` seconds, e.g.
``build: render pages 4000/10000``, and one when the stage ends.

``advance`` is on the hot path of every stage (once per study or page), so it only adds, reads the clock
and compares; a disabled reporter hands out a stage whose ``advance`` does nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol, TextIO

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress

Clock = Callable[[], float]


class Stage(Protocol):
    """What a build step holds while it works: ``advance`` after each item done."""

    def advance(self, n: int = 1) -> None: ...

    def set_total(self, total: int | None) -> None: ...


class _SilentStage:
    """The stage of a disabled reporter: every call does nothing."""

    __slots__ = ()

    def advance(self, n: int = 1) -> None:
        pass

    def set_total(self, total: int | None) -> None:
        pass


_SILENT = _SilentStage()  # immutable and stateless: safe to share


class _Shown:
    """Common bookkeeping of a visible stage: counts, and when to look at the clock next."""

    def __init__(self, name: str, total: int | None, clock: Clock, first_due: float) -> None:
        self.name, self.total, self.done, self.clock = name, total, 0, clock
        self.started = clock()
        self.due = self.started + first_due

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = self.clock()
        if now >= self.due:
            self.tick(now)

    def set_total(self, total: int | None) -> None:
        self.total = total

    def counts(self) -> str:
        return f"{self.done}/{self.total}" if self.total is not None else str(self.done)

    def tick(self, now: float) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        raise NotImplementedError


class _LineStage(_Shown):
    """CI logs: a line every ``every`` seconds while the stage runs, and one at its end if it was slow."""

    def __init__(self, name: str, total: int | None, clock: Clock, stream: TextIO, label: str,
                 show_after: float, every: float) -> None:
        super().__init__(name, total, clock, every)
        self.stream, self.label, self.show_after, self.every = stream, label, show_after, every

    def tick(self, now: float) -> None:
        self._say(f"{self.counts()}")
        self.due = now + self.every

    def finish(self) -> None:
        elapsed = self.clock() - self.started
        if elapsed >= self.show_after:
            self._say(f"{self.counts()} done in {elapsed:.1f} s" if self.done else f"done in {elapsed:.1f} s")

    def _say(self, text: str) -> None:
        self.stream.write(f"{self.label}: {self.name} {text}\n")
        self.stream.flush()


class _BarStage(_Shown):
    """A terminal: a rich bar, drawn once the stage has run ``show_after`` seconds, redrawn every
    ``redraw_every`` seconds; left on screen at 100% when the stage ends (transient for quick stages:
    they never draw)."""

    def __init__(self, name: str, total: int | None, clock: Clock, stream: TextIO, show_after: float,
                 redraw_every: float) -> None:
        super().__init__(name, total, clock, show_after)
        self.stream, self.show_after, self.redraw_every = stream, show_after, redraw_every
        self.bar: RichProgress | None = None
        self.task: Any = None

    def tick(self, now: float) -> None:
        if self.bar is None:
            self._open()
        self._draw()
        self.due = now + self.redraw_every

    def finish(self) -> None:
        if self.bar is None and self.clock() - self.started >= self.show_after:
            self._open()  # a slow stage that never advanced (an external tool): say it ran, and how long
        if self.bar is not None:
            self._draw()
            self.bar.stop()

    def _open(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        console = Console(file=self.stream, force_terminal=True)
        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), console=console, auto_refresh=False, get_time=self.clock)
        self.task = self.bar.add_task(self.name, total=self.total, completed=self.done)
        self.bar.tasks[0].start_time = self.started  # elapsed counts from the stage's start, not the first draw
        self.bar.start()

    def _draw(self) -> None:
        assert self.bar is not None
        self.bar.update(self.task, completed=self.done, total=self.total)
        self.bar.refresh()


class Progress:
    """Reports build stages to one stream. Make it with ``for_stream``; one per build, no shared state."""

    def __init__(self, make_stage: Callable[[str, int | None], _Shown] | None) -> None:
        self._make_stage = make_stage

    @classmethod
    def for_stream(cls, stream: TextIO, *, quiet: bool = False, terminal: bool | None = None,
                   clock: Clock = time.monotonic, label: str = "build", show_after: float = 1.0,
                   line_every: float = 5.0, redraw_every: float = 0.1) -> Progress:
        """The reporter for ``stream``: a bar when it is a terminal (``terminal`` overrides the guess),
        periodic lines otherwise, nothing when ``quiet``."""
        if quiet:
            return cls(None)
        if terminal is None:
            terminal = _is_terminal(stream)
        if terminal:
            return cls(lambda name, total: _BarStage(name, total, clock, stream, show_after, redraw_every))
        return cls(lambda name, total: _LineStage(name, total, clock, stream, label, show_after, line_every))

    @classmethod
    def disabled(cls) -> Progress:
        return cls(None)

    @property
    def enabled(self) -> bool:
        return self._make_stage is not None

    @contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[Stage]:
        """A step of the build with ``total`` items (None: unknown); the block calls ``advance`` per item."""
        if self._make_stage is None:
            yield _SILENT
            return
        shown = self._make_stage(name, total)
        try:
            yield shown
        finally:
            shown.finish()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream: no bar
        return False
