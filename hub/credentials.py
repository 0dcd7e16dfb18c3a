"""Terminal secrets at rest: encrypted under the hub's key file, never stored in clear.

The hub must know each terminal's secret to check its HMAC signatures, so a one-way
hash is not enough. Secrets are sealed with AES-256-GCM under a 32-byte master key
kept in a separate file (mode 0600, refused if group/other can read it), with the
terminal id as associated data so a sealed secret cannot be moved to another
terminal's row. A copied database alone reveals no secret.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from hub.errors import HubConfigError

KEY_BYTES = 32
NONCE_BYTES = 12


def generate_secret() -> str:
    """A new terminal secret: 32 random bytes as URL-safe text (43 characters)."""
    return secrets.token_urlsafe(32)


def load_or_create_key(path: Path) -> bytes:
    """Read the master key file, creating it (0600) when missing; refuse loose permissions."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(AESGCM.generate_key(bit_length=256))
            handle.flush()
            os.fsync(handle.fileno())
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise HubConfigError(
            f"hub key file {path} has permissions {oct(mode)}; it must be readable by its owner only "
            f"(chmod 600 {path})"
        )
    key = path.read_bytes()
    if len(key) != KEY_BYTES:
        raise HubConfigError(f"hub key file {path} must hold exactly {KEY_BYTES} bytes, found {len(key)}")
    return key


class SecretBox:
    """Seals and opens terminal secrets with the master key."""

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise HubConfigError(f"hub master key must be {KEY_BYTES} bytes")
        self._aead = AESGCM(key)

    def seal(self, terminal_id: str, secret: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, secret.encode("utf-8"), terminal_id.encode("utf-8"))

    def open(self, terminal_id: str, sealed: bytes) -> str | None:
        """The secret, or None when it was sealed under another key or for another terminal."""
        try:
            plain = self._aead.decrypt(
                sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], terminal_id.encode("utf-8")
            )
        except (InvalidTag, ValueError):
            return None
        return plain.decode("utf-8")
