"""Is the camera picture usable? Focus and brightness figures for technicians.

The diagnostics screen shows them beside the live frame so a technician can
refocus or fix the lighting before citizens fail to scan their licences.

The figures are OpenCV's (`cvtColor(BGR2GRAY)`, `Laplacian(CV_64F)`, `meanStdDev`),
computed with numpy (pixels.py): the thresholds below were tuned on them, and OpenCV
loads only in a terminal that captures a real camera through it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy loads with the first frame measured
    import numpy as np

FOCUS_SHARP = 100.0
"""Variance of the Laplacian above which a 720p frame of a licence is sharp enough to decode."""
CONTRAST_BLANK = 4.0
"""Grey-level standard deviation below which there is nothing to see: lens covered, empty scene."""
BRIGHTNESS_RANGE = (60.0, 200.0)


@dataclass(frozen=True)
class FrameQuality:
    focus: float
    """Variance of the Laplacian of the grey frame: higher is sharper."""
    brightness: float
    """Mean grey level 0-255."""
    contrast: float
    """Standard deviation of the grey levels."""
    width: int
    height: int

    @property
    def verdict(self) -> str:
        if self.contrast < CONTRAST_BLANK:
            return "blank or covered"
        if self.focus < FOCUS_SHARP:
            return "blurred"
        if self.brightness < BRIGHTNESS_RANGE[0]:
            return "too dark"
        if self.brightness > BRIGHTNESS_RANGE[1]:
            return "too bright"
        return "ok"

    def as_dict(self) -> dict[str, float | int | str]:
        return {
            **asdict(self),
            "focus": round(self.focus, 1),
            "brightness": round(self.brightness, 1),
            "contrast": round(self.contrast, 1),
            "verdict": self.verdict,
        }


def frame_quality(frame: np.ndarray) -> FrameQuality:
    """Focus and brightness of a BGR or grey uint8 frame."""
    from devices.camera.pixels import grey, laplacian

    grey_picture = grey(frame)
    focus = float(laplacian(grey_picture).var())
    return FrameQuality(
        focus=focus,
        brightness=float(grey_picture.mean()),
        contrast=float(grey_picture.std()),  # population deviation, as meanStdDev
        width=grey_picture.shape[1],
        height=grey_picture.shape[0],
    )
