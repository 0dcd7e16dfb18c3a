"""The staff PIN pad on a real (offscreen) window with a real PIN file and audit log."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from kiosk.admin.audit_gate import AuditGate
from kiosk.admin.pin_pad import NOT_SET_ZH, PinPad
from kiosk.staff.pin import PinStore

pytestmark = pytest.mark.gui


def make_pad(qtbot, host, store, audit_log, **kwargs) -> PinPad:
    pad = PinPad(store, AuditGate(audit_log), host, **kwargs)
    pad.open_over(host)
    qtbot.waitExposed(pad)
    return pad


def type_pin(qtbot, pad: PinPad, pin: str) -> None:
    for digit in pin:
        qtbot.mouseClick(pad.digit_keys[digit], Qt.MouseButton.LeftButton)


def submit_and_wait(qtbot, pad: PinPad) -> None:
    qtbot.mouseClick(pad.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not pad._checking, timeout=10_000)


def actions(audit_log) -> list[tuple[str, dict]]:
    return [(entry.action, entry.detail) for entry in audit_log.entries()]


def test_right_pin_is_accepted_and_audited(qtbot, host, pin_store, audit_log, good_pin) -> None:
    pad = make_pad(qtbot, host, pin_store, audit_log)
    assert pad.geometry() == host.rect()
    type_pin(qtbot, pad, good_pin)
    assert pad.dots.text() == "●●●●"
    with qtbot.waitSignal(pad.accepted, timeout=10_000):
        qtbot.mouseClick(pad.ok_button, Qt.MouseButton.LeftButton)
    assert not pad.isVisible()
    assert pad.entered_length == 0
    assert actions(audit_log) == [("staff.login", {})]


def test_wrong_pin_shows_tries_left_and_is_audited(qtbot, host, pin_store, audit_log) -> None:
    pad = make_pad(qtbot, host, pin_store, audit_log)
    type_pin(qtbot, pad, "8642")
    submit_and_wait(qtbot, pad)
    assert "还可尝试 4 次" in pad.message.text()
    assert pad.isVisible() and pad.ok_button.isEnabled()
    assert pad.entered_length == 0
    assert actions(audit_log) == [("staff.login_failed", {"remaining": 4, "locked": False})]
    assert "8642" not in audit_log.path.read_text(encoding="utf-8")


def test_backspace_clear_and_too_short(qtbot, host, pin_store, audit_log) -> None:
    pad = make_pad(qtbot, host, pin_store, audit_log)
    type_pin(qtbot, pad, "123")
    qtbot.mouseClick(pad.backspace_key, Qt.MouseButton.LeftButton)
    assert pad.entered_length == 2
    qtbot.mouseClick(pad.ok_button, Qt.MouseButton.LeftButton)
    assert "4–8 位数字" in pad.message.text()
    qtbot.mouseClick(pad.clear_key, Qt.MouseButton.LeftButton)
    assert pad.entered_length == 0
    type_pin(qtbot, pad, "123456789")
    assert pad.entered_length == 8  # never more than the longest PIN
    assert actions(audit_log) == []


def test_five_wrong_pins_lock_the_pad_with_a_countdown(qtbot, host, pin_store, audit_log, good_pin) -> None:
    pad = make_pad(qtbot, host, pin_store, audit_log)
    for _ in range(5):
        type_pin(qtbot, pad, "8642")
        submit_and_wait(qtbot, pad)
    assert "已锁定" in pad.message.text()
    assert ":" in pad.message.text()
    assert not pad.ok_button.isEnabled() and not pad.digit_keys["1"].isEnabled()
    assert pad.cancel_button.isEnabled()
    type_pin(qtbot, pad, good_pin)  # keys are disabled: nothing is entered
    assert pad.entered_length == 0
    last = actions(audit_log)[-1]
    assert last == ("staff.login_failed", {"remaining": 0, "locked": True})
    with qtbot.waitSignal(pad.cancelled, timeout=2000):
        qtbot.mouseClick(pad.cancel_button, Qt.MouseButton.LeftButton)
    pad.open_over(host)  # reopening still shows the lock (it lives in the PIN file)
    assert "已锁定" in pad.message.text() and not pad.ok_button.isEnabled()


def test_lock_ends_when_its_time_has_passed(
    qtbot, host, pin_store, audit_log, cheap_hasher, good_pin
) -> None:
    now = [1_900_000_000.0]
    store = PinStore(pin_store.state_path, clock=lambda: now[0], hasher=cheap_hasher)
    pad = make_pad(qtbot, host, store, audit_log, clock=lambda: now[0])
    for _ in range(5):
        type_pin(qtbot, pad, "8642")
        submit_and_wait(qtbot, pad)
    assert "01:00" in pad.message.text()
    now[0] += 61
    pad._tick()
    assert "锁定已解除" in pad.message.text() and pad.ok_button.isEnabled()
    type_pin(qtbot, pad, good_pin)
    with qtbot.waitSignal(pad.accepted, timeout=10_000):
        qtbot.mouseClick(pad.ok_button, Qt.MouseButton.LeftButton)


def test_no_pin_set_means_no_admin_mode(qtbot, host, staff_files, audit_log, cheap_hasher) -> None:
    store = PinStore(staff_files.pin, hasher=cheap_hasher)
    pad = make_pad(qtbot, host, store, audit_log)
    assert pad.message.text() == NOT_SET_ZH
    assert not pad.ok_button.isEnabled() and not pad.digit_keys["5"].isEnabled()
    pad.submit()
    assert pad.message.text() == NOT_SET_ZH
    assert actions(audit_log) == []


def test_pin_removed_while_the_pad_is_open(qtbot, host, pin_store, audit_log, good_pin) -> None:
    pad = make_pad(qtbot, host, pin_store, audit_log)
    pin_store.state_path.unlink()
    type_pin(qtbot, pad, good_pin)
    submit_and_wait(qtbot, pad)
    assert pad.message.text() == NOT_SET_ZH
    assert not pad.ok_button.isEnabled()


@pytest.mark.expect_log(r"audit log damaged; admin action staff\.login refused")
def test_damaged_audit_log_refuses_admin_mode(qtbot, host, pin_store, audit_log, good_pin) -> None:
    audit_log.append("staff.login", {})
    with audit_log.path.open("ab") as handle:
        handle.write(b'{"seq": 2, "broken')
    pad = make_pad(qtbot, host, pin_store, audit_log)
    accepted = []
    pad.accepted.connect(lambda: accepted.append(True))
    type_pin(qtbot, pad, good_pin)
    submit_and_wait(qtbot, pad)
    assert accepted == []
    assert "审计日志已损坏" in pad.message.text()


def test_damaged_pin_file_is_a_message_not_a_crash(qtbot, host, pin_store, audit_log) -> None:
    pin_store.state_path.write_text(json.dumps({"version": 1, "hash": "nonsense"}), encoding="utf-8")
    pad = make_pad(qtbot, host, pin_store, audit_log)
    assert "技术人员" in pad.message.text()
    assert not pad.ok_button.isEnabled()


def test_a_forgotten_pad_cancels_itself(qtbot, host, pin_store, audit_log) -> None:
    pad = make_pad(qtbot, host, pin_store, audit_log, idle_s=0.2)
    type_pin(qtbot, pad, "12")
    with qtbot.waitSignal(pad.cancelled, timeout=5000):
        pass
    assert not pad.isVisible() and pad.entered_length == 0
