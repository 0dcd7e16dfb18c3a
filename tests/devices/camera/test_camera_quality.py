"""Focus and brightness figures tell a sharp, well-lit frame from a blurred or dark one."""

from __future__ import annotations

import cv2
import numpy as np

from devices.camera import licence_image
from devices.camera.quality import frame_quality


def test_sharp_blurred_and_dark_frames_are_told_apart() -> None:
    sharp = licence_image.on_desk(licence_image.licence_sheet("91310104MA1FR0000C", "x"))
    blurred = cv2.GaussianBlur(sharp, (0, 0), 6)
    dark = (sharp * 0.15).astype(np.uint8)
    assert frame_quality(sharp).verdict == "ok"
    assert frame_quality(blurred).verdict == "blurred"
    assert frame_quality(blurred).focus < frame_quality(sharp).focus
    assert frame_quality(dark).brightness < frame_quality(sharp).brightness
    assert frame_quality(np.full((100, 100), 250, np.uint8)).as_dict()["width"] == 100
    assert frame_quality(licence_image.empty_desk()).verdict == "blank or covered"
