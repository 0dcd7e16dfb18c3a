"""Load test: 1,000 simulated terminals against two hub processes on PostgreSQL behind HAProxy.

Everything runs on 127.0.0.1 and stops by itself: a private PostgreSQL (tests/rigs/postgres.py,
fsync on), two `python -m hub serve` processes sharing it (tests/rigs/hub_process.py), HAProxy
from deploy/haproxy/onestop-hub.cfg (tests/rigs/haproxy.py), and locust (bench_load_locustfile.py)
driving the terminals for --duration seconds. Prints p50/p95/p99 per endpoint, errors and
applications per second, and each endpoint's p50/p95 as a ratio to the floor's: GET /v1/health
sent once a second through the same locust, HAProxy and hub processes in the same run (what the
machine's load and the path cost with no work behind them).

    .venv/bin/python bench/bench_load.py [--terminals 1000] [--duration 120] [--multiple 10]

Peak estimate (the seeds: Bozhou, 日均受理1.7万件, 17,000 applications received a day across the
city, all channels): assume every one of them arrives through the hub; a hall's busiest hour
carries ~20 % of a day (the morning peak of a 7-hour day), and the busiest day of a week ~1.5×
the average one. Peak ≈ 17,000 × 0.20 × 1.5 = 5,100 applications/hour ≈ 1.4/s for the whole
city. The bench drives --multiple (default 10) times that: ≈ 14 applications/s, i.e. each of
1,000 terminals sends one every ~71 s, beside a heartbeat every 60 s (~17/s), a catalog check
every 300 s (~3/s) and the fleet page (all 1,000 terminals) read every 10 s.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

from rigs.haproxy import start_haproxy  # noqa: E402
from rigs.hub_process import HubProcess, child_env  # noqa: E402
from rigs.postgres import start_postgres  # noqa: E402

from hub.db import open_database  # noqa: E402
from hub.service import open_hub  # noqa: E402
from hub.settings import HubSettings  # noqa: E402

CITY_APPLICATIONS_PER_DAY = 17_000
PEAK_HOUR_SHARE = 0.20
BUSIEST_DAY_FACTOR = 1.5
SUPERVISOR, SUPERVISOR_PASSWORD = "load.supervisor", "load-test-password-42"
LOCUSTFILE = REPO / "bench" / "bench_load_locustfile.py"


def peak_per_second() -> float:
    return CITY_APPLICATIONS_PER_DAY * PEAK_HOUR_SHARE * BUSIEST_DAY_FACTOR / 3600.0


def register(db_url: str, key_path: Path, catalog_dir: Path, count: int) -> list[list[str]]:
    """Register the terminals, each with a first heartbeat, so the fleet page lists a running fleet
    from the first second (the locust terminals' own heartbeats then replace these)."""
    terminals = {f"LOAD-{n:04d}": secrets.token_urlsafe(24) for n in range(count)}
    service = open_hub(
        HubSettings(db_url=db_url, key_path=key_path, catalog_dir=catalog_dir, demo_data=False,
                    terminals=terminals, supervisors={SUPERVISOR: SUPERVISOR_PASSWORD})
    )
    try:
        catalog = service.catalog.latest_version
        for terminal_id in terminals:
            service.fleet.record_heartbeat(terminal_id, first_heartbeat(catalog))
    finally:
        service.close()
    return [[t, s] for t, s in terminals.items()]


def first_heartbeat(catalog: str | None) -> dict:
    """The shape bench_load_locustfile.py's terminals send (three devices, queue, versions)."""
    device = {"status": "online", "detail": ""}
    return {
        "sequence": 1,
        "devices": [{**device, "name": "idcard", "kind": "idcard", "driver": "ga467"},
                    {**device, "name": "printer", "kind": "printer", "driver": "escpos", "paper": "ok"},
                    {**device, "name": "camera", "kind": "camera", "driver": "opencv", "fps_measured": 29.8,
                     "ports": ["/dev/video0"], "resolution": "1920x1080"}],
        "queue": {"pending": 0, "sending": 0, "acked": 0, "dead": 0, "sync_state": "idle",
                  "oldest_pending_at": None},
        "versions": {"software": "load", "catalog": catalog},
        "alerts": [],
    }


def count_applications(db_url: str) -> int:
    db = open_database(db_url)
    try:
        with db.transaction() as tx:
            row = tx.fetchone("SELECT COUNT(*) FROM applications")
        return int(row[0]) if row else 0
    finally:
        db.close()


def run_locust(url: str, work: Path, args: argparse.Namespace, application_s: float) -> tuple[int, Path]:
    prefix = work / "load"
    env = child_env()
    env.update({
        "ONESTOP_LOAD_TERMINALS": str(work / "terminals.json"),
        "ONESTOP_LOAD_HEARTBEAT_S": str(args.heartbeat_s),
        "ONESTOP_LOAD_APPLICATION_S": f"{application_s:.3f}",
        "ONESTOP_LOAD_CATALOG_S": str(args.catalog_s),
        "ONESTOP_LOAD_FLEET_S": str(args.fleet_s),
        "ONESTOP_LOAD_SUPERVISOR": SUPERVISOR,
        "ONESTOP_LOAD_SUPERVISOR_PASSWORD": SUPERVISOR_PASSWORD,
    })
    command = [
        sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--only-summary",
        "-u", str(args.terminals + 2),  # + the supervisor and the floor
        "-r", str(args.spawn_rate), "-t", f"{args.duration}s",
        "--stop-timeout", "10", "--host", url, "--csv", str(prefix), "--loglevel", "WARNING",
    ]
    with (work / "locust.log").open("wb") as log:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            code = process.wait(timeout=args.duration + 180)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(30)
            code = -9
            print(f"locust did not stop within {args.duration + 180} s: killed")
    return code, Path(f"{prefix}_stats.csv")


FLOOR = "floor (health)"


def _ratio(value: str, floor: str | None) -> str:
    try:
        return f"{float(value) / float(floor):.1f}x" if floor and float(floor) > 0 else "-"
    except ValueError:
        return "-"


def print_table(stats_csv: Path) -> list[dict[str, str]]:
    """Per endpoint: counts, percentiles, and p50/p95 as ratios to the floor's (GET /v1/health, same run)."""
    rows = list(csv.DictReader(stats_csv.read_text("utf-8").splitlines()))
    floor = next((r for r in rows if r["Name"] == FLOOR), None)
    print(f"{'endpoint':32} {'requests':>9} {'errors':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
          f"{'max ms':>7} {'req/s':>7} {'p50 xfl':>8} {'p95 xfl':>8}")
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "all"
        print(f"{name[:32]:32} {row['Request Count']:>9} {row['Failure Count']:>7} {row['50%']:>7} "
              f"{row['95%']:>7} {row['99%']:>7} {float(row['Max Response Time']):>7.0f} "
              f"{float(row['Requests/s']):>7.2f} {_ratio(row['50%'], floor and floor['50%']):>8} "
              f"{_ratio(row['95%'], floor and floor['95%']):>8}")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--terminals", type=int, default=1000)
    parser.add_argument("--duration", type=int, default=120, help="seconds of load (bounded, ramp included)")
    parser.add_argument("--multiple", type=float, default=10.0, help="times the estimated city peak")
    parser.add_argument("--spawn-rate", type=int, default=100)
    parser.add_argument("--heartbeat-s", type=float, default=60.0)
    parser.add_argument("--catalog-s", type=float, default=300.0)
    parser.add_argument("--fleet-s", type=float, default=10.0)
    args = parser.parse_args()
    if not 10 <= args.duration <= 1800:
        parser.error("--duration must be 10-1800 s")
    target = peak_per_second() * args.multiple
    application_s = args.terminals / target
    peak = peak_per_second()
    print(f"city peak estimate: {peak * 3600:.0f} applications/hour ({peak:.2f}/s); "
          f"target {args.multiple:g}x = {target:.1f}/s = one per terminal every {application_s:.0f} s")
    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    postgres = start_postgres(fsync=True)
    hubs: list[HubProcess] = []
    proxy = None
    try:
        db_url = postgres.fresh_database("load")
        shutil.copytree(REPO / "flows" / "catalog", work / "hub" / "hub-catalog", dirs_exist_ok=True)
        hubs = [HubProcess(db_url, work / "hub", name=f"hub{n}") for n in (1, 2)]
        terminals = register(db_url, hubs[0].key_path, hubs[0].catalog_dir, args.terminals)
        (work / "terminals.json").write_text(json.dumps(terminals), "utf-8")
        os.chmod(work / "terminals.json", 0o600)
        for hub in hubs:
            hub.start()
        proxy = start_haproxy([h.port for h in hubs], work / "proxy")
        print(f"{args.terminals} terminals -> HAProxy {proxy.url} -> 2 hub processes -> PostgreSQL; "
              f"{args.duration} s of load")
        before = count_applications(db_url)
        started, load_before = time.monotonic(), os.getloadavg()[0]
        code, stats_csv = run_locust(proxy.url, work, args, application_s)
        elapsed = time.monotonic() - started
        print(f"load average (1 min) {load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end "
              f"({os.cpu_count()} cores); x floor = ratio to {FLOOR} in the same run")
        stored = count_applications(db_url) - before
        if not stats_csv.exists() or code != 0:
            print((work / "locust.log").read_text(errors="replace")[-3000:])
        if not stats_csv.exists():
            return 1
        rows = print_table(stats_csv)
        total = next((r for r in rows if r["Name"] == "Aggregated"), None)
        errors = int(total["Failure Count"]) if total else -1
        apps = next((r for r in rows if r["Name"] == "applications/batch"), None)
        print(f"errors: {errors} (locust exit {code})")
        print(f"applications: {stored} stored in {elapsed:.0f} s = {stored / elapsed:.1f}/s overall; "
              f"{float(apps['Requests/s']) if apps else 0:.1f}/s by locust (target {target:.1f}/s "
              "once every terminal is running)")
        return 0 if code == 0 else 1
    finally:
        if proxy is not None:
            proxy.stop()
        for hub in hubs:
            hub.stop()
        postgres.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
