"""The whole kiosk in English: a scripted visit with the English catalog shows no untranslated tr() text.

Builds the real window on a demo runtime (simulated devices, embedded hub on 127.0.0.1)
after install_language(app, "en") and walks the coffee-shop theme by taps, reading every
label and button on every screen.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import msgspec
import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.i18n import install_language

# no_qt_log: loading the virtual keyboard's QML can hang under pytest-qt's log capture (FACTS.md)
pytestmark = [pytest.mark.gui, pytest.mark.hub, pytest.mark.no_qt_log]

HAN = re.compile(r"[\u3400-\u9fff]")


def source_patterns(tool: ModuleType) -> list[tuple[str, re.Pattern[str]]]:
    """Each translated source as a pattern that also matches it with its place markers filled in."""
    patterns = []
    for message in tool.read_ts():
        if message.finished:
            parts = re.split(r"%(?:\d+|n)", message.source)
            patterns.append((message.source, re.compile(".*".join(re.escape(p) for p in parts), re.S)))
    return patterns


def catalog_chinese_texts() -> set[str]:
    """Chinese texts that come from the catalog (titles, questions, materials…), not from tr().

    The screens pick the catalog's *_en fields themselves in English mode; that is checked
    elsewhere, not by this translation test.
    """
    from flows.catalog import load_catalog

    catalog = load_catalog()
    texts: set[str] = set()

    def collect(value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and key.endswith("_zh") and isinstance(item, str):
                    texts.add(item)
                collect(item)
        elif isinstance(value, list | tuple):
            for item in value:
                collect(item)

    collect(msgspec.to_builtins(catalog))
    return texts


def visible_texts(window: QWidget) -> list[str]:
    texts = [w.text() for w in window.findChildren(QLabel) if w.isVisible()]
    texts += [w.text() for w in window.findChildren(QAbstractButton) if w.isVisible()]
    return [t for t in texts if t.strip()]


@pytest.fixture
def english_window(qtbot, tmp_path: Path) -> Iterator[QWidget]:
    from rigs.demo_terminal import demo_runtime, kiosk_window

    from kiosk.app import make_application

    app = make_application()
    assert install_language(app, "en")
    try:
        with demo_runtime(tmp_path / "data") as runtime, kiosk_window(qtbot, runtime) as window:
            yield window
    finally:
        install_language(app, "zh_CN")


def test_a_whole_visit_in_english_shows_no_untranslated_kiosk_text(english_window, tool: ModuleType) -> None:
    from kiosk.walkthrough import Walker

    patterns = source_patterns(tool)
    assert patterns, "the English catalog is empty"
    from_catalog = catalog_chinese_texts()
    assert "营业执照" in from_catalog
    untranslated: dict[str, str] = {}
    seen_screens: list[str] = []

    def inspect(screen: str, window: QWidget) -> None:
        seen_screens.append(screen)
        for text in visible_texts(window):
            if not HAN.search(text) or text in from_catalog:
                continue
            for source, pattern in patterns:
                if pattern.fullmatch(text):
                    untranslated.setdefault(source, screen)

    walker = Walker(english_window, on_screen=inspect)
    inspect("attract", english_window)
    result = walker.walk("coffee", "zhang_wei")
    assert result.application_id
    assert len(seen_screens) > 3, f"the walk reported too few screens: {seen_screens}"
    assert not untranslated, f"kiosk text shown in Chinese in English mode (source → screen): {untranslated}"


def test_the_attract_screen_greets_in_english(english_window) -> None:
    texts = visible_texts(english_window)
    assert "One visit, all done" in texts
