"""The supervisor's side of the hub: login, logout and the fleet page (HTML + its own JS/CSS).

Everything is served by the hub itself (the hall network has no internet). The page is a
static shell whose script fetches GET /v1/fleet with the session cookie every few seconds.

Cross-site protection: both cookies are HttpOnly and SameSite=Strict; every form carries a
token (the login form a double-submit token also held in a short-lived cookie, the logout
form the session's own token); a POST whose Origin header names another site is refused.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from html import escape
from importlib import resources
from string import Template
from typing import Annotated, Any
from urllib.parse import parse_qs, urlsplit

from fastapi import FastAPI, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.security import APIKeyCookie

from hub.errors import HubError
from hub.service import HubService
from hub.sessions import SupervisorSession
from hub.supervisors import LoginLocked, LoginRefused

SESSION_COOKIE = "onestop_fleet_session"
LOGIN_CSRF_COOKIE = "onestop_fleet_login"
LOGIN_CSRF_MAX_AGE_S = 3600
MAX_FORM_BYTES = 8192
STATIC_TYPES = {"fleet.js": "text/javascript; charset=utf-8", "fleet.css": "text/css; charset=utf-8"}
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",  # "no-referrer" makes Chromium send Origin: null
    "Cache-Control": "no-store",
}

SessionCookie = APIKeyCookie(
    name=SESSION_COOKIE,
    scheme_name="SupervisorSession",
    auto_error=False,
    description="set by POST /fleet/login (hall supervisor); HttpOnly, SameSite=Strict",
)


class NotLoggedIn(HubError):
    status = 401
    code = "unauthorized"


class CrossSiteRefused(HubError):
    status = 403
    code = "forbidden"


def _asset(name: str) -> str:
    return resources.files("hub").joinpath("static", name).read_text("utf-8")


def _page(template: str, status: int = 200, html: dict[str, str] | None = None, **text: str) -> HTMLResponse:
    """A template from hub/static with `text` values escaped and `html` values (our own markup) as is."""
    values = {key: escape(value, quote=True) for key, value in text.items()} | (html or {})
    body = Template(_asset(template)).substitute(values)
    return HTMLResponse(body, status_code=status, headers=dict(PAGE_HEADERS))


def _login_page(csrf_token: str, name: str = "", message: str = "", status: int = 200) -> HTMLResponse:
    note = f'<p class="error-message" role="alert">{escape(message)}</p>' if message else ""
    return _page("login.html", status, html={"message": note}, csrf_token=csrf_token, name=name)


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def _same_origin(request: Request) -> bool:
    """True unless the browser says the request comes from another site."""
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == request.headers.get("host", "")


def _tokens_match(given: str, expected: str) -> bool:
    return bool(given) and hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


async def _form(request: Request) -> dict[str, str]:
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise HubError("the form is too large")
    parsed = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True, max_num_fields=10)
    return {key: values[0] for key, values in parsed.items()}


def install_fleet_pages(app: FastAPI, hub: HubService) -> None:
    """Add /fleet, /fleet/login, /fleet/logout and /fleet/static/* to the hub app."""

    def current_session(request: Request) -> SupervisorSession | None:
        return hub.sessions.find(request.cookies.get(SESSION_COOKIE))

    @app.get("/fleet/login", include_in_schema=False)
    def login_form(request: Request) -> Response:
        if current_session(request) is not None:
            return RedirectResponse("/fleet", status_code=303)
        return _with_login_token(_login_page, request)

    @app.post("/fleet/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        if not _same_origin(request):
            raise CrossSiteRefused("cross-site login refused")
        form = await _form(request)
        expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
        name = form.get("name", "")[:64]
        if not _tokens_match(form.get("csrf_token", ""), expected):
            message = "登录表单已过期，请重试 (the login form expired: please try again)"
            return _with_login_token(_login_page, request, name=name, message=message, status=403)
        try:
            password = form.get("password", "")
            supervisor = await run_in_threadpool(hub.supervisors.check_password, name, password)
        except LoginLocked as exc:
            page = _login_page(expected, name, exc.message, status=429)
            page.headers["Retry-After"] = str(int(exc.retry_after_s) + 1)
            return page
        except LoginRefused as exc:
            return _login_page(expected, name, exc.message, status=401)
        token, _session = await run_in_threadpool(hub.sessions.open, supervisor)
        reply = RedirectResponse("/fleet", status_code=303)
        reply.set_cookie(
            SESSION_COOKIE, token, max_age=int(hub.sessions.lifetime_s), path="/",
            httponly=True, samesite="strict", secure=_secure(request),
        )
        reply.delete_cookie(LOGIN_CSRF_COOKIE, path="/fleet", httponly=True, samesite="strict")
        return reply

    @app.post("/fleet/logout", include_in_schema=False)
    async def logout(request: Request) -> Response:
        if not _same_origin(request):
            raise CrossSiteRefused("cross-site logout refused")
        form = await _form(request)
        session = current_session(request)
        if session is not None and not _tokens_match(form.get("csrf_token", ""), session.csrf_token):
            raise CrossSiteRefused("the logout form does not belong to this session")
        hub.sessions.close(request.cookies.get(SESSION_COOKIE))
        reply = RedirectResponse("/fleet/login", status_code=303)
        reply.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
        return reply

    @app.get("/fleet", include_in_schema=False)
    def fleet_page(request: Request) -> Response:
        session = current_session(request)
        if session is None:
            return RedirectResponse("/fleet/login", status_code=303)
        return _page(
            "fleet.html",
            csrf_token=session.csrf_token,
            supervisor=session.name,
            refresh_ms=str(int(hub.settings.fleet_refresh_s * 1000)),
        )

    @app.get("/fleet/static/{name}", include_in_schema=False)
    def fleet_asset(name: str) -> Response:
        if name not in STATIC_TYPES:
            raise NotFoundAsset(f"no such file: {name[:40]}")
        return Response(_asset(name), media_type=STATIC_TYPES[name], headers={"Cache-Control": "no-cache"})


def supervisor_dependency(hub: HubService) -> Callable[[str | None], SupervisorSession]:
    """The FastAPI dependency that admits only a logged-in supervisor (401 otherwise)."""

    def logged_in(token: Annotated[str | None, Security(SessionCookie)]) -> SupervisorSession:
        session = hub.sessions.find(token)
        if session is None:
            raise NotLoggedIn("log in as a hall supervisor at /fleet/login first (请先登录)")
        return session

    return logged_in


class NotFoundAsset(HubError):
    status = 404
    code = "not_found"


def _with_login_token(render: Callable[..., HTMLResponse], request: Request, **kw: Any) -> Response:
    """A login page with a fresh double-submit token, also set as a short-lived cookie."""
    token = secrets.token_urlsafe(24)
    page = render(token, **kw)
    page.set_cookie(
        LOGIN_CSRF_COOKIE, token, max_age=LOGIN_CSRF_MAX_AGE_S, path="/fleet",
        httponly=True, samesite="strict", secure=_secure(request),
    )
    return page
