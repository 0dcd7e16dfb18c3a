"""Screen transitions and memory over many scripted kiosk sessions (issue 6): prints figures, asserts nothing.

One terminal (simulated devices with their demo controls, data in a temp folder,
Qt at 1920x1080; by default a real terminal's runtime talking to the reference
hub run as its own process on 127.0.0.1, with --hub embedded demo mode's hub
inside the kiosk's process) is walked through whole visits by taps with
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
  cpu    — the GUI thread's CPU time (time.thread_time) from the step change until that
           paint ended: show and paint, and what runs between them and they leave out (the
           new widgets shown by Qt's queued calls, deferred deletes, timers), without the waits.
           Why: a loaded machine stretches wall-clock times with waits for a core; CPU time
           is what the kiosk itself spends, so runs on a shared machine compare on it.
  tap    — for step changes that happen inside a tap's mouse click: wall clock
           from just before the click until the paint ended (the click handler's
           journey work, e.g. merging the forms, plus show and paint). Steps entered
           from a device (card, licence) or a background result (the receipt) have
           no tap; their device latency is simulated and not measured here.

Memory, after the warm-up sessions and then at checkpoints up to the last
session: plain VmRSS from /proc/self/status, read as the operating system sees
it (nothing collected or trimmed first: the kiosk's own release after each
wipe is what is measured; the kiosk first rests 0.5 s at the attract screen,
as between two citizens: REST_S), live QWidgets (QApplication.allWidgets()), QObjects
under the window, and Python objects tracked by the gc. Each checkpoint line is
printed and flushed as it is reached, so a long run leaves figures even when cut
short. With --diagnose, each reading is followed by three more that tell a leak
from garbage (after gc.collect() and posted DeferredDelete events, after glibc
malloc_trim(0), after the keyboard's QML engine collected its garbage); they
change the process, so the plain figures of a diagnosed run are not the
kiosk's. The widget and Python-object classes that grew most between the
warm-up point and the end are listed: a leak shows as growth roughly
proportional to the session count.

"release" is the kiosk's own memory release after a visit (keyboard QML garbage
collection and malloc_trim, run once the attract screen has painted), timed.

--platform offscreen (default) or xcb: xcb starts its own Xvfb server of the
window's size (a free display through -displayfd) and stops it at the end;
painting through X costs what a hall's screen costs. --pace scales the walker's
pauses between taps (1 = as kiosk/walkthrough.py paces them; smaller walks
faster, the kiosk's own work is the same).

First it prints how the reference counts of None and True drift over 200 Python
slot calls: PySide6 6.12.0 drops one per call and a long run then aborts with
"Fatal Python error: bool_dealloc" (seen after 300-350 sessions here); the
memory table repeats the counts so the drain is visible.

    .venv/bin/python bench/bench_sessions.py [--sessions 1000] [--warmup 10]
        [--checkpoint 100] [--max-minutes 40] [--wait-timeout 20]
        [--platform offscreen|xcb] [--pace 1.0] [--mode zh|en|zh-large|en-large|zh-elder] [--diagnose]

--mode walks every visit in one of kiosk.screen_check.MODES (zh by default; e.g. zh-large, zh-elder):
the walker taps the language and the toggles on the attract screen at each visit's start, as a
citizen does, and the wipe after the visit undoes them.

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
import math
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
WINDOW_SIZE = (1920, 1080)


def _platform_from(argv: list[str]) -> str:
    """--platform, read before Qt is imported (the display must exist first)."""
    for i, arg in enumerate(argv):
        if arg.startswith("--platform="):
            return arg.split("=", 1)[1]
        if arg == "--platform" and i + 1 < len(argv):
            return argv[i + 1]
    return "offscreen"


PLATFORM = _platform_from(sys.argv[1:])
XVFB = contextlib.ExitStack()  # the private X server of --platform xcb, stopped at the end
if PLATFORM == "xcb":
    from kiosk.xserver import virtual_screen

    os.environ["DISPLAY"] = XVFB.enter_context(virtual_screen(*WINDOW_SIZE))
if PLATFORM in ("xcb", "offscreen"):
    os.environ["QT_QPA_PLATFORM"] = PLATFORM
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")

import PySide6  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QTimer, Signal  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QPushButton, QWidget  # noqa: E402

from flows.journey import Step  # noqa: E402
from kiosk.app import make_application  # noqa: E402
from kiosk.runtime import HUB_SECRET, Runtime, build_runtime  # noqa: E402
from kiosk.screen_check import MODES, CitizenMode  # noqa: E402
from kiosk.secrets import SecretFiles  # noqa: E402
from kiosk.settings import load_settings  # noqa: E402
from kiosk.walkthrough import Walker, WalkError  # noqa: E402
from kiosk.window import KioskWindow  # noqa: E402

CITIZENS = ROOT / "assets" / "samples" / "citizens.json"
TOP_CLASSES = 8
REST_S = 0.5
"""Before each memory reading the kiosk rests this long at the attract screen, as it does between two
citizens: its event loop deletes what the wipe gave to deleteLater() and runs the release after the
attract paint (kiosk/window.py). Without the rest a reading caught the last visit's pages half
cleared (widgets pending deletion, the heap not yet trimmed)."""


def rest_at_attract(seconds: float) -> None:
    """Run a real event loop for `seconds`: what deleteLater() was given while no loop ran (the
    walker taps through direct event delivery, not app.exec()) is deleted only by a running loop,
    as app.exec() deletes it at once in a hall; a bare processEvents() leaves it alive."""
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


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
    cpu_ms: float = 0.0


FIELDS = 5  # the floats TransitionLog keeps per transition


class TransitionLog:
    """Every timed transition, kept in typed arrays (≈35 bytes each) instead of as objects.

    Why: as one `Transition` object each (≈230 bytes with its floats, by tracemalloc), 10,000 records
    of a 1,000-visit run grew the process by ≈2.3 MiB — growth that VmRSS, which the bench reads,
    would lay at the kiosk's door. `nbytes` says what the records still take.
    """

    def __init__(self) -> None:
        self._names: list[str] = []  # each theme and step name once
        self._index: dict[str, int] = {}
        self._codes = array("H")  # theme, from step, to step of each transition
        self._ms = array("d")  # show, paint, shown, tap (NaN: no tap), cpu of each transition

    def _code(self, name: str) -> int:
        if name not in self._index:
            self._index[name] = len(self._names)
            self._names.append(name)
        return self._index[name]

    def append(self, t: Transition) -> None:
        self._codes.extend((self._code(t.theme), self._code(t.from_step), self._code(t.to_step)))
        self._ms.extend((t.show_ms, t.paint_ms, t.shown_ms, math.nan if t.tap_ms is None else t.tap_ms,
                         t.cpu_ms))

    def __len__(self) -> int:
        return len(self._codes) // 3

    def __iter__(self) -> Iterator[Transition]:
        names, codes, ms = self._names, self._codes, self._ms
        for i in range(len(self)):
            show, paint, shown, tap, cpu = ms[FIELDS * i:FIELDS * (i + 1)]
            yield Transition(names[codes[3 * i]], names[codes[3 * i + 1]], names[codes[3 * i + 2]],
                             show, paint, shown, None if math.isnan(tap) else tap, cpu)

    def to_steps(self) -> set[str]:
        return {self._names[code] for code in self._codes[2::3]}

    def work_ms(self, to_step: str | None = None) -> list[float]:
        """show + paint of every transition (into `to_step`), without making a record object."""
        ms = self._ms
        return [ms[FIELDS * i] + ms[FIELDS * i + 1] for i in self._into(to_step)]

    def cpu_ms(self, to_step: str | None = None) -> list[float]:
        """The GUI thread's CPU time of every transition (into `to_step`)."""
        return [self._ms[FIELDS * i + 4] for i in self._into(to_step)]

    def _into(self, to_step: str | None) -> list[int]:
        wanted = None if to_step is None else self._index.get(to_step, -1)
        return [i for i, code in enumerate(self._codes[2::3]) if wanted is None or code == wanted]

    @property
    def nbytes(self) -> int:
        return self._codes.itemsize * len(self._codes) + self._ms.itemsize * len(self._ms)


@dataclass
class _Pending:
    transition: Transition
    changed_at: float
    cpu_at: float  # the GUI thread's time.thread_time() at the step change
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
        self.done = TransitionLog()
        self.superseded = 0
        self.tap_at: float | None = None  # set by TimedWalker while a click is in flight
        self.release_ms = array("d")  # compact, as TransitionLog
        self._pending: _Pending | None = None
        self._release = window._release_visit_memory
        window._release_visit_memory = self._timed_release
        self._previous = window.journey.step.value
        window.stepChanged.disconnect(window._show_step)
        window.stepChanged.connect(self._timed_show_step)
        window.installEventFilter(self)
        for page in window.screens.values():
            page.installEventFilter(self)

    def _timed_release(self) -> None:
        started = time.perf_counter()
        self._release()
        self.release_ms.append((time.perf_counter() - started) * 1000)

    def _timed_show_step(self, value: str) -> None:
        changed_at, cpu_at = time.perf_counter(), time.thread_time()
        self.window._show_step(value)
        shown_at = time.perf_counter()
        if self._pending is not None:
            self.superseded += 1  # a second change came before the first was painted
        transition = Transition(self.theme, self._previous, value, (shown_at - changed_at) * 1000)
        self._pending = _Pending(transition, changed_at, cpu_at, shown_at, self.tap_at,
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
            transition.cpu_ms = (time.thread_time() - pending.cpu_at) * 1000
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
        self.window._release_visit_memory = self._release


class TimedWalker(Walker):
    """The walkthrough's Walker, telling the clock when a tap's mouse click is in flight."""

    def __init__(self, window: KioskWindow, clock: TransitionClock, timeout_s: float,
                 pace: float = 1.0) -> None:
        super().__init__(window, timeout_s=timeout_s)
        self.clock = clock
        self.pace = pace
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
        super().pump(seconds * self.pace)
        # What app.exec() does and a bare processEvents() does not: objects given to deleteLater()
        # are deleted. Without this, every page redraw's widgets pile up in the bench only.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


# -- memory ---------------------------------------------------------------------
@dataclass
class MemoryPoint:
    sessions: int
    rss_kib: int
    anon_kib: int  # RssAnon
    file_kib: int  # RssFile
    settled_rss_kib: int | None  # --diagnose only: after gc.collect + DeferredDelete
    trimmed_rss_kib: int | None  # --diagnose only: then after malloc_trim(0)
    qml_collected_rss_kib: int | None  # --diagnose only: then after the QML engine's GC
    widgets: int
    window_qobjects: int
    python_objects: int
    true_refs: int  # sys.getrefcount(True): PySide6 6.12.0 drops one per some slot calls; 0 aborts Python
    none_refs: int
    widget_classes: Counter[str] = field(default_factory=Counter)
    python_classes: Counter[str] = field(default_factory=Counter)


def status_kib(*keys: str) -> tuple[int, ...]:
    """Fields of /proc/self/status in KiB, e.g. ("VmRSS", "RssAnon", "RssFile")."""
    found: dict[str, int] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in keys:
            found[key] = int(value.split()[0])
    missing = [k for k in keys if k not in found]
    if missing:
        raise RuntimeError(f"no {', '.join(missing)} line in /proc/self/status")
    return tuple(found[k] for k in keys)


def vm_rss_kib() -> int:
    return status_kib("VmRSS")[0]


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


def memory_point(sessions: int, window: KioskWindow, diagnose: bool) -> MemoryPoint:
    # plain: what the operating system and the OOM killer see; anonymous memory (heaps, Python,
    # QML) is what a leak grows, file pages (libraries, fonts) are mapped files the kernel can drop
    rss, anon, file_pages = status_kib("VmRSS", "RssAnon", "RssFile")
    settled = trimmed = qml_collected = None
    if diagnose:
        settle()
        settled = vm_rss_kib()
        malloc_trim()
        trimmed = vm_rss_kib()
        if collect_qml_garbage(window):
            malloc_trim()
            qml_collected = vm_rss_kib()
    widgets = QApplication.allWidgets()
    python_objects = [o for o in gc.get_objects() if not isinstance(o, Transition)]  # not the bench's own
    return MemoryPoint(
        sessions=sessions,
        rss_kib=rss,
        anon_kib=anon,
        file_kib=file_pages,
        settled_rss_kib=settled,
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
    walk_s: array = field(default_factory=lambda: array("d"))  # compact, as TransitionLog
    failure_notes: Counter[str] = field(default_factory=Counter)

    def out_of_time(self) -> bool:
        return time.monotonic() - self.started > self.budget_s


def one_session(walker: TimedWalker, clock: TransitionClock, plan: tuple[str, str], state: RunState,
                mode: CitizenMode) -> None:
    theme, citizen = plan
    clock.theme = theme
    began = time.perf_counter()
    try:
        walker.choose_mode(mode.lang, mode.toggles)  # as the citizen taps them; the wipe undoes them
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


TERMINAL_ID = "XH-0001"
HUB_START_S = 60.0


class HubProcess:
    """The reference hub as its own process on 127.0.0.1 (`main.py hub serve`), as a hall runs it:
    the kiosk's figures then hold the kiosk only, not FastAPI, uvicorn and the hub's database."""

    def __init__(self, folder: Path, secret: str) -> None:
        self.db = f"sqlite:///{folder / 'hub.sqlite'}"
        self.secret = secret
        self.process: subprocess.Popen[bytes] | None = None
        self.url = ""

    def start(self) -> str:
        main = str(ROOT / "main.py")
        subprocess.run([sys.executable, main, "hub", "add-terminal", TERMINAL_ID, "--secret", self.secret,
                        "--db", self.db], check=True, capture_output=True, timeout=60)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.process = subprocess.Popen([sys.executable, main, "hub", "serve", "--db", self.db,
                                         "--host", "127.0.0.1", "--port", str(port)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + HUB_START_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the hub exited with {self.process.returncode}")
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"{self.url}/v1/health", timeout=2).close()
                return self.url
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the hub did not answer within {HUB_START_S:g} s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


def build_window(data_dir: Path, hub: HubProcess | None) -> tuple[Runtime, KioskWindow]:
    """The kiosk with simulated devices and its demo controls (the walker's hand at the devices);
    with `hub` a real terminal's runtime (no embedded hub), else demo mode's embedded one."""
    overrides: dict[str, object] = {"terminal.data_dir": str(data_dir), "terminal.fullscreen": False}
    if hub is None:
        overrides["hub.embedded"] = True
    else:
        overrides["hub.url"] = hub.url
        SecretFiles(data_dir / "secrets").write(HUB_SECRET, hub.secret)
    settings = load_settings(None, overrides)
    runtime = build_runtime(settings, demo=hub is None)
    runtime.start()  # the QApplication exists already: main() made it for the probe
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


def print_release(release_ms: Sequence[float]) -> None:
    print(f"\nMemory release after a visit (keyboard QML GC + malloc_trim, after the attract paint): "
          f"n {len(release_ms)}, ms median / p95 {summary(release_ms)}")


def print_transitions(log: TransitionLog, superseded: int) -> None:
    done = list(log)  # at the end of the run only: the records as objects
    print(f"\nScreen transitions, ms, median / p95 ({len(done)} timed, "
          f"{superseded} superseded before painting)")
    header = (f"{'to step':<11}{'n':>6}  {'show':>17}  {'paint':>17}  {'work':>17}  {'cpu':>17}  "
              f"{'shown':>17}  {'tap':>17}")
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
              f"{summary([t.cpu_ms for t in rows])}  {summary([t.shown_ms for t in rows])}  {summary(taps)}")
    print("\nBy theme, all transitions, ms, median / p95")
    for theme in sorted({t.theme for t in done}):
        rows = [t for t in done if t.theme == theme]
        taps = [t.tap_ms for t in rows if t.tap_ms is not None]
        print(f"{theme:<14}{len(rows):>6}  work {summary([t.show_ms + t.paint_ms for t in rows])}  "
              f"cpu {summary([t.cpu_ms for t in rows])}  "
              f"shown {summary([t.shown_ms for t in rows])}  tap {summary(taps)}")


def print_memory(baseline: MemoryPoint, points: list[MemoryPoint]) -> None:
    print("\nMemory after N sessions (plain VmRSS; the other MiB columns only with --diagnose)")
    header = (f"{'sessions':>8}  {'VmRSS MiB':>9}  {'anon MiB':>8}  {'file MiB':>8}  "
              f"{'settled MiB':>11}  {'trimmed MiB':>11}  "
              f"{'+QML GC MiB':>11}  "
              f"{'QWidgets':>8}  {'window QObjects':>15}  {'Python objects':>14}  "
              f"{'refs True':>9}  {'refs None':>9}")
    print(header)
    print("-" * len(header))
    for p in [baseline, *points]:
        settled, trimmed, qml = (mib(p.settled_rss_kib), mib(p.trimmed_rss_kib), mib(p.qml_collected_rss_kib))
        print(f"{p.sessions:>8}  {p.rss_kib / 1024:>9.1f}  {p.anon_kib / 1024:>8.1f}  "
              f"{p.file_kib / 1024:>8.1f}  "
              f"{settled:>11}  {trimmed:>11}  {qml:>11}  "
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
          f"VmRSS {(last.rss_kib - first.rss_kib) * per100 / 1024:+.2f} MiB "
          f"({(last.rss_kib - first.rss_kib) / 1024:+.1f} MiB in all; anonymous "
          f"{(last.anon_kib - first.anon_kib) / 1024:+.1f}, "
          f"file {(last.file_kib - first.file_kib) / 1024:+.1f}), "
          f"{qml_growth(first, last, per100)}"
          f"QWidgets {(last.widgets - first.widgets) * per100:+.1f}, "
          f"window QObjects {(last.window_qobjects - first.window_qobjects) * per100:+.1f}, "
          f"Python objects {(last.python_objects - first.python_objects) * per100:+.0f}")
    print_class_growth("QWidget classes", first.widget_classes, last.widget_classes)
    print_class_growth("Python object types", first.python_classes, last.python_classes)


def mib(kib: int | None) -> str:
    return "-" if kib is None else f"{kib / 1024:.1f}"


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
    parser.add_argument("--platform", choices=["offscreen", "xcb"], default="offscreen",
                        help="xcb: a real X server (its own Xvfb) instead of offscreen")
    parser.add_argument("--hub", choices=["process", "embedded"], default="process",
                        help="process: the hub runs as its own process, the kiosk as a real terminal "
                             "(default); embedded: demo mode's hub inside the kiosk's process")
    parser.add_argument("--pace", type=float, default=1.0, help="scale of the walker's pauses (0.1-1)")
    parser.add_argument("--mode", choices=[m.name for m in MODES], default=MODES[0].name,
                        help="how every citizen has the kiosk (kiosk.screen_check.MODES): tapped on the "
                             "attract screen at each visit's start, undone by the wipe")
    parser.add_argument("--diagnose", action="store_true",
                        help="also read memory after gc, malloc_trim and QML GC (changes later readings)")
    args = parser.parse_args()
    if not 1 <= args.warmup <= args.sessions:
        parser.error("need 1 <= --warmup <= --sessions")
    if args.checkpoint < 1:
        parser.error("--checkpoint must be at least 1")
    if not 0.05 <= args.pace <= 1:
        parser.error("--pace must be between 0.05 and 1")
    return args


def session_plan(themes: list[str], citizens: list[str]) -> Callable[[int], tuple[str, str]]:
    """Session n: themes in rotation, citizens in rotation (all pairs come up when the counts are coprime)."""
    return lambda n: (themes[n % len(themes)], citizens[n % len(citizens)])


def checkpoints(warmup: int, total: int, every: int) -> list[int]:
    marks = {warmup, total, *range(every, total, every)}
    return sorted(m for m in marks if warmup <= m <= total)


def main() -> None:
    args = parse_args()
    hub: HubProcess | None = None
    try:
        with tempfile.TemporaryDirectory(prefix="bench-sessions-") as tmp:
            if args.hub == "process":
                hub = HubProcess(Path(tmp), secrets.token_hex(24))
                hub.start()
            make_application()
            drift = slot_refcount_drift()  # before the terminal's threads: their imports would count too
            runtime, window = build_window(Path(tmp) / "data", hub)
            try:
                run(args, runtime, window, drift)
            finally:
                window.journey.cancel()
                window.background.invalidate()
                window.background.wait(5000)
                window.close()
                runtime.close()
    finally:
        if hub is not None:
            hub.stop()
        XVFB.close()


def run(args: argparse.Namespace, runtime: Runtime, window: KioskWindow, drift: dict[str, int]) -> None:
    themes = [t.id for t in runtime.catalog.themes]
    citizens = valid_citizens(date.today())
    plan = session_plan(themes, citizens)
    clock = TransitionClock(window)
    walker = TimedWalker(window, clock, args.wait_timeout, args.pace)
    mode = next(m for m in MODES if m.name == args.mode)
    state = RunState(time.monotonic(), args.max_minutes * 60)
    print(f"PySide6 {PySide6.__version__}: reference count drift over 200 clicked(bool) and 200 Signal() "
          f"slot calls: None {drift['None']:+d}, True {drift['True']:+d} (a sound binding: about 0)")
    print(f"themes {', '.join(themes)}; citizens {', '.join(citizens)}; "
          f"hub {args.hub}; mode {mode.name}; window {WINDOW_SIZE[0]}x{WINDOW_SIZE[1]} {PLATFORM}"
          f"{' (own Xvfb ' + os.environ['DISPLAY'] + ')' if PLATFORM == 'xcb' else ''}; pace {args.pace:g}; "
          f"{args.sessions} sessions, warm-up {args.warmup}, budget {args.max_minutes:g} min", flush=True)
    baseline = memory_point(0, window, args.diagnose)  # started, no visit yet; growth counts from the warm-up
    points: list[MemoryPoint] = []
    complete = True
    for mark in checkpoints(args.warmup, args.sessions, args.checkpoint):
        complete = run_sessions(mark, lambda: one_session(walker, clock, plan(state.sessions), state, mode),
                                state, args.max_failures)
        rest_at_attract(REST_S)
        points.append(memory_point(state.sessions, window, args.diagnose))
        print_checkpoint(state, clock, points[-1], baseline)
        if not complete:
            break
    clock.detach()
    report(args, state, clock, baseline, points, complete)


def step_p95(done: TransitionLog, step: str, cpu: bool = False) -> float:
    return percentile(done.cpu_ms(step) if cpu else done.work_ms(step), 0.95)


def print_checkpoint(state: RunState, clock: TransitionClock, point: MemoryPoint,
                     baseline: MemoryPoint) -> None:
    """One line per checkpoint, flushed: memory and the transitions so far, for a run cut short."""
    elapsed = time.monotonic() - state.started
    done = clock.done
    steps = done.to_steps()
    worst = max(steps, key=lambda s: step_p95(done, s)) if steps else "-"
    worst_p95 = step_p95(done, worst) if steps else 0.0
    all_p95 = percentile(done.work_ms(), 0.95) if len(done) else 0.0
    worst_cpu = max(steps, key=lambda s: step_p95(done, s, cpu=True)) if steps else "-"
    worst_cpu_p95 = step_p95(done, worst_cpu, cpu=True) if steps else 0.0
    print(f"  checkpoint {state.sessions:>5} sessions  {elapsed / 60:6.1f} min  "
          f"VmRSS {point.rss_kib / 1024:6.1f} MiB (start {baseline.rss_kib / 1024:.1f}; "
          f"anon {point.anon_kib / 1024:.1f}, file {point.file_kib / 1024:.1f}; "
          f"the bench's own records {done.nbytes / 1024:.0f} KiB)  "
          f"widgets {point.widgets}  window QObjects {point.window_qobjects}  "
          f"failed {state.failures}  work p95 all {all_p95:.1f} ms, worst step {worst} {worst_p95:.1f} ms; "
          f"cpu p95 worst step {worst_cpu} {worst_cpu_p95:.1f} ms",
          flush=True)


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
    print_release(clock.release_ms)
    print_memory(baseline, points)


if __name__ == "__main__":
    main()
