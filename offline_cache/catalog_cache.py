"""The catalog the kiosk runs on: pulled from the hub by version, checked, kept, rolled back.

A catalog is only switched to after the caller's validator (the flows layer's
catalog check, passed in so this layer needs no flows engine) has loaded it
from disk. A bad download never replaces the last good one; a current version
that stops validating (disk damage, hand edits) is rolled back to the one
before. The pointer to the current version is replaced atomically.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Literal, Protocol

from offline_cache.hub_client import HubError

log = logging.getLogger(__name__)

VERSION_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
MAX_FILES = 2000
MAX_TOTAL_BYTES = 50 * 1024 * 1024
KEEP_VERSIONS = 3
POINTER = "current.json"

Outcome = Literal["updated", "unchanged", "rejected", "unavailable"]
Validator = Callable[[Path], object]
"""Checks a catalog directory: raises, or returns a list of problems (empty = fine), like flows' checks."""


class CatalogSource(Protocol):
    def catalog(self, version: str = "latest") -> dict[str, Any]: ...


class CatalogRejected(Exception):
    """A downloaded catalog is malformed or failed validation; the last good one stays."""


@dataclass(frozen=True)
class CatalogUpdate:
    """What a refresh did: `outcome`, the version now current, and a reason when not updated."""

    outcome: Outcome
    current_version: str | None
    offered_version: str | None = None
    message: str = ""


class CatalogCache:
    """Versioned catalog files under `directory`, switched only to validated versions."""

    def __init__(self, directory: str | os.PathLike[str], validator: Validator) -> None:
        self.directory = Path(directory)
        self.versions_dir = self.directory / "versions"
        self.versions_dir.mkdir(parents=True, exist_ok=True)
        self._validator = validator

    # -- what is current -----------------------------------------------------------

    def _pointer(self) -> dict[str, Any]:
        try:
            data = json.loads((self.directory / POINTER).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {"current": None, "good": []}
        good = [v for v in data.get("good", []) if isinstance(v, str) and VERSION_RE.match(v)]
        current = data.get("current") if data.get("current") in good else (good[-1] if good else None)
        return {"current": current, "good": good}

    def _write_pointer(self, current: str | None, good: list[str]) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".pointer-")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"current": current, "good": good}, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.directory / POINTER)

    @property
    def current_version(self) -> str | None:
        return self._pointer()["current"]

    def current_dir(self) -> Path | None:
        """The directory holding the current catalog files, or None before the first good download."""
        version = self.current_version
        return self.versions_dir / version if version else None

    def good_versions(self) -> list[str]:
        return list(self._pointer()["good"])

    # -- changing it ---------------------------------------------------------------------

    def refresh(self, client: CatalogSource, version: str = "latest") -> CatalogUpdate:
        """Fetch a catalog from the hub and install it if it validates; never raises for hub trouble."""
        try:
            payload = client.catalog(version)
        except HubError as exc:
            return CatalogUpdate("unavailable", self.current_version, None, str(exc))
        return self.install(payload)

    def install(self, payload: Any) -> CatalogUpdate:
        """Check a `{version, files}` document, write it, validate it on disk, then switch to it."""
        try:
            offered, files = _parse(payload)
        except CatalogRejected as exc:
            log.warning("catalog download rejected: %s", exc)
            return CatalogUpdate("rejected", self.current_version, None, str(exc))
        pointer = self._pointer()
        if offered == pointer["current"]:
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
            log.warning("catalog %s rejected, keeping %s: %s", offered, pointer["current"], exc)
            return CatalogUpdate("rejected", pointer["current"], offered, str(exc))
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
        good = [v for v in pointer["good"] if v != offered] + [offered]
        self._write_pointer(offered, good[-KEEP_VERSIONS:])
        self._prune(good[-KEEP_VERSIONS:])
        return CatalogUpdate("updated", offered, offered)

    def verify_current(self) -> CatalogUpdate:
        """At start-up: re-validate the current version; roll back to the newest older one that passes."""
        pointer = self._pointer()
        good = list(pointer["good"])
        while good:
            candidate = good[-1]
            try:
                self._validate(self.versions_dir / candidate, candidate)
            except CatalogRejected as exc:
                log.warning("stored catalog %s no longer validates: %s", candidate, exc)
                good.pop()
                continue
            if candidate != pointer["current"] or good != pointer["good"]:
                self._write_pointer(candidate, good)
                return CatalogUpdate("updated", candidate, candidate, "rolled back to the last good catalog")
            return CatalogUpdate("unchanged", candidate, candidate)
        if pointer["good"]:
            self._write_pointer(None, [])
        return CatalogUpdate("rejected", None, None, "no stored catalog validates")

    def rollback(self) -> CatalogUpdate:
        """Go back to the previous good version (staff action)."""
        pointer = self._pointer()
        good = list(pointer["good"])
        if len(good) < 2:
            return CatalogUpdate("unchanged", pointer["current"], None, "no earlier catalog to roll back to")
        dropped = good.pop()
        self._write_pointer(good[-1], good)
        return CatalogUpdate("updated", good[-1], dropped, f"rolled back from {dropped}")

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


def _parse(payload: Any) -> tuple[str, dict[PurePosixPath, bytes]]:
    if not isinstance(payload, dict):
        raise CatalogRejected("catalog reply is not a JSON object")
    version = payload.get("version")
    if not isinstance(version, str) or not VERSION_RE.match(version):
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
