"""The 256-byte UCS-2 text block of a Chinese ID card, decoded to an IdentityRecord.

Every reader ends here: the GA 467 SAM returns this block, the PC/SC demo
profile stores it, and the simulator builds it from the sample citizens, so the
demo exercises the same decoder as the hardware. Pure and I/O-free so it can be
fuzzed: any input yields an IdentityRecord or a CardDataError, nothing else.

Four layouts share the block, chosen by the UCS-2 character at byte 248:

- blank: resident ID card (居民身份证)
- ``J``: residence permit for Hong Kong, Macao and Taiwan residents (港澳台居民居住证)
- ``I``: foreign permanent resident ID card, 2017 edition (15-character number)
- ``Y``: foreign permanent resident ID card, 2023 edition (18-digit number starting with 9)

Field widths are in bytes (two per UCS-2 character); each layout sums to 256.
"""

from __future__ import annotations

import re
from datetime import date

from msgspec import Struct

from devices.idcard.errors import CardDataError
from devices.idcard.record import CardType, IdentityRecord, Source
from flows.identifiers import is_valid_id_number

TEXT_BLOCK_LEN = 256
TYPE_FLAG_OFFSET = 248
LONG_TERM = "长期"

Layout = tuple[tuple[str, int], ...]

RESIDENT_LAYOUT: Layout = (
    ("name", 30),
    ("sex", 2),
    ("nation", 4),
    ("birth", 16),
    ("address", 70),
    ("id_number", 36),
    ("authority", 30),
    ("valid_from", 16),
    ("valid_to", 16),
    ("reserved", 28),
    ("type", 2),
    ("reserved2", 6),
)
HKMOTW_LAYOUT: Layout = (
    ("name", 30),
    ("sex", 2),
    ("reserved0", 4),
    ("birth", 16),
    ("address", 70),
    ("id_number", 36),
    ("authority", 30),
    ("valid_from", 16),
    ("valid_to", 16),
    ("pass_number", 18),
    ("issue_count", 4),
    ("reserved", 6),
    ("type", 2),
    ("reserved2", 6),
)
FOREIGN_2017_LAYOUT: Layout = (
    ("name_en", 120),
    ("sex", 2),
    ("id_number", 30),
    ("nationality", 6),
    ("name", 30),
    ("valid_from", 16),
    ("valid_to", 16),
    ("birth", 16),
    ("version", 4),
    ("authority", 8),
    ("type", 2),
    ("reserved2", 6),
)
# 2023 edition: the resident positions reused; English name split over two fields (35 + 11 characters).
FOREIGN_2023_LAYOUT: Layout = (
    ("name", 30),
    ("sex", 2),
    ("renewal_count", 4),
    ("birth", 16),
    ("name_en", 70),
    ("id_number", 36),
    ("reserved0", 30),
    ("valid_from", 16),
    ("valid_to", 16),
    ("name_en_more", 22),
    ("nationality", 6),
    ("type", 2),
    ("previous_number_link", 6),
)

LAYOUTS: dict[str, tuple[CardType, Layout]] = {
    " ": ("resident", RESIDENT_LAYOUT),
    "J": ("hkmotw", HKMOTW_LAYOUT),
    "I": ("foreign_2017", FOREIGN_2017_LAYOUT),
    "Y": ("foreign_2023", FOREIGN_2023_LAYOUT),
}
TYPE_FLAGS: dict[str, str] = {card_type: flag for flag, (card_type, _) in LAYOUTS.items()}

SEX_CODES = {"0": "未知", "1": "男", "2": "女", "9": "未说明"}

# GB/T 3304 nationality (民族) codes as the card stores them: 01..56 in this order, then 97 and 98.
_NATION_NAMES = [
    "汉",
    "蒙古",
    "回",
    "藏",
    "维吾尔",
    "苗",
    "彝",
    "壮",
    "布依",
    "朝鲜",
    "满",
    "侗",
    "瑶",
    "白",
    "土家",
    "哈尼",
    "哈萨克",
    "傣",
    "黎",
    "傈僳",
    "佤",
    "畲",
    "高山",
    "拉祜",
    "水",
    "东乡",
    "纳西",
    "景颇",
    "柯尔克孜",
    "土",
    "达斡尔",
    "仫佬",
    "羌",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "塔吉克",
    "怒",
    "乌孜别克",
    "俄罗斯",
    "鄂温克",
    "德昂",
    "保安",
    "裕固",
    "京",
    "塔塔尔",
    "独龙",
    "鄂伦春",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
]
NATIONS = {f"{number:02d}": name for number, name in enumerate(_NATION_NAMES, start=1)}
NATIONS.update({"97": "其他", "98": "外国血统中国籍人士"})
NATION_CODES = {name: code for code, name in NATIONS.items()}

_FOREIGN_2017_NUMBER = re.compile(r"^[A-Z]{3}\d{12}$")
_ISO_ALPHA3 = re.compile(r"^[A-Z]{3}$")
_DATE = re.compile(r"^\d{8}$")


def _check_layouts() -> None:
    for _, layout in LAYOUTS.values():
        offsets = dict(_offsets(layout))
        assert sum(size for _, size in layout) == TEXT_BLOCK_LEN
        assert offsets["type"][0] == TYPE_FLAG_OFFSET


def _offsets(layout: Layout) -> list[tuple[str, tuple[int, int]]]:
    result, pos = [], 0
    for field, size in layout:
        result.append((field, (pos, pos + size)))
        pos += size
    return result


class _Fields(Struct, frozen=True):
    card_type: CardType
    values: dict[str, str]


def split_text_block(block: bytes) -> _Fields:
    """Decode the block's characters and split them by the layout its type flag names."""
    if not isinstance(block, bytes | bytearray) or len(block) != TEXT_BLOCK_LEN:
        size = len(block) if isinstance(block, bytes | bytearray) else "non-bytes"
        raise CardDataError(f"text block has {size} bytes, expected {TEXT_BLOCK_LEN}")
    try:
        flag = bytes(block[TYPE_FLAG_OFFSET : TYPE_FLAG_OFFSET + 2]).decode("utf-16-le")
    except UnicodeDecodeError as exc:
        raise CardDataError("text block type flag is not UCS-2 text") from exc
    flag = " " if flag in (" ", "\x00") else flag
    if flag not in LAYOUTS:
        raise CardDataError(f"unsupported card type flag {flag.encode('unicode_escape')!r}")
    card_type, layout = LAYOUTS[flag]
    values: dict[str, str] = {}
    for field, (start, end) in _offsets(layout):
        try:
            text = bytes(block[start:end]).decode("utf-16-le")
        except UnicodeDecodeError as exc:
            raise CardDataError(f"text block field {field!r} is not UCS-2 text") from exc
        values[field] = text.replace("\x00", " ").strip()
    return _Fields(card_type, values)


def _parse_date(value: str, field: str) -> date:
    if not _DATE.match(value):
        raise CardDataError(f"{field} is not a YYYYMMDD date")
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError as exc:
        raise CardDataError(f"{field} is not a calendar date") from exc


def _parse_valid_to(value: str) -> date | None:
    return None if value == LONG_TERM else _parse_date(value, "valid_to")


def _parse_sex(code: str) -> str:
    if code not in SEX_CODES:
        raise CardDataError("sex code is not one of 0, 1, 2, 9")
    return SEX_CODES[code]


def _check_id_number(card_type: CardType, number: str, birth: date) -> None:
    if card_type == "foreign_2017":
        if not _FOREIGN_2017_NUMBER.match(number):
            raise CardDataError("permanent residence number is not 3 letters and 12 digits")
        return
    if not is_valid_id_number(number):
        raise CardDataError("ID number fails its GB 11643 check digit")
    if card_type == "foreign_2023" and not number.startswith("9"):
        raise CardDataError("2023 permanent residence number does not start with 9")
    if card_type == "hkmotw" and not number.startswith(("81", "82", "83")):
        raise CardDataError("residence permit number does not start with 81, 82 or 83")
    if number[6:14] != birth.strftime("%Y%m%d"):
        raise CardDataError("ID number does not match the birth date")


def decode_text_block(block: bytes, photo: bytes = b"", source: Source = "ga467") -> IdentityRecord:
    """Decode and validate a 256-byte text block; raise CardDataError for anything implausible."""
    fields = split_text_block(block)
    v, card_type = fields.values, fields.card_type
    birth = _parse_date(v["birth"], "birth_date")
    valid_from = _parse_date(v["valid_from"], "valid_from")
    valid_to = _parse_valid_to(v["valid_to"])
    if valid_to is not None and valid_to < valid_from:
        raise CardDataError("valid_to is before valid_from")
    if valid_from < birth:
        raise CardDataError("valid_from is before the birth date")
    id_number = v["id_number"].upper()
    _check_id_number(card_type, id_number, birth)
    nation = ""
    if card_type == "resident":
        if v["nation"] not in NATIONS:
            raise CardDataError("nation code is not a GB/T 3304 code")
        nation = NATIONS[v["nation"]]
    nationality = v.get("nationality", "")
    if card_type in ("foreign_2017", "foreign_2023") and not _ISO_ALPHA3.match(nationality):
        raise CardDataError("nationality is not a three-letter country code")
    name_en = (v.get("name_en", "") + v.get("name_en_more", "")).strip()
    if not v["name"] and not name_en:
        raise CardDataError("the card carries no name")
    return IdentityRecord(
        card_type=card_type,
        name=v["name"],
        sex=_parse_sex(v["sex"]),
        nation=nation,
        birth_date=birth,
        address=v.get("address", ""),
        id_number=id_number,
        authority=v.get("authority", ""),
        valid_from=valid_from,
        valid_to=valid_to,
        name_en=name_en,
        nationality=nationality,
        photo_wlt=bytes(photo),
        source=source,
    )


def _encode_field(field: str, value: str, size: int) -> bytes:
    data = value.encode("utf-16-le")
    if len(data) > size:
        raise CardDataError(f"{field} is longer than its {size // 2} characters")
    return data + " ".encode("utf-16-le") * ((size - len(data)) // 2)


def encode_text_block(record: IdentityRecord) -> bytes:
    """Build the 256-byte block a card of this record would carry (simulator, emulators, tests)."""
    flag = TYPE_FLAGS[record.card_type]
    _, layout = LAYOUTS[flag]
    sex_code = {name: code for code, name in SEX_CODES.items()}.get(record.sex)
    if sex_code is None:
        raise CardDataError(f"sex {record.sex!r} has no card code")
    values = {
        "name": record.name,
        "sex": sex_code,
        "nation": NATION_CODES.get(record.nation, "") if record.card_type == "resident" else "",
        "birth": record.birth_date.strftime("%Y%m%d"),
        "address": record.address,
        "id_number": record.id_number,
        "authority": record.authority,
        "valid_from": record.valid_from.strftime("%Y%m%d"),
        "valid_to": record.valid_to.strftime("%Y%m%d") if record.valid_to else LONG_TERM,
        "nationality": record.nationality,
        "name_en": record.name_en,
        "type": flag,
    }
    if record.card_type == "resident" and not values["nation"]:
        raise CardDataError(f"nation {record.nation!r} has no GB/T 3304 code")
    if record.card_type == "foreign_2023":
        values["name_en"], values["name_en_more"] = record.name_en[:35], record.name_en[35:]
    return b"".join(_encode_field(field, values.get(field, ""), size) for field, size in layout)


_check_layouts()
