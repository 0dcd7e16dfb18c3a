"""The engine end to end on the shipped catalog with the shared demo citizens."""

from __future__ import annotations

from typing import Any

import pytest

from flows.answers import AnswerError, answer_elements, visible_questions
from flows.engine import (
    applicable_matters,
    build_checklist,
    merge_forms,
    prefill,
    split_to_matters,
    validate,
)
from flows.merged_form import ReadOnlyFieldError
from flows.model import Catalog, UnknownThemeError
from flows.sources import enterprise_elements, identity_elements, licence_elements, person_elements

CARD_AND_HUB = frozenset({"id_card", "licence", "person_profile", "enterprise_profile"})


def records_for(citizen: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        "id_card": identity_elements(citizen["card"]),
        "licence": licence_elements(citizen["enterprise"]["uscc"]),
        "person_profile": person_elements(citizen["person_profile"]),
        "enterprise_profile": enterprise_elements(citizen["enterprise"]),
    }


def test_answers_decide_the_matters(catalog: Catalog) -> None:
    base = {"economic_nature": "individual", "restaurant_size": "small", "business_items": ["hot_food"]}
    none = {**base, "sells_alcohol": False, "outdoor_sign": False, "large_venue": False}
    assert [m.id for m in applicable_matters(catalog, "restaurant", none)] == ["food_business", "drainage"]
    everything = {**none, "sells_alcohol": True, "outdoor_sign": True, "large_venue": True}
    assert [m.id for m in applicable_matters(catalog, "restaurant", everything)] == [
        "food_business", "drainage", "outdoor_sign", "fire_safety", "alcohol_retail",
    ]


def test_bad_answers_are_typed_errors(catalog: Catalog) -> None:
    with pytest.raises(AnswerError) as info:
        applicable_matters(catalog, "restaurant", {"restaurant_size": "enormous"})
    assert info.value.question_id == "restaurant_size"
    with pytest.raises(AnswerError):
        applicable_matters(catalog, "restaurant", {"sells_alcohol": "yes"})
    with pytest.raises(AnswerError):
        applicable_matters(catalog, "restaurant", ["not", "a", "mapping"])  # type: ignore[arg-type]
    with pytest.raises(UnknownThemeError, match="bakery"):
        applicable_matters(catalog, "bakery", {})


def test_hidden_questions_do_not_count(catalog: Catalog) -> None:
    theme = catalog.theme("supermarket")
    shown = [q.id for q in visible_questions(theme, {"business_items": ["prepackaged"]})]
    assert "fresh_processing" not in shown
    answers = {"business_items": ["prepackaged"], "fresh_processing": True}
    assert "drainage" not in [m.id for m in applicable_matters(catalog, "supermarket", answers)]
    answers["business_items"] = ["fresh"]
    assert "drainage" in [m.id for m in applicable_matters(catalog, "supermarket", answers)]


def test_merge_asks_each_element_once_and_keeps_per_matter_fields_apart(catalog: Catalog) -> None:
    matters = applicable_matters(catalog, "restaurant", catalog.theme("restaurant").max_answers)
    merged = merge_forms(catalog, matters)
    keys = [f.key for f in merged.fields]
    assert len(keys) == len(set(keys))
    uscc = merged.field("uscc")
    assert set(uscc.matters) == {m.id for m in matters}
    assert uscc.sources == ("licence", "enterprise_profile", "citizen")
    declarations = [f for f in merged.fields if f.element_id == "declaration_true"]
    assert len(declarations) == len(matters)
    assert all(f.per_matter and len(f.matters) == 1 for f in declarations)
    assert merged.sections[-1].id == "declarations"


def test_merge_order_does_not_depend_on_matter_order(catalog: Catalog) -> None:
    matters = applicable_matters(catalog, "supermarket", catalog.theme("supermarket").max_answers)
    forward = [f.key for f in merge_forms(catalog, matters).fields if not f.per_matter]
    backward = [f.key for f in merge_forms(catalog, list(reversed(matters))).fields if not f.per_matter]
    assert forward == backward


def test_prefill_from_card_licence_and_profiles_fills_over_half_of_the_restaurant_form(
    catalog: Catalog, citizens: dict[str, Any]
) -> None:
    li_na = citizens["li_na"]  # holds a restaurant licence in the demo data
    matters = applicable_matters(catalog, "restaurant", catalog.theme("restaurant").max_answers)
    merged = merge_forms(catalog, matters)
    filled = prefill(catalog, merged, records_for(li_na))
    assert len(merged.fields) == 81
    assert filled.count_from(CARD_AND_HUB) >= 41
    assert filled.values["legal_rep_id_number"].value == li_na["card"]["id_number"]
    assert filled.values["legal_rep_id_number"].source == "id_card"
    assert filled.values["uscc"].source == "licence"
    assert filled.values["premises_floor"].value == "B1层"


def test_answers_fill_more_fields(catalog: Catalog, citizens: dict[str, Any]) -> None:
    answers = catalog.theme("restaurant").max_answers
    matters = applicable_matters(catalog, "restaurant", answers)
    merged = merge_forms(catalog, matters)
    records = records_for(citizens["li_na"])
    without = prefill(catalog, merged, records).autofilled_count
    records["answer"] = answer_elements(catalog, "restaurant", answers)
    filled = prefill(catalog, merged, records)
    assert filled.autofilled_count > without
    assert filled.values["business_items"].value == ["hot_food", "cold_food"]
    assert filled.values["business_items"].editable


def test_legal_rep_fields_stay_empty_when_the_card_holder_is_someone_else(
    catalog: Catalog, citizens: dict[str, Any]
) -> None:
    records = records_for(citizens["li_na"])
    records["id_card"] = identity_elements(citizens["zhang_wei"]["card"])  # an agent at the kiosk
    merged = merge_forms(catalog, applicable_matters(catalog, "restaurant", {}))
    filled = prefill(catalog, merged, records)
    assert filled.values["legal_rep_id_number"].value is None
    assert filled.values["legal_rep_id_number"].editable
    assert filled.values["applicant_name"].value == "张伟"


def test_authoritative_values_are_read_only(catalog: Catalog, citizens: dict[str, Any]) -> None:
    merged = merge_forms(catalog, applicable_matters(catalog, "restaurant", {}))
    filled = prefill(catalog, merged, records_for(citizens["li_na"]))
    assert not filled.values["applicant_id_number"].editable
    with pytest.raises(ReadOnlyFieldError):
        filled.set_value("applicant_id_number", "110105194912310021")
    filled.set_value("floor_area", 120)
    assert filled.values["floor_area"].source == "citizen"


def test_validate_reports_required_and_wrong_values(catalog: Catalog, citizens: dict[str, Any]) -> None:
    merged = merge_forms(catalog, applicable_matters(catalog, "restaurant", {}))
    filled = prefill(catalog, merged, records_for(citizens["li_na"]))
    problems = validate(catalog, filled)
    assert "floor_area" in problems and "必填" in problems["floor_area"]
    assert "uscc" not in problems and "applicant_id_number" not in problems
    filled.set_value("floor_area", -3)
    filled.set_value("food_safety_manager_id_number", "110105194912310020")
    filled.set_value("operating_hours", "9点到22点")
    problems = validate(catalog, filled)
    assert "不能小于" in problems["floor_area"]
    assert "校验码" in problems["food_safety_manager_id_number"]
    assert "格式" in problems["operating_hours"]


def test_checklist_dedupes_and_marks_held_and_commitment(catalog: Catalog) -> None:
    answers = catalog.theme("restaurant").max_answers
    matters = applicable_matters(catalog, "restaurant", answers)
    checklist = build_checklist(catalog, "restaurant", matters, {"business_licence", "id_card"}, answers)
    by_id = {i.material_id: i for i in checklist.items}
    assert len(by_id) == len(checklist.items)
    assert by_id["business_licence"].status == "held"
    assert len(by_id["business_licence"].matters) == len(matters)
    assert by_id["premises_proof"].status == "bring"  # lease not in this citizen's holdings
    assert {i.material_id for i in checklist.with_status("commitment")} == {
        "fire_rules_plan", "fire_facilities_plan", "fire_acceptance",
    }
    assert checklist.requirements_count == 34


@pytest.mark.parametrize("theme_id", ["supermarket", "restaurant", "drinks", "grocery", "coffee"])
def test_split_rebuilds_every_matter_form_exactly(
    catalog: Catalog, citizens: dict[str, Any], theme_id: str
) -> None:
    answers = catalog.theme(theme_id).max_answers
    matters = applicable_matters(catalog, theme_id, answers)
    merged = merge_forms(catalog, matters)
    records = records_for(citizens["wang_jianguo"])
    records["answer"] = answer_elements(catalog, theme_id, answers)
    filled = prefill(catalog, merged, records)
    for field, value in filled:
        if value.editable:
            filled.set_value(field.key, f"typed:{field.key}")
    split = split_to_matters(filled, matters)
    assert set(split) == {m.id for m in matters}
    for matter in matters:
        assert list(split[matter.id]) == [f.id for f in matter.form]
        for form_field in matter.form:
            key = f"{form_field.element}@{matter.id}" if form_field.per_matter else form_field.element
            assert split[matter.id][form_field.id] == filled.values[key].value
            assert split[matter.id][form_field.id] is not None


def test_typed_text_becomes_the_element_type(catalog: Catalog, citizens: dict[str, Any]) -> None:
    merged = merge_forms(catalog, applicable_matters(catalog, "restaurant", {}))
    filled = prefill(catalog, merged, records_for(citizens["li_na"]))
    filled.set_value("floor_area", " 80 ")
    filled.set_value("seating_count", "12.5")
    filled.set_value("staff_count", "many")
    filled.set_value("food_safety_manager_id_number", "11010519491231002x")
    assert filled.values["floor_area"].value == 80
    assert filled.values["seating_count"].value == 12.5
    assert filled.values["food_safety_manager_id_number"].value == "11010519491231002X"
    problems = validate(catalog, filled)
    assert "floor_area" not in problems and "food_safety_manager_id_number" not in problems
    assert "数字" in problems["staff_count"]
    with pytest.raises(KeyError):
        filled.set_value("no_such_field", 1)


def test_prefill_refuses_records_that_are_not_a_mapping(catalog: Catalog) -> None:
    from flows.sources import SourceRecordError

    merged = merge_forms(catalog, applicable_matters(catalog, "grocery", {}))
    with pytest.raises(SourceRecordError):
        prefill(catalog, merged, ["id_card"])  # type: ignore[arg-type]
    filled = prefill(catalog, merged, {"id_card": "not a dict", "licence": {"uscc": "bad"}})
    assert filled.values["uscc"].value is None and filled.values["uscc"].rejected == ("licence",)
