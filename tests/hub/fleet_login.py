"""Logging in to the fleet page the way a browser does: fetch the form, post it back with its token."""

from __future__ import annotations

import re

import requests

SUPERVISOR = "wang.supervisor"
PASSWORD = "correct horse battery 7"
_TOKEN_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def form_token(html: str) -> str:
    found = _TOKEN_RE.search(html)
    assert found, "the page has no csrf_token field"
    return found.group(1)


def post_login(
    session: requests.Session, base_url: str, name: str = SUPERVISOR, password: str = PASSWORD
) -> requests.Response:
    form = session.get(base_url + "/fleet/login", timeout=10)
    return session.post(
        base_url + "/fleet/login",
        data={"csrf_token": form_token(form.text), "name": name, "password": password},
        allow_redirects=False,
        timeout=30,
    )


def logged_in_session(base_url: str, name: str = SUPERVISOR, password: str = PASSWORD) -> requests.Session:
    session = requests.Session()
    session.trust_env = False
    reply = post_login(session, base_url, name, password)
    assert reply.status_code == 303, reply.text
    return session
