"""AES-GCM sealing: the application id is bound in; tampering and the wrong key are detected."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from offline_cache.crypto import BodyCipher, DecryptionError, KeyFileError

KEY = bytes(range(32))


@given(app_id=st.uuids().map(str), plaintext=st.binary(max_size=512))
def test_seal_open_round_trip(app_id: str, plaintext: bytes) -> None:
    cipher = BodyCipher(KEY)
    sealed = cipher.seal(app_id, plaintext)
    assert plaintext == cipher.open(app_id, sealed)
    if plaintext:
        assert plaintext not in sealed or len(plaintext) < 4


def test_body_moved_to_another_id_is_refused() -> None:
    cipher = BodyCipher(KEY)
    sealed = cipher.seal("a", b"secret")
    with pytest.raises(DecryptionError, match="failed authentication"):
        cipher.open("b", sealed)


def test_flipped_bit_is_refused() -> None:
    cipher = BodyCipher(KEY)
    sealed = bytearray(cipher.seal("a", b"secret"))
    sealed[-1] ^= 1
    with pytest.raises(DecryptionError):
        cipher.open("a", bytes(sealed))


@given(garbage=st.binary(max_size=64))
def test_garbage_is_a_typed_error(garbage: bytes) -> None:
    with pytest.raises(DecryptionError):
        BodyCipher(KEY).open("a", garbage)


def test_short_key_is_refused() -> None:
    with pytest.raises(KeyFileError):
        BodyCipher(b"123")
