"""Shared test data of the outbox layer: the terminal's credentials and citizen-laden payloads."""

from __future__ import annotations

import json
from pathlib import Path

TERMINAL_ID = "T-XH-001"
SECRET = "s3cret-for-tests-only"
CITIZENS = json.loads(
    (Path(__file__).resolve().parents[2] / "assets/samples/citizens.json").read_text("utf-8")
)["citizens"]


def citizen_payload(index: int = 0, seq: int = 0) -> dict:
    """An application body carrying a demo citizen's PII, as the kiosk would queue it."""
    citizen = CITIZENS[index % len(CITIZENS)]
    return {
        "seq": seq,
        "applicant": {k: citizen["card"][k] for k in ("name", "id_number", "address")},
        "enterprise": citizen.get("enterprise", {}),
        "answers": {"business_form": "company", "sells_food": True},
    }
