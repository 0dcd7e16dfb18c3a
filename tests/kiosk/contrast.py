"""WCAG 2.1 contrast of what the kiosk really draws: text against its background, control borders.

Colours are read from the window's own rendering (``QWidget.grab``) after the stylesheet
is applied, so every rule of kiosk.qss / large.qss / elder.qss — state selectors such as
``:checked`` included, which a widget's palette does not follow — is measured as drawn:

- background of a widget: the most frequent colour inside it;
- text colour: the palette's text role when the stylesheet's colour is really drawn there
  (found in at least a few pixels), else the most frequent other colour (glyph cores);
- a control's boundary (button, field): its border or its fill against what is just outside it.

Thresholds (WCAG 2.1 AA, 1.4.3 and 1.4.11): 4.5:1 for text, 3:1 for large text
(≥ 24 px, or ≥ 18.66 px bold) and for the boundary of a control. Disabled controls are
exempt, as WCAG allows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QWidget

TEXT_RATIO = 4.5
LARGE_TEXT_RATIO = 3.0
BOUNDARY_RATIO = 3.0
MIN_PIXELS = 6  # a colour drawn in fewer pixels than this is anti-aliasing, not the text's colour


def luminance(color: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.red()) + 0.7152 * channel(color.green()) + 0.0722 * channel(color.blue())


def ratio(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@dataclass(frozen=True)
class Finding:
    where: str
    widget: str
    what: str
    foreground: str
    background: str
    ratio: float
    needed: float

    def __str__(self) -> str:
        return (f"{self.where}: {self.widget} {self.what} {self.foreground} on {self.background} "
                f"= {self.ratio:.2f}:1 (needs {self.needed}:1)")


def describe(widget: QWidget) -> str:
    text = widget.text() if hasattr(widget, "text") else ""
    name = widget.objectName() or type(widget).__name__
    return f"{name} {text[:24]!r}".replace("\n", " ")


def is_large(widget: QWidget) -> bool:
    font = widget.font()
    px = font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF() * 96 / 72
    return px >= 24 or (font.bold() and px >= 18.66)


def text_role(widget: QWidget) -> QPalette.ColorRole:
    if isinstance(widget, QAbstractButton):
        return QPalette.ColorRole.ButtonText
    if isinstance(widget, (QLineEdit, QComboBox)):
        return QPalette.ColorRole.Text
    return QPalette.ColorRole.WindowText


def pixels_of(image: QImage) -> np.ndarray:
    """The rendering as an array of 0xRRGGBB (one uint32 per pixel)."""
    rows = np.frombuffer(image.constBits(), dtype=np.uint32, count=image.height() * image.bytesPerLine() // 4)
    return rows.reshape(image.height(), image.bytesPerLine() // 4)[:, : image.width()] & 0xFFFFFF


def colours_in(pixels: np.ndarray, rect: QRect) -> Counter[int]:
    crop = pixels[rect.top():rect.bottom() + 1, rect.left():rect.right() + 1]
    values, counts = np.unique(crop, return_counts=True)
    return Counter(dict(zip(values.tolist(), counts.tolist(), strict=True)))


def has_text(widget: QWidget) -> bool:
    if isinstance(widget, QLabel):
        return bool(widget.text().strip()) and widget.pixmap().isNull()
    if isinstance(widget, (QAbstractButton, QLineEdit)):
        return bool(widget.text().strip())
    return isinstance(widget, QComboBox) and bool(widget.currentText().strip())


def check_window(window: QWidget, where: str) -> list[Finding]:
    """Every shown, enabled text widget and control of ``window`` as rendered now."""
    image = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    pixels = pixels_of(image)
    scale = image.width() / max(window.width(), 1)
    findings: list[Finding] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or not widget.isEnabled() or widget.width() < 4 or widget.height() < 4:
            continue
        if not isinstance(widget, (QLabel, QAbstractButton, QLineEdit, QComboBox)):
            continue
        shown = widget.visibleRegion().boundingRect()  # the part a scroll area or the window does not clip
        if shown.width() < widget.width() * 0.9 or shown.height() < widget.height() * 0.9:
            continue  # scrolled (partly) out of view: measured when a walk scrolls to it
        top_left = widget.mapTo(window, QPoint(0, 0))
        rect = QRect(int(top_left.x() * scale), int(top_left.y() * scale),
                     int(widget.width() * scale), int(widget.height() * scale)).intersected(image.rect())
        if rect.width() < 4 or rect.height() < 4 or not _on_top(window, widget):
            continue
        counts = colours_in(pixels, rect)
        background = QColor(counts.most_common(1)[0][0])
        if has_text(widget):
            findings += _text_finding(widget, counts, background, where)
        if isinstance(widget, (QAbstractButton, QLineEdit, QComboBox)) and not isinstance(widget, QLabel):
            findings += _boundary_finding(widget, image, rect, background, where)
    return findings


def _on_top(window: QWidget, widget: QWidget) -> bool:
    """False when an overlay (idle countdown, staff PIN pad) covers the widget's middle."""
    centre = widget.mapTo(window, widget.rect().center())
    found = window.childAt(centre)
    return found is not None and (found is widget or widget.isAncestorOf(found) or found.isAncestorOf(widget))


def _text_finding(widget: QWidget, counts: Counter[int], background: QColor, where: str) -> list[Finding]:
    wanted = widget.palette().color(text_role(widget)).rgb() & 0xFFFFFF
    others = [(c, n) for c, n in counts.most_common() if c != background.rgb() & 0xFFFFFF and n >= MIN_PIXELS]
    if counts.get(wanted, 0) >= MIN_PIXELS and wanted != background.rgb() & 0xFFFFFF:
        foreground = QColor(wanted)
    elif others:
        foreground = QColor(others[0][0])
    else:
        return []  # nothing drawn (an empty or clipped label)
    needed = LARGE_TEXT_RATIO if is_large(widget) else TEXT_RATIO
    got = ratio(foreground, background)
    if got + 1e-9 >= needed:
        return []
    return [Finding(where, describe(widget), "text", foreground.name(), background.name(), got, needed)]


def _boundary_finding(widget: QWidget, image: QImage, rect: QRect, fill: QColor, where: str) -> list[Finding]:
    """The control's edge (border, else fill) against the pixels just outside its left edge."""
    y = rect.center().y()
    outside_x = rect.left() - 3
    if outside_x < 0:
        return []
    outside = QColor(image.pixel(outside_x, y))
    border = QColor(image.pixel(rect.left() + 1, y))
    best = max(ratio(border, outside), ratio(fill, outside))
    if best + 1e-9 >= BOUNDARY_RATIO:
        return []
    return [Finding(where, describe(widget), "boundary", f"{border.name()}/{fill.name()}", outside.name(),
                    best, BOUNDARY_RATIO)]


__all__ = ["Finding", "check_window", "luminance", "ratio"]
