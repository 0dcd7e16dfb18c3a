"""Pictures of a business licence or a phone's city-app code, drawn for the camera simulator.

The simulated camera shows these so the demo and the tests exercise the real
decoder (zxing-cpp) on a real QR code instead of faking a decoded string. The
same drawing makes the sample images in assets/samples/licences/.

Drawn with Pillow and numpy only (colour swap and resizes in pixels.py, with OpenCV's
results): a terminal whose camera is simulated never loads OpenCV.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import segno
from PIL import Image, ImageDraw, ImageFont

from devices.camera.payload import city_app_payload, licence_payload
from devices.camera.pixels import resize_area, resize_nearest, rgb_to_bgr

CJK_FONT_PATHS = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"),
)
FRAME_SIZE = (1280, 720)
DESK_GREY = (96, 104, 112)


def qr_matrix(payload: str, error: str = "m") -> np.ndarray:
    """The QR modules of `payload` as a uint8 array, 1 = dark, with no quiet zone."""
    code = segno.make_qr(payload, error=error)
    return np.array(code.matrix, dtype=np.uint8)


def qr_image(payload: str, module_px: int = 6, quiet_modules: int = 4, error: str = "m") -> np.ndarray:
    """A grey-scale QR picture (0 black, 255 white) with a quiet zone, ready to paste."""
    matrix = np.pad(qr_matrix(payload, error), quiet_modules, constant_values=0)
    grey = np.where(matrix == 1, 0, 255).astype(np.uint8)
    return np.kron(grey, np.ones((module_px, module_px), dtype=np.uint8))


@lru_cache(maxsize=8)
def cjk_font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A Chinese-capable font, or Pillow's built-in one when fonts-noto-cjk is missing."""
    for path in CJK_FONT_PATHS:
        if path.exists():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def has_cjk_font() -> bool:
    return any(path.exists() for path in CJK_FONT_PATHS)


def licence_sheet(uscc: str, company: str, legal_rep: str = "", payload: str | None = None) -> np.ndarray:
    """A white licence sheet (BGR, about 900x640) with the title, the code and its QR code."""
    sheet = Image.new("RGB", (900, 640), (250, 250, 246))
    draw = ImageDraw.Draw(sheet)
    draw.rectangle((12, 12, 887, 627), outline=(190, 40, 40), width=6)
    title = "营业执照" if has_cjk_font() else "BUSINESS LICENCE"
    draw.text((320, 40), title, fill=(30, 30, 30), font=cjk_font(64))
    small = cjk_font(26)
    lines = [
        ("统一社会信用代码", uscc),
        ("名称", company),
        ("法定代表人", legal_rep),
    ]
    for row, (label, value) in enumerate(lines):
        text = f"{label}  {value}" if has_cjk_font() else value.encode("ascii", "replace").decode()
        draw.text((60, 170 + 60 * row), text, fill=(40, 40, 40), font=small)
    bgr = rgb_to_bgr(np.asarray(sheet))
    qr = qr_image(payload or licence_payload(uscc), module_px=6, quiet_modules=3)
    _paste_grey(bgr, qr, x=900 - qr.shape[1] - 50, y=640 - qr.shape[0] - 40)
    return bgr


def phone_screen(token: str) -> np.ndarray:
    """A phone showing the city app's identity QR code (BGR, about 400x760)."""
    phone = np.full((760, 400, 3), (40, 40, 40), dtype=np.uint8)
    phone[40:720, 20:380] = (255, 255, 255)
    qr = qr_image(city_app_payload(token), module_px=8, quiet_modules=3)
    if qr.shape[1] > 340:
        qr = resize_nearest(qr, (340, 340))
    _paste_grey(phone, qr, x=200 - qr.shape[1] // 2, y=380 - qr.shape[0] // 2)
    return phone


def on_desk(picture: np.ndarray, size: tuple[int, int] = FRAME_SIZE) -> np.ndarray:
    """Place `picture` in the middle of a camera frame of `size` (width, height)."""
    width, height = size
    frame = np.full((height, width, 3), DESK_GREY, dtype=np.uint8)
    ph, pw = picture.shape[:2]
    scale = min(1.0, 0.9 * width / pw, 0.9 * height / ph)
    if scale < 1.0:
        picture = resize_area(picture, (int(pw * scale), int(ph * scale)))
        ph, pw = picture.shape[:2]
    y, x = (height - ph) // 2, (width - pw) // 2
    frame[y : y + ph, x : x + pw] = picture
    return frame


def empty_desk(size: tuple[int, int] = FRAME_SIZE) -> np.ndarray:
    width, height = size
    return np.full((height, width, 3), DESK_GREY, dtype=np.uint8)


def _paste_grey(target: np.ndarray, grey: np.ndarray, x: int, y: int) -> None:
    h, w = grey.shape
    target[y : y + h, x : x + w] = grey[:, :, None]
