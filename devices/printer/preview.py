"""A picture of a receipt as the paper would show it, for the simulator and staff screens.

Drawn from the same laid-out lines as the ESC/POS bytes, at the printer's
resolution (8 dots per mm), with a CJK font from fonts-noto-cjk. Without that
font, hanzi cannot be drawn: the preview then says so in its first line
instead of showing boxes.
"""

from __future__ import annotations

from pathlib import Path

import segno
from PIL import Image, ImageDraw

from devices.camera.licence_image import cjk_font, has_cjk_font, qr_image
from devices.printer.profile import PrinterProfile
from devices.printer.receipt import ReceiptLine

DOTS_PER_MM = 8
LINE_PX = 30
NO_FONT_NOTICE = "(no CJK font: install fonts-noto-cjk to see Chinese text)"


def render_preview(lines: list[ReceiptLine], profile: PrinterProfile) -> Image.Image:
    """The receipt as a white grey-scale image, paper width of `profile`."""
    width = (profile.paper_mm - 8) * DOTS_PER_MM
    items = ([ReceiptLine("text", NO_FONT_NOTICE)] if not has_cjk_font() else []) + lines
    heights = [_height(line, profile) for line in items]
    image = Image.new("L", (width, sum(heights) + 20), 255)
    draw = ImageDraw.Draw(image)
    y = 10
    for line, height in zip(items, heights, strict=True):
        _draw(image, draw, line, y, width, profile)
        y += height
    return image


def save_preview(lines: list[ReceiptLine], profile: PrinterProfile, path: Path) -> Path:
    render_preview(lines, profile).save(path, optimize=True)
    return path


def _height(line: ReceiptLine, profile: PrinterProfile) -> int:
    if line.kind == "qr":
        return _qr_size(line.text, profile) + 10
    if line.kind == "feed":
        return LINE_PX * 2
    return LINE_PX * (2 if line.double else 1)


def _qr_size(text: str, profile: PrinterProfile) -> int:
    return (segno.make_qr(text, error="l").symbol_size(scale=1, border=0)[0]) * profile.qr_module_px


def _draw(
    image: Image.Image,
    draw: ImageDraw.ImageDraw,
    line: ReceiptLine,
    y: int,
    width: int,
    profile: PrinterProfile,
) -> None:
    if line.kind == "text":
        font = cjk_font(48 if line.double else 24)
        text_width = draw.textlength(line.text, font=font)
        x = {"left": 4, "center": (width - text_width) / 2, "right": width - text_width - 4}[line.align]
        draw.text((x, y), line.text, fill=0, font=font, stroke_width=1 if line.bold else 0, stroke_fill=0)
    elif line.kind == "rule":
        draw.line((4, y + LINE_PX // 2, width - 4, y + LINE_PX // 2), fill=0, width=2)
    elif line.kind == "qr" and line.text:
        qr = Image.fromarray(qr_image(line.text, module_px=profile.qr_module_px, quiet_modules=0, error="l"))
        image.paste(qr, ((width - qr.width) // 2, y + 5))
    elif line.kind == "cut":
        for x in range(0, width, 16):
            draw.line((x, y + LINE_PX // 2, x + 8, y + LINE_PX // 2), fill=128, width=2)
