"""Is the camera picture usable? Focus and brightness figures for technicians.

The diagnostics screen shows them beside the live frame so a technician can
refocus or fix the lighting before citizens fail to scan their licences.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import cv2
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
    grey = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY) if frame.ndim == 3 else frame
    focus = float(cv2.Laplacian(grey, cv2.CV_64F).var())
    mean, std = cv2.meanStdDev(grey)
    return FrameQuality(
        focus=focus,
        brightness=float(mean[0][0]),
        contrast=float(std[0][0]),
        width=grey.shape[1],
        height=grey.shape[0],
    )
