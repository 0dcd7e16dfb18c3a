"""The citizen's answers to a theme's questions: which questions show, whether answers are valid,
and which data elements the answers fill (source ``answer``).

Answers are ``{question_id: option_id | [option_id, ...] | bool}``. An answer to a
question that is hidden (its ``visible_if`` is false) is ignored, so going back
and changing an earlier answer never leaves stale answers deciding anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flows.catalog import answer_problem
from flows.conditions import ConditionError, evaluate
from flows.model import Catalog, Question, Theme

MAX_ANSWERS = 200


class AnswerError(ValueError):
    """An answer the question does not allow; ``question_id`` names it."""

    def __init__(self, question_id: str, message: str) -> None:
        super().__init__(f"answer to {question_id!r}: {message}")
        self.question_id = question_id


def visible_questions(theme: Theme, answers: Mapping[str, Any]) -> list[Question]:
    """The questions to show for the answers so far, in order (business, then situations)."""
    data = dict(answers) if isinstance(answers, Mapping) else {}
    shown = []
    for question in theme.questions():
        if evaluate(question.visible_if, data):
            shown.append(question)
        else:
            data.pop(question.id, None)
    return shown


def check_answers(theme: Theme, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers to visible questions, checked; raises :class:`AnswerError` on a bad one."""
    if not isinstance(answers, Mapping):
        raise AnswerError("*", "answers must be a mapping of question id to answer")
    if len(answers) > MAX_ANSWERS:
        raise AnswerError("*", f"more than {MAX_ANSWERS} answers")
    checked: dict[str, Any] = {}
    try:
        shown = visible_questions(theme, answers)
    except ConditionError as exc:
        raise AnswerError("*", f"the answers could not be read: {exc}") from exc
    for question in shown:
        if question.id not in answers or answers[question.id] is None:
            continue
        value = answers[question.id]
        message = answer_problem(question, value)
        if message is not None:
            raise AnswerError(question.id, message)
        checked[question.id] = list(value) if isinstance(value, list) else value
    return checked


def missing_answers(theme: Theme, answers: Mapping[str, Any]) -> list[str]:
    """Required visible questions not yet answered (the kiosk keeps "next" disabled until empty).

    An empty list answers a multi question ("none of these").
    """
    return [q.id for q in visible_questions(theme, answers) if q.required and answers.get(q.id) is None]


def answer_elements(catalog: Catalog, theme_id: str, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Element values decided by the theme and the answers: the ``answer`` record for prefill."""
    theme = catalog.theme(theme_id)
    values: dict[str, Any] = dict(theme.fixed_elements)
    checked = check_answers(theme, answers)
    for question in theme.questions():
        if question.element is not None and question.id in checked:
            values[question.element] = checked[question.id]
    return values
