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
LANGUAGES = ("zh_CN", "en")


def _walk_one(window, out_dir: Path, orientation: str, lang: str, theme: str) -> int:
    """One visit with a picture per screen; in Chinese also the small shop's effort. 1 on failure."""
    from kiosk.walkthrough import Walker, WalkError, typical_answers

    counter = iter(range(1000))

    def save(step: str, win) -> None:
        win.grab().save(str(out_dir / f"{orientation}-{lang}-{theme}-{next(counter):02d}-{step}.png"))

    window.set_language(lang)  # the citizen's one tap on 中文/English (reset after every visit)
    try:
        result = Walker(window, on_screen=save).walk(theme, DEMO_CITIZEN)
    except WalkError as exc:
        print(f"{orientation:<9} {lang:<5} {theme:<12} FAILED: {exc}")
        window.journey.cancel()
        return 1
    line = (f"{orientation:<9} {lang:<5} {theme:<12} every matter: taps {result.taps:>3} "
            f"typed {result.typed_chars:>3}")
    if lang == "zh_CN":
        small = typical_answers(window.journey.catalog.theme(theme))
        typical = Walker(window).walk(theme, DEMO_CITIZEN, small)
        line += f" | small shop: taps {typical.taps:>3} typed {typical.typed_chars:>3}"
    print(f"{line} | screens {len(result.screens)}")
    return 0


def walk_and_capture(runtime: Runtime, out_dir: Path, themes: list[str] | None = None) -> int:
    from kiosk.app import make_application
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
            for lang in LANGUAGES:
                for theme in themes or [t.id for t in runtime.catalog.themes]:
                    failures += _walk_one(window, out_dir, orientation, lang, theme)
            window.close()
            window.deleteLater()
    finally:
        runtime.close()
    print(f"screenshots in {out_dir}")
    return 1 if failures else 0
