"""A terminal's log: a plain handler until the first frame, then the midnight rotation on the same file."""

from __future__ import annotations

import logging
import logging.handlers
import os
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from kiosk.logs import StartLog, rotate_daily, setup_logging


@pytest.fixture
def root_logger() -> Iterator[logging.Logger]:
    root = logging.getLogger()
    level = root.level
    yield root
    for handler in [h for h in root.handlers if getattr(h, "onestop", False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def _kiosk_handlers(root: logging.Logger) -> list[logging.Handler]:
    return [h for h in root.handlers if getattr(h, "onestop", False)]


def test_the_start_logs_to_the_file_and_the_rotation_takes_over_the_same_file(
    tmp_path: Path, root_logger: logging.Logger
) -> None:
    path = setup_logging(tmp_path, retention_days=180, rotating=False)
    assert [type(h) for h in _kiosk_handlers(root_logger)] == [StartLog]
    logging.getLogger("test.start").info("before the first frame")
    rotate_daily()
    handlers = _kiosk_handlers(root_logger)
    assert [type(h) for h in handlers] == [logging.handlers.TimedRotatingFileHandler]
    assert Path(handlers[0].baseFilename) == path.absolute()  # type: ignore[attr-defined]
    logging.getLogger("test.start").info("after the first frame")
    rotate_daily()  # a second call finds nothing to swap
    assert len(_kiosk_handlers(root_logger)) == 1
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [line.split(": ", 1)[1] for line in lines] == ["before the first frame", "after the first frame"]


def test_a_log_last_written_yesterday_is_rotated_out_at_the_next_record(
    tmp_path: Path, root_logger: logging.Logger
) -> None:
    path = tmp_path / "logs" / "kiosk.log"
    path.parent.mkdir()
    path.write_text("yesterday's record\n", encoding="utf-8")
    yesterday = datetime.now() - timedelta(days=1)
    os.utime(path, (yesterday.timestamp(), yesterday.timestamp()))
    setup_logging(tmp_path, retention_days=180, rotating=False)
    logging.getLogger("test.start").info("this start")
    rotate_daily()
    logging.getLogger("test.start").info("after the first frame")
    rotated = path.with_name(f"kiosk.log.{yesterday:%Y-%m-%d}")
    assert rotated.read_text(encoding="utf-8").startswith("yesterday's record\n")
    assert path.read_text(encoding="utf-8").splitlines()[-1].endswith("after the first frame")
    assert "yesterday's record" not in path.read_text(encoding="utf-8")


def test_a_log_written_today_stays_the_current_file(tmp_path: Path, root_logger: logging.Logger) -> None:
    path = tmp_path / "logs" / "kiosk.log"
    path.parent.mkdir()
    path.write_text("today's earlier record\n", encoding="utf-8")
    midnight = datetime.now().replace(hour=0, minute=0, second=0, microsecond=0).timestamp()
    earlier = max(midnight + 1, time.time() - 60)
    os.utime(path, (earlier, earlier))
    setup_logging(tmp_path, retention_days=180, rotating=False)
    rotate_daily()
    logging.getLogger("test.start").info("after the first frame")
    assert sorted(p.name for p in path.parent.iterdir()) == ["kiosk.log"]
    assert path.read_text(encoding="utf-8").startswith("today's earlier record\n")
