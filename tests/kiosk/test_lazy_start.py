"""What the first frame does not need waits: pages, staff screens, heavy libraries, the demo hub.

Speed itself is measured by bench/bench_startup.py (no timing here); these tests check that the
deferring holds and changes nothing a citizen or a member of staff can see.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from rigs.demo_terminal import demo_settings, kiosk_window

from flows.journey import Step
from kiosk.runtime import build_runtime
from offline_cache.schema import OUTBOX, open_database

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
WAIT_MS = 20_000
HEAVY = ["cv2", "numpy", "zxingcpp", "requests", "escpos", "PIL", "sqlite_utils", "fastapi",
         "PySide6.QtQuickWidgets", "kiosk.admin.staff_mode", "kiosk.screens.licence",
         "kiosk.screens.tracking", "kiosk.submission", "offline_cache.tracking_link", "stdnum",
         "cryptography", "flows.search", "flows.search_pinyin", "pydantic", "devices.printer.render",
         "email.utils", "json_logic", "zoneinfo", "logging.handlers", "socket", "pickle", "dataclasses",
         "concurrent.futures"]
"""What the attract screen does not need, and so must not be loaded when its window is built."""


def test_only_the_attract_page_is_built_before_the_first_frame_then_every_page(runtime, qtbot) -> None:
    with kiosk_window(qtbot, runtime) as window:
        built = window.screens.built()  # no event loop has run yet: no Paint, no idle time
        assert [type(page).__name__ for page in built] == ["AttractScreen"]
        assert window.stack.currentWidget() is built[0]
        assert window._tracking is None and window._staff is None
        qtbot.waitUntil(lambda: len(window.screens.built()) == len(window.screens), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: window._tracking is not None, timeout=WAIT_MS)
        assert window.journey.step == Step.ATTRACT
        assert window.stack.currentWidget() is window.screens[Step.ATTRACT]  # idle building shows nothing
        assert all(window.stack.indexOf(page) >= 0 for page in window.screens.values())


def test_a_page_asked_for_before_idle_time_is_built_at_once_and_only_once(runtime, qtbot) -> None:
    with kiosk_window(qtbot, runtime) as window:
        review = window.screens[Step.REVIEW]
        assert type(review).__name__ == "ReviewScreen"
        assert window.screens[Step.REVIEW] is review
        assert window.stack.indexOf(review) >= 0
        assert Step.REVIEW in window.screens and "no-such-step" not in window.screens
        with pytest.raises(KeyError):
            window.screens["no-such-step"]  # type: ignore[index]


def test_a_language_switch_drops_the_pages_and_builds_them_in_the_new_language(runtime, qtbot) -> None:
    with kiosk_window(qtbot, runtime) as window:
        qtbot.waitUntil(lambda: len(window.screens.built()) == len(window.screens), timeout=WAIT_MS)
        old_consent, old_attract = window.screens[Step.CONSENT], window.screens[Step.ATTRACT]
        window.set_language("en")
        try:
            assert window.ctx.lang == "en"
            attract = window.screens[Step.ATTRACT]
            assert attract is not old_attract and window.stack.currentWidget() is attract
            assert window.stack.indexOf(old_consent) == -1
            qtbot.waitUntil(lambda: len(window.screens.built()) == len(window.screens), timeout=WAIT_MS)
            assert window.screens[Step.CONSENT] is not old_consent
        finally:
            window.set_language("zh_CN")  # the application's translator outlives this window
        assert window.ctx.lang == "zh_CN"


def test_staff_screens_are_built_at_the_first_gesture_only(runtime, qtbot) -> None:
    with kiosk_window(qtbot, runtime) as window:
        qtbot.waitUntil(lambda: window._tracking is not None, timeout=WAIT_MS)  # idle time is over
        assert window._staff is None
        window.staffRequested.emit()
        qtbot.waitUntil(lambda: window.staff.active, timeout=WAIT_MS)
        staff = window.staff
        window.staffRequested.emit()  # a second gesture while the pad is up changes nothing
        assert window.staff is staff and staff.active


def test_work_for_after_the_first_frame_runs_once_it_is_painted(tmp_path: Path, qtbot) -> None:
    runtime = build_runtime(demo_settings(tmp_path / "data"), demo=True)
    try:
        with kiosk_window(qtbot, runtime) as window:
            ran: list[str] = []
            window.when_first_frame(lambda: ran.append("first"))
            assert ran == []
            qtbot.waitUntil(lambda: ran == ["first"], timeout=WAIT_MS)
            window.when_first_frame(lambda: ran.append("later"))  # once painted: at once
            assert ran == ["first", "later"]
    finally:
        runtime.close()


def test_the_application_wide_filters_watch_from_the_first_frame_on(runtime, qtbot) -> None:
    """Until the first frame the lockdown watches the window itself (no application-wide filter
    while the window is built: bench/bench_startup.py); from then on every widget's keys, and the
    controls already polished have their accessible descriptions."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from kiosk.screens.attract import AttractScreen

    with kiosk_window(qtbot, runtime, locked=True) as window:
        assert not window._painted
        before = window.lockdown.swallowed
        QTest.keyClick(window, Qt.Key.Key_Escape)  # the window's own keys: swallowed already
        assert window.lockdown.swallowed > before
        qtbot.waitUntil(lambda: window._painted, timeout=WAIT_MS)
        attract = window.screens[Step.ATTRACT]
        assert isinstance(attract, AttractScreen)
        before = window.lockdown.swallowed
        QTest.keyClick(attract.search, Qt.Key.Key_Escape)  # a field's keys: the application's filter
        assert window.lockdown.swallowed > before
        assert attract.large_button.accessibleDescription()
        assert attract.search.accessibleName()


def _refused(url: str) -> bool:
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port), timeout=2).close()
    except OSError:
        return True
    return False


def test_the_demo_hub_started_later_answers_a_request_made_while_it_starts(tmp_path: Path) -> None:
    runtime = build_runtime(demo_settings(tmp_path / "data"), demo=True, hub_after_start=True)
    try:
        assert runtime.embedded_hub is None and _refused(runtime.hub.base_url)  # nothing listens yet
        runtime.start()
        assert runtime.sync.send_heartbeat()  # waits for the hub, then goes through
        assert runtime.embedded_hub is not None
        assert runtime.hub.base_url == runtime.embedded_hub.url
        terminal = runtime.settings.terminal.terminal_id
        assert terminal in {row.terminal_id for row in runtime.embedded_hub.service.fleet.terminals()}
    finally:
        runtime.close()
    assert _refused(runtime.hub.base_url)


def test_closing_while_the_demo_hub_starts_leaves_nothing_listening(tmp_path: Path) -> None:
    runtime = build_runtime(demo_settings(tmp_path / "data"), demo=True, hub_after_start=True)
    runtime.start()
    runtime.close()
    thread = runtime._hub_thread
    assert thread is not None and not thread.is_alive()
    assert _refused(runtime.hub.base_url)


CHILD = textwrap.dedent(
    """
    import json, os, sys
    sys.path.insert(0, {root!r})
    from pathlib import Path
    from kiosk.settings import load_settings
    from kiosk.runtime import build_runtime
    from kiosk.app import make_application
    settings = load_settings(Path({config!r}))
    runtime = build_runtime(settings)
    app = make_application()
    from kiosk.window import KioskWindow
    window = KioskWindow(runtime)
    window.resize(1920, 1080)
    window.show()
    loaded = [name for name in {heavy!r} if name in sys.modules]
    window.close()
    runtime.close()
    print(json.dumps(loaded))
    """
)


def test_a_terminal_window_is_built_without_what_its_first_frame_does_not_need(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "secrets").mkdir(parents=True)
    (data / "secrets" / "hub_secret").write_text("test-terminal-secret-0123456789abcdef\n", encoding="utf-8")
    (data / "secrets" / "hub_secret").chmod(0o600)
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[terminal]\ndata_dir = "{data}"\nfullscreen = false\n\n[hub]\nurl = "http://127.0.0.1:9"\n',
                      encoding="utf-8")
    code = CHILD.format(root=str(ROOT), config=str(config), heavy=HEAVY)
    for start in ("first", "second"):  # the second start opens files already migrated
        env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
               "QT_LOGGING_RULES": "qt.multimedia.*=false"}
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-2000:]
        loaded = json.loads(done.stdout.strip().splitlines()[-1])
        if start == "second":
            assert loaded == [], f"loaded before the first frame: {loaded}"


def test_an_outbox_whose_steps_all_ran_opens_without_sqlite_utils(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite"
    open_database(path, OUTBOX).close()  # the first start migrates (with sqlite-utils)
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); from pathlib import Path; "
            "from offline_cache.schema import OUTBOX, open_database; "
            f"open_database(Path({str(path)!r}), OUTBOX).close(); "
            "print('sqlite_utils' in sys.modules, 'numpy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["False", "False"]
