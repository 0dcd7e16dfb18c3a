"""Switching the running kiosk between Chinese and English through the compiled Qt catalog."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QTranslator
from PySide6.QtWidgets import QWidget

from kiosk.i18n import CATALOGS, UnsupportedLanguageError, install_language

pytestmark = pytest.mark.gui


def translate(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate("kiosk", text, disambiguation, n)


@pytest.fixture
def app(qapp):
    yield qapp
    install_language(qapp, "zh_CN")


def kiosk_translators(app) -> list[QTranslator]:
    return app.findChildren(QTranslator, "onestop-kiosk-translator")


def test_english_translates_a_known_string(app) -> None:
    assert translate("下一步") == "下一步"
    assert install_language(app, "en") is True
    assert translate("下一步") == "Next"
    assert translate("一件事 一次办") == "One visit, all done"


def test_back_to_chinese_removes_the_translator(app) -> None:
    install_language(app, "en")
    assert install_language(app, "zh_CN") is True
    assert translate("下一步") == "下一步"
    assert kiosk_translators(app) == []


def test_switching_many_times_keeps_one_translator(app) -> None:
    for lang in ("en", "en", "zh_CN", "en", "en"):
        install_language(app, lang)
    assert len(kiosk_translators(app)) == 1
    assert translate("上一步") == "Back"


def test_plural_strings_follow_the_count(app) -> None:
    install_language(app, "en")
    assert translate("还差 %n 位", "", 1) == "1 more character"
    assert translate("还差 %n 位", None, 5) == "5 more characters"


def test_unknown_strings_stay_in_chinese(app) -> None:
    install_language(app, "en")
    assert translate("这句话不在目录里") == "这句话不在目录里"


def test_widgets_are_told_the_language_changed(app, qtbot) -> None:
    class Listener(QWidget):
        changes = 0

        def changeEvent(self, event: QEvent) -> None:
            if event.type() == QEvent.Type.LanguageChange:
                Listener.changes += 1
            super().changeEvent(event)

    widget = Listener()
    qtbot.addWidget(widget)
    install_language(app, "en")
    qtbot.waitUntil(lambda: Listener.changes >= 1, timeout=2000)
    assert Listener.changes >= 1


def test_a_missing_catalog_keeps_the_current_language(app, tmp_path: Path, caplog) -> None:
    install_language(app, "en")
    with caplog.at_level(logging.WARNING, logger="kiosk.i18n"):
        assert install_language(app, "en", {"en": tmp_path / "missing.qm"}) is False
    assert translate("下一步") == "Next"
    assert "missing" in caplog.text


def test_a_damaged_catalog_is_refused(app, tmp_path: Path, caplog) -> None:
    broken = tmp_path / "broken.qm"
    broken.write_bytes(b"not a qm file at all")
    with caplog.at_level(logging.WARNING, logger="kiosk.i18n"):
        assert install_language(app, "en", {"en": broken}) is False
    assert translate("下一步") == "下一步"
    assert "cannot be loaded" in caplog.text


@pytest.mark.parametrize("lang", ["fr", "", "EN", None])
def test_a_language_the_kiosk_does_not_offer_is_a_clear_error(app, lang) -> None:
    with pytest.raises(UnsupportedLanguageError, match="not offered"):
        install_language(app, lang)


def test_the_shipped_catalog_exists() -> None:
    assert CATALOGS["en"].is_file()


def test_catalog_texts_follow_the_language() -> None:
    from flows.catalog import load_catalog
    from kiosk.i18n import catalog_text

    catalog = load_catalog()
    theme = catalog.theme("coffee")
    assert catalog_text(theme, "title", "en") == "Open a coffee shop"
    assert catalog_text(theme, "title", "zh_CN") == "我要开咖啡店"
    question = theme.business_questions[0]
    assert catalog_text(question.options[0], "text", "en") == question.options[0].text_en
    material = next(iter(catalog.materials.values()))
    assert catalog_text(material, "name", "en") == material.name_en


def test_a_missing_english_catalog_text_falls_back_to_chinese() -> None:
    from kiosk.i18n import catalog_text

    class Item:
        help_zh = "说明"
        help_en = None
        note_zh = "备注"
        note_en = "  "

    assert catalog_text(Item(), "help", "en") == "说明"
    assert catalog_text(Item(), "note", "en") == "备注"
    with pytest.raises(AttributeError, match="title_zh"):
        catalog_text(Item(), "title", "en")


def test_the_language_switch_cycles_the_terminals_languages_or_is_absent() -> None:
    from kiosk.i18n import next_language

    assert next_language("zh_CN", ["zh_CN", "en"]) == "en"
    assert next_language("en", ["zh_CN", "en"]) == "zh_CN"
    assert next_language("zh_CN", ["zh_CN"]) is None  # Chinese only: no switch on the attract screen
    assert next_language("zh_CN", ["zh_CN", "zh_CN"]) is None
    assert next_language("en", ["zh_CN", "fr"]) is None  # a language the kiosk has no catalog for
