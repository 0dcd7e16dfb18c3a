"""Background calls: results on the UI thread, a wiped visit's late answers dropped, nothing kept after."""

from __future__ import annotations

import gc
import threading
import weakref

import pytest

from kiosk.background import Background

pytestmark = pytest.mark.gui

CALLS = 600


class Application:
    """Stands for what a call is given: a citizen's application must not outlive its call."""


def test_results_arrive_on_the_ui_thread_and_errors_go_to_on_error(qtbot) -> None:
    background = Background()
    seen: list[tuple[str, object, bool]] = []
    ui_thread = threading.current_thread()
    background.run(lambda: 42, lambda r: seen.append(("done", r, threading.current_thread() is ui_thread)))

    def fails() -> None:
        raise OSError("printer gone")

    background.run(fails, lambda r: seen.append(("done", r, False)),
                   lambda e: seen.append(("error", str(e), threading.current_thread() is ui_thread)))
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    assert sorted(seen) == [("done", 42, True), ("error", "printer gone", True)]


def test_a_wiped_visit_drops_the_answers_still_running(qtbot) -> None:
    background = Background()
    release = threading.Event()
    seen: list[object] = []
    background.run(lambda: release.wait(5) and "late", seen.append)
    background.invalidate()  # the citizen left; the next visit starts
    background.run(lambda: "fresh", seen.append)
    release.set()
    assert background.wait(5000)
    qtbot.waitUntil(lambda: seen == ["fresh"], timeout=5000)
    qtbot.wait(50)
    assert seen == ["fresh"]


def test_no_call_keeps_what_it_was_given(qtbot) -> None:
    """Hundreds of calls later, none of their closures (and what they hold) is still alive."""
    background = Background()
    given: list[weakref.ref[Application]] = []
    answered: list[int] = []
    for number in range(CALLS):
        application = Application()
        given.append(weakref.ref(application))
        background.run(lambda a=application, n=number: n, answered.append)
        del application
    qtbot.waitUntil(lambda: len(answered) == CALLS, timeout=20000)
    assert background.wait(5000)
    gc.collect()
    alive = sum(ref() is not None for ref in given)
    assert alive == 0, f"{alive} of {CALLS} calls still hold what they were given"
