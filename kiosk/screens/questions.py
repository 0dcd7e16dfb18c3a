"""主体业态 and 情形判断: the catalog's questions as rows of big choice buttons.

One screen class serves both steps and every theme; what is asked comes from
the catalog (no per-theme screen code). Questions whose condition depends on
an earlier answer appear and disappear as the citizen answers.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QButtonGroup, QVBoxLayout, QWidget

from kiosk.i18n import catalog_text
from kiosk.screens.base import Screen, ScreenContext, clear_layout
from kiosk.widgets import WrapGrid, button, label, touch_scroll, tr

OPTIONS_PER_ROW = 3


class QuestionsScreen(Screen):
    """`part` is "business" (主体业态) or "situation" (情形判断)."""

    body_scrolls = False  # the questions scroll in their own area

    def __init__(self, ctx: ScreenContext, part: str) -> None:
        self.part = part
        self.title = "主体业态" if part == "business" else "情形判断"
        super().__init__(ctx)
        self.headline.setText(tr(self.title))
        hint = "请选择您的经营主体和业态" if part == "business" else "请根据实际情况回答以下问题"
        self.body.addWidget(label(tr(hint), "Guidance"))
        self._content = QWidget()
        self._list = QVBoxLayout(self._content)
        self._list.setSpacing(20)
        self.body.addWidget(touch_scroll(self._content), 1)
        self._groups: list[QButtonGroup] = []
        self._shown: list[str] = []
        self._page = 0  # 长辈模式 asks one question per screen: the one shown now

    def questions(self) -> list[Any]:
        j = self.journey
        return j.business_questions() if self.part == "business" else j.situation_questions()

    def prepare(self) -> None:
        """Drawn while the page is hidden (no show and hide events per card); an answer that
        adds or removes a question redraws it on screen."""
        self._page = 0
        self.redraw()

    @property
    def one_per_screen(self) -> bool:
        return self.ctx.presentation.one_question_per_screen

    def wipe(self) -> None:
        super().wipe()
        clear_layout(self._list)
        self._groups.clear()

    def redraw(self) -> None:
        clear_layout(self._list)
        self._groups.clear()
        questions = self.questions()
        self.journey.preselect(questions)  # defaults chosen, one tap to change (flows/inference.py)
        self._shown = [q.id for q in questions]
        if self.one_per_screen and questions:
            self._page = min(self._page, len(questions) - 1)
            questions = [questions[self._page]]
        for question in questions:
            self._list.addWidget(self._question_card(question))
        self._list.addStretch(1)

    def _question_card(self, question: Any) -> QWidget:
        card = QWidget()
        card.setObjectName("Card")
        layout = QVBoxLayout(card)
        layout.addWidget(label(self.text(question, "text"), "SectionTitle"))
        grid = WrapGrid(OPTIONS_PER_ROW)  # fewer a row where long (English, large) options would not fit
        layout.addWidget(grid)
        answer = self.journey.visit.answers.get(question.id)
        group = QButtonGroup(card)
        group.setExclusive(question.kind != "multi")
        self._groups.append(group)
        for value, text in _choices(question, self.ctx.lang):
            choice = button(text, role="option", name=f"q-{question.id}-{value}")
            choice.setCheckable(True)
            choice.setChecked(_is_chosen(question, answer, value))
            choice.clicked.connect(lambda _c=False, q=question, v=value: self._chosen(q, v))
            group.addButton(choice)
            grid.add(choice)
        return card

    def _chosen(self, question: Any, value: Any) -> None:
        answers = self.journey.visit.answers
        if question.kind == "multi":
            chosen = list(answers.get(question.id) or [])
            chosen.remove(value) if value in chosen else chosen.append(value)
            self.journey.answer(question.id, chosen)
        else:
            self.journey.answer(question.id, value)
        self.clear_error()
        if [q.id for q in self.questions()] != self._shown:
            self.redraw()  # an answer made a question appear or disappear

    def next_step(self) -> None:
        if self.one_per_screen and self._page < len(self._shown) - 1:
            self._page += 1  # the next question, on a screen of its own
            self.redraw()
            return
        if self.part == "business":
            self.journey.finish_business()
        else:
            self.journey.finish_situation()

    def _back(self) -> None:
        if self.one_per_screen and self._page > 0:
            self._page -= 1
            self.redraw()
            return
        super()._back()


def _choices(question: Any, lang: str) -> list[tuple[Any, str]]:
    if question.kind == "bool":
        return [(True, tr("是")), (False, tr("否"))]
    return [(option.id, catalog_text(option, "text", lang)) for option in question.options]


def _is_chosen(question: Any, answer: Any, value: Any) -> bool:
    if question.kind == "multi":
        return value in (answer or [])
    return answer is not None and answer == value
