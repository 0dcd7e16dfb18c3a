"""Seeded camera frames of licences and city-app codes, clean or spoiled like a real camera does.

The same seed gives the same frames, so a test or a benchmark run is
repeatable. Conditions: clean, rotated (any angle), perspective (held at a
slant), blurred (out of focus), small (held far away), dim (a dark hall at
night, with sensor noise).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from devices.camera import licence_image
from flows.identifiers import USCC_CHARSET, uscc_check_char

CONDITIONS = ("clean", "rotated", "perspective", "blurred", "small", "dim")
TOKEN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


@dataclass(frozen=True)
class GeneratedFrame:
    condition: str
    kind: str  # "licence" | "city_app"
    expected: str  # the USCC or the token the frame carries
    image: np.ndarray


def random_uscc(rng: random.Random) -> str:
    body = "91" + "310104" + "".join(rng.choice(USCC_CHARSET) for _ in range(9))
    return body + uscc_check_char(body)


def random_token(rng: random.Random, length: int = 24) -> str:
    return "".join(rng.choice(TOKEN_CHARS) for _ in range(length))


Size = tuple[int, int]


def licence_frame(
    uscc: str, condition: str, rng: random.Random, size: Size = (1280, 720), severity: float = 1.0
) -> np.ndarray:
    sheet = licence_image.licence_sheet(uscc, "示例餐饮有限公司", "王某")
    return spoil(sheet, condition, rng, size, severity)


def city_app_frame(
    token: str, condition: str, rng: random.Random, size: Size = (1280, 720), severity: float = 1.0
) -> np.ndarray:
    return spoil(licence_image.phone_screen(token), condition, rng, size, severity)


def frame_set(
    seed: int, per_condition: int, size: Size = (1280, 720), severity: float = 1.0
) -> list[GeneratedFrame]:
    """`per_condition` frames for every condition, alternating licences and city-app codes."""
    rng = random.Random(seed)
    frames = []
    for condition in CONDITIONS:
        for index in range(per_condition):
            if index % 2 == 0:
                uscc = random_uscc(rng)
                image = licence_frame(uscc, condition, rng, size, severity)
                frames.append(GeneratedFrame(condition, "licence", uscc, image))
            else:
                token = random_token(rng)
                image = city_app_frame(token, condition, rng, size, severity)
                frames.append(GeneratedFrame(condition, "city_app", token, image))
    return frames


def spoil(
    picture: np.ndarray, condition: str, rng: random.Random, size: Size, severity: float = 1.0
) -> np.ndarray:
    """Put `picture` in a camera frame of `size` under `condition`; `severity` 2 is twice as bad."""
    if condition not in CONDITIONS:
        raise ValueError(f"unknown condition {condition!r}; known: {', '.join(CONDITIONS)}")
    width, height = size
    fit = min(0.9 * width / picture.shape[1], 0.9 * height / picture.shape[0])
    if condition == "rotated":
        fit *= 0.7
    elif condition == "small":
        fit *= rng.uniform(0.3, 0.4) / severity
    picture = cv2.resize(picture, None, fx=fit, fy=fit, interpolation=cv2.INTER_AREA)
    frame = licence_image.on_desk(picture, size)
    if condition == "rotated":
        matrix = cv2.getRotationMatrix2D((width / 2, height / 2), rng.uniform(-180, 180), 1.0)
        frame = cv2.warpAffine(frame, matrix, size, borderValue=licence_image.DESK_GREY)
    elif condition == "perspective":
        frame = _perspective(frame, picture.shape[1], picture.shape[0], rng, severity)
    elif condition == "blurred":
        frame = cv2.GaussianBlur(frame, (0, 0), rng.uniform(1.5, 2.5) * severity)
    elif condition == "dim":
        frame = (frame.astype(np.float32) * rng.uniform(0.15, 0.3) / severity).astype(np.uint8)
    return _noise(frame, rng, sigma=(4.0 if condition == "dim" else 2.0) * severity)


def _perspective(frame: np.ndarray, pw: int, ph: int, rng: random.Random, severity: float) -> np.ndarray:
    height, width = frame.shape[:2]
    x0, y0 = (width - pw) / 2, (height - ph) / 2
    src = np.float32([[x0, y0], [x0 + pw, y0], [x0 + pw, y0 + ph], [x0, y0 + ph]])
    jitter = 0.12 * severity
    dst = np.float32(
        [[x + rng.uniform(-jitter, jitter) * pw, y + rng.uniform(-jitter, jitter) * ph] for x, y in src]
    )
    matrix = cv2.getPerspectiveTransform(src, dst)
    return cv2.warpPerspective(frame, matrix, (width, height), borderValue=licence_image.DESK_GREY)


def _noise(frame: np.ndarray, rng: random.Random, sigma: float) -> np.ndarray:
    generator = np.random.default_rng(rng.randrange(2**32))
    noisy = frame.astype(np.int16) + generator.normal(0, sigma, frame.shape).astype(np.int16)
    return np.clip(noisy, 0, 255).astype(np.uint8)


def write_sequence(folder: Path, frames: list[np.ndarray]) -> str:
    """The frames as frame_000.png, frame_001.png ... in `folder`; returns the OpenCV pattern.
    A camera on it loops: the fault of a sequence that never shows a usable code."""
    folder.mkdir(parents=True, exist_ok=True)
    for index, frame in enumerate(frames):
        cv2.imwrite(str(folder / f"frame_{index:03d}.png"), frame)
    return str(folder / "frame_%03d.png")


def no_code_frames(condition: str, count: int, seed: int = 7, size: Size = (1280, 720)) -> list[np.ndarray]:
    """Frames with no decodable code: an empty desk ("clean"), a badly blurred licence, or a dark desk."""
    rng = random.Random(seed)
    if condition == "blurred":  # out of focus, and no sensor noise to fake sharpness
        sheet = licence_image.licence_sheet(random_uscc(rng), "示例餐饮有限公司")
        return [cv2.GaussianBlur(licence_image.on_desk(sheet, size), (0, 0), 9.0) for _ in range(count)]
    desk = licence_image.empty_desk(size)
    if condition == "dim":
        return [_noise((desk * 0.12).astype(np.uint8), rng, sigma=12.0) for _ in range(count)]
    return [_noise(desk, rng, sigma=12.0) for _ in range(count)]
