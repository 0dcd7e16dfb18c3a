"""CatalogCache: switch only to validated catalogs, keep the last good one, roll back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stub_hub import StubHub

from flows.catalog import catalog_version
from offline_cache.catalog_cache import CatalogCache
from offline_cache.hub_client import HubClient


class CatalogBroken(Exception):
    pass


def check_catalog(directory: Path) -> None:
    """Stands in for flows' catalog check: themes.json must list at least one theme."""
    try:
        data = json.loads((directory / "themes.json").read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise CatalogBroken(f"themes.json unreadable: {exc}") from exc
    if not isinstance(data, dict) or not data.get("themes"):
        raise CatalogBroken("no themes")


def good(version: str) -> dict[str, Any]:
    return {
        "version": version,
        "files": {"themes.json": {"themes": [{"id": "cafe"}]}, "matters/m1.yaml": "id: m1\n"},
    }


def test_install_switches_to_a_good_catalog(tmp_path: Path) -> None:
    cache = CatalogCache(tmp_path, check_catalog)
    assert cache.current_dir() is None
    update = cache.install(good("2026.11.1"))
    assert (update.outcome, update.current_version) == ("updated", "2026.11.1")
    directory = cache.current_dir()
    assert directory is not None and (directory / "matters" / "m1.yaml").read_text() == "id: m1\n"
    assert cache.install(good("2026.11.1")).outcome == "unchanged"


@pytest.mark.expect_log(r"catalog v2 rejected, keeping v1: catalog v2 failed validation")
def test_bad_catalog_keeps_the_last_good(tmp_path: Path) -> None:
    cache = CatalogCache(tmp_path, check_catalog)
    cache.install(good("v1"))
    bad = {"version": "v2", "files": {"themes.json": {"themes": []}}}
    update = cache.install(bad)
    assert update.outcome == "rejected" and update.current_version == "v1" and "no themes" in update.message
    assert cache.current_version == "v1"
    assert not (tmp_path / "versions" / "v2").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".staging")] == []


@pytest.mark.expect_log(r"catalog (download|v3) rejected")
@pytest.mark.parametrize(
    "payload",
    [
        None,
        [],
        {"version": "../evil", "files": {"a": "b"}},
        {"version": "v3", "files": {}},
        {"version": "v3", "files": {"../outside.json": "x"}},
        {"version": "v3", "files": {"/etc/passwd": "x"}},
        {"version": "v3", "files": {"a\\b": "x"}},
        {"version": "v3", "files": {"a": 5}},
        {"version": "v3", "files": {"a": "x", "a/b": "y"}},
    ],
)
def test_malformed_downloads_are_rejected(tmp_path: Path, payload: Any) -> None:
    cache = CatalogCache(tmp_path, check_catalog)
    cache.install(good("v1"))
    update = cache.install(payload)
    assert update.outcome == "rejected" and cache.current_version == "v1"
    assert not (tmp_path.parent / "outside.json").exists()


@pytest.mark.expect_log(r"stored catalog v2 refused: catalog v2 failed validation")
def test_damaged_current_version_rolls_back_at_start(tmp_path: Path) -> None:
    cache = CatalogCache(tmp_path, check_catalog)
    cache.install(good("v1"))
    cache.install(good("v2"))
    (tmp_path / "versions" / "v2" / "themes.json").write_text("{broken")
    again = CatalogCache(tmp_path, check_catalog)
    update = again.verify_current()
    assert (update.outcome, update.current_version) == ("updated", "v1")
    assert again.verify_current().outcome == "unchanged"


def test_staff_rollback_and_pruning(tmp_path: Path) -> None:
    cache = CatalogCache(tmp_path, check_catalog)
    for version in ("v1", "v2", "v3", "v4"):
        cache.install(good(version))
    assert cache.good_versions() == ["v2", "v3", "v4"]
    assert sorted(p.name for p in (tmp_path / "versions").iterdir()) == ["v2", "v3", "v4"]
    assert cache.rollback().current_version == "v3"
    assert cache.rollback().current_version == "v2"
    assert cache.rollback().outcome == "unchanged"


@pytest.mark.expect_log(r"catalog cache index .* unreadable \(file is not a database\)")
def test_corrupt_index_is_set_aside_not_a_crash(tmp_path: Path) -> None:
    cache = CatalogCache(tmp_path, check_catalog)
    cache.install(good("v1"))
    cache.close()
    for name in ("cache.sqlite-wal", "cache.sqlite-shm"):
        (tmp_path / name).unlink(missing_ok=True)
    (tmp_path / "cache.sqlite").write_bytes(b"garbage, not a database" * 100)
    again = CatalogCache(tmp_path, check_catalog)
    assert again.current_version is None
    assert [p.name for p in tmp_path.glob("cache.sqlite.broken-*")] != []
    assert again.install(good("v2")).outcome == "updated"


def test_pointer_file_of_older_software_is_taken_over(tmp_path: Path) -> None:
    """A terminal upgraded in the field: its current.json becomes rows of the cache's database."""
    for version in ("v1", "v2"):
        directory = tmp_path / "versions" / version
        (directory / "matters").mkdir(parents=True)
        (directory / "themes.json").write_text(json.dumps({"themes": [{"id": "cafe"}]}))
    (tmp_path / "current.json").write_text(json.dumps({"current": "v2", "good": ["v1", "v2"]}))
    cache = CatalogCache(tmp_path, check_catalog)
    assert (cache.current_version, cache.good_versions()) == ("v2", ["v1", "v2"])
    assert cache.rollback().current_version == "v1"


def hashed(files: dict[str, str]) -> dict[str, Any]:
    return {"version": catalog_version(files), "files": files}


THEMES = json.dumps({"themes": [{"id": "cafe"}]})


@pytest.mark.expect_log(r"catalog download rejected: catalog sha256-\w+: its files hash to")
def test_download_whose_files_do_not_hash_to_its_version_is_refused(tmp_path: Path) -> None:
    cache = CatalogCache(tmp_path, check_catalog, content_version=catalog_version)
    first = hashed({"themes.json": THEMES})
    assert cache.install(first).outcome == "updated"
    forged = {"version": catalog_version({"themes.json": THEMES, "x.yaml": "a: 1"}),
              "files": {"themes.json": THEMES, "x.yaml": "a: 2"}}
    update = cache.install(forged)
    assert update.outcome == "rejected" and "hash to" in update.message
    assert cache.current_version == first["version"]


@pytest.mark.expect_log(r"stored catalog sha256-\w+ refused: catalog sha256-\w+: its files hash to")
def test_tampered_cached_file_is_refused_and_the_last_good_one_kept(tmp_path: Path) -> None:
    cache = CatalogCache(tmp_path, check_catalog, content_version=catalog_version)
    v1 = hashed({"themes.json": THEMES})
    v2 = hashed({"themes.json": THEMES, "matters/m1.yaml": "id: m1\n"})
    cache.install(v1)
    cache.install(v2)
    # still valid for the validator, but not what the hub published
    (tmp_path / "versions" / v2["version"] / "matters" / "m1.yaml").write_text("id: m1-edited\n")
    again = CatalogCache(tmp_path, check_catalog, content_version=catalog_version)
    update = again.verify_current()
    assert (update.outcome, update.current_version) == ("updated", v1["version"])
    assert again.good_versions() == [v1["version"]]


@pytest.mark.hub
def test_refresh_from_the_hub(tmp_path: Path, client: HubClient, stub_hub: StubHub) -> None:
    cache = CatalogCache(tmp_path, check_catalog)
    assert cache.refresh(client).outcome == "unavailable"
    stub_hub.state.catalogs["v7"] = good("v7")
    assert cache.refresh(client).current_version == "v7"
    stub_hub.stop()
    down = cache.refresh(client)
    assert down.outcome == "unavailable" and down.current_version == "v7"


names = st.text(alphabet=st.sampled_from(list("ab./\\\x00-_")), min_size=0, max_size=12)


@pytest.mark.expect_log(r"catalog (download|\S+) rejected")
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    version=st.text(max_size=10),
    files=st.dictionaries(names, st.text(max_size=5) | st.integers(), max_size=4),
)
def test_fuzzed_downloads_never_escape_or_crash(tmp_path: Path, version: str, files: dict) -> None:
    cache = CatalogCache(tmp_path / "c", check_catalog)
    update = cache.install({"version": version, "files": files})
    assert update.outcome == "rejected"  # no themes.json with themes can come out of this alphabet
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c"]


@pytest.mark.expect_log(r"catalog v1 rejected, keeping None: catalog v1 has 2 problem\(s\)")
def test_validator_returning_problems_rejects(tmp_path: Path) -> None:
    cache = CatalogCache(tmp_path, lambda directory: ["themes.json:1: themes: empty", "x:2: y: z"])
    update = cache.install(good("v1"))
    assert (
        update.outcome == "rejected"
        and "2 problem(s)" in update.message
        and "themes: empty" in update.message
    )
    ok = CatalogCache(tmp_path / "ok", lambda directory: [])
    assert ok.install(good("v1")).outcome == "updated"
