"""Locust users for bench/bench_load.py: simulated kiosk terminals and one hall supervisor.

Each TerminalUser is one registered terminal (its id and secret come from the JSON file named
by ONESTOP_LOAD_TERMINALS) and signs every request as offline_cache/signing.py does. It sends
a heartbeat every HEARTBEAT_S (three devices, queue counts and versions, as a kiosk does), an
application (a batch of one, as the kiosk's sync worker sends a fresh one) every APPLICATION_S,
and checks the catalog every CATALOG_S with
If-None-Match. Each terminal starts at a random point of its cycles so the fleet does not
beat in step. SupervisorUser reads GET /v1/fleet every FLEET_S with a supervisor session;
FloorUser reads GET /v1/health every FLOOR_S (the floor the bench divides by).
All rates come from the environment (bench_load.py sets them) so the smoke test can run fast.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
import uuid

from locust import HttpUser, task

from offline_cache.hub_client import next_heartbeat_sequence
from offline_cache.signing import signed_headers

HEARTBEAT_S = float(os.environ.get("ONESTOP_LOAD_HEARTBEAT_S", "60"))
APPLICATION_S = float(os.environ.get("ONESTOP_LOAD_APPLICATION_S", "71"))
CATALOG_S = float(os.environ.get("ONESTOP_LOAD_CATALOG_S", "300"))
FLEET_S = float(os.environ.get("ONESTOP_LOAD_FLEET_S", "10"))
FLOOR_S = float(os.environ.get("ONESTOP_LOAD_FLOOR_S", "1"))
SUPERVISOR = os.environ.get("ONESTOP_LOAD_SUPERVISOR", "")
SUPERVISOR_PASSWORD = os.environ.get("ONESTOP_LOAD_SUPERVISOR_PASSWORD", "")
_TERMINALS: list[list[str]] = json.loads(
    open(os.environ["ONESTOP_LOAD_TERMINALS"], encoding="utf-8").read()  # noqa: SIM115 - read once at import
) if os.environ.get("ONESTOP_LOAD_TERMINALS") else []
_next_terminal = itertools.count()
_DEVICES = (  # devices/base.py describe() of a terminal's three devices
    {"name": "idcard", "kind": "idcard", "driver": "ga467", "status": "online", "detail": ""},
    {"name": "printer", "kind": "printer", "driver": "escpos", "status": "online", "detail": "",
     "paper": "ok"},
    {"name": "camera", "kind": "camera", "driver": "opencv", "status": "online", "detail": "",
     "fps_measured": 29.8, "ports": ["/dev/video0"], "resolution": "1920x1080"},
)
_TOKEN_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def _application() -> dict:
    return {
        "application_id": str(uuid.uuid4()),
        "theme": "open_cafe",
        "created_at": "2026-12-01T10:00:00+08:00",
        "body": {
            "applicant": {"name": "负载测试", "id_number": "110101199003078515"},
            "answers": {"business_form": "individual", "seats": 12},
        },
    }


class TerminalUser(HttpUser):
    """One kiosk terminal of the fleet."""

    weight = 1000

    def on_start(self) -> None:
        index = next(_next_terminal)
        if index >= len(_TERMINALS):
            raise RuntimeError("more terminal users than registered terminals")
        self.terminal_id, self.secret = _TERMINALS[index]
        now = time.monotonic()
        self.due = {
            "heartbeat": now + random.uniform(0, HEARTBEAT_S),
            "application": now + random.uniform(0, APPLICATION_S),
            "catalog": now + random.uniform(0, CATALOG_S),
        }
        self.etag: str | None = None
        self.sent = 0

    def wait_time(self) -> float:
        return max(0.0, min(self.due.values()) - time.monotonic())

    def _heartbeat(self) -> dict:
        """Shaped as a kiosk sends it (kiosk/runtime.py heartbeat + offline_cache/sync.py queue)."""
        return {
            "sequence": next_heartbeat_sequence(),
            "devices": [dict(row) for row in _DEVICES],
            "queue": {"pending": 0, "sending": 0, "acked": self.sent, "dead": 0, "sync_state": "idle",
                      "oldest_pending_at": None},
            "versions": {"software": "load", "catalog": self.etag.strip('"') if self.etag else None},
            "alerts": [],
        }

    def _signed(self, method: str, path: str, payload: dict | None, name: str, **headers: str):  # type: ignore[no-untyped-def]
        body = b"" if payload is None else json.dumps(payload, ensure_ascii=False).encode()
        signed = signed_headers(self.terminal_id, self.secret, method, path, int(time.time()), body)
        if payload is not None:
            signed["Content-Type"] = "application/json"
        return self.client.request(
            method, path, data=body or None, headers={**signed, **headers}, name=name, catch_response=True,
            timeout=30,
        )

    @task
    def due_work(self) -> None:
        now = time.monotonic()
        if self.due["heartbeat"] <= now:
            self.due["heartbeat"] = now + HEARTBEAT_S
            beat = self._heartbeat()
            with self._signed("POST", "/v1/heartbeat", beat, "heartbeat") as reply:
                _expect(reply, 204)
        if self.due["application"] <= now:
            self.due["application"] = now + APPLICATION_S
            with self._signed("POST", "/v1/applications/batch", {"items": [_application()]},
                              "applications/batch") as reply:
                _expect(reply, 200)
                if reply.status_code == 200 and reply.json()["results"][0]["status"] != "created":
                    reply.failure(f"application not created: {reply.text[:200]}")
                elif reply.status_code == 200:
                    self.sent += 1
        if self.due["catalog"] <= now:
            self.due["catalog"] = now + CATALOG_S
            extra = {"If-None-Match": self.etag} if self.etag else {}
            with self._signed("GET", "/v1/catalog/latest", None, "catalog/latest", **extra) as reply:
                _expect(reply, 200, 304)
                self.etag = reply.headers.get("ETag") or self.etag


class SupervisorUser(HttpUser):
    """The hall supervisor's fleet page, refreshing its data every FLEET_S."""

    weight = 1
    fixed_count = 1

    def wait_time(self) -> float:
        return FLEET_S

    def on_start(self) -> None:
        form = self.client.get("/fleet/login", name="fleet login")
        token = _TOKEN_RE.search(form.text)
        reply = self.client.post(
            "/fleet/login", name="fleet login", allow_redirects=False,
            data={"csrf_token": token.group(1) if token else "", "name": SUPERVISOR,
                  "password": SUPERVISOR_PASSWORD},
        )
        if reply.status_code != 303:
            raise RuntimeError(f"supervisor login failed: HTTP {reply.status_code}")

    @task
    def fleet(self) -> None:
        with self.client.get("/v1/fleet", name="fleet (1,000 terminals)", catch_response=True) as reply:
            _expect(reply, 200)


class FloorUser(HttpUser):
    """The floor: GET /v1/health (no signature, one small query) once a second, through the same
    locust, HAProxy and hub processes at the same time, so each endpoint's figures can be read as
    a ratio to what the loaded machine and the path alone cost."""

    weight = 1
    fixed_count = 1

    def wait_time(self) -> float:
        return FLOOR_S

    @task
    def health(self) -> None:
        with self.client.get("/v1/health", name="floor (health)", catch_response=True) as reply:
            _expect(reply, 200)


def _expect(reply, *statuses: int) -> None:  # type: ignore[no-untyped-def]
    if reply.status_code in statuses:
        reply.success()
    else:
        reply.failure(f"HTTP {reply.status_code}: {reply.text[:200]}")
