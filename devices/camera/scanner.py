"""QR scanning: decode camera frames with zxing-cpp and say what each code means.

`decode_frame` is a pure function on one picture; `QrScanner` pulls the newest
frames from a camera on the caller's thread until a code is found, the time is
up or `cancel()` is called. The preview keeps running on the camera's own
thread meanwhile.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

from devices.camera.camera import Camera
from devices.camera.payload import ScanKind, ScanResult, classify_payload
from devices.errors import ScanError

if TYPE_CHECKING:
    import numpy as np

__all__ = ["QrScanner", "ScanResult", "classify_payload", "decode_frame"]

MAX_FRAMES_PER_SCAN = 10_000


def decode_frame(frame: np.ndarray) -> list[ScanResult]:
    """Every QR code in a grey, BGR or BGRA uint8 frame, classified; licence and city-app codes
    first (a frame may also show an unrelated poster code). Raises ScanError on a non-image.

    The text is the code's own (zxing-cpp TextMode.Plain): the default HRI rendering would
    rewrite control characters and GS1 data, so a payload would not be what was encoded.
    numpy and zxing-cpp load with the first frame decoded, not with the kiosk (its first
    screen needs neither)."""
    import numpy as np
    import zxingcpp

    if not isinstance(frame, np.ndarray) or frame.dtype != np.uint8:
        raise ScanError("frame must be a uint8 numpy array")
    if frame.ndim not in (2, 3) or (frame.ndim == 3 and frame.shape[2] not in (1, 3, 4)):
        raise ScanError(f"frame must be grey (H, W), BGR (H, W, 3) or BGRA (H, W, 4), not {frame.shape}")
    if min(frame.shape[:2]) < 21:
        return []
    if frame.ndim == 3 and frame.shape[2] == 1:
        frame = frame[:, :, 0]
    elif frame.ndim == 3 and frame.shape[2] == 4:  # a PNG with alpha through CAP_IMAGES
        frame = frame[:, :, :3]
    barcodes = zxingcpp.read_barcodes(
        np.ascontiguousarray(frame), formats=zxingcpp.BarcodeFormat.QRCode, text_mode=zxingcpp.TextMode.Plain
    )
    results = [classify_payload(barcode.text) for barcode in barcodes if barcode.valid]
    return sorted(results, key=lambda result: result.kind == "unknown")  # stable: known kinds first


class QrScanner:
    """Scan a camera until a wanted code shows up. One scan at a time per scanner."""

    def __init__(self, camera: Camera) -> None:
        self.camera = camera
        self._cancelled = threading.Event()

    def scan(self, timeout_s: float, accept: set[ScanKind] | None = None) -> ScanResult | None:
        """The first decoded code whose kind is in `accept` (default: any, "unknown" included),
        or None when `timeout_s` passes or `cancel()` is called. Raises CameraFault if the
        camera cannot start."""
        self._cancelled.clear()
        generation = self.camera.cancel_generation
        self.camera.start()
        deadline = time.monotonic() + max(0.0, timeout_s)
        latest = self.camera.latest()
        last_seq = latest.seq if latest is not None else -1  # only frames captured from now on count
        for _ in range(MAX_FRAMES_PER_SCAN):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self._cancelled.is_set() or generation != self.camera.cancel_generation:
                return None
            frame = self.camera.wait_frame(last_seq, min(remaining, 0.5))
            if frame is None:
                continue
            last_seq = frame.seq
            for result in decode_frame(frame.image):
                if accept is None or result.kind in accept:
                    self.camera.report_decoded(result.kind)
                    return result
        return None

    def cancel(self) -> None:
        """Make a running `scan` return None soon (from any thread). `camera.cancel()` does the same
        for every scanner of that camera."""
        self._cancelled.set()
        self.camera.cancel()
