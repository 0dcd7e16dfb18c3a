"""Every setting of the outbox and its sync, declared once with defaults and meaning.

The kiosk composes this section into its TOML and generates the staff settings
screen from the field titles and descriptions, so nothing here is read from
anywhere else.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class SyncConfig(BaseModel):
    """Outbox limits, batching, back-off and retention for one terminal."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    batch_size: int = Field(
        50,
        ge=1,
        le=50,
        title="Batch size",
        description="Most applications per request to the hub (the hub accepts ≤ 50).",
    )
    batch_bytes: int = Field(
        2 * 1024 * 1024,
        ge=4096,
        title="Batch bytes",
        description="Most bytes of application bodies per request.",
    )
    backoff_base_s: float = Field(
        1.0, gt=0, title="Back-off base (s)", description="First retry waits up to this long."
    )
    backoff_cap_s: float = Field(
        600.0,
        gt=0,
        title="Back-off cap (s)",
        description="Longest wait between retries (full-jitter exponential).",
    )
    connect_timeout_s: float = Field(
        3.05, gt=0, title="Connect timeout (s)", description="TCP connect timeout to the hub."
    )
    read_timeout_s: float = Field(
        10.0, gt=0, title="Read timeout (s)", description="Wait for the hub's reply."
    )
    idle_poll_s: float = Field(
        30.0, gt=0, title="Idle poll (s)", description="How often the sync thread looks at an empty queue."
    )
    heartbeat_interval_s: float = Field(
        60.0, gt=0, title="Heartbeat (s)", description="How often the terminal reports its state to the hub."
    )
    housekeeping_interval_s: float = Field(
        3600.0,
        gt=0,
        title="Housekeeping (s)",
        description="How often expired receipt stubs are purged and the WAL is checkpointed.",
    )
    max_pending_count: int = Field(
        2000,
        ge=1,
        title="Queue limit (count)",
        description="Refuse new applications when this many are unsent.",
    )
    max_pending_bytes: int = Field(
        200 * 1024 * 1024,
        ge=1024,
        title="Queue limit (bytes)",
        description="Refuse new applications above these bytes unsent.",
    )
    max_pending_age_s: float = Field(
        3 * 24 * 3600.0,
        gt=0,
        title="Queue limit (age, s)",
        description="Refuse new applications when the oldest unsent one is older than this.",
    )
    stub_retention_days: int = Field(
        180,
        ge=1,
        title="Receipt stub retention (days)",
        description="Acknowledged stubs (ids, hub receipt) kept this long.",
    )
    log_retention_days: int = Field(
        183, ge=183, title="Log retention (days)", description="Logs without PII kept at least six months."
    )
