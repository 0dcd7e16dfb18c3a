"""Write the terminal's settings back to its TOML file, as a person would edit it.

The staff settings screen saves here after `validate_form` accepted the values.
The file is the technician's as much as ours: tomlkit (a maintained,
style-preserving TOML library) parses it, only the keys whose value changed are
rewritten, and every comment, blank line, key order and unknown-to-us layout
stays as it was. A key missing from the file is added only when its new value
differs from the default, so a short file stays short.

The file is replaced in one step (temp file + fsync + rename + fsync of the
folder), so a power cut leaves the old or the new file, never half of one.
Keys that look like secrets are refused: credentials, keys and the PIN hash
live in files under `secrets/`, never here.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError
from tomlkit.toml_document import TOMLDocument

from kiosk.settings import KioskSettings, section_values

_SECRET_WORDS = frozenset(
    {"secret", "password", "passwd", "token", "pin", "key", "credential", "credentials"}
)
_HEADER = (
    "OneStop Kiosk terminal settings (see README, Configuration).",
    "Secrets (hub credentials, keys, the staff PIN) are never kept here but under secrets/.",
)


class SettingsWriteError(Exception):
    """The settings file could not be written; the message says what to fix (nothing was changed)."""


def updated_toml(settings: KioskSettings, existing: str = "") -> str:
    """`existing` TOML text with the keys whose value differs from `settings` rewritten.

    An empty `existing` gives a new file holding only what differs from the defaults.
    Raises SettingsWriteError when `existing` is not TOML (the file was changed by hand
    since the kiosk read it) or a value cannot be written.
    """
    document = _parse(existing)
    defaults = _plain_values(KioskSettings())
    for key, value in _plain_values(settings).items():
        _refuse_secret(key)
        section, name = key.split(".", 1)
        table = document.get(section)
        present = table is not None and name in table
        if value is None:
            if present:
                del table[name]
            continue
        if present:
            if _unwrap(table[name]) != value:
                table[name] = value
        elif value != defaults.get(key):
            if table is None:
                table = tomlkit.table()
                document[section] = table
            table[name] = value
    return document.as_string()


def _parse(existing: str) -> TOMLDocument:
    if not existing.strip():
        document = tomlkit.document()
        for line in _HEADER:
            document.add(tomlkit.comment(line))
        return document
    try:
        return tomlkit.parse(existing)
    except TOMLKitError as exc:
        raise SettingsWriteError(
            f"the settings file was changed by hand and is no longer valid TOML ({exc}); nothing was written"
        ) from None


def _plain_values(settings: KioskSettings) -> dict[str, Any]:
    """Every key's value as TOML-ready Python (paths as text), keyed `section.name`."""
    values: dict[str, Any] = {}
    for section, content in section_values(settings).items():
        for name, value in content.items():
            values[f"{section}.{name}"] = str(value) if isinstance(value, Path) else value
    return values


def _unwrap(item: Any) -> Any:
    return item.unwrap() if hasattr(item, "unwrap") else item


def _refuse_secret(key: str) -> None:
    words = set(key.lower().replace(".", "_").split("_"))
    if words & _SECRET_WORDS:
        raise SettingsWriteError(
            f"{key} looks like a secret; secrets belong under secrets/, not in the config file"
        )


def write_settings(path: Path, settings: KioskSettings) -> None:
    """Rewrite the changed keys of the file at `path` in one step; SettingsWriteError on failure."""
    path = Path(path)
    try:
        existing = path.read_text(encoding="utf-8")
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        existing, mode = "", 0o644
    except (OSError, UnicodeDecodeError) as exc:
        why = getattr(exc, "strerror", None) or "not UTF-8 text"
        raise SettingsWriteError(f"{path}: cannot read it ({why}); nothing was changed") from None
    try:
        data = updated_toml(settings, existing).encode("utf-8")
    except UnicodeEncodeError:
        raise SettingsWriteError("the text contains a broken character (lone surrogate)") from None
    _replace_atomically(path, data, mode)


def _replace_atomically(path: Path, data: bytes, mode: int) -> None:
    folder = path.parent
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise SettingsWriteError(f"{folder}: cannot write there ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        why = exc.strerror or exc
        raise SettingsWriteError(f"{path}: cannot save ({why}); nothing was changed") from None
