"""Every citizen page fits every standard panel: real Xvfb screens, the kiosk full screen, every theme.

One kiosk process per screen size walks every theme in every citizen mode
(kiosk.screen_check.MODES: Chinese and English, normal and large text, 长辈模式), opening
the on-screen keyboard on each page with a text field. It fails, naming the page, the
mode and the widget, if the window is not exactly the screen, if a visible control
leaves the screen or is cut by its parent, or if a label, button or field shows less
than its whole text.

A walk spends most of its time waiting for the kiosk to settle (about half a core busy),
so the sizes run WALKS_AT_ONCE at a time, each on its own Xvfb, started together when the
first size's test begins; each size's test waits for its own walk and reports it.
One size alone, all five modes (1366×768, 2026-12-03): 201 s wall, 119 s CPU. All four at
once took 7 min on a quiet 2-core machine and over 12 min on a CI machine, so the time
limit leaves room for a machine twice as slow as that again and still ends the run well
inside CI's 90 minutes.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from flows.catalog import load_catalog
from kiosk.screen_check import MODES, SCREEN_SIZES
from tests.rigs.xvfb import virtual_screen, x_env

pytestmark = pytest.mark.screen

WALKS_AT_ONCE = 4  # every size at once: four kiosks (≤ 0.75 GiB RSS each) and four Xvfb on 2 cores
WALK_TIMEOUT_S = 1800  # one size, five modes, with all four at once: 7 min seen, and over 12 on CI
STOP_TIMEOUT_S = 10
ROUNDS = -(-len(SCREEN_SIZES) // WALKS_AT_ONCE)
WAIT_S = ROUNDS * (WALK_TIMEOUT_S + STOP_TIMEOUT_S)
"""The longest a size's test waits: its walk may queue behind others before its own time limit."""
REPO = Path(__file__).resolve().parents[2]
TEST_NAME = "test_every_page_fits_the_screen"


@dataclass
class Walk:
    """One size's walk as it ended: its report's pages, exit code, output and wall time."""

    size: str
    pages: list[dict]
    returncode: int | None
    output: str
    seconds: float


class Walks:
    """The selected sizes' walks in the background, WALKS_AT_ONCE at a time; stopped on close()."""

    def __init__(self, sizes: list[str], folder: Path) -> None:
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._running: set[subprocess.Popen] = set()
        self._pool = ThreadPoolExecutor(WALKS_AT_ONCE, thread_name_prefix="screen-walk")
        self._walks: dict[str, Future[Walk]] = {
            size: self._pool.submit(self._walk, size, folder / size) for size in sizes}

    def result(self, size: str) -> Walk:
        """This size's walk, waiting for it (bounded: its queue wait plus its own time limit)."""
        return self._walks[size].result(timeout=WAIT_S)

    def close(self) -> None:
        """Walks not started are dropped, running ones killed; every Xvfb is stopped."""
        self._stopping.set()
        for walk in self._walks.values():
            walk.cancel()
        with self._lock:
            for process in self._running:
                process.kill()
        self._pool.shutdown(wait=True)

    def _walk(self, size: str, folder: Path) -> Walk:
        folder.mkdir(parents=True)
        report = folder / "report.jsonl"
        width, height = (int(n) for n in size.split("x"))
        started = time.monotonic()
        with virtual_screen(width, height) as display:
            process = self._start(report, folder / "data", display)
            if process is None:
                return Walk(size, [], None, "stopped before it started", 0.0)
            try:
                output, _ = process.communicate(timeout=WALK_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                process.kill()
                output, _ = process.communicate(timeout=STOP_TIMEOUT_S)
                output += f"\n(killed after {WALK_TIMEOUT_S} s)"
            finally:
                with self._lock:
                    self._running.discard(process)
        pages = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()] \
            if report.exists() else []
        return Walk(size, pages, process.returncode, output, time.monotonic() - started)

    def _start(self, report: Path, data: Path, display: str) -> subprocess.Popen | None:
        with self._lock:
            if self._stopping.is_set():
                return None
            command = [sys.executable, "-m", "kiosk.screen_check", "--report", str(report),
                       "--data-dir", str(data)]
            process = subprocess.Popen(command, env=x_env(display), cwd=REPO, stdout=subprocess.PIPE,
                                       stderr=subprocess.STDOUT, text=True)
            self._running.add(process)
            return process


@pytest.fixture(scope="module")
def walks(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """Starts the walks of the sizes this session runs (in their order), all at once."""
    sizes = [item.callspec.params["size"] for item in request.session.items
             if getattr(item, "originalname", "") == TEST_NAME and hasattr(item, "callspec")]
    running = Walks(sizes, tmp_path_factory.mktemp("screen-walks"))
    try:
        yield running
    finally:
        running.close()


@pytest.mark.timeout(WAIT_S + 60)
@pytest.mark.parametrize("size", SCREEN_SIZES)
def test_every_page_fits_the_screen(size: str, walks: Walks) -> None:
    walk = walks.result(size)
    print(f"{size}: {len(walk.pages)} pages checked in {walk.seconds:.0f} s")
    tail = walk.output[-3000:]
    stopped = [p["error"] for p in walk.pages if "error" in p]
    assert not stopped, f"the walk stopped on {size}: {stopped}\n{tail}"
    walked = {(p["mode"], p["theme"]) for p in walk.pages}
    wanted = {(m.name, t.id) for m in MODES for t in load_catalog().themes}
    assert walked == wanted, f"not walked on {size}: {sorted(wanted - walked)}\n{tail}"
    assert any(p["keyboard"] for p in walk.pages), "the keyboard never opened"
    failures = [f"{p['mode']} {p['theme']} {p['page']}{' +keyboard' if p['keyboard'] else ''}: {problem}"
                for p in walk.pages for problem in p["problems"]]
    assert not failures, f"{len(failures)} problems on {size}:\n" + "\n".join(failures[:60])
    assert walk.returncode == 0, tail
