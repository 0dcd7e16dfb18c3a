"""Logging for a terminal: rotating daily files under <data>/logs, and no personal data in them.

Every record is written through `PersonalDataFormatter`, which refuses (does
not write) a record that carries personal data: an argument that is a tracked
personal object (an IdentityRecord), a value of a live citizen's personal
field (name, address, ID number, birth date, as devices.personal tracks them),
or anything shaped like an ID number, phone, e-mail or city-app token. In its
place one line says a record was refused and where it came from, so the
technician knows and the developer can fix the call. Files are kept for the
configured retention (at least six months), then dropped by the rotation.

A terminal's log opens as a plain file handler on the same file (`rotating=False`), and
`rotate_daily()` puts the standard library's midnight rotation in its place after the first frame:
importing logging.handlers loads socket and pickle, ≈10 ms of a start that has nothing to rotate
(bench/README.md, "Where the remaining time goes").

Qt's own messages reach these files too, but not through a Python message
handler (that deadlocks while Qt Virtual Keyboard's QML loads): kiosk.qt_messages
turns stderr into a pipe that a reader thread logs from (`run` sets it up).
"""

from __future__ import annotations

import logging
import os
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


def setup_logging(data_dir: Path, retention_days: int, *, level: int = logging.INFO,
                  rotating: bool = True) -> Path:
    """Attach the file handler to the root logger once per log file; returns the log file's path.

    A second call for the same folder changes nothing; a call for another folder moves the
    kiosk's log there (the old handler is closed), so the returned path is always where the
    records go. `rotating=False` (a terminal's start): a plain handler until `rotate_daily()`.
    """
    log_dir = Path(data_dir) / "logs"
    log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = log_dir / "kiosk.log"
    root = logging.getLogger()
    for existing in _kiosk_handlers():
        if Path(existing.baseFilename) == path.absolute():
            return path
        root.removeHandler(existing)
        existing.close()
    handler = _daily(path, retention_days) if rotating else StartLog(path, retention_days)
    root.addHandler(handler)
    root.setLevel(min(root.level or level, level))
    return path


class StartLog(logging.FileHandler):
    """The log file from the start to the first frame: appends as the daily handler would, and
    remembers when the file was last written before this start, which decides its rotation."""

    def __init__(self, path: Path, retention_days: int) -> None:
        try:
            self.written_before: float | None = path.stat().st_mtime
        except OSError:
            self.written_before = None
        super().__init__(path, encoding="utf-8", delay=True)
        self.retention_days = retention_days
        _as_kiosk_log(self)


def rotate_daily() -> None:
    """Put the midnight rotation in place of the start's plain handler, on the same file.

    The file's time is set back to its last write before the start, so the rotation is judged
    as if the daily handler had opened the file: a log last written yesterday is rotated out at
    the next record (the few lines of this start go with it). The new handler is attached before
    the old one leaves, so a record logged meanwhile by another thread is written, at worst twice.
    """
    root = logging.getLogger()
    for start in [h for h in _kiosk_handlers() if isinstance(h, StartLog)]:
        path = Path(start.baseFilename)
        start.acquire()
        try:
            start.flush()
            if start.written_before is not None and path.exists():
                os.utime(path, (start.written_before, start.written_before))
            root.addHandler(_daily(path, start.retention_days))
            root.removeHandler(start)
        finally:
            start.release()
        start.close()


def _daily(path: Path, retention_days: int) -> logging.FileHandler:
    import logging.handlers

    return _as_kiosk_log(logging.handlers.TimedRotatingFileHandler(
        path, when="midnight", backupCount=retention_days, encoding="utf-8", delay=True
    ))


def _as_kiosk_log(handler: logging.FileHandler) -> logging.FileHandler:
    """Marks `handler` as the kiosk's own log (setup_logging finds it again) and formats through
    the personal-data refusal."""
    handler.onestop = True  # type: ignore[attr-defined]
    handler.setFormatter(PersonalDataFormatter(LOG_FORMAT))
    return handler


def _kiosk_handlers() -> list[logging.FileHandler]:
    return [h for h in logging.getLogger().handlers if getattr(h, "onestop", False)]  # type: ignore[misc]
