"""English mode shows no Chinese but the citizen's own data and proper names.

Unlike test_kiosk_in_english (which looks for translated sources shown untranslated),
this test can see a string that never went through tr() at all: every visible label,
button, placeholder and list entry on every page of every theme, and of the error
paths a citizen meets (a garbage QR, a card the reader cannot read, a field typed
wrong, the printer out of paper, the hub away), is searched for Chinese characters
after the allowed ones are taken out: the demo citizen's card, profile and licence
values, what the walk typed, the hall's name, and the language button's own "中文".
"""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import pytest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QWidget

from flows.journey import Step
from kiosk.i18n import install_language

pytestmark = [pytest.mark.gui, pytest.mark.hub]

HAN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")  # ideographs and CJK punctuation
CITIZENS = Path(__file__).resolve().parents[2] / "assets" / "samples" / "citizens.json"
CITIZEN = "zhang_wei"
PROPER_NAMES = ("中文",)  # the language switch names its language in that language
DERIVED_DATA = ("中国",)  # a resident card's nationality, filled from the card type
MASKED_NAME = re.compile(r"[\u4e00-\u9fff]\*+")  # 张* — a citizen's name as the screen masks it


def strings_in(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def citizen_data(key: str) -> list[str]:
    record = next(c for c in json.loads(CITIZENS.read_text(encoding="utf-8"))["citizens"] if c["key"] == key)
    return [s for s in strings_in(record) if HAN.search(s)]


def visible_texts(window: QWidget) -> list[tuple[str, str]]:
    """(widget, text) for every text a person can read on the window now."""
    found: list[tuple[str, str]] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        name = f"{type(widget).__name__}#{widget.objectName()}"
        if isinstance(widget, QLabel | QAbstractButton):
            found.append((name, widget.text()))
        elif isinstance(widget, QLineEdit):
            found.append((name, widget.placeholderText()))
            if widget.isReadOnly():
                found.append((name, widget.text()))
        elif isinstance(widget, QComboBox):
            found += [(name, widget.itemText(i)) for i in range(widget.count())]
        if widget.toolTip():
            found.append((name, widget.toolTip()))
    return [(n, t) for n, t in found if t.strip()]


class ChineseFinder:
    """Collects Chinese left in English mode, page by page, once the allowed data is removed."""

    def __init__(self, allowed: list[str]) -> None:
        self.allowed = sorted({a for a in allowed if a}, key=len, reverse=True)
        self.found: dict[str, str] = {}

    def is_data(self, text: str) -> bool:
        """A field showing part of the citizen's data (the district of their address, say)."""
        return any(text.strip() in allowed for allowed in self.allowed)

    def inspect(self, page: str, window: QWidget) -> None:
        for widget, text in visible_texts(window):
            if self.is_data(text):
                continue
            rest = MASKED_NAME.sub("", text)
            for allowed in self.allowed:
                rest = rest.replace(allowed, "")
            if HAN.search(rest):
                self.found.setdefault(text, f"{page}: {widget}")


def open_window(qtbot, tmp_path: Path, **overrides: Any) -> Iterator[Any]:
    """A demo kiosk window (embedded hub, simulated devices) with these settings changed."""
    from rigs.demo_terminal import demo_runtime, kiosk_window

    from kiosk.app import make_application

    try:
        with demo_runtime(tmp_path / "data", **overrides) as runtime, kiosk_window(qtbot, runtime) as window:
            yield window
    finally:
        install_language(make_application(), "zh_CN")


@pytest.fixture
def english_window(qtbot, tmp_path: Path):
    yield from open_window(qtbot, tmp_path, **{"terminal.language": "en"})


@pytest.fixture
def chinese_only_window(qtbot, tmp_path: Path):
    yield from open_window(qtbot, tmp_path, **{"terminal.languages": ["zh_CN"]})


def allowed_texts(window) -> list[str]:
    from kiosk.walkthrough import SAMPLE_ADDRESS

    return [*citizen_data(CITIZEN), window.runtime.settings.terminal.hall, SAMPLE_ADDRESS, *PROPER_NAMES,
            *DERIVED_DATA]


@pytest.mark.parametrize("theme", ["supermarket", "restaurant", "drinks", "grocery", "coffee"])
def test_every_theme_in_english_shows_only_the_citizens_own_chinese(english_window, theme: str) -> None:
    from kiosk.walkthrough import Walker

    assert english_window.ctx.lang == "en"
    finder = ChineseFinder(allowed_texts(english_window))
    walker = Walker(english_window, on_screen=finder.inspect)
    finder.inspect("attract", english_window)
    result = walker.walk(theme, CITIZEN, delivery="courier")
    assert result.application_id and len(result.screens) > 5
    assert not finder.found, "Chinese in English mode (text → page: widget):\n" + "\n".join(
        f"  {text!r} → {where}" for text, where in finder.found.items()
    )


def dead_address() -> str:
    """An address on 127.0.0.1 where nothing listens (a port just freed): the hub is away."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


def editable_field(window, kind: str) -> QLineEdit:
    """A field of the merged form the citizen types into, of this input kind (a phone number)."""
    screen = window.stack.currentWidget()
    journey = window.journey
    for key, editor in screen.editors.items():
        element = journey.catalog.elements[journey.merged.field(key).element_id]
        if element.kind == kind and isinstance(editor, QLineEdit) and not editor.isReadOnly():
            return editor
    raise AssertionError(f"no editable {kind} field on the review page")


@pytest.mark.expect_log(r"hub lookup [\w-]+ failed: HubUnavailable", r"receipt not printed: PaperOut")
def test_error_paths_in_english_show_no_chinese(english_window) -> None:
    """A garbage QR, a card no profile reads, an expired card, the hub away (lookups fail, the
    application queued), a question left open, a wrong phone number, a full outbox and a printer
    out of paper: each message is seen in English, and the visit still ends with a receipt text."""
    from devices.errors import CardReadError
    from kiosk.walkthrough import Walker

    window = english_window
    runtime = window.runtime
    finder = ChineseFinder([*allowed_texts(window), *citizen_data("chen_expired")])
    walker = Walker(window)
    walker.wait_step(Step.ATTRACT)
    walker.tap("theme-coffee")
    walker.tap("NextButton")
    walker.wait_step(Step.IDENTITY)
    identity = window.stack.currentWidget()
    camera, reader = runtime.devices.camera, runtime.devices.idcard
    camera.show_garbage()  # a QR that is neither a licence nor a city-app code
    walker.wait_for(identity.error.isVisible, "the garbage QR's message")
    finder.inspect("identity: garbage QR", window)
    camera.show_nothing()

    reader.fail_next_read(CardReadError("test: unreadable card"))
    reader.present(CITIZEN)
    garbage_message = identity.error.text()
    walker.wait_for(lambda: identity.error.text() != garbage_message, "the unreadable card's message")
    finder.inspect("identity: unreadable card", window)
    reader.remove()
    unreadable_message = identity.error.text()

    walker.demo_device("demo-card-chen_expired")
    walker.wait_for(lambda: identity.error.text() not in (unreadable_message, garbage_message),
                    "the expired card's message")
    assert window.journey.step == Step.IDENTITY
    finder.inspect("identity: expired card", window)
    reader.remove()

    runtime.hub.base_url = dead_address()  # from here on the hub is away: look-ups fail, sends queue
    walker.demo_device(f"demo-card-{CITIZEN}")
    walker.wait_step(Step.BUSINESS)
    walker.take_card_back()
    walker.tap("NextButton")  # nothing answered yet
    walker.pump(0.3)
    finder.inspect("business: nothing answered", window)
    theme = window.journey.catalog.theme("coffee")
    walker._answer_all(window.journey.business_questions, dict(theme.max_answers))
    walker.tap("NextButton")
    if window.journey.situation_questions():
        walker.wait_step(Step.SITUATION)
        walker._answer_all(window.journey.situation_questions, dict(theme.max_answers))
        walker.tap("NextButton")
    walker.wait_step(Step.LICENCE)
    walker.demo_device(f"demo-licence-{CITIZEN}")
    walker.wait_step(Step.REVIEW)
    review = window.stack.currentWidget()
    walker.type_text(editable_field(window, "phone"), "12345")
    assert review.error.isVisible()
    finder.inspect("review: wrong phone number", window)
    walker._fill_review()
    walker.type_text(editable_field(window, "phone"), "13800138000")
    walker.tap("NextButton")
    walker.wait_step(Step.CHECKLIST)
    finder.inspect("checklist (hub away)", window)
    walker.tap("NextButton")
    walker.wait_step(Step.DELIVERY)

    limits = runtime.outbox.config
    runtime.outbox.config = msgspec.structs.replace(limits, max_pending_count=0)  # the queue is full
    walker.tap("NextButton")
    walker.pump(0.3)
    assert window.journey.step == Step.DELIVERY
    finder.inspect("delivery: outbox full", window)
    runtime.outbox.config = limits

    runtime.devices.printer.set_paper("out")
    walker.tap("NextButton")
    walker.wait_step(Step.DONE)
    done = window.stack.currentWidget()
    walker.wait_for(lambda: not done.spinner.isVisible(), "the receipt's outcome", timeout_s=30)
    finder.inspect("done: queued, printer out of paper", window)
    assert not finder.found, "Chinese in English mode on an error path (text → page: widget):\n" + "\n".join(
        f"  {text!r} → {where}" for text, where in finder.found.items()
    )


def test_a_chinese_only_terminal_shows_no_language_switch(chinese_only_window) -> None:
    """terminal.languages = ["zh_CN"]: the attract screen offers no switch, and a visit that went
    back to the attract screen still has none."""
    from kiosk.walkthrough import Walker

    window = chinese_only_window
    walker = Walker(window)
    walker.wait_step(Step.ATTRACT)
    switch = window.stack.currentWidget().findChild(QAbstractButton, "LanguageButton")
    assert switch is not None and switch.isHidden() and not switch.isVisible()
    assert window.ctx.lang == "zh_CN"
    walker.tap("theme-coffee")
    walker.wait_step(Step.CONSENT)
    walker.tap("CancelButton")
    walker.wait_step(Step.ATTRACT)
    assert switch.isHidden() and not switch.isVisible()
    visible = [w.text() for w in window.findChildren(QAbstractButton) if w.isVisible()]
    assert "English" not in visible and "中文" not in visible
