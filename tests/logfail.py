"""Fail a test when the code logs a warning it did not expect, or Qt prints one.

What a clerk or a technician would see in the journal is what a test must see
too (the idea of qutebrowser's tests/helpers/logfail.py). Two channels:

- Python logging: every record at WARNING or above reaching the root logger
  during a test's set-up or call fails that test, unless the test takes the
  `caplog` fixture (it then looks at the records itself and asserts on them),
  is marked `@pytest.mark.expect_log(r"pattern", ...)`, or the record matches
  KNOWN below.
- Qt's own messages: they are not routed through a Python message handler
  (that deadlocks while Qt Virtual Keyboard's QML loads: Qt calls the handler
  from its type-loader thread while the GUI thread holds the GIL), so
  QT_MESSAGE_PATTERN tags them on stderr, which pytest captures at the file
  descriptor, and a Qt warning/critical line in a test's captured stderr fails
  it the same way.

KNOWN lists the messages we accept, each with the reason; keep it short. Qt's own harmless
messages are kiosk.qt_messages.KNOWN_HARMLESS, which the kiosk's log and this check share.

It is on for every run. `ONESTOP_LOGFAIL=off` turns it off (only to bisect a failure), and
`ONESTOP_LOGFAIL_SURVEY=FILE` lists what would fail, one line per test and message, without
failing anything: the way to survey the whole suite after a change to logging.
"""

from __future__ import annotations

import logging
import re

import pytest

from kiosk.qt_messages import KnownMessage as Known
from kiosk.qt_messages import known_harmless, parse_line

KNOWN: tuple[Known, ...] = (
    Known(
        r"This plugin does not support (raise\(\)|grabbing the keyboard|grabbing the mouse)",
        "the offscreen platform used by the fast tests has no window stacking or grabs; the lockdown "
        "tests on a real X server (xcb) check the grab itself",
    ),
    Known(
        r"propagateSizeHints\(\)",
        "the offscreen and xcb platform plugins say they cannot pass size hints to a window manager; "
        "the kiosk sets its geometry itself",
    ),
)


class RecordCollector(logging.Handler):
    """Keeps the WARNING+ records of the test that is running."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def expected_patterns(item: pytest.Item) -> list[str]:
    return [p for marker in item.iter_markers("expect_log") for p in marker.args]


def unexpected(texts: list[str], item: pytest.Item) -> list[str]:
    allowed = expected_patterns(item)
    return [
        text
        for text in texts
        if not any(k.matches(text) for k in KNOWN) and not any(re.search(p, text) for p in allowed)
    ]


def record_text(record: logging.LogRecord) -> str:
    return f"{record.levelname} {record.name}: {record.getMessage()}"


def qt_warnings(captured_stderr: str) -> list[str]:
    """Qt's warning and worse lines in a test's captured stderr, as "Qt warning: message"."""
    found = []
    for raw in captured_stderr.splitlines():
        line = parse_line(raw)
        if line is not None and line.level >= logging.WARNING and known_harmless(line.message) is None:
            found.append(f"Qt {logging.getLevelName(line.level).lower()}: {line.message}")
    return found
