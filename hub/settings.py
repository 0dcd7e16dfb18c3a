"""Every hub setting, declared once with its default and meaning."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from hub.auth import WINDOW_S
from hub.catalog import DEFAULT_CATALOG_DIR
from hub.demo_data import DEFAULT_CITIZENS

DEFAULT_HOME = Path.home() / ".local" / "share" / "onestop-hub"
DEFAULT_DB_URL = f"sqlite:///{DEFAULT_HOME / 'hub.db'}"
MAX_BODY_BYTES = 4 * 1024 * 1024


def default_key_path(db_url: str) -> Path:
    """ONESTOP_HUB_KEY_FILE, else `hub.key` beside a SQLite database, else in the hub home."""
    if env := os.environ.get("ONESTOP_HUB_KEY_FILE"):
        return Path(env)
    if urlsplit(db_url).scheme == "sqlite":
        return Path(db_url.removeprefix("sqlite:///")).parent / "hub.key"
    return DEFAULT_HOME / "hub.key"


@dataclass(frozen=True)
class HubSettings:
    db_url: str = DEFAULT_DB_URL  # sqlite:///path or postgresql://user@host:port/db
    key_path: Path | None = None  # master key sealing terminal secrets; None → default_key_path(db_url)
    catalog_dir: Path = DEFAULT_CATALOG_DIR  # published at start when the hub has no catalog yet (as is)
    catalog_follows_dir: bool = False  # also publish it when it changed (the demo hub); else publish-catalog
    demo_data: bool = True  # serve profiles, holdings and city-app tokens of the demo citizens
    citizens_path: Path = DEFAULT_CITIZENS
    signature_window_s: int = WINDOW_S  # allowed clock skew of X-Timestamp
    max_body_bytes: int = MAX_BODY_BYTES  # larger requests get 413
    dedup: bool = True  # False only for the negative-control test: duplicates are then stored
    terminals: dict[str, str] = field(default_factory=dict)  # terminal id → secret, registered at start
    supervisors: dict[str, str] = field(default_factory=dict)  # name → password, set at start (tests)
    supervisor_session_s: float = 8 * 3600.0  # a fleet-page login lasts this long (server-side expiry)
    stale_after_s: float = 180.0  # a terminal silent this long is shown as stale (3 × 60 s heartbeats)
    fleet_refresh_s: float = 10.0  # the fleet page reloads its data this often
    api_docs: bool | None = None  # /docs, /redoc, /openapi.json; None → only with demo_data
    workers: int = 1  # hub processes `serve` runs on one socket (PostgreSQL for more than one)
    webhook_url: str | None = None  # status changes are offered here (hub/notifier.py); None → no notifier
    webhook_secret: str = ""  # signs each webhook POST (X-OneStop-Signature); from --webhook-secret-file
    webhook_backoff_s: float = 1.0  # first retry of an unanswered notice waits up to this long (doubling)
    webhook_max_attempts: int = 8  # then the notice is kept as failed

    def docs_enabled(self) -> bool:
        return self.demo_data if self.api_docs is None else self.api_docs

    def resolved_key_path(self) -> Path:
        return self.key_path if self.key_path is not None else default_key_path(self.db_url)
