"""Wire shapes of the hub API (pydantic), shared by the routes and the OpenAPI document."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

MAX_BATCH = 50

ItemStatus = Literal["created", "replayed", "conflict", "rejected"]


class ApplicationIn(BaseModel):
    """One application as the kiosk sends it. Unknown fields (e.g. a terminal id) are ignored."""

    model_config = ConfigDict(extra="ignore")

    application_id: UUID = Field(description="made on the kiosk; unique per terminal forever")
    theme: str = Field(min_length=1, max_length=64, description="life-event theme id, e.g. open_cafe")
    created_at: datetime = Field(description="when the kiosk committed the application (ISO-8601)")
    body: dict[str, Any] = Field(description="the application itself (opaque to the hub's dedup)")
    application_number: str | None = Field(
        None,
        max_length=32,
        pattern=r"^[A-Z0-9]{1,12}-\d{6}-\d{4}-[0-9A-Z]$",
        description="the short number made on the terminal (XH0001-261201-0007-B), printed on the receipt",
    )
    tracking_token: str | None = Field(
        None,
        min_length=16,
        max_length=64,
        pattern=r"^[A-Za-z0-9_-]+$",
        description="the receipt QR's secret for the public tracking page; the hub keeps only its hash",
    )

    def body_part(self, name: str) -> dict[str, Any]:
        """A mapping inside the opaque body ("applicant", "delivery"), or {} when it is not one:
        what the hub reads of a body beside storing it (tracking, the citizen's last choice)."""
        part = self.body.get(name)
        return part if isinstance(part, dict) else {}


class ApplicationReply(BaseModel):
    application_id: str
    status: Literal["created", "replayed"]
    receipt: str = Field(description="hub receipt, printed or shown to staff; the same on every replay")
    received_at: str = Field(description="when the hub first committed it (UTC)")


class BatchIn(BaseModel):
    items: list[Any] = Field(
        max_length=MAX_BATCH,
        description=(
            "up to 50 objects shaped like ApplicationIn; a malformed item is rejected on its own "
            "(status rejected) and the rest are stored"
        ),
    )


class BatchItemResult(BaseModel):
    application_id: str | None
    status: ItemStatus
    receipt: str | None = None
    error: str | None = None


class BatchReply(BaseModel):
    results: list[BatchItemResult]


class ReceivedIds(BaseModel):
    ids: list[str]
    truncated: bool = Field(
        default=False, description="true when more ids exist after the last one: ask again with a later since"
    )
    last_received_at: str | None = Field(default=None, description="received_at of the last id listed")


class CatalogReply(BaseModel):
    version: str = Field(description="content hash (flows.catalog.catalog_version); also the ETag")
    number: int | None = Field(default=None, description="publication number (the newest is the latest)")
    published_at: str
    files: dict[str, str] = Field(description="file path relative to the catalog directory → its text")


class PersonQuery(BaseModel):
    id_number: str = Field(max_length=32)


class EnterpriseQuery(BaseModel):
    uscc: str = Field(max_length=32)


class HoldingsQuery(BaseModel):
    id_number: str | None = Field(default=None, max_length=32)
    uscc: str | None = Field(default=None, max_length=32)


class Holdings(BaseModel):
    holdings: list[str] = Field(
        description="material types the e-licence library holds, e.g. business_licence"
    )


class CityAppQuery(BaseModel):
    token: str = Field(min_length=1, max_length=512)


class Heartbeat(BaseModel):
    """What a terminal reports about itself; kept as sent (last one per terminal) for the fleet page."""

    model_config = ConfigDict(extra="allow")

    sequence: int = Field(
        ge=0,
        le=2**62,
        description="strictly increasing per terminal (the kiosk sends its unix time in ms, +1 when "
        "that does not grow); the hub keeps the heartbeat with the highest sequence",
    )
    devices: list[dict[str, Any]] | dict[str, Any] = Field(default_factory=list)
    queue: dict[str, Any] | int = Field(
        default_factory=dict,
        description="outbox counts {pending, sending, acked, dead} or a depth; optional oldest_pending_at",
    )
    versions: dict[str, Any] = Field(default_factory=dict, description="app, catalog, ... versions")
    alerts: list[Any] = Field(default_factory=list)


Severity = Literal["ok", "warn", "error"]


class DeviceState(BaseModel):
    """One device as the fleet page shows it, read from the heartbeat's device row."""

    name: str
    kind: str = ""
    status: str = Field(description="devices.base.DeviceStatus value as sent, e.g. online, offline")
    paper: str | None = Field(default=None, description="printer paper: ok, low, out or unknown (optional)")
    detail: str = ""
    severity: Severity = Field(description="error: offline, no device, hardware error or paper out")
    label: str = Field(description="short bilingual text, e.g. 缺纸 paper out")


class QueueState(BaseModel):
    pending: int | None = None
    sending: int | None = None
    dead: int | None = None
    depth: int | None = Field(default=None, description="pending + sending (not yet acknowledged)")
    oldest_pending_at: str | None = Field(
        default=None, description="ISO time of the oldest unsent item, when the terminal sends it"
    )


class FleetAlert(BaseModel):
    kind: str = Field(description="call_staff, or what the terminal sent; plain strings become note")
    at: str | None = None
    message: str = ""


class FleetTerminal(BaseModel):
    terminal_id: str
    enabled: bool
    last_heartbeat_at: str | None
    heartbeat: dict[str, Any] | None = Field(description="the last heartbeat exactly as sent")
    applications_received: int
    stale: bool = Field(
        default=False, description="no heartbeat, or the last one is older than stale_after_s"
    )
    devices: list[DeviceState] = Field(default_factory=list)
    queue: QueueState = Field(default_factory=QueueState)
    software_version: str | None = None
    catalog_version: str | None = None
    catalog_number: int | None = Field(
        default=None, description="publication number of catalog_version; None when never published"
    )
    catalog_behind: bool = Field(
        default=False, description="the terminal reports a catalog other than the latest published one"
    )
    rating_count: int = Field(default=0, description="好差评 received from this terminal (all time)")
    rating_average: float | None = Field(default=None, description="average stars, 1-5")
    alerts: list[FleetAlert] = Field(default_factory=list, description="open alerts of the last heartbeat")


class HourCount(BaseModel):
    hour: str = Field(description="start of the hour, UTC, e.g. 2026-11-27T19:00:00Z")
    count: int


class ThemeCount(BaseModel):
    theme: str
    count: int


class ThemeRating(BaseModel):
    theme: str
    count: int
    average: float


FleetOrder = Literal["terminal_id", "attention"]


class FleetCounts(BaseModel):
    """Over every registered terminal, also when `limit` lists fewer."""

    total: int = 0
    stale: int = Field(default=0, description="no heartbeat, or the last one older than stale_after_s")
    device_errors: int = Field(default=0, description="terminals with a device of severity error")
    catalog_behind: int = 0
    call_staff: int = Field(default=0, description="terminals with an open call_staff alert")


class FleetReply(BaseModel):
    terminals: list[FleetTerminal] = Field(
        description="by terminal id, or with order=attention the most urgent first: call_staff, device "
        "errors or dead outbox items, stale, behind the catalog or other alerts, then the rest"
    )
    counts: FleetCounts = Field(default_factory=FleetCounts)
    generated_at: str | None = Field(default=None, description="hub time of this reply (UTC)")
    stale_after_s: float | None = None
    applications_per_hour: list[HourCount] = Field(
        default_factory=list, description="the last 24 hours, oldest first, every hour listed"
    )
    applications_per_theme: list[ThemeCount] = Field(
        default_factory=list, description="the last 24 hours, most first"
    )
    ratings_per_theme: list[ThemeRating] = Field(
        default_factory=list, description="好差评 per theme (all time), most rated first"
    )
    catalog_latest_version: str | None = Field(default=None, description="the catalog terminals should run")
    catalog_latest_number: int | None = None


class ErrorReply(BaseModel):
    error: str
    message: str


class RatingIn(BaseModel):
    """One 好差评 as the kiosk sends it: which application, how many stars; no personal data."""

    model_config = ConfigDict(extra="ignore")

    rating_id: UUID = Field(description="made on the kiosk; unique per terminal forever")
    application_id: UUID = Field(description="the application rated")
    theme: str = Field(min_length=1, max_length=64, description="the application's theme")
    stars: int = Field(ge=1, le=5, strict=True)
    rated_at: datetime


class RatingBatchIn(BaseModel):
    items: list[Any] = Field(
        max_length=MAX_BATCH, description="up to 50 RatingIn objects; a malformed one is refused alone"
    )


class RatingResult(BaseModel):
    rating_id: str | None
    status: Literal["created", "replayed", "rejected"]
    error: str | None = None


class RatingBatchReply(BaseModel):
    results: list[RatingResult]
