"""Request signatures: how a terminal proves who it is on every request.

The rule (the wire contract in docs/CONTRACTS.md, restated in hub/README.md):

    canonical = METHOD + "\\n" + TARGET + "\\n" + TIMESTAMP + "\\n" + sha256hex(BODY)
    X-Signature = hex(HMAC-SHA256(key=secret as UTF-8 bytes, msg=canonical as UTF-8 bytes))

METHOD is upper case; TARGET is the path as sent (percent-encoding untouched),
followed by "?" and the raw query string when there is one; TIMESTAMP is the exact
X-Timestamp header text (unix seconds, an integer); BODY is the raw request body
bytes (empty for GET, so sha256hex("") = e3b0c442...b855). The hub also accepts a
signature over the bare path without the query string, so a client that signs only
the path still works; the query is then not protected (only read-only GETs carry one).
Requests more than WINDOW_S seconds away from the hub's clock are refused.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from hub.errors import AuthError

WINDOW_S = 300
_TIMESTAMP_RE = re.compile(r"^\d{1,12}$")
_TERMINAL_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def body_digest(body: bytes) -> str:
    """Lower-case hex SHA-256 of the raw body bytes."""
    return hashlib.sha256(body).hexdigest()


def canonical_string(method: str, target: str, timestamp: str, body: bytes) -> str:
    """The exact text that is signed: METHOD, TARGET, TIMESTAMP, sha256hex(body), joined by newlines."""
    return "\n".join((method.upper(), target, timestamp, body_digest(body)))


def sign(secret: str, method: str, target: str, timestamp: str, body: bytes) -> str:
    """Hex HMAC-SHA256 of the canonical string under the terminal's secret."""
    message = canonical_string(method, target, timestamp, body).encode("utf-8")
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


def verify_signature(
    secret: str,
    method: str,
    path: str,
    query: str,
    timestamp: str,
    body: bytes,
    signature: str,
) -> None:
    """Raise AuthError unless `signature` signs this request (path with query, or bare path)."""
    targets = [f"{path}?{query}", path] if query else [path]
    given = signature.strip().lower()
    for target in targets:
        expected = sign(secret, method, target, timestamp, body)
        if hmac.compare_digest(expected.encode("ascii"), given.encode("utf-8", "replace")):
            return
    raise AuthError("request signature does not match: check the terminal secret and the signing rule")
