"""A real X server for tests about what a person sees: Xvfb at an exact size, on a free display.

The pytest process itself stays on the offscreen platform; a test runs the kiosk in a
subprocess with `x_env(display)` (DISPLAY set, QT_QPA_PLATFORM=xcb), because the
offscreen platform lets a window be larger than its screen and proves nothing about fit.
"""

from __future__ import annotations

import os

from kiosk.xserver import XServerError, virtual_screen

__all__ = ["XServerError", "virtual_screen", "x_env"]


def x_env(display: str) -> dict[str, str]:
    """The environment for a child process that should draw on `display` through xcb."""
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    env.pop("QT_QPA_PLATFORMTHEME", None)
    return env
