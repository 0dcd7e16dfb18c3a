"""The staff side of the terminal without Qt: the PIN, the audit log and the hidden gesture.

The admin screens (kiosk/screens) are built on these; everything here runs and is
tested without a display, so it must never import PySide6 or the rest of kiosk.
This module only says where the staff files live inside the data folder, so the
kiosk and the technician's command (`python -m kiosk.staff`) agree.
"""

from __future__ import annotations

from pathlib import Path

from msgspec import Struct


class StaffFiles(Struct, frozen=True):
    """The staff files of one terminal, under its data folder."""

    data_dir: Path

    @property
    def pin(self) -> Path:
        """argon2id hash of the staff PIN and its lockout state (0600, beside the other secrets)."""
        return Path(self.data_dir) / "secrets" / "staff_pin.json"

    @property
    def audit(self) -> Path:
        """The admin audit log (JSON lines); its head file sits beside it. Not under logs/:
        the log rotation must never delete it, and support bundles do not need it."""
        return Path(self.data_dir) / "audit" / "admin-audit.jsonl"
