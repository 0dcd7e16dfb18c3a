"""A real demo terminal in a temp folder (simulated devices, embedded hub on 127.0.0.1),
staff files with a cheap argon2id hasher, and a 1920×1080 host the admin layers cover.

The runtime is built like tests/kiosk/conftest.py does, but its sync thread is not
started: queue tests move items between states themselves and must not race it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from rigs.demo_terminal import demo_settings

from kiosk.runtime import Runtime, build_runtime
from kiosk.staff import StaffFiles
from kiosk.staff.audit import AuditLog
from kiosk.staff.pin import PinStore

SAMPLES = Path(__file__).resolve().parents[2] / "assets" / "samples" / "citizens.json"
GOOD_PIN = "3917"


@pytest.fixture
def runtime(tmp_path: Path) -> Iterator[Runtime]:
    rt = build_runtime(demo_settings(tmp_path / "data"), demo=True)
    yield rt
    rt.close()


@pytest.fixture
def staff_files(runtime: Runtime) -> StaffFiles:
    return StaffFiles(runtime.data_dir)


@pytest.fixture
def cheap_hasher() -> PasswordHasher:
    return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture
def pin_store(staff_files: StaffFiles, cheap_hasher: PasswordHasher) -> PinStore:
    store = PinStore(staff_files.pin, hasher=cheap_hasher)
    store.set_pin(GOOD_PIN)
    return store


@pytest.fixture
def audit_log(staff_files: StaffFiles) -> AuditLog:
    return AuditLog(staff_files.audit)


@pytest.fixture
def host(qtbot):
    from PySide6.QtWidgets import QWidget

    from kiosk.app import make_application

    make_application()
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(1920, 1080)
    widget.show()
    return widget


def citizen_pii() -> list[str]:
    """Every name, ID number, phone and address of the demo citizens (must never be audited)."""
    found: list[str] = []
    for citizen in json.loads(SAMPLES.read_text(encoding="utf-8"))["citizens"]:
        card = citizen.get("card", {})
        profile = citizen.get("person_profile", {})
        found += [card.get("name"), card.get("id_number"), card.get("address"), profile.get("phone")]
    return [value for value in found if value]


def _assert_no_pii(audit_path: Path) -> None:
    from flows.identifiers import mask_id_number

    text = audit_path.read_text(encoding="utf-8")
    for value in citizen_pii():
        assert value not in text
        if len(value) == 18 and value[:17].isdigit():
            assert mask_id_number(value) not in text


@pytest.fixture
def assert_no_pii():
    """Fails when the file holds any demo citizen's name, ID number (even masked), address or phone."""
    return _assert_no_pii


@pytest.fixture
def good_pin() -> str:
    return GOOD_PIN
