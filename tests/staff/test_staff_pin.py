"""The staff PIN: slow hash only, 0600 atomic file, five tries then a growing lock that survives restarts."""

from __future__ import annotations

import fcntl
import json
import os
import stat
import threading
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.staff.pin import (
    LOCK_CAP_S,
    MAX_ATTEMPTS,
    PinNotSet,
    PinRejected,
    PinStore,
    PinStoreError,
    check_new_pin,
    lock_duration_s,
)


@pytest.fixture
def store(tmp_path: Path, clock, cheap_hasher) -> PinStore:
    return PinStore(tmp_path / "secrets" / "staff_pin.json", clock=clock, hasher=cheap_hasher)


def fail_until_locked(store: PinStore) -> None:
    for _ in range(MAX_ATTEMPTS):
        last = store.verify("9999")
    assert last.locked_until is not None


def test_production_hash_is_argon2id_with_a_random_salt_and_file_is_0600(tmp_path: Path) -> None:
    a = PinStore(tmp_path / "a" / "pin.json")
    b = PinStore(tmp_path / "b" / "pin.json")
    a.set_pin("4826")
    b.set_pin("4826")
    raw_a = a.state_path.read_text()
    raw_b = b.state_path.read_text()
    hash_a = json.loads(raw_a)["hash"]
    assert hash_a.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert hash_a != json.loads(raw_b)["hash"]  # per-terminal salt
    assert "4826" not in raw_a
    assert stat.S_IMODE(a.state_path.stat().st_mode) == 0o600
    assert a.verify("4826").ok
    assert not a.verify("4827").ok


def test_not_set_until_set(store: PinStore) -> None:
    assert not store.is_set()
    with pytest.raises(PinNotSet):
        store.verify("4826")
    store.set_pin("4826")
    assert store.is_set()


@pytest.mark.parametrize(
    "pin", ["0000", "1111", "1234", "4321", "7890", "0987", "123456", "12345678", "1212", "123123", "2580"]
)
def test_trivial_pins_are_refused_with_a_message(store: PinStore, pin: str) -> None:
    with pytest.raises(PinRejected) as info:
        store.set_pin(pin)
    assert "简单" in info.value.message_zh and "easy" in info.value.message_en
    assert not store.is_set()


@pytest.mark.parametrize("pin", ["", "123", "123456789", "12a4", "１２３４", " 4826", None, 4826])
def test_malformed_pins_are_refused(store: PinStore, pin) -> None:
    with pytest.raises(PinRejected) as info:
        store.set_pin(pin)
    assert "digits" in info.value.message_en


@given(st.text(max_size=12))
@settings(max_examples=300, deadline=None)
def test_check_new_pin_accepts_only_4_to_8_ascii_digits(text: str) -> None:
    try:
        assert check_new_pin(text) == text
    except PinRejected:
        return
    assert text.isascii() and text.isdigit() and 4 <= len(text) <= 8


def test_wrong_pins_count_down_then_lock(store: PinStore, clock) -> None:
    store.set_pin("4826")
    remaining = [store.verify("1357").remaining_attempts for _ in range(MAX_ATTEMPTS - 1)]
    assert remaining == [4, 3, 2, 1]
    locked = store.verify("1357")
    assert not locked.ok and locked.remaining_attempts == 0
    assert locked.locked_until == pytest.approx(clock.now + 60)
    assert "锁定" in locked.message_zh and "locked until" in locked.message_en
    # the right PIN is refused while locked, without being checked
    assert not store.verify("4826").ok


def test_lock_ends_then_right_pin_resets_everything(store: PinStore, clock) -> None:
    store.set_pin("4826")
    fail_until_locked(store)
    clock.advance(61)
    check = store.verify("4826")
    assert check.ok and check.remaining_attempts == MAX_ATTEMPTS
    assert json.loads(store.state_path.read_text())["lock_level"] == 0


def test_lock_doubles_up_to_one_hour(store: PinStore, clock) -> None:
    store.set_pin("4826")
    seen = []
    for _ in range(8):
        for _ in range(MAX_ATTEMPTS):
            check = store.verify("0001")
        seen.append(check.locked_until - clock.now)
        clock.advance(check.locked_until - clock.now + 1)
    assert seen == [60, 120, 240, 480, 960, 1920, 3600, 3600]
    assert lock_duration_s(50) == LOCK_CAP_S


def test_lock_survives_a_restart(tmp_path: Path, clock, cheap_hasher) -> None:
    path = tmp_path / "pin.json"
    first = PinStore(path, clock=clock, hasher=cheap_hasher)
    first.set_pin("4826")
    fail_until_locked(first)
    clock.advance(30)
    again = PinStore(path, clock=clock, hasher=cheap_hasher)
    assert not again.verify("4826").ok
    clock.advance(31)
    assert again.verify("4826").ok


def test_failures_survive_a_restart(tmp_path: Path, clock, cheap_hasher) -> None:
    path = tmp_path / "pin.json"
    PinStore(path, clock=clock, hasher=cheap_hasher).set_pin("4826")
    for _ in range(3):
        PinStore(path, clock=clock, hasher=cheap_hasher).verify("0001")
    assert PinStore(path, clock=clock, hasher=cheap_hasher).verify("0001").remaining_attempts == 1


def test_clock_set_back_cannot_unlock_early(store: PinStore, clock) -> None:
    store.set_pin("4826")
    fail_until_locked(store)
    clock.advance(-86_400)  # someone sets the clock a day back
    check = store.verify("4826")
    assert not check.ok
    assert check.locked_until == pytest.approx(clock.now + 60)  # the lock starts again from "now"
    clock.advance(30)
    assert not store.verify("4826").ok
    clock.advance(31)
    assert store.verify("4826").ok


def test_non_digit_entry_counts_as_a_wrong_pin(store: PinStore) -> None:
    store.set_pin("4826")
    assert store.verify("48a6").remaining_attempts == MAX_ATTEMPTS - 1


def test_failure_is_saved_before_the_hash_is_checked(tmp_path: Path, clock) -> None:
    class PowerCut(Exception):
        pass

    class HasherCutMidway(PasswordHasher):
        def verify(self, hash, password):  # the plug is pulled while argon2 runs
            raise PowerCut

    path = tmp_path / "pin.json"
    cheap = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}
    PinStore(path, clock=clock, hasher=PasswordHasher(**cheap)).set_pin("4826")
    with pytest.raises(PowerCut):
        PinStore(path, clock=clock, hasher=HasherCutMidway(**cheap)).verify("0001")
    assert json.loads(path.read_text())["failures"] == 1


def test_loose_permissions_are_refused(store: PinStore) -> None:
    store.set_pin("4826")
    os.chmod(store.state_path, 0o644)
    with pytest.raises(PinStoreError) as info:
        store.verify("4826")
    assert "chmod 600" in info.value.message_en


@pytest.mark.parametrize(
    "content",
    [b"", b"not json", b"\xff\xfe", b"[]", b'{"version": 1}', b'{"version": 1, "hash": "$2b$plain"}'],
)
def test_damaged_file_is_a_typed_error(store: PinStore, content: bytes) -> None:
    store.state_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(store.state_path, os.O_WRONLY | os.O_CREAT, 0o600)
    os.write(fd, content)
    os.close(fd)
    with pytest.raises(PinStoreError) as info:
        store.verify("4826")
    assert "damaged" in info.value.message_en


def test_hash_that_argon2_cannot_read_is_a_typed_error(store: PinStore) -> None:
    store.set_pin("4826")
    state = json.loads(store.state_path.read_text())
    state["hash"] = "$argon2id$garbage"
    store.state_path.write_text(json.dumps(state))
    with pytest.raises(PinStoreError):
        store.verify("4826")


def test_symlink_is_refused(store: PinStore, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.json"
    target.write_text("{}")
    os.chmod(target, 0o600)
    store.state_path.parent.mkdir(parents=True, exist_ok=True)
    store.state_path.symlink_to(target)
    with pytest.raises(PinStoreError):
        store.is_set()


def test_no_temp_files_left_behind(store: PinStore) -> None:
    store.set_pin("4826")
    for pin in ("0001", "4826"):
        store.verify(pin)
    assert [p.name for p in store.state_path.parent.iterdir()] == ["staff_pin.json"]


def test_status_reads_without_counting(store: PinStore, clock) -> None:
    assert not store.status().is_set
    store.set_pin("4826")
    store.verify("0001")
    status = store.status()
    assert status.is_set and status.failures == 1 and status.locked_until is None
    assert store.status().failures == 1  # reading did not count a try
    fail_until_locked(store)
    assert store.status().locked_until == pytest.approx(clock.now + 60)
    clock.advance(-3600)
    assert store.status().locked_until == pytest.approx(clock.now + 60)  # clock set back: still locked
    clock.advance(3600 + 61)
    assert store.status().locked_until is None


def test_a_fifth_try_cut_off_before_its_lock_still_locks(store: PinStore, clock) -> None:
    store.set_pin("4826")
    state = json.loads(store.state_path.read_text())
    state["failures"] = MAX_ATTEMPTS  # saved as counted, then the power went before the lock was saved
    store.state_path.write_text(json.dumps(state))
    check = store.verify("4826")
    assert not check.ok and check.locked_until == pytest.approx(clock.now + 60)
    assert store.status().locked_until == pytest.approx(clock.now + 60)  # the file is still readable


def test_verify_waits_for_another_holder_of_the_pin_state(store: PinStore) -> None:
    store.set_pin("4826")
    holder = os.open(store.state_path.parent, os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(holder, fcntl.LOCK_EX)  # e.g. the technician's console in the middle of set-pin
    results = []
    worker = threading.Thread(target=lambda: results.append(store.verify("4826")))
    try:
        worker.start()
        worker.join(0.5)
        assert worker.is_alive() and not results
    finally:
        os.close(holder)
    worker.join(30)
    assert results and results[0].ok
