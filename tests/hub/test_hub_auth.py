"""The signing rule itself (hub/auth.py), checked against the documented canonical string."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from hub_signing import signature
from hypothesis import given
from hypothesis import strategies as st

from hub.auth import canonical_string, check_timestamp, sign, verify_signature
from hub.errors import AuthError

EMPTY_SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_canonical_string_is_method_target_timestamp_body_hash() -> None:
    text = canonical_string("post", "/v1/heartbeat", "1764270000", b"")
    assert text == f"POST\n/v1/heartbeat\n1764270000\n{EMPTY_SHA}"


def test_signature_is_hex_hmac_sha256_of_the_canonical_string() -> None:
    body = b'{"token":"demo-zhang_wei"}'
    expected = hmac.new(
        b"secret-0123456789abcdef",
        ("POST\n/v1/cityapp/verify\n1764270000\n" + hashlib.sha256(body).hexdigest()).encode(),
        hashlib.sha256,
    ).hexdigest()
    assert sign("secret-0123456789abcdef", "POST", "/v1/cityapp/verify", "1764270000", body) == expected


def test_hub_and_independent_test_client_agree() -> None:
    args = ("s" * 20, "GET", "/v1/applications/received?since=2026-01-01T00:00:00Z", "1764270000", b"")
    assert sign(*args) == signature(*args)


def test_signature_over_target_with_query_and_over_bare_path_are_both_accepted() -> None:
    secret, ts = "s" * 20, "1764270000"
    with_query = sign(secret, "GET", "/v1/x?since=1", ts, b"")
    bare = sign(secret, "GET", "/v1/x", ts, b"")
    verify_signature(secret, "GET", "/v1/x", "since=1", ts, b"", with_query)
    verify_signature(secret, "GET", "/v1/x", "since=1", ts, b"", bare)
    with pytest.raises(AuthError):
        verify_signature(secret, "GET", "/v1/x", "since=2", ts, b"", with_query)


@pytest.mark.parametrize(
    ("timestamp", "now"), [("1000", 1000 + 301), ("1000", 1000 - 301), ("12ab", 0), ("", 0)]
)
def test_timestamps_outside_the_window_or_malformed_are_refused(timestamp: str, now: float) -> None:
    with pytest.raises(AuthError):
        check_timestamp(timestamp, now)


def test_timestamps_inside_the_window_pass() -> None:
    check_timestamp("1000", 1300)
    check_timestamp("1000", 700)


@given(
    method=st.sampled_from(["GET", "POST"]),
    path=st.text(alphabet="abc/v1-_", min_size=1, max_size=30),
    body=st.binary(max_size=200),
    flip=st.integers(min_value=0, max_value=3),
    junk=st.text(min_size=1, max_size=5),
)
def test_any_change_to_a_signed_request_breaks_the_signature(
    method: str, path: str, body: bytes, flip: int, junk: str
) -> None:
    secret, ts = "fuzz-secret-0123456789", "1764270000"
    good = sign(secret, method, path, ts, body)
    verify_signature(secret, method, path, "", ts, body, good)
    changed = [
        (("DELETE"), path, ts, body),
        (method, path + junk, ts, body),
        (method, path, str(int(ts) + 1), body),
        (method, path, ts, body + junk.encode()),
    ][flip]
    with pytest.raises(AuthError):
        verify_signature(secret, changed[0], changed[1], "", changed[2], changed[3], good)


@given(st.text(max_size=80))
def test_garbage_signatures_are_refused_not_crashing(garbage: str) -> None:
    with pytest.raises(AuthError):
        verify_signature("s" * 20, "GET", "/v1/x", "", "1", b"", garbage)
