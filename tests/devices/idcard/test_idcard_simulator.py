"""The simulator: sample citizens through the real decoder, events, cancel and scripted failures."""

from __future__ import annotations

import json
import threading
from datetime import date
from pathlib import Path

import pytest

from devices.base import DeviceEvent, DeviceStatus
from devices.diagnostics import run_device_test
from devices.errors import ReaderFault
from devices.idcard.errors import CardDataError
from devices.idcard.simulator import SimulatedIdCardReader


@pytest.fixture
def reader() -> SimulatedIdCardReader:
    return SimulatedIdCardReader()


def test_citizens_are_listed_masked(reader: SimulatedIdCardReader) -> None:
    citizens = dict(reader.citizens())
    assert citizens["zhang_wei"] == "张* 3101**********3011"
    assert all("310104198503123011" not in label for label in citizens.values())


def test_present_then_read_decodes_the_sample(reader: SimulatedIdCardReader) -> None:
    reader.present("wang_jianguo")
    record = reader.read_card(1.0)
    assert record is not None
    assert (record.name, record.nation, record.source) == ("王建国", "回", "simulator")
    assert record.valid_to is None  # 长期


def test_expired_sample_is_returned_and_reports_expired(reader: SimulatedIdCardReader) -> None:
    reader.present("chen_expired")
    record = reader.read_card(1.0)
    assert record is not None and record.is_expired(date(2026, 11, 27))


def test_no_card_returns_none_after_the_timeout(reader: SimulatedIdCardReader) -> None:
    assert reader.read_card(0.05) is None


def test_a_waiting_read_gets_the_card_placed_meanwhile(reader: SimulatedIdCardReader) -> None:
    timer = threading.Timer(0.05, reader.present, args=("li_na",))
    timer.start()
    record = reader.read_card(5.0)
    timer.join()
    assert record is not None and record.name == "李娜"


def test_cancel_ends_a_waiting_read(reader: SimulatedIdCardReader) -> None:
    timer = threading.Timer(0.05, reader.cancel)
    timer.start()
    assert reader.read_card(30.0) is None
    timer.join()


def test_place_and_remove_emit_media_events_without_card_data(reader: SimulatedIdCardReader) -> None:
    events: list[DeviceEvent] = []
    reader.subscribe(events.append)
    reader.present("zhang_wei")
    reader.present("zhang_wei")
    reader.remove()
    assert [e.kind for e in events] == ["MediaInserted", "MediaRemoved"]
    assert all(e.payload == {} for e in events)


def test_corrupt_block_fails_like_hardware(reader: SimulatedIdCardReader) -> None:
    reader.present_block(b"\x00" * 256)
    with pytest.raises(CardDataError):
        reader.read_card(1.0)


def test_scripted_failure_is_raised_once(reader: SimulatedIdCardReader) -> None:
    reader.present("zhang_wei")
    reader.fail_next_read(ReaderFault("simulated"))
    with pytest.raises(ReaderFault):
        reader.read_card(1.0)
    assert reader.read_card(1.0) is not None


def test_live_test_masks_the_id_number(reader: SimulatedIdCardReader) -> None:
    reader.present("zhang_wei")
    result = run_device_test(reader, "idcard", 1.0)
    assert result["ok"] is True
    assert result["card"]["id_number"] == "3101**********3011"
    assert "310104198503123011" not in json.dumps(result, ensure_ascii=False)
    assert reader.status == DeviceStatus.ONLINE


def test_unknown_citizen_key_is_refused(reader: SimulatedIdCardReader) -> None:
    with pytest.raises(KeyError):
        reader.present("nobody")


def test_a_broken_citizens_file_is_a_typed_error(tmp_path: Path) -> None:
    bad = tmp_path / "citizens.json"
    bad.write_text('{"citizens": [{"key": "x", "card": {"name": "A"}}]}', encoding="utf-8")
    with pytest.raises(CardDataError, match="incomplete"):
        SimulatedIdCardReader(bad)
    bad.write_text("not json", encoding="utf-8")
    with pytest.raises(CardDataError, match="cannot load"):
        SimulatedIdCardReader(bad)


def test_poll_loop_reports_presence_changes(reader: SimulatedIdCardReader) -> None:
    inserted, removed = threading.Event(), threading.Event()

    def on_event(event: DeviceEvent) -> None:
        (inserted if event.kind == "MediaInserted" else removed).set()

    reader.subscribe(on_event)
    reader.start_polling(0.01)
    try:
        reader._card = b"x" * 256  # placed behind the reader's back: only the poll loop can notice
        assert inserted.wait(5)
        reader._card = None
        assert removed.wait(5)
    finally:
        reader.stop_polling()
    assert not reader.polling
