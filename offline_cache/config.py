"""Every setting of the outbox and its sync, declared once with defaults and meaning.

The kiosk composes this section into its TOML and generates the staff settings
screen from the field titles and descriptions, so nothing here is read from
anywhere else.
"""

# No postponed annotations: msgspec would compile each string at the first validation
# (≈6 ms of a start; docs/CONTRACTS.md, "Record types").
from typing import Annotated

from msgspec import Meta, Struct


class SyncConfig(Struct, forbid_unknown_fields=True, frozen=True):
    """Outbox limits, batching, back-off and retention for one terminal.

    A msgspec Struct, not a pydantic model: the kiosk reads it before its first frame, and
    kiosk.settings validates it with the rest of the file (constructing one directly, as the
    outbox's tests do, checks nothing).
    """

    batch_size: Annotated[
        int,
        Meta(
            ge=1,
            le=50,
            title="Batch size",
            description="Most applications per request to the hub (the hub accepts ≤ 50).",
            extra={"label_zh": "每批件数"},
        ),
    ] = 50
    batch_bytes: Annotated[
        int,
        Meta(
            ge=4096,
            title="Batch bytes",
            description="Most bytes of application bodies per request.",
            extra={"label_zh": "每批字节数"},
        ),
    ] = 2 * 1024 * 1024
    backoff_base_s: Annotated[
        float,
        Meta(
            gt=0,
            title="Back-off base (s)",
            description="First retry waits up to this long.",
            extra={"label_zh": "重试起始等待（秒）"},
        ),
    ] = 1.0
    backoff_cap_s: Annotated[
        float,
        Meta(
            gt=0,
            title="Back-off cap (s)",
            description="Longest wait between retries (full-jitter exponential).",
            extra={"label_zh": "重试最长等待（秒）"},
        ),
    ] = 600.0
    connect_timeout_s: Annotated[
        float,
        Meta(
            gt=0,
            title="Connect timeout (s)",
            description="TCP connect timeout to the hub.",
            extra={"label_zh": "连接超时（秒）"},
        ),
    ] = 3.05
    read_timeout_s: Annotated[
        float,
        Meta(
            gt=0,
            title="Read timeout (s)",
            description="Wait for the hub's reply.",
            extra={"label_zh": "读取超时（秒）"},
        ),
    ] = 10.0
    idle_poll_s: Annotated[
        float,
        Meta(
            gt=0,
            title="Idle poll (s)",
            description="How often the sync thread looks at an empty queue.",
            extra={"label_zh": "空闲轮询（秒）"},
        ),
    ] = 30.0
    heartbeat_interval_s: Annotated[
        float,
        Meta(
            gt=0,
            title="Heartbeat (s)",
            description="How often the terminal reports its state to the hub.",
            extra={"label_zh": "心跳间隔（秒）"},
        ),
    ] = 60.0
    housekeeping_interval_s: Annotated[
        float,
        Meta(
            gt=0,
            title="Housekeeping (s)",
            description="How often expired receipt stubs are purged and the WAL is checkpointed.",
            extra={"label_zh": "清理间隔（秒）"},
        ),
    ] = 3600.0
    max_pending_count: Annotated[
        int,
        Meta(
            ge=1,
            title="Queue limit (count)",
            description="Refuse new applications when this many are unsent.",
            extra={"label_zh": "队列上限（件）"},
        ),
    ] = 2000
    max_pending_bytes: Annotated[
        int,
        Meta(
            ge=1024,
            title="Queue limit (bytes)",
            description="Refuse new applications above these bytes unsent.",
            extra={"label_zh": "队列上限（字节）"},
        ),
    ] = 200 * 1024 * 1024
    max_pending_age_s: Annotated[
        float,
        Meta(
            gt=0,
            title="Queue limit (age, s)",
            description="Refuse new applications when the oldest unsent one is older than this.",
            extra={"label_zh": "队列上限（最长等待秒）"},
        ),
    ] = 3 * 24 * 3600.0
    stub_retention_days: Annotated[
        int,
        Meta(
            ge=1,
            title="Receipt stub retention (days)",
            description="Acknowledged stubs (ids, hub receipt) kept this long.",
            extra={"label_zh": "回执存根保留（天）"},
        ),
    ] = 180
    log_retention_days: Annotated[
        int,
        Meta(
            ge=183,
            title="Log retention (days)",
            description="Logs without PII kept at least six months.",
            extra={"label_zh": "日志保留（天）"},
        ),
    ] = 183
