"""Secrets kept apart from the config file: one 0600 file each under <data>/secrets/.

The hub credential (terminal secret) and, later, the staff PIN hash live here;
the outbox's encryption key is a file of its own next to them, managed by
offline_cache.crypto. A secret file readable by others is refused, not used.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from kiosk.errors import ConfigError


class SecretFiles:
    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def path(self, name: str) -> Path:
        return self.directory / name

    def read(self, name: str) -> str | None:
        path = self.path(name)
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            return None
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise ConfigError(f"{path}: secret file is readable by others; run: chmod 600 {path}")
        return path.read_text(encoding="utf-8").strip()

    def write(self, name: str, value: str) -> Path:
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = self.path(name)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(value + "\n")
        os.chmod(path, 0o600)
        return path

    def read_or_create(self, name: str, nbytes: int = 32) -> str:
        """A secret that may be made here (demo credentials); never logged."""
        value = self.read(name)
        if value is None:
            value = secrets.token_hex(nbytes)
            self.write(name, value)
        return value

    def require(self, name: str, what: str) -> str:
        value = self.read(name)
        if not value:
            raise ConfigError(f"{self.path(name)}: {what} missing; put it there (one line, chmod 600)")
        return value
