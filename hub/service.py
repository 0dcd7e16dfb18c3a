"""The hub's parts wired together over one database: what the HTTP routes call."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from hub.applications import BATCH_WAIT_S, ApplicationStore
from hub.catalog import CatalogStore
from hub.citizen_memory import CitizenMemory
from hub.credentials import SecretBox, load_or_create_key
from hub.db import Database, Transaction, open_database
from hub.demo_data import DemoDirectory, load_demo_directory
from hub.departments import DepartmentRegistry
from hub.fleet import FleetStore
from hub.inflight import InFlightKeys
from hub.matter_facts import MatterFactsBook
from hub.matter_progress import MatterProgress
from hub.models import ApplicationIn
from hub.nonces import NonceStore
from hub.notifier import WebhookConfig, WebhookNotifier
from hub.ratings import RatingStore
from hub.schema import create_schema
from hub.sessions import SupervisorSessions
from hub.settings import HubSettings
from hub.supervisors import SupervisorAccounts
from hub.terminals import TerminalRegistry

log = logging.getLogger(__name__)


@dataclass
class HubService:
    settings: HubSettings
    db: Database
    terminals: TerminalRegistry
    applications: ApplicationStore
    catalog: CatalogStore
    fleet: FleetStore
    demo: DemoDirectory
    supervisors: SupervisorAccounts
    sessions: SupervisorSessions
    nonces: NonceStore
    ratings: RatingStore
    departments: DepartmentRegistry | None = None  # progress tracking (hub/matter_progress.py)
    progress: MatterProgress | None = None
    notifier: WebhookNotifier | None = None  # only with settings.webhook_url
    memory: CitizenMemory | None = None  # each citizen's last delivery choice (hub/citizen_memory.py)

    def close(self) -> None:
        if self.notifier is not None:
            self.notifier.stop()
        self.db.close()


def open_hub(settings: HubSettings) -> HubService:
    """Open the database, create the schema, register configured terminals, publish the catalog."""
    master_key = load_or_create_key(settings.resolved_key_path())
    box = SecretBox(master_key)
    db = open_database(settings.db_url)
    try:
        create_schema(db, dedup=settings.dedup)
        terminals = TerminalRegistry(db, box)
        for terminal_id, secret in settings.terminals.items():
            terminals.register(terminal_id, secret)
        catalog = CatalogStore(db)
        catalog.seed(settings.catalog_dir, replace=settings.catalog_follows_dir)
        progress = MatterProgress(db, MatterFactsBook(catalog))
        memory = CitizenMemory(db, master_key)

        def on_created(tx: Transaction, terminal_id: str, items: list[ApplicationIn], at: str) -> None:
            progress.register(tx, terminal_id, items, at)
            memory.remember(tx, items)

        applications = ApplicationStore(
            db, InFlightKeys(db.dialect, wait_s=BATCH_WAIT_S), dedup=settings.dedup, on_created=on_created,
        )
        ratings = RatingStore(db)
        ratings.adopt_legacy_ratings()
        supervisors = SupervisorAccounts(db)
        for name, password in settings.supervisors.items():
            supervisors.add(name, password)
        demo = load_demo_directory(settings.citizens_path) if settings.demo_data else DemoDirectory()
    except BaseException:
        db.close()
        raise
    if not settings.dedup:
        log.warning("hub dedup is OFF: duplicates will be stored (negative-control tests only)")
    log.info("hub ready: %s database, catalog %s", db.dialect, catalog.latest_publication())
    fleet = FleetStore(db, applications, catalog, ratings, stale_after_s=settings.stale_after_s)
    sessions = SupervisorSessions(db, lifetime_s=settings.supervisor_session_s)
    service = HubService(
        settings, db, terminals, applications, catalog, fleet, demo, supervisors, sessions, NonceStore(db),
        ratings, DepartmentRegistry(db, box), progress, memory=memory,
    )
    if settings.webhook_url:
        service.notifier = WebhookNotifier(db, WebhookConfig(
            settings.webhook_url, settings.webhook_secret, backoff_base_s=settings.webhook_backoff_s,
            max_attempts=settings.webhook_max_attempts,
        ))
        progress.notice_queued = service.notifier.wake
        service.notifier.start()
    return service
