"""The demo identity profile's APDU logic, run against the virtual card's own APDU handler."""

from __future__ import annotations

import pytest
from rigs.vpcd_card import VirtualIdCard

from devices.idcard.errors import CardDataError
from devices.pcsc import profile
from devices.pcsc.errors import ProfileError, UnsupportedCard


def _transmit_to(card: VirtualIdCard, log: list[bytes] | None = None) -> profile.Transmit:
    def transmit(apdu: bytes) -> profile.ApduResponse:
        if log is not None:
            log.append(apdu)
        return profile.ApduResponse.from_bytes(card.respond(apdu))

    return transmit


def test_apdu_encodings() -> None:
    assert profile.select_aid(profile.DEMO_AID).hex() == "00a404000af04f4e4553544f504944"
    assert profile.select_ef(profile.EF_TEXT).hex() == "00a4020c020001"
    assert profile.read_binary(0x80, 0x80).hex() == "00b0008080"
    assert profile.read_binary(0, 256).hex() == "00b0000000"


@pytest.mark.parametrize(("offset", "length"), [(-1, 1), (0x8000, 1), (0, 0), (0, 257)])
def test_read_binary_refuses_impossible_ranges(offset: int, length: int) -> None:
    with pytest.raises(ProfileError):
        profile.read_binary(offset, length)


def test_reads_text_and_photo(sample_blocks) -> None:
    card = VirtualIdCard(0, sample_blocks["li_na"], photo=bytes(range(256)) * 4)
    log: list[bytes] = []
    record = profile.read_identity(_transmit_to(card, log))
    assert (record.name, record.source) == ("李娜", "pcsc")
    assert record.photo_wlt == bytes(range(256)) * 4
    reads = [a for a in log if a[1] == 0xB0]
    assert len(reads) == 256 // profile.READ_CHUNK + 1024 // profile.READ_CHUNK


def test_missing_photo_file_gives_an_empty_photo(sample_blocks) -> None:
    record = profile.read_identity(_transmit_to(VirtualIdCard(0, sample_blocks["zhang_wei"])))
    assert record.photo_wlt == b""


def test_t0_get_response_chaining_is_followed(sample_blocks) -> None:
    card = VirtualIdCard(0, sample_blocks["zhang_wei"], t0_get_response=True)
    log: list[bytes] = []
    record = profile.read_identity(_transmit_to(card, log), with_photo=False)
    assert record.name == "张伟"
    assert any(a[1] == 0xC0 for a in log)


def test_wrong_le_is_corrected() -> None:
    answers = iter([b"\x6c\x10", bytes(16) + b"\x90\x00"])
    sent: list[bytes] = []

    def transmit(apdu: bytes) -> profile.ApduResponse:
        sent.append(apdu)
        return profile.ApduResponse.from_bytes(next(answers))

    response = profile.exchange(transmit, profile.read_binary(0, 0x80))
    assert response.sw == profile.SW_OK and len(response.data) == 16
    assert sent[1][-1] == 0x10


def test_endless_get_response_is_bounded() -> None:
    def transmit(apdu: bytes) -> profile.ApduResponse:
        return profile.ApduResponse(b"x", 0x61, 0x01)

    with pytest.raises(ProfileError, match="kept asking"):
        profile.exchange(transmit, profile.read_binary(0, 1))


def test_card_without_the_application_is_unsupported(sample_blocks) -> None:
    card = VirtualIdCard(0, sample_blocks["zhang_wei"], has_identity_app=False)
    with pytest.raises(UnsupportedCard, match="6A82"):
        profile.read_identity(_transmit_to(card))


def test_application_without_text_file_is_card_data_error() -> None:
    with pytest.raises(CardDataError, match="no text file"):
        profile.read_identity(_transmit_to(VirtualIdCard(0, None)))


def test_short_file_is_a_profile_error(sample_blocks) -> None:
    card = VirtualIdCard(0, sample_blocks["zhang_wei"][:100])
    with pytest.raises(ProfileError, match="EF 0001"):
        profile.read_identity(_transmit_to(card))


def test_response_without_status_word_is_refused() -> None:
    with pytest.raises(ProfileError, match="no status word"):
        profile.ApduResponse.from_bytes(b"\x90")
