"""Screen transitions and memory over many scripted kiosk sessions (issue 6): prints figures, asserts nothing.

One demo terminal (simulated devices, embedded hub on 127.0.0.1, data in a temp
folder, offscreen Qt at 1920x1080) is walked through whole visits by taps with
`kiosk.walkthrough.Walker`, every theme in rotation and every demo citizen with
a valid ID card in rotation.

Transition time, per journey step change (every session is timed):
  show   — the window's `_show_step` slot: the old page's `leave()`, the new
           page's `enter()` (which builds its widgets) and the top bar update.
           The slot is re-connected through a timing wrapper; nothing else changes.
  paint  — the first backing-store sync of the window after the change in which
           the new page received a Paint event (layout, style and raster paint of
           the whole window), timed by handling that one UpdateRequest inside an
           event filter.
  work   — show + paint: the kiosk's own cost of putting the new page on screen.
  shown  — wall clock from the step change until that paint ended; adds the wait
           in the event queue, which includes the walker's own pacing sleeps (5 ms).
  tap    — for step changes that happen inside a tap's mouse click: wall clock
           from just before the click until the paint ended (the click handler's
           journey work, e.g. merging the forms, plus show and paint). Steps entered
           from a device (card, licence) or a background result (the receipt) have
           no tap; their device latency is simulated and not measured here.

Memory, after the warm-up sessions and then at checkpoints up to the last
session: VmRSS from /proc/self/status after gc.collect() and sending posted
DeferredDelete events (and again after glibc malloc_trim(0), which returns freed
heap so fragmentation is not mistaken for a leak, and once more after the
on-screen keyboard's QML engine collected its JavaScript garbage), live QWidgets
(QApplication.allWidgets()), QObjects under the window, and Python objects
tracked by the gc. The widget and Python-object classes that grew most between
the warm-up point and the end are listed: a leak shows as growth roughly
proportional to the session count.

First it prints how the reference counts of None and True drift over 200 Python
slot calls: PySide6 6.12.0 drops one per call and a long run then aborts with
"Fatal Python error: bool_dealloc" (seen after 300-350 sessions here); the
memory table repeats the counts so the drain is visible.

    .venv/bin/python bench/bench_sessions.py [--sessions 1000] [--warmup 10]
        [--checkpoint 100] [--max-minutes 40] [--wait-timeout 20]

--max-minutes bounds the run: sessions stop when the budget is spent and the
figures say how many ran. A failed walk is counted, the journey cancelled, and
the run goes on (at most --max-failures in a row).
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import PySide6  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QPushButton, QWidget  # noqa: E402

from flows.journey import Step  # noqa: E402
from kiosk.app import make_application  # noqa: E402
from kiosk.runtime import Runtime, build_runtime  # noqa: E402
from kiosk.settings import load_settings  # noqa: E402
from kiosk.walkthrough import Walker, WalkError  # noqa: E402
from kiosk.window import KioskWindow  # noqa: E402

CITIZENS = ROOT / "assets" / "samples" / "citizens.json"
WINDOW_SIZE = (1920, 1080)
TOP_CLASSES = 8


# -- transitions ----------------------------------------------------------------
@dataclass
class Transition:
    """One step change and what it cost to put the new page on screen (ms)."""

    theme: str
    from_step: str
    to_step: str
    show_ms: float
    paint_ms: float = 0.0
    shown_ms: float = 0.0
    tap_ms: float | None = None


@dataclass
class _Pending:
    transition: Transition
    changed_at: float
    shown_at: float
    tap_at: float | None
    page: QWidget
    page_painted: bool = False


class TransitionClock(QObject):
    """Times each step change of one window: the show slot, then its first paint."""

    def __init__(self, window: KioskWindow) -> None:
        super().__init__()
        self.window = window
        self.theme = ""
        self.done: list[Transition] = []
        self.superseded = 0
        self.tap_at: float | None = None  # set by TimedWalker while a click is in flight
        self._pending: _Pending | None = None
        self._previous = window.journey.step.value
        window.stepChanged.disconnect(window._show_step)
        window.stepChanged.connect(self._timed_show_step)
        window.installEventFilter(self)
        for page in window.screens.values():
            page.installEventFilter(self)

    def _timed_show_step(self, value: str) -> None:
        changed_at = time.perf_counter()
        self.window._show_step(value)
        shown_at = time.perf_counter()
        if self._pending is not None:
            self.superseded += 1  # a second change came before the first was painted
        transition = Transition(self.theme, self._previous, value, (shown_at - changed_at) * 1000)
        self._pending = _Pending(transition, changed_at, shown_at, self.tap_at,
                                 self.window.stack.currentWidget())
        self._previous = value

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        pending = self._pending
        if pending is None:
            return False
        kind = event.type()
        if kind == QEvent.Type.Paint and watched is pending.page:
            pending.page_painted = True
        elif kind == QEvent.Type.UpdateRequest and watched is self.window:
            return self._timed_sync(pending, event)
        return False

    def _timed_sync(self, pending: _Pending, event: QEvent) -> bool:
        """Run the window's backing-store sync here, so its end can be timed."""
        started = time.perf_counter()
        QMainWindow.event(self.window, event)
        ended = time.perf_counter()
        if pending.page_painted and self._pending is pending:
            transition = pending.transition
            transition.paint_ms = (ended - started) * 1000
            transition.shown_ms = (ended - pending.changed_at) * 1000
            if pending.tap_at is not None:
                transition.tap_ms = (ended - pending.tap_at) * 1000
            self.done.append(transition)
            self._pending = None
        return True

    def detach(self) -> None:
        self.window.removeEventFilter(self)
        for page in self.window.screens.values():
            page.removeEventFilter(self)
        self.window.stepChanged.disconnect(self._timed_show_step)
        self.window.stepChanged.connect(self.window._show_step)


class TimedWalker(Walker):
    """The walkthrough's Walker, telling the clock when a tap's mouse click is in flight."""

    def __init__(self, window: KioskWindow, clock: TransitionClock, timeout_s: float) -> None:
        super().__init__(window, timeout_s=timeout_s)
        self.clock = clock
        self._in_tap = False

    def tap(self, target: str | QWidget) -> None:
        self._in_tap = True
        try:
            super().tap(target)
        finally:
            self._in_tap = False
            self.clock.tap_at = None

    def scroll_into_view(self, widget: QWidget) -> None:
        super().scroll_into_view(widget)
        if self._in_tap:
            self.clock.tap_at = time.perf_counter()  # the click follows at once

    def pump(self, seconds: float = 0.05) -> None:
        self.clock.tap_at = None  # the click is over: later changes are not caused by it
        super().pump(seconds)


# -- memory ---------------------------------------------------------------------
@dataclass
class MemoryPoint:
    sessions: int
    rss_kib: int
    trimmed_rss_kib: int
    qml_collected_rss_kib: int | None
    widgets: int
    window_qobjects: int
    python_objects: int
    true_refs: int  # sys.getrefcount(True): PySide6 6.12.0 drops one per some slot calls; 0 aborts Python
    none_refs: int
    widget_classes: Counter[str] = field(default_factory=Counter)
    python_classes: Counter[str] = field(default_factory=Counter)


def vm_rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS line in /proc/self/status")


def malloc_trim() -> None:
    with contextlib.suppress(OSError, AttributeError):  # not glibc: trimmed equals plain
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def settle() -> None:
    """Delete what is scheduled for deletion and collect Python garbage, twice (cycles free Qt objects)."""
    for _ in range(2):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
        gc.collect()


def collect_qml_garbage(window: KioskWindow) -> bool:
    """Run the on-screen keyboard's JavaScript garbage collector; False when there is no QML engine.

    Keyboard layouts the QML Loader swaps out stay allocated until the JS engine
    collects them, which it does rarely: RSS before and after tells QML garbage
    from a leak.
    """
    keyboard = getattr(window, "keyboard", None)
    engine = keyboard.engine() if keyboard is not None and hasattr(keyboard, "engine") else None
    if engine is None:
        return False
    engine.collectGarbage()
    settle()
    return True


def memory_point(sessions: int, window: KioskWindow) -> MemoryPoint:
    settle()
    rss = vm_rss_kib()
    malloc_trim()
    trimmed = vm_rss_kib()
    qml_collected = None
    if collect_qml_garbage(window):
        malloc_trim()
        qml_collected = vm_rss_kib()
    widgets = QApplication.allWidgets()
    python_objects = [o for o in gc.get_objects() if not isinstance(o, Transition)]  # not the bench's own
    return MemoryPoint(
        sessions=sessions,
        rss_kib=rss,
        trimmed_rss_kib=trimmed,
        qml_collected_rss_kib=qml_collected,
        widgets=len(widgets),
        window_qobjects=len(window.findChildren(QObject)),
        python_objects=len(python_objects),
        true_refs=sys.getrefcount(True),
        none_refs=sys.getrefcount(None),
        widget_classes=Counter(w.metaObject().className() for w in widgets),
        python_classes=Counter(type(o).__qualname__ for o in python_objects),
    )


# -- a binding defect seen here ----------------------------------------------------
class _Ping(QObject):
    ping = Signal()


def _do_nothing() -> None:
    return None


def slot_refcount_drift(calls: int = 200) -> dict[str, int]:
    """Change of sys.getrefcount(None / True) over `calls` Python slot calls of each kind.

    PySide6 6.12.0 drops one reference per call (clicked(bool) -> a function: None;
    a custom Signal() -> a function: True); 6.11.3 drops none. When a count reaches
    zero Python aborts ("deallocating True or False"), which is how a long run dies.
    """
    button = QPushButton()
    button.clicked.connect(_do_nothing)
    sender = _Ping()
    sender.ping.connect(_do_nothing)
    before_none, before_true = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(calls):
        button.click()
        sender.ping.emit()
    drift = {"None": sys.getrefcount(None) - before_none, "True": sys.getrefcount(True) - before_true}
    button.deleteLater()
    sender.deleteLater()
    return drift


# -- the run --------------------------------------------------------------------
def valid_citizens(today: date) -> list[str]:
    """Demo citizens whose ID card is still valid (an expired card stops the walk at identity)."""
    data = json.loads(CITIZENS.read_text(encoding="utf-8"))
    keys = []
    for citizen in data["citizens"]:
        valid_to = citizen["card"]["valid_to"]
        if valid_to == "长期" or date.fromisoformat(valid_to) >= today:
            keys.append(citizen["key"])
    return keys


@dataclass
class RunState:
    started: float
    budget_s: float
    sessions: int = 0
    failures: int = 0
    failures_in_a_row: int = 0
    walk_s: list[float] = field(default_factory=list)
    failure_notes: Counter[str] = field(default_factory=Counter)

    def out_of_time(self) -> bool:
        return time.monotonic() - self.started > self.budget_s


def one_session(walker: TimedWalker, clock: TransitionClock, plan: tuple[str, str], state: RunState) -> None:
    theme, citizen = plan
    clock.theme = theme
    began = time.perf_counter()
    try:
        walker.walk(theme, citizen)
        state.failures_in_a_row = 0
    except WalkError as exc:
        state.failures += 1
        state.failures_in_a_row += 1
        state.failure_notes[f"{theme}: {exc}"] += 1
        walker.window.journey.cancel()
    state.walk_s.append(time.perf_counter() - began)
    state.sessions += 1


def run_sessions(upto: int, step: Callable[[], None], state: RunState, max_failures: int) -> bool:
    """Walk until `upto` sessions have run; False when time ran out or walks keep failing."""
    while state.sessions < upto:
        if state.out_of_time() or state.failures_in_a_row >= max_failures:
            return False
        step()
    return True


def build_window(data_dir: Path) -> tuple[Runtime, KioskWindow]:
    settings = load_settings(None, {"hub.embedded": True, "terminal.data_dir": str(data_dir),
                                    "terminal.fullscreen": False})
    runtime = build_runtime(settings, demo=True)
    make_application()
    runtime.start()
    window = KioskWindow(runtime, demo=True)
    window.resize(*WINDOW_SIZE)
    window.show()
    return runtime, window


# -- printing -------------------------------------------------------------------
def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def summary(values: list[float]) -> str:
    if not values:
        return f"{'-':>17}"
    return f"{statistics.median(values):7.1f} / {percentile(values, 0.95):7.1f}"


def print_transitions(done: list[Transition], superseded: int) -> None:
    print(f"\nScreen transitions, ms, median / p95 ({len(done)} timed, "
          f"{superseded} superseded before painting)")
    header = f"{'to step':<11}{'n':>6}  {'show':>17}  {'paint':>17}  {'work':>17}  {'shown':>17}  {'tap':>17}"
    print(header)
    print("-" * len(header))
    steps = [s.value for s in Step]
    for name in [*steps, "all"]:
        rows = done if name == "all" else [t for t in done if t.to_step == name]
        if not rows:
            continue
        taps = [t.tap_ms for t in rows if t.tap_ms is not None]
        print(f"{name:<11}{len(rows):>6}  {summary([t.show_ms for t in rows])}  "
              f"{summary([t.paint_ms for t in rows])}  {summary([t.show_ms + t.paint_ms for t in rows])}  "
              f"{summary([t.shown_ms for t in rows])}  {summary(taps)}")
    print("\nBy theme, all transitions, ms, median / p95")
    for theme in sorted({t.theme for t in done}):
        rows = [t for t in done if t.theme == theme]
        taps = [t.tap_ms for t in rows if t.tap_ms is not None]
        print(f"{theme:<14}{len(rows):>6}  work {summary([t.show_ms + t.paint_ms for t in rows])}  "
              f"shown {summary([t.shown_ms for t in rows])}  tap {summary(taps)}")


def print_memory(baseline: MemoryPoint, points: list[MemoryPoint]) -> None:
    print("\nMemory after N sessions (gc.collect + DeferredDelete sent before each reading)")
    header = (f"{'sessions':>8}  {'VmRSS MiB':>9}  {'trimmed MiB':>11}  {'+QML GC MiB':>11}  "
              f"{'QWidgets':>8}  {'window QObjects':>15}  {'Python objects':>14}  "
              f"{'refs True':>9}  {'refs None':>9}")
    print(header)
    print("-" * len(header))
    for p in [baseline, *points]:
        qml = "-" if p.qml_collected_rss_kib is None else f"{p.qml_collected_rss_kib / 1024:.1f}"
        print(f"{p.sessions:>8}  {p.rss_kib / 1024:>9.1f}  {p.trimmed_rss_kib / 1024:>11.1f}  {qml:>11}  "
              f"{p.widgets:>8}  {p.window_qobjects:>15}  {p.python_objects:>14}  "
              f"{p.true_refs:>9}  {p.none_refs:>9}")
    if len(points) < 2:
        return
    first, last = points[0], points[-1]
    span = last.sessions - first.sessions
    if span <= 0:
        return
    per100 = 100 / span
    print(f"\ngrowth from {first.sessions} to {last.sessions} sessions, per 100 sessions: "
          f"VmRSS {(last.rss_kib - first.rss_kib) * per100 / 1024:+.2f} MiB, "
          f"trimmed {(last.trimmed_rss_kib - first.trimmed_rss_kib) * per100 / 1024:+.2f} MiB, "
          f"{qml_growth(first, last, per100)}"
          f"QWidgets {(last.widgets - first.widgets) * per100:+.1f}, "
          f"window QObjects {(last.window_qobjects - first.window_qobjects) * per100:+.1f}, "
          f"Python objects {(last.python_objects - first.python_objects) * per100:+.0f}")
    print_class_growth("QWidget classes", first.widget_classes, last.widget_classes)
    print_class_growth("Python object types", first.python_classes, last.python_classes)


def qml_growth(first: MemoryPoint, last: MemoryPoint, per100: float) -> str:
    if first.qml_collected_rss_kib is None or last.qml_collected_rss_kib is None:
        return ""
    grown = (last.qml_collected_rss_kib - first.qml_collected_rss_kib) * per100 / 1024
    return f"after QML GC {grown:+.2f} MiB, "


def print_class_growth(what: str, before: Counter[str], after: Counter[str]) -> None:
    growth = Counter({name: after[name] - before[name] for name in after.keys() | before.keys()})
    grown = [(name, delta) for name, delta in growth.most_common(TOP_CLASSES) if delta > 0]
    if not grown:
        print(f"{what}: none grew")
        return
    print(f"{what} that grew most: " + ", ".join(f"{name} {delta:+d}" for name, delta in grown))


# -- main -----------------------------------------------------------------------
def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=1000, help="sessions in all (memory read at the end)")
    parser.add_argument("--warmup", type=int, default=10, help="sessions before the first memory reading")
    parser.add_argument("--checkpoint", type=int, default=100, help="memory reading every N sessions")
    parser.add_argument("--max-minutes", type=float, default=40.0, help="stop starting sessions after this")
    parser.add_argument("--wait-timeout", type=float, default=20.0, help="bound on each wait of a walk, s")
    parser.add_argument("--max-failures", type=int, default=5, help="stop after N failed walks in a row")
    args = parser.parse_args()
    if not 1 <= args.warmup <= args.sessions:
        parser.error("need 1 <= --warmup <= --sessions")
    if args.checkpoint < 1:
        parser.error("--checkpoint must be at least 1")
    return args


def session_plan(themes: list[str], citizens: list[str]) -> Callable[[int], tuple[str, str]]:
    """Session n: themes in rotation, citizens in rotation (all pairs come up when the counts are coprime)."""
    return lambda n: (themes[n % len(themes)], citizens[n % len(citizens)])


def checkpoints(warmup: int, total: int, every: int) -> list[int]:
    marks = {warmup, total, *range(every, total, every)}
    return sorted(m for m in marks if warmup <= m <= total)


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-sessions-") as tmp:
        runtime, window = build_window(Path(tmp) / "data")
        try:
            run(args, runtime, window)
        finally:
            window.journey.cancel()
            window.background.invalidate()
            window.background.wait(5000)
            window.close()
            runtime.close()


def run(args: argparse.Namespace, runtime: Runtime, window: KioskWindow) -> None:
    themes = [t.id for t in runtime.catalog.themes]
    citizens = valid_citizens(date.today())
    plan = session_plan(themes, citizens)
    clock = TransitionClock(window)
    walker = TimedWalker(window, clock, args.wait_timeout)
    state = RunState(time.monotonic(), args.max_minutes * 60)
    drift = slot_refcount_drift()
    print(f"PySide6 {PySide6.__version__}: reference count drift over 200 clicked(bool) and 200 Signal() "
          f"slot calls: None {drift['None']:+d}, True {drift['True']:+d} (a sound binding: about 0)")
    print(f"themes {', '.join(themes)}; citizens {', '.join(citizens)}; "
          f"window {WINDOW_SIZE[0]}x{WINDOW_SIZE[1]} offscreen; "
          f"{args.sessions} sessions, warm-up {args.warmup}, budget {args.max_minutes:g} min")
    baseline = memory_point(0, window)  # the terminal started, no visit yet; growth counts from the warm-up
    points: list[MemoryPoint] = []
    complete = True
    for mark in checkpoints(args.warmup, args.sessions, args.checkpoint):
        complete = run_sessions(mark, lambda: one_session(walker, clock, plan(state.sessions), state),
                                state, args.max_failures)
        points.append(memory_point(state.sessions, window))
        elapsed = time.monotonic() - state.started
        print(f"  {state.sessions} sessions, {elapsed / 60:.1f} min, "
              f"VmRSS {points[-1].rss_kib / 1024:.1f} MiB, {points[-1].widgets} widgets", flush=True)
        if not complete:
            break
    clock.detach()
    report(args, state, clock, baseline, points, complete)


def report(args: argparse.Namespace, state: RunState, clock: TransitionClock,
           baseline: MemoryPoint, points: list[MemoryPoint], complete: bool) -> None:
    print(f"\n{state.sessions} sessions walked ({state.failures} failed), "
          f"{'all requested' if complete else f'STOPPED EARLY of {args.sessions} requested'}")
    for note, count in state.failure_notes.most_common(5):
        print(f"  failed x{count}: {note}")
    if state.walk_s:
        projected = statistics.mean(state.walk_s) * args.sessions / 60
        print(f"one walk: median {statistics.median(state.walk_s):.2f} s, "
              f"p95 {percentile(state.walk_s, 0.95):.2f} s; "
              f"{args.sessions} sessions would take ~{projected:.0f} min")
    print_transitions(clock.done, clock.superseded)
    print_memory(baseline, points)


if __name__ == "__main__":
    main()
