"""The merged form's rows are kept between visits (speed) and keep nothing of the last citizen."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from flows.journey import Step
from kiosk.walkthrough import Walker, typical_answers


def _review_rows(window) -> list:
    review = window.screens[Step.REVIEW]
    return [row for section in review._sections.values() for row in section.rows]


def test_a_second_visit_reuses_the_rows_and_the_wipe_empties_them(window, qtbot) -> None:
    Walker(window).walk("coffee", "zhang_wei")
    window.background.wait(5000)
    rows = _review_rows(window)
    assert rows, "the review page drew no rows"
    for row in rows:
        editor = row.editor
        if isinstance(editor, QLineEdit):
            assert editor.text() == "" and not editor.isUndoAvailable(), editor.objectName()
        assert row.tag.text() == ""
        assert not editor.property("invalid")
    kept = {id(row.editor) for row in rows}
    walker = Walker(window)
    walker.walk("coffee", "li_na")
    assert {id(row.editor) for row in _review_rows(window)} >= kept  # reused, not made again


def test_only_the_rows_on_the_form_carry_field_names(window, qtbot) -> None:
    walker = Walker(window)
    walker.tap("theme-coffee")
    walker.tap("NextButton")
    walker.wait_step(Step.IDENTITY)
    walker.demo_device("demo-card-zhang_wei")
    walker.wait_step(Step.BUSINESS)
    walker.take_card_back()
    from kiosk.walkthrough import typical_answers

    for question_id, value in typical_answers(window.journey.catalog.theme("coffee")).items():
        window.journey.answer(question_id, value)
    window.journey.finish_business()
    window.journey.finish_situation()
    walker.wait_step(Step.LICENCE)
    walker.demo_device("demo-licence-zhang_wei")
    walker.wait_step(Step.REVIEW)
    review = window.screens[Step.REVIEW]
    named = [w for w in review.findChildren(QLineEdit) if w.objectName().startswith("field-")]
    assert named and all(w.isVisibleTo(review) for w in named)
    assert {w.objectName() for w in named} <= {f"field-{k}" for k in review.editors}


def test_after_two_themes_every_kept_row_of_both_forms_is_empty(window, qtbot) -> None:
    """The wipe clears the rows that were filled; rows of the other theme's form, kept hidden since
    an earlier visit, must hold nothing either (and no choice stays picked)."""
    from kiosk.widgets import ChoiceButtons, MultiChoice

    Walker(window).walk("coffee", "zhang_wei")
    window.background.wait(5000)
    after_one = len(_review_rows(window))
    Walker(window).walk("restaurant", "li_na")
    window.background.wait(5000)
    rows = _review_rows(window)
    assert len(rows) > after_one, "the second theme's form added no rows of its own"
    for row in rows:
        editor = row.editor
        if isinstance(editor, QLineEdit):
            assert editor.text() == "" and not editor.isUndoAvailable(), editor.objectName()
        elif isinstance(editor, ChoiceButtons):
            assert not any(choice.isChecked() for _option, choice in editor.buttons)
        elif isinstance(editor, MultiChoice):
            assert not any(choice.isChecked() for choice in editor.buttons.values())
        assert row.tag.text() == "" and not editor.toolTip()


def test_the_first_form_on_a_wide_screen_puts_each_label_beside_its_field(window, qtbot) -> None:
    """The form is drawn before its page first shows; it must take the width the page will have
    (1920 here: side by side), not the default width of a page never shown (640: stacked)."""
    walker = Walker(window)
    theme = window.journey.catalog.theme("coffee")
    walker.walk_to_delivery("coffee", "zhang_wei", typical_answers(theme))
    review = window.screens[Step.REVIEW]
    assert review._sections and all(not key[-1] for key in review._sections), "a section was drawn stacked"
    row = next(iter(review._sections.values())).rows[0]
    assert abs(row.label.mapTo(review, row.label.rect().center()).y()
               - row.editor.mapTo(review, row.editor.rect().center()).y()) < row.editor.height()
