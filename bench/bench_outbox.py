"""Enqueue latency of the outbox: sealed with AES-GCM, SQLite WAL with synchronous=FULL.

Prints figures, asserts nothing. Run: .venv/bin/python bench/bench_outbox.py [--count N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from offline_cache.config import SyncConfig  # noqa: E402
from offline_cache.outbox import OutboxStore  # noqa: E402

CITIZENS = json.loads((ROOT / "assets/samples/citizens.json").read_text("utf-8"))["citizens"]


def application(seq: int) -> dict:
    """A realistic application: identity, enterprise, ~80 merged-form fields."""
    citizen = CITIZENS[seq % len(CITIZENS)]
    fields = {f"field_{i:03d}": f"值{i}-{seq}" * 3 for i in range(80)}
    return {
        "seq": seq,
        "applicant": citizen["card"],
        "enterprise": citizen.get("enterprise", {}),
        "form": fields,
    }


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=2000)
    args = parser.parse_args()
    size = len(json.dumps(application(0), ensure_ascii=False).encode())
    with tempfile.TemporaryDirectory(dir=ROOT / "bench") as tmp:
        store = OutboxStore(
            Path(tmp) / "outbox.db", Path(tmp) / "outbox.key", SyncConfig(max_pending_count=10**7)
        )
        for seq in range(50):  # warm-up
            store.enqueue("open_cafe", application(seq))
        latencies = []
        started = time.perf_counter()
        for seq in range(args.count):
            t0 = time.perf_counter()
            store.enqueue("open_cafe", application(seq))
            latencies.append((time.perf_counter() - t0) * 1000)
        elapsed = time.perf_counter() - started
        store.close()
    print(f"outbox enqueue, AES-GCM + SQLite WAL synchronous=FULL, {args.count} applications of {size} B")
    print(
        f"  p50 {statistics.median(latencies):.2f} ms  p95 {percentile(latencies, 0.95):.2f} ms  "
        f"p99 {percentile(latencies, 0.99):.2f} ms  max {max(latencies):.2f} ms"
    )
    print(f"  throughput {args.count / elapsed:.0f} enqueues/s")


if __name__ == "__main__":
    main()
