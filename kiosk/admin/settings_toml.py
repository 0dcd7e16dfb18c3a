"""Write the terminal's settings back to its TOML file, atomically and without secrets.

The staff settings screen saves here after `validate_form` accepted the values.
The sections are flat (key = value), so a small writer of our own covers them
(tomllib reads, the standard library has no writer); a hypothesis test holds
that what is written reads back equal. The file is replaced in one step (temp
file + fsync + rename + fsync of the folder), so a power cut leaves the old or
the new file, never half of one. Keys that look like secrets are refused:
credentials, keys and the PIN hash live in files under `secrets/`, never here.
"""

from __future__ import annotations

import contextlib
import math
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.settings import KioskSettings

_SECRET_WORDS = frozenset(
    {"secret", "password", "passwd", "token", "pin", "key", "credential", "credentials"}
)
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


class SettingsWriteError(Exception):
    """The settings file could not be written; the message says what to fix (nothing was changed)."""


def settings_toml(settings: KioskSettings) -> str:
    """The whole settings as TOML text: one table per section, None values left out."""
    lines = [
        "# OneStop Kiosk terminal settings.",
        f"# Written by the staff settings screen at {datetime.now(UTC).isoformat(timespec='seconds')}.",
        "# Secrets (hub credentials, keys, the staff PIN) are never kept here but under secrets/.",
    ]
    for section, content in settings.model_dump().items():
        lines.append("")
        lines.append(f"[{section}]")
        for name, value in content.items():
            _refuse_secret(f"{section}.{name}")
            if value is None:
                continue
            lines.append(f"{name} = {toml_value(value)}")
    return "\n".join(lines) + "\n"


def _refuse_secret(key: str) -> None:
    words = set(key.lower().replace(".", "_").split("_"))
    if words & _SECRET_WORDS:
        raise SettingsWriteError(
            f"{key} looks like a secret; secrets belong under secrets/, not in the config file"
        )


def toml_value(value: Any) -> str:
    """One TOML value: string, boolean, integer, float or array of those."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str | Path):
        return toml_string(str(value))
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    raise SettingsWriteError(f"cannot write a {type(value).__name__} value to the settings file")


def toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        elif 0xD800 <= ord(char) <= 0xDFFF:
            raise SettingsWriteError("the text contains a broken character (lone surrogate)")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def write_settings(path: Path, settings: KioskSettings) -> None:
    """Replace the file at `path` with `settings` in one step; SettingsWriteError on failure."""
    path = Path(path)
    text = settings_toml(settings)
    folder = path.parent
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o644
    except OSError as exc:
        raise SettingsWriteError(f"{path}: cannot read its permissions ({exc.strerror})") from None
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise SettingsWriteError(f"{folder}: cannot write there ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(text.encode("utf-8"))
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
