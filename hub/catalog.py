"""The versioned service catalog the hub hands to terminals: published, numbered, served by ETag.

Departments change forms and materials centrally (the seed's 唯一数据源). A catalog folder
is published with `python main.py hub publish-catalog DIR --db URL`, which first runs the
same checks as `flows check` and refuses a broken folder with file:line and field, leaving
the published version as it was. Each publication gets the next number; the version
itself is the content hash (flows.catalog.catalog_version, the formula the terminal
checks the download against and records in every application). Publishing the content
of an older version again makes it the newest under a new number (a roll-back).

The latest publication is read from the database on every request, so a publication made
by the CLI while the hub runs (or by another hub process) is served at once. Terminals ask
with `If-None-Match: "<version>"` and get a bodiless 304 while nothing changed.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from flows.catalog import catalog_version, read_checked_catalog
from hub.clock import now_text
from hub.db import Database
from hub.errors import HubConfigError

log = logging.getLogger(__name__)

DEFAULT_CATALOG_DIR = Path(__file__).resolve().parents[1] / "flows" / "catalog"
CATALOG_SUFFIXES = {".yaml", ".yml", ".json", ".txt", ".md", ".csv"}
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_FILES = 2000

__all__ = ["CatalogRefused", "CatalogStore", "CatalogVersion", "catalog_version", "read_catalog_files"]


@dataclass(frozen=True)
class CatalogVersion:
    version: str
    published_at: str
    files: dict[str, str]
    number: int | None = None  # the publication number; None for content never published as latest


@dataclass(frozen=True)
class Publication:
    """What `publish` did: the version now latest, its number, and whether anything changed."""

    version: str
    number: int
    changed: bool
    files: int


class CatalogRefused(HubConfigError):
    """A catalog folder failed the flows checks; `problems` are `file:line: path: message` lines."""

    def __init__(self, directory: Path, problems: list[str]) -> None:
        self.problems = problems
        shown = "\n  ".join(problems[:20])
        more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(
            f"catalog {directory} refused, {len(problems)} problem(s); the published version is unchanged:"
            f"\n  {shown}{more}"
        )


def read_catalog_files(directory: Path) -> dict[str, str]:
    """Relative POSIX path → text of every catalog file, read as opaque text (start-up seeding)."""
    if not directory.is_dir():
        log.warning("catalog directory %s does not exist: nothing to seed", directory)
        return {}
    files: dict[str, str] = {}
    for path in sorted(directory.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in CATALOG_SUFFIXES:
            continue
        if len(files) >= MAX_FILES:
            raise HubConfigError(f"catalog directory {directory} holds more than {MAX_FILES} files")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise HubConfigError(f"catalog file {path} is larger than {MAX_FILE_BYTES} bytes")
        try:
            files[path.relative_to(directory).as_posix()] = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise HubConfigError(f"catalog file {path} is not UTF-8 text") from exc
    return files


def checked_catalog_files(directory: Path) -> dict[str, str]:
    """The files flows reads from `directory`, after every check of `flows check`; CatalogRefused else."""
    files, problems = read_checked_catalog(directory)
    if problems:
        raise CatalogRefused(directory, problems)
    return files


class CatalogStore:
    """Publishes catalog versions and serves them back."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def publish(self, files: dict[str, str]) -> Publication:
        """Make these files the latest catalog under the next number; unchanged if they already are."""
        if not files:
            raise HubConfigError("an empty catalog cannot be published")
        version = catalog_version(files)
        with self._db.transaction(write=True) as tx:
            if self._db.dialect == "postgres":
                tx.execute("SELECT pg_advisory_xact_lock(7152027)")  # one publisher at a time
            latest = tx.fetchone(
                "SELECT number, version FROM catalog_publications ORDER BY number DESC LIMIT 1"
            )
            if latest is not None and latest[1] == version:
                return Publication(version, int(latest[0]), False, len(files))
            at = now_text()
            tx.execute(
                "INSERT INTO catalog_versions (version, published_at, files) VALUES (:v, :at, :files) "
                "ON CONFLICT (version) DO NOTHING",
                {"v": version, "at": at, "files": json.dumps(files, ensure_ascii=False)},
            )
            row = tx.fetchone(
                "INSERT INTO catalog_publications (version, published_at) VALUES (:v, :at) RETURNING number",
                {"v": version, "at": at},
            )
        assert row is not None
        log.info("catalog %s published as number %s (%d files)", version, row[0], len(files))
        return Publication(version, int(row[0]), True, len(files))

    def publish_checked(self, directory: Path) -> Publication:
        """Check a catalog folder as `flows check` does, then publish it (CatalogRefused when broken)."""
        return self.publish(checked_catalog_files(directory))

    def seed(self, directory: Path, *, replace: bool = False) -> Publication | None:
        """At start-up: publish `directory` when the hub has no catalog yet (or, with `replace`, when it
        differs from the latest: the demo hub follows the built-in catalog).

        A folder that passes flows' checks is published as publish-catalog would (the files flows
        reads, so the version is the one terminals compute); any other folder as opaque text files.
        """
        if self.latest_version is not None and not replace:
            return None
        files, problems = read_checked_catalog(directory) if directory.is_dir() else ({}, ["missing"])
        if problems:
            log.info("catalog folder %s fails flows' checks: seeding its files as they are", directory)
            files = read_catalog_files(directory)
        return self.publish(files) if files else None

    def get(self, version: str) -> CatalogVersion | None:
        with self._db.transaction() as tx:
            row = tx.fetchone(
                "SELECT v.version, v.published_at, v.files, "
                "(SELECT max(p.number) FROM catalog_publications p WHERE p.version = v.version) "
                "FROM catalog_versions v WHERE v.version = :v",
                {"v": version},
            )
        if row is None:
            return None
        return CatalogVersion(row[0], row[1], json.loads(row[2]), int(row[3]) if row[3] is not None else None)

    def latest_publication(self) -> tuple[str, int] | None:
        """(version, number) of the newest publication: one small row, read on every request."""
        with self._db.transaction() as tx:
            row = tx.fetchone("SELECT version, number FROM catalog_publications ORDER BY number DESC LIMIT 1")
        return (row[0], int(row[1])) if row else None

    @property
    def latest_version(self) -> str | None:
        latest = self.latest_publication()
        return latest[0] if latest else None

    def latest(self) -> CatalogVersion | None:
        latest = self.latest_publication()
        return self.get(latest[0]) if latest else None

    def numbers(self) -> dict[str, int]:
        """version → its newest publication number (the fleet page tells who is behind)."""
        with self._db.transaction() as tx:
            rows = tx.fetchall("SELECT version, max(number) FROM catalog_publications GROUP BY version")
        return {r[0]: int(r[1]) for r in rows}
