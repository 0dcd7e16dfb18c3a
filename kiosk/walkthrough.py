"""Walk the kiosk through a whole visit by taps, as a person would, counting taps and typing.

Used by `main.py demo --screenshots DIR` and by the GUI tests. It clicks real
buttons found by object name, types into real fields, and waits (bounded) for
the screens the journey moves to; the simulated devices stand in for a hand
placing a card or holding up a licence.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QScrollArea, QWidget

from flows.journey import Step
from kiosk.widgets import ChoiceButtons, MultiChoice

# What a citizen would type for a field the kiosk could not fill, by input kind;
# text fields with a format try these candidates in turn.
SAMPLE_INPUT: dict[str, str] = {
    "text": "示例",
    "phone": "13800138000",
    "date": "2026-12-01",
    "postcode": "200030",
    "id_number": "11010519491231002X",
    "uscc": "91310104MA1FR0000C",
}
SAMPLE_ADDRESS = "上海市徐汇区漕溪北路1号"
TEXT_CANDIDATES = ("示例", "08:00-22:00", "男", "someone@example.cn", "A1")


def sample_input(element: Any) -> str:
    """A value a citizen might type that the element accepts (for walks and tests)."""
    if element.kind == "number":
        low = element.min if element.min is not None else 1
        return str(int(max(low, 1)))
    if element.kind == "text" and element.pattern:
        for candidate in TEXT_CANDIDATES:
            if re.fullmatch(element.pattern, candidate):
                return candidate
    return SAMPLE_INPUT.get(element.kind, "示例")


def typical_answers(theme: Any) -> dict[str, Any]:
    """A small shop's answers: first choices, "no" to the situations — but "yes, I manage food safety"."""
    answers: dict[str, Any] = {}
    for question in theme.questions():
        if question.kind == "bool":
            answers[question.id] = question.id == "manager_is_applicant"
        elif question.kind == "multi":
            answers[question.id] = [question.options[0].id]
        else:
            answers[question.id] = question.options[0].id
    return answers


class WalkError(RuntimeError):
    """The walk could not go on; says at which step and why."""


@dataclass
class WalkResult:
    theme_id: str
    taps: int = 0
    typed_chars: int = 0
    application_id: str = ""
    screens: list[str] = field(default_factory=list)


class Walker:
    def __init__(self, window: Any, *, timeout_s: float = 30.0,
                 on_screen: Callable[[str, QWidget], None] | None = None,
                 settle_s: float | None = None) -> None:
        self.window = window
        self.settle_s = settle_s if settle_s is not None else 0.3 if on_screen is not None else 0.05
        self.journey = window.journey
        self.timeout_s = timeout_s
        self.on_screen = on_screen
        self.result = WalkResult("")

    # -- primitives -------------------------------------------------------------
    def pump(self, seconds: float = 0.05) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.005)

    def wait_for(self, condition: Callable[[], bool], what: str, timeout_s: float | None = None) -> None:
        deadline = time.monotonic() + (timeout_s or self.timeout_s)
        while not condition():
            if time.monotonic() > deadline:
                raise WalkError(f"timed out waiting for {what} (at step {self.journey.step.value})")
            self.pump(0.02)

    def wait_step(self, step: Step) -> None:
        self.wait_for(lambda: self.journey.step == step, f"step {step.value}")
        self.seen(step.value)

    def seen(self, page: str) -> None:
        """A page as the citizen now sees it: counted, and shown to `on_screen` (a picture, a check)."""
        self.pump(self.settle_s)  # let a long page lay out (and paint, for a picture) first
        self.result.screens.append(page)
        if self.on_screen is not None:
            self.on_screen(page, self.window)

    def choose_mode(self, lang: str, toggles: tuple[str, ...] = ()) -> None:
        """On the attract screen, as a citizen would: the language button, then e.g. 大字模式."""
        self.wait_for(lambda: self.journey.step == Step.ATTRACT, "the attract screen")
        if self.window.ctx.lang != lang:
            self.tap("LanguageButton")
            self.wait_for(lambda: self.window.ctx.lang == lang, f"language {lang}")
        for name in toggles:
            toggle = self.find(name)
            if isinstance(toggle, QAbstractButton) and not toggle.isChecked():
                self.tap(toggle)

    def find(self, name: str) -> QWidget:
        screen = self.window.stack.currentWidget()
        widget = screen.findChild(QWidget, name) or self.window.findChild(QWidget, name)
        if widget is None:
            raise WalkError(f"no widget named {name!r} on step {self.journey.step.value}")
        return widget

    def tap(self, target: str | QWidget, *, count: bool = True) -> None:
        widget = self.find(target) if isinstance(target, str) else target
        if not widget.isVisible() or not widget.isEnabled():
            raise WalkError(f"{widget.objectName()!r} cannot be tapped now")
        self.scroll_into_view(widget)
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(widget.width() // 2, widget.height() // 2))
        self.result.taps += count
        self.pump(0.02)

    def scroll_into_view(self, widget: QWidget) -> None:
        """Scroll as a finger would so the widget is on screen (a tap lands on what is visible)."""
        parent = widget.parentWidget()
        while parent is not None:
            if isinstance(parent, QScrollArea):
                parent.ensureWidgetVisible(widget, 10, 10)
                self.pump(0.02)
                return
            parent = parent.parentWidget()

    def type_text(self, editor: QLineEdit, text: str) -> None:
        """Type as the input method does (pinyin commits Chinese), then leave the field."""
        self.tap(editor)
        editor.setFocus()
        editor.clear()
        event = QInputMethodEvent()
        event.setCommitString(text)
        QCoreApplication.sendEvent(editor, event)
        editor.editingFinished.emit()
        self.result.typed_chars += len(text)
        self.pump(0.02)

    def take_card_back(self) -> None:
        """The citizen lifts the card off the reader once it has been read."""
        reader = self.window.runtime.devices.idcard
        if hasattr(reader, "remove"):
            reader.remove()

    def demo_device(self, name: str) -> None:
        """A demo stand-in for a hand at a device; not counted as a tap on the screen."""
        widget = self.find(name)
        if not isinstance(widget, QAbstractButton):
            raise WalkError(f"{name!r} is not a demo control")
        widget.click()
        self.pump(0.02)

    # -- the visit ----------------------------------------------------------------
    def walk(self, theme_id: str, citizen_key: str, answers: dict[str, Any] | None = None,
             delivery: str = "pickup") -> WalkResult:
        """A whole visit, tile to rating; `answers` default to the theme's most answers."""
        self.walk_to_delivery(theme_id, citizen_key, answers)
        return self.finish_visit(delivery)

    def walk_to_delivery(self, theme_id: str, citizen_key: str,
                         answers: dict[str, Any] | None = None) -> None:
        """From the tile to the delivery screen, answering as `answers` say (preselected choices kept)."""
        self.result = WalkResult(theme_id)
        self.wait_step(Step.ATTRACT)
        self.tap(f"theme-{theme_id}")
        self.wait_step(Step.CONSENT)
        self.tap("NextButton")
        self.wait_step(Step.IDENTITY)
        self.demo_device(f"demo-card-{citizen_key}")
        self.wait_step(Step.BUSINESS)
        self.take_card_back()
        theme = self.journey.catalog.theme(theme_id)
        wanted = dict(theme.max_answers) if answers is None else dict(answers)
        self._answer_all(lambda: self.journey.business_questions(), wanted)
        self.tap("NextButton")
        if self.journey.step == Step.BUSINESS:
            raise WalkError(self.window.stack.currentWidget().error.text())
        if self.journey.situation_questions():
            self.wait_step(Step.SITUATION)
            self._answer_all(lambda: self.journey.situation_questions(), wanted)
            self.tap("NextButton")
        self.wait_step(Step.LICENCE)
        self.demo_device(f"demo-licence-{citizen_key}")
        self.wait_step(Step.REVIEW)
        self._fill_review()
        self.tap("NextButton")
        self.wait_step(Step.CHECKLIST)
        self.tap("NextButton")
        self.wait_step(Step.DELIVERY)

    def finish_visit(self, delivery: str = "pickup") -> WalkResult:
        """From the delivery screen to the rating: the method tapped only if not already chosen."""
        choice = self.find(f"delivery-{delivery}")
        if isinstance(choice, QAbstractButton) and not choice.isChecked():
            self.tap(choice)
        if delivery == "courier":
            address = self.find("DeliveryAddress")
            if isinstance(address, QLineEdit) and not address.text().strip():
                self.type_text(address, SAMPLE_ADDRESS)  # no address on file: the citizen types one
            self.seen("delivery-courier")
        self.tap("NextButton")
        self.wait_step(Step.DONE)
        done = self.window.stack.currentWidget()
        self.wait_for(lambda: not done.spinner.isVisible(), "the receipt")
        self.result.application_id = self.journey.visit.application_id
        self.seen("done-printed")
        self.tap("rating-5")
        self.tap("NextButton")
        self.wait_for(lambda: self.journey.step == Step.ATTRACT, "back to attract")
        return self.result

    def _answer_all(self, questions: Callable[[], list[Any]], wanted: dict[str, Any]) -> None:
        """Answer each shown question (those that appear on the way too), bounded."""
        answered: set[str] = set()
        for _ in range(50):
            pending = [q for q in questions() if q.id not in answered]
            if not pending:
                return
            question = pending[0]
            answered.add(question.id)
            values = _values_for(question, wanted.get(question.id))
            self._page_to(f"q-{question.id}-{values[0]}")
            for value in values:
                if not _already_chosen(question, self.journey.visit.answers.get(question.id), value):
                    self.tap(f"q-{question.id}-{value}")  # a person does not tap what is already chosen
        raise WalkError("more than 50 questions on one screen")

    def _page_to(self, name: str) -> None:
        """长辈模式 shows one question a screen: tap Next until the question is on screen (bounded)."""
        for _ in range(30):
            widget = self.window.stack.currentWidget().findChild(QWidget, name)
            if widget is not None and widget.isVisible():
                return
            self.tap("NextButton")
        raise WalkError(f"{name!r} never came on screen")

    def _fill_review(self) -> None:
        screen = self.window.stack.currentWidget()
        for key, editor in list(screen.editors.items()):
            filled = self.journey.filled.values.get(key)
            if filled is not None and not filled.is_empty:
                continue
            merged_field = self.journey.merged.field(key)
            if not merged_field.required:
                continue  # optional and empty: a person in a hurry leaves it
            if isinstance(editor, QComboBox):
                self.tap(editor)
                editor.setCurrentIndex(1)  # the first real choice, as a finger would pick
                self.result.taps += 1
            elif isinstance(editor, ChoiceButtons):
                self.tap(editor.buttons[0][1])  # 是 for yes-no (declarations), the first option otherwise
            elif isinstance(editor, MultiChoice):
                self.tap(next(iter(editor.buttons.values())))
            elif isinstance(editor, QLineEdit) and not editor.isReadOnly():
                element = self.journey.catalog.elements[merged_field.element_id]
                self.type_text(editor, sample_input(element))
        self.pump(0.05)


def _already_chosen(question: Any, answer: Any, value: Any) -> bool:
    if question.kind == "multi":
        return value in (answer or [])
    return answer is not None and answer == value


def _values_for(question: Any, wanted: Any) -> list[Any]:
    if question.kind == "bool":
        return [bool(wanted)] if wanted is not None else [False]
    if question.kind == "multi":
        chosen = wanted if isinstance(wanted, list) and wanted else [question.options[0].id]
        return list(chosen)
    return [wanted if wanted is not None else question.options[0].id]
