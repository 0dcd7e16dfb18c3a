"""Request signatures: how a terminal (or any signed caller) proves who it is on every request.

The rule (the wire contract in docs/CONTRACTS.md, restated in hub/README.md):

    canonical = METHOD + "\\n" + TARGET + "\\n" + TIMESTAMP + "\\n" + NONCE + "\\n" + sha256hex(BODY)
    X-Signature = hex(HMAC-SHA256(key=secret as UTF-8 bytes, msg=canonical as UTF-8 bytes))

METHOD is upper case; TARGET is the path as sent (percent-encoding untouched), followed
by "?" and the raw query string when there is one, so a changed query breaks the
signature; TIMESTAMP is the exact X-Timestamp header text (unix seconds, an integer);
NONCE is the X-Nonce header text (16-64 characters of A-Z a-z 0-9 _ -, new for every
request); BODY is the raw request body bytes (empty for GET, so sha256hex("") =
e3b0c442...b855). Requests more than WINDOW_S seconds away from the hub's clock are
refused, and the hub records every nonce for that window (hub/nonces.py), so a copy of
a signed request is refused too. Only the pure rule lives here; hub/request_gate.py
applies it to HTTP requests.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from hub.errors import AuthError

WINDOW_S = 300
_TIMESTAMP_RE = re.compile(r"^\d{1,12}$")
_NONCE_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_TERMINAL_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def body_digest(body: bytes) -> str:
    """Lower-case hex SHA-256 of the raw body bytes."""
    return hashlib.sha256(body).hexdigest()


def canonical_string(method: str, target: str, timestamp: str, nonce: str, body: bytes) -> str:
    """The exact text that is signed: METHOD, TARGET, TIMESTAMP, NONCE, sha256hex(body), one per line."""
    return "\n".join((method.upper(), target, timestamp, nonce, body_digest(body)))


def sign(secret: str, method: str, target: str, timestamp: str, nonce: str, body: bytes) -> str:
    """Hex HMAC-SHA256 of the canonical string under the caller's secret."""
    message = canonical_string(method, target, timestamp, nonce, body).encode("utf-8")
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def is_valid_terminal_id(terminal_id: str) -> bool:
    """Terminal ids are short ASCII names: letters, digits, '.', '_' and '-' (at most 64)."""
    return bool(_TERMINAL_ID_RE.match(terminal_id))


def check_timestamp(timestamp: str, now: float, window_s: int = WINDOW_S) -> None:
    """Refuse a malformed timestamp or one outside ±window_s of now."""
    if not _TIMESTAMP_RE.match(timestamp):
        raise AuthError("X-Timestamp must be unix seconds (an integer)")
    skew = int(timestamp) - now
    if abs(skew) > window_s:
        raise AuthError(
            f"request timestamp is {int(skew)} s away from the hub clock (allowed ±{window_s} s): "
            "check the terminal's clock"
        )


def check_nonce(nonce: str) -> None:
    """Refuse a nonce that is not 16-64 URL-safe characters (too short to be unique, or unsafe to store)."""
    if not _NONCE_RE.match(nonce):
        raise AuthError(
            "X-Nonce must be 16-64 characters of A-Z, a-z, 0-9, '_' or '-', new for every request"
        )


def target_of(path: str, query: str) -> str:
    """TARGET of the signing rule: the raw path, plus '?' and the raw query string when there is one."""
    return f"{path}?{query}" if query else path


def verify_signature(
    secret: str, method: str, target: str, timestamp: str, nonce: str, body: bytes, signature: str
) -> None:
    """Raise AuthError unless `signature` signs exactly this request (the query string included)."""
    expected = sign(secret, method, target, timestamp, nonce, body)
    given = signature.strip().lower()
    if not hmac.compare_digest(expected.encode("ascii"), given.encode("utf-8", "replace")):
        raise AuthError("request signature does not match: check the secret and the signing rule")
