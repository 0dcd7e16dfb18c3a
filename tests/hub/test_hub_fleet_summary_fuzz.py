"""Whatever a terminal puts in its heartbeat, the fleet page can read it: fuzzed with hypothesis."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hub import fleet_summary

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=16,
)
device_rows = st.fixed_dictionaries(
    {},
    optional={
        "name": json_values,
        "kind": json_values,
        "status": st.sampled_from(["online", "offline", "noDevice", "hardwareError"]) | json_values,
        "paper": st.sampled_from(["ok", "low", "out", "unknown"]) | json_values,
        "detail": json_values,
    },
)
queues = st.fixed_dictionaries(
    {},
    optional={
        "pending": json_values,
        "sending": json_values,
        "dead": json_values,
        "oldest_pending_at": st.datetimes().map(lambda d: d.isoformat()) | json_values,
    },
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(devices=st.lists(device_rows, max_size=40) | json_values)
def test_any_device_list_reads_without_error(devices) -> None:
    states = fleet_summary.device_states(devices)
    assert len(states) <= fleet_summary.MAX_ROWS
    assert all(s.severity in ("ok", "warn", "error") and s.label for s in states)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(queue=queues | json_values, beat=st.dictionaries(st.text(max_size=20), json_values, max_size=3))
def test_any_queue_reads_without_error(queue, beat) -> None:
    state = fleet_summary.queue_state(queue, beat)
    assert state.depth is None or state.depth >= 0
    assert state.oldest_pending_at is None or state.oldest_pending_at.endswith("Z")


@settings(max_examples=300, deadline=None, derandomize=True)
@given(raw=json_values)
def test_any_alerts_and_versions_read_without_error(raw) -> None:
    found = fleet_summary.alerts(raw)
    kinds = [a.kind for a in found]
    assert kinds == sorted(kinds, key=lambda k: k != "call_staff")  # call_staff first
    software, catalog = fleet_summary.versions(raw)
    assert all(v is None or len(v) <= fleet_summary.MAX_TEXT for v in (software, catalog))


@pytest.mark.parametrize(
    ("row", "severity", "label"),
    [
        ({"status": "online", "paper": "out"}, "error", "缺纸 paper out"),
        ({"status": "online", "paper": "low"}, "warn", "纸少 paper low"),
        ({"status": "offline", "paper": "low"}, "error", "离线 offline"),  # the worse one wins
        ({"status": "noDevice"}, "error", "未连接 no device"),
        ({"status": "online"}, "ok", "正常 online"),
        ({"status": "melting"}, "warn", "未知 melting"),
    ],
)
def test_device_trouble_is_named_in_both_languages(row: dict, severity: str, label: str) -> None:
    state = fleet_summary.device_state(row)
    assert (state.severity, state.label) == (severity, label)


def test_times_are_normalised_to_utc_and_nonsense_is_dropped() -> None:
    assert fleet_summary.iso_time("2026-11-27T18:05:00+08:00") == "2026-11-27T10:05:00Z"
    assert fleet_summary.iso_time("2026-11-27T10:05:00") == "2026-11-27T10:05:00Z"  # naive = UTC
    assert fleet_summary.iso_time("yesterday") is None
    assert fleet_summary.iso_time(1764270000) is None
