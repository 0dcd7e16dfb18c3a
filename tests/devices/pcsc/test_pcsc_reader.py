"""The PC/SC driver against a real private pcscd, the vpcd reader and a virtual card over TCP."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from rigs.pcscd import PrivatePcscd
from rigs.vpcd_card import DEMO_ATR, VirtualIdCard

from devices.base import DeviceEvent, DeviceStatus
from devices.diagnostics import run_device_test
from devices.idcard.errors import CardRemoved, ReaderUnavailable
from devices.pcsc import profile
from devices.pcsc.errors import PcscdUnavailable, UnsupportedCard
from devices.pcsc.reader import PcscIdReader

pytestmark = pytest.mark.pcsc

MakeCard = Callable[..., VirtualIdCard]


def test_lists_the_virtual_reader(pcsc_reader: PcscIdReader) -> None:
    assert pcsc_reader.readers() == ["Virtual PCD 00 00"]
    assert pcsc_reader.card_present() is False
    assert pcsc_reader.status == DeviceStatus.ONLINE


def test_no_card_returns_none(pcsc_reader: PcscIdReader) -> None:
    assert pcsc_reader.read_card(0.2) is None


def test_reads_identity_from_an_inserted_card(pcsc_reader: PcscIdReader, make_card: MakeCard) -> None:
    make_card("zhang_wei", photo=bytes(1024)).insert()
    record = pcsc_reader.read_card(5.0)
    assert record is not None
    assert (record.name, record.id_number, record.source) == ("张伟", "310104198503123011", "pcsc")
    assert len(record.photo_wlt) == 1024


def test_atr_and_raw_apdu_exchange(pcsc_reader: PcscIdReader, make_card: MakeCard) -> None:
    make_card().insert()
    assert pcsc_reader.read_card(5.0) is not None  # waits until pcscd has powered the card
    with pcsc_reader.connect() as session:
        assert session.atr == DEMO_ATR
        assert session.protocol == "T=1"
        assert session.transmit(profile.select_aid(profile.DEMO_AID)).sw == 0x9000
        assert session.transmit(bytes.fromhex("00CA000000")).sw == 0x6D00


def test_t0_style_card_reads_through_get_response(pcsc_reader: PcscIdReader, make_card: MakeCard) -> None:
    make_card("wang_jianguo", t0_get_response=True).insert()
    record = pcsc_reader.read_card(5.0)
    assert record is not None and record.valid_to is None


def test_a_card_without_the_identity_application(pcsc_reader: PcscIdReader, make_card: MakeCard) -> None:
    make_card(has_identity_app=False).insert()
    with pytest.raises(UnsupportedCard) as caught:
        pcsc_reader.read_card(5.0)
    assert caught.value.message_zh


def test_card_pulled_mid_apdu_is_card_removed(pcsc_reader: PcscIdReader, make_card: MakeCard) -> None:
    make_card(pull_on_apdu=3).insert()
    with pytest.raises(CardRemoved):
        pcsc_reader.read_card(1.5)


def test_card_pulled_mid_apdu_and_put_back_is_read(pcsc_reader: PcscIdReader, make_card: MakeCard) -> None:
    make_card(pull_on_apdu=3).insert()
    again = make_card("zhang_wei")
    timer = threading.Timer(0.3, again.insert)
    timer.start()
    record = pcsc_reader.read_card(8.0)
    timer.join()
    assert record is not None and record.name == "张伟"


def test_quick_swap_never_returns_the_previous_card(pcsc_reader: PcscIdReader, make_card: MakeCard) -> None:
    first = make_card("zhang_wei").insert()
    assert pcsc_reader.read_card(5.0).name == "张伟"
    first.remove()
    make_card("li_na").insert()
    record = pcsc_reader.read_card(5.0)
    assert record is not None and record.name == "李娜"


def test_reinserting_the_same_card_reads_again(pcsc_reader: PcscIdReader, make_card: MakeCard) -> None:
    card = make_card("li_na").insert()
    assert pcsc_reader.read_card(5.0) is not None
    card.reinsert()
    record = pcsc_reader.read_card(5.0)
    assert record is not None and record.name == "李娜"


def test_no_matching_reader(pcscd: PrivatePcscd) -> None:
    reader = PcscIdReader("Reader That Is Not There", poll_interval_s=0.05)
    with pytest.raises(ReaderUnavailable, match="no PC/SC reader"):
        reader.read_card(0.2)
    assert reader.status == DeviceStatus.NO_DEVICE
    reader.close()


def test_pcscd_down_then_back(pcsc_reader: PcscIdReader, pcscd: PrivatePcscd, make_card: MakeCard) -> None:
    assert pcsc_reader.readers()
    pcscd.stop()
    with pytest.raises(PcscdUnavailable, match="pcscd is not running"):
        pcsc_reader.read_card(0.2)
    assert pcsc_reader.status == DeviceStatus.NO_DEVICE
    started = time.monotonic()
    result = run_device_test(pcsc_reader, "pcsc", 5.0)
    assert result["ok"] is False and result["code"] == "pcsc.pcscd_down"
    assert time.monotonic() - started < 1.0  # known at once, not after the 5 s wait
    pcscd.start()
    make_card("li_na").insert()
    record = pcsc_reader.read_card(5.0)
    assert record is not None and record.name == "李娜"
    assert pcsc_reader.status == DeviceStatus.ONLINE


def test_pcscd_killed_mid_session(
    pcsc_reader: PcscIdReader, pcscd: PrivatePcscd, make_card: MakeCard
) -> None:
    make_card("zhang_wei").insert()
    assert pcsc_reader.read_card(5.0) is not None
    pcscd.kill()
    with pytest.raises(ReaderUnavailable):
        pcsc_reader.read_card(0.2)
    pcscd.start()
    make_card("wang_jianguo").insert()
    assert pcsc_reader.read_card(5.0).name == "王建国"


def test_live_test_masks_the_number(pcsc_reader: PcscIdReader, make_card: MakeCard) -> None:
    make_card("zhang_wei").insert()
    result = run_device_test(pcsc_reader, "pcsc", 5.0)
    assert result["ok"] is True and result["device"]["kind"] == "pcsc"
    assert result["card"]["id_number"] == "3101**********3011"
    assert result["device"]["last_atr"] == DEMO_ATR.hex(" ").upper()
    assert result["device"]["readers"] == ["Virtual PCD 00 00"]


def test_monitor_events_for_cards_and_the_daemon(
    pcsc_reader: PcscIdReader, pcscd: PrivatePcscd, make_card: MakeCard
) -> None:
    events: list[DeviceEvent] = []
    seen = threading.Condition()

    def on_event(event: DeviceEvent) -> None:
        with seen:
            events.append(event)
            seen.notify_all()

    def wait_for(predicate) -> bool:
        with seen:
            return seen.wait_for(lambda: predicate(events), timeout=10)

    pcsc_reader.subscribe(on_event)
    pcsc_reader.start_polling(0.05)
    try:
        card = make_card("zhang_wei").insert()
        assert wait_for(lambda ev: any(e.kind == "MediaInserted" for e in ev))
        card.remove()
        assert wait_for(lambda ev: any(e.kind == "MediaRemoved" for e in ev))
        pcscd.stop()
        assert wait_for(lambda ev: ev[-1].payload.get("status") == "noDevice")
        pcscd.start()
        assert wait_for(lambda ev: ev[-1].payload.get("status") == "online")
        make_card("li_na").insert()
        assert wait_for(lambda ev: [e.kind for e in ev].count("MediaInserted") == 2)
    finally:
        pcsc_reader.stop_polling()
    assert not pcsc_reader.polling


def test_cancel_ends_a_waiting_read(pcsc_reader: PcscIdReader, make_card: MakeCard) -> None:
    card = make_card("zhang_wei")
    cancel = threading.Timer(0.1, pcsc_reader.cancel)
    insert = threading.Timer(1.0, card.insert)
    cancel.start()
    insert.start()
    try:
        assert pcsc_reader.read_card(30.0) is None
    finally:
        cancel.join()
        insert.join()


def test_stopping_the_monitor_with_a_card_inserted_emits_no_removal(
    pcsc_reader: PcscIdReader, make_card: MakeCard
) -> None:
    kinds: list[str] = []
    inserted = threading.Event()

    def on_event(event: DeviceEvent) -> None:
        kinds.append(event.kind)
        if event.kind == "MediaInserted":
            inserted.set()

    pcsc_reader.subscribe(on_event)
    make_card("zhang_wei").insert()
    pcsc_reader.start_polling(5.0)  # the monitor then sits inside SCardGetStatusChange (0.5 s at a time)
    assert inserted.wait(10)
    time.sleep(0.3)  # let it enter the blocking call
    pcsc_reader.stop_polling()  # cancels the call: that is not a card removal
    assert not pcsc_reader.polling
    assert [k for k in kinds if k.startswith("Media")] == ["MediaInserted"]
