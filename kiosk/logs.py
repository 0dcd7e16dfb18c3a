"""Logging for a terminal: rotating daily files under <data>/logs, and no personal data in them.

Every record is written through `PersonalDataFormatter`, which refuses (does
not write) a record that carries personal data: an argument that is a tracked
personal object (an IdentityRecord), a value of a live citizen's personal
field (name, address, ID number, birth date, as devices.personal tracks them),
or anything shaped like an ID number, phone, e-mail or city-app token. In its
place one line says a record was refused and where it came from, so the
technician knows and the developer can fix the call. Files are kept for the
configured retention (at least six months), then dropped by the rotation.

Qt's own messages reach these files too, but not through a Python message
handler (that deadlocks while Qt Virtual Keyboard's QML loads): kiosk.qt_messages
turns stderr into a pipe that a reader thread logs from (`run` sets it up).
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from devices import personal

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


REFUSED = "log record refused: it carried personal data (%s, %s:%d)"


class PersonalDataFormatter(logging.Formatter):
    """Writes a record, or, in place of one carrying personal data, the line saying it was refused.

    A formatter rather than a filter that rewrites the record: the record object is shared by
    every handler and by whoever keeps it (pytest's log capture), and rewriting it would change
    what they see after the fact. Every handler the kiosk attaches formats with this class.
    """

    def format(self, record: logging.LogRecord) -> str:
        if not _carries_personal_data(record):
            return super().format(record)
        refused = logging.makeLogRecord({
            **record.__dict__, "msg": REFUSED, "args": (record.name, record.filename, record.lineno),
            "exc_info": None, "exc_text": None, "stack_info": None,
        })
        return super().format(refused)


def _carries_personal_data(record: logging.LogRecord) -> bool:
    args = record.args if isinstance(record.args, tuple) else (record.args,)
    if any(personal.is_tracked(arg) for arg in args):
        return True
    try:
        text = record.getMessage()
    except (TypeError, ValueError):  # a bad format string: judge its parts
        text = f"{record.msg} {record.args}"
    if record.exc_info:
        text += record.exc_text or logging.Formatter().formatException(record.exc_info)
    if record.stack_info:
        text += record.stack_info
    return personal.find_live_value(text) or personal.has_personal_shape(text)


def setup_logging(data_dir: Path, retention_days: int, *, level: int = logging.INFO) -> Path:
    """Attach the file handler to the root logger once per log file; returns the log file's path.

    A second call for the same folder changes nothing; a call for another folder moves the
    kiosk's log there (the old handler is closed), so the returned path is always where the
    records go.
    """
    log_dir = Path(data_dir) / "logs"
    log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = log_dir / "kiosk.log"
    root = logging.getLogger()
    for existing in [h for h in root.handlers if getattr(h, "onestop", False)]:
        if Path(existing.baseFilename) == path.absolute():  # type: ignore[attr-defined]
            return path
        root.removeHandler(existing)
        existing.close()
    handler = logging.handlers.TimedRotatingFileHandler(
        path, when="midnight", backupCount=retention_days, encoding="utf-8", delay=True
    )
    handler.onestop = True  # type: ignore[attr-defined]
    handler.setFormatter(PersonalDataFormatter(LOG_FORMAT))
    root.addHandler(handler)
    root.setLevel(min(root.level or level, level))
    return path
