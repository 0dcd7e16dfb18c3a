"""The hidden gesture that opens the staff PIN pad: five quick taps in the top-right corner.

The terminal has no keyboard and must show citizens no admin button, so staff
open admin mode by tapping the top-right corner five times within three seconds.
A tap anywhere else starts the count again, so a citizen touching the screen
normally never gets there by accident. Plain arithmetic on tap positions and a
clock; the window feeds it every press it sees.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable


class CornerTapDetector:
    """Counts taps in the top-right `corner_px` square; True when `taps` fall within `window_s`."""

    def __init__(
        self,
        taps: int = 5,
        window_s: float = 3.0,
        corner_px: int = 120,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if taps < 2:
            raise ValueError(f"a hidden gesture needs at least 2 taps, not {taps}")
        if window_s <= 0 or corner_px <= 0:
            raise ValueError("window_s and corner_px must be positive")
        self.taps = taps
        self.window_s = window_s
        self.corner_px = corner_px
        self._clock = clock
        self._times: deque[float] = deque(maxlen=taps)

    def in_corner(self, x: float, y: float, width: float, height: float) -> bool:
        """True when (x, y) lies inside the screen's top-right corner square."""
        if width <= 0 or height <= 0:
            raise ValueError(f"screen size must be positive, not {width}×{height}")
        return width - self.corner_px <= x < width and 0 <= y < min(self.corner_px, height)

    def tap(self, x: float, y: float, width: float, height: float) -> bool:
        """Feed one tap; True exactly when it completes the gesture (the count then starts again)."""
        if not self.in_corner(x, y, width, height):
            self.reset()
            return False
        now = self._clock()
        self._times.append(now)
        if len(self._times) == self.taps and now - self._times[0] <= self.window_s:
            self.reset()
            return True
        return False

    def reset(self) -> None:
        self._times.clear()
