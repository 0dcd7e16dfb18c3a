"""What a technician may learn about a card a live test read: that it worked, never who it was.

Every field is declared public or personal (devices.personal); the personal ones
appear only as masks that cannot be put back together: the ID number keeps its
first and last four characters and the birth date (its digits 7-14) is never
shown at all, so the ten hidden digits stay hidden. Name and address show
only their length.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from devices.idcard.record import IdentityRecord
from devices.personal import length_only, never, personal, public, report_of, stars
from flows.identifiers import mask_id_number


@dataclass(frozen=True)
class CardSummary:
    card_type: str = public()
    source: str = public()
    expired: bool = public()
    long_term: bool = public()
    photo_bytes: int = public()
    id_number: str = personal(mask_id_number)
    name: str = personal(stars)
    name_en: str = personal(stars)
    address: str = personal(length_only)
    birth_date: date = field(metadata={"personal": True, "mask": never})

    @classmethod
    def of(cls, record: IdentityRecord, today: date | None = None) -> CardSummary:
        return cls(
            card_type=record.card_type,
            source=record.source,
            expired=record.is_expired(today or date.today()),
            long_term=record.long_term,
            photo_bytes=len(record.photo_wlt),
            id_number=record.id_number,
            name=record.name,
            name_en=record.name_en,
            address=record.address,
            birth_date=record.birth_date,
        )

    def report(self) -> dict[str, Any]:
        return report_of(self)
