"""Encryption at rest for queued applications: AES-GCM with a key file outside the database.

The key lives in its own file (mode 0600) so that a copied database alone reveals
nothing; the application id is bound in as associated data so a body cannot be
moved onto another row unnoticed.

The cryptography package (~5 ms to import) loads at the first body sealed or opened, not when
the outbox opens at kiosk start (bench/bench_startup.py).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_BYTES = 32
NONCE_BYTES = 12
FORMAT_V1 = b"\x01"


class KeyFileError(Exception):
    """The encryption key file is missing, unreadable, malformed or too open."""


class DecryptionError(Exception):
    """A stored body failed authentication: wrong key, tampered row or wrong application id."""


def _check_permissions(path: Path) -> None:
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise KeyFileError(
            f"key file {path} has permissions {mode:04o}; it must be readable by its owner only "
            f"(run: chmod 600 {path})"
        )


def load_or_create_key(key_path: str | os.PathLike[str]) -> bytes:
    """Read the 32-byte key, creating it with mode 0600 if absent; refuse looser permissions."""
    path = Path(key_path)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        key = AESGCM.generate_key(bit_length=KEY_BYTES * 8)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return load_or_create_key(path)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
            handle.flush()
            os.fsync(handle.fileno())
        return key
    _check_permissions(path)
    try:
        key = path.read_bytes()
    except OSError as exc:
        raise KeyFileError(f"cannot read key file {path}: {exc.strerror}") from exc
    if len(key) != KEY_BYTES:
        raise KeyFileError(
            f"key file {path} holds {len(key)} bytes, expected {KEY_BYTES}; restore it from backup"
        )
    return key


class BodyCipher:
    """Seals and opens application bodies with AES-256-GCM, the application id as associated data."""

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise KeyFileError(f"key must be {KEY_BYTES} bytes, got {len(key)}")
        self._key = key
        self._aead_made: AESGCM | None = None

    @property
    def _aead(self) -> AESGCM:
        """The AES-GCM of the key, made at the first use (two threads at once make two equal ones)."""
        if self._aead_made is None:
            from cryptography.hazmat.primitives.ciphers.aead import AESGCM

            self._aead_made = AESGCM(self._key)
        return self._aead_made

    def seal(self, application_id: str, plaintext: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return FORMAT_V1 + nonce + self._aead.encrypt(nonce, plaintext, application_id.encode())

    def open(self, application_id: str, sealed: bytes) -> bytes:
        if len(sealed) < 1 + NONCE_BYTES + 16 or sealed[:1] != FORMAT_V1:
            raise DecryptionError(f"stored body of {application_id} is not in a known format")
        nonce = sealed[1 : 1 + NONCE_BYTES]
        aead = self._aead  # before the import below: cryptography is loaded by then
        from cryptography.exceptions import InvalidTag

        try:
            return aead.decrypt(nonce, sealed[1 + NONCE_BYTES :], application_id.encode())
        except InvalidTag as exc:
            raise DecryptionError(
                f"stored body of {application_id} failed authentication (wrong key file or tampered row)"
            ) from exc
