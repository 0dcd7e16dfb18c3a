"""What a tap on 大字模式 or 长辈模式 costs the GUI thread once a visit has built every page: figures only.

The demo kiosk walks one whole visit (every page built and filled, ~950 widgets), then
rounds interleave the two ways of changing the look, so a busy machine slows both alike:

  app-wide   QApplication.setStyleSheet with the mode's sheet, then back (how the kiosk did it)
  by parts   the tap as the kiosk does it now (kiosk/mode_style.py): the view at once, every
             other page in idle time, one per turn; its idle slices are read one by one

Each as a median of GUI-thread CPU per round (time.thread_time) and the ratio of by-parts
to app-wide; for by-parts also the largest single idle slice (what a tap in between could wait).

    .venv/bin/python bench/bench_mode_tap.py [--rounds 7] [--platform offscreen|xcb]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

IDLE_TURNS = 500  # bound on the idle turns one restyle may take
MODES = ("large", "elder")


def cpu_ms(action) -> float:
    start = time.thread_time()
    action()
    return (time.thread_time() - start) * 1000


def idle_slices(window, sheet: str) -> list[float]:
    """Turn the event loop until every page wears `sheet` (bounded); CPU ms of each turn."""
    from PySide6.QtCore import QCoreApplication

    slices = []
    for _ in range(IDLE_TURNS):
        if all(page.styleSheet() == sheet for page in window.screens.built()):
            break
        slices.append(cpu_ms(QCoreApplication.processEvents))
    return slices


def one_round(app, window, mode_name: str) -> dict[str, float]:
    from kiosk.app_style import stylesheet
    from kiosk.presentation import Mode, presentation

    mode = Mode(mode_name)
    sheet = stylesheet(layers=presentation(mode).style_layers)
    figures = {"app-wide on": cpu_ms(lambda: app.setStyleSheet(sheet)),
               "app-wide off": cpu_ms(lambda: app.setStyleSheet(stylesheet()))}
    figures["by parts on"] = cpu_ms(lambda: window.set_mode(mode, True))
    on_idle = idle_slices(window, sheet)
    figures["by parts off"] = cpu_ms(lambda: window.set_mode(mode, False))
    off_idle = idle_slices(window, "")
    figures["by parts idle"] = sum(on_idle) + sum(off_idle)
    figures["largest idle slice"] = max(on_idle + off_idle, default=0.0)
    return figures


def run(rounds: int) -> None:
    from PySide6.QtWidgets import QWidget

    from kiosk.app import make_application
    from kiosk.runtime import build_runtime
    from kiosk.settings import load_settings
    from kiosk.walkthrough import Walker
    from kiosk.window import KioskWindow

    with tempfile.TemporaryDirectory(prefix="bench-mode-") as folder:
        settings = load_settings(None, {"hub.embedded": True, "terminal.data_dir": folder})
        runtime = build_runtime(settings, demo=True)
        app = make_application()
        window = KioskWindow(runtime, demo=True)
        window.fill_screen()
        runtime.start()
        try:
            Walker(window).walk("restaurant", "zhang_wei", delivery="courier")
            print(f"{app.platformName()}, {window.width()}×{window.height()}, "
                  f"{len(window.findChildren(QWidget))} widgets after one visit, {rounds} rounds")
            readings: dict[str, dict[str, list[float]]] = {m: {} for m in MODES}
            for _ in range(rounds):
                for mode_name in MODES:
                    for key, value in one_round(app, window, mode_name).items():
                        readings[mode_name].setdefault(key, []).append(value)
            report(readings)
        finally:
            window.close()
            runtime.close()


def report(readings: dict[str, dict[str, list[float]]]) -> None:
    print(f"{'mode':<6} {'way':<22} {'median ms':>10}")
    for mode_name, figures in readings.items():
        median = {key: statistics.median(values) for key, values in figures.items()}
        for key, value in median.items():
            print(f"{mode_name:<6} {key:<22} {value:>10.1f}")
        for side in ("on", "off"):
            ratio = median[f"by parts {side}"] / median[f"app-wide {side}"]
            print(f"{mode_name:<6} tap {side}: by parts ÷ app-wide = {ratio:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--platform", choices=["offscreen", "xcb"], default="offscreen")
    args = parser.parse_args()
    if args.platform == "xcb":
        from kiosk.xserver import virtual_screen

        with virtual_screen(1920, 1080) as display:
            os.environ.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
            run(args.rounds)
    else:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        run(args.rounds)


if __name__ == "__main__":
    main()
