"""Build progress: a bar on terminals, periodic lines in logs, silence for quick stages and --quiet."""

from __future__ import annotations

import io

from generator.progress import Progress


class FakeClock:
    """Seconds that pass only when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def wait(self, seconds: float) -> None:
        self.now += seconds


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run_stage(progress: Progress, clock: FakeClock, name: str, items: int, seconds_each: float,
              total: int | None = -1) -> None:
    with progress.stage(name, items if total == -1 else total) as stage:
        for _ in range(items):
            clock.wait(seconds_each)
            stage.advance()


def lines_mode(clock: FakeClock) -> tuple[Progress, io.StringIO]:
    stream = io.StringIO()
    return Progress.for_stream(stream, terminal=False, clock=clock), stream


def test_plain_lines_at_most_every_five_seconds_and_one_at_the_end() -> None:
    clock = FakeClock()
    progress, stream = lines_mode(clock)
    run_stage(progress, clock, "render pages", 120, 0.25)  # 30 s in all
    lines = stream.getvalue().splitlines()
    assert lines[0] == "build: render pages 20/120"
    assert lines[-1] == "build: render pages 120/120 done in 30.0 s"
    assert len(lines) == 7  # at 5, 10, ... 30 s, then the end


def test_a_quick_stage_prints_nothing() -> None:
    clock = FakeClock()
    progress, stream = lines_mode(clock)
    run_stage(progress, clock, "citations", 50, 0.01)  # half a second
    assert stream.getvalue() == ""


def test_a_slow_stage_without_counts_says_how_long_it_took() -> None:
    clock = FakeClock()
    progress, stream = lines_mode(clock)
    with progress.stage("search index"):
        clock.wait(8)
    assert stream.getvalue() == "build: search index done in 8.0 s\n"


def test_unknown_total_shows_the_count_alone() -> None:
    clock = FakeClock()
    progress, stream = lines_mode(clock)
    run_stage(progress, clock, "ingest", 12, 0.5, total=None)
    assert stream.getvalue().splitlines()[0] == "build: ingest 10"


def test_a_total_learnt_later_is_shown() -> None:
    clock = FakeClock()
    progress, stream = lines_mode(clock)
    with progress.stage("load records") as stage:
        stage.set_total(40)
        for _ in range(40):
            clock.wait(0.2)
            stage.advance()
    assert stream.getvalue().splitlines()[-1] == "build: load records 40/40 done in 8.0 s"


def test_quiet_prints_nothing_even_for_slow_stages() -> None:
    clock = FakeClock()
    stream = FakeTerminal()
    progress = Progress.for_stream(stream, quiet=True, clock=clock)
    run_stage(progress, clock, "render pages", 100, 1.0)
    assert stream.getvalue() == ""
    assert not progress.enabled


def test_a_terminal_gets_a_bar_with_stage_name_and_counts() -> None:
    clock = FakeClock()
    stream = FakeTerminal()
    progress = Progress.for_stream(stream, clock=clock)  # a terminal, as isatty says
    run_stage(progress, clock, "render pages", 40, 0.1)  # 4 s
    shown = stream.getvalue()
    assert "render pages" in shown
    assert "40/40" in shown
    assert "build: " not in shown  # the bar, not the log lines


def test_a_terminal_shows_nothing_for_a_quick_stage() -> None:
    clock = FakeClock()
    stream = FakeTerminal()
    progress = Progress.for_stream(stream, clock=clock)
    run_stage(progress, clock, "write", 500, 0.001)
    assert stream.getvalue() == ""


def test_the_bar_is_redrawn_as_counts_move() -> None:
    clock = FakeClock()
    stream = FakeTerminal()
    progress = Progress.for_stream(stream, clock=clock)
    run_stage(progress, clock, "render pages", 30, 0.1)
    shown = stream.getvalue()
    assert shown.index("11/30") < shown.index("20/30") < shown.index("30/30")


def test_a_stage_that_raises_still_ends_its_display() -> None:
    clock = FakeClock()
    progress, stream = lines_mode(clock)
    try:
        with progress.stage("render pages", 10) as stage:
            clock.wait(2)
            stage.advance()
            raise RuntimeError("template error")
    except RuntimeError:
        pass
    assert stream.getvalue() == "build: render pages 1/10 done in 2.0 s\n"


def test_reporters_share_no_state() -> None:
    clock = FakeClock()
    first, first_stream = lines_mode(clock)
    second, second_stream = lines_mode(clock)
    run_stage(first, clock, "ingest", 10, 1.0)
    run_stage(second, clock, "render pages", 4, 1.0)
    run_stage(first, clock, "search index", 2, 1.0)
    assert "ingest" in first_stream.getvalue() and "search index" in first_stream.getvalue()
    assert "render pages" not in first_stream.getvalue()
    assert second_stream.getvalue() == "build: render pages 4/4 done in 4.0 s\n"


def test_advance_is_cheap_when_disabled() -> None:
    """A quiet reporter hands out one shared stage with no state: advancing it stores nothing and reads
    no clock (how cheap that is, the build benchmark measures, not a timed test)."""
    def no_clock() -> float:
        raise AssertionError("a quiet reporter read the clock")

    stream = io.StringIO()
    for progress in (Progress.disabled(), Progress.for_stream(stream, quiet=True, clock=no_clock)):
        with progress.stage("render pages", 10**6) as stage, progress.stage("ingest") as other:
            for _ in range(1000):
                stage.advance()
        assert stage is other and not hasattr(stage, "__dict__")
    assert stream.getvalue() == ""
