"""The identity record every ID source yields, whatever card or reader it came from.

The GA 467 SAM reader, the PC/SC card profile, the simulator and the city-app QR
all hand the kiosk this one frozen shape, so screens and form prefill never ask
where the data came from. The photo stays opaque bytes (WLT needs a vendor
library) and is left out of `as_dict()`, which is what goes to screens and JSON.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from msgspec import Struct

from devices import personal
from devices.errors import CardExpired
from flows.identifiers import mask_id_number

CardType = Literal["resident", "hkmotw", "foreign_2017", "foreign_2023"]
Source = Literal["ga467", "pcsc", "city_app", "simulator"]

CARD_TYPES: tuple[str, ...] = ("resident", "hkmotw", "foreign_2017", "foreign_2023")


class IdentityRecord(Struct, frozen=True, weakref=True):
    """One citizen's card data. `valid_to` None means 长期 (no expiry).

    Expiry is not an error at read time: readers return the record and the
    caller asks `is_expired(today)` (an expired card still identifies the
    person for staff, but the citizen flow refuses it with CardExpired).
    """

    card_type: CardType
    name: str
    sex: str
    nation: str
    birth_date: date
    address: str
    id_number: str
    authority: str
    valid_from: date
    valid_to: date | None
    name_en: str = ""
    nationality: str = ""
    photo_wlt: bytes = b""
    source: Source = "simulator"

    def __post_init__(self) -> None:
        personal.track(self)  # its values are refused by the logs and the support bundle while it lives

    def personal_values(self) -> list[str]:
        """What must never be logged or bundled: name, address, ID number, birth date as written."""
        born = self.birth_date
        dates = [
            born.isoformat(), born.strftime("%Y%m%d"), born.strftime("%Y/%m/%d"), born.strftime("%Y.%m.%d"),
            f"{born.year}年{born.month}月{born.day}日", born.strftime("%Y年%m月%d日"),
        ]
        return [self.name, self.name_en, self.address, self.id_number, *dates]

    def is_expired(self, today: date) -> bool:
        """True when the card's last valid day is before `today`; 长期 never expires."""
        return self.valid_to is not None and self.valid_to < today

    @property
    def masked_id(self) -> str:
        """The ID number as screens and receipts show it (3101**********1234)."""
        return mask_id_number(self.id_number)

    @property
    def long_term(self) -> bool:
        """True for a 长期 card."""
        return self.valid_to is None

    def as_dict(self) -> dict[str, Any]:
        """JSON-safe fields without the photo; dates as ISO strings, 长期 as None."""
        return {
            "card_type": self.card_type,
            "name": self.name,
            "sex": self.sex,
            "nation": self.nation,
            "birth_date": self.birth_date.isoformat(),
            "address": self.address,
            "id_number": self.id_number,
            "authority": self.authority,
            "valid_from": self.valid_from.isoformat(),
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
            "name_en": self.name_en,
            "nationality": self.nationality,
            "source": self.source,
            "has_photo": bool(self.photo_wlt),
        }

    def __repr__(self) -> str:  # keep PII out of logs and tracebacks
        return f"IdentityRecord(card_type={self.card_type!r}, id={self.masked_id!r}, source={self.source!r})"


def ensure_not_expired(record: IdentityRecord, today: date) -> IdentityRecord:
    """The record itself, or CardExpired for the citizen screen when its validity has ended.

    Readers never raise this themselves (staff may still need an expired card's
    data); the identity step of the citizen flow calls it.
    """
    if record.is_expired(today):
        valid_to = record.valid_to.isoformat() if record.valid_to else ""
        raise CardExpired(f"card valid until {valid_to}")
    return record
