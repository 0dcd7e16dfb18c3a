"""The shipped catalog loads; each kind of broken file gives an error naming file, line, path and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.catalog import CatalogError, check_catalog, load_catalog, reload_catalog
from flows.model import Catalog

THEMES = {
    "supermarket": "我要开超市",
    "restaurant": "我要开饭店",
    "drinks": "我要开饮品店",
    "grocery": "我要开杂货店",
    "coffee": "我要开咖啡店",
}


def test_shipped_catalog_has_the_five_xuhui_themes(catalog: Catalog) -> None:
    assert {t.id: t.title_zh for t in catalog.themes} == THEMES
    assert [t.id for t in catalog.themes] == ["supermarket", "restaurant", "drinks", "grocery", "coffee"]


def test_shipped_catalog_has_no_problems() -> None:
    assert check_catalog() == []


def test_every_matter_names_a_department_and_a_form(catalog: Catalog) -> None:
    for matter in catalog.matters.values():
        assert matter.department_zh.startswith("徐汇区"), matter.id
        assert matter.form, matter.id
        assert matter.days_after <= matter.days_before, matter.id


def test_version_changes_with_content(catalog_copy: Path) -> None:
    before = load_catalog(catalog_copy).version
    path = catalog_copy / "materials.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert load_catalog(catalog_copy).version != before


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def _error(directory: Path) -> CatalogError:
    with pytest.raises(CatalogError) as info:
        load_catalog(directory)
    return info.value


def test_yaml_syntax_error_names_file_and_line(catalog_copy: Path) -> None:
    path = catalog_copy / "matters" / "drainage.yaml"
    _replace(path, "days_after: 5", "days_after: [5")
    err = _error(catalog_copy)
    assert err.file == "matters/drainage.yaml"
    assert err.line is not None and err.line >= _line_of(path, "days_after: [5")
    assert "YAML syntax" in str(err)


def test_wrong_type_names_path_field_and_line(catalog_copy: Path) -> None:
    path = catalog_copy / "matters" / "fire_safety.yaml"
    _replace(path, "visits_before: 2", "visits_before: two")
    err = _error(catalog_copy)
    assert (err.file, err.path, err.field) == ("matters/fire_safety.yaml", "visits_before", "visits_before")
    assert err.line == _line_of(path, "visits_before: two")


def test_unknown_field_in_an_element(catalog_copy: Path) -> None:
    path = catalog_copy / "elements.yaml"
    _replace(path, "label_en: Business name,", "label_en: Business name, colour: red,")
    err = _error(catalog_copy)
    assert err.file == "elements.yaml"
    assert err.path == "elements.entity_name.colour"
    assert err.line == _line_of(path, "colour: red")


def test_duplicate_key_is_refused(catalog_copy: Path) -> None:
    path = catalog_copy / "matters" / "outdoor_sign.yaml"
    _replace(path, "visits_before: 1\n", "visits_before: 1\nvisits_before: 3\n")
    err = _error(catalog_copy)
    assert err.file == "matters/outdoor_sign.yaml"
    assert "duplicate key 'visits_before'" in str(err)
    assert err.line == _line_of(path, "visits_before: 3")


def test_form_field_naming_an_unknown_element(catalog_copy: Path) -> None:
    path = catalog_copy / "matters" / "food_business.yaml"
    _replace(path, "{id: area, element: floor_area}", "{id: area, element: floor_areaa}")
    err = _error(catalog_copy)
    assert err.path.endswith(".element") and err.path.startswith("form.")
    assert "floor_areaa" in str(err)
    assert err.line == _line_of(path, "floor_areaa")


def test_theme_naming_an_unknown_matter(catalog_copy: Path) -> None:
    path = catalog_copy / "themes" / "restaurant.yaml"
    _replace(path, "{matter: drainage}", "{matter: sewage}")
    err = _error(catalog_copy)
    assert (err.file, err.path) == ("themes/restaurant.yaml", "matters.1.matter")
    assert "unknown matter 'sewage'" in str(err)


def test_forbidden_json_logic_operator(catalog_copy: Path) -> None:
    path = catalog_copy / "themes" / "restaurant.yaml"
    _replace(path, "when: {var: sells_alcohol}", "when: {log: {var: sells_alcohol}}")
    err = _error(catalog_copy)
    assert err.path == "matters.4.when"
    assert "'log'" in str(err)


def test_rule_reading_an_unknown_question(catalog_copy: Path) -> None:
    path = catalog_copy / "themes" / "restaurant.yaml"
    _replace(path, "when: {var: outdoor_sign}", "when: {var: outdoor_sing}")
    err = _error(catalog_copy)
    assert "outdoor_sing" in str(err) and err.path == "matters.2.when"


def test_invalid_regular_expression(catalog_copy: Path) -> None:
    _replace(catalog_copy / "elements.yaml", 'pattern: "^[男女]$"', 'pattern: "^[男女$"')
    err = _error(catalog_copy)
    assert err.path == "elements.applicant_sex.pattern"


def test_enum_without_options(catalog_copy: Path) -> None:
    path = catalog_copy / "elements.yaml"
    old = "kind: multi\n    options:\n      - {id: baijiu"
    _replace(path, old, old.replace("options:", "oops:"))
    problems = check_catalog(catalog_copy)
    assert any("elements.alcohol_types" in p for p in problems)


def test_file_id_must_match_file_name(catalog_copy: Path) -> None:
    _replace(catalog_copy / "matters" / "drainage.yaml", "id: drainage", "id: drains")
    err = _error(catalog_copy)
    assert err.path == "id" and "file name" in str(err)


def test_not_utf8(catalog_copy: Path) -> None:
    (catalog_copy / "matters" / "drainage.yaml").write_bytes(b"id: \xff\xfe\n")
    err = _error(catalog_copy)
    assert err.file == "matters/drainage.yaml" and "UTF-8" in str(err)


def test_missing_file_and_missing_directory(catalog_copy: Path, tmp_path: Path) -> None:
    (catalog_copy / "materials.yaml").unlink()
    assert _error(catalog_copy).file == "materials.yaml"
    assert "does not exist" in str(_error(tmp_path / "nowhere"))


def test_empty_file(catalog_copy: Path) -> None:
    (catalog_copy / "themes" / "coffee.yaml").write_text("", encoding="utf-8")
    assert _error(catalog_copy).file == "themes/coffee.yaml"


def test_every_problem_is_listed(catalog_copy: Path) -> None:
    _replace(catalog_copy / "matters" / "drainage.yaml", "visits_before: 2", "visits_before: -1")
    _replace(catalog_copy / "matters" / "fire_safety.yaml", "kind: inspection", "kind: party")
    problems = check_catalog(catalog_copy)
    assert len(problems) == 2
    assert any(p.startswith("matters/drainage.yaml:") and "visits_before" in p for p in problems)
    assert any(p.startswith("matters/fire_safety.yaml:") and "kind" in p for p in problems)


def test_reload_keeps_the_last_good_catalog(catalog: Catalog, catalog_copy: Path) -> None:
    _replace(catalog_copy / "matters" / "drainage.yaml", "days_after: 5", "days_after: [5")
    kept, error = reload_catalog(catalog_copy, catalog)
    assert kept is catalog
    assert error is not None and error.file == "matters/drainage.yaml"
    fresh, error = reload_catalog(None, catalog)
    assert error is None and fresh.version == catalog.version


def test_question_option_the_element_does_not_know(catalog_copy: Path) -> None:
    path = catalog_copy / "themes" / "restaurant.yaml"
    _replace(path, "{id: pastry, text_zh: 糕点类", "{id: noodles, text_zh: 面条")
    err = _error(catalog_copy)
    assert (err.file, err.path) == ("themes/restaurant.yaml", "business_questions.2.options")
    assert "noodles" in str(err)


def test_fixed_element_value_must_fit(catalog_copy: Path) -> None:
    _replace(catalog_copy / "themes" / "restaurant.yaml", "shop_type: restaurant,", "shop_type: bistro,")
    err = _error(catalog_copy)
    assert err.path == "fixed_elements.shop_type" and "bistro" in str(err)


def test_max_answers_must_be_valid(catalog_copy: Path) -> None:
    _replace(catalog_copy / "themes" / "coffee.yaml", "  shop_size: small\n", "  shop_size: tiny\n")
    err = _error(catalog_copy)
    assert (err.file, err.path) == ("themes/coffee.yaml", "max_answers.shop_size")


def test_version_is_the_hubs_formula_over_the_files(catalog: Catalog) -> None:
    import hashlib
    import json

    from flows.catalog import DEFAULT_DIRECTORY

    files = {p.relative_to(DEFAULT_DIRECTORY).as_posix(): p.read_text(encoding="utf-8")
             for p in DEFAULT_DIRECTORY.rglob("*.yaml")}
    canonical = json.dumps(sorted(files.items()), ensure_ascii=False, separators=(",", ":"))
    assert catalog.version == "sha256-" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def test_deeply_nested_rule_is_a_problem_not_a_crash(catalog_copy: Path) -> None:
    deep = "{'!': " * 3000 + "true" + "}" * 3000
    _replace(catalog_copy / "themes" / "restaurant.yaml", "when: {var: sells_alcohol}", f"when: {deep}")
    err = _error(catalog_copy)
    assert err.file == "themes/restaurant.yaml"
    assert "deep" in str(err)


def test_matter_naming_an_unknown_material(catalog_copy: Path) -> None:
    path = catalog_copy / "matters" / "outdoor_sign.yaml"
    _replace(path, "{material: sign_design}", "{material: sign_photo}")
    err = _error(catalog_copy)
    assert (err.path, err.field) == ("materials.4.material", "material")
    assert err.line == _line_of(path, "sign_photo")


def test_element_in_an_unknown_section(catalog_copy: Path) -> None:
    _replace(catalog_copy / "elements.yaml", "section: sign, kind: text", "section: signs, kind: text")
    err = _error(catalog_copy)
    assert err.path == "elements.sign_text.section" and "signs" in str(err)


def test_unknown_top_level_key(catalog_copy: Path) -> None:
    path = catalog_copy / "elements.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\nelemnts: {}\n", encoding="utf-8")
    err = _error(catalog_copy)
    assert err.path == "elemnts"
