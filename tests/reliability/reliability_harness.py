"""Shared machinery of the fault tests: a hub in its own process, the kiosk child, and the verdict.

The verdict is computed from three independent records: the kiosk's ledger of
printed receipts, the kiosk's outbox, and what the hub stored (duplicates
included), so a lost, doubled or still-readable application shows up.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rigs import hub_process

from hub.applications import ApplicationStore
from hub.db import open_database
from hub.inflight import InFlightKeys

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
CHILD = Path(__file__).with_name("kiosk_child.py")
TERMINAL_ID = "XH-REL-01"
SECRET = "reliability-terminal-secret-0001"
CITIZENS = json.loads((ROOT / "assets/samples/citizens.json").read_text("utf-8"))["citizens"]


free_port = hub_process.free_port
child_env = hub_process.child_env


def stored_ids(db_url: str, terminal_id: str = TERMINAL_ID) -> list[str]:
    """Every application id the hub stored for the terminal, duplicates included."""
    db = open_database(db_url)
    try:
        return ApplicationStore(db, InFlightKeys(db.dialect)).ids_for(terminal_id)
    finally:
        db.close()


class HubProcess(hub_process.HubProcess):
    """A hub process with the reliability terminal registered."""

    def __init__(self, db_url: str, work_dir: Path, port: int | None = None, name: str = "hub") -> None:
        super().__init__(db_url, work_dir, port, name, terminals={TERMINAL_ID: SECRET})

    def stored_ids(self) -> list[str]:
        return stored_ids(self.db_url)


@dataclass
class KioskFiles:
    work_dir: Path

    @property
    def db(self) -> Path:
        return self.work_dir / "kiosk" / "outbox.db"

    @property
    def key(self) -> Path:
        return self.work_dir / "keys" / "outbox.key"

    @property
    def ledger(self) -> Path:
        return self.work_dir / "ledger.txt"

    @property
    def log(self) -> Path:
        return self.work_dir / "kiosk.log"

    def child_command(
        self,
        hub_url: str,
        total: int,
        pace_ms: float = 0.0,
        read_timeout: float = 1.0,
        drain_timeout: float = 120.0,
    ) -> list[str]:
        self.db.parent.mkdir(parents=True, exist_ok=True)
        return [
            PYTHON,
            str(CHILD),
            "--db",
            str(self.db),
            "--key",
            str(self.key),
            "--ledger",
            str(self.ledger),
            "--log",
            str(self.log),
            "--hub",
            hub_url,
            "--terminal",
            TERMINAL_ID,
            "--secret",
            SECRET,
            "--total",
            str(total),
            "--pace-ms",
            str(pace_ms),
            "--read-timeout",
            str(read_timeout),
            "--drain-timeout",
            str(drain_timeout),
        ]

    def start_child(self, hub_url: str, total: int, **kwargs: float) -> subprocess.Popen[bytes]:
        with (self.work_dir / "child.out").open("ab") as out:
            return subprocess.Popen(
                self.child_command(hub_url, total, **kwargs),
                cwd=ROOT,
                env=child_env(),
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def child_output(self) -> str:
        path = self.work_dir / "child.out"
        return path.read_text(errors="replace") if path.exists() else ""

    def ledger_entries(self) -> dict[int, str]:
        entries: dict[int, str] = {}
        if self.ledger.exists():
            for line in self.ledger.read_text("utf-8").splitlines():
                parts = line.split()
                if len(parts) == 2 and parts[0].isdigit() and len(parts[1]) == 36:
                    entries[int(parts[0])] = parts[1]
        return entries


def kill_child(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.wait(10)


def run_to_completion(
    files: KioskFiles, hub_url: str, total: int, timeout_s: float = 180.0, **kwargs: float
) -> tuple[int, str]:
    """Run the kiosk child until it has submitted everything and drained; (exit code, its output tail)."""
    process = files.start_child(hub_url, total, **kwargs)
    try:
        code = process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        kill_child(process)
        code = -9
    return code, files.child_output()[-800:]


@dataclass
class Verdict:
    """What the three records say; `ok` when nothing was lost, doubled or left readable."""

    receipts: int
    outbox_rows: int
    hub_rows: int
    lost: list[str] = field(default_factory=list)
    duplicated: dict[str, int] = field(default_factory=dict)
    not_acked: dict[str, int] = field(default_factory=dict)
    acked_with_body: int = 0
    orphans: int = 0
    pii_hits: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.lost or self.duplicated or self.not_acked or self.acked_with_body or self.pii_hits)

    def summary(self) -> str:
        return (
            f"receipts={self.receipts} outbox={self.outbox_rows} hub={self.hub_rows} lost={len(self.lost)} "
            f"duplicated={len(self.duplicated)} not_acked={self.not_acked} "
            f"acked_with_body={self.acked_with_body} orphans={self.orphans} pii_hits={self.pii_hits}"
        )


def pii_hits(paths: list[Path]) -> list[str]:
    """Which demo citizens' ID numbers, names or addresses appear in clear in these files."""
    blob = b"".join(p.read_bytes() for p in paths if p.exists())
    hits = []
    for citizen in CITIZENS:
        for field_name in ("id_number", "name", "address"):
            value = citizen["card"][field_name]
            if any(value.encode(enc) in blob for enc in ("utf-8", "utf-16-le")):
                hits.append(f"{citizen['key']}.{field_name}")
    return hits


def verdict(files: KioskFiles, hub_ids: list[str]) -> Verdict:
    receipts = files.ledger_entries()
    conn = sqlite3.connect(f"file:{files.db}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT application_id, state, body IS NOT NULL FROM outbox").fetchall()
    finally:
        conn.close()
    at_hub = Counter(hub_ids)
    outbox_ids = {r[0] for r in rows}
    result = Verdict(receipts=len(receipts), outbox_rows=len(rows), hub_rows=len(hub_ids))
    result.lost = sorted(i for i in set(receipts.values()) | outbox_ids if i not in at_hub)
    result.duplicated = {i: n for i, n in at_hub.items() if n > 1}
    result.not_acked = dict(Counter(state for _, state, _ in rows if state != "acked"))
    result.acked_with_body = sum(1 for _, state, body in rows if state == "acked" and body)
    result.orphans = len(outbox_ids - set(receipts.values()))
    kiosk_files = [p for p in files.db.parent.iterdir() if p.name.startswith("outbox.db")] + [files.log]
    result.pii_hits = pii_hits(kiosk_files)
    return result


def wait_until(predicate, timeout_s: float, interval_s: float = 0.1) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval_s)
    return bool(predicate())
