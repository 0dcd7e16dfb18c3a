"""The terminal's HTTP client for the hub: signed JSON requests per the wire contract.

Every failure becomes one of three typed errors the caller can act on:
`HubUnavailable` (try later: network, timeout, 5xx, 429), `HubAuthError`
(401/403: stop and alert staff) and `HubRejected` (the hub refused this
request as given). One `requests.Session` is reused; proxies and CA bundles
from the environment are ignored (trust_env off). requests (with urllib3, ~40 ms and a few
MiB) loads with the first request, on the thread that makes it, not with the kiosk.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

import msgspec

from offline_cache.outbox import RATING, OutgoingItem
from offline_cache.retry_after import parse_retry_after
from offline_cache.signing import signed_headers

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)

ITEM_VERDICT_STATUSES = (400, 413, 422)
"""Statuses that are the hub's verdict on the data sent; any other 4xx means a wrong address or route."""

ItemStatus = Literal["created", "replayed", "conflict", "rejected", "in_flight"]


class HubError(Exception):
    """Base of the hub client's errors."""


class HubUnavailable(HubError):
    """The hub could not be reached or answered 5xx/429; try again later."""

    def __init__(self, message: str, retry_after_s: float | None = None, status: int | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s
        self.status = status


class HubAuthError(HubError):
    """The hub refused this terminal's credentials (401/403); sync stops until staff fix them."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class HubRejected(HubError):
    """The hub refused the request as given (a 4xx other than 401/403/429)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class HubProtocolError(HubUnavailable):
    """The hub answered, but not in the shape of the wire contract."""


class ItemResult(msgspec.Struct, frozen=True):
    """The hub's verdict on one application."""

    application_id: str
    status: ItemStatus
    receipt: str | None = None
    error: str | None = None

    @property
    def stored(self) -> bool:
        return self.status in ("created", "replayed")


class _BatchResult(msgspec.Struct):
    """One item's verdict in a batch reply (fields the contract may add later are ignored).

    Applications are answered under ``application_id``, ratings under ``rating_id``.
    """

    status: Literal["created", "replayed", "conflict", "rejected"]
    application_id: str | None = None
    rating_id: str | None = None
    receipt: str | None = None
    error: str | None = None

    def __post_init__(self) -> None:
        if self.application_id is None and self.rating_id is None:
            raise ValueError("a result names neither application_id nor rating_id")

    def item_id(self) -> str:
        return self.application_id if self.application_id is not None else str(self.rating_id)


class _BatchReply(msgspec.Struct):
    results: list[_BatchResult]


def _error_code(response: requests.Response) -> str | None:
    try:
        data = response.json()
    except ValueError:
        return None
    code = data.get("error") if isinstance(data, dict) else None
    return code if isinstance(code, str) else None


def _short_error(response: requests.Response) -> str:
    """A short reason from an error reply (status and the hub's error code, no bodies echoed)."""
    reason = ""
    try:
        data = response.json()
    except ValueError:
        data = None
    if isinstance(data, dict):
        for key in ("error", "code", "detail"):
            value = data.get(key)
            if isinstance(value, str):
                reason = value
                break
    return f"HTTP {response.status_code} {reason}".strip()[:200]


_sequence_lock = threading.Lock()
_last_sequence = 0


def next_heartbeat_sequence(now_ms: Callable[[], int] = lambda: time.time_ns() // 1_000_000) -> int:
    """Unix time in ms, or one more than the last value when that does not grow (one process).

    Increasing across restarts too, as long as the clock does not step back further than the
    time a restart takes; the hub refuses clocks more than 300 s off anyway.
    """
    global _last_sequence
    with _sequence_lock:
        _last_sequence = max(_last_sequence + 1, now_ms())
        return _last_sequence


def _receipt_of(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)


class HubClient:
    """Signed requests to one hub for one terminal."""

    def __init__(
        self,
        base_url: str,
        terminal_id: str,
        secret: str | bytes,
        timeout: tuple[float, float] = (3.05, 10.0),
        clock: Callable[[], float] = time.time,
        verify: bool | str = True,
    ) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"hub address must look like https://host:port, got {base_url!r}")
        self.base_url = base_url.rstrip("/")
        self.terminal_id = terminal_id
        self._secret = secret
        self.timeout = timeout
        self._clock = clock
        self._verify = verify
        self._session: requests.Session | None = None
        self._session_lock = threading.Lock()

    @property
    def session(self) -> requests.Session:
        """The one session, made at the first request (the sync thread's, or a look-up's)."""
        with self._session_lock:
            if self._session is None:
                import requests

                session = requests.Session()
                session.trust_env = False
                session.verify = self._verify
                session.headers.update({"Accept": "application/json", "User-Agent": "onestop-kiosk"})
                self._session = session
            return self._session

    def close(self) -> None:
        with self._session_lock:
            session, self._session = self._session, None
        if session is not None:
            session.close()

    def __enter__(self) -> HubClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transport ---------------------------------------------------------------

    def _request(
        self,
        method: str,
        path: str,
        payload: Any = None,
        params: dict[str, str] | None = None,
        extra_headers: dict[str, str] | None = None,
    ) -> requests.Response:
        import requests

        body = (
            b""
            if payload is None
            else json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
        )
        prepared = self.session.prepare_request(
            requests.Request(method, self.base_url + path, data=body or None, params=params)
        )
        # Sign the target exactly as it goes on the wire: the path and the encoded query string.
        headers = signed_headers(
            self.terminal_id, self._secret, method, prepared.path_url, int(self._clock()), body
        )
        if payload is not None:
            headers["Content-Type"] = "application/json"
        if extra_headers:
            headers.update(extra_headers)
        prepared.headers.update(headers)
        try:
            response = self.session.send(prepared, timeout=self.timeout, allow_redirects=False)
        except requests.Timeout as exc:
            raise HubUnavailable(f"hub did not answer {method} {path} in time") from exc
        except requests.RequestException as exc:
            raise HubUnavailable(f"hub unreachable for {method} {path}: {type(exc).__name__}") from exc
        self._raise_for_transport(response, method, path)
        return response

    @staticmethod
    def _raise_for_transport(response: requests.Response, method: str, path: str) -> None:
        status = response.status_code
        if status == 401 and _error_code(response) == "replayed":
            # Our own request arrived twice (a proxy resent it): not a credential problem. The
            # next attempt is signed anew, and application writes answer it with the stored receipt.
            raise HubUnavailable(
                f"hub saw {method} {path} twice (resent on the way); retrying", status=status
            )
        if status in (401, 403):
            raise HubAuthError(
                f"hub refused this terminal's credentials ({status}) on {method} {path}; "
                "check the terminal id, secret and clock",
                status,
            )
        if status == 429 or status >= 500:
            raise HubUnavailable(
                f"hub busy or failing: {_short_error(response)} on {method} {path}",
                retry_after_s=parse_retry_after(response.headers.get("Retry-After")),
                status=status,
            )

    @staticmethod
    def _json(response: requests.Response, what: str) -> Any:
        try:
            return response.json()
        except ValueError as exc:
            raise HubProtocolError(
                f"hub sent a non-JSON reply for {what}", status=response.status_code
            ) from exc

    def _misdirected(self, response: requests.Response, what: str) -> HubUnavailable:
        """A status that judges no application (404, 405, 3xx…): the address is wrong, not the data."""
        return HubUnavailable(
            f"hub answered {what} with {_short_error(response)}; check the hub address {self.base_url}",
            status=response.status_code,
        )

    def _rejected(self, response: requests.Response, what: str) -> HubRejected:
        return HubRejected(f"hub refused {what}: {_short_error(response)}", response.status_code)

    # -- applications ------------------------------------------------------------

    def send_batch(self, items: Sequence[OutgoingItem]) -> list[ItemResult]:
        """POST a batch (≤ 50); one result per item sent, in the hub's words."""
        if not items:
            return []
        kinds = {item.kind for item in items}
        if len(kinds) != 1:
            raise ValueError("a batch holds one message kind")
        route = "/v1/ratings/batch" if kinds == {RATING} else "/v1/applications/batch"
        response = self._request("POST", route, {"items": [item.wire() for item in items]})
        if response.status_code in ITEM_VERDICT_STATUSES:
            raise self._rejected(response, "the batch")
        if response.status_code != 200:
            raise self._misdirected(response, "the batch")
        try:
            reply = msgspec.convert(self._json(response, "the batch"), _BatchReply, strict=True)
        except msgspec.ValidationError as exc:
            raise HubProtocolError(
                f"hub batch reply does not match the wire contract ({exc})",
                status=response.status_code,
            ) from exc
        return [ItemResult(r.item_id(), r.status, r.receipt, r.error) for r in reply.results]

    def send_one(self, item: OutgoingItem) -> ItemResult:
        """POST one message: an application with its Idempotency-Key, a rating as a batch of one."""
        if item.kind == RATING:
            results = self.send_batch([item])
            if len(results) != 1:
                raise HubProtocolError("hub rating reply does not hold exactly one result")
            return results[0]
        return self._send_application(item)

    def _send_application(self, item: OutgoingItem) -> ItemResult:
        """POST one application with its Idempotency-Key.

        201 created, 200 replayed, 422 conflict (same id, other body), 409 still in flight.
        """
        response = self._request(
            "POST", "/v1/applications", item.wire(), extra_headers={"Idempotency-Key": item.application_id}
        )
        status = response.status_code
        if status in (200, 201):
            data = self._json(response, "the application")
            receipt = _receipt_of(data.get("receipt")) if isinstance(data, dict) else None
            return ItemResult(item.application_id, "created" if status == 201 else "replayed", receipt)
        if status == 409:
            return ItemResult(item.application_id, "in_flight", error=_short_error(response))
        if status == 422 and _error_code(response) == "conflict":
            return ItemResult(item.application_id, "conflict", error=_short_error(response))
        if status in ITEM_VERDICT_STATUSES:
            return ItemResult(item.application_id, "rejected", error=_short_error(response))
        raise self._misdirected(response, "the application")

    def received_since(self, since_iso: str, max_pages: int = 100) -> list[str]:
        """Application ids the hub holds from this terminal since a time (reconciliation).

        Follows the hub's pages (`truncated`, `last_received_at`) up to `max_pages`.
        """
        seen: dict[str, None] = {}
        since = since_iso
        for _ in range(max_pages):
            response = self._request("GET", "/v1/applications/received", params={"since": since})
            if response.status_code != 200:
                raise self._rejected(response, "the reconciliation query")
            data = self._json(response, "the reconciliation query")
            ids = data.get("ids") if isinstance(data, dict) else None
            if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
                raise HubProtocolError("hub reconciliation reply has no list of ids")
            seen.update(dict.fromkeys(ids))
            last = data.get("last_received_at")
            if not data.get("truncated") or not isinstance(last, str) or last == since:
                break
            since = last
        return list(seen)

    # -- look-ups ----------------------------------------------------------------------

    def _lookup(self, path: str, payload: dict[str, Any], what: str) -> dict[str, Any] | None:
        response = self._request("POST", path, payload)
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise self._rejected(response, what)
        data = self._json(response, what)
        if not isinstance(data, dict):
            raise HubProtocolError(f"hub reply for {what} is not a JSON object")
        return data

    def person_profile(self, id_number: str) -> dict[str, Any] | None:
        return self._lookup("/v1/profiles/person", {"id_number": id_number}, "the person profile")

    def enterprise_profile(self, uscc: str) -> dict[str, Any] | None:
        return self._lookup("/v1/profiles/enterprise", {"uscc": uscc}, "the enterprise profile")

    def holdings(self, id_number: str, uscc: str | None) -> list[str]:
        data = self._lookup("/v1/elicences", {"id_number": id_number, "uscc": uscc}, "the e-licence holdings")
        if data is None:
            return []
        held = data.get("holdings")
        if not isinstance(held, list) or not all(isinstance(h, str) for h in held):
            raise HubProtocolError("hub e-licence reply has no list of holdings")
        return held

    def verify_city_app(self, token: str) -> dict[str, Any] | None:
        return self._lookup("/v1/cityapp/verify", {"token": token}, "the city-app code")

    def track(self, query: dict[str, str]) -> dict[str, Any] | None:
        """An application's progress: `{token}` from the receipt's QR, or `{application_number, id_last4}`;
        None when nothing matches (offline_cache.tracking_link builds the query)."""
        return self._lookup("/v1/tracking/lookup", query, "the application's progress")

    def heartbeat(self, payload: dict[str, Any]) -> None:
        """POST a heartbeat stamped with the next sequence (the hub keeps only the newest one)."""
        response = self._request("POST", "/v1/heartbeat", {**payload, "sequence": next_heartbeat_sequence()})
        if response.status_code not in (200, 204):
            raise self._rejected(response, "the heartbeat")

    def catalog(self, version: str = "latest", have: str | None = None) -> dict[str, Any] | None:
        """`{version, number, files}` of the catalog, or None when it is still `have` (a bodiless 304:
        the terminal sends If-None-Match with the version it holds). HubRejected(404) when unknown."""
        if not version or "/" in version:
            raise ValueError(f"catalog version must be a plain name, got {version!r}")
        condition = {"If-None-Match": f'"{have}"'} if have else None
        response = self._request("GET", f"/v1/catalog/{version}", extra_headers=condition)
        if response.status_code == 304:
            return None
        if response.status_code != 200:
            raise self._rejected(response, f"catalog {version}")
        data = self._json(response, "the catalog")
        if not isinstance(data, dict):
            raise HubProtocolError("hub catalog reply is not a JSON object")
        return data
