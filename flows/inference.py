"""Defaults a clerk would choose, so the citizen confirms instead of typing (source ``inferred``, 推定).

A clerk at the counter does not ask what the papers already say: premises with a lease
registration in the e-licence library (电子证照库) are leased; a coffee shop keeps
coffee-shop hours unless the owner says otherwise. These values fill a field only when
no authoritative source (card, licence, profiles) and no answer has; they stay
editable and the merged form tags them 推定 so the citizen checks them.

Two kinds of merged-form values, each from data, never from per-theme code:
- from the hub's holdings (:data:`HOLDING_IMPLIES`);
- the theme's ``inferred_elements`` in its catalog YAML (what is usual for that shop).

A question with a default answer is asked with that answer already chosen
(:func:`default_answers`): still on screen, one tap to change. Defaults come from
:data:`DEFAULT_ANSWERS` and from the enterprise the person's profile says they represent
(一人一档's 关联企业, known before the licence is scanned): its entity type gives the
经济性质, its business scope (经营范围) the 经营项目 through the options' ``scope_terms``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from flows.model import Question, Theme
from flows.sources import economic_nature

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


def default_answers(questions: Iterable[Question], answers: Mapping[str, Any],
                    person_profile: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Defaults for the shown questions the citizen has not answered yet."""
    enterprise = represented_enterprise(person_profile)
    defaults: dict[str, Any] = {}
    for question in questions:
        if question.id in answers:
            continue
        if question.id in DEFAULT_ANSWERS:
            defaults[question.id] = DEFAULT_ANSWERS[question.id]
        elif enterprise is not None:
            value = _from_enterprise(question, enterprise)
            if value is not None:
                defaults[question.id] = value
    return defaults


def represented_enterprise(person_profile: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """The one enterprise the profile says this person represents; None when none or several
    (with two shops the kiosk cannot tell which one the visit is for, so it asks)."""
    linked = (person_profile or {}).get("enterprises")
    if isinstance(linked, list) and len(linked) == 1 and isinstance(linked[0], Mapping):
        return linked[0]
    return None


def _from_enterprise(question: Question, enterprise: Mapping[str, Any]) -> Any:
    if question.element == "economic_nature":
        nature = economic_nature(_text(enterprise.get("type")))
        return nature if nature in question.option_ids() else None
    scope = _text(enterprise.get("business_scope"))
    if not scope or question.kind == "bool":
        return None
    implied = [o.id for o in question.options if any(term in scope for term in o.scope_terms)]
    if question.kind == "multi":
        return implied or None
    return implied[0] if len(implied) == 1 else None


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


__all__ = ["DEFAULT_ANSWERS", "HOLDING_IMPLIES", "default_answers", "inferred_elements",
           "represented_enterprise"]
