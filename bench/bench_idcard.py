"""ID-card timing: decoding, frame reassembly, a GA 467 read over a pty, a PC/SC read through pcscd.

Figures only, nothing asserted:
  decode      — decode_text_block of a sample resident card (µs per block)
  reassemble  — a 1295-byte read-base-info reply fed in 64-byte pieces (µs per frame)
  ga467       — Ga467Reader.read_card against the pty SAM emulator (ms per read). A pty
                has no baud rate, so the line time of a real module at the configured
                baud rate is printed beside it.
  pcsc        — PcscIdReader.read_card through a private pcscd + vpcd + virtual card over
                TCP (ms per read, card inserted before each read) and the time from card
                insertion to the MediaInserted event (root only; skipped otherwise).

Run: .venv/bin/python bench/bench_idcard.py [--reads 100] [--no-pcsc]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from rigs.pcscd import READER_NAME, SOCKET_ENV, PrivatePcscd, free_port_pair, unavailable_reason  # noqa: E402
from rigs.sam_emulator import SamEmulator  # noqa: E402
from rigs.vpcd_card import VirtualIdCard  # noqa: E402

from devices.idcard import ga467  # noqa: E402
from devices.idcard.ga467_reader import Ga467Reader  # noqa: E402
from devices.idcard.simulator import DEFAULT_CITIZENS_FILE, load_sample_blocks  # noqa: E402
from devices.idcard.textblock import decode_text_block  # noqa: E402

BLOCK = load_sample_blocks(DEFAULT_CITIZENS_FILE)["zhang_wei"][1]


def summary(samples_s: list[float], unit: float, label: str) -> str:
    ordered = sorted(samples_s)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return (
        f"median {statistics.median(ordered) * unit:.1f} {label}, p95 {p95 * unit:.1f} {label}, "
        f"max {ordered[-1] * unit:.1f} {label} (n={len(ordered)})"
    )


def bench_decode(runs: int) -> None:
    started = time.perf_counter()
    for _ in range(runs):
        decode_text_block(BLOCK)
    per = (time.perf_counter() - started) / runs
    print(f"decode      {per * 1e6:.1f} µs per text block ({runs} blocks)")


def bench_reassemble(runs: int) -> None:
    frame = ga467.build_reply(ga467.Sw3.OK, ga467.build_base_info(BLOCK, bytes(1024)))
    pieces = [frame[i : i + 64] for i in range(0, len(frame), 64)]
    assembler = ga467.ReplyAssembler()
    started = time.perf_counter()
    for _ in range(runs):
        for piece in pieces:
            assembler.feed(piece)
        assert assembler.next_reply() is not None
    per = (time.perf_counter() - started) / runs
    print(f"reassemble  {per * 1e6:.1f} µs per 1295-byte reply in 64-byte pieces ({runs} frames)")


def bench_ga467(reads: int, baudrate: int = 115200) -> None:
    with tempfile.TemporaryDirectory() as tmp, SamEmulator(Path(tmp)) as sam:
        sam.place_card(BLOCK)
        reader = Ga467Reader(sam.port, baudrate=baudrate)
        times = []
        for _ in range(reads):
            sam.remove_card()
            sam.place_card(BLOCK)
            started = time.perf_counter()
            record = reader.read_card(2.0)
            times.append(time.perf_counter() - started)
            assert record is not None
        reader.close()
    wire_bytes = 3 * 10 + 1295 + 15 + 19  # three commands, base info, found and select replies
    line_ms = wire_bytes * 10 / baudrate * 1000
    print(f"ga467 pty   read_card {summary(times, 1000, 'ms')}")
    print(f"ga467 line  +{line_ms:.0f} ms of serial line time per read on a real module at {baudrate} Bd")


def bench_pcsc(reads: int) -> None:
    reason = unavailable_reason()
    if reason:
        print(f"pcsc        skipped: {reason}")
        return
    workdir = Path(tempfile.mkdtemp(prefix="onestop-pcscd-bench-"))
    rig = PrivatePcscd(workdir, free_port_pair())
    os.environ[SOCKET_ENV] = str(rig.socket_path)
    rig.start()
    try:
        from devices.pcsc.reader import PcscIdReader

        reader = PcscIdReader(READER_NAME, poll_interval_s=0.02)
        read_times, detect_times = [], []
        inserted = threading.Event()
        reader.subscribe(lambda event: event.kind == "MediaInserted" and inserted.set())
        reader.start_polling(0.02)
        for _ in range(reads):
            inserted.clear()
            card = VirtualIdCard(rig.vpcd_port, BLOCK, photo=bytes(1024))
            started = time.perf_counter()
            card.insert()
            if inserted.wait(5):
                detect_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            record = reader.read_card(5.0)
            read_times.append(time.perf_counter() - started)
            assert record is not None
            card.remove()
            deadline = time.monotonic() + 5
            while reader.card_present() and time.monotonic() < deadline:
                time.sleep(0.01)
        reader.stop_polling()
        reader.close()
        print(f"pcsc read   read_card (text + 1024-byte photo, 13 APDUs) {summary(read_times, 1000, 'ms')}")
        print(f"pcsc detect insertion → MediaInserted {summary(detect_times, 1000, 'ms')}")
    finally:
        rig.stop()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reads", type=int, default=100, help="reads per device bench")
    parser.add_argument("--no-pcsc", action="store_true", help="skip the PC/SC bench")
    args = parser.parse_args()
    bench_decode(20000)
    bench_reassemble(5000)
    bench_ga467(args.reads)
    if not args.no_pcsc:
        bench_pcsc(max(5, args.reads // 4))


if __name__ == "__main__":
    main()
