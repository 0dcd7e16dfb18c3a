"""Which identity sources are offered, and which read counts: decided without a display."""

from __future__ import annotations

from pathlib import Path

from devices.config import DevicesConfig
from devices.registry import DeviceSet, UnavailableDevice, build_devices
from kiosk.identity_sources import CITY_APP, IdentityRace, Verdict, offered_sources


def test_every_configured_source_is_offered(tmp_path: Path) -> None:
    devices = build_devices(DevicesConfig(), tmp_path)
    try:
        assert offered_sources(devices, scanner=object()) == ["idcard", CITY_APP]
        assert offered_sources(devices, scanner=None) == ["idcard"]  # no scanner: no city-app code
    finally:
        devices.close()


def test_a_pcsc_reader_is_offered_beside_the_others_and_a_missing_driver_is_not() -> None:
    pcsc = UnavailableDevice("pcsc", "pcsc", "pcsc", "pyscard not installed")
    camera = UnavailableDevice("camera", "camera", "opencv", "no camera")
    idcard = UnavailableDevice("idcard", "idcard", "ga467", "no port")
    assert offered_sources(DeviceSet(idcard=None, camera=camera, printer=None, pcsc=pcsc), object()) == []
    built = DeviceSet(idcard=idcard, camera=None, printer=None, pcsc=_Reader("pcsc"))
    assert offered_sources(built, object()) == ["pcsc"]  # the camera slot is "none": no city app


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name


def test_the_first_source_to_read_wins_and_the_others_are_stopped() -> None:
    race = IdentityRace(["idcard", "pcsc", CITY_APP])
    card, scan = race.start("idcard"), race.start(CITY_APP)
    assert card is not None and scan is not None
    assert race.finished(CITY_APP, scan, identity=True) == Verdict.WON
    assert race.winner == CITY_APP and race.losers() == ["idcard", "pcsc"]
    assert race.finished("idcard", card, identity=True) == Verdict.IGNORED  # too late
    assert race.start("pcsc") is None  # a card placed now is not read


def test_a_card_lifted_mid_read_gets_a_message_and_its_late_result_is_dropped() -> None:
    race = IdentityRace(["idcard"])
    ticket = race.start("idcard")
    assert ticket is not None
    assert race.card_removed("idcard") is True
    assert race.finished("idcard", ticket, identity=True) == Verdict.IGNORED
    assert race.winner is None
    again = race.start("idcard")  # put back: read afresh
    assert again is not None and race.finished("idcard", again, identity=True) == Verdict.WON


def test_a_card_lifted_after_the_identity_was_read_changes_nothing() -> None:
    race = IdentityRace(["idcard"])
    ticket = race.start("idcard")
    assert ticket is not None and race.finished("idcard", ticket, identity=True) == Verdict.WON
    assert race.card_removed("idcard") is False
    assert race.winner == "idcard"


def test_a_card_lifted_when_nothing_was_being_read_gets_no_message() -> None:
    race = IdentityRace(["idcard"])
    assert race.card_removed("idcard") is False


def test_a_card_placed_while_a_read_was_running_is_read_once_more() -> None:
    race = IdentityRace(["idcard"])
    ticket = race.start("idcard")  # the read at the start of the step, before the card came
    assert ticket is not None
    assert race.start("idcard") is None  # the card arrives meanwhile
    assert race.finished("idcard", ticket, identity=False) == Verdict.READ_AGAIN
    assert race.finished("idcard", race.start("idcard") or 0, identity=False) == Verdict.WAIT


def test_a_refused_identity_reopens_the_race() -> None:
    race = IdentityRace(["idcard", CITY_APP])
    ticket = race.start("idcard")
    assert ticket is not None and race.finished("idcard", ticket, identity=True) == Verdict.WON
    race.reopen()  # an expired card
    assert race.winner is None and race.start(CITY_APP) is not None


def test_an_unknown_source_is_never_read() -> None:
    assert IdentityRace(["idcard"]).start("pcsc") is None
