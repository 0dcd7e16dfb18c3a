"""Cold start to the first painted attract screen, beside a bare PySide6 window as the floor.

Three programs, each started as a fresh Python process, interleaved run by run (floor, run,
demo, floor, run, demo, ...) so that a busy machine slows all three alike:

  floor  a bare PySide6 window (QApplication + a QLabel the size of the kiosk window)
  run    the kiosk as a real terminal starts it (`main.py run --config FILE`): settings from a
         TOML file, runtime without an embedded hub (hub address and secret as a terminal has
         them; simulated devices, as this machine has no hardware), the window in kiosk mode
         (lockdown); the terminal's threads start after the first frame, as kiosk.app.run_gui
         starts them
  demo   the kiosk as `main.py demo` starts it: the same with the embedded reference hub, which
         starts on a thread of its own after the first frame

The clock starts just before the process is spawned and stops when the attract screen (the
floor's label) receives its first Paint event. Each kiosk process also reports when its phases
ended (PHASES below) and its plain VmRSS at the first frame and
after two more seconds of its event loop (what loads after the first frame shows there).
Prints each program's median and spread and its ratio to the floor's median.

    .venv/bin/python bench/bench_startup.py [--runs 7] [--platform offscreen|xcb] [--before TREE]

--before TREE adds the two kiosk starts of another checkout (`git worktree add TREE COMMIT`) to the
same interleaved runs, for a before/after that one machine's load disturbs alike.

--platform xcb starts one Xvfb server of 1920x1080 (a free display through -displayfd) for the
whole run and stops it at the end; offscreen (default) paints into memory.

Python's bytecode caches: an installed kiosk has them for its own modules (compileall at install,
or written at a first start), so every program here may write and read them, in a private folder
(PYTHONPYCACHEPREFIX) that the uncounted warm-up run fills, even where the environment says
PYTHONDONTWRITEBYTECODE. Without caches a kiosk compiles the ~70 modules of its own that it loads
before the first frame at every start (bench/README.md gives the cost).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kiosk.xserver import virtual_screen  # noqa: E402

WINDOW_SIZE = (1920, 1080)
SETTLE_S = 2.0
TIMEOUT_S = 120

FIRST_PAINT = r"""
HEAVY = ("cv2", "numpy", "zxingcpp", "requests", "pypinyin", "fastapi", "uvicorn", "escpos", "PIL",
         "sqlite_utils", "PySide6.QtQuickWidgets", "kiosk.admin.staff_mode", "kiosk.screens.licence",
         "cryptography", "stdnum", "yaml", "kiosk.submission", "flows.search", "pydantic", "json_logic",
         "zoneinfo")
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
def heavy():
    return sorted(m for m in HEAVY if m in sys.modules)
report = {}
def settled():
    report.update(rss_settled_kib=rss(), heavy_settled=heavy())
    app.exit(0)  # not quit(): that asks the windows to close, which a kiosk-mode window refuses
class First(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Paint and "painted" not in report:
            report.update(painted=time.time(), cpu_first_s=time.process_time(), rss_first_kib=rss(),
                          heavy_first=heavy())
            QTimer.singleShot(int(SETTLE_S * 1000), settled)
        return False
"""
"""Both programs: stop the clock at the first Paint, read VmRSS then and SETTLE_S later."""

FLOOR = r"""
import json, os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
{first_paint}w = QLabel("hello"); f = First(); w.installEventFilter(f); w.resize({width}, {height}); w.show()
app.exec()
print(json.dumps(report))
"""

KIOSK = r"""
import json, os, sys, time
sys.path.insert(0, {root!r})
marks = {{}}
from pathlib import Path
marks["python"] = time.time()
from kiosk.settings import load_settings
marks["settings imports"] = time.time()
from kiosk.runtime import build_runtime
from kiosk.app import make_application
marks["runtime imports"] = time.time()
config = {config!r}
settings = load_settings(Path(config) if config else None, {overrides!r})
runtime = build_runtime(settings, demo={demo!r}, hub_after_start={demo!r})  # as main.py demo
marks["settings+runtime"] = time.time()
app = make_application()
marks["qapplication"] = time.time()
from PySide6.QtCore import QEvent, QObject, QTimer
from kiosk.window import KioskWindow
marks["window imports"] = time.time()
window = KioskWindow(runtime, demo={demo!r}, locked=True)  # kiosk mode, as run_gui full screen
marks["window"] = time.time()
{first_paint}f = First(); window.screens[next(iter(window.screens))].installEventFilter(f)
window.resize({width}, {height}); window.show()
window.when_first_frame(runtime.start)  # as kiosk.app.run_gui does
app.exec()
report["marks"] = marks
window.leave_kiosk_mode()
window.close()
runtime.close()
print(json.dumps(report))
"""

PHASES = ("python", "settings imports", "runtime imports", "settings+runtime", "qapplication",
          "window imports", "window")
"""Phase ends in a kiosk start: python (interpreter up), settings imports (msgspec and the settings
models), runtime imports (catalog, journey, outbox, sync, devices' modules), settings+runtime (TOML
read, catalog loaded, devices and outbox opened), qapplication (PySide6 imported, QApplication with the
keyboard's input method, font, stylesheet), window imports, window (top bar, attract page, keyboard
panel), then first paint."""


def one_run(code: str, env: dict[str, str]) -> dict:
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         timeout=TIMEOUT_S)
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode != 0 or not lines:
        raise SystemExit(f"run failed ({out.returncode}): {out.stderr.strip().splitlines()[-3:]}")
    report = json.loads(lines[-1])
    report["ms"] = (report["painted"] - start) * 1000
    report["cpu_ms"] = report["cpu_first_s"] * 1000
    report["phases_ms"] = {name: (report["marks"][name] - start) * 1000 for name in PHASES} \
        if "marks" in report else {}
    return report


def programs(data: Path, before: Path | None = None) -> dict[str, str]:
    """The floor and the two kiosk starts; with `before` (another checkout of the kiosk, e.g. a
    `git worktree` at an older commit) its two starts too, each with a data folder of its own."""
    size = {"width": WINDOW_SIZE[0], "height": WINDOW_SIZE[1],
            "first_paint": FIRST_PAINT.replace("SETTLE_S", repr(SETTLE_S))}
    codes = {"bare PySide6 window (floor)": FLOOR.format(**size)}
    for root, suffix in ((ROOT, ""), *(((before, " before"),) if before is not None else ())):
        run_dir, demo_dir = data / f"run{suffix.strip()}", data / f"demo{suffix.strip()}"
        secrets = run_dir / "secrets"
        secrets.mkdir(parents=True)
        (secrets / "hub_secret").write_text("bench-terminal-secret-0123456789abcdef\n", encoding="utf-8")
        os.chmod(secrets / "hub_secret", 0o600)
        config = run_dir / "kiosk.toml"  # a terminal's file; the hub address is never reached
        config.write_text(f'[terminal]\ndata_dir = "{run_dir}"\n\n[hub]\nurl = "http://127.0.0.1:9"\n',
                          encoding="utf-8")
        demo_overrides = {"terminal.data_dir": str(demo_dir), "hub.embedded": True}
        codes[f"kiosk run mode (no hub){suffix}"] = KIOSK.format(
            root=str(root), config=str(config), overrides={}, demo=False, **size)
        codes[f"kiosk demo mode (embedded hub){suffix}"] = KIOSK.format(
            root=str(root), config=None, overrides=demo_overrides, demo=True, **size)
    return codes


def mib(kib: list[int]) -> str:
    return f"{statistics.median(kib) / 1024:6.1f}"


def print_results(results: dict[str, list[dict]], runs: int) -> None:
    floor = statistics.median(r["ms"] for r in next(iter(results.values())))
    floor_cpu = statistics.median(r["cpu_ms"] for r in next(iter(results.values())))
    print(f"\n{'program':<40}{'median ms':>10}{'min':>8}{'max':>8}{'× floor':>9}"
          f"{'CPU ms':>8}{'× floor':>9}{'RSS first MiB':>15}{'RSS +2 s MiB':>14}")
    for name, reports in results.items():
        times = sorted(r["ms"] for r in reports)
        median = statistics.median(times)
        cpu = statistics.median(r["cpu_ms"] for r in reports)
        print(f"{name:<40}{median:>10.0f}{times[0]:>8.0f}{times[-1]:>8.0f}{median / floor:>8.2f}×"
              f"{cpu:>8.0f}{cpu / floor_cpu:>8.2f}×"
              f"{mib([r['rss_first_kib'] for r in reports]):>15}"
              f"{mib([r['rss_settled_kib'] for r in reports]):>14}")
    print(f"({runs} runs each, interleaved, after one uncounted warm-up run each; CPU = the process's "
          "user+system time at the first frame, all threads, which a busy machine disturbs less)")
    print("\nWhere a kiosk start's time goes, ms per phase (between the median ends of the phases):")
    for name, reports in results.items():
        if not reports[0]["phases_ms"]:
            continue
        ends = {p: statistics.median(r["phases_ms"][p] for r in reports) for p in PHASES}
        ends["first paint"] = statistics.median(r["ms"] for r in reports)
        steps, previous = [], 0.0
        for phase, end in ends.items():
            steps.append(f"{phase} {end - previous:.0f}")
            previous = end
        print(f"  {name}: " + ", ".join(steps))
        print(f"    loaded at the first frame: {', '.join(reports[-1]['heavy_first']) or '-'}")
        print(f"    loaded {SETTLE_S:.0f} s later: {', '.join(reports[-1]['heavy_settled']) or '-'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--platform", choices=["offscreen", "xcb"], default="offscreen")
    parser.add_argument("--before", type=Path, metavar="TREE",
                        help="another checkout of the kiosk (git worktree), started in the same runs")
    args = parser.parse_args()
    with contextlib.ExitStack() as servers:
        env = dict(os.environ, QT_QPA_PLATFORM=args.platform, QT_LOGGING_RULES="qt.multimedia.*=false")
        xvfb = args.platform == "xcb"
        if xvfb:
            env["DISPLAY"] = servers.enter_context(virtual_screen(*WINDOW_SIZE))
        with tempfile.TemporaryDirectory(prefix="bench-startup-") as data:
            env["XDG_DATA_HOME"] = data
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(Path(data) / "pycache")  # filled by the warm-up runs
            codes = programs(Path(data), args.before.resolve() if args.before else None)
            for code in codes.values():
                one_run(code, env)  # warm the file cache once; not counted
            results: dict[str, list[dict]] = {name: [] for name in codes}
            for _ in range(args.runs):
                for name, code in codes.items():
                    results[name].append(one_run(code, env))
        print(f"platform {args.platform}" + (f" (own Xvfb {env['DISPLAY']})" if xvfb else "")
              + f", window {WINDOW_SIZE[0]}x{WINDOW_SIZE[1]}, bytecode cached")
        print_results(results, args.runs)


if __name__ == "__main__":
    main()
