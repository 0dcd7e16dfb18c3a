"""QR decoding figures on seeded generated frames, and preview frame rate while decoding.

Prints, per condition (clean, rotated, perspective, blurred, small, dim) and
severity: how many frames zxing-cpp decoded correctly, wrong decodes, and the
median / 95th percentile time per frame. Then the preview rate a UI would see
(distinct frames per second from `latest()`) while a QrScanner decodes
continuously on another thread. Run:

    .venv/bin/python bench/bench_qr.py [--per-condition 30] [--seed 1] [--size 1920x1080]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import cv2

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from rigs.frames import CONDITIONS, frame_set  # noqa: E402

from devices.camera import licence_image  # noqa: E402
from devices.camera.camera import Camera  # noqa: E402
from devices.camera.opencv_camera import OpenCvCamera  # noqa: E402
from devices.camera.scanner import QrScanner, decode_frame  # noqa: E402
from devices.camera.simulated import SimulatedCamera  # noqa: E402


def decode_table(seed: int, per_condition: int, size: tuple[int, int], severity: float) -> None:
    frames = frame_set(seed, per_condition, size, severity)
    print(f"\nzxing-cpp decode, {size[0]}x{size[1]}, severity {severity:g}, {per_condition} per condition")
    print(f"{'condition':<12} {'decoded':>9} {'wrong':>6} {'median ms':>10} {'p95 ms':>8}")
    total_ok = 0
    for condition in CONDITIONS:
        subset = [f for f in frames if f.condition == condition]
        ok = wrong = 0
        times = []
        for generated in subset:
            began = time.perf_counter()
            results = decode_frame(generated.image)
            times.append((time.perf_counter() - began) * 1000)
            found = [r.uscc or r.token for r in results]
            if generated.expected in found:
                ok += 1
            elif found:
                wrong += 1
        total_ok += ok
        p95 = sorted(times)[max(0, int(len(times) * 0.95) - 1)]
        median = statistics.median(times)
        print(f"{condition:<12} {ok:>4}/{len(subset):<4} {wrong:>6} {median:>10.1f} {p95:>8.1f}")
    print(f"{'all':<12} {total_ok:>4}/{len(frames)}")


def preview_rate(seconds: float, fps: float, size: tuple[int, int], video: Path | None = None) -> None:
    if video is None:
        camera: Camera = SimulatedCamera(fps=fps, frame_size=size)
        camera.show_nothing()  # nothing to find: the scanner decodes every frame for the whole run
        label = "simulator"
    else:
        camera = OpenCvCamera(str(video), fps=fps)
        label = f"MJPG video {video.name}"
    scanner = QrScanner(camera)
    decoded_frames = 0

    def scan_loop() -> None:
        nonlocal decoded_frames
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            scanner.scan(timeout_s=min(0.5, max(0.0, end - time.monotonic())))
            decoded_frames += 1

    camera.start()
    worker = threading.Thread(target=scan_loop)
    began = time.monotonic()
    worker.start()
    seen, last_seq = 0, -1
    while worker.is_alive():
        frame = camera.latest()
        if frame is not None and frame.seq != last_seq:
            seen, last_seq = seen + 1, frame.seq
        time.sleep(1 / 120)
    elapsed = time.monotonic() - began
    worker.join()
    camera.close()
    print(
        f"preview ({label}) {size[0]}x{size[1]} target {fps:g} fps while decoding: "
        f"{seen / elapsed:.1f} distinct frames/s seen by the UI poller over {elapsed:.1f} s"
    )


def decode_throughput(seconds: float, size: tuple[int, int]) -> None:
    frames = frame_set(99, 2, size, 1.0)
    images = [f.image for f in frames if f.condition == "clean"]
    count, end = 0, time.monotonic() + seconds
    while time.monotonic() < end:
        decode_frame(images[count % len(images)])
        count += 1
    print(f"decode throughput {size[0]}x{size[1]} clean frames: {count / seconds:.1f} frames/s on one thread")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-condition", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--severities", default="1,2,3", help="comma-separated, 1 = as in the tests")
    parser.add_argument("--preview-seconds", type=float, default=5.0)
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.lower().split("x"))
    for severity in (float(v) for v in args.severities.split(",")):
        decode_table(args.seed, args.per_condition, (width, height), severity)
    print()
    decode_throughput(3.0, (width, height))
    preview_rate(args.preview_seconds, 20.0, (1280, 720))
    preview_rate(args.preview_seconds, 30.0, (width, height))
    with tempfile.TemporaryDirectory() as folder:
        video = blank_video(Path(folder) / "desk.avi", (1280, 720), 60)
        preview_rate(args.preview_seconds, 30.0, (1280, 720), video)


def blank_video(path: Path, size: tuple[int, int], frames: int) -> Path:
    """An MJPG clip of the empty desk: the scanner finds nothing and decodes every frame."""
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 30, size)
    desk = licence_image.empty_desk(size)
    for _ in range(frames):
        writer.write(desk)
    writer.release()
    return path


if __name__ == "__main__":
    main()
