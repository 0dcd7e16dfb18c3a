"""The catalog from the centre, end to end: a department publishes, the terminal's sync loop fetches,
the next visit uses it, the visit in progress does not; a tampered cached file is refused.

Real parts: the demo terminal's embedded hub on 127.0.0.1, `python main.py hub publish-catalog`
as a process against that hub's database, the sync thread, the catalog cache on disk.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from rigs.catalog_copies import NEW_MATERIAL, with_new_restaurant_material
from rigs.demo_terminal import demo_settings

from flows.journey import Journey, Step
from kiosk.runtime import Runtime, build_runtime
from kiosk.walkthrough import sample_input

ROOT = Path(__file__).resolve().parents[2]
CITIZENS = {c["key"]: c for c in json.loads((ROOT / "assets/samples/citizens.json").read_text())["citizens"]}
CITIZEN = "zhang_wei"
WAIT_S = 30.0


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Runtime]:
    settings = demo_settings(tmp_path / "data", **{"sync.heartbeat_interval_s": 0.2})
    runtime = build_runtime(settings, demo=True)
    runtime.sync.start()
    yield runtime
    runtime.close()


def publish(runtime: Runtime, directory: Path) -> subprocess.CompletedProcess[str]:
    hub_db = f"sqlite:///{runtime.data_dir / 'demo-hub' / 'hub.sqlite'}"
    return subprocess.run(
        [sys.executable, "main.py", "hub", "publish-catalog", str(directory), "--db", hub_db],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )


def wait_for_catalog(runtime: Runtime, version: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while runtime.catalog.version != version and time.monotonic() < deadline:
        time.sleep(0.05)
    assert runtime.catalog.version == version, "the sync loop did not fetch the new catalog in time"


def journey_for(runtime: Runtime) -> Journey:
    return Journey(runtime.catalog, runtime.hub, catalog_source=lambda: runtime.catalog,
                   today=lambda: date(2026, 12, 1))


def past_the_questions(journey: Journey, theme: str = "restaurant") -> None:
    journey.choose_theme(theme)
    journey.accept_consent()
    journey.identify_with_card(CITIZENS[CITIZEN]["card"])
    for question in journey.business_questions():
        journey.answer(question.id, _answer(journey, question))
    journey.finish_business()
    if journey.step == Step.SITUATION:
        for question in journey.situation_questions():
            journey.answer(question.id, _answer(journey, question))
        journey.finish_situation()
    journey.licence_scanned(CITIZENS[CITIZEN]["enterprise"]["uscc"])
    assert journey.step == Step.REVIEW


def _answer(journey: Journey, question: Any) -> Any:
    wanted = journey.theme.max_answers.get(question.id)
    if wanted is not None:
        return wanted
    if question.kind == "bool":
        return False
    return [question.options[0].id] if question.kind == "multi" else question.options[0].id


def submit(journey: Journey, runtime: Runtime) -> dict[str, Any]:
    for merged_field, value in journey.filled:
        if value.editable and value.is_empty:
            journey.set_field(merged_field.key, _sample(journey, merged_field))
    journey.finish_review()
    journey.finish_checklist()
    journey.choose_delivery("pickup")
    payload = journey.application_payload()
    journey.submit(runtime.outbox)
    return payload


def _sample(journey: Journey, merged_field: Any) -> Any:
    if merged_field.kind == "enum":
        return merged_field.options[0].id
    if merged_field.kind == "multi":
        return [merged_field.options[0].id]
    if merged_field.kind == "bool":
        return True
    return sample_input(journey.catalog.elements[merged_field.element_id])


def materials(journey: Journey) -> list[str]:
    return [item.material_id for item in journey.checklist().items]


def test_next_visit_gets_the_new_material_and_the_visit_in_progress_keeps_its_list(
    terminal: Runtime, tmp_path: Path
) -> None:
    old_version = terminal.catalog.version
    journey = journey_for(terminal)
    past_the_questions(journey)
    old_list = materials(journey)
    assert NEW_MATERIAL not in old_list

    done = publish(terminal, with_new_restaurant_material(tmp_path / "department"))
    assert done.returncode == 0, done.stderr
    assert "published catalog number 2" in done.stdout
    new_version = done.stdout.split(": ", 1)[1].split(" ", 1)[0]
    wait_for_catalog(terminal, new_version)
    assert terminal.catalog_cache is not None and terminal.catalog_cache.current_version == new_version
    assert terminal.heartbeat()["versions"]["catalog"] == new_version

    assert journey.refresh_catalog() is False  # never in the middle of a visit
    assert materials(journey) == old_list
    payload = submit(journey, terminal)
    assert payload["catalog_version"] == old_version and NEW_MATERIAL not in payload["materials"]

    journey.cancel()  # back to the attract screen
    assert journey.refresh_catalog() is True
    past_the_questions(journey)
    assert NEW_MATERIAL in materials(journey)
    assert submit(journey, terminal)["catalog_version"] == new_version


@pytest.mark.expect_log(r"stored catalog sha256-\w+ refused: .* hash to ")
def test_a_tampered_cached_file_is_refused_and_the_last_good_catalog_kept(tmp_path: Path) -> None:
    settings = demo_settings(tmp_path / "data", **{"sync.heartbeat_interval_s": 0.2})
    runtime = build_runtime(settings, demo=True)
    try:
        runtime.sync.start()
        first = runtime.catalog.version
        deadline = time.monotonic() + WAIT_S
        cache = runtime.catalog_cache
        assert cache is not None
        while cache.current_version != first and time.monotonic() < deadline:
            time.sleep(0.05)
        done = publish(runtime, with_new_restaurant_material(tmp_path / "department"))
        assert done.returncode == 0, done.stderr
        second = done.stdout.split(": ", 1)[1].split(" ", 1)[0]
        wait_for_catalog(runtime, second)
        cache_dir = runtime.data_dir / "catalog"
    finally:
        runtime.close()
    assert sorted(p.name for p in (cache_dir / "versions").iterdir()) == sorted([first, second])
    tampered = cache_dir / "versions" / second / "materials.yaml"
    tampered.write_text(tampered.read_text("utf-8").replace("厨房油烟净化设施说明", "随便什么"), "utf-8")

    offline = demo_settings(tmp_path / "data", **{"hub.embedded": False, "hub.url": "http://127.0.0.1:9"})
    again = build_runtime(offline, demo=False)
    try:
        assert again.catalog.version == first  # the last good one, not the altered file
        assert NEW_MATERIAL not in again.catalog.materials
        assert again.catalog_cache is not None and again.catalog_cache.good_versions() == [first]
    finally:
        again.close()


def test_the_attract_screen_shows_the_new_catalog_between_visits_only(
    qtbot: Any, window: Any, runtime: Runtime, tmp_path: Path
) -> None:
    """Through the screen: a tile renamed by the centre appears at the attract screen; a visit that
    has begun keeps the catalog it started with until it returns there."""
    from rigs.catalog_copies import with_theme_title

    window.journey.choose_theme("coffee")  # a visit begins before the department publishes
    done = publish(runtime, with_theme_title(tmp_path / "department", "restaurant", "我要开餐馆"))
    assert done.returncode == 0, done.stderr
    new_version = done.stdout.split(": ", 1)[1].split(" ", 1)[0]
    runtime.refresh_catalog()  # what the sync loop does once per heartbeat interval
    assert runtime.catalog.version == new_version
    attract = window.screens[Step.ATTRACT]
    assert window.journey.catalog.version != new_version  # the visit in progress keeps its catalog
    window.journey.cancel()  # back to the attract screen: it takes the new catalog and redraws
    qtbot.waitUntil(lambda: attract.tiles["restaurant"].text() == "我要开餐馆", timeout=5000)
    assert window.journey.catalog.version == new_version
