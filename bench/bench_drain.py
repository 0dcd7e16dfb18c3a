"""Draining 1,000 queued applications to the reference hub over loopback.

Three ways, same hub process, same outbox code:
  batched  — SyncWorker.sync_once(): batches of 50, one reused requests.Session;
  single   — one signed POST per application on a reused session;
  naive    — one POST per application on a new connection each time (the baseline).
Against the hub on SQLite and, when PostgreSQL 15 is installed, on PostgreSQL.
The hub runs as its own process (`python -m hub serve`). Prints figures, asserts nothing.

Run: .venv/bin/python bench/bench_drain.py [--count 1000] [--no-postgres]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "reliability")]

from reliability_harness import SECRET, TERMINAL_ID, HubProcess  # noqa: E402
from rigs.postgres import postgres_available, start_postgres  # noqa: E402

from offline_cache.config import SyncConfig  # noqa: E402
from offline_cache.hub_client import HubClient  # noqa: E402
from offline_cache.outbox import Acknowledgement, OutboxStore  # noqa: E402
from offline_cache.sync import SyncWorker  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from bench_outbox import application  # noqa: E402

CONFIG = SyncConfig(max_pending_count=10**6)


def filled_outbox(directory: Path, count: int) -> OutboxStore:
    store = OutboxStore(directory / "outbox.db", directory / "outbox.key", CONFIG)
    for seq in range(count):
        store.enqueue("open_cafe", application(seq))
    return store


def drain_batched(store: OutboxStore, url: str) -> int:
    with HubClient(url, TERMINAL_ID, SECRET) as client:
        return SyncWorker(store, client, config=CONFIG).sync_once().acked


def drain_one_by_one(store: OutboxStore, url: str, new_connection_each: bool) -> int:
    acked = 0
    shared = None if new_connection_each else HubClient(url, TERMINAL_ID, SECRET)
    try:
        while items := store.claim_batch(1, 10**9):
            client = shared or HubClient(url, TERMINAL_ID, SECRET)
            try:
                result = client.send_one(items[0])
            finally:
                if shared is None:
                    client.close()
            if result.stored:
                acked += store.mark_acked([Acknowledgement(result.application_id, result.receipt)])
    finally:
        if shared is not None:
            shared.close()
    return acked


def timed(label: str, count: int, work: Callable[[], int]) -> float:
    started = time.perf_counter()
    acked = work()
    elapsed = time.perf_counter() - started
    rate = acked / elapsed if elapsed else float("nan")
    print(f"  {label:<42} {acked:5d} acked in {elapsed:6.2f} s = {rate:7.0f} applications/s")
    if acked != count:
        print(f"  !! only {acked} of {count} acknowledged")
    return rate


def bench_backend(name: str, db_url: str, work_dir: Path, count: int) -> None:
    hub = HubProcess(db_url, work_dir / "hub")
    hub.start()
    try:
        print(f"hub on {name}, {count} applications of ~3.8 KB each, loopback, hub in its own process")
        rates = {}
        for label, runner in (
            ("batched (50/request, reused session)", lambda s: drain_batched(s, hub.url)),
            ("single (1/request, reused session)", lambda s: drain_one_by_one(s, hub.url, False)),
            ("naive (1/request, new connection each)", lambda s: drain_one_by_one(s, hub.url, True)),
        ):
            run_dir = Path(tempfile.mkdtemp(dir=work_dir))
            store = filled_outbox(run_dir, count)
            try:
                rates[label.split()[0]] = timed(
                    label, count, lambda store=store, runner=runner: runner(store)
                )
            finally:
                store.close()
        print(
            f"  batched / naive = {rates['batched'] / rates['naive']:.1f}x ; "
            f"batched / single = {rates['batched'] / rates['single']:.1f}x"
        )
    finally:
        hub.kill()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-drain-") as tmp:
        work = Path(tmp)
        bench_backend(
            "SQLite", f"sqlite:///{work / 'sqlite' / 'hub' / 'hub.db'}", work / "sqlite", args.count
        )
        if args.no_postgres or not postgres_available():
            print("PostgreSQL: skipped (not installed or --no-postgres)")
            return
        server = start_postgres(fsync=True)
        try:
            bench_backend(
                "PostgreSQL 15 (fsync on)", server.fresh_database("bench_drain"), work / "pg", args.count
            )
        finally:
            server.stop()


if __name__ == "__main__":
    main()
