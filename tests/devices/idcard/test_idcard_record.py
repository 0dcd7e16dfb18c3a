"""IdentityRecord: expiry, masking and the JSON shape screens receive."""

from __future__ import annotations

import dataclasses
import gc
import json
from datetime import date

import pytest
from msgspec.structs import replace

from devices import personal
from devices.errors import CardExpired
from devices.idcard.record import IdentityRecord, ensure_not_expired
from devices.idcard.summary import CardSummary
from devices.personal import report_of


@pytest.fixture
def record() -> IdentityRecord:
    return IdentityRecord(
        card_type="resident",
        name="张伟",
        sex="男",
        nation="汉",
        birth_date=date(1985, 3, 12),
        address="上海市徐汇区漕溪北路88号",
        id_number="310104198503123011",
        authority="上海市公安局徐汇分局",
        valid_from=date(2016, 5, 20),
        valid_to=date(2036, 5, 20),
        photo_wlt=b"\x01" * 1024,
        source="ga467",
    )


def test_expiry_is_inclusive_of_the_last_valid_day(record: IdentityRecord) -> None:
    assert not record.is_expired(date(2036, 5, 20))
    assert record.is_expired(date(2036, 5, 21))


def test_long_term_card_never_expires(record: IdentityRecord) -> None:
    forever = replace(record, valid_to=None)
    assert forever.long_term
    assert not forever.is_expired(date(2999, 1, 1))


def test_masked_id_keeps_first_and_last_four(record: IdentityRecord) -> None:
    assert record.masked_id == "3101**********3011"


def test_as_dict_is_json_safe_and_leaves_the_photo_out(record: IdentityRecord) -> None:
    data = record.as_dict()
    assert "photo_wlt" not in data
    assert data["has_photo"] is True
    assert data["birth_date"] == "1985-03-12"
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert replace(record, valid_to=None).as_dict()["valid_to"] is None


def test_repr_carries_no_personal_data(record: IdentityRecord) -> None:
    assert "310104198503123011" not in repr(record)
    assert "张伟" not in repr(record)


def test_card_summary_masks_do_not_combine_into_the_number(record: IdentityRecord) -> None:
    summary = CardSummary.of(record, today=date(2030, 1, 1)).report()
    assert summary["id_number"] == "3101**********3011"
    assert "birth_date" not in summary  # digits 7-14 of the number: never beside the mask
    text = json.dumps(summary, ensure_ascii=False)
    for value in filter(None, record.personal_values()):
        assert value not in text
    assert summary["name"] == "**" and summary["expired"] is False


def test_an_undeclared_report_field_is_refused() -> None:
    @dataclasses.dataclass
    class Careless:
        name: str

    with pytest.raises(TypeError, match="not declared"):
        report_of(Careless("张伟"))


def test_the_record_registers_its_values_while_it_lives(record: IdentityRecord) -> None:
    other = replace(record, id_number="11010519491231002X", name="赵敏")
    assert personal.find_live_value("reader saw 赵敏 at 19:00") and personal.is_tracked(other)
    del other
    gc.collect()
    assert not personal.find_live_value("card 11010519491231002X of 赵敏")
    assert personal.find_live_value("card 310104198503123011")  # the fixture's record still lives


def test_ensure_not_expired_raises_card_expired_with_citizen_messages(record: IdentityRecord) -> None:
    assert ensure_not_expired(record, date(2036, 5, 20)) is record
    with pytest.raises(CardExpired, match="2036-05-20") as caught:
        ensure_not_expired(record, date(2036, 5, 21))
    assert "过有效期" in caught.value.message_zh
