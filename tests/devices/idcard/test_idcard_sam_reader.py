"""The real GA 467 driver against a SAM module emulated on a pty: happy path, every fault, reconnect."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from idcard_samples import FOREIGN_2017, FOREIGN_2023, HKMOTW, RESIDENT
from rigs.sam_emulator import Fault, SamEmulator

from devices.base import DeviceEvent, DeviceStatus
from devices.diagnostics import run_device_test
from devices.errors import DeviceError
from devices.idcard import ga467
from devices.idcard.errors import DamagedReplies, ReaderUnavailable, SamCardError, SamFault, SamNotAnswering
from devices.idcard.ga467_reader import FRAME_RETRIES, Ga467Reader
from devices.idcard.reader import CARD_RETRIES
from devices.idcard.record import IdentityRecord
from devices.idcard.textblock import encode_text_block

pytestmark = pytest.mark.sam

CARD_SIDE = [0x31, 0x32, 0x33, 0x40, 0x41, 0x47]
READER_SIDE = [0x21, 0x23, 0x24, 0x60, 0x66]


def test_no_card_returns_none(ga467_reader: Ga467Reader) -> None:
    assert ga467_reader.read_card(0.1) is None
    assert ga467_reader.status == DeviceStatus.ONLINE


def test_reads_and_decodes_a_placed_card(sam: SamEmulator, ga467_reader: Ga467Reader, sample_blocks) -> None:
    sam.place_card(sample_blocks["zhang_wei"], bytes(range(256)) * 4)
    record = ga467_reader.read_card(2.0)
    assert record is not None
    assert (record.name, record.id_number, record.source) == ("张伟", "310104198503123011", "ga467")
    assert record.photo_wlt == bytes(range(256)) * 4
    assert sam.commands_seen[-3:] == [(0x20, 0x01), (0x20, 0x02), (0x30, 0x01)]


def test_a_card_already_read_is_read_again_through_select(
    sam: SamEmulator, ga467_reader: Ga467Reader, sample_blocks
) -> None:
    sam.place_card(sample_blocks["li_na"])
    assert ga467_reader.read_card(2.0) is not None
    second = ga467_reader.read_card(2.0)
    assert second is not None and second.name == "李娜"


@pytest.mark.parametrize("sw3", CARD_SIDE)
def test_card_side_sw3_on_read_raises_sam_card_error(
    sam: SamEmulator, ga467_reader: Ga467Reader, sample_blocks, sw3: int
) -> None:
    sam.place_card(sample_blocks["zhang_wei"])
    for _ in range(CARD_RETRIES + 1):
        sam.inject(Fault(command=ga467.READ_BASE_INFO, sw3=sw3))
    with pytest.raises(SamCardError) as caught:
        ga467_reader.read_card(5.0)
    assert caught.value.sw3 == sw3
    assert caught.value.message_zh  # the citizen is told to place the card again


def test_a_transient_card_error_is_retried(
    sam: SamEmulator, ga467_reader: Ga467Reader, sample_blocks
) -> None:
    sam.place_card(sample_blocks["zhang_wei"])
    sam.inject(Fault(command=ga467.READ_BASE_INFO, sw3=0x41))
    assert ga467_reader.read_card(5.0) is not None


def test_select_failure_after_find_means_the_card_moved(
    sam: SamEmulator, ga467_reader: Ga467Reader, sample_blocks
) -> None:
    sam.place_card(sample_blocks["zhang_wei"])
    for _ in range(CARD_RETRIES + 1):
        sam.inject(Fault(command=ga467.SELECT_CARD, sw3=0x81))
    with pytest.raises(SamCardError) as caught:
        ga467_reader.read_card(5.0)
    assert caught.value.status == "select_failed"


@pytest.mark.parametrize("sw3", READER_SIDE)
def test_reader_side_sw3_raises_sam_fault_at_once(
    sam: SamEmulator, ga467_reader: Ga467Reader, sw3: int
) -> None:
    sam.inject(Fault(command=ga467.FIND_CARD, sw3=sw3))
    with pytest.raises(SamFault) as caught:
        ga467_reader.read_card(5.0)
    assert caught.value.sw3 == sw3


def test_sam_checksum_complaint_is_retried(
    sam: SamEmulator, ga467_reader: Ga467Reader, sample_blocks
) -> None:
    sam.place_card(sample_blocks["zhang_wei"])
    sam.inject(Fault(command=ga467.READ_BASE_INFO, sw3=0x10))
    assert ga467_reader.read_card(2.0) is not None
    assert sam.commands_seen.count((0x30, 0x01)) == 2


def test_persistent_sam_length_complaint_becomes_a_fault(sam: SamEmulator, ga467_reader: Ga467Reader) -> None:
    for _ in range(FRAME_RETRIES + 1):
        sam.inject(Fault(command=ga467.FIND_CARD, sw3=0x11))
    with pytest.raises(SamFault, match="SW3 11"):
        ga467_reader.read_card(2.0)


def test_garbage_and_split_replies_are_reassembled(
    sam: SamEmulator, ga467_reader: Ga467Reader, sample_blocks
) -> None:
    sam.place_card(sample_blocks["wang_jianguo"])
    sam.inject(Fault(command=ga467.FIND_CARD, garbage=b"\x00\xaa\xaa\xaa\x96\xff\x13"))
    sam.inject(Fault(command=ga467.READ_BASE_INFO, chunks=7, chunk_delay_s=0.01, garbage=b"\xaa\x55"))
    record = ga467_reader.read_card(2.0)
    assert record is not None and record.valid_to is None


def test_bad_checksum_reply_is_asked_for_again(
    sam: SamEmulator, ga467_reader: Ga467Reader, sample_blocks
) -> None:
    sam.place_card(sample_blocks["zhang_wei"])
    sam.inject(Fault(command=ga467.READ_BASE_INFO, corrupt_checksum=True))
    assert ga467_reader.read_card(2.0) is not None
    assert sam.commands_seen.count((0x30, 0x01)) == 2


def test_endlessly_corrupt_replies_are_a_damaged_line_not_a_card_problem(
    sam: SamEmulator, ga467_reader: Ga467Reader, sample_blocks
) -> None:
    sam.place_card(sample_blocks["zhang_wei"])
    for _ in range(FRAME_RETRIES + 1):
        sam.inject(Fault(command=ga467.READ_BASE_INFO, corrupt_checksum=True))
    with pytest.raises(DamagedReplies, match="cable"):
        ga467_reader.read_card(2.0)
    assert ga467_reader.status == DeviceStatus.HARDWARE_ERROR


def test_a_missing_reply_is_asked_for_again(
    sam: SamEmulator, ga467_reader: Ga467Reader, sample_blocks
) -> None:
    sam.place_card(sample_blocks["zhang_wei"])
    sam.inject(Fault(command=ga467.SELECT_CARD, silent=True))
    assert ga467_reader.read_card(3.0) is not None


def test_port_vanishing_mid_read_then_returning(
    sam: SamEmulator, ga467_reader: Ga467Reader, sample_blocks
) -> None:
    sam.place_card(sample_blocks["zhang_wei"])
    sam.inject(Fault(command=ga467.READ_BASE_INFO, vanish_after_bytes=600))
    with pytest.raises(ReaderUnavailable):
        ga467_reader.read_card(0.2)
    assert ga467_reader.status == DeviceStatus.NO_DEVICE
    assert not sam.present
    sam.come_back()
    record = ga467_reader.read_card(2.0)
    assert record is not None and record.name == "张伟"
    assert ga467_reader.status == DeviceStatus.ONLINE
    assert ga467_reader.reconnects == 1


def test_a_read_waiting_through_an_outage_succeeds_when_the_port_returns(
    sam: SamEmulator, ga467_reader: Ga467Reader, sample_blocks
) -> None:
    sam.vanish()
    sam.place_card(sample_blocks["li_na"])
    timer = threading.Timer(0.2, sam.come_back)
    timer.start()
    record = ga467_reader.read_card(5.0)
    timer.join()
    assert record is not None and record.name == "李娜"


def test_missing_port_is_reader_unavailable(tmp_path: Path) -> None:
    reader = Ga467Reader(str(tmp_path / "ttyNothing"), poll_interval_s=0.02)
    with pytest.raises(ReaderUnavailable, match="cannot open"):
        reader.read_card(0.1)
    assert reader.status == DeviceStatus.NO_DEVICE
    result = run_device_test(reader, "idcard", 0.1)
    assert result["ok"] is False and result["code"] == "idcard.port_absent"


def test_reset_and_sam_status(sam: SamEmulator, ga467_reader: Ga467Reader) -> None:
    ga467_reader.reset()
    assert (0x10, 0xFF) in sam.commands_seen and (0x11, 0xFF) in sam.commands_seen
    sam.inject(Fault(command=ga467.SAM_STATUS, sw3=0x60))
    with pytest.raises(SamFault, match="self-test"):
        ga467_reader.sam_status()


def test_live_test_prints_a_masked_record(sam: SamEmulator, ga467_reader: Ga467Reader, sample_blocks) -> None:
    sam.place_card(sample_blocks["zhang_wei"])
    result = run_device_test(ga467_reader, "idcard", 2.0)
    assert result["ok"] is True and result["device"]["driver"] == "ga467"
    assert result["card"]["id_number"] == "3101**********3011"


def test_poll_loop_events_and_reconnect(sam: SamEmulator, ga467_reader: Ga467Reader, sample_blocks) -> None:
    events: list[DeviceEvent] = []
    seen = threading.Condition()

    def on_event(event: DeviceEvent) -> None:
        with seen:
            events.append(event)
            seen.notify_all()

    def wait_for(predicate) -> bool:
        with seen:
            return seen.wait_for(lambda: predicate(events), timeout=5)

    ga467_reader.subscribe(on_event)
    ga467_reader.start_polling(0.02)
    try:
        sam.place_card(sample_blocks["zhang_wei"])
        assert wait_for(lambda ev: any(e.kind == "MediaInserted" for e in ev))
        assert ga467_reader.read_card(2.0) is not None  # read while polling: the lock keeps frames apart
        sam.remove_card()
        assert wait_for(lambda ev: any(e.kind == "MediaRemoved" for e in ev))
        sam.vanish()
        assert wait_for(lambda ev: ev[-1].payload.get("status") == "noDevice")
        sam.come_back()
        assert wait_for(lambda ev: ev[-1].payload.get("status") == "online")
    finally:
        ga467_reader.stop_polling()
    kinds = [e.kind for e in events if e.kind.startswith("Media")]
    assert kinds == ["MediaInserted", "MediaRemoved"]


@pytest.mark.parametrize("record", [RESIDENT, HKMOTW, FOREIGN_2017, FOREIGN_2023], ids=lambda r: r.card_type)
def test_every_card_layout_through_the_driver(
    sam: SamEmulator, ga467_reader: Ga467Reader, record: IdentityRecord
) -> None:
    sam.place_card(encode_text_block(record))
    read = ga467_reader.read_card(2.0)
    assert read is not None
    assert (read.card_type, read.id_number, read.name_en) == (
        record.card_type,
        record.id_number,
        record.name_en,
    )


def test_status_is_known_right_after_construction(sam: SamEmulator, tmp_path: Path) -> None:
    present = Ga467Reader(sam.port)
    absent = Ga467Reader(str(tmp_path / "ttyGone"))
    try:
        assert present.status == DeviceStatus.ONLINE
        assert absent.status == DeviceStatus.NO_DEVICE
        assert absent.describe()["port"].endswith("ttyGone")
    finally:
        present.close()
        absent.close()


def test_live_test_reports_a_failed_sam_self_test(sam: SamEmulator, ga467_reader: Ga467Reader) -> None:
    sam.inject(Fault(command=ga467.SAM_STATUS, sw3=0x60))
    result = run_device_test(ga467_reader, "idcard", 1.0)
    assert result["ok"] is False and result["code"] == "idcard.sam_fault"
    assert result["device"]["sam_ok"] is False
    assert result["device"]["status"] == "hardwareError"
    again = run_device_test(ga467_reader, "idcard", 0.1)
    assert again["device"]["sam_ok"] is True  # the next healthy answer clears it
    assert ga467_reader.status == DeviceStatus.ONLINE


def test_a_second_program_on_the_same_port_is_told_it_is_busy(
    sam: SamEmulator, ga467_reader: Ga467Reader
) -> None:
    assert ga467_reader.status == DeviceStatus.ONLINE  # holds the port
    intruder = Ga467Reader(sam.port)
    try:
        assert intruder.status == DeviceStatus.DEVICE_BUSY
        with pytest.raises(ReaderUnavailable, match="in use by another program"):
            intruder.read_card(0.1)
    finally:
        intruder.close()
    ga467_reader.close()
    second_chance = Ga467Reader(sam.port)
    try:
        assert second_chance.status == DeviceStatus.ONLINE
    finally:
        second_chance.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    command=st.sampled_from([ga467.FIND_CARD, ga467.SELECT_CARD, ga467.READ_BASE_INFO]),
    raw=st.one_of(
        st.binary(max_size=64),
        st.builds(
            lambda sw3, data: ga467.build_reply(sw3, data), st.integers(0, 255), st.binary(max_size=40)
        ),
        st.builds(lambda data: ga467.build_reply(0x90, data), st.binary(min_size=4, max_size=1400)),
    ),
)
def test_driver_meets_any_reply_with_typed_errors_only(
    sam: SamEmulator, sample_blocks, command: ga467.Command, raw: bytes
) -> None:
    sam.place_card(sample_blocks["zhang_wei"])
    sam.inject(Fault(command=command, raw=raw))
    reader = Ga467Reader(sam.port, reply_timeout_s=0.05, poll_interval_s=0.01)
    try:
        reader.read_card(0.3)
    except DeviceError:
        pass
    finally:
        reader.close()
        sam.clear_faults()


def test_cancel_ends_a_waiting_read(sam: SamEmulator, ga467_reader: Ga467Reader, sample_blocks) -> None:
    """Cancelled reads return None; a card placed after the cancel must not be read by that call."""
    cancel = threading.Timer(0.1, ga467_reader.cancel)
    place = threading.Timer(1.0, sam.place_card, args=(sample_blocks["zhang_wei"],))
    cancel.start()
    place.start()
    try:
        assert ga467_reader.read_card(30.0) is None
    finally:
        cancel.join()
        place.join()


def test_a_silent_module_is_a_reader_fault_until_it_answers(
    sam: SamEmulator, ga467_reader: Ga467Reader, sample_blocks
) -> None:
    for _ in range(FRAME_RETRIES + 1):
        sam.inject(Fault(command=ga467.FIND_CARD, silent=True))
    with pytest.raises(SamNotAnswering, match="check its power and baud rate"):
        ga467_reader.read_card(2.0)
    assert ga467_reader.status == DeviceStatus.HARDWARE_ERROR
    sam.place_card(sample_blocks["zhang_wei"])
    assert ga467_reader.read_card(2.0) is not None
    assert ga467_reader.status == DeviceStatus.ONLINE
