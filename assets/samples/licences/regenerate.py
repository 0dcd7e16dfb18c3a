"""Regenerate the sample business-licence pictures the camera simulator shows in the demo.

Per demo citizen in assets/samples/citizens.json: <key>.png, a licence sheet
with the paper-licence QR code of the citizen's credit code, and
city_app_<key>.png, a phone showing the city-app code `CITYAPP:demo-<key>`
that the reference hub's demo mode verifies. Deterministic: the same
citizens file gives the same pictures. Run from the repository root:

    .venv/bin/python assets/samples/licences/regenerate.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import cv2

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from devices.camera import licence_image  # noqa: E402

CITY_APP_TOKEN_PREFIX = "demo-"  # hub/demo_data.py answers tokens demo-<citizen key>
MAX_BYTES = 200_000


def main() -> None:
    citizens = json.loads((ROOT / "assets" / "samples" / "citizens.json").read_text(encoding="utf-8"))
    written = []
    for citizen in citizens["citizens"]:
        enterprise = citizen.get("enterprise")
        if not enterprise:
            continue
        sheet = licence_image.licence_sheet(
            enterprise["uscc"], enterprise["name"], enterprise.get("legal_rep", "")
        )
        written.append(_write(HERE / f"{citizen['key']}.png", sheet))
        phone = licence_image.phone_screen(CITY_APP_TOKEN_PREFIX + citizen["key"])
        written.append(_write(HERE / f"city_app_{citizen['key']}.png", phone))
    for path in written:
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KiB")


def _write(path: Path, image) -> Path:
    grey_enough = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if _is_grey(image) else image
    cv2.imwrite(str(path), grey_enough, [cv2.IMWRITE_PNG_COMPRESSION, 9])
    if path.stat().st_size > MAX_BYTES:
        raise SystemExit(f"{path.name} is larger than {MAX_BYTES} bytes")
    return path


def _is_grey(image) -> bool:
    return bool((image[:, :, 0] == image[:, :, 1]).all() and (image[:, :, 1] == image[:, :, 2]).all())


if __name__ == "__main__":
    main()
