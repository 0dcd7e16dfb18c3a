"""Start the Qt application: one stylesheet, CJK fonts, the window, full screen by default."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from kiosk import heap
from kiosk.app_style import stylesheet
from kiosk.runtime import Runtime

log = logging.getLogger(__name__)



def make_application(argv: list[str] | None = None):  # -> QApplication
    """The QApplication, created once, with the kiosk's look applied."""
    os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")
    heap.limit_arenas()  # before Qt's threads (kiosk/heap.py)
    from kiosk.keyboard import prepare_environment

    prepare_environment()
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("OneStop Kiosk")
    app.setFont(QFont("Noto Sans CJK SC", 18))
    app.setStyleSheet(stylesheet())
    return app


def run_gui(runtime: Runtime, *, demo: bool, windowed: bool, config_path: Path | None = None) -> int:
    """Run the kiosk until it quits; SIGTERM exits 0, SIGINT 130, after a clean close (kiosk/shutdown)."""
    from kiosk.qt_messages import route_qt_messages

    qt_messages = route_qt_messages()  # Qt's warnings into the kiosk's log (before the QApplication)
    app = make_application()
    from kiosk.shutdown import SignalShutdown

    shutdown = SignalShutdown(app)  # before any window: Ctrl-C never lands in an event filter
    from kiosk.watchdog import SystemdNotifier
    from kiosk.watchdog_qt import start_watchdog_pings
    from kiosk.window import KioskWindow

    kiosk_mode = not windowed and runtime.settings.terminal.fullscreen
    window = KioskWindow(runtime, demo=demo, locked=kiosk_mode, config_path=config_path)
    if kiosk_mode:
        window.fill_screen()
    else:
        window.show_windowed()
    window.when_first_frame(runtime.start)  # card polling, paper watch and sync: after the first frame
    notifier = SystemdNotifier()
    pings = start_watchdog_pings(app, notifier)  # on the GUI thread: a hung loop stops the pings
    notifier.ready()
    app.aboutToQuit.connect(notifier.stopping)
    try:
        return shutdown.exit_code(app.exec())
    finally:
        pings.stop()
        window.leave_kiosk_mode()
        window.close()  # the page stops its timers and device work before the runtime goes
        runtime.close()
        log.info("shutdown complete: sync stopped, devices released, outbox closed")
        shutdown.restore()
        qt_messages.stop()
