"""Property-based tests: random answers, records and catalog bytes never crash the engine.

For every theme and any valid answers: the engine returns matters, a merged form,
a checklist and an exact per-matter split, and every required field either holds
a valid value or is left editable for the citizen. Invalid input raises the
typed errors (AnswerError, SourceRecordError, CatalogError), nothing else.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flows.address import split_address
from flows.answers import AnswerError, answer_elements
from flows.catalog import DEFAULT_DIRECTORY, CatalogError, load_catalog
from flows.engine import applicable_matters, build_checklist, merge_forms, prefill, split_to_matters, validate
from flows.merged_form import field_key
from flows.model import SOURCES, Catalog, Question
from flows.sources import SourceRecordError, enterprise_elements, identity_elements, person_elements
from flows.validation import value_problem

CATALOG = load_catalog()
THEME_IDS = [t.id for t in CATALOG.themes]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def answer_for(question: Question) -> st.SearchStrategy[Any]:
    if question.kind == "bool":
        return st.booleans()
    options = list(question.option_ids())
    if question.kind == "single":
        return st.sampled_from(options)
    return st.lists(st.sampled_from(options), unique=True)


@st.composite
def theme_and_answers(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    theme = CATALOG.theme(draw(st.sampled_from(THEME_IDS)))
    answers = {}
    for question in theme.questions():
        if draw(st.booleans()) or question.kind == "bool":
            answers[question.id] = draw(answer_for(question))
    return theme.id, answers


json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.text(max_size=5), inner, max_size=3), max_leaves=6)
element_ids = st.sampled_from(sorted(CATALOG.elements))
random_records = st.dictionaries(
    st.sampled_from(SOURCES), st.dictionaries(element_ids, json_values, max_size=20), max_size=6
)
holdings = st.sets(st.sampled_from(["business_licence", "id_card", "lease_registration", "other"]))


def _check_form(
    catalog: Catalog, theme_id: str, answers: dict[str, Any], records: dict, held: set[str]
) -> None:
    matters = applicable_matters(catalog, theme_id, answers)
    assert matters, "food_business applies in every theme"
    merged = merge_forms(catalog, matters)
    filled = prefill(catalog, merged, records)
    problems = validate(catalog, filled)
    for field, value in filled:
        if value.is_empty:
            assert value.editable, f"{field.key} is empty and read-only"
        elif not value.editable:
            assert value_problem(catalog.elements[field.element_id], value.value) is None, field.key
        if field.required and field.key not in problems:
            assert not value.is_empty
    checklist = build_checklist(catalog, theme_id, matters, held, answers)
    assert len({i.material_id for i in checklist.items}) == len(checklist.items)
    assert checklist.bring_count <= checklist.requirements_count
    split = split_to_matters(filled, matters)
    for matter in matters:
        for f in matter.form:
            key = field_key(f.element, matter.id, f.per_matter)
            assert split[matter.id][f.id] is filled.values[key].value


@SETTINGS
@given(theme_and_answers(), holdings)
def test_random_answers_with_demo_style_records(case: tuple[str, dict[str, Any]], held: set[str]) -> None:
    theme_id, answers = case
    records = {
        "id_card": identity_elements({"name": "李娜", "id_number": "310115199206084224", "sex": "女"}),
        "enterprise_profile": enterprise_elements({"legal_rep": "李娜", "uscc": "92310104MA1HX1234F",
                                                   "business_address": "上海市徐汇区宜山路700号B1层12号"}),
        "person_profile": person_elements({"phone": "13916620002"}),
        "answer": answer_elements(CATALOG, theme_id, answers),
    }
    _check_form(CATALOG, theme_id, answers, records, held)


@SETTINGS
@given(theme_and_answers(), random_records, holdings)
def test_random_records_never_crash_prefill_or_validate(
    case: tuple[str, dict[str, Any]], records: dict, held: set[str]
) -> None:
    theme_id, answers = case
    _check_form(CATALOG, theme_id, answers, records, held)


@SETTINGS
@given(st.sampled_from(THEME_IDS), st.dictionaries(st.text(max_size=20), json_values, max_size=8))
def test_garbage_answers_raise_answer_error_or_work(theme_id: str, answers: dict[str, Any]) -> None:
    try:
        matters = applicable_matters(CATALOG, theme_id, answers)
    except AnswerError as exc:
        assert exc.question_id
    else:
        assert matters[0].id == "food_business"


@SETTINGS
@given(st.dictionaries(st.sampled_from(["card_type", "name", "sex", "birth_date", "address", "id_number",
                                         "valid_to", "nationality", "name_en"]), json_values, max_size=9))
def test_identity_elements_take_any_dict(card: dict[str, Any]) -> None:
    try:
        values = identity_elements(card)
    except SourceRecordError as exc:
        assert str(exc)
    else:
        assert all(k.startswith("applicant_") for k in values)


@SETTINGS
@given(st.dictionaries(st.sampled_from(["uscc", "name", "type", "legal_rep", "registered_address",
                                         "business_address", "phone", "established"]),
                       json_values, max_size=8))
def test_enterprise_elements_take_any_dict(profile: dict[str, Any]) -> None:
    try:
        enterprise_elements(profile)
    except SourceRecordError as exc:
        assert str(exc)


@SETTINGS
@given(st.text(max_size=80))
def test_address_split_never_crashes_and_parts_come_from_the_text(address: str) -> None:
    parts = split_address(address)
    for part in (parts.district, parts.road_number, parts.floor, parts.room):
        assert part is None or part in address


CATALOG_FILES = ["elements.yaml", "materials.yaml", "matters/fire_safety.yaml", "themes/restaurant.yaml"]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(CATALOG_FILES), st.integers(min_value=0), st.binary(min_size=1, max_size=4),
       st.sampled_from(["replace", "insert", "truncate"]))
def test_mangled_catalog_files_give_catalog_errors(name: str, position: int, junk: bytes, how: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "catalog"
        shutil.copytree(DEFAULT_DIRECTORY, directory)
        path = directory / name
        data = path.read_bytes()
        at = position % len(data)
        if how == "replace":
            data = data[:at] + junk + data[at + len(junk):]
        elif how == "insert":
            data = data[:at] + junk + data[at:]
        else:
            data = data[:at]
        path.write_bytes(data)
        try:
            catalog = load_catalog(directory)
        except CatalogError as exc:
            assert exc.problems and exc.file
        else:
            assert len(catalog.themes) == 5


@pytest.mark.parametrize("theme_id", THEME_IDS)
def test_every_required_field_has_a_source_or_is_asked(theme_id: str) -> None:
    matters = applicable_matters(CATALOG, theme_id, CATALOG.theme(theme_id).max_answers)
    for field in merge_forms(CATALOG, matters).fields:
        assert field.sources, field.key
        assert "citizen" in field.sources or field.autofillable, field.key
