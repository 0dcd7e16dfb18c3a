"""Qt's warnings reach Python logging through the stderr pipe, and loading the keyboard never hangs."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import textwrap
from pathlib import Path

from kiosk.qt_messages import parse_line

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import json, logging, sys
    records = []
    class Keep(logging.Handler):
        def emit(self, record):
            records.append([record.name, record.levelname, record.getMessage()])
    logging.getLogger().addHandler(Keep())
    from kiosk.qt_messages import route_qt_messages
    router = route_qt_messages()
    from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
    app = QApplication([])
    from kiosk.keyboard import KeyboardPanel, prepare_environment
    page = QWidget(); column = QVBoxLayout(page); field = QLineEdit(); column.addWidget(field)
    panel = KeyboardPanel(page); column.addWidget(panel)   # QML loads on Qt's loader thread
    from PySide6.QtCore import qWarning
    qWarning("probe: Qt's own warning channel")
    print("python's own stderr line", file=sys.stderr, flush=True)
    app.processEvents()
    router.stop()
    print(json.dumps({"records": records, "keyboard": panel.available}))
    """
)


def test_qt_warnings_become_log_records_and_the_keyboard_loads_without_a_deadlock() -> None:
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["keyboard"] is True
    warnings = [r for r in result["records"] if r[0].startswith("qt") and r[1] == "WARNING"]
    assert ["qt", "WARNING", "probe: Qt's own warning channel"] in warnings, result
    assert not any(r[0] == "stderr" or "python's own" in r[2] for r in result["records"])
    assert "python's own stderr line" in done.stderr  # still reaches the journal
    assert "probe: Qt's own warning channel" in done.stderr


def test_tagged_lines_keep_their_level_and_category() -> None:
    line = parse_line("[qt.critical] {qt.qpa.xcb} could not connect to display")
    assert line is not None
    assert (line.level, line.logger) == (logging.ERROR, "qt.qpa.xcb")
    assert line.message == "could not connect to display"
    plain = parse_line("[qt.warning] {default} QWidget::setLayout: Attempting to set QLayout")
    assert plain is not None and plain.logger == "qt" and plain.level == logging.WARNING
    assert parse_line("Traceback (most recent call last):") is None


KNOWN_LINES = CHILD.replace(
    'qWarning("probe: Qt\'s own warning channel")\n',
    "import os\n"
    "logging.getLogger().setLevel(logging.INFO)\n"
    "for _ in range(3):  # as when the keyboard opens on three fields\n"
    "    os.write(2, b'[qt.warning] {default} QQmlExpression: Expression qrc:/qt-project.org/imports/'\n"
    "                b'QtQuick/VirtualKeyboard/Components/Keyboard.qml:49:5 depends on non-bindable '\n"
    "                b'properties:\\n[qt.warning] {default}     QLineEdit::echoMode\\n')\n"
    "qWarning(\"probe: Qt's own warning channel\")\n",
)


def test_qt_known_harmless_messages_are_logged_once_a_run_and_others_every_time() -> None:
    assert KNOWN_LINES != CHILD
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", KNOWN_LINES], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    records = json.loads(done.stdout.strip().splitlines()[-1])["records"]
    keyboard = [r for r in records if "non-bindable" in r[2]]
    echo_mode = [r for r in records if "QLineEdit::echoMode" in r[2]]
    assert [r[1] for r in keyboard] == ["INFO"] and "logged once a run" in keyboard[0][2]
    assert [r[1] for r in echo_mode] == ["INFO"]
    assert ["qt", "WARNING", "probe: Qt's own warning channel"] in records  # the rest, as before
    assert done.stderr.count("depends on non-bindable") == 3  # the journal keeps every one
