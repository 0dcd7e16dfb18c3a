"""The signed-request gate: every signed route is authenticated before its body is parsed.

An ASGI middleware in front of FastAPI checks, in this order and before any route or
JSON parser sees the request: the four headers are there (else 401 without reading the
body), the caller id is well formed, the timestamp is inside the window, the nonce is
well formed, Content-Length is within the limit (else 413), the caller is known (401) and
not revoked (403); only then is the body read (bounded, 413 past the limit), the HMAC
checked (hub/auth.py) and the nonce claimed in the database (hub/nonces.py: 401
`replayed` for a copy). The route then reads who signed from `request.state`.

Reusable for any kind of signed caller: a `SignedArea` names a path prefix, the header
carrying the caller's id and how to find its secret. `require_signed(app, area)` adds
the area to the gate and returns the FastAPI dependency that yields the verified id
(terminals use it for /v1; another area, e.g. departments with their own credentials,
uses it the same way under its own prefix and header). Areas are matched longest
prefix first.
"""


import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import FastAPI, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.security import APIKeyHeader
from starlette.types import ASGIApp, Receive, Scope, Send

from hub.auth import check_nonce, check_timestamp, target_of, verify_signature
from hub.body_limit import declared_too_large, read_body, replaying, send_error, too_large
from hub.db import Transaction
from hub.errors import AuthError, HubBusy, HubError
from hub.nonces import NonceStore

SIGNED_HEADERS = ("X-Timestamp", "X-Nonce", "X-Signature")


@dataclass(frozen=True)
class SignedArea:
    """Paths under `prefix` (except `exempt`) need a request signed by a caller of one kind."""

    prefix: str  # "/v1/"
    kind: str  # "terminal": nonces are kept per kind and id
    id_header: str  # "X-Terminal-Id"
    secret_for: Callable[[str], str]  # may block (runs in a thread); AuthError / TerminalDisabled
    valid_id: Callable[[str], bool]
    still_allowed: Callable[[Transaction, str], bool] | None = None  # re-checked in the nonce's transaction
    cached_secret: Callable[[str], str | None] | None = None  # a fast path that never blocks
    exempt: frozenset[str] = field(default_factory=frozenset)

    def covers(self, path: str) -> bool:
        return path.startswith(self.prefix) and path not in self.exempt


@dataclass(frozen=True)
class SignedCaller:
    kind: str
    caller_id: str


class SignedRequestGate:
    """ASGI middleware applying the signing rule to every area registered in `areas` (a live list)."""

    def __init__(
        self,
        app: ASGIApp,
        areas: list[SignedArea],
        nonces: NonceStore,
        window_s: int,
        max_body_bytes: int,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.app = app
        self.areas = areas
        self.nonces = nonces
        self.window_s = window_s
        self.max_body_bytes = max_body_bytes
        self.clock = clock

    def _area_for(self, path: str) -> SignedArea | None:
        matching = [a for a in self.areas if a.covers(path)]
        return max(matching, key=lambda a: len(a.prefix)) if matching else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        area = self._area_for(scope.get("path", "")) if scope["type"] == "http" else None
        if area is None:
            await self.app(scope, receive, send)
            return
        try:
            caller_id, body = await self._verify(area, scope, receive)
        except _TooLarge:
            await too_large(send, self.max_body_bytes)
            return
        except HubError as exc:
            retry = {"Retry-After": "1"} if isinstance(exc, HubBusy) else None
            await send_error(send, exc.status, exc.code, exc.message, retry)
            return
        scope.setdefault("state", {})["signed_by"] = SignedCaller(area.kind, caller_id)
        await self.app(scope, replaying(body, receive), send)

    async def _verify(self, area: SignedArea, scope: Scope, receive: Receive) -> tuple[str, bytes]:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        caller_id = headers.get(area.id_header.lower())
        timestamp, nonce, signature = (headers.get(h.lower()) for h in SIGNED_HEADERS)
        if not caller_id or not timestamp or not nonce or not signature:
            raise AuthError(
                f"request is not signed: {area.id_header}, X-Timestamp, X-Nonce and X-Signature are required"
            )
        if not area.valid_id(caller_id):
            raise AuthError(f"{area.id_header} is not a valid id")
        check_timestamp(timestamp, self.clock(), self.window_s)
        check_nonce(nonce)
        if declared_too_large(scope, self.max_body_bytes):
            raise _TooLarge
        cached = area.cached_secret(caller_id) if area.cached_secret else None
        secret = cached if cached is not None else await run_in_threadpool(area.secret_for, caller_id)
        body = await read_body(receive, self.max_body_bytes)
        if body is None:
            raise _TooLarge
        raw_path = scope.get("raw_path") or scope["path"].encode("utf-8")
        target = target_of(raw_path.decode("latin-1"), scope.get("query_string", b"").decode("latin-1"))
        method = scope["method"]
        try:
            verify_signature(secret, method, target, timestamp, nonce, body, signature)
        except AuthError:
            if cached is None:
                raise
            fresh = await run_in_threadpool(area.secret_for, caller_id)  # re-registered since it was cached
            verify_signature(fresh, method, target, timestamp, nonce, body, signature)
        allowed = area.still_allowed
        await run_in_threadpool(
            self.nonces.claim,
            f"{area.kind}:{caller_id}",
            nonce,
            float(int(timestamp) + self.window_s + 1),
            (lambda tx: allowed(tx, caller_id)) if allowed else None,
        )
        return caller_id, body


class _TooLarge(Exception):
    """The body is (or says it is) over the limit."""


def require_signed(app: FastAPI, area: SignedArea) -> Callable[..., str]:
    """Register `area` with the app's gate; the returned dependency yields the verified caller id.

    The header parameters only document the scheme in OpenAPI; the gate has already
    checked them. A route reached without the gate's verdict (not covered by the area)
    is refused, so a forgotten registration fails closed.
    """
    app.state.signed_areas.append(area)
    id_scheme = APIKeyHeader(
        name=area.id_header, scheme_name=_scheme_name(area.id_header), auto_error=False,
        description=f"registered {area.kind} id",
    )

    def signed_caller(
        request: Request,
        caller_id: Annotated[str | None, Security(id_scheme)],
        timestamp: Annotated[str | None, Security(_TIMESTAMP)],
        nonce: Annotated[str | None, Security(_NONCE)],
        signature: Annotated[str | None, Security(_SIGNATURE)],
    ) -> str:
        verdict: Any = getattr(request.state, "signed_by", None)
        if not isinstance(verdict, SignedCaller) or verdict.kind != area.kind:
            raise AuthError(f"this route needs a request signed by a {area.kind}")
        return verdict.caller_id

    return signed_caller


def _scheme_name(header: str) -> str:
    return header.removeprefix("X-").replace("-", "")


_TIMESTAMP = APIKeyHeader(
    name="X-Timestamp", scheme_name="Timestamp", auto_error=False, description="unix seconds"
)
_NONCE = APIKeyHeader(
    name="X-Nonce",
    scheme_name="Nonce",
    auto_error=False,
    description="16-64 of A-Za-z0-9_-, new for every request",
)
_SIGNATURE = APIKeyHeader(
    name="X-Signature", scheme_name="Signature", auto_error=False, description="hex HMAC-SHA256, see above"
)
