"""The versioned service catalog the hub hands to terminals.

At start-up the hub reads every catalog file (YAML, JSON, text) under the catalog
directory as opaque UTF-8 text, names the set by a content hash, and records it in
the database, so a terminal can fetch the latest version or any version it saw
before (to roll back to). The hub never interprets the files: flows/ owns them.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from hub.clock import now_text
from hub.db import Database
from hub.errors import HubConfigError

log = logging.getLogger(__name__)

DEFAULT_CATALOG_DIR = Path(__file__).resolve().parents[1] / "flows" / "catalog"
CATALOG_SUFFIXES = {".yaml", ".yml", ".json", ".txt", ".md", ".csv"}
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_FILES = 2000


@dataclass(frozen=True)
class CatalogVersion:
    version: str
    published_at: str
    files: dict[str, str]


def read_catalog_files(directory: Path) -> dict[str, str]:
    """Relative POSIX path → text of every catalog file; empty when the directory does not exist."""
    if not directory.is_dir():
        log.warning("catalog directory %s does not exist: serving an empty catalog", directory)
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


def catalog_version(files: dict[str, str]) -> str:
    """`sha256-` + the first 16 hex of SHA-256 over the sorted (path, text) pairs."""
    canonical = json.dumps(sorted(files.items()), ensure_ascii=False, separators=(",", ":"))
    return "sha256-" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


class CatalogStore:
    """Publishes catalog versions and serves them back."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self.latest_version: str | None = None

    def publish(self, files: dict[str, str]) -> CatalogVersion:
        """Record this set of files (idempotent per content) and make it the latest."""
        version = catalog_version(files)
        with self._db.transaction(write=True) as tx:
            tx.execute(
                "INSERT INTO catalog_versions (version, published_at, files) VALUES (:v, :at, :files) "
                "ON CONFLICT (version) DO NOTHING",
                {"v": version, "at": now_text(), "files": json.dumps(files, ensure_ascii=False)},
            )
        self.latest_version = version
        found = self.get(version)
        assert found is not None
        return found

    def publish_directory(self, directory: Path) -> CatalogVersion:
        return self.publish(read_catalog_files(directory))

    def get(self, version: str) -> CatalogVersion | None:
        with self._db.transaction() as tx:
            row = tx.fetchone(
                "SELECT version, published_at, files FROM catalog_versions WHERE version = :v", {"v": version}
            )
        if row is None:
            return None
        return CatalogVersion(row[0], row[1], json.loads(row[2]))

    def latest(self) -> CatalogVersion | None:
        return self.get(self.latest_version) if self.latest_version else None
