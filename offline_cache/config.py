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
        json_schema_extra={"label_zh": "每批件数"},
    )
    batch_bytes: int = Field(
        2 * 1024 * 1024,
        ge=4096,
        title="Batch bytes",
        description="Most bytes of application bodies per request.",
        json_schema_extra={"label_zh": "每批字节数"},
    )
    backoff_base_s: float = Field(
        1.0,
        gt=0,
        title="Back-off base (s)",
        description="First retry waits up to this long.",
        json_schema_extra={"label_zh": "重试起始等待（秒）"},
    )
    backoff_cap_s: float = Field(
        600.0,
        gt=0,
        title="Back-off cap (s)",
        description="Longest wait between retries (full-jitter exponential).",
        json_schema_extra={"label_zh": "重试最长等待（秒）"},
    )
    connect_timeout_s: float = Field(
        3.05,
        gt=0,
        title="Connect timeout (s)",
        description="TCP connect timeout to the hub.",
        json_schema_extra={"label_zh": "连接超时（秒）"},
    )
    read_timeout_s: float = Field(
        10.0,
        gt=0,
        title="Read timeout (s)",
        description="Wait for the hub's reply.",
        json_schema_extra={"label_zh": "读取超时（秒）"},
    )
    idle_poll_s: float = Field(
        30.0,
        gt=0,
        title="Idle poll (s)",
        description="How often the sync thread looks at an empty queue.",
        json_schema_extra={"label_zh": "空闲轮询（秒）"},
    )
    heartbeat_interval_s: float = Field(
        60.0,
        gt=0,
        title="Heartbeat (s)",
        description="How often the terminal reports its state to the hub.",
        json_schema_extra={"label_zh": "心跳间隔（秒）"},
    )
    housekeeping_interval_s: float = Field(
        3600.0,
        gt=0,
        title="Housekeeping (s)",
        description="How often expired receipt stubs are purged and the WAL is checkpointed.",
        json_schema_extra={"label_zh": "清理间隔（秒）"},
    )
    max_pending_count: int = Field(
        2000,
        ge=1,
        title="Queue limit (count)",
        description="Refuse new applications when this many are unsent.",
        json_schema_extra={"label_zh": "队列上限（件）"},
    )
    max_pending_bytes: int = Field(
        200 * 1024 * 1024,
        ge=1024,
        title="Queue limit (bytes)",
        description="Refuse new applications above these bytes unsent.",
        json_schema_extra={"label_zh": "队列上限（字节）"},
    )
    max_pending_age_s: float = Field(
        3 * 24 * 3600.0,
        gt=0,
        title="Queue limit (age, s)",
        description="Refuse new applications when the oldest unsent one is older than this.",
        json_schema_extra={"label_zh": "队列上限（最长等待秒）"},
    )
    stub_retention_days: int = Field(
        180,
        ge=1,
        title="Receipt stub retention (days)",
        description="Acknowledged stubs (ids, hub receipt) kept this long.",
        json_schema_extra={"label_zh": "回执存根保留（天）"},
    )
    log_retention_days: int = Field(
        183,
        ge=183,
        title="Log retention (days)",
        description="Logs without PII kept at least six months.",
        json_schema_extra={"label_zh": "日志保留（天）"},
    )
