"""A camera that shows what the demo or a test asks for: a citizen's licence, a city-app code, junk.

The frames are real pictures with real QR codes (drawn by licence_image), so the
scanner's zxing-cpp decoding runs exactly as with a physical camera. Prepared
sample images in assets/samples/licences/ are used when present.
"""

from __future__ import annotations

import json
import random
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from devices.camera.camera import Camera
from devices.errors import CameraFault

if TYPE_CHECKING:
    import numpy as np

# numpy, PIL and segno (licence_image, pixels) load with the first picture drawn or read, not with
# the kiosk: the attract screen needs none of them, and a scan or a demo tap is the first to.
# OpenCV never loads here: pixels.py reads and converts pictures as it did.

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CITIZENS = REPO_ROOT / "assets" / "samples" / "citizens.json"
DEFAULT_LICENCE_DIR = REPO_ROOT / "assets" / "samples" / "licences"
DEMO_CITY_APP_PREFIX = "demo-"
"""The reference hub's demo mode verifies city-app tokens "demo-<citizen key>"."""


def demo_city_app_token(citizen_key: str) -> str:
    """The city-app token of a demo citizen, as the reference hub's demo mode knows it."""
    return DEMO_CITY_APP_PREFIX + citizen_key


class SimulatedCamera(Camera):
    """`frames`: image files to replay, or a citizen key whose licence to show from the start."""

    driver = "simulator"

    def __init__(
        self,
        frames: list[Path] | str | None = None,
        *,
        citizens_file: Path = DEFAULT_CITIZENS,
        licence_dir: Path | None = DEFAULT_LICENCE_DIR,
        name: str = "camera",
        fps: float = 20.0,
        frame_size: tuple[int, int] | None = None,
    ) -> None:
        super().__init__(name, fps)
        self._citizens_file = Path(citizens_file)
        self._licence_dir = licence_dir
        self._frame_size_asked = frame_size  # None: licence_image.FRAME_SIZE
        self._scene: list[np.ndarray] | None = None  # None: the empty desk, drawn at the first grab
        self._scene_lock = threading.Lock()
        self._index = 0
        if isinstance(frames, str):
            self.show_licence(frames)
        elif frames:
            self.show_files(frames)

    @property
    def _frame_size(self) -> tuple[int, int]:
        from devices.camera import licence_image

        return self._frame_size_asked or licence_image.FRAME_SIZE

    # -- what the demo and tests show ------------------------------------------------
    def show_licence(self, citizen_key: str) -> str:
        """Show the business licence of a demo citizen; returns its credit code."""
        from devices.camera import licence_image

        enterprise = self._enterprise(citizen_key)
        sample = self._licence_dir / f"{citizen_key}.png" if self._licence_dir else None
        if sample is not None and sample.exists():
            picture = self._read_image(sample)
        else:
            picture = licence_image.licence_sheet(
                enterprise["uscc"], enterprise.get("name", ""), enterprise.get("legal_rep", "")
            )
        self._show([licence_image.on_desk(picture, self._frame_size)])
        return enterprise["uscc"]

    def show_city_app(self, token: str) -> None:
        """Show a phone with the city app's identity code for `token` (demo: demo_city_app_token(key))."""
        from devices.camera import licence_image

        try:
            picture = licence_image.phone_screen(token)
        except ValueError as exc:
            raise CameraFault(f"cannot draw city-app code: {exc}") from None
        self._show([licence_image.on_desk(picture, self._frame_size)])

    def show_garbage(self, seed: int = 0) -> None:
        """Show a QR code that is neither a licence nor a city-app code."""
        from devices.camera import licence_image
        from devices.camera.pixels import grey_to_bgr

        text = f"https://example.com/menu?table={random.Random(seed).randint(1, 99)}"
        qr = licence_image.qr_image(text, module_px=8)
        picture = grey_to_bgr(qr)
        self._show([licence_image.on_desk(picture, self._frame_size)])

    def show_nothing(self) -> None:
        """Show the empty desk."""
        from devices.camera import licence_image

        self._show([licence_image.empty_desk(self._frame_size)])

    def show_files(self, paths: list[Path]) -> None:
        """Replay image files in a loop."""
        self._show([self._read_image(Path(p)) for p in paths])

    def show_frames(self, frames: list[np.ndarray]) -> None:
        """Replay given BGR frames in a loop (tests, benchmarks)."""
        import numpy as np

        if not frames:
            raise CameraFault("no frames to show")
        self._show([np.ascontiguousarray(f) for f in frames])

    # -- Camera -------------------------------------------------------------------
    def _grab(self) -> np.ndarray | None:
        with self._scene_lock:
            if self._scene is None:
                from devices.camera import licence_image

                self._scene = [licence_image.empty_desk(self._frame_size)]
            scene = self._scene
            image = scene[self._index % len(scene)]
            self._index += 1
        return image

    def describe(self) -> dict[str, Any]:
        row = super().describe()
        row["ports"] = ["simulated"]
        return row

    def _show(self, frames: list[np.ndarray]) -> None:
        """Switch the scene; when capturing, return once a frame of the new scene is published."""
        with self._scene_lock:
            self._scene = frames
            self._index = 0
        latest = self.latest()
        if self.running and latest is not None:
            # frame seq+1 may have been grabbed before the switch; seq+2 was grabbed after it
            self.wait_frame(latest.seq + 1, timeout_s=1.0)

    def _read_image(self, path: Path) -> np.ndarray:
        from devices.camera.pixels import read_bgr

        image = read_bgr(path)
        if image is None:
            raise CameraFault(f"cannot read image {path.name}")
        return image

    def _enterprise(self, citizen_key: str) -> dict[str, Any]:
        try:
            data = json.loads(self._citizens_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CameraFault(f"cannot read demo citizens file {self._citizens_file.name}: {exc}") from None
        for citizen in data.get("citizens", []):
            if citizen.get("key") == citizen_key:
                enterprise = citizen.get("enterprise")
                if not enterprise or "uscc" not in enterprise:
                    raise CameraFault(f"demo citizen {citizen_key} has no enterprise licence")
                return enterprise
        raise CameraFault(f"no demo citizen with key {citizen_key}")
