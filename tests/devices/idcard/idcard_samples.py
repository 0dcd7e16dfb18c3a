"""Made-up cards of each of the four layouts, shared by the text-block and driver tests."""

from __future__ import annotations

from datetime import date

from devices.idcard.record import IdentityRecord

RESIDENT = IdentityRecord(
    card_type="resident",
    name="张伟",
    sex="男",
    nation="汉",
    birth_date=date(1985, 3, 12),
    address="上海市徐汇区漕溪北路88号3号楼1201室",
    id_number="310104198503123011",
    authority="上海市公安局徐汇分局",
    valid_from=date(2016, 5, 20),
    valid_to=date(2036, 5, 20),
    source="ga467",
)
HKMOTW = IdentityRecord(
    card_type="hkmotw",
    name="陈大文",
    sex="男",
    nation="",
    birth_date=date(1994, 8, 23),
    address="上海市徐汇区虹桥路1号",
    id_number="810000199408230021",
    authority="上海市公安局徐汇分局",
    valid_from=date(2019, 1, 1),
    valid_to=date(2024, 1, 1),
    source="ga467",
)
FOREIGN_2017 = IdentityRecord(
    card_type="foreign_2017",
    name="安娜",
    sex="女",
    nation="",
    birth_date=date(1981, 8, 3),
    address="",
    id_number="CAN110019810803",
    authority="1500",
    valid_from=date(2018, 6, 1),
    valid_to=date(2028, 6, 1),
    name_en="SMITH, ANNA MARIE",
    nationality="CAN",
    source="ga467",
)
FOREIGN_2023 = IdentityRecord(
    card_type="foreign_2023",
    name="穆罕默德",
    sex="男",
    nation="",
    birth_date=date(1985, 1, 1),
    address="",
    id_number="932682198501010017",
    authority="",
    valid_from=date(2023, 12, 1),
    valid_to=date(2033, 12, 1),
    name_en="ALSAUD, MOHAMMED ABDULLAH BIN KHALID AL FAISAL",
    nationality="SAU",
    source="ga467",
)
