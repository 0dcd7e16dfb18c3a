"""Supervisor login over HTTP: the form, cookies, CSRF, lockout, expiry and logout."""

from __future__ import annotations

import pytest
import requests
from fleet_login import PASSWORD, SUPERVISOR, form_token, logged_in_session, post_login

from hub.fleet_pages import LOGIN_CSRF_COOKIE, SESSION_COOKIE
from hub.server import EmbeddedHub
from hub.supervisors import MAX_FAILURES

pytestmark = pytest.mark.hub


@pytest.fixture
def browser_like(hub: EmbeddedHub) -> requests.Session:
    hub.service.supervisors.add(SUPERVISOR, PASSWORD)
    session = requests.Session()
    session.trust_env = False
    return session


def test_the_page_sends_an_anonymous_visitor_to_the_login_form(hub: EmbeddedHub, browser_like) -> None:
    reply = browser_like.get(hub.url + "/fleet", allow_redirects=False, timeout=10)
    assert reply.status_code == 303
    assert reply.headers["location"] == "/fleet/login"
    form = browser_like.get(hub.url + "/fleet/login", timeout=10)
    assert form.status_code == 200
    assert 'action="/fleet/login"' in form.text and "密码" in form.text and "Password" in form.text
    assert form_token(form.text) == browser_like.cookies.get(LOGIN_CSRF_COOKIE)
    cookie = form.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie


def test_login_sets_a_strict_http_only_cookie_and_opens_the_page(hub: EmbeddedHub, browser_like) -> None:
    reply = post_login(browser_like, hub.url)
    assert reply.status_code == 303 and reply.headers["location"] == "/fleet"
    cookie = next(c for c in reply.raw.headers.getlist("set-cookie") if c.startswith(SESSION_COOKIE))
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    token = browser_like.cookies.get(SESSION_COOKIE)
    assert token and len(token) >= 40
    page = browser_like.get(hub.url + "/fleet", timeout=10)
    assert page.status_code == 200
    assert "终端总览" in page.text and "fleet.js" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"
    assert browser_like.get(hub.url + "/v1/fleet", timeout=10).status_code == 200


def test_the_database_keeps_only_a_hash_of_the_session_token(hub: EmbeddedHub, browser_like) -> None:
    post_login(browser_like, hub.url)
    token = browser_like.cookies.get(SESSION_COOKIE)
    with hub.service.db.transaction() as tx:
        stored = [r[0] for r in tx.fetchall("SELECT token_hash FROM supervisor_sessions")]
    assert len(stored) == 1 and token not in stored[0] and len(stored[0]) == 64


def test_wrong_password_is_refused_without_saying_which_part(hub: EmbeddedHub, browser_like) -> None:
    wrong_password = post_login(browser_like, hub.url, password="not the password")
    unknown_name = post_login(browser_like, hub.url, name="nobody", password=PASSWORD)
    assert wrong_password.status_code == unknown_name.status_code == 401
    assert "用户名或密码错误" in wrong_password.text and "用户名或密码错误" in unknown_name.text
    assert SESSION_COOKIE not in browser_like.cookies
    assert browser_like.get(hub.url + "/v1/fleet", timeout=10).status_code == 401


def test_a_login_without_the_form_token_is_refused(hub: EmbeddedHub, browser_like) -> None:
    browser_like.get(hub.url + "/fleet/login", timeout=10)
    data = {"csrf_token": "forged-token-0123456789", "name": SUPERVISOR, "password": PASSWORD}
    reply = browser_like.post(hub.url + "/fleet/login", data=data, allow_redirects=False, timeout=10)
    assert reply.status_code == 403
    assert SESSION_COOKIE not in browser_like.cookies
    fresh = requests.post(  # no cookie at all (another site's form cannot read or send ours)
        hub.url + "/fleet/login", data=data, allow_redirects=False, timeout=10
    )
    assert fresh.status_code == 403


def test_a_login_posted_from_another_site_is_refused(hub: EmbeddedHub, browser_like) -> None:
    form = browser_like.get(hub.url + "/fleet/login", timeout=10)
    data = {"csrf_token": form_token(form.text), "name": SUPERVISOR, "password": PASSWORD}
    reply = browser_like.post(
        hub.url + "/fleet/login", data=data, headers={"Origin": "http://evil.example"},
        allow_redirects=False, timeout=10,
    )
    assert reply.status_code == 403
    assert SESSION_COOKIE not in browser_like.cookies


def test_repeated_failures_lock_even_the_right_password(hub: EmbeddedHub, browser_like) -> None:
    replies = [post_login(browser_like, hub.url, password=f"guess number {i}") for i in range(MAX_FAILURES)]
    assert [r.status_code for r in replies[:-1]] == [401] * (MAX_FAILURES - 1)
    assert replies[-1].status_code == 429
    locked = post_login(browser_like, hub.url)  # the right password, but locked
    assert locked.status_code == 429
    assert int(locked.headers["retry-after"]) >= 60
    assert "锁定" in locked.text and "locked" in locked.text
    supervisors = hub.service.supervisors
    real_clock = supervisors.clock
    supervisors.clock = lambda: real_clock() + 61  # the lock has run out
    try:
        assert post_login(browser_like, hub.url).status_code == 303
    finally:
        supervisors.clock = real_clock


def test_a_session_expires_on_the_server(hub: EmbeddedHub, supervisor: requests.Session) -> None:
    assert supervisor.get(hub.url + "/v1/fleet", timeout=10).status_code == 200
    sessions = hub.service.sessions
    real_clock = sessions.clock
    sessions.clock = lambda: real_clock() + sessions.lifetime_s + 1
    try:
        assert supervisor.get(hub.url + "/v1/fleet", timeout=10).status_code == 401
        page = supervisor.get(hub.url + "/fleet", allow_redirects=False, timeout=10)
        assert page.status_code == 303 and page.headers["location"] == "/fleet/login"
    finally:
        sessions.clock = real_clock


def test_logout_needs_the_page_token_and_ends_the_session(
    hub: EmbeddedHub, supervisor: requests.Session
) -> None:
    page = supervisor.get(hub.url + "/fleet", timeout=10)
    forged = supervisor.post(
        hub.url + "/fleet/logout", data={"csrf_token": "not-the-token"}, allow_redirects=False, timeout=10
    )
    assert forged.status_code == 403
    assert supervisor.get(hub.url + "/v1/fleet", timeout=10).status_code == 200  # still logged in
    token = supervisor.cookies.get(SESSION_COOKIE)
    reply = supervisor.post(
        hub.url + "/fleet/logout",
        data={"csrf_token": form_token(page.text)},
        allow_redirects=False,
        timeout=10,
    )
    assert reply.status_code == 303 and reply.headers["location"] == "/fleet/login"
    replayed = requests.get(hub.url + "/v1/fleet", cookies={SESSION_COOKIE: token}, timeout=10)
    assert replayed.status_code == 401  # the old cookie is dead on the server, not just in the browser


def test_removing_a_supervisor_ends_their_sessions(hub: EmbeddedHub, supervisor: requests.Session) -> None:
    assert hub.service.supervisors.remove(SUPERVISOR)
    assert supervisor.get(hub.url + "/v1/fleet", timeout=10).status_code == 401


def test_static_assets_are_served_by_the_hub_and_nothing_else(hub: EmbeddedHub) -> None:
    script = requests.get(hub.url + "/fleet/static/fleet.js", timeout=10)
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert "http://" not in script.text.replace("http://www.w3.org/2000/svg", "")  # no external assets
    assert requests.get(hub.url + "/fleet/static/..%2Fapp.py", timeout=10).status_code == 404
    assert requests.get(hub.url + "/fleet/static/login.html", timeout=10).status_code == 404


def test_a_second_login_works_alongside_the_first(hub: EmbeddedHub, supervisor: requests.Session) -> None:
    other = logged_in_session(hub.url)
    try:
        assert other.get(hub.url + "/v1/fleet", timeout=10).status_code == 200
        assert supervisor.get(hub.url + "/v1/fleet", timeout=10).status_code == 200
    finally:
        other.close()


def test_concurrent_wrong_guesses_are_all_counted(hub: EmbeddedHub, browser_like) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from hub.supervisors import LoginLocked, LoginRefused

    def guess(i: int) -> str:
        try:
            hub.service.supervisors.check_password(SUPERVISOR, f"parallel guess {i}")
        except (LoginRefused, LoginLocked) as exc:
            return exc.code
        return "accepted"

    with ThreadPoolExecutor(max_workers=4) as pool:
        codes = list(pool.map(guess, range(4)))
    assert "accepted" not in codes
    with hub.service.db.transaction() as tx:
        row = tx.fetchone("SELECT failures FROM supervisor_login_failures WHERE name = :n", {"n": SUPERVISOR})
    assert row is not None and row[0] == 4
