"""The catalog the kiosk runs on: pulled from the hub by version, checked, kept, rolled back.

A downloaded catalog is switched to only when (1) its files hash to the version the hub
named (the caller passes the formula, flows.catalog.catalog_version, so this layer needs
no flows engine), (2) the caller's validator (flows' catalog check) passes on the files as
written to disk. A bad download never replaces the last good one. The files of every
stored version are hashed again whenever the current one is asked for (start-up, each
switch): a file changed on disk (damage, a hand edit) makes that version bad and the
newest older good one current again. A terminal offline for days keeps what it has.

Which versions are stored, which are good and which is current lives in a small SQLite
file (`cache.sqlite`, created and migrated through offline_cache.schema); the files
themselves stay plain files under `versions/<version>/`, where flows reads them.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any, Literal, Protocol

from msgspec import Struct

from offline_cache.hub_client import HubError
from offline_cache.schema import CATALOG_CACHE, open_database

log = logging.getLogger(__name__)

VERSION_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
MAX_FILES = 2000
MAX_TOTAL_BYTES = 50 * 1024 * 1024
KEEP_VERSIONS = 3
DATABASE = "cache.sqlite"

Outcome = Literal["updated", "unchanged", "rejected", "unavailable"]
Validator = Callable[[Path], object]
"""Checks a catalog directory: raises, or returns a list of problems (empty = fine), like flows' checks."""
ContentVersion = Callable[[dict[str, str]], str]
"""The version a set of files (relative path → text) must be published under (a content hash)."""


class CatalogSource(Protocol):
    def catalog(self, version: str = "latest", have: str | None = None) -> dict[str, Any] | None: ...


class CatalogRejected(Exception):
    """A downloaded or stored catalog is malformed, altered or failed validation; the last good one stays."""


class CatalogUpdate(Struct, frozen=True):
    """What a refresh did: `outcome`, the version now current, and a reason when not updated."""

    outcome: Outcome
    current_version: str | None
    offered_version: str | None = None
    message: str = ""


class CatalogCache:
    """Versioned catalog files under `directory`, switched only to verified, validated versions."""

    def __init__(
        self,
        directory: str | os.PathLike[str],
        validator: Validator,
        content_version: ContentVersion | None = None,
    ) -> None:
        self.directory = Path(directory)
        self.versions_dir = self.directory / "versions"
        self.versions_dir.mkdir(parents=True, exist_ok=True)
        self._validator = validator
        self._content_version = content_version
        self._lock = threading.RLock()
        self._conn = self._open()

    def _open(self) -> sqlite3.Connection:
        path = self.directory / DATABASE
        try:
            return open_database(path, CATALOG_CACHE, private=False)
        except sqlite3.DatabaseError as exc:
            # Only an index of files that can be fetched again: set a broken one aside, start empty.
            aside = path.with_name(f"{DATABASE}.broken-{int(time.time())}")
            log.warning("catalog cache index %s unreadable (%s); moved to %s", path, exc, aside.name)
            for suffix in ("", "-wal", "-shm"):
                if Path(f"{path}{suffix}").exists():
                    os.replace(f"{path}{suffix}", f"{aside}{suffix}")
            return open_database(path, CATALOG_CACHE, private=False)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # -- what is current -----------------------------------------------------------

    def _state(self) -> tuple[str | None, list[str]]:
        """(current, good versions oldest first) as recorded."""
        with self._lock:
            good = [r[0] for r in self._conn.execute(
                "SELECT version FROM versions WHERE good = 1 ORDER BY stored_seq"
            )]
            row = self._conn.execute("SELECT version FROM current WHERE id = 1").fetchone()
        current = row[0] if row and row[0] in good else (good[-1] if good else None)
        return current, good

    def _record(
        self,
        current: str | None,
        good: list[str],
        added: str | None = None,
        about: dict[str, Any] | None = None,
    ) -> None:
        """Write the new state in one BEGIN IMMEDIATE transaction."""
        with self._lock:
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                if added is not None:
                    seq = conn.execute("SELECT coalesce(max(stored_seq), 0) + 1 FROM versions").fetchone()[0]
                    number, published = (about or {}).get("number"), (about or {}).get("published_at")
                    conn.execute(
                        "INSERT INTO versions (version, number, published_at, stored_at, stored_seq, good)"
                        " VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (version) DO UPDATE SET"
                        " number = excluded.number, published_at = excluded.published_at,"
                        " stored_at = excluded.stored_at, stored_seq = excluded.stored_seq, good = 1",
                        (
                            added,
                            number if isinstance(number, int) and not isinstance(number, bool) else None,
                            published if isinstance(published, str) else None,
                            datetime.now(UTC).isoformat(timespec="seconds"),
                            seq,
                        ),
                    )
                placeholders = ",".join("?" * len(good))
                conn.execute(f"UPDATE versions SET good = 0 WHERE version NOT IN ({placeholders})", good)
                conn.execute(
                    "INSERT INTO current (id, version) VALUES (1, ?)"
                    " ON CONFLICT (id) DO UPDATE SET version = excluded.version",
                    (current,),
                )
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    @property
    def current_version(self) -> str | None:
        return self._state()[0]

    def current_dir(self) -> Path | None:
        """The directory holding the current catalog files, or None before the first good download."""
        version = self.current_version
        return self.versions_dir / version if version else None

    def good_versions(self) -> list[str]:
        return self._state()[1]

    def describe(self) -> dict[str, Any]:
        """For `queue --json` and staff: the current version, its hub number, when it was stored."""
        current, good = self._state()
        with self._lock:
            row = self._conn.execute(
                "SELECT number, published_at, stored_at FROM versions WHERE version = ?", (current,)
            ).fetchone()
        number, published_at, stored_at = row if row else (None, None, None)
        return {
            "catalog_version": current,
            "catalog_number": number,
            "catalog_published_at": published_at,
            "catalog_stored_at": stored_at,
            "catalog_versions_kept": good,
        }

    # -- changing it ---------------------------------------------------------------------

    def refresh(self, client: CatalogSource, version: str = "latest") -> CatalogUpdate:
        """Ask the hub for a catalog (If-None-Match: the current one) and install a new one if it
        passes; never raises for hub trouble, which only means "keep what we have"."""
        current = self.current_version
        try:
            payload = client.catalog(version, have=current)
        except HubError as exc:
            return CatalogUpdate("unavailable", current, None, str(exc))
        if payload is None:
            return CatalogUpdate("unchanged", current, current)
        return self.install(payload)

    def install(self, payload: Any) -> CatalogUpdate:
        """Check a `{version, files}` document, write it, validate it on disk, then switch to it."""
        current, good = self._state()
        try:
            offered, files = _parse(payload)
            self._check_hash(offered, files)
        except CatalogRejected as exc:
            log.warning("catalog download rejected: %s", exc)
            return CatalogUpdate("rejected", current, _offered(payload), str(exc))
        if offered == current:
            return CatalogUpdate("unchanged", offered, offered)
        staging = Path(tempfile.mkdtemp(dir=self.directory, prefix=".staging-"))
        try:
            _write_files(staging, files)
            self._validate(staging, offered)
            target = self.versions_dir / offered
            if target.exists():
                shutil.rmtree(target)
            os.replace(staging, target)
        except CatalogRejected as exc:
            log.warning("catalog %s rejected, keeping %s: %s", offered, current, exc)
            return CatalogUpdate("rejected", current, offered, str(exc))
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
        keep = ([v for v in good if v != offered] + [offered])[-KEEP_VERSIONS:]
        self._record(offered, keep, added=offered, about=payload)
        self._prune(keep)
        return CatalogUpdate("updated", offered, offered)

    def verify_current(self) -> CatalogUpdate:
        """Hash and validate the current version again; fall back to the newest older one that passes."""
        current, good = self._state()
        candidates = list(good)
        while candidates:
            candidate = candidates[-1]
            try:
                self._check_stored(candidate)
            except CatalogRejected as exc:
                log.warning("stored catalog %s refused: %s", candidate, exc)
                candidates.pop()
                continue
            if candidate != current or candidates != good:
                self._record(candidate, candidates)
                return CatalogUpdate("updated", candidate, candidate, "went back to the last good catalog")
            return CatalogUpdate("unchanged", candidate, candidate)
        if good:
            self._record(None, [])
        return CatalogUpdate("rejected", None, None, "no stored catalog passes its checks")

    def rollback(self) -> CatalogUpdate:
        """Go back to the previous good version (staff action)."""
        current, good = self._state()
        if len(good) < 2:
            return CatalogUpdate("unchanged", current, None, "no earlier catalog to roll back to")
        dropped = good.pop()
        self._record(good[-1], good)
        return CatalogUpdate("updated", good[-1], dropped, f"rolled back from {dropped}")

    # -- checks --------------------------------------------------------------------------

    def _check_hash(self, version: str, files: dict[PurePosixPath, bytes]) -> None:
        if self._content_version is None:
            return
        try:
            texts = {path.as_posix(): data.decode("utf-8") for path, data in files.items()}
        except UnicodeDecodeError as exc:
            raise CatalogRejected(f"catalog {version} holds a file that is not UTF-8 text") from exc
        actual = self._content_version(texts)
        if actual != version:
            raise CatalogRejected(f"catalog {version}: its files hash to {actual}, not to its version")

    def _check_stored(self, version: str) -> None:
        directory = self.versions_dir / version
        if not directory.is_dir():
            raise CatalogRejected(f"catalog {version} is missing from disk")
        stored = {
            PurePosixPath(path.relative_to(directory).as_posix()): path.read_bytes()
            for path in sorted(directory.rglob("*"))
            if path.is_file()
        }
        self._check_hash(version, stored)
        self._validate(directory, version)

    def _validate(self, directory: Path, version: str) -> None:
        if not directory.is_dir():
            raise CatalogRejected(f"catalog {version} is missing from disk")
        try:
            problems = self._validator(directory)
        except Exception as exc:  # the validator's own error type is the flows layer's business
            raise CatalogRejected(
                f"catalog {version} failed validation: {type(exc).__name__}: {exc}"
            ) from exc
        if isinstance(problems, list | tuple) and problems:
            shown = "; ".join(str(p) for p in problems[:3])
            raise CatalogRejected(f"catalog {version} has {len(problems)} problem(s): {shown}")

    def _prune(self, keep: list[str]) -> None:
        for child in self.versions_dir.iterdir():
            if child.name not in keep:
                shutil.rmtree(child, ignore_errors=True)


def _offered(payload: Any) -> str | None:
    version = payload.get("version") if isinstance(payload, dict) else None
    return version if isinstance(version, str) and _plain_version(version) else None


def _plain_version(version: str) -> bool:
    return VERSION_RE.match(version) is not None


def _parse(payload: Any) -> tuple[str, dict[PurePosixPath, bytes]]:
    if not isinstance(payload, dict):
        raise CatalogRejected("catalog reply is not a JSON object")
    version = payload.get("version")
    if not isinstance(version, str) or not _plain_version(version):
        raise CatalogRejected(f"catalog version {version!r} is not a plain version name")
    files = payload.get("files")
    if not isinstance(files, dict) or not files:
        raise CatalogRejected(f"catalog {version} has no files")
    if len(files) > MAX_FILES:
        raise CatalogRejected(f"catalog {version} has {len(files)} files (limit {MAX_FILES})")
    out: dict[PurePosixPath, bytes] = {}
    total = 0
    for name, content in files.items():
        path = _safe_relative(name, version)
        if isinstance(content, str):
            data = content.encode("utf-8")
        elif isinstance(content, dict | list):
            data = json.dumps(content, ensure_ascii=False, indent=1).encode("utf-8")
        else:
            raise CatalogRejected(f"catalog {version} file {name!r} is neither text nor JSON")
        total += len(data)
        if total > MAX_TOTAL_BYTES:
            raise CatalogRejected(f"catalog {version} is larger than {MAX_TOTAL_BYTES} bytes")
        out[path] = data
    return version, out


def _safe_relative(name: Any, version: str) -> PurePosixPath:
    if not isinstance(name, str) or not name or "\\" in name or "\x00" in name:
        raise CatalogRejected(f"catalog {version} has an unusable file name {name!r}")
    path = PurePosixPath(name)
    if path.is_absolute() or any(part in ("", ".", "..") for part in path.parts) or name.startswith("."):
        raise CatalogRejected(f"catalog {version} file name {name!r} points outside the catalog")
    return path


def _write_files(root: Path, files: dict[PurePosixPath, bytes]) -> None:
    for relative, data in files.items():
        target = root.joinpath(*relative.parts)
        if target.exists() and target.is_dir():
            raise CatalogRejected(f"catalog file {relative} collides with a folder")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        except OSError as exc:
            raise CatalogRejected(f"catalog file {relative} cannot be written: {exc.strerror}") from exc
