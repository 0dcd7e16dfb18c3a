"""Split a Shanghai address into the smallest-grained elements forms ask for separately.

Forms ask for 区 (district), 路/号 (road and number), 层 (floor) and 室 (room)
in separate boxes; the hub profile holds one string. Splitting is best effort: a
part that cannot be found is left out and the citizen fills it in.
"""

from __future__ import annotations

import re

from msgspec import Struct

_ADDRESS_RE = re.compile(
    r"^(?P<city>上海市)?"
    r"(?P<district>[^市区县]{1,6}?(?:新区|区|县))?"
    r"(?P<road>.*?(?:路|街|道|弄|巷|大道|公路)\d+(?:弄\d+)?号(?:[A-Z\d]+号?楼|\d+幢)?)?"
    r"(?P<floor>[B\d]+层|地下\d*层)?"
    r"(?P<room>[A-Z\d]+室|\d+号?铺|\d+号)?"
)
MAX_ADDRESS = 200


class AddressParts(Struct, frozen=True):
    """The parts of an address that could be found (None where not)."""

    city: str | None
    district: str | None
    road_number: str | None
    floor: str | None
    room: str | None


def split_address(address: str) -> AddressParts:
    """Split ``上海市徐汇区天钥桥路123号1层101室`` into city, district, road+number, floor, room."""
    if not isinstance(address, str) or len(address) > MAX_ADDRESS:
        return AddressParts(None, None, None, None, None)
    match = _ADDRESS_RE.match(address.strip())
    if match is None:  # pragma: no cover - every part is optional, the pattern always matches
        return AddressParts(None, None, None, None, None)
    parts = match.groupdict()
    return AddressParts(parts["city"], parts["district"], parts["road"], parts["floor"], parts["room"])
