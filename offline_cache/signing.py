"""The wire's request signature: HMAC-SHA256 over method, target, timestamp, nonce and body hash.

Kept apart from the HTTP client so the exact string that is signed is written
down once (docs/CONTRACTS.md, "Wire") and can be checked by tests on its own.
TARGET is the path plus "?" and the query string exactly as sent, so the hub can
tell a query changed in flight; the nonce is new for every request, so the hub can
refuse a copy of one.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets


def new_nonce() -> str:
    """A fresh 22-character URL-safe nonce (128 random bits)."""
    return secrets.token_urlsafe(16)


def signing_string(method: str, target: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    """`METHOD\\nTARGET\\nTIMESTAMP\\nNONCE\\nsha256hex(body)` — TARGET with its query string."""
    return f"{method.upper()}\n{target}\n{timestamp}\n{nonce}\n{hashlib.sha256(body).hexdigest()}".encode()


def sign(secret: str | bytes, method: str, target: str, timestamp: str, nonce: str, body: bytes) -> str:
    """Hex HMAC-SHA256 of the signing string under the terminal's secret."""
    key = secret.encode() if isinstance(secret, str) else secret
    return hmac.new(key, signing_string(method, target, timestamp, nonce, body), hashlib.sha256).hexdigest()


def signed_headers(
    terminal_id: str,
    secret: str | bytes,
    method: str,
    target: str,
    timestamp: int,
    body: bytes,
    nonce: str | None = None,
) -> dict[str, str]:
    """The four authentication headers every request to the hub carries (a new nonce unless given)."""
    stamp = str(int(timestamp))
    once = nonce or new_nonce()
    return {
        "X-Terminal-Id": terminal_id,
        "X-Timestamp": stamp,
        "X-Nonce": once,
        "X-Signature": sign(secret, method, target, stamp, once, body),
    }
