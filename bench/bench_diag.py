"""How long each `diag --test` takes on the rigs, as a share of the timeout it is held to.

Figures only, nothing asserted. Each row is one live test through
devices.diagnostics.run_live_test on devices built from a DevicesConfig, as
the CLI builds them: the code it ended with, the median seconds over --runs,
and that time divided by the test's own timeout (the contract is <= 1.5; a
fault known at once should be far below 1). The floor row is a live test of
the simulated printer, measured in the same run, so a slow machine shows as a
high floor rather than as slow drivers.

Run: .venv/bin/python bench/bench_diag.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from rigs.frames import no_code_frames, write_sequence  # noqa: E402
from rigs.printer_listener import PrinterListener  # noqa: E402
from rigs.sam_emulator import SamEmulator  # noqa: E402

from devices.config import DevicesConfig  # noqa: E402
from devices.diagnostics import run_live_test  # noqa: E402
from devices.idcard import ga467  # noqa: E402
from devices.registry import build_devices  # noqa: E402

NONE = {"idcard_driver": "none", "camera_driver": "none", "printer_driver": "none"}
TIMEOUT_S = 4.0


def timed(which: str, timeout_s: float, config: dict[str, Any]) -> tuple[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        devices = build_devices(DevicesConfig(**{**NONE, **config}), Path(folder))
        started = time.perf_counter()
        try:
            result = run_live_test(devices, which, timeout_s)  # type: ignore[arg-type]
        finally:
            devices.close()
        return result["code"], time.perf_counter() - started


def row(label: str, own_timeout_s: float, runs: int, case: Callable[[], tuple[str, float]]) -> float:
    outcomes = [case() for _ in range(runs)]
    median = statistics.median(seconds for _, seconds in outcomes)
    code = outcomes[-1][0]
    ratio = median / own_timeout_s
    print(f"{label:<34}{code:<22}{median:8.2f} s{ratio:8.2f} x timeout ({own_timeout_s:g} s)")
    return median


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    work = Path(tempfile.mkdtemp(prefix="bench-diag-"))
    print(f"{'case':<34}{'code':<22}{'median':>10}{'ratio':>9}")
    simulated = {"printer_driver": "simulator"}  # renders the page and its PNG preview: no wire at all
    floor = row("floor: simulated printer", 5.0, runs, lambda: timed("printer", TIMEOUT_S, simulated))

    listener = PrinterListener().start()
    net = {"printer_driver": "network", "printer_port": listener.port}  # printer_timeout_s at its default 5
    row("printer healthy", 5.0, runs, lambda: timed("printer", TIMEOUT_S, net))
    listener.answers_info = False
    row("printer ignoring GS I", 5.0, runs, lambda: timed("printer", TIMEOUT_S, net))
    listener.answer = "silent"
    row("printer silent", 5.0, runs, lambda: timed("printer", TIMEOUT_S, net))
    listener.stop()
    row("printer refusing", 5.0, runs, lambda: timed("printer", TIMEOUT_S, net))

    (work / "sam").mkdir()
    sam = SamEmulator(work / "sam").start()
    card = {"idcard_driver": "ga467", "idcard_port": sam.port}
    row("idcard no card", TIMEOUT_S, runs, lambda: timed("idcard", TIMEOUT_S, card))
    sam.garble(ga467.READ_BASE_INFO)
    sam.place_card(bytes(256))
    row("idcard garbled read-base-info", TIMEOUT_S, runs, lambda: timed("idcard", TIMEOUT_S, card))
    sam.clear_faults()
    sam.garble(ga467.SAM_STATUS, "noise")
    row("idcard garbled status", TIMEOUT_S, runs, lambda: timed("idcard", TIMEOUT_S, card))
    sam.stop()
    row("idcard port absent", TIMEOUT_S, runs, lambda: timed("idcard", TIMEOUT_S, card))

    for condition in ("clean", "dim", "blurred"):
        pattern = write_sequence(work / condition, no_code_frames(condition, 3))
        camera = {"camera_driver": "opencv", "camera_source": pattern}
        row(f"camera looping, {condition}", TIMEOUT_S, runs, lambda c=camera: timed("camera", TIMEOUT_S, c))
    print(f"floor {floor:.3f} s")


if __name__ == "__main__":
    main()
