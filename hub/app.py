"""The hub's HTTP API (FastAPI): routes, request signing check, error replies.

Every /v1 route except /v1/health and /v1/fleet needs a signed request (see
hub/auth.py and hub/README.md); the terminal id comes from the verified
X-Terminal-Id header, never from a body. Write routes commit before they reply.
/v1/fleet and the /fleet pages (hub/fleet_pages.py) need a hall supervisor's login.
"""

from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from hub.applications import RECEIVED_LIMIT
from hub.auth import is_valid_terminal_id
from hub.body_limit import BodyLimit
from hub.catalog import CatalogVersion
from hub.demo_data import check_id_number
from hub.errors import HubBusy, HubError, NotFound
from hub.fleet_pages import install_fleet_pages, supervisor_dependency
from hub.models import (
    ApplicationIn,
    ApplicationReply,
    BatchIn,
    BatchReply,
    CatalogReply,
    CityAppQuery,
    EnterpriseQuery,
    ErrorReply,
    FleetOrder,
    FleetReply,
    Heartbeat,
    Holdings,
    HoldingsQuery,
    PersonQuery,
    RatingBatchIn,
    RatingBatchReply,
    ReceivedIds,
)
from hub.progress_routes import install_progress_routes
from hub.request_gate import SignedArea, SignedRequestGate, require_signed
from hub.service import HubService
from hub.sessions import SupervisorSession

API_DESCRIPTION = """\
Reference central hub of the OneStop kiosk fleet.

**Every request under /v1 (except /v1/health and /v1/fleet) is signed by the terminal.**
GET /v1/fleet needs a hall supervisor's session cookie instead (log in at /fleet/login).
Terminals sign as follows:

* `X-Terminal-Id`: the terminal id registered on the hub (`python -m hub add-terminal ID`)
* `X-Timestamp`: unix seconds (integer); refused when more than 300 s from the hub clock
* `X-Nonce`: 16-64 characters of `A-Za-z0-9_-`, new for every request; the hub records it for the
  time window (in its database, for every hub process) and refuses a second use with 401
  `{"error": "replayed"}`
* `X-Signature`: lower-case hex HMAC-SHA256, key = the terminal secret (UTF-8 bytes), message =
  `METHOD + "\\n" + TARGET + "\\n" + X-Timestamp + "\\n" + X-Nonce + "\\n" + sha256hex(raw body bytes)`
  (UTF-8), where METHOD is upper case and TARGET is the path as sent, plus `?` and the raw query
  string when there is one. For an empty body
  sha256hex = `e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855`.

The signature, timestamp and nonce are checked before the body is parsed: an unsigned request is
refused with 401 without its body being read. The terminal id is taken from these credentials,
never from a body. Replies to writes are sent only after the database COMMIT. A resend of an
application is a new request (new nonce) and gets the stored receipt back. Errors are
`{"error": code, "message": text}`.
"""

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorReply, "description": "the body could not be parsed"},
    403: {"model": ErrorReply, "description": "terminal revoked"},
    401: {
        "model": ErrorReply,
        "description": "unsigned, unknown terminal, bad or stale signature; "
        "`error: replayed` for a reused nonce",
    },
    413: {"model": ErrorReply, "description": "request body over 4 MiB"},
    503: {
        "model": ErrorReply,
        "description": "database busy or unavailable: retry after Retry-After seconds",
    },
}


def create_app(hub: HubService) -> FastAPI:
    docs = hub.settings.docs_enabled()
    app = FastAPI(
        title="OneStop reference hub",
        version="1.0.0",
        description=API_DESCRIPTION,
        docs_url="/docs" if docs else None,
        redoc_url="/redoc" if docs else None,
        openapi_url="/openapi.json" if docs else None,
    )
    app.add_middleware(BodyLimit, max_bytes=hub.settings.max_body_bytes)
    app.state.hub = hub
    app.state.signed_areas = []
    app.add_middleware(
        SignedRequestGate,
        areas=app.state.signed_areas,
        nonces=hub.nonces,
        window_s=hub.settings.signature_window_s,
        max_body_bytes=hub.settings.max_body_bytes,
    )
    _install_error_handlers(app)

    signed_terminal = require_signed(app, terminal_area(hub))
    Terminal = Annotated[str, Depends(signed_terminal)]

    @app.get("/v1/health", tags=["ops"])
    def health() -> dict[str, str | None]:
        """Unauthenticated liveness check (no data)."""
        return {"status": "ok", "database": hub.db.dialect, "catalog_version": hub.catalog.latest_version}

    @app.post(
        "/v1/applications",
        status_code=201,
        tags=["applications"],
        responses={
            **_ERRORS,
            200: {"model": ApplicationReply, "description": "replayed: already stored with the same body"},
            400: {"model": ErrorReply, "description": "Idempotency-Key missing or not the application_id"},
            409: {"model": ErrorReply, "description": "in flight: the same id is being received now"},
            422: {"description": "same application id, other body (`error: conflict`), or invalid body"},
        },
    )
    def post_application(
        item: ApplicationIn,
        response: Response,
        terminal_id: Terminal,
        idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
    ) -> ApplicationReply:
        """Store one application once. 201 created, 200 replayed (same body), 422 conflict, 409 in flight."""
        if not idempotency_key or idempotency_key.strip().lower() != str(item.application_id):
            raise HubError("the Idempotency-Key header must be present and equal the application_id")
        stored = hub.applications.receive_one(terminal_id, item)
        if stored.status == "replayed":
            response.status_code = 200
        return ApplicationReply(
            application_id=stored.application_id,
            status=stored.status,  # type: ignore[arg-type]
            receipt=stored.receipt or "",
            received_at=stored.received_at or "",
        )

    @app.post("/v1/applications/batch", tags=["applications"], responses=_ERRORS)
    def post_batch(batch: BatchIn, terminal_id: Terminal) -> BatchReply:
        """Store up to 50 applications in one transaction; each item reports created, replayed,
        conflict (same id, other body) or rejected (malformed; the others are still stored)."""
        return BatchReply(results=hub.applications.receive_batch(terminal_id, batch.items))

    @app.get("/v1/applications/received", tags=["applications"], responses=_ERRORS)
    def received(
        terminal_id: Terminal,
        since: datetime,
        limit: Annotated[int, Query(ge=1, le=RECEIVED_LIMIT)] = RECEIVED_LIMIT,
    ) -> ReceivedIds:
        """Ids this terminal delivered at or after `since` (hub receive time), oldest first."""
        ids, truncated, last = hub.applications.received_since(terminal_id, since, limit)
        return ReceivedIds(ids=ids, truncated=truncated, last_received_at=last)

    catalog_responses: dict[int | str, dict[str, Any]] = {
        **_ERRORS,
        304: {"description": "not modified: If-None-Match names this version (no body)"},
        404: {"model": ErrorReply, "description": "no such catalog (or none published yet)"},
    }

    @app.get("/v1/catalog/latest", tags=["catalog"], responses=catalog_responses)
    def catalog_latest(
        response: Response,
        terminal_id: Terminal,
        if_none_match: Annotated[str | None, Header(alias="If-None-Match")] = None,
    ) -> CatalogReply:
        """The catalog published last. ETag is `"<version>"`; with If-None-Match naming it the reply
        is a bodiless 304, so a terminal polling an unchanged catalog costs one small request."""
        latest = hub.catalog.latest_publication()
        if latest is None:
            raise NotFound("the hub has no catalog published")
        return _catalog_reply(hub.catalog.get(latest[0]), latest[0], if_none_match, response)

    @app.get("/v1/catalog/{version}", tags=["catalog"], responses=catalog_responses)
    def catalog_version(
        version: str,
        response: Response,
        terminal_id: Terminal,
        if_none_match: Annotated[str | None, Header(alias="If-None-Match")] = None,
    ) -> CatalogReply:
        """A catalog version the hub published before (for roll-back); same ETag rules."""
        return _catalog_reply(hub.catalog.get(version), version, if_none_match, response)

    @app.post("/v1/ratings/batch", tags=["ratings"], responses=_ERRORS)
    def post_ratings(batch: RatingBatchIn, terminal_id: Terminal) -> RatingBatchReply:
        """好差评, up to 50: stored once per (terminal, rating_id) and never counted as applications;
        each item reports created, replayed or rejected (malformed; the others are still stored)."""
        return RatingBatchReply(results=hub.ratings.receive_batch(terminal_id, batch.items))

    @app.post("/v1/profiles/person", tags=["look-ups"], responses={**_ERRORS, 404: {"model": ErrorReply}})
    def person_profile(query: PersonQuery, terminal_id: Terminal) -> dict[str, Any]:
        """一人一档: the person's profile by ID number (422 for a malformed number), with the
        delivery method of their last application here (``last_delivery_method``) when the hub
        has one; 404 when it knows neither."""
        id_number = check_id_number(query.id_number)
        found = hub.demo.person(id_number)
        last = hub.memory.last_delivery(id_number) if hub.memory is not None else None
        if found is None and last is None:
            raise NotFound("no person profile for this ID number")
        profile = dict(found) if found is not None else {"id_number": id_number}
        if last is not None:
            profile["last_delivery_method"] = last
        return profile

    @app.post("/v1/profiles/enterprise", tags=["look-ups"], responses={**_ERRORS, 404: {"model": ErrorReply}})
    def enterprise_profile(query: EnterpriseQuery, terminal_id: Terminal) -> dict[str, Any]:
        """一企一档: the enterprise profile by Unified Social Credit Code."""
        found = hub.demo.enterprise(query.uscc)
        if found is None:
            raise NotFound("no enterprise profile for this credit code")
        return found

    @app.post("/v1/elicences", tags=["look-ups"], responses=_ERRORS)
    def elicences(query: HoldingsQuery, terminal_id: Terminal) -> Holdings:
        """电子证照库: material types already held for the person and/or enterprise."""
        return Holdings(holdings=hub.demo.holdings(query.id_number, query.uscc))

    @app.post("/v1/cityapp/verify", tags=["look-ups"], responses={**_ERRORS, 404: {"model": ErrorReply}})
    def verify_city_app(query: CityAppQuery, terminal_id: Terminal) -> dict[str, Any]:
        """City-app QR token → the citizen's card identity fields; 404 for an unknown or expired token."""
        found = hub.demo.verify_city_app(query.token)
        if found is None:
            raise NotFound("the city-app code is not valid: ask the citizen to refresh it in the app")
        return found

    @app.post("/v1/heartbeat", status_code=204, tags=["fleet"], responses=_ERRORS)
    def heartbeat(beat: Heartbeat, terminal_id: Terminal) -> Response:
        """Device statuses, queue depth, versions and alerts; the last one per terminal is kept."""
        hub.fleet.record_heartbeat(terminal_id, beat.model_dump(mode="json"))
        return Response(status_code=204)

    Supervisor = Annotated[SupervisorSession, Depends(supervisor_dependency(hub))]

    @app.get(
        "/v1/fleet",
        tags=["fleet"],
        response_model=FleetReply,
        responses={401: {"model": ErrorReply, "description": "no supervisor session: log in first"}},
    )
    def fleet(
        supervisor: Supervisor,
        order: FleetOrder = "terminal_id",
        limit: Annotated[int | None, Query(ge=1, le=100_000)] = None,
    ) -> Response:
        """Every registered terminal with its last heartbeat, what the fleet page reads out of it
        (stale, device trouble, queue, versions, open alerts) and the applications of the last 24 h.
        `order=attention` lists the terminals needing a supervisor first; `limit` only the first
        rows (`counts` still covers the whole fleet)."""
        # JSON made by the fleet store, each row serialised once until it changes: FastAPI's own
        # path would validate the 1,000-row reply again and encode all of it twice per request.
        return Response(hub.fleet.overview_json(order, limit), media_type="application/json")

    install_fleet_pages(app, hub)
    install_progress_routes(app, hub, signed_terminal, _ERRORS)

    return app


def _catalog_reply(
    found: CatalogVersion | None, asked: str, if_none_match: str | None, response: Response
) -> Any:
    if found is None:
        raise NotFound(f"catalog version {asked[:80]!r} is not known to the hub")
    etag = f'"{found.version}"'
    if if_none_match is not None and etag in (t.strip() for t in if_none_match.split(",")):
        return Response(status_code=304, headers={"ETag": etag})
    response.headers["ETag"] = etag
    return CatalogReply(
        version=found.version, number=found.number, published_at=found.published_at, files=found.files
    )


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HubError)
    async def hub_error(request: Request, exc: HubError) -> JSONResponse:
        headers = {"Retry-After": "1"} if exc.status in (409, 503) or isinstance(exc, HubBusy) else None
        return JSONResponse(
            {"error": exc.code, "message": exc.message}, status_code=exc.status, headers=headers
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        # Routing and parsing errors (404, 405, unparsable body) in the same shape as every other error.
        code = {400: "bad_request", 404: "not_found", 405: "method_not_allowed"}.get(
            exc.status_code, "http_error"
        )
        return JSONResponse(
            {"error": code, "message": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers
        )

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        # Never echo the input back: it may carry an ID number or a name.
        detail = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
            for e in exc.errors()[:20]
        ]
        summary = "; ".join(f"{'.'.join(map(str, d['loc']))}: {d['msg']}" for d in detail[:5])
        return JSONResponse(
            {"error": "invalid_request", "message": summary or "invalid request", "detail": detail},
            status_code=422,
        )


def terminal_area(hub: HubService) -> SignedArea:
    """Everything under /v1 but health and the supervisor's fleet listing is signed by a terminal."""
    return SignedArea(
        prefix="/v1/",
        kind="terminal",
        id_header="X-Terminal-Id",
        secret_for=hub.terminals.secret_for,
        cached_secret=hub.terminals.cached_secret,
        valid_id=is_valid_terminal_id,
        still_allowed=hub.terminals.still_enabled,
        exempt=frozenset({"/v1/health", "/v1/fleet", "/v1/supervision", "/v1/supervision.csv"}),
    )
