"""The admin audit log: a hash chain that catches edits, deletions, reordering and insertions; no PII."""

from __future__ import annotations

import json
import multiprocessing
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.staff.audit import (
    GENESIS,
    AuditDetailError,
    AuditLog,
    AuditLogDamaged,
    canonical_json,
    check_detail,
    entry_hash,
)

VALID_ID = "11010519491231002X"  # valid GB 11643 check digit (FACTS.md)


@pytest.fixture
def log(tmp_path: Path, clock) -> AuditLog:
    audit = AuditLog(tmp_path / "logs" / "audit.jsonl", clock=clock)
    for index, action in enumerate(["staff.login", "settings.save", "queue.retry", "app.restart"]):
        clock.advance(1)
        audit.append(action, {"step": index, "key": "terminal.hall"})
    return audit


def lines(audit: AuditLog) -> list[str]:
    return audit.path.read_text(encoding="utf-8").splitlines(keepends=True)


def rewrite(audit: AuditLog, new_lines: list[str]) -> None:
    audit.path.write_text("".join(new_lines), encoding="utf-8")


def test_entries_are_chained_and_the_chain_verifies(log: AuditLog) -> None:
    entries = log.entries()
    assert [e.seq for e in entries] == [1, 2, 3, 4]
    assert entries[0].prev == GENESIS
    assert all(b.prev == a.hash for a, b in pairwise(entries))
    first = entries[0]
    assert first.hash == entry_hash(first.seq, first.time, first.action, first.detail, first.prev)
    record = json.loads(lines(log)[0])
    assert set(record) == {"seq", "time", "action", "detail", "prev", "hash"}
    assert record["time"].endswith("+00:00")
    check = log.verify()
    assert check.ok and check.entries == 4 and check.first_bad_seq is None


def test_empty_log_verifies(tmp_path: Path) -> None:
    audit = AuditLog(tmp_path / "audit.jsonl")
    assert audit.verify().ok
    assert audit.entries() == []


def test_entries_last_n(log: AuditLog) -> None:
    assert [e.action for e in log.entries(last=2)] == ["queue.retry", "app.restart"]
    assert log.entries(last=0) == []


def test_edited_line_is_caught(log: AuditLog) -> None:
    content = lines(log)
    content[1] = content[1].replace("settings.save", "settings.view")
    rewrite(log, content)
    check = log.verify()
    assert not check.ok and check.first_bad_seq == 2 and "changed" in check.reason


def test_edited_line_with_recomputed_hash_breaks_the_next_link(log: AuditLog) -> None:
    content = lines(log)
    record = json.loads(content[1])
    record["detail"]["step"] = 99
    fields = (record["seq"], record["time"], record["action"], record["detail"], record["prev"])
    record["hash"] = entry_hash(*fields)
    content[1] = canonical_json(record).decode() + "\n"
    rewrite(log, content)
    check = log.verify()
    assert not check.ok and check.first_bad_seq == 3 and "follow" in check.reason


def test_deleted_line_is_caught(log: AuditLog) -> None:
    content = lines(log)
    del content[1]
    rewrite(log, content)
    check = log.verify()
    assert not check.ok and check.first_bad_seq == 2 and check.entries == 1


def test_lines_cut_off_the_end_are_caught(log: AuditLog) -> None:
    rewrite(log, lines(log)[:2])
    check = log.verify()
    assert not check.ok and check.first_bad_seq == 3 and "cut off" in check.reason


def test_missing_head_file_is_caught(log: AuditLog) -> None:
    log.head_path.unlink()
    assert not log.verify().ok


def test_reordered_lines_are_caught(log: AuditLog) -> None:
    content = lines(log)
    content[1], content[2] = content[2], content[1]
    rewrite(log, content)
    check = log.verify()
    assert not check.ok and check.first_bad_seq == 2 and "reordered" in check.reason


def test_inserted_line_is_caught(log: AuditLog) -> None:
    content = lines(log)
    forged = json.loads(content[1])
    forged["action"] = "pin.reset"
    content.insert(2, canonical_json(forged).decode() + "\n")
    rewrite(log, content)
    check = log.verify()
    assert not check.ok and check.first_bad_seq == 3


def test_garbage_line_is_caught(log: AuditLog) -> None:
    content = lines(log)
    content[2] = "garbage\n"
    rewrite(log, content)
    check = log.verify()
    assert not check.ok and check.first_bad_seq == 3 and "not a valid" in check.reason
    assert [e.seq for e in log.entries()] == [1, 2, 4]  # staff still see what is readable


def test_append_refuses_a_torn_last_line(log: AuditLog) -> None:
    with open(log.path, "a", encoding="utf-8") as handle:
        handle.write('{"seq": 5, "ti')
    with pytest.raises(AuditLogDamaged) as info:
        log.append("staff.login", {})
    assert "technician" in str(info.value)


def test_file_is_only_appended_to(log: AuditLog, clock) -> None:
    before = log.path.read_bytes()
    clock.advance(1)
    log.append("staff.logout")
    after = log.path.read_bytes()
    assert after.startswith(before) and after.count(b"\n") == 5
    assert log.verify().ok


@pytest.mark.parametrize(
    "detail",
    [
        {"note": f"card {VALID_ID} read"},
        {"ids": [VALID_ID.lower()]},
        {"nested": {"deeper": {"value": "tel 13812345678"}}},
        {"count": 13812345678},
        {"name": "printer"},
        {"Phone": ""},
        {"id-number": "masked"},
        {"身份证号": "x"},
        {"address": None},
    ],
)
def test_personal_data_is_refused_before_writing(log: AuditLog, detail: dict) -> None:
    size = log.path.stat().st_size
    with pytest.raises(AuditDetailError):
        log.append("settings.save", detail)
    assert log.path.stat().st_size == size


@pytest.mark.parametrize(
    "detail",
    [
        {"masked": "3101**********1234"},
        {"application_id": "6f1c2b1e-2d5a-4a7e-9a57-0c1e4b7f3a21"},
        {"not_an_id": "110105194912310021"},  # 18 digits, wrong check digit
        {"port": 9100, "hall": "徐汇区行政服务中心", "enabled": True, "ratio": 0.5},
        {"serial": "138123456789"},  # 12 digits is not a mobile
        {"application_id": "6f1c2b1e-2d5a-4a7e-9a57-a13812345678"},  # hex group, not a phone
    ],
)
def test_plain_details_are_accepted(log: AuditLog, detail: dict) -> None:
    entry = log.append("settings.save", detail)
    assert entry.detail == detail
    assert log.verify().ok


@pytest.mark.parametrize(
    ("action", "detail"),
    [
        ("", {}),
        ("Settings Save", {}),
        ("x" * 65, {}),
        ("ok", {"when": object()}),
        ("ok", {1: "int key"}),
        ("ok", {"a": {"b": {"c": {"d": {"e": {"f": 1}}}}}}),
        ("ok", {"big": "x" * 9000}),
        ("ok", {"nan": float("nan")}),
        ("ok", "not a dict"),
    ],
)
def test_bad_actions_and_details_are_typed_errors(action, detail) -> None:
    with pytest.raises(AuditDetailError):
        check_detail(action, detail)


plain_json = st.recursive(
    st.none() | st.booleans() | st.integers(max_value=10**9) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=10,
)


@given(detail=st.dictionaries(st.text(max_size=8), plain_json, max_size=4))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_detail_is_either_refused_or_round_trips(tmp_path: Path, detail: dict) -> None:
    audit = AuditLog(tmp_path / "fuzz.jsonl")
    try:
        entry = audit.append("fuzz", detail)
    except AuditDetailError:
        return
    assert audit.entries()[-1] == entry
    assert audit.verify().ok


@given(garbage=st.binary(max_size=200))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_verify_never_crashes_on_garbage(tmp_path: Path, garbage: bytes) -> None:
    audit = AuditLog(tmp_path / "garbage.jsonl")
    audit.path.write_bytes(garbage)
    check = audit.verify()
    assert check.ok == (not garbage.strip() and not audit.head_path.exists())
    audit.entries()


def _append_many(path: str, worker: int, count: int) -> None:
    audit = AuditLog(Path(path))
    for index in range(count):
        audit.append("stress", {"worker": worker, "index": index})


def test_two_processes_appending_keep_one_chain(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_append_many, args=(str(path), n, 25)) for n in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    check = AuditLog(path).verify()
    assert check.ok and check.entries == 50


@pytest.mark.parametrize(
    "tail",
    [b"x" * 100_000, b'{"seq": 5}\n', b"\n\n   \n" + b"garbage"],
    ids=["huge torn line", "valid json, not an entry", "garbage after blank lines"],
)
def test_append_refuses_any_damaged_tail(log: AuditLog, tail: bytes) -> None:
    with open(log.path, "ab") as handle:
        handle.write(tail)
    with pytest.raises(AuditLogDamaged):
        log.append("staff.login", {})


def test_blank_lines_at_the_end_do_not_break_the_chain(log: AuditLog, clock) -> None:
    with open(log.path, "ab") as handle:
        handle.write(b"\n  \n")
    entry = log.append("staff.logout", {})
    assert entry.seq == 5
    assert log.verify().ok


def test_long_log_chains_from_its_true_end(tmp_path: Path) -> None:
    audit = AuditLog(tmp_path / "long.jsonl")
    for index in range(300):
        audit.append("settings.save", {"index": index, "padding": "x" * 500})
    check = audit.verify()
    assert check.ok and check.entries == 300
    assert audit.entries(last=1)[0].detail["index"] == 299


@given(st.uuids())
@settings(max_examples=300, deadline=None)
def test_application_ids_are_never_mistaken_for_personal_data(value) -> None:
    check_detail("queue.retry", {"application_id": str(value)})


def test_a_mobile_next_to_a_uuid_is_still_refused() -> None:
    with pytest.raises(AuditDetailError, match="mobile"):
        check_detail("queue.retry", {"note": "6f1c2b1e-2d5a-4a7e-9a57-0c1e4b7f3a21 13812345678"})
