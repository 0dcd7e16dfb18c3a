"""An ID-card reader for the demo and tests that carries the shared sample citizens.

It builds each citizen's real 256-byte UCS-2 text block and reads it back
through the same decoder as the GA 467 driver, so the demo exercises the real
decoding and a broken block in a test fails exactly as hardware would.
"""

from __future__ import annotations

import json
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

from devices.base import DeviceStatus
from devices.errors import DeviceError
from devices.idcard.errors import CardDataError
from devices.idcard.reader import IdCardReader
from devices.idcard.record import CARD_TYPES, IdentityRecord
from devices.idcard.textblock import LONG_TERM, decode_text_block, encode_text_block

DEFAULT_CITIZENS_FILE = Path(__file__).resolve().parents[2] / "assets" / "samples" / "citizens.json"


def _mask_name(name: str) -> str:
    return name[:1] + "*" * (len(name) - 1) if name else ""


def record_from_card_json(card: dict[str, Any], source: str = "simulator") -> IdentityRecord:
    """An IdentityRecord from a citizens.json "card" entry (dates ISO, valid_to may be 长期)."""
    try:
        card_type = card.get("card_type", "resident")
        if card_type not in CARD_TYPES:
            raise CardDataError(f"unknown card_type {card_type!r}")
        valid_to = card.get("valid_to")
        return IdentityRecord(
            card_type=card_type,
            name=str(card.get("name", "")),
            sex=str(card["sex"]),
            nation=str(card.get("nation", "")),
            birth_date=date.fromisoformat(card["birth_date"]),
            address=str(card.get("address", "")),
            id_number=str(card["id_number"]),
            authority=str(card.get("authority", "")),
            valid_from=date.fromisoformat(card["valid_from"]),
            valid_to=None if valid_to in (None, LONG_TERM) else date.fromisoformat(valid_to),
            name_en=str(card.get("name_en", "")),
            nationality=str(card.get("nationality", "")),
            source=source,  # type: ignore[arg-type]
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise CardDataError(f"sample card entry is incomplete: {type(exc).__name__}") from exc


def load_sample_blocks(citizens_file: Path) -> dict[str, tuple[str, bytes]]:
    """key -> (masked display name, 256-byte text block) for every citizen with a card."""
    try:
        doc = json.loads(Path(citizens_file).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CardDataError(f"cannot load sample citizens from {citizens_file}: {exc}") from exc
    blocks: dict[str, tuple[str, bytes]] = {}
    for entry in doc.get("citizens", []):
        if "card" not in entry or "key" not in entry:
            continue
        record = record_from_card_json(entry["card"])
        display = f"{_mask_name(record.name or record.name_en)} {record.masked_id}"
        blocks[entry["key"]] = (display, encode_text_block(record))
    return blocks


class SimulatedIdCardReader(IdCardReader):
    """A reader whose card is placed by `present(key)` and taken by `remove()`."""

    driver = "simulator"

    def __init__(self, citizens_file: Path = DEFAULT_CITIZENS_FILE, name: str = "idcard") -> None:
        super().__init__(name)
        self._blocks = load_sample_blocks(citizens_file)
        self._card: bytes | None = None
        self._photo = b""
        self._failure: DeviceError | None = None
        self._changed = threading.Condition()
        self._set_status(DeviceStatus.ONLINE)

    def capabilities(self) -> dict[str, Any]:
        return {"card_types": list(CARD_TYPES), "photo": False, "samples": len(self._blocks)}

    def citizens(self) -> list[tuple[str, str]]:
        """(key, masked display name) for the demo's sample picker."""
        return [(key, display) for key, (display, _) in self._blocks.items()]

    def present(self, citizen_key: str) -> None:
        """Place a sample citizen's card on the reader."""
        if citizen_key not in self._blocks:
            raise KeyError(f"no sample citizen {citizen_key!r}")
        self.present_block(self._blocks[citizen_key][1])

    def present_block(self, text_block: bytes, photo: bytes = b"") -> None:
        """Place a card carrying this raw text block (tests: corrupt or foreign cards)."""
        with self._changed:
            self._card, self._photo = bytes(text_block), bytes(photo)
            self._changed.notify_all()
        self._note_presence(True)

    def remove(self) -> None:
        with self._changed:
            self._card = None
            self._changed.notify_all()
        self._note_presence(False)

    def fail_next_read(self, error: DeviceError) -> None:
        """Make the next read raise this error once (demo of error screens, tests)."""
        self._failure = error

    def card_present(self) -> bool:
        return self._card is not None

    def cancel(self) -> None:
        super().cancel()
        with self._changed:
            self._changed.notify_all()

    def read_card(self, timeout_s: float) -> IdentityRecord | None:
        self._begin_read()
        deadline = time.monotonic() + max(0.0, timeout_s)
        with self._changed:
            while self._card is None and not self._cancel.is_set():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self._changed.wait(remaining)
            if self._card is None:
                return None
            block, photo = self._card, self._photo
        if self._failure is not None:
            failure, self._failure = self._failure, None
            raise failure
        return decode_text_block(block, photo, source="simulator")
