"""The 256-byte text block: the four layouts, validation, and the bytes at their offsets."""

from __future__ import annotations

import pytest
from idcard_samples import FOREIGN_2017, FOREIGN_2023, HKMOTW, RESIDENT
from msgspec.structs import replace

from devices.idcard.errors import CardDataError
from devices.idcard.record import IdentityRecord
from devices.idcard.textblock import (
    TEXT_BLOCK_LEN,
    TYPE_FLAG_OFFSET,
    decode_text_block,
    encode_text_block,
    split_text_block,
)
from flows.identifiers import id_check_digit


@pytest.mark.parametrize("record", [RESIDENT, HKMOTW, FOREIGN_2017, FOREIGN_2023], ids=lambda r: r.card_type)
def test_every_layout_round_trips(record: IdentityRecord) -> None:
    block = encode_text_block(record)
    assert len(block) == TEXT_BLOCK_LEN
    assert decode_text_block(block, source="ga467") == record


@pytest.mark.parametrize(
    ("record", "flag"), [(RESIDENT, " "), (HKMOTW, "J"), (FOREIGN_2017, "I"), (FOREIGN_2023, "Y")]
)
def test_type_flag_sits_at_byte_248(record: IdentityRecord, flag: str) -> None:
    block = encode_text_block(record)
    assert block[TYPE_FLAG_OFFSET : TYPE_FLAG_OFFSET + 2] == flag.encode("utf-16-le")


def test_resident_fields_sit_at_their_ga467_offsets() -> None:
    block = encode_text_block(RESIDENT)
    assert block[0:4] == "张伟".encode("utf-16-le")
    assert block[30:32] == b"1\x00"  # sex code 1 = 男
    assert block[32:36] == "01".encode("utf-16-le")  # nation 01 = 汉
    assert block[36:52] == "19850312".encode("utf-16-le")
    assert block[122:158] == "310104198503123011".encode("utf-16-le")
    assert block[188:204] == "20160520".encode("utf-16-le")
    assert block[204:220] == "20360520".encode("utf-16-le")


def test_long_term_valid_to_decodes_as_none() -> None:
    block = encode_text_block(replace(RESIDENT, valid_to=None))
    assert block[204:208] == "长期".encode("utf-16-le")
    assert decode_text_block(block).valid_to is None


def test_nul_padded_fields_decode_like_space_padded() -> None:
    block = bytearray(encode_text_block(RESIDENT))
    block[4:30] = bytes(26)  # name field padded with NULs instead of spaces
    assert decode_text_block(bytes(block)).name == "张伟"


def _with_field(record: IdentityRecord, start: int, text: str) -> bytes:
    block = bytearray(encode_text_block(record))
    data = text.encode("utf-16-le")
    block[start : start + len(data)] = data
    return bytes(block)


@pytest.mark.parametrize(
    ("start", "text", "reason"),
    [
        (122, "310104198503123012", "check digit"),
        (36, "19850230", "calendar date"),
        (36, "1985031X", "YYYYMMDD"),
        (36, "19850313", "birth date"),
        (204, "20100101", "before valid_from"),
        (30, "5", "sex code"),
        (32, "77", "nation code"),
        (TYPE_FLAG_OFFSET, "Z", "card type flag"),
    ],
)
def test_implausible_blocks_raise_card_data_error(start: int, text: str, reason: str) -> None:
    with pytest.raises(CardDataError, match=reason):
        decode_text_block(_with_field(RESIDENT, start, text))


def test_permit_number_must_carry_its_region_prefix() -> None:
    with pytest.raises(CardDataError, match="81, 82 or 83"):
        number = "31010419940823002" + id_check_digit("31010419940823002")
        decode_text_block(encode_text_block(replace(HKMOTW, id_number=number)))


def test_2017_number_format_is_checked() -> None:
    with pytest.raises(CardDataError, match="3 letters"):
        decode_text_block(encode_text_block(replace(FOREIGN_2017, id_number="CA1110019810803")))


@pytest.mark.parametrize("size", [0, 255, 257, 1024])
def test_wrong_length_is_rejected(size: int) -> None:
    with pytest.raises(CardDataError, match="expected 256"):
        decode_text_block(bytes(size))


def test_lone_surrogate_is_a_card_data_error() -> None:
    block = bytearray(encode_text_block(RESIDENT))
    block[0:2] = b"\x00\xd8"  # unpaired high surrogate
    with pytest.raises(CardDataError, match="UCS-2"):
        decode_text_block(bytes(block))


def test_split_exposes_permit_only_fields() -> None:
    values = split_text_block(encode_text_block(HKMOTW)).values
    assert values["type"] == "J"
    assert values["pass_number"] == ""


def test_encoding_a_too_long_field_is_refused() -> None:
    with pytest.raises(CardDataError, match="longer"):
        encode_text_block(replace(RESIDENT, name="张" * 16))
