"""Cold start to the first painted attract screen, beside a bare PySide6 window as the floor.

Each run is a fresh Python process (imports, catalog, devices, outbox, the
embedded demo hub, the window); the clock starts just before the process is
spawned and stops when the attract screen has painted once. Prints the median
and the spread of several runs of each.

    .venv/bin/python bench/bench_startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

FLOOR = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
class First(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Paint:
            print(time.time()); sys.stdout.flush(); app.quit()
        return False
w = QLabel("hello"); f = First(); w.installEventFilter(f); w.resize(800, 600); w.show()
app.exec()
"""

KIOSK = r"""
import sys, time
sys.path.insert(0, {root!r})
from kiosk.settings import load_settings
from kiosk.runtime import build_runtime
from kiosk.app import make_application
app = make_application()
from PySide6.QtCore import QEvent, QObject
from kiosk.window import KioskWindow
runtime = build_runtime(load_settings(None, {{"hub.embedded": True}}), demo=True)
window = KioskWindow(runtime, demo=True)
class First(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Paint:
            print(time.time()); sys.stdout.flush(); app.quit()
        return False
f = First(); window.screens[next(iter(window.screens))].installEventFilter(f)
window.resize(1920, 1080); window.show()
app.exec()
runtime.close()
"""


def one_run(code: str, env: dict[str, str]) -> float:
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    if out.returncode != 0 or not out.stdout.strip():
        raise SystemExit(f"run failed: {out.stderr.strip().splitlines()[-1:]}")
    return (float(out.stdout.strip().splitlines()[-1]) - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data:
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   XDG_DATA_HOME=data)
        for name, code in (("bare PySide6 window (floor)", FLOOR), ("kiosk attract screen", KIOSK)):
            code = code.format(root=str(ROOT)) if "{root" in code else code
            one_run(code, env)  # warm the file cache once; not counted
            times = sorted(one_run(code, env) for _ in range(args.runs))
            print(f"{name:<30} median {statistics.median(times):7.0f} ms   "
                  f"min {times[0]:6.0f}   max {times[-1]:6.0f}   runs {args.runs}")


if __name__ == "__main__":
    main()
