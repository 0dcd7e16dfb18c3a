"""A real camera through OpenCV: a device index, a video file or an image sequence.

Video files and image sequences (``frame_%03d.png``) let the camera path be
tested and demonstrated without hardware; they loop at the end so a demo video
keeps playing. Uses the headless OpenCV wheel (the regular one's Qt plugins
clash with PySide6).

OpenCV writes its own warnings straight to stderr from C++ (no Python hook
exists), which put an `imread_` warning on the technician's screen at every
loop of an image sequence. So a sequence is rewound before it reads past its
last frame, OpenCV's log level is set to errors only, and what went wrong is
logged here, through Python logging, instead.
"""

from __future__ import annotations

import importlib.util
import logging
import threading
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from devices.camera.camera import Camera
from devices.errors import CameraFault

if TYPE_CHECKING:
    import cv2
    import numpy as np

log = logging.getLogger(__name__)


@cache
def _cv2() -> Any:
    """OpenCV, loaded when the camera first opens (a citizen reaches a step that films), not
    with the kiosk: its first screen needs no camera, and OpenCV with numpy costs ~30 MiB."""
    import cv2

    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)
    return cv2


class OpenCvCamera(Camera):
    """`source`: device index (int or digits), a video file path, or a printf-style image sequence."""

    driver = "opencv"

    def __init__(
        self,
        source: int | str,
        name: str = "camera",
        fps: float = 20.0,
        loop: bool = True,
        resolution: tuple[int, int] | None = (1920, 1080),
    ) -> None:
        if importlib.util.find_spec("cv2") is None:  # said at build time, as an import would have
            raise ImportError("No module named 'cv2'", name="cv2")
        super().__init__(name, fps)
        self.resolution = resolution
        self.sysfs_root = Path("/sys/class/video4linux")
        self.source: int | str = int(source) if isinstance(source, str) and source.isdigit() else source
        self.loop = loop
        self._capture: cv2.VideoCapture | None = None
        self._capture_lock = threading.Lock()
        self._frame_missing = False

    @property
    def source_kind(self) -> str:
        if isinstance(self.source, int):
            return "device"
        return "sequence" if "%" in str(self.source) else "file"

    def _open(self) -> None:
        capture = self._new_capture()
        if not capture.isOpened():
            capture.release()
            raise CameraFault(f"cannot open camera source {self._source_label()}")
        with self._capture_lock:
            self._capture = capture

    def _new_capture(self) -> cv2.VideoCapture:
        cv2 = _cv2()
        if isinstance(self.source, int):
            capture = cv2.VideoCapture(self.source, cv2.CAP_V4L2)
            if capture.isOpened() and self.resolution:
                # USB cameras start at 640x480; a licence QR held at arm's length needs more.
                # MJPG lets 1080p through USB 2.0 at full frame rate.
                capture.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter_fourcc(*"MJPG"))
                capture.set(cv2.CAP_PROP_FRAME_WIDTH, self.resolution[0])
                capture.set(cv2.CAP_PROP_FRAME_HEIGHT, self.resolution[1])
            return capture
        if self.source_kind == "sequence":
            return cv2.VideoCapture(str(self.source), cv2.CAP_IMAGES)
        if not Path(self.source).exists():
            raise CameraFault(f"video file {self._source_label()} does not exist")
        return cv2.VideoCapture(str(self.source))

    def _grab(self) -> np.ndarray | None:
        with self._capture_lock:
            capture = self._capture
            if capture is None:
                return None
            if self.loop and self.source_kind == "sequence":
                _rewind_at_end(capture)
            ok, image = capture.read()
            if not ok and self.loop and self.source_kind != "device":
                capture.release()
                self._capture = capture = self._new_capture()
                ok, image = capture.read()
        if not ok or image is None:
            if not self._frame_missing:  # once per outage, not once per frame
                log.warning("%s: no frame from %s", self.name, self._source_label())
            self._frame_missing = True
            return None
        self._frame_missing = False
        cv2 = _cv2()
        if image.ndim == 3 and image.shape[2] == 4:  # a PNG with alpha in a sequence
            image = cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
        if image.ndim == 2:
            image = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
        return image

    def _paced(self) -> bool:
        return self.source_kind != "device"

    def _recover(self) -> bool:
        """Reopen the source (a USB camera unplugged and plugged back)."""
        self._release()
        try:
            self._open()
        except CameraFault:
            return False
        return True

    def _release(self) -> None:
        with self._capture_lock:
            if self._capture is not None:
                self._capture.release()
                self._capture = None

    def _source_label(self) -> str:
        return str(self.source) if isinstance(self.source, int) else Path(str(self.source)).name

    def capabilities(self) -> dict[str, Any]:
        return {**super().capabilities(), "source_kind": self.source_kind}

    def describe(self) -> dict[str, Any]:
        row = super().describe()
        row["ports"] = [f"/dev/video{self.source}" if isinstance(self.source, int) else self._source_label()]
        if isinstance(self.source, int):
            row["model"] = v4l2_device_name(self.source, self.sysfs_root)
        with self._capture_lock:
            if self._capture is not None:
                cv2 = _cv2()
                row["resolution"] = (
                    f"{int(self._capture.get(cv2.CAP_PROP_FRAME_WIDTH))}x"
                    f"{int(self._capture.get(cv2.CAP_PROP_FRAME_HEIGHT))}"
                )
        return row


def _rewind_at_end(capture: cv2.VideoCapture) -> None:
    """Back to frame 0 before the read past the last file (which OpenCV would warn about)."""
    cv2 = _cv2()
    count = capture.get(cv2.CAP_PROP_FRAME_COUNT)
    if count > 0 and capture.get(cv2.CAP_PROP_POS_FRAMES) >= count:
        capture.set(cv2.CAP_PROP_POS_FRAMES, 0)


def v4l2_device_name(index: int, sysfs_root: Path = Path("/sys/class/video4linux")) -> str:
    """The camera's model as the kernel names it (e.g. "HD Pro Webcam C920"), or "" if unknown."""
    try:
        return (sysfs_root / f"video{index}" / "name").read_text(encoding="utf-8").strip()[:80]
    except (OSError, UnicodeDecodeError):
        return ""
