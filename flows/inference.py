"""Defaults a clerk would choose, so the citizen confirms instead of typing (source ``inferred``, 推定).

A clerk at the counter does not ask what the papers already say: premises with a lease
registration in the e-licence library (电子证照库) are leased; a coffee shop keeps
coffee-shop hours unless the owner says otherwise. These values fill a field only when
no authoritative source (card, licence, profiles) and no answer has; they stay
editable and the merged form tags them 推定 so the citizen checks them.

Two kinds, each from data, never from per-theme code:
- from the hub's holdings (:data:`HOLDING_IMPLIES`);
- the theme's ``inferred_elements`` in its catalog YAML (what is usual for that shop).

A question with a default answer is asked with that answer already chosen
(:func:`default_answers`): still on screen, one tap to change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from flows.model import Theme

HOLDING_IMPLIES: dict[str, dict[str, Any]] = {
    "lease_registration": {"premises_property": "leased"},  # 租赁备案 held: the premises are rented
    "property_certificate": {"premises_property": "owned"},  # 不动产权证 held: the premises are owned
}
"""Element values implied by an e-licence the hub holds for this citizen or enterprise."""

DEFAULT_ANSWERS = {"manager_is_applicant": True}
"""Answers preselected when the question shows: in a small shop the applicant manages food safety."""


def inferred_elements(theme: Theme | None, holdings: Iterable[str]) -> dict[str, Any]:
    """The ``inferred`` record for prefill: holdings first, then the theme's usual values."""
    values: dict[str, Any] = dict(theme.inferred_elements) if theme is not None else {}
    for holding in sorted(set(holdings)):
        values.update(HOLDING_IMPLIES.get(holding, {}))
    return values


def default_answers(question_ids: Iterable[str], answers: Mapping[str, Any]) -> dict[str, Any]:
    """Defaults for the shown questions the citizen has not answered yet."""
    return {qid: DEFAULT_ANSWERS[qid] for qid in question_ids
            if qid in DEFAULT_ANSWERS and qid not in answers}


__all__ = ["DEFAULT_ANSWERS", "HOLDING_IMPLIES", "default_answers", "inferred_elements"]
