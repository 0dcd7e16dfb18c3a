"""What the kiosk may say aloud in a public hall: guidance, never the citizen's name or an ID number.

A screen's headline and guidance can carry personal data (a greeting with the name,
a masked ID number, a licence code). Speech is heard by everyone standing nearby, so
before any text reaches the voice it goes through :func:`speakable`: every private value
of this visit (name, ID number, address, licence code…) and anything shaped like an
identifier (a run of six or more digits or letters-and-digits, with or without the ``*``
of a masked number) is removed. Qt-free, so it is tested without a display.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

IDENTIFIER_SHAPE = re.compile(r"[0-9A-Za-z*]*[0-9*][0-9A-Za-z*]{4,}")
"""ID numbers (18 characters, maybe masked with *), USCCs, phone numbers, application ids."""
PRIVATE_KEYS = ("name", "name_en", "id_number", "address", "uscc", "phone", "legal_representative",
                "enterprise_name", "registered_address")
"""Fields of the visit's identity and licence records that are never spoken."""


def private_values(*records: Mapping[str, Any] | None) -> list[str]:
    """The spoken-never values of the visit's records (identity card, licence), longest first."""
    values = {str(record[key]).strip() for record in records if record
              for key in PRIVATE_KEYS if record.get(key)}
    return sorted((v for v in values if v), key=len, reverse=True)


def speakable(text: str, private: Iterable[str] = ()) -> str:
    """``text`` with every private value and identifier-shaped run removed, spaces tidied."""
    for value in private:
        if value:
            text = text.replace(value, "")
    text = IDENTIFIER_SHAPE.sub("", text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r"([，。：；,:;])\s*(?=[，。：；,:;])", "", text)  # a comma left before a full stop
    return text.strip(" ，,：:")


__all__ = ["PRIVATE_KEYS", "private_values", "speakable"]
