"""The one application-wide filter hands each event only to the watchers of its type, in order."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from kiosk.app_events import ApplicationEvents

pytestmark = pytest.mark.gui


class Recorder(QObject):
    def __init__(self, log: list[tuple[str, QEvent.Type]], name: str, swallow: bool = False) -> None:
        super().__init__()
        self.log, self.name, self.swallow = log, name, swallow

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.log.append((self.name, event.type()))
        return self.swallow


@pytest.fixture
def events(qtbot):
    app = QApplication.instance()
    dispatcher = ApplicationEvents()
    app.installEventFilter(dispatcher)
    yield dispatcher
    app.removeEventFilter(dispatcher)


def test_a_watcher_sees_only_its_event_types_and_a_swallowed_event_stops_there(events, qtbot) -> None:
    log: list[tuple[str, QEvent.Type]] = []
    field = QLineEdit()
    qtbot.addWidget(field)
    first, second = Recorder(log, "first", swallow=True), Recorder(log, "second")
    events.watch(first, [QEvent.Type.KeyPress])
    events.watch(second, [QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress])
    QTest.keyClick(field, Qt.Key.Key_A)
    assert field.text() == ""  # swallowed by the first watcher: neither the second nor the field saw it
    assert log == [("first", QEvent.Type.KeyPress)]
    log.clear()
    QTest.mouseClick(field, Qt.MouseButton.LeftButton)
    assert log == [("second", QEvent.Type.MouseButtonPress)]


def test_an_unwatched_watcher_hears_nothing_more_and_the_others_keep_their_order(events, qtbot) -> None:
    log: list[tuple[str, QEvent.Type]] = []
    field = QLineEdit()
    qtbot.addWidget(field)
    a, b = Recorder(log, "a"), Recorder(log, "b")
    events.watch(a, [QEvent.Type.KeyPress])
    events.watch(b, [QEvent.Type.KeyPress])
    events.watch(a, [QEvent.Type.KeyPress])  # twice: still called once
    QTest.keyClick(field, Qt.Key.Key_A)
    assert [name for name, kind in log if kind == QEvent.Type.KeyPress] == ["a", "b"]
    events.unwatch(a)
    assert not events.watching(a) and events.watching(b)
    log.clear()
    QTest.keyClick(field, Qt.Key.Key_B)
    assert [name for name, _ in log] == ["b"]
    assert field.text() == "ab"
