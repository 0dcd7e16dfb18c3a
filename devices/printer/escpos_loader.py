"""python-escpos, imported at the first receipt or status query, its printer database cached.

Importing escpos parses its capabilities.json (~100 KB) with pure-Python YAML (~110 ms here)
unless a pickle of it lies in ESCPOS_CAPABILITIES_PICKLE_DIR, which escpos defaults to a new
mkdtemp() folder per process: every start paid the parse and left a folder in /tmp behind.
`use_cache()` (called while the devices are built, on the main thread, before any thread starts)
points escpos at the user's cache folder; `import_escpos()` writes the pickle there from the same
file read as JSON (< 1 ms, the same data), atomically, before escpos is imported, so no process
ever reads a half-written pickle. Where the folder cannot be made, escpos keeps its own default.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import platform
import sys
import tempfile
import threading
from pathlib import Path

log = logging.getLogger(__name__)

PICKLE_DIR_ENV = "ESCPOS_CAPABILITIES_PICKLE_DIR"
CAPABILITIES_FILE_ENV = "ESCPOS_CAPABILITIES_FILE"
_lock = threading.Lock()


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "onestop-kiosk" / "escpos"


def use_cache() -> None:
    """Point python-escpos at the cache folder (escpos reads the variable when it is imported).
    Changes the environment: call on the main thread before other threads run."""
    if PICKLE_DIR_ENV in os.environ or "escpos.capabilities" in sys.modules:
        return
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return
    os.environ[PICKLE_DIR_ENV] = str(folder)


def import_escpos() -> None:
    """Import python-escpos once, with a fresh capabilities pickle in place first."""
    if "escpos.capabilities" in sys.modules:
        return
    with _lock:
        folder = os.environ.get(PICKLE_DIR_ENV)
        if folder and CAPABILITIES_FILE_ENV not in os.environ:
            _write_pickle(Path(folder))
        import escpos.capabilities  # noqa: F401  # the import is the point


def _write_pickle(folder: Path) -> None:
    import pickle  # here, at the first receipt: the loader itself is imported before the first frame

    spec = importlib.util.find_spec("escpos")
    if spec is None or not spec.submodule_search_locations:
        return
    source = Path(next(iter(spec.submodule_search_locations))) / "capabilities.json"
    target = folder / f"{platform.python_version()}.capabilities.pickle"
    try:
        if target.is_file() and target.stat().st_mtime >= source.stat().st_mtime:
            return
        data = json.loads(source.read_text(encoding="utf-8"))
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                pickle.dump(data, out, protocol=2)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except (OSError, ValueError) as exc:  # escpos then parses the file itself, as it always did
        log.warning("printer database cache not written: %s", type(exc).__name__)
