"""`demo --screenshots DIR`: walk every theme with the simulated devices, one PNG per screen.

So that a person can look at what a citizen sees, in landscape and portrait,
without a touch screen; the same walk prints the taps and typed characters
each theme took.
"""

from __future__ import annotations

import logging
from pathlib import Path

from kiosk.runtime import Runtime

log = logging.getLogger(__name__)

ORIENTATIONS = {"landscape": (1920, 1080), "portrait": (1080, 1920)}
DEMO_CITIZEN = "zhang_wei"


def walk_and_capture(runtime: Runtime, out_dir: Path, themes: list[str] | None = None) -> int:
    from kiosk.app import make_application
    from kiosk.walkthrough import Walker, WalkError, typical_answers
    from kiosk.window import KioskWindow

    make_application()
    out_dir.mkdir(parents=True, exist_ok=True)
    runtime.start()
    failures = 0
    try:
        for orientation, (width, height) in ORIENTATIONS.items():
            window = KioskWindow(runtime, demo=True)
            window.resize(width, height)
            window.show()
            for theme in themes or [t.id for t in runtime.catalog.themes]:
                counter = iter(range(1000))

                def save(step: str, win, theme=theme, orientation=orientation, counter=counter) -> None:
                    path = out_dir / f"{orientation}-{theme}-{next(counter):02d}-{step}.png"
                    win.grab().save(str(path))

                walker = Walker(window, on_screen=save)
                try:
                    result = walker.walk(theme, DEMO_CITIZEN)
                except WalkError as exc:
                    failures += 1
                    print(f"{orientation:<9} {theme:<12} FAILED: {exc}")
                    window.journey.cancel()
                    continue
                small = typical_answers(window.journey.catalog.theme(theme))
                typical = Walker(window).walk(theme, DEMO_CITIZEN, small)
                print(f"{orientation:<9} {theme:<12} every matter: taps {result.taps:>3} "
                      f"typed {result.typed_chars:>3} | small shop: taps {typical.taps:>3} "
                      f"typed {typical.typed_chars:>3} | screens {len(result.screens)}")
            window.close()
            window.deleteLater()
    finally:
        runtime.close()
    print(f"screenshots in {out_dir}")
    return 1 if failures else 0
