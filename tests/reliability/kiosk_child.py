"""The kiosk side of the fault tests, as its own process so it can be killed with SIGKILL.

It submits applications numbered from where its ledger stops to --total, with the
sync thread running, and appends "seq application_id" to the ledger only after
`enqueue` returned (the moment a real kiosk prints the receipt). When all are
submitted it waits for the outbox to drain and exits 0; 3 if items went dead,
4 if the drain did not finish in time. Restarted after a kill it just carries on.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path

from offline_cache.config import SyncConfig
from offline_cache.hub_client import HubClient
from offline_cache.outbox import OutboxStore
from offline_cache.sync import SyncWorker

CITIZENS = json.loads(
    (Path(__file__).resolve().parents[2] / "assets" / "samples" / "citizens.json").read_text("utf-8")
)["citizens"]


def payload(seq: int) -> dict:
    citizen = CITIZENS[seq % len(CITIZENS)]
    card = citizen["card"]
    return {
        "seq": seq,
        "applicant": {"name": card["name"], "id_number": card["id_number"], "address": card["address"]},
        "enterprise": citizen.get("enterprise", {}),
        "answers": {"business_form": "company"},
    }


def next_seq(ledger: Path) -> int:
    """One past the last complete ledger line; a torn last line is closed off first."""
    if not ledger.exists():
        return 0
    text = ledger.read_text("utf-8")
    if text and not text.endswith("\n"):
        with ledger.open("a", encoding="utf-8") as handle:
            handle.write("\n")
    best = -1
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0].isdigit() and len(parts[1]) == 36:
            best = max(best, int(parts[0]))
    return best + 1


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--key", type=Path, required=True)
    parser.add_argument("--ledger", type=Path, required=True)
    parser.add_argument("--log", type=Path, required=True)
    parser.add_argument("--hub", required=True)
    parser.add_argument("--terminal", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--total", type=int, default=500)
    parser.add_argument("--pace-ms", type=float, default=0.0)
    parser.add_argument("--read-timeout", type=float, default=1.0)
    parser.add_argument("--drain-timeout", type=float, default=120.0)
    args = parser.parse_args()
    logging.basicConfig(
        filename=args.log,
        level=logging.DEBUG,
        format=f"%(asctime)s pid={os.getpid()} %(levelname)s %(name)s: %(message)s",
    )
    config = SyncConfig(
        backoff_base_s=0.05,
        backoff_cap_s=0.5,
        connect_timeout_s=1.0,
        read_timeout_s=args.read_timeout,
        idle_poll_s=0.2,
        max_pending_count=100_000,
    )
    outbox = OutboxStore(args.db, args.key, config)
    client = HubClient(args.hub, args.terminal, args.secret, timeout=(1.0, args.read_timeout))
    worker = SyncWorker(outbox, client, config=config)
    worker.start()
    ledger_fd = os.open(args.ledger, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    for seq in range(next_seq(args.ledger), args.total):
        application_id = outbox.enqueue("open_cafe", payload(seq))
        os.write(ledger_fd, f"{seq} {application_id}\n".encode())
        os.fsync(ledger_fd)
        worker.wake()
        if args.pace_ms:
            time.sleep(args.pace_ms / 1000)
    deadline = time.monotonic() + args.drain_timeout
    while time.monotonic() < deadline:
        counts = outbox.counts()
        if counts["pending"] == 0 and counts["sending"] == 0:
            break
        worker.wake()
        time.sleep(0.1)
    worker.stop(10)
    counts = outbox.counts()
    print(json.dumps(counts), flush=True)
    if counts["pending"] or counts["sending"]:
        return 4
    return 3 if counts["dead"] else 0


if __name__ == "__main__":
    sys.exit(main())
