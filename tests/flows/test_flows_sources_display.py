"""Records from cards and hub profiles become element values; values are shown masked."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from flows.answers import answer_elements, missing_answers, visible_questions
from flows.display import display_value, mask_name, mask_phone, source_tag
from flows.model import Catalog
from flows.sources import (
    SourceRecordError,
    enterprise_elements,
    identity_elements,
    licence_elements,
    person_elements,
)


def test_identity_elements_from_a_resident_card(citizens: dict[str, Any]) -> None:
    values = identity_elements(citizens["wang_jianguo"]["card"])
    assert values["applicant_name"] == "王建国"
    assert values["applicant_id_type"] == "resident_id"
    assert values["applicant_id_valid_to"] == "长期"
    assert values["applicant_nationality"] == "中国"


def test_identity_elements_accept_dates_and_foreign_cards() -> None:
    values = identity_elements({
        "card_type": "foreign_2023", "name": "", "name_en": "SMITH JOHN", "nationality": "GBR",
        "birth_date": dt.date(1980, 2, 3), "id_number": "9310000198002035x", "valid_to": None,
    })
    assert values["applicant_name"] == "SMITH JOHN"
    assert values["applicant_birth_date"] == "1980-02-03"
    assert values["applicant_nationality"] == "GBR"
    assert values["applicant_id_number"].endswith("X")
    assert values["applicant_id_type"] == "foreign_permanent_residence"


@pytest.mark.parametrize("card", [None, [], {"card_type": "passport"}, {"name": 42}, {"name": "x" * 600}])
def test_identity_elements_refuse_bad_records(card: Any) -> None:
    with pytest.raises(SourceRecordError):
        identity_elements(card)


def test_enterprise_elements_split_the_premises_address(citizens: dict[str, Any]) -> None:
    values = enterprise_elements(citizens["zhang_wei"]["enterprise"])
    assert values["premises_district"] == "徐汇区"
    assert values["premises_road_number"] == "天钥桥路123号"
    assert (values["premises_floor"], values["premises_room"]) == ("1层", "101室")
    assert values["economic_nature"] == "private"
    assert enterprise_elements(citizens["li_na"]["enterprise"])["economic_nature"] == "individual"


def test_person_elements_leave_out_empty_values(citizens: dict[str, Any]) -> None:
    values = person_elements(citizens["wang_jianguo"]["person_profile"])
    assert "applicant_email" not in values
    assert values["applicant_education"] == "college"


def test_licence_elements() -> None:
    assert licence_elements(" 92310104ma1hx1234f ") == {"uscc": "92310104MA1HX1234F"}
    with pytest.raises(SourceRecordError):
        licence_elements(None)  # type: ignore[arg-type]


def test_display_masks_id_numbers_and_phones(catalog: Catalog) -> None:
    assert display_value(catalog, "legal_rep_id_number", "310115199206084224") == "3101**********4224"
    plain = display_value(catalog, "legal_rep_id_number", "310115199206084224", masked=False)
    assert plain == "310115199206084224"
    assert display_value(catalog, "contact_phone", "13916620002") == "139****0002"
    assert display_value(catalog, "entity_name", "徐汇区娜家小馆") == "徐汇区娜家小馆"
    assert mask_phone("12345") == "*****" and mask_name("张伟") == "张*"
    assert source_tag("id_card") == "来自身份证" and source_tag("licence", "en") == "from licence"
    assert source_tag("citizen") == ""


def test_display_labels_options_and_booleans(catalog: Catalog) -> None:
    assert display_value(catalog, "business_items", ["hot_food", "drinks"]) == "热食类食品制售、自制饮品制售"
    assert display_value(catalog, "business_items", ["hot_food"], lang="en") == "Hot food"
    assert display_value(catalog, "online_sales", True) == "是"
    assert display_value(catalog, "floor_area", 120.0) == "120"
    assert display_value(catalog, "floor_area", None) == ""


def test_questions_show_and_hide_and_are_counted_missing(catalog: Catalog) -> None:
    grocery = catalog.theme("grocery")
    assert "business_items" not in [q.id for q in visible_questions(grocery, {"prepackaged_only": True})]
    missing = missing_answers(grocery, {"prepackaged_only": False, "business_items": []})
    assert "business_items" not in missing and "sells_tobacco" in missing and "store_type" in missing


def test_answer_elements_join_fixed_values_and_answers(catalog: Catalog) -> None:
    values = answer_elements(catalog, "coffee", {"shop_size": "small", "online_sales": True})
    assert values == {"shop_type": "coffee", "business_form": "catering", "venue_nature": "restaurant",
                      "discharge_type": "catering", "catering_category": "small", "online_sales": True}
