"""decode_frame with zxing-cpp on generated licence and city-app frames (seeded)."""

from __future__ import annotations

import json
import random

import cv2
import numpy as np
import pytest
from rigs.frames import CONDITIONS, city_app_frame, frame_set, licence_frame, random_token, random_uscc

from devices.camera import licence_image
from devices.camera.scanner import decode_frame
from devices.camera.simulated import DEFAULT_CITIZENS, DEFAULT_LICENCE_DIR, demo_city_app_token
from devices.errors import ScanError

pytestmark = pytest.mark.camera


def test_every_demo_citizens_licence_decodes_to_its_code() -> None:
    citizens = json.loads(DEFAULT_CITIZENS.read_text(encoding="utf-8"))["citizens"]
    for citizen in citizens:
        uscc = citizen["enterprise"]["uscc"]
        frame = licence_image.on_desk(licence_image.licence_sheet(uscc, citizen["enterprise"]["name"]))
        results = decode_frame(frame)
        assert [(r.kind, r.uscc) for r in results] == [("licence", uscc)]


@pytest.mark.parametrize("condition", CONDITIONS)
def test_generated_frames_decode_to_what_they_carry(condition: str) -> None:
    rng = random.Random(f"decode-{condition}")
    uscc, token = random_uscc(rng), random_token(rng)
    licence = decode_frame(licence_frame(uscc, condition, rng))
    city_app = decode_frame(city_app_frame(token, condition, rng))
    assert [r.uscc for r in licence] == [uscc]
    assert [r.token for r in city_app] == [token]


def test_a_decoded_code_is_never_the_wrong_one_even_when_spoiled_badly() -> None:
    for generated in frame_set(seed=11, per_condition=2, severity=2.5):
        for result in decode_frame(generated.image):
            assert result.kind == generated.kind
            assert generated.expected in (result.uscc, result.token)


def test_grey_frames_decode_too() -> None:
    frame = licence_image.on_desk(licence_image.licence_sheet(random_uscc(random.Random(3)), "x"))
    grey = frame[:, :, 1].copy()
    assert decode_frame(grey)[0].kind == "licence"
    assert decode_frame(grey[:, :, None])[0].kind == "licence"


def test_two_codes_in_one_frame_are_both_reported() -> None:
    frame = licence_image.empty_desk()
    left = licence_image.qr_image("CITYAPP:abcdefghijklmnop1234", module_px=6)
    right = licence_image.qr_image("91310104MA1FR0000C", module_px=6)
    frame[50 : 50 + left.shape[0], 50 : 50 + left.shape[1]] = left[:, :, None]
    frame[50 : 50 + right.shape[0], 700 : 700 + right.shape[1]] = right[:, :, None]
    assert sorted(r.kind for r in decode_frame(frame)) == ["city_app", "licence"]


def _two_codes(left_text: str, right_text: str) -> np.ndarray:
    frame = licence_image.empty_desk()
    left = licence_image.qr_image(left_text, module_px=6)
    right = licence_image.qr_image(right_text, module_px=6)
    frame[50 : 50 + left.shape[0], 50 : 50 + left.shape[1]] = left[:, :, None]
    frame[50 : 50 + right.shape[0], 700 : 700 + right.shape[1]] = right[:, :, None]
    return frame


@pytest.mark.parametrize("wanted", ["91310104MA1FR0000C", "CITYAPP:abcdefghijklmnop1234"])
@pytest.mark.parametrize("poster_left", [True, False])
def test_a_licence_or_city_app_code_comes_before_a_poster_code(wanted: str, poster_left: bool) -> None:
    poster = "https://example.org/hall-wifi"
    frame = _two_codes(poster, wanted) if poster_left else _two_codes(wanted, poster)
    results = decode_frame(frame)
    assert [r.raw for r in results] == [wanted, poster]


def test_the_text_is_the_codes_own_not_a_rendering() -> None:
    payload = "ticket\x1d0042\tA"  # control characters: HRI would print them as <GS> and <HT>
    code = licence_image.qr_image(payload)
    frame = licence_image.empty_desk()
    frame[50 : 50 + code.shape[0], 50 : 50 + code.shape[1]] = code[:, :, None]
    assert [r.raw for r in decode_frame(frame)] == [payload]


def test_bgra_frames_decode_too() -> None:
    frame = licence_image.on_desk(licence_image.licence_sheet(random_uscc(random.Random(4)), "x"))
    bgra = cv2.cvtColor(frame, cv2.COLOR_BGR2BGRA)
    assert decode_frame(bgra)[0].kind == "licence"


def test_frames_without_a_code_give_nothing() -> None:
    assert decode_frame(licence_image.empty_desk()) == []
    assert decode_frame(np.zeros((10, 10, 3), np.uint8)) == []
    noise = np.random.default_rng(5).integers(0, 256, (480, 640, 3), dtype=np.uint8)
    assert all(r.kind == "unknown" for r in decode_frame(noise))


@pytest.mark.parametrize(
    "bad",
    [
        None,
        "frame",
        np.zeros((100, 100, 3), np.float32),
        np.zeros((100, 100, 2), np.uint8),
        np.zeros(100, np.uint8),
    ],
)
def test_a_non_image_is_a_scan_error(bad: object) -> None:
    with pytest.raises(ScanError):
        decode_frame(bad)  # type: ignore[arg-type]


def test_sample_pictures_in_assets_carry_each_citizens_codes() -> None:
    citizens = json.loads(DEFAULT_CITIZENS.read_text(encoding="utf-8"))["citizens"]
    for citizen in citizens:
        key = citizen["key"]
        sheet = cv2.imread(str(DEFAULT_LICENCE_DIR / f"{key}.png"))
        phone = cv2.imread(str(DEFAULT_LICENCE_DIR / f"city_app_{key}.png"))
        assert [r.uscc for r in decode_frame(licence_image.on_desk(sheet))] == [citizen["enterprise"]["uscc"]]
        assert [r.token for r in decode_frame(licence_image.on_desk(phone))] == [demo_city_app_token(key)]
        assert (DEFAULT_LICENCE_DIR / f"{key}.png").stat().st_size <= 200_000
