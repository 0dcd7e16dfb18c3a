"""Status changes reach a webhook receiver on 127.0.0.1: signed, retried with back-off, never in the way.

The receiver holds its first request until the status change (what the departments' API and
`hub set-status` call) has returned, so the change cannot have waited for the webhook; then it
fails once with 500; the notice must still arrive, signed as documented, with no personal data.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
import uuid
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from hub_signing import SignedClient

from flows.application_number import make_number
from hub.catalog import DEFAULT_CATALOG_DIR
from hub.matter_status import Status, StatusChange
from hub.notifier import retry_delay
from hub.server import EmbeddedHub, start_embedded

WEBHOOK_SECRET = "webhook-secret-0123456789abcdef"
TERMINAL, TERMINAL_SECRET = "XH-001", "notifier-terminal-secret-0123"


class Receiver:
    """A webhook endpoint: records every POST; the first waits for `release`, then answers 500."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.arrived = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with receiver.arrived:
                    receiver.received.append((dict(self.headers), body))
                    first = len(receiver.received) == 1
                    receiver.arrived.notify_all()
                if first:
                    receiver.release.wait(20)
                self.send_response(500 if first else 204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/onestop"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def wait_for(self, count: int, timeout_s: float = 30.0) -> bool:
        with self.arrived:
            return self.arrived.wait_for(lambda: len(self.received) >= count, timeout_s)

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    running = Receiver()
    yield running
    running.stop()


@pytest.fixture
def notifying_hub(db_url: str, tmp_path: Path, receiver: Receiver) -> Iterator[EmbeddedHub]:
    hub = start_embedded(
        db_url,
        terminals={TERMINAL: TERMINAL_SECRET},
        key_path=tmp_path / "keys" / "hub.key",
        catalog_dir=DEFAULT_CATALOG_DIR,
        webhook=(receiver.url, WEBHOOK_SECRET),
        webhook_backoff_s=0.05,
    )
    yield hub
    hub.stop()


def test_a_status_change_is_signed_retried_and_never_waited_for(
    notifying_hub: EmbeddedHub, receiver: Receiver
) -> None:
    terminal = SignedClient(notifying_hub.url, TERMINAL, TERMINAL_SECRET)
    number = make_number(TERMINAL, date(2026, 12, 1), 1)
    item = {
        "application_id": str(uuid.uuid4()),
        "theme": "restaurant",
        "created_at": "2026-12-01T02:00:00Z",
        "application_number": number,
        "tracking_token": secrets.token_urlsafe(16),
        "body": {
            "applicant": {"name": "李四", "id_number": "110101199003070011"},
            "matters": ["food_business"],
        },
    }
    assert terminal.post("/v1/applications/batch", {"items": [item]}).status_code == 200
    changed = notifying_hub.service.progress.change(
        number, "food_business", StatusChange(Status.ACCEPTED), actor="department:xuhui-amr"
    )
    assert changed.status == Status.ACCEPTED  # returned while the receiver still holds the first notice
    assert receiver.wait_for(1)
    assert not receiver.release.is_set()
    receiver.release.set()
    assert receiver.wait_for(2), "the notice is retried after the receiver's 500"

    for headers, body in receiver.received:
        timestamp = headers["X-OneStop-Timestamp"]
        expected = hmac.new(WEBHOOK_SECRET.encode(), timestamp.encode() + b"\n" + body, hashlib.sha256)
        assert hmac.compare_digest(headers["X-OneStop-Signature"], expected.hexdigest())
    notice = json.loads(receiver.received[-1][1])
    assert notice["application_number"] == number and notice["status"] == "accepted"
    assert notice["matter_id"] == "food_business" and isinstance(notice["event_id"], int)
    assert (
        "李四" not in receiver.received[-1][1].decode() and "110101" not in receiver.received[-1][1].decode()
    )
    assert _eventually(lambda: notifying_hub.service.notifier.counts().get("sent") == 1)
    terminal.close()


def test_back_off_grows_and_is_capped() -> None:
    assert retry_delay(1, 1.0, 300.0, rand=lambda: 1.0) == 1.0
    assert retry_delay(4, 1.0, 300.0, rand=lambda: 1.0) == 8.0
    assert retry_delay(30, 1.0, 300.0, rand=lambda: 1.0) == 300.0
    assert retry_delay(3, 1.0, 300.0, rand=lambda: 0.0) == 0.0


def _eventually(condition: Any, timeout_s: float = 10.0) -> bool:
    done = threading.Event()
    for _ in range(int(timeout_s / 0.05)):
        if condition():
            return True
        done.wait(0.05)
    return bool(condition())
