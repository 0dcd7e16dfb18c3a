"""The 社保卡 profile and the profile chain: on the card's own APDU logic, then through pcscd + vpcd."""

from __future__ import annotations

import time
from datetime import date

import pytest
from rigs.pcscd import PrivatePcscd
from rigs.vpcd_card import SSC_ATR, VirtualIdCard, VirtualSocialSecurityCard, social_security_files

from devices.diagnostics import run_device_test
from devices.idcard.errors import CardDataError
from devices.pcsc import profile
from devices.pcsc.errors import ProfileError, UnsupportedCard
from devices.pcsc.reader import PcscIdReader
from devices.pcsc.social_security import SOCIAL_SECURITY_PROFILE, read_record, select_file

ZHANG = social_security_files("310104198503123011", "张伟", "1", "01")
BANK_ATR = bytes.fromhex("3B8F8001804F0CA000000306030001000000006A")


def _transmit(card: VirtualIdCard) -> profile.Transmit:
    return lambda apdu: profile.ApduResponse.from_bytes(card.respond(apdu))


def test_apdus_are_the_national_layout() -> None:
    assert profile.select_aid("sx1.sh.社会保障".encode("gbk")).hex().upper() == (
        "00A404000F7378312E73682EC9E7BBE1B1A3D5CF"
    )
    assert select_file(0xEF06).hex().upper() == "00A4020002EF06"
    assert read_record(0x08).hex().upper() == "00B2080000"


@pytest.mark.parametrize("tlv", [True, False])
def test_reads_the_holder_and_card_dates(tlv: bool) -> None:
    card = VirtualSocialSecurityCard(0, files=ZHANG, tlv=tlv)
    record = SOCIAL_SECURITY_PROFILE.read(_transmit(card))
    assert (record.name, record.sex, record.nation) == ("张伟", "男", "汉")
    assert record.id_number == "310104198503123011"
    assert record.birth_date == date(1985, 3, 12)
    assert (record.valid_from, record.valid_to) == (date(2020, 6, 1), date(2030, 6, 1))
    assert (record.address, record.card_type, record.source) == ("", "resident", "pcsc")


def test_a_demo_card_is_not_a_social_security_card(sample_blocks) -> None:
    with pytest.raises(UnsupportedCard):
        SOCIAL_SECURITY_PROFILE.read(_transmit(VirtualIdCard(0, sample_blocks["zhang_wei"])))


def test_a_wrong_check_digit_is_card_data_error() -> None:
    files = social_security_files("310104198503123012", "张伟", "1", "01")
    with pytest.raises(CardDataError):
        SOCIAL_SECURITY_PROFILE.read(_transmit(VirtualSocialSecurityCard(0, files=files)))


def test_a_missing_item_is_a_profile_error() -> None:
    files = social_security_files("310104198503123011", "张伟", "1", "01")
    del files[0xEF06][0x09]
    with pytest.raises(ProfileError):
        SOCIAL_SECURITY_PROFILE.read(_transmit(VirtualSocialSecurityCard(0, files=files)))


def test_the_chain_names_the_profile_that_read_and_the_atr_it_could_not() -> None:
    profiles = (SOCIAL_SECURITY_PROFILE, profile.DEMO_PROFILE)
    record, name = profile.read_with_profiles(
        _transmit(VirtualSocialSecurityCard(0, files=ZHANG)), SSC_ATR, profiles
    )
    assert (record.name, name) == ("张伟", "cn-ssc-v2")
    with pytest.raises(UnsupportedCard) as caught:
        bank_card = VirtualIdCard(0, None, has_identity_app=False)
        profile.read_with_profiles(_transmit(bank_card), BANK_ATR, profiles)
    assert caught.value.atr == BANK_ATR.hex(" ").upper()
    assert "3B 8F 80 01" in caught.value.detail and "cn-ssc-v2, onestop-demo" in caught.value.detail
    assert "3B" not in caught.value.message_zh + caught.value.message_en  # the citizen sees no hex


def _wait_empty(reader: PcscIdReader) -> None:
    """pcscd keeps the last ATR if a card is swapped faster than it polls: let it see the slot empty."""
    deadline = time.monotonic() + 3.0
    while reader.card_present() and time.monotonic() < deadline:
        time.sleep(0.05)


@pytest.mark.pcsc
def test_social_security_card_through_pcscd(pcscd: PrivatePcscd, pcsc_reader: PcscIdReader) -> None:
    _wait_empty(pcsc_reader)
    card = VirtualSocialSecurityCard(pcscd.vpcd_port, files=ZHANG).insert()
    try:
        result = run_device_test(pcsc_reader, "pcsc", 5.0)
    finally:
        card.remove()
    assert result["ok"] and result["device"]["last_profile"] == "cn-ssc-v2"
    assert result["device"]["last_atr"] == SSC_ATR.hex(" ").upper()
    assert result["card"]["id_number"] == "3101**********3011"


@pytest.mark.pcsc
def test_unsupported_card_through_pcscd_names_its_atr(pcscd: PrivatePcscd, pcsc_reader: PcscIdReader) -> None:
    _wait_empty(pcsc_reader)
    card = VirtualIdCard(pcscd.vpcd_port, None, atr=BANK_ATR, has_identity_app=False).insert()
    try:
        result = run_device_test(pcsc_reader, "pcsc", 5.0)
    finally:
        card.remove()
    assert result["ok"] is False and result["code"] == "pcsc.unsupported_card"
    assert BANK_ATR.hex(" ").upper() in result["detail"] and "ATR" in result["message_en"]
