"""Defaults a clerk would choose (推定): filled when nothing better says, editable, tagged for checking."""

from __future__ import annotations

import pytest

from flows import engine
from flows.catalog import load_catalog
from flows.display import source_tag
from flows.inference import default_answers, inferred_elements
from flows.spoken import private_values, speakable
from flows.validation import value_problem


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def coffee_form(catalog, records):
    theme = catalog.theme("coffee")
    matters = engine.applicable_matters(catalog, "coffee", dict(theme.max_answers))
    merged = engine.merge_forms(catalog, matters)
    return engine.prefill(catalog, merged, records)


def test_a_lease_registration_means_leased_premises_and_the_theme_gives_usual_hours(catalog) -> None:
    values = inferred_elements(catalog.theme("coffee"), {"lease_registration", "id_card"})
    assert values["premises_property"] == "leased"
    assert values["operating_hours"] == "08:00-22:00"
    assert "premises_property" not in inferred_elements(catalog.theme("coffee"), {"id_card"})


def test_inferred_values_are_editable_and_tagged_for_the_citizen_to_check(catalog) -> None:
    inferred = inferred_elements(catalog.theme("coffee"), {"lease_registration"})
    filled = coffee_form(catalog, {"inferred": inferred})
    hours = filled.values["operating_hours"]
    assert (hours.value, hours.source, hours.editable) == ("08:00-22:00", "inferred", True)
    assert source_tag("inferred") == "推定" and source_tag("inferred", "en")
    filled.set_value("operating_hours", "09:00-21:00")  # the citizen corrects it on the merged form
    assert filled.values["operating_hours"].value == "09:00-21:00"
    assert filled.values["operating_hours"].source != "inferred"


def test_every_theme_declares_usual_hours_the_element_accepts(catalog) -> None:
    for theme in catalog.themes:
        assert value_problem(catalog.elements["operating_hours"],
                                    theme.inferred_elements["operating_hours"]) is None, theme.id


def questions(catalog, theme_id: str, *ids: str):
    theme = catalog.theme(theme_id)
    by_id = {q.id: q for q in (*theme.business_questions, *theme.situation_questions)}
    return [by_id[i] for i in ids]


def test_default_answers_only_fill_unanswered_shown_questions(catalog) -> None:
    shown = questions(catalog, "coffee", "manager_is_applicant", "sells_alcohol")
    assert default_answers(shown, {}) == {"manager_is_applicant": True}
    assert default_answers(shown[:1], {"manager_is_applicant": False}) == {}
    assert default_answers(shown[1:], {}) == {}


def represents(type_: str, scope: str) -> dict:
    return {"phone": "13816620001", "enterprises": [{"uscc": "91310104MA1FR0000C", "type": type_,
                                                       "business_scope": scope}]}


def test_the_represented_enterprise_preselects_nature_and_the_items_its_scope_names(catalog) -> None:
    shown = questions(catalog, "coffee", "economic_nature", "shop_size", "business_items")
    profile = represents("有限责任公司（自然人独资）", "餐饮服务；食品销售；咖啡制品零售")
    assert default_answers(shown, {}, profile) == {
        "economic_nature": "private", "business_items": ["drinks", "prepackaged"]}  # no size in a scope
    assert default_answers(shown, {"business_items": ["pastry"]}, profile) == {"economic_nature": "private"}


def test_the_same_scope_means_what_the_shop_makes(catalog) -> None:
    profile = represents("个体工商户", "餐饮服务；食品销售")
    asked = questions(catalog, "restaurant", "economic_nature", "business_items")
    restaurant = default_answers(asked, {}, profile)
    coffee = default_answers(questions(catalog, "coffee", "business_items"), {}, profile)
    assert restaurant == {"economic_nature": "individual", "business_items": ["hot_food"]}
    assert coffee == {"business_items": ["prepackaged"]}  # 餐饮服务 alone does not make a coffee shop cook


@pytest.mark.parametrize("profile", [
    None,
    {"phone": "13816620001"},
    {"enterprises": []},
    {"enterprises": "餐饮服务"},
    {"enterprises": [represents("个体工商户", "餐饮服务")["enterprises"][0]] * 2},  # two shops: ask
    represents("", ""),
    represents("合作联社", "日用百货销售"),  # a type and a scope that imply nothing here
])
def test_nothing_is_preselected_without_exactly_one_telling_enterprise(catalog, profile) -> None:
    shown = questions(catalog, "restaurant", "economic_nature", "business_items")
    assert default_answers(shown, {}, profile) == {}


def test_every_scope_term_belongs_to_a_choice_question(catalog) -> None:
    for theme in catalog.themes:
        for question in (*theme.business_questions, *theme.situation_questions):
            for option in question.options:
                assert all(term.strip() for term in option.scope_terms), (theme.id, question.id, option.id)
                if option.scope_terms:
                    assert question.kind in ("single", "multi"), (theme.id, question.id)


def test_speech_never_carries_a_name_or_an_id_number() -> None:
    private = private_values({"name": "张伟", "id_number": "310104198503123011"}, None, {"uscc": ""})
    said = speakable("您好张伟，证件号 3101**********3011，编号 310104198503123011。请核对表格", private)
    assert "张伟" not in said and "3011" not in said and "3101" not in said
    assert said.endswith("请核对表格")
    assert speakable("2026年 营业时间 08:00-22:00") == "2026年 营业时间 08:00-22:00"
