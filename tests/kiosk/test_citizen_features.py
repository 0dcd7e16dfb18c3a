"""What a citizen can change on the attract screen, and that none of it (or their data) reaches the next."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel, QLineEdit

from flows.journey import Step
from kiosk.app_style import stylesheet
from kiosk.presentation import Mode
from kiosk.walkthrough import Walker

pytestmark = [pytest.mark.gui, pytest.mark.hub]

FIRST = {"name": "张伟", "id": "310104198503123011", "company": "上海徐汇伟豆咖啡有限公司",
         "phone": "13816620001"}


def visible_tiles(window) -> set[str]:
    attract = window.screens[Step.ATTRACT]
    return {theme_id for theme_id, tile in attract.tiles.items() if not tile.isHidden()}


def test_search_finds_drinks_by_an_everyday_word_and_by_initials(window, qtbot) -> None:
    attract = window.screens[Step.ATTRACT]
    attract.search.setText("奶茶")
    assert visible_tiles(window) == {"drinks"}
    assert "奶茶" in attract.guidance.text()
    attract.search.setText("kfd")  # 开咖啡店 and 开饭店 share their initials
    assert visible_tiles(window) == {"coffee", "restaurant"}
    attract.search.setText("kafei")
    assert visible_tiles(window) == {"coffee"}
    attract.search.setText("§§§")
    assert len(visible_tiles(window)) == 5  # nothing found: everything stays on offer
    attract.search.clear()
    assert len(visible_tiles(window)) == 5


def test_english_switch_translates_screens_and_catalog_texts(window, qtbot) -> None:
    walker = Walker(window)
    walker.tap("LanguageButton")
    attract = window.screens[Step.ATTRACT]
    assert attract.headline.text() and attract.headline.text() != "一件事 一次办"
    assert "Open a coffee shop" in attract.tiles["coffee"].text()
    walker.tap("theme-coffee")
    consent = window.screens[Step.CONSENT]
    assert all(ord(c) < 0x3000 for c in consent.next_button.text())  # no Chinese left on the button
    walker.tap("CancelButton")
    assert window.ctx.lang == "zh_CN"  # the next citizen starts in the terminal's language
    assert window.screens[Step.ATTRACT].tiles["coffee"].text() == "我要开咖啡店"


def test_large_text_is_bigger_and_resets_for_the_next_citizen(window, qtbot) -> None:
    walker = Walker(window)
    normal = window.screens[Step.ATTRACT].headline.font().pixelSize()
    walker.tap("LargeTextButton")
    qtbot.wait(50)
    large = window.screens[Step.ATTRACT].headline.font().pixelSize()
    assert large > normal
    assert window.stack.currentWidget().styleSheet() == stylesheet(large=True)  # the large layer, on the page
    assert QApplication.instance().styleSheet() == stylesheet()  # laid on the window's parts, not app-wide
    walker.tap("theme-coffee")
    walker.tap("CancelButton")
    qtbot.wait(50)
    assert window.stack.currentWidget().styleSheet() == ""  # the application's own sheet again
    assert window.screens[Step.ATTRACT].headline.font().pixelSize() == normal  # what the next citizen sees
    assert window.aids.mode == Mode.NORMAL
    assert not window.screens[Step.ATTRACT].large_button.isChecked()


def test_voice_toggle_never_fails_without_a_speech_engine(window) -> None:
    walker = Walker(window)
    walker.tap("VoiceButton")  # with or without an engine: never an error (logfail fails on a warning)
    assert window.aids.voice_on  # the citizen's choice holds; test_voice_sound proves the sound itself
    walker.tap("theme-coffee")
    assert window.journey.step == Step.CONSENT
    walker.tap("CancelButton")
    assert not window.aids.voice_on  # the next citizen starts silent


def test_two_citizens_back_to_back_leave_nothing_of_the_first(window, runtime, qtbot) -> None:
    Walker(window).walk("coffee", "zhang_wei")
    window.background.wait(5000)
    second = Walker(window)
    second.wait_step(Step.ATTRACT)
    second.tap("theme-drinks")
    second.tap("NextButton")
    second.wait_step(Step.IDENTITY)
    second.demo_device("demo-card-li_na")
    second.wait_step(Step.BUSINESS)
    visit = window.journey.visit
    assert visit.identity["name"] == "李娜"
    # only what her own profile implies is preselected (flows/inference.py), nothing of the first
    from flows.inference import default_answers
    own = default_answers(window.journey.business_questions(), {}, visit.person_profile)
    assert visit.answers == own and visit.typed == {} and visit.uscc == ""
    texts: list[str] = []
    for widget in window.findChildren(QLabel) + window.findChildren(QLineEdit):
        texts.append(widget.text())
    for widget in window.findChildren(QAbstractButton):
        texts.append(widget.text())
    for widget in window.findChildren(QComboBox):
        texts.extend(widget.itemText(i) for i in range(widget.count()))
    everything = "\n".join(texts)
    for secret in FIRST.values():
        assert secret not in everything
    licence = window.screens[Step.LICENCE]
    pixmap = licence.preview.pixmap()
    assert pixmap is None or pixmap.isNull() or pixmap.toImage() == QImage()  # no old licence frame kept
    done = window.screens[Step.DONE]
    assert done.application.text() == ""


def test_next_field_to_fill_scrolls_past_the_prefilled_ones(window, qtbot) -> None:
    from kiosk.walkthrough import typical_answers

    walker = Walker(window)
    theme = window.journey.catalog.theme("coffee")
    walker.tap("theme-coffee")
    walker.tap("NextButton")
    walker.wait_step(Step.IDENTITY)
    walker.demo_device("demo-card-zhang_wei")
    walker.wait_step(Step.BUSINESS)
    walker.take_card_back()
    answers = typical_answers(theme)
    for question_id, value in answers.items():
        window.journey.answer(question_id, value)
    window.journey.finish_business()
    window.journey.finish_situation()
    walker.wait_step(Step.LICENCE)
    walker.demo_device("demo-licence-zhang_wei")
    walker.wait_step(Step.REVIEW)
    review = window.screens[Step.REVIEW]
    waiting = review.to_fill()
    assert waiting and str(len(waiting)) in review.to_fill_button.text()
    last = review.editors[waiting[-1]]
    review.scroll.verticalScrollBar().setValue(review.scroll.verticalScrollBar().maximum())
    walker.pump(0.1)
    first = review.editors[waiting[0]]
    assert first.visibleRegion().isEmpty()  # scrolled away to the bottom, as after reading the form
    walker.tap("NextToFill")
    walker.pump(0.1)
    assert not first.visibleRegion().isEmpty()  # brought back to the first field waiting
    assert last is not first


def test_checklist_select_all_and_print_before_submitting(window, runtime, qtbot) -> None:
    from pathlib import Path

    walker = Walker(window)
    walker.tap("theme-restaurant")
    walker.tap("NextButton")
    walker.wait_step(Step.IDENTITY)
    walker.demo_device("demo-card-li_na")
    walker.wait_step(Step.BUSINESS)
    walker.take_card_back()
    walker._answer_all(lambda: window.journey.business_questions(), {})
    walker.tap("NextButton")
    walker.wait_step(Step.SITUATION)
    walker._answer_all(lambda: window.journey.situation_questions(), {"manager_is_applicant": True})
    walker.tap("NextButton")
    walker.wait_step(Step.LICENCE)
    walker.demo_device("demo-licence-li_na")
    walker.wait_step(Step.REVIEW)
    walker._fill_review()
    walker.tap("NextButton")
    walker.wait_step(Step.CHECKLIST)
    screen = window.screens[Step.CHECKLIST]
    held = [m for m, pick in screen.material_buttons.items() if not pick.isChecked()]
    assert held, "materials the e-licence library holds start unticked"
    walker.tap("SelectAllMaterials")
    assert all(pick.isChecked() for pick in screen.material_buttons.values())
    walker.tap("SelectAllMaterials")
    assert screen.chosen() == []
    first = next(iter(screen.material_buttons))
    walker.tap(screen.material_buttons[first])
    walker.tap("PrintChecklist")
    qtbot.waitUntil(lambda: "已打印" in screen.print_note.text(), timeout=10000)
    slip = sorted((Path(runtime.data_dir) / "receipts").glob("receipt_*.bin"))[-1].read_bytes()
    chosen_name = window.journey.catalog.materials[first].name_zh
    assert chosen_name.encode("gb18030") in slip
    others = [window.journey.catalog.materials[m].name_zh for m in screen.material_buttons if m != first]
    assert not any(name.encode("gb18030") in slip for name in others)
    assert b"310115199206084224" not in slip and "李娜".encode("gb18030") not in slip
    assert window.journey.step == Step.CHECKLIST and window.journey.visit.application_id == ""


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_page_fits_a_portrait_screen(window, lang: str) -> None:
    """1080×1920 portrait: no page may force the window wider than the screen."""
    window.resize(1080, 1920)
    widths: dict[str, int] = {}

    def measure(step: str, win) -> None:
        widths[step] = win.minimumSizeHint().width()

    window.set_language(lang)
    Walker(window, on_screen=measure).walk("coffee", "zhang_wei")
    too_wide = {step: width for step, width in widths.items() if width > 1080}
    assert too_wide == {}
    assert window.width() <= 1080
