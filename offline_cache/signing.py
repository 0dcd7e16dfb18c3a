"""The wire's request signature: HMAC-SHA256 over method, path, timestamp and body hash.

Kept apart from the HTTP client so the exact string that is signed is written
down once (docs/CONTRACTS.md, "Wire") and can be checked by tests on its own.
"""

from __future__ import annotations

import hashlib
import hmac


def signing_string(method: str, path: str, timestamp: str, body: bytes) -> bytes:
    """`METHOD\\nPATH\\nTIMESTAMP\\nsha256hex(body)` — PATH without the query string."""
    return f"{method.upper()}\n{path}\n{timestamp}\n{hashlib.sha256(body).hexdigest()}".encode()


def sign(secret: str | bytes, method: str, path: str, timestamp: str, body: bytes) -> str:
    """Hex HMAC-SHA256 of the signing string under the terminal's secret."""
    key = secret.encode() if isinstance(secret, str) else secret
    return hmac.new(key, signing_string(method, path, timestamp, body), hashlib.sha256).hexdigest()


def signed_headers(
    terminal_id: str, secret: str | bytes, method: str, path: str, timestamp: int, body: bytes
) -> dict[str, str]:
    """The three authentication headers every request to the hub carries."""
    stamp = str(int(timestamp))
    return {
        "X-Terminal-Id": terminal_id,
        "X-Timestamp": stamp,
        "X-Signature": sign(secret, method, path, stamp, body),
    }
