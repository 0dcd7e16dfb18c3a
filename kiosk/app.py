"""Start the Qt application: one stylesheet, CJK fonts, the window, full screen by default."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from kiosk.runtime import Runtime

log = logging.getLogger(__name__)

ASSETS = Path(__file__).resolve().parents[1] / "assets"
STYLESHEET = ASSETS / "styles" / "kiosk.qss"


def make_application(argv: list[str] | None = None):  # -> QApplication
    """The QApplication, created once, with the kiosk's look applied."""
    os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")
    from kiosk.keyboard import prepare_environment

    prepare_environment()
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("OneStop Kiosk")
    app.setFont(QFont("Noto Sans CJK SC", 18))
    app.setStyleSheet(STYLESHEET.read_text(encoding="utf-8"))
    return app


def run_gui(runtime: Runtime, *, demo: bool, windowed: bool) -> int:
    app = make_application()
    from kiosk.window import KioskWindow

    window = KioskWindow(runtime, demo=demo)
    if windowed or not runtime.settings.terminal.fullscreen:
        window.resize(1920 // 2 + 400, 1080 // 2 + 300)
        window.show()
    else:
        window.showFullScreen()
    runtime.start()
    try:
        return app.exec()
    finally:
        runtime.close()
