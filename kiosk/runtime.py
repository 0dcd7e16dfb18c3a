"""Assemble one terminal from its settings: catalog, devices, outbox, sync, hub client.

Qt-free, so the GUI, `diag`, `queue` and the tests build a terminal the same
way. In demo mode an embedded reference hub is started on 127.0.0.1 with its
SQLite file in the data folder, and this terminal is registered with it. The GUI
asks for it later (`hub_after_start`): it then starts on a thread of its own when the
window calls `start()` after its first frame (FastAPI, uvicorn and the hub's database
cost more than the kiosk's whole first frame), and a request to it waits for it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from devices.base import DeviceEvent, DeviceStatus
from devices.camera.scanner import QrScanner
from devices.registry import DeviceSet, build_devices
from flows.catalog import (
    Catalog,
    CatalogError,
    ParsedCache,
    catalog_version,
    check_catalog,
    load_catalog,
    load_catalog_from,
    reload_catalog,
)
from kiosk import heap
from kiosk.acknowledgements import HubAcknowledgements
from kiosk.errors import ConfigError
from kiosk.logs import rotate_daily, setup_logging
from kiosk.secrets import SecretFiles
from kiosk.settings import KioskSettings
from offline_cache.catalog_cache import CatalogCache
from offline_cache.hub_client import HubClient
from offline_cache.outbox import OutboxStore
from offline_cache.sync import SyncWorker

log = logging.getLogger(__name__)

SOFTWARE_VERSION = "0.1.0"
HUB_SECRET = "hub_secret"
PAPER_ALERT = {"low": "打印纸将尽 / paper low", "out": "打印纸已用完 / paper out"}  # for the fleet page
OUTBOX_KEY = "outbox.key"
PARSED_CATALOG = "catalog-parsed"  # the catalog's YAML as parsed at the last start, as JSON
HUB_START_WAIT_S = 60.0  # a request to a demo hub still starting waits at most this long


class Runtime(Struct, eq=False):
    """One terminal's parts, built once by build_runtime; compared by identity."""

    settings: KioskSettings
    catalog: Catalog
    devices: DeviceSet
    scanner: QrScanner | None
    outbox: OutboxStore
    hub: HubClient
    sync: SyncWorker
    demo: bool = False
    embedded_hub: Any = None
    alerts: list[dict[str, Any]] = field(default_factory=list)
    catalog_cache: CatalogCache | None = None  # versions fetched from the hub; `catalog` is the newest good
    acks: HubAcknowledgements = field(default_factory=HubAcknowledgements)  # told by the sync worker
    start_hub: Callable[[], Any] | None = None
    """Starts the embedded hub in `start()` (build_runtime(hub_after_start=True)); None: nothing to start."""
    _closed: bool = False
    _hub_thread: threading.Thread | None = None
    _hub_lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def data_dir(self) -> Path:
        return self.settings.terminal.data_dir

    def start(self) -> None:
        """Devices start reporting (cards placed, paper running low) and the outbox starts syncing.
        The GUI calls this just after its first frame; after `close()` it does nothing."""
        if self._closed:
            return
        rotate_daily()  # before the threads below log
        if self.devices.printer is not None:
            self.devices.printer.subscribe(self._printer_event)
        self.devices.start_events()
        if self.start_hub is None:
            self.sync.start()
        elif self._hub_thread is None:  # the sync worker starts once the hub answers
            thread = threading.Thread(target=self._start_hub, name="embedded-hub-start", daemon=True)
            self._hub_thread = thread
            thread.start()

    def _start_hub(self) -> None:
        """On its own thread: the embedded demo hub, then the sync worker. A hub that does not
        start leaves the kiosk as with its hub down (logged), never a traceback on the screen."""
        assert self.start_hub is not None
        hub: Any = None
        try:
            hub = self.start_hub()
        except Exception:
            log.exception("the embedded demo hub did not start; the kiosk carries on as offline")
        with self._hub_lock:
            closed = self._closed
            if hub is not None and not closed:
                self.embedded_hub = hub
                self.hub.base_url = hub.url  # the address chosen at build time, or another if it was taken
        if closed and hub is not None:
            hub.stop()
        started = getattr(self.hub, "started", None)
        if started is not None:
            started.set()  # requests waiting for the hub go now (and fail at once if it is not there)
        if not closed:
            self.sync.start()

    def _printer_event(self, event: DeviceEvent) -> None:
        """Paper low or out: an alert on the fleet page at once, gone when the roll is changed.
        Called on a device thread; the heartbeat itself is sent by the sync thread."""
        if event.kind != "PaperThreshold":
            return
        paper = event.payload.get("paper")
        self.alerts[:] = [a for a in self.alerts if a.get("kind") != "paper"]
        if paper in ("low", "out"):
            self.alerts.append({
                "kind": "paper",
                "at": datetime.now(UTC).isoformat(timespec="seconds"),
                "message": f"{self.settings.terminal.terminal_id} {PAPER_ALERT[paper]}",
            })
        self.sync.heartbeat_soon()

    def refresh_catalog(self) -> bool:
        """On the sync thread: fetch a newer catalog (If-None-Match), verify, store, load it. The visit
        in progress keeps the one it started with; the journey takes this one at the next attract
        screen. True when a new catalog became `catalog`."""
        if self.catalog_cache is None:
            return False
        update = self.catalog_cache.refresh(self.hub)
        if update.outcome != "updated" or update.current_version == self.catalog.version:
            if update.outcome == "rejected":
                log.warning("hub catalog refused, keeping %s: %s", self.catalog.version, update.message)
            return False
        loaded, problem = reload_catalog(self.catalog_cache.current_dir(), self.catalog)
        if problem is not None:
            log.warning("stored catalog %s does not load, keeping %s: %s",
                        update.current_version, self.catalog.version, problem)
            return False
        log.info("catalog %s ready; visits from the next attract screen use it", loaded.version)
        self.catalog = loaded
        return True

    def out_of_service_reason(self) -> str | None:
        """Why no visit can start now (for staff), or None. A citizen proves who they are with the
        card reader or, failing that, the city-app code under the camera: with neither there is no
        way in. The licence can always be typed and the receipt collected at the counter."""
        broken = {DeviceStatus.NO_DEVICE, DeviceStatus.HARDWARE_ERROR}

        def unusable(device: Any) -> bool:
            return device is None or device.status in broken

        idcard, camera = self.devices.idcard, self.devices.camera
        if unusable(idcard) and unusable(camera):
            parts = [f"{d.name}: {d.status.value} {d.status_detail}".strip() for d in (idcard, camera) if d]
            return "; ".join(parts) or "no ID-card reader and no camera configured"
        return None

    def call_staff(self) -> bool:
        """A citizen pressed 帮办: raise an alert on the fleet page now (no citizen data in it)."""
        self.alerts[:] = [a for a in self.alerts if a.get("kind") != "call_staff"]
        self.alerts.append({
            "kind": "call_staff",
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
            "message": f"{self.settings.terminal.terminal_id} 需要帮办 / asks for help",
        })
        return self.sync.send_heartbeat()  # False: the hub could not be told (the kiosk says so)

    def clear_staff_call(self) -> None:
        self.alerts[:] = [a for a in self.alerts if a.get("kind") != "call_staff"]

    def heartbeat(self) -> dict[str, Any]:
        """What the hub's fleet page shows of this terminal: devices, queue, versions, alerts."""
        return {
            "devices": [device.describe() for device in self.devices.all()],
            "queue": self.outbox.counts(),
            "versions": {"software": SOFTWARE_VERSION, "catalog": self.catalog.version},
            "alerts": list(self.alerts),
        }

    def close(self) -> None:
        """Stop threads, release devices, stop the embedded hub; safe to call twice."""
        with self._hub_lock:
            if self._closed:
                return
            self._closed = True
        if self._hub_thread is not None:
            self._hub_thread.join(HUB_START_WAIT_S)  # a hub still starting is stopped by that thread
        for step in (lambda: self.sync.stop(5.0), self.devices.close, self.outbox.close, self.hub.close):
            try:
                step()
            except Exception:
                log.exception("shutdown step failed")
        if self.embedded_hub is not None:
            self.embedded_hub.stop()


class HubWhenStarted(HubClient):
    """The demo's hub client while its embedded hub starts (after the window's first frame): a
    request waits for the start, as the whole kiosk waited for it before, then goes where the
    hub listens. Waiting happens on the thread that asks (the sync thread, a background look-up)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.started = threading.Event()

    def _request(self, *args: Any, **kwargs: Any) -> Any:
        self.started.wait(HUB_START_WAIT_S)
        return super()._request(*args, **kwargs)


def build_runtime(settings: KioskSettings, *, demo: bool = False, hub_after_start: bool = False) -> Runtime:
    """The terminal. `hub_after_start` (the GUI in demo mode): the embedded hub starts in
    `Runtime.start()`, on a thread, instead of here."""
    heap.limit_arenas()  # before the first thread: see kiosk/heap.py
    data_dir = Path(settings.terminal.data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    setup_logging(data_dir, settings.sync.log_retention_days, rotating=False)  # rotate_daily() in start()
    secrets = SecretFiles(data_dir / "secrets")
    parsed = ParsedCache(data_dir / PARSED_CATALOG)
    checked = _CheckedCatalog(parsed)
    catalog_cache = CatalogCache(data_dir / "catalog", checked, content_version=catalog_version)
    catalog = _load_catalog(catalog_cache, checked, parsed)
    terminal_id = settings.terminal.terminal_id
    embedded = None
    start_hub: Callable[[], Any] | None = None
    client_class = HubClient
    if (demo or settings.hub.embedded) and hub_after_start:
        secret = secrets.read_or_create(HUB_SECRET)
        port = _free_port()
        hub_url = f"http://127.0.0.1:{port}"
        start_hub = partial(_start_embedded_hub, data_dir, terminal_id, secret, port)
        client_class = HubWhenStarted
    elif demo or settings.hub.embedded:
        secret = secrets.read_or_create(HUB_SECRET)
        embedded = _start_embedded_hub(data_dir, terminal_id, secret)
        hub_url = embedded.url
    else:
        secret = secrets.require(HUB_SECRET, "the terminal's hub secret")
        hub_url = settings.hub.url
    devices = build_devices(settings.devices, data_dir)
    outbox = OutboxStore(data_dir / "outbox.sqlite", secrets.path(OUTBOX_KEY), config=settings.sync,
                          terminal_id=terminal_id)
    sync_cfg = settings.sync
    client = client_class(hub_url, terminal_id, secret,
                          timeout=(sync_cfg.connect_timeout_s, sync_cfg.read_timeout_s))
    runtime = Runtime(
        settings=settings,
        catalog=catalog,
        devices=devices,
        scanner=QrScanner(devices.camera) if devices.camera is not None else None,
        outbox=outbox,
        hub=client,
        sync=None,  # type: ignore[arg-type]  # set below: the heartbeat reads the runtime
        demo=demo,
        embedded_hub=embedded,
        catalog_cache=catalog_cache,
        start_hub=start_hub,
    )
    runtime.sync = SyncWorker(outbox, client, on_change=runtime.acks.note, config=settings.sync,
                              heartbeat=runtime.heartbeat, catalog_refresh=runtime.refresh_catalog)
    return runtime


class _CheckedCatalog:
    """The catalog cache's validator. At start-up it keeps the catalog it read to check the stored
    version, so the kiosk does not parse the same files again to load it (~30 ms on every
    terminal that has a catalog from the hub); after that it only checks."""

    def __init__(self, parsed: ParsedCache | None = None) -> None:
        self._parsed = parsed
        self._keeping = True
        self._kept: tuple[Path, Catalog] | None = None

    def __call__(self, directory: Path) -> list[str]:
        if not self._keeping:
            return check_catalog(directory)
        try:
            catalog = load_catalog(directory, parsed_cache=self._parsed)
        except CatalogError as exc:
            return [str(problem) for problem in exc.problems]
        self._kept = (Path(directory), catalog)
        return []

    def take(self, directory: Path | None) -> Catalog | None:
        """The catalog read from `directory` while checking it, if that is the one kept; stops keeping."""
        kept, self._kept, self._keeping = self._kept, None, False
        if kept is None or directory is None or kept[0] != Path(directory):
            return None
        return kept[1]


def _load_catalog(cache: CatalogCache, checked: _CheckedCatalog, parsed: ParsedCache) -> Catalog:
    """The last good catalog from the hub (hashed and checked again), else the built-in one;
    its YAML as the last start parsed it, when the files are the same (flows.catalog.ParsedCache)."""
    cache.verify_current()
    current = cache.current_dir()
    already = checked.take(current)
    if already is not None:
        return already
    try:
        catalog, problem = load_catalog_from(current, parsed_cache=parsed)
    except CatalogError as exc:
        raise ConfigError(f"catalog: {exc}") from None
    if problem is not None:
        log.warning("stored catalog does not load, using the built-in one: %s", problem)
    return catalog


def _start_embedded_hub(data_dir: Path, terminal_id: str, secret: str, port: int = 0) -> Any:
    """The demo hub on 127.0.0.1:`port`; if that port was taken meanwhile, on any free one."""
    from hub.errors import HubConfigError
    from hub.server import start_embedded  # demo only: a real install talks to a remote hub

    hub_dir = data_dir / "demo-hub"
    hub_dir.mkdir(parents=True, exist_ok=True)
    for chosen in dict.fromkeys((port, 0)):
        try:
            return start_embedded(
                f"sqlite:///{hub_dir / 'hub.sqlite'}", host="127.0.0.1", port=chosen,
                terminals={terminal_id: secret}, demo_data=True, catalog_follows_dir=True,
            )
        except HubConfigError:
            if chosen == 0:
                raise
            log.warning("demo hub port %d was taken; using another", chosen)
    raise AssertionError("unreachable")


def _free_port(host: str = "127.0.0.1") -> int:
    """A port free now on `host`, for the demo hub that starts a moment later."""
    import socket  # here: a terminal never needs it, and it costs ≈4 ms before the first frame

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])
