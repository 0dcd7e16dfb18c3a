"""The hub's parts wired together over one database: what the HTTP routes call."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from hub.applications import ApplicationStore
from hub.catalog import CatalogStore
from hub.credentials import SecretBox, load_or_create_key
from hub.db import Database, open_database
from hub.demo_data import DemoDirectory, load_demo_directory
from hub.fleet import FleetStore
from hub.inflight import InFlightKeys
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
    ratings: RatingStore

    def close(self) -> None:
        self.db.close()


def open_hub(settings: HubSettings) -> HubService:
    """Open the database, create the schema, register configured terminals, publish the catalog."""
    box = SecretBox(load_or_create_key(settings.resolved_key_path()))
    db = open_database(settings.db_url)
    try:
        create_schema(db, dedup=settings.dedup)
        terminals = TerminalRegistry(db, box)
        for terminal_id, secret in settings.terminals.items():
            terminals.register(terminal_id, secret)
        applications = ApplicationStore(db, InFlightKeys(), dedup=settings.dedup)
        catalog = CatalogStore(db)
        catalog.seed(settings.catalog_dir, replace=settings.catalog_follows_dir)
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
    return HubService(
        settings, db, terminals, applications, catalog, fleet, demo, supervisors, sessions, ratings
    )
