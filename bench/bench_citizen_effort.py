"""Effort at the terminal per theme, in normal and elder mode, and how long each step's guidance takes to say.

Walks the demo kiosk by taps (kiosk.walkthrough: the same counter `demo --screenshots`
prints) for every theme twice — a small shop (first choices, "no" to the situations,
the applicant manages food safety) and the answers under which every matter applies —
in normal mode and in 长辈模式 (the one tap on 长辈模式 is counted separately), and
renders each step's spoken guidance with espeak-ng in Chinese and English (normal and
the elder mode's slow pace). Prints figures; asserts nothing.

    .venv/bin/python bench/bench_citizen_effort.py [--themes coffee,drinks]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.*=false")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def spoken_durations() -> None:
    from PySide6.QtCore import QCoreApplication

    from kiosk.citizen_aids import STEP_GUIDANCE
    from kiosk.i18n import install_language
    from kiosk.voice import render_speech
    from kiosk.widgets import tr

    app = QCoreApplication.instance()
    texts = {"zh_CN": dict(STEP_GUIDANCE)}
    install_language(app, "en")
    texts["en"] = {step: tr(text) for step, text in STEP_GUIDANCE.items()}
    install_language(app, "zh_CN")
    print("\nspoken guidance per step (espeak-ng; seconds, normal / elder-mode slow pace)")
    print(f"{'step':<10} {'zh_CN':>13} {'en':>13}")
    for step in STEP_GUIDANCE:
        cells = []
        for lang in ("zh_CN", "en"):
            normal = render_speech(texts[lang][step], lang, "normal")
            slow = render_speech(texts[lang][step], lang, "slow")
            said = f"{normal.seconds:5.1f} / {slow.seconds:4.1f}" if normal and slow else "(none)"
            cells.append(said)
        print(f"{step:<10} {cells[0]:>13} {cells[1]:>13}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--themes", default="", help="comma-separated theme ids (default: all)")
    args = parser.parse_args()

    from kiosk.app import make_application
    from kiosk.runtime import build_runtime
    from kiosk.settings import load_settings
    from kiosk.walkthrough import Walker, typical_answers
    from kiosk.window import KioskWindow

    make_application()
    data = Path(tempfile.mkdtemp(prefix="effort"))
    runtime = build_runtime(load_settings(None, {"hub.embedded": True, "terminal.data_dir": str(data),
                                                 "terminal.fullscreen": False}), demo=True)
    runtime.start()
    window = KioskWindow(runtime, demo=True)
    window.resize(1920, 1080)
    window.show()
    try:
        themes = [t for t in args.themes.split(",") if t] or [t.id for t in runtime.catalog.themes]
        print("taps / typed characters, theme tile to the rating (to the submission in brackets)")
        print(f"{'theme':<12} {'mode':<7} {'small shop':>20} {'every matter':>20}")
        for theme_id in themes:
            theme = runtime.catalog.theme(theme_id)
            for mode in ("normal", "elder"):
                cells = []
                for answers in (typical_answers(theme), None):
                    walker = Walker(window)
                    submitted = {}
                    walker.on_screen = lambda step, _w, wk=walker, seen=submitted: (
                        seen.setdefault("taps", wk.result.taps) if step == "done" else None)
                    if mode == "elder":
                        walker.tap("ElderButton")
                        walker.result.taps = 0  # the mode's one tap is reported on its own
                    result = walker.walk(theme_id, "zhang_wei", answers)
                    to_submit = submitted.get("taps", 0)
                    cells.append(f"{result.taps:>3} ({to_submit:>2}) / {result.typed_chars:>3}")
                print(f"{theme_id:<12} {mode:<7} {cells[0]:>20} {cells[1]:>20}")
        print("(elder mode: +1 tap on 长辈模式 at the attract screen)")
        spoken_durations()
    finally:
        window.close()
        runtime.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
