"""The card profile of the national social security card (社会保障卡), Shanghai's included.

Every province issues the card to the Ministry of Human Resources and Social
Security's file structure (《社会保障卡文件结构和数据项 V2.0》, 人社信息函〔2012〕37号,
and LD/T 32 for the commands). Only two files of it are readable without a
PSAM or a PIN, and they hold what the kiosk needs:

- the social security system environment (SSSE), selected by DF name
  ``sx1.sh.社会保障`` in GBK: ``00 A4 04 00 0F 73 78 31 2E 73 68 2E C9 E7 BB E1 B1 A3 D5 CF``
- EF05 发卡机构数据文件: 05 发卡日期 (cn 4, BCD YYYYMMDD), 06 卡有效期 (cn 4)
- EF06 持卡人基本信息: 08 社会保障号码 (an 18, the citizen's ID number), 09 姓名
  (an 30, GBK), 0A 性别 (an 1: 1 男, 2 女), 0B 民族 (cn 1, GB 3304 code), 0D 出生日期 (cn 4)
- SELECT EF ``00 A4 02 00 02 EF 0x``; READ RECORD by data-item identifier
  ``00 B2 <id> 00 00``; a record answers as TLV ``<id> <len> <value>`` (some cards
  answer the bare value: both are accepted). ``an`` items are right-padded with
  00, ``cn`` items with F nibbles.

Sources: the SSSE name and EF06 / tag-08 APDUs are shown in public reader
notes (CSDN "社会保障卡读取基本文件数据", 2020; a reader SDK's Card_FileSel
comment naming "sx1.sh.社会保障"); the other identifiers follow the V2.0 data
item table as summarised in public write-ups. No real card was available to
check them: docs/OPERATIONS.md tells a technician how to capture an ATR and
an APDU trace when a real card is refused.

The card carries no address and no issuing authority: those fields are empty
and the citizen fills the address in on the merged form.
"""

from __future__ import annotations

from datetime import date

from devices.idcard.errors import CardDataError
from devices.idcard.record import IdentityRecord
from devices.idcard.textblock import NATIONS
from devices.pcsc.errors import ProfileError, UnsupportedCard
from devices.pcsc.profile import (
    SW_CLA_NOT_SUPPORTED,
    SW_FILE_NOT_FOUND,
    SW_INS_NOT_SUPPORTED,
    SW_OK,
    Transmit,
    exchange,
    select_aid,
)
from flows.identifiers import is_valid_id_number

SSSE_NAME = "sx1.sh.社会保障".encode("gbk")
EF_ISSUER = 0xEF05
EF_HOLDER = 0xEF06
TAG_ISSUE_DATE, TAG_VALID_TO = 0x05, 0x06
TAG_ID_NUMBER, TAG_NAME, TAG_SEX, TAG_NATION, TAG_BIRTH = 0x08, 0x09, 0x0A, 0x0B, 0x0D
SEXES = {"1": "男", "2": "女"}
_ABSENT = (SW_FILE_NOT_FOUND, SW_INS_NOT_SUPPORTED, SW_CLA_NOT_SUPPORTED)


def select_file(fid: int) -> bytes:
    """SELECT EF by file identifier, as the social security card commands give it (P2 00)."""
    return bytes([0x00, 0xA4, 0x02, 0x00, 0x02]) + fid.to_bytes(2, "big")


def read_record(tag: int) -> bytes:
    """READ RECORD of one data item by its identifier (P1 = identifier, P2 00)."""
    return bytes([0x00, 0xB2, tag, 0x00, 0x00])


def _value(tag: int, data: bytes) -> bytes:
    """The value of a record: TLV `<tag> <len> <value>`, or the bare value."""
    if len(data) >= 2 and data[0] == tag and data[1] == len(data) - 2:
        return data[2:]
    return data


def _an(raw: bytes) -> str:
    try:
        return raw.rstrip(b"\x00 ").decode("gbk").strip()
    except UnicodeDecodeError:
        raise CardDataError("social security card text item is not GBK") from None


def _cn(raw: bytes) -> str:
    digits = raw.hex().upper().rstrip("F")
    if not digits.isdigit():
        raise CardDataError("social security card numeric item is not BCD")
    return digits


def _date(raw: bytes, what: str) -> date:
    digits = _cn(raw)
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise CardDataError(f"social security card {what} is not a date") from None


class SocialSecurityProfile:
    """社会保障卡 (national layout V2.0): identity from the free-read files EF05 and EF06."""

    name = "cn-ssc-v2"
    description = "社会保障卡 (MOHRSS file structure V2.0: SSSE sx1.sh.社会保障, EF05/EF06)"

    def read(self, transmit: Transmit, with_photo: bool = True) -> IdentityRecord:
        selected = exchange(transmit, select_aid(SSSE_NAME))
        if selected.sw in _ABSENT:
            raise UnsupportedCard(f"card has no social security environment (SW {selected.sw:04X})")
        if selected.sw != SW_OK:
            raise ProfileError(f"SELECT SSSE answered SW {selected.sw:04X}")
        issuer = self._items(transmit, EF_ISSUER, (TAG_ISSUE_DATE, TAG_VALID_TO))
        holder = self._items(transmit, EF_HOLDER, (TAG_ID_NUMBER, TAG_NAME, TAG_SEX, TAG_NATION, TAG_BIRTH))
        return self._record(issuer, holder)

    @staticmethod
    def _items(transmit: Transmit, fid: int, tags: tuple[int, ...]) -> dict[int, bytes]:
        selected = exchange(transmit, select_file(fid))
        if selected.sw != SW_OK:
            raise ProfileError(f"SELECT EF {fid:04X} answered SW {selected.sw:04X}")
        items = {}
        for tag in tags:
            response = exchange(transmit, read_record(tag))
            if response.sw != SW_OK:
                raise ProfileError(f"READ RECORD {tag:02X} of EF {fid:04X} answered SW {response.sw:04X}")
            items[tag] = _value(tag, response.data)
        return items

    @staticmethod
    def _record(issuer: dict[int, bytes], holder: dict[int, bytes]) -> IdentityRecord:
        id_number = _an(holder[TAG_ID_NUMBER]).upper()
        birth = _date(holder[TAG_BIRTH], "birth date")
        if not is_valid_id_number(id_number) or id_number[6:14] != birth.strftime("%Y%m%d"):
            raise CardDataError("social security number fails its check digit or birth date")
        sex = SEXES.get(_an(holder[TAG_SEX]))
        nation = NATIONS.get(_cn(holder[TAG_NATION]).zfill(2))
        name = _an(holder[TAG_NAME])
        if sex is None or nation is None or not name:
            raise CardDataError("social security card holder data incomplete")
        return IdentityRecord(
            card_type="resident",
            name=name,
            sex=sex,
            nation=nation,
            birth_date=birth,
            address="",
            id_number=id_number,
            authority="",
            valid_from=_date(issuer[TAG_ISSUE_DATE], "issue date"),
            valid_to=_date(issuer[TAG_VALID_TO], "validity"),
            source="pcsc",
        )


SOCIAL_SECURITY_PROFILE = SocialSecurityProfile()
