"""The camera interface: a capture thread that always holds the newest frame.

The UI preview and the QR scanner read the newest frame without waiting for
each other: capture runs on its own thread, the preview copies the latest frame
(BGR numpy array) whenever it repaints, and the scanner decodes on the caller's
thread. Decoding a slow frame therefore never stalls the preview.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from devices.base import Device, DeviceStatus
from devices.errors import CameraFault

if TYPE_CHECKING:  # frames are numpy arrays; numpy itself loads with the first driver that makes one
    import numpy as np

MAX_CONSECUTIVE_FAILURES = 50
RECOVER_INTERVAL_S = 1.0


class Frame(Struct, frozen=True):
    """One captured picture: `seq` grows by one per frame, `image` is BGR uint8."""

    seq: int
    image: np.ndarray
    captured_at: float


class Camera(Device):
    """Base of every camera: subclasses open a source and grab one frame at a time."""

    kind = "camera"

    def __init__(self, name: str = "camera", fps: float = 20.0) -> None:
        super().__init__(name)
        self._fps = fps
        self._latest: Frame | None = None
        self._frame_ready = threading.Condition()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._run_lock = threading.Lock()
        self._started_at = 0.0
        self._frames_captured = 0
        self._cancel_generation = 0
        self._set_status(DeviceStatus.OFFLINE, "not started")

    # -- what subclasses provide -------------------------------------------------
    def _open(self) -> None:
        """Open the source; raise CameraFault with a clear detail when it cannot be opened."""

    def _grab(self) -> np.ndarray | None:
        """Return the next BGR frame, or None when none came this time."""
        raise NotImplementedError

    def _release(self) -> None:
        """Let go of the source."""

    def _recover(self) -> bool:
        """Try to reopen a source that stopped giving frames (a camera unplugged and back).
        Return True when it works again; the default cannot recover."""
        return False

    def _paced(self) -> bool:
        """True when the capture loop must sleep to hold `fps` (files, simulators)."""
        return True

    # -- public API ----------------------------------------------------------------
    def start(self) -> None:
        """Open the source and start capturing (idempotent, thread-safe). Raises CameraFault."""
        with self._run_lock:
            if self._thread and self._thread.is_alive():
                return
            try:
                self._open()
            except CameraFault as exc:
                self._set_status(DeviceStatus.NO_DEVICE, exc.detail)
                raise
            self._stop.clear()
            self._started_at = time.monotonic()
            self._frames_captured = 0
            self._thread = threading.Thread(
                target=self._capture_loop, name=f"camera-{self.name}", daemon=True
            )
            self._thread.start()
            self._set_status(DeviceStatus.ONLINE)

    def stop(self) -> None:
        """Stop capturing and release the source; `start()` again resumes."""
        with self._run_lock:
            self._stop.set()
            thread, self._thread = self._thread, None
            if thread is not None:
                thread.join(timeout=3.0)
            self._release()
            if self.status == DeviceStatus.ONLINE:
                self._set_status(DeviceStatus.OFFLINE, "stopped")

    def close(self) -> None:
        self.stop()

    def reset(self) -> None:
        self.stop()
        self.start()

    def cancel(self) -> None:
        """End every scan waiting on this camera soon (they return None); capture goes on."""
        with self._frame_ready:
            self._cancel_generation += 1
            self._frame_ready.notify_all()

    @property
    def cancel_generation(self) -> int:
        """Grows by one per cancel(); a scan that sees it change stops."""
        return self._cancel_generation

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def latest_frame(self) -> np.ndarray | None:
        """The newest frame (BGR) for the preview, or None before the first one. Never blocks."""
        frame = self._latest
        return None if frame is None else frame.image

    def latest(self) -> Frame | None:
        return self._latest

    def wait_frame(self, after_seq: int, timeout_s: float) -> Frame | None:
        """The first frame newer than `after_seq`, waiting at most `timeout_s`."""
        deadline = time.monotonic() + max(0.0, timeout_s)
        generation = self._cancel_generation
        with self._frame_ready:
            while True:
                frame = self._latest
                if frame is not None and frame.seq > after_seq:
                    return frame
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not self.running or generation != self._cancel_generation:
                    return None
                self._frame_ready.wait(min(remaining, 0.1))

    def measured_fps(self) -> float:
        elapsed = time.monotonic() - self._started_at
        return self._frames_captured / elapsed if self._started_at and elapsed > 0 else 0.0

    def report_decoded(self, kind: str) -> None:
        """Tell listeners a code was decoded; only its kind, never its content."""
        self._emit("Decoded", {"kind": kind})

    def capabilities(self) -> dict[str, Any]:
        return {"preview": True, "qr": True, "fps_target": self._fps}

    def describe(self) -> dict[str, Any]:
        row = super().describe()
        row["fps_measured"] = round(self.measured_fps(), 1)
        return row

    # -- capture thread ------------------------------------------------------------
    def _capture_loop(self) -> None:
        period = 1.0 / self._fps
        failures = 0
        seq = 0
        while not self._stop.is_set():
            began = time.monotonic()
            try:
                image = self._grab()
            except Exception as exc:  # a driver fault must end in a status, not a dead thread
                image = None
                self._set_status(DeviceStatus.HARDWARE_ERROR, f"capture failed: {type(exc).__name__}")
            if image is None:
                failures += 1
                if failures >= MAX_CONSECUTIVE_FAILURES:
                    self._set_status(DeviceStatus.HARDWARE_ERROR, "no frames from the camera")
                    self._stop.wait(RECOVER_INTERVAL_S)
                    if not self._stop.is_set() and self._recover():
                        failures = 0
                else:
                    self._stop.wait(0.02)
                continue
            if failures >= MAX_CONSECUTIVE_FAILURES or self.status != DeviceStatus.ONLINE:
                self._set_status(DeviceStatus.ONLINE)
            failures = 0
            seq += 1
            self._frames_captured += 1
            with self._frame_ready:
                self._latest = Frame(seq, image, time.monotonic())
                self._frame_ready.notify_all()
            if self._paced():
                self._stop.wait(max(0.0, period - (time.monotonic() - began)))
