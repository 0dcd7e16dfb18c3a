"""Hub throughput over loopback, SQLite vs PostgreSQL: prints figures, asserts nothing.

For each back end the hub runs as its own process (`python -m hub serve`) and receives
N applications three ways: batches of 50 on one reused session, one request per
application on a reused session, and one request per application on a new
connection each time (the naive baseline). PostgreSQL is a private instance
(tests/rigs/postgres.py) with fsync on; SQLite runs WAL + synchronous=FULL.

    .venv/bin/python bench/bench_hub.py [--n 1000] [--no-postgres]
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
TERMINAL = "BENCH-01"


def _sign(secret: str, method: str, target: str, body: bytes) -> dict[str, str]:
    ts, nonce = str(int(time.time())), secrets.token_urlsafe(16)
    message = "\n".join([method, target, ts, nonce, hashlib.sha256(body).hexdigest()]).encode()
    return {
        "X-Terminal-Id": TERMINAL,
        "X-Timestamp": ts,
        "X-Nonce": nonce,
        "X-Signature": hmac.new(secret.encode(), message, hashlib.sha256).hexdigest(),
        "Content-Type": "application/json",
    }


def _item() -> dict:
    return {
        "application_id": str(uuid.uuid4()),
        "theme": "open_cafe",
        "created_at": "2026-11-27T19:00:00Z",
        "body": {"fields": {f"f{i}": "上海市徐汇区漕溪北路88号" for i in range(60)}},
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def hub_process(db_url: str, workdir: Path) -> Iterator[tuple[str, str]]:
    env = {**os.environ, "ONESTOP_HUB_KEY_FILE": str(workdir / "hub.key")}
    cmd = [sys.executable, "-m", "hub"]
    secret = subprocess.run(
        [*cmd, "add-terminal", TERMINAL, "--db", db_url],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.strip()
    port = _free_port()
    with (workdir / "hub.log").open("wb") as log:
        proc = subprocess.Popen(
            [*cmd, "serve", "--db", db_url, "--port", str(port), "--catalog-dir", str(workdir)],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                requests.get(url + "/v1/health", timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        yield url, secret
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def batched(url: str, secret: str, items: list[dict]) -> float:
    session = requests.Session()
    session.trust_env = False
    start = time.perf_counter()
    for i in range(0, len(items), 50):
        body = json.dumps({"items": items[i : i + 50]}, ensure_ascii=False).encode()
        reply = session.post(
            url + "/v1/applications/batch",
            data=body,
            headers=_sign(secret, "POST", "/v1/applications/batch", body),
            timeout=30,
        )
        reply.raise_for_status()
    session.close()
    return time.perf_counter() - start


def singles(url: str, secret: str, items: list[dict], reuse: bool) -> tuple[float, list[float]]:
    session = requests.Session()
    session.trust_env = False
    latencies = []
    start = time.perf_counter()
    for item in items:
        if not reuse:
            session.close()
            session = requests.Session()
            session.trust_env = False
        body = json.dumps(item, ensure_ascii=False).encode()
        headers = {
            **_sign(secret, "POST", "/v1/applications", body),
            "Idempotency-Key": item["application_id"],
        }
        t0 = time.perf_counter()
        reply = session.post(url + "/v1/applications", data=body, headers=headers, timeout=30)
        latencies.append(time.perf_counter() - t0)
        if reply.status_code != 201:
            raise RuntimeError(f"unexpected {reply.status_code}: {reply.text[:200]}")
    session.close()
    return time.perf_counter() - start, latencies


def _pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] * 1000


def run_backend(name: str, db_url: str, workdir: Path, n: int) -> None:
    with hub_process(db_url, workdir) as (url, secret):
        batched(url, secret, [_item() for _ in range(100)])  # warm-up, not counted
        singles(url, secret, [_item() for _ in range(20)], reuse=True)
        items = [_item() for _ in range(n)]
        t_batch = batched(url, secret, items)
        replay = batched(url, secret, items)
        t_single, lat_single = singles(url, secret, [_item() for _ in range(n)], reuse=True)
        t_naive, lat_naive = singles(url, secret, [_item() for _ in range(n)], reuse=False)
    size = len(json.dumps(items[0], ensure_ascii=False).encode())
    print(f"[{name}] {n} applications of {size} B each")
    print(f"  batched (50/request, reused session): {t_batch:.2f} s = {n / t_batch:,.0f} applications/s")
    print(f"  same batches replayed (all 'replayed'): {replay:.2f} s = {n / replay:,.0f} applications/s")
    print(
        f"  one per request, reused session:      {t_single:.2f} s = {n / t_single:,.0f} applications/s, "
        f"latency p50 {_pct(lat_single, 50):.1f} ms p95 {_pct(lat_single, 95):.1f} ms"
    )
    print(
        f"  one per request, new connection each: {t_naive:.2f} s = {n / t_naive:,.0f} applications/s, "
        f"latency p50 {_pct(lat_naive, 50):.1f} ms p95 {_pct(lat_naive, 95):.1f} ms"
    )
    print(
        f"  batched vs naive: {t_naive / t_batch:.1f}x faster; batched vs single reused: "
        f"{t_single / t_batch:.1f}x faster"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, hub as a separate process over 127.0.0.1, "
        f"load average at start {os.getloadavg()[0]:.2f}"
    )
    with tempfile.TemporaryDirectory(prefix="bench-hub-") as tmp:
        work = Path(tmp)
        (work / "sqlite").mkdir()
        run_backend(
            "SQLite WAL synchronous=FULL", f"sqlite:///{work / 'sqlite' / 'hub.db'}", work / "sqlite", args.n
        )
        if args.no_postgres:
            return
        from rigs.postgres import postgres_available, start_postgres

        if not postgres_available():
            print("[PostgreSQL] skipped: binaries not installed")
            return
        server = start_postgres(fsync=True)
        try:
            (work / "pg").mkdir()
            run_backend("PostgreSQL 15 fsync=on", server.fresh_database("bench"), work / "pg", args.n)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
