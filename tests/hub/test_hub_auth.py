"""The signing rule itself (hub/auth.py), checked against the documented canonical string."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from hub_signing import signature
from hypothesis import given
from hypothesis import strategies as st

from hub.auth import canonical_string, check_nonce, check_timestamp, sign, target_of, verify_signature
from hub.errors import AuthError

EMPTY_SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


NONCE = "n0nce-0123456789ab"


def test_canonical_string_is_method_target_timestamp_nonce_body_hash() -> None:
    text = canonical_string("post", "/v1/heartbeat", "1764270000", NONCE, b"")
    assert text == f"POST\n/v1/heartbeat\n1764270000\n{NONCE}\n{EMPTY_SHA}"


def test_signature_is_hex_hmac_sha256_of_the_canonical_string() -> None:
    body = b'{"token":"demo-zhang_wei"}'
    expected = hmac.new(
        b"secret-0123456789abcdef",
        (f"POST\n/v1/cityapp/verify\n1764270000\n{NONCE}\n" + hashlib.sha256(body).hexdigest()).encode(),
        hashlib.sha256,
    ).hexdigest()
    signed = sign("secret-0123456789abcdef", "POST", "/v1/cityapp/verify", "1764270000", NONCE, body)
    assert signed == expected


def test_hub_and_independent_test_client_agree() -> None:
    args = ("s" * 20, "GET", "/v1/applications/received?since=2026-01-01T00:00:00Z", "1764270000", NONCE, b"")
    assert sign(*args) == signature(*args)


def test_only_a_signature_over_the_target_with_its_query_is_accepted() -> None:
    secret, ts = "s" * 20, "1764270000"
    with_query = sign(secret, "GET", "/v1/x?since=1", ts, NONCE, b"")
    bare = sign(secret, "GET", "/v1/x", ts, NONCE, b"")
    verify_signature(secret, "GET", target_of("/v1/x", "since=1"), ts, NONCE, b"", with_query)
    with pytest.raises(AuthError):
        verify_signature(secret, "GET", target_of("/v1/x", "since=1"), ts, NONCE, b"", bare)
    with pytest.raises(AuthError):
        verify_signature(secret, "GET", target_of("/v1/x", "since=2"), ts, NONCE, b"", with_query)


@pytest.mark.parametrize("nonce", ["", "short", "x" * 65, "has space in it 0123", "ünïcode-0123456789"])
def test_malformed_nonces_are_refused(nonce: str) -> None:
    with pytest.raises(AuthError):
        check_nonce(nonce)


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
    flip=st.integers(min_value=0, max_value=4),
    junk=st.text(min_size=1, max_size=5),
)
def test_any_change_to_a_signed_request_breaks_the_signature(
    method: str, path: str, body: bytes, flip: int, junk: str
) -> None:
    secret, ts = "fuzz-secret-0123456789", "1764270000"
    good = sign(secret, method, path, ts, NONCE, body)
    verify_signature(secret, method, path, ts, NONCE, body, good)
    changed = [
        (("DELETE"), path, ts, NONCE, body),
        (method, path + junk, ts, NONCE, body),
        (method, path, str(int(ts) + 1), NONCE, body),
        (method, path, ts, NONCE, body + junk.encode()),
        (method, path, ts, NONCE + "x", body),
    ][flip]
    with pytest.raises(AuthError):
        verify_signature(secret, *changed, good)


@given(st.text(max_size=80))
def test_garbage_signatures_are_refused_not_crashing(garbage: str) -> None:
    with pytest.raises(AuthError):
        verify_signature("s" * 20, "GET", "/v1/x", "1", NONCE, b"", garbage)
