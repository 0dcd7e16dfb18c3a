"""Logging for a terminal: rotating daily files under <data>/logs, no PII, Qt's messages included.

Every record passes one redacting filter (ID numbers, phones, names, tokens) on
the handler, so no module can leak PII by accident. Files are kept for the
configured retention (at least six months), then dropped by the rotation.

Qt's own messages are deliberately NOT routed into Python logging: a Python
message handler deadlocks while Qt Virtual Keyboard's QML loads (Qt calls the
handler from its type-loader thread while the GUI thread holds the GIL inside
setSource). They go to stderr, which systemd's journal keeps.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from devices.diagnostics import RedactingLogFilter

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(data_dir: Path, retention_days: int, *, level: int = logging.INFO) -> Path:
    """Attach the file handler to the root logger once; returns the log file's path."""
    log_dir = Path(data_dir) / "logs"
    log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = log_dir / "kiosk.log"
    root = logging.getLogger()
    if any(getattr(h, "onestop", False) for h in root.handlers):
        return path
    handler = logging.handlers.TimedRotatingFileHandler(
        path, when="midnight", backupCount=retention_days, encoding="utf-8", delay=True
    )
    handler.onestop = True  # type: ignore[attr-defined]
    handler.addFilter(RedactingLogFilter())
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.addHandler(handler)
    root.setLevel(min(root.level or level, level))
    return path
