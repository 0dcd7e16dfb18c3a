"""A tiny signed HTTP client for the hub tests, written from the wire rule in hub/README.md.

It deliberately does not import hub.auth: the tests check the hub against the documented
rule, not against its own implementation.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
import uuid
from typing import Any
from urllib.parse import urlsplit

import requests


def signature(secret: str, method: str, target: str, timestamp: str, nonce: str, body: bytes) -> str:
    message = "\n".join([method.upper(), target, timestamp, nonce, hashlib.sha256(body).hexdigest()])
    return hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()


class SignedClient:
    """Sends signed JSON requests for one terminal to a hub at base_url."""

    def __init__(self, base_url: str, terminal_id: str, secret: str) -> None:
        self.base_url = base_url
        self.terminal_id = terminal_id
        self.secret = secret
        self.session = requests.Session()
        self.session.trust_env = False

    def headers(
        self, method: str, target: str, body: bytes, timestamp: int | None = None, nonce: str | None = None
    ) -> dict[str, str]:
        ts = str(int(time.time()) if timestamp is None else timestamp)
        once = nonce or secrets.token_urlsafe(16)
        return {
            "X-Terminal-Id": self.terminal_id,
            "X-Timestamp": ts,
            "X-Nonce": once,
            "X-Signature": signature(self.secret, method, target, ts, once, body),
            "Content-Type": "application/json",
        }

    def request(
        self,
        method: str,
        target: str,
        body: Any = None,
        extra_headers: dict[str, str] | None = None,
        timestamp: int | None = None,
    ) -> requests.Response:
        raw = b"" if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers = {**self.headers(method, target, raw, timestamp), **(extra_headers or {})}
        return self.session.request(method, self.base_url + target, data=raw, headers=headers, timeout=30)

    def get(self, target: str, **kw: Any) -> requests.Response:
        return self.request("GET", target, **kw)

    def post(self, target: str, body: Any, **kw: Any) -> requests.Response:
        return self.request("POST", target, body, **kw)

    def post_application(self, item: dict[str, Any]) -> requests.Response:
        return self.post("/v1/applications", item, extra_headers={"Idempotency-Key": item["application_id"]})

    def close(self) -> None:
        self.session.close()


def target_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def make_item(**overrides: Any) -> dict[str, Any]:
    item = {
        "application_id": str(uuid.uuid4()),
        "theme": "open_cafe",
        "created_at": "2026-11-27T19:00:00+08:00",
        "body": {
            "applicant": {"name": "张伟", "id_number": "310104198503123011"},
            "answers": {"form": "llc"},
        },
    }
    item.update(overrides)
    return item
