"""What application-wide event filters written in Python cost a page change: prints figures only.

A page of 350 widgets (ten cards of 30 labels and 5 line edits, like the merged form's sections)
is hidden and shown again, card by card, 20 rounds per reading. Readings, interleaved round by
round so that a busy machine slows them alike:

  none        no Python filter on the application (the floor)
  1, 2, 3     that many plain Python filters on the application, each asking the event's type,
              as the kiosk had them (accessible names, idle guard, lockdown)
  dispatcher  kiosk.app_events.ApplicationEvents with those three as watchers of their own
              event types, as the kiosk has them now

Each as a median ms per round and a ratio to the floor.

    .venv/bin/python bench/bench_event_filters.py [--rounds 20] [--repeats 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.accessibility import AccessibleControls
from kiosk.app_events import ApplicationEvents
from kiosk.idle import IdleGuard
from kiosk.lockdown import Lockdown

WATCHED = (Lockdown.WATCHES, IdleGuard.WATCHES, AccessibleControls.WATCHES)
"""The kiosk's three watchers' event types, in the order kiosk/window.py adds them."""


class TypeAsking(QObject):
    """A filter as the kiosk's were: asks every event's type, acts on a few."""

    def __init__(self, kinds: tuple[QEvent.Type, ...]) -> None:
        super().__init__()
        self.kinds = frozenset(kinds)
        self.seen = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self.kinds:
            self.seen += 1
        return False


def build_page() -> tuple[QWidget, list[QWidget]]:
    page = QWidget()
    column = QVBoxLayout(page)
    cards = []
    for _ in range(10):
        card = QWidget()
        rows = QVBoxLayout(card)
        for index in range(30):
            rows.addWidget(QLabel(f"字段 {index}"))
        for _ in range(5):
            rows.addWidget(QLineEdit())
        column.addWidget(card)
        cards.append(card)
    page.resize(1200, 3000)
    page.show()
    return page, cards


def one_round(app: QApplication, cards: list[QWidget], rounds: int) -> float:
    started = time.perf_counter()
    for _ in range(rounds):
        for card in cards:
            card.setHidden(True)
        app.processEvents()
        for card in cards:
            card.setHidden(False)
        app.processEvents()
    return (time.perf_counter() - started) * 1000 / rounds


def installed(app: QApplication, setup: str) -> list[QObject]:
    """Install the filters of one setup; returns them (uninstall with `app.removeEventFilter`)."""
    if setup == "none":
        return []
    if setup == "dispatcher":
        dispatcher = ApplicationEvents()
        for kinds in WATCHED:
            dispatcher.watch(TypeAsking(kinds), kinds)
        filters: list[QObject] = [dispatcher]
    else:
        filters = [TypeAsking(kinds) for kinds in WATCHED[: int(setup)]]
    for one in filters:
        app.installEventFilter(one)
    return filters


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="hide+show rounds per reading")
    parser.add_argument("--repeats", type=int, default=5, help="readings per setup")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    _page, cards = build_page()
    app.processEvents()
    setups = ("none", "1", "2", "3", "dispatcher")
    readings: dict[str, list[float]] = {s: [] for s in setups}
    for _ in range(args.repeats):
        for setup in setups:
            filters = installed(app, setup)
            readings[setup].append(one_round(app, cards, args.rounds))
            for one in filters:
                app.removeEventFilter(one)
    floor = statistics.median(readings["none"])
    print(f"Page of 350 widgets hidden and shown, card by card: ms per round, median of {args.repeats} "
          f"readings of {args.rounds} rounds")
    for setup in setups:
        value = statistics.median(readings[setup])
        name = {"none": "no Python filter (floor)", "dispatcher": "one dispatcher, 3 watchers"}.get(
            setup, f"{setup} Python filter{'s' if setup != '1' else ''}")
        print(f"  {name:<28} {value:7.1f} ms  {value / floor:5.2f}× floor")


if __name__ == "__main__":
    main()
