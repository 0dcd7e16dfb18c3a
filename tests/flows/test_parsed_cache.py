"""A kiosk keeps the catalog's parsed YAML (flows.catalog.ParsedCache): the next start reads it
instead of parsing, gets the same catalog, and still names file and line for any problem."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

import flows.catalog as catalog_module
from flows.catalog import CatalogError, ParsedCache, load_catalog


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def test_the_second_load_reads_what_the_first_parsed_and_gives_the_same_catalog(
        catalog_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = ParsedCache(tmp_path / "parsed")
    first = load_catalog(catalog_copy, parsed_cache=cache)
    assert len(_entries(cache.folder)) == 1
    assert first == load_catalog(catalog_copy)  # the same as without a cache

    def no_yaml(*_args, **_kwargs):
        raise AssertionError("YAML parsed although the cache had these files")

    monkeypatch.setattr(catalog_module, "_loader", no_yaml)
    second = load_catalog(catalog_copy, parsed_cache=cache)
    assert second == first
    assert second.version == first.version


def test_an_edited_file_is_parsed_again_and_one_entry_is_kept(catalog_copy: Path, tmp_path: Path) -> None:
    cache = ParsedCache(tmp_path / "parsed")
    load_catalog(catalog_copy, parsed_cache=cache)
    before = _entries(cache.folder)
    path = catalog_copy / "matters" / "fire_safety.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("visits_before: 2", "visits_before: 7", 1),
                    encoding="utf-8")
    edited = load_catalog(catalog_copy, parsed_cache=cache)
    assert edited.matters["fire_safety"].visits_before == 7
    after = _entries(cache.folder)
    assert len(after) == 1 and after != before


def test_a_problem_in_cached_data_still_names_file_and_line(catalog_copy: Path, tmp_path: Path) -> None:
    """Data from the cache that the models refuse (as when they became stricter since it was kept):
    the file's nodes are composed then, to say where."""
    cache = ParsedCache(tmp_path / "parsed")
    load_catalog(catalog_copy, parsed_cache=cache)
    (entry,) = _entries(cache.folder)
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["matters/fire_safety.yaml"]["visits_before"] = "two"
    entry.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        load_catalog(catalog_copy, parsed_cache=cache)
    err = info.value
    assert (err.file, err.path) == ("matters/fire_safety.yaml", "visits_before")
    assert err.line == _line_of(catalog_copy / "matters" / "fire_safety.yaml", "visits_before: 2")


def test_a_broken_catalog_is_not_kept_and_an_unreadable_cache_costs_a_parse(
        catalog_copy: Path, tmp_path: Path) -> None:
    cache = ParsedCache(tmp_path / "parsed")
    path = catalog_copy / "matters" / "drainage.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("days_after: 5", "days_after: [5", 1), encoding="utf-8")
    with pytest.raises(CatalogError):
        load_catalog(catalog_copy, parsed_cache=cache)
    assert _entries(cache.folder) == []
    path.write_text(text, encoding="utf-8")
    good = load_catalog(catalog_copy, parsed_cache=cache)
    (entry,) = _entries(cache.folder)
    entry.write_text("{not json", encoding="utf-8")
    assert load_catalog(catalog_copy, parsed_cache=cache) == good


def test_data_json_would_change_is_not_kept(tmp_path: Path) -> None:
    cache = ParsedCache(tmp_path / "parsed")
    cache.write("k1", {"a.yaml": {"opened": datetime.date(2026, 12, 1)}})
    cache.write("k2", {"a.yaml": {1: "a number as a key comes back as text"}})
    assert _entries(cache.folder) == []
    cache.write("k3", {"a.yaml": {"n": 1, "x": 1.5, "yes": True, "none": None, "list": ["一"]}})
    assert cache.read("k3") == {"a.yaml": {"n": 1, "x": 1.5, "yes": True, "none": None, "list": ["一"]}}
