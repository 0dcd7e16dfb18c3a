"""`demo --screenshots DIR`: every theme walked on a real X screen of each panel size, one PNG a page.

So that a person can look at what a citizen sees on each standard panel without a
touch screen. For every size in SCREEN_SIZES an Xvfb screen of exactly that size
is started (kiosk.xserver) and the demo kiosk runs on it full screen in its own
process (kiosk.screen_check with --pictures): the pictures are the X server's
pixels, so a window larger than its screen shows as cut, as it would in a hall.
The same walk checks every page (report.jsonl in each folder) and prints the taps
and typing each theme took.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kiosk.screen_check import SCREEN_SIZES
from kiosk.xserver import virtual_screen

PICTURE_MODES = "zh,en"
WALK_TIMEOUT_S = 1800


def capture_size(out_dir: Path, size: str, modes: str = PICTURE_MODES, themes: str = "") -> int:
    """One size: Xvfb at that size, the kiosk walked on it; the walk's exit code (0: all fit)."""
    width, height = (int(n) for n in size.split("x"))
    folder = out_dir / size
    folder.mkdir(parents=True, exist_ok=True)
    with virtual_screen(width, height) as display:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        command = [sys.executable, "-m", "kiosk.screen_check", "--report", str(folder / "report.jsonl"),
                   "--pictures", str(folder), "--modes", modes, "--effort"]
        if themes:
            command += ["--themes", themes]
        print(f"== {size}", flush=True)
        return subprocess.run(command, env=env, timeout=WALK_TIMEOUT_S, check=False).returncode


def walk_and_capture(out_dir: Path, sizes: tuple[str, ...] = SCREEN_SIZES) -> int:
    """Every size in turn; 1 when any page on any size did not fit (the pictures are kept)."""
    codes = [capture_size(out_dir, size) for size in sizes]
    print(f"screenshots in {out_dir} (one folder per screen size)")
    return 0 if not any(codes) else 1
