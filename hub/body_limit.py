"""Refuse request bodies above a size limit (413) before any route reads them.

`read_body` is shared with the signed-request gate (hub/request_gate.py), which reads the
body only after the headers were checked, so an unsigned caller never gets a body buffered.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_CHUNKS = 1_000_000


def declared_too_large(scope: Scope, max_bytes: int) -> bool:
    """True when Content-Length is malformed or above max_bytes (checked before reading anything)."""
    declared = dict(scope.get("headers", [])).get(b"content-length")
    return declared is not None and (not declared.isdigit() or int(declared) > max_bytes)


async def read_body(receive: Receive, max_bytes: int) -> bytes | None:
    """The whole request body, or None as soon as it grows past max_bytes."""
    chunks: list[bytes] = []
    size = 0
    for _ in range(MAX_CHUNKS):
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > max_bytes:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def replaying(body: bytes, receive: Receive) -> Receive:
    """A receive callable that hands the already-read body to the app once, then defers to `receive`."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def send_error(
    send: Send, status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> None:
    """An error reply in the hub's usual shape, {"error": code, "message": text}, straight on the wire."""
    payload = json.dumps({"error": code, "message": message}, ensure_ascii=False).encode()
    extra = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()]
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
                *extra,
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})


async def too_large(send: Send, max_bytes: int) -> None:
    await send_error(
        send, 413, "payload_too_large", f"request body is larger than {max_bytes} bytes: send smaller batches"
    )


class BodyLimit:
    """ASGI middleware: 413 when Content-Length or the streamed body exceeds max_bytes."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if declared_too_large(scope, self.max_bytes):
            await too_large(send, self.max_bytes)
            return
        body = await read_body(receive, self.max_bytes)
        if body is None:
            await too_large(send, self.max_bytes)
            return
        await self.app(scope, replaying(body, receive), send)
